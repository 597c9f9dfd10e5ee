// Study files: every validation error kind, each at its exact file:line:col with its message,
// and a valid study with every value read and every default applied.
// Columns are 1-based; for `key = value` the value starts at len(key) + 4.
#include "study_fixture.hpp"

namespace eqroi::test {
namespace {

// ---------------------------------------------------------------- a valid study, every value

const std::string kFull = R"([study]
name = "Replace the ageing CNC machining centre"
currency = "EUR"
start_date = 2027-03-15
horizon_years = 10
periods = "yearly"
discount_rate = 0.08
inflation = 0.02
tax_rate = 0.25
baseline = "keep"

[[alternative]]
id = "keep"
name = "Keep the old machine"
[alternative.equipment]
operating_hours_per_year = 4000
rated_power = 15
[alternative.models.study_test]
preventive_fixed = 5000

[[alternative]]
id = "buy"
[alternative.capital]
price = 250000
installation = 12000
commissioning = 3000
trade_in = 20000
disposal_cost = 1500
salvage_value = 40000
depreciation_years = 7
[alternative.equipment]
operating_hours_per_year = 5000
shift_pattern = "triple"
[alternative.models.study_test_energy]
kwh_price = 0.15
[alternative.models.study_test]
rated_power = 22
technicians = 2
include_overhaul = true
cost_basis = "subcontract"
extra_costs = [0, 100, 200.5]
)";

TEST_F(StudyTest, ValidStudyReadsEveryValue) {
    const Study s = parse(kFull);
    EXPECT_EQ(s.file, "plant.toml");
    EXPECT_EQ(s.settings.name, "Replace the ageing CNC machining centre");
    EXPECT_EQ(s.settings.currency, "EUR");
    EXPECT_EQ(s.settings.start_date.year, 2027);
    EXPECT_EQ(s.settings.start_date.month, 3);
    EXPECT_EQ(s.settings.start_date.day, 15);
    EXPECT_EQ(s.settings.horizon_years, 10);
    EXPECT_EQ(s.settings.periods, PeriodUnit::year);
    EXPECT_EQ(s.settings.period_count(), 10);
    EXPECT_DOUBLE_EQ(s.settings.discount_rate, 0.08);
    EXPECT_DOUBLE_EQ(s.settings.inflation, 0.02);
    EXPECT_DOUBLE_EQ(s.settings.tax_rate, 0.25);
    EXPECT_EQ(s.settings.baseline, "keep");
    EXPECT_EQ(s.settings.where.line, 1);

    ASSERT_EQ(s.alternatives.size(), 2u);
    const Alternative& keep = s.alternatives[0];
    EXPECT_EQ(keep.id, "keep");
    EXPECT_EQ(keep.name, "Keep the old machine");
    EXPECT_EQ(keep.where.line, 12);
    EXPECT_DOUBLE_EQ(keep.capital.price, 0);
    EXPECT_EQ(keep.capital.price_where.line, 0);  // not written
    ASSERT_EQ(keep.equipment.size(), 2u);
    EXPECT_EQ(keep.equipment.at("operating_hours_per_year").values, std::vector<double>{4000});
    EXPECT_EQ(keep.equipment.at("rated_power").where.line, 17);
    EXPECT_EQ(keep.equipment.at("rated_power").where.column, 15);  // "rated_power = " is 14
    ASSERT_EQ(keep.models.size(), 1u);
    EXPECT_EQ(keep.models[0].model, "study_test");
    EXPECT_EQ(keep.models[0].params.at("preventive_fixed").values, std::vector<double>{5000});

    const Alternative& buy = s.alternatives[1];
    EXPECT_EQ(buy.name, "buy");  // name defaults to the id
    EXPECT_DOUBLE_EQ(buy.capital.price, 250000);
    EXPECT_EQ(buy.capital.price_where.line, 24);
    EXPECT_EQ(buy.capital.price_where.column, 9);
    EXPECT_DOUBLE_EQ(buy.capital.installation, 12000);
    EXPECT_DOUBLE_EQ(buy.capital.commissioning, 3000);
    EXPECT_DOUBLE_EQ(buy.capital.trade_in, 20000);
    EXPECT_DOUBLE_EQ(buy.capital.disposal_cost, 1500);
    EXPECT_DOUBLE_EQ(buy.capital.salvage_value, 40000);
    EXPECT_EQ(buy.capital.depreciation_years, 7);
    EXPECT_EQ(buy.equipment.at("shift_pattern").choice, "triple");
    // Models keep the file's order (energy first), not toml++'s sorted key order.
    ASSERT_EQ(buy.models.size(), 2u);
    EXPECT_EQ(buy.models[0].model, "study_test_energy");
    EXPECT_EQ(buy.models[1].model, "study_test");
    const auto& p = buy.models[1].params;
    EXPECT_EQ(p.at("rated_power").values, std::vector<double>{22});
    EXPECT_EQ(p.at("technicians").values, std::vector<double>{2});
    EXPECT_EQ(p.at("include_overhaul").values, std::vector<double>{1});  // true -> 1
    EXPECT_EQ(p.at("cost_basis").values, std::vector<double>{2});  // subcontract is index 2
    EXPECT_EQ(p.at("extra_costs").values, (std::vector<double>{0, 100, 200.5}));
    EXPECT_TRUE(p.at("extra_costs").per_period);
    EXPECT_FALSE(p.at("rated_power").per_period);
}

TEST_F(StudyTest, DefaultsApplyWhenKeysAreLeftOut) {
    const Study s = parse(kOneAlternative);
    EXPECT_EQ(s.settings.name, "plant");  // the file's stem
    EXPECT_EQ(s.settings.currency, "USD");
    EXPECT_EQ(s.settings.periods, PeriodUnit::year);
    EXPECT_DOUBLE_EQ(s.settings.inflation, 0);
    EXPECT_DOUBLE_EQ(s.settings.tax_rate, 0);
    EXPECT_EQ(s.settings.baseline, "keep");  // the first alternative
    EXPECT_EQ(s.alternatives[0].name, "keep");
    EXPECT_EQ(s.alternatives[0].capital.depreciation_years, 0);
    EXPECT_TRUE(s.alternatives[0].equipment.empty());
}

TEST_F(StudyTest, AcceptsInlineTablesDottedKeysDateStringsAndMonthlyPeriods) {
    const Study s = parse(R"([study]
horizon_years = 2
periods = "monthly"
discount_rate = 0.1
start_date = "2028-02-29"
[[alternative]]
id = "a-1_b"
capital = { price = 1000 }
models = { study_test = { rated_power = 1, extra_costs = [1, 2] } }
[[alternative]]
id = "b"
models.study_test.rated_power = 2
)");
    EXPECT_EQ(s.settings.period_count(), 24);  // 2 years * 12
    EXPECT_EQ(s.settings.start_date.month, 2);
    EXPECT_EQ(s.settings.start_date.day, 29);  // 2028 is a leap year
    EXPECT_DOUBLE_EQ(s.alternatives[0].capital.price, 1000);
    EXPECT_EQ(s.alternatives[0].models[0].params.at("extra_costs").values,
              (std::vector<double>{1, 2}));
    EXPECT_EQ(s.alternatives[1].models[0].params.at("rated_power").values,
              std::vector<double>{2});
}

// ---------------------------------------------------------------- syntax

TEST_F(StudyTest, SyntaxErrorCarriesPosition) {
    // "horizon_years = 10 10": the second 10 starts at column 20.
    EXPECT_EQ(problem("[study]\nhorizon_years = 10 10\n"),
              "plant.toml:2:20: Error while parsing key-value pair: expected a comment or "
              "whitespace, saw '1'");
}

// ---------------------------------------------------------------- unknown keys

TEST_F(StudyTest, UnknownKeyInStudySuggestsNearest) {
    auto ds = problems("[study]\nhorizon_yeras = 10\ndiscount_rate = 0.08\n"
                       "[[alternative]]\nid = \"keep\"\n");
    ASSERT_EQ(ds.size(), 2u);
    // Sorted by position: the missing key is reported at the [study] header.
    EXPECT_EQ(ds[0].to_string(),
              "plant.toml:1:1: missing required key 'horizon_years' in [study] (the study "
              "length, an integer 1 .. 100 years)");
    EXPECT_EQ(ds[1].to_string(),
              "plant.toml:2:1: unknown key 'horizon_yeras' in [study]; did you mean "
              "'horizon_years'?");
}

TEST_F(StudyTest, UnknownKeyWithoutCloseCandidateHasNoSuggestion) {
    EXPECT_EQ(problem(kStudy + "colour = \"red\"\n[[alternative]]\nid = \"keep\"\n"),
              "plant.toml:4:1: unknown key 'colour' in [study]");
    EXPECT_EQ(problem("notes = 1\n" + kStudy + "[[alternative]]\nid = \"keep\"\n"),
              "plant.toml:1:1: unknown key 'notes' in the top level");
}

TEST_F(StudyTest, UnknownKeyInAlternativeCapitalEquipmentAndModel) {
    EXPECT_EQ(problem(kOneAlternative + "[[alternative]]\nid = \"b\"\nnmae = \"B\"\n"),
              "plant.toml:10:1: unknown key 'nmae' in [[alternative]]; did you mean 'name'?");
    EXPECT_EQ(problem(kOneAlternative + "[alternative.capital]\nprise = 5\n"),
              "plant.toml:9:1: unknown key 'prise' in [alternative.capital]; did you mean "
              "'price'?");
    // Equipment candidates: every key of every loaded model, plus purchase_price.
    EXPECT_EQ(problem(kOneAlternative + "[alternative.equipment]\noperating_hour_per_year = 1\n"),
              "plant.toml:9:1: unknown key 'operating_hour_per_year' in [alternative.equipment]; "
              "did you mean 'operating_hours_per_year'?");
    EXPECT_EQ(problem(kOneAlternative + "preventiv_fixed = 5\n"),
              "plant.toml:8:1: unknown key 'preventiv_fixed' in [alternative.models.study_test]; "
              "did you mean 'preventive_fixed'?");
    // A key of another model is not a key of this one.
    EXPECT_EQ(problem(kOneAlternative + "kwh_price = 5\n"),
              "plant.toml:8:1: unknown key 'kwh_price' in [alternative.models.study_test]");
}

TEST_F(StudyTest, UnknownModelListsAvailableModels) {
    // "[alternative.models." is 20 characters: the model id starts at column 21.
    EXPECT_EQ(problem(kStudy + "[[alternative]]\nid = \"a\"\n[alternative.models.study_tst]\n"),
              "plant.toml:6:21: unknown model 'study_tst'; did you mean 'study_test'? "
              "available: study_test, study_test_energy");
    EXPECT_EQ(problem(kStudy + "[[alternative]]\nid = \"a\"\n[alternative.models.welding]\n"),
              "plant.toml:6:21: unknown model 'welding'; available: study_test, "
              "study_test_energy");
}

// ---------------------------------------------------------------- types

TEST_F(StudyTest, WrongTypeNamesTheExpectedType) {
    EXPECT_EQ(problem("[study]\nhorizon_years = \"10\"\ndiscount_rate = 0.08\n"
                      "[[alternative]]\nid = \"k\"\n"),
              "plant.toml:2:17: 'horizon_years' expects an integer, got a string");
    EXPECT_EQ(problem("[study]\nhorizon_years = 10.5\ndiscount_rate = 0.08\n"
                      "[[alternative]]\nid = \"k\"\n"),
              "plant.toml:2:17: 'horizon_years' expects an integer, got a float (10.5)");
    EXPECT_EQ(problem("[study]\nhorizon_years = 10\ndiscount_rate = \"8%\"\n"
                      "[[alternative]]\nid = \"k\"\n"),
              "plant.toml:3:17: 'discount_rate' expects a number, got a string");
    EXPECT_EQ(problem(kOneAlternative + "preventive_fixed = \"5000\"\n"),
              "plant.toml:8:20: 'preventive_fixed' expects a number, got a string");
    EXPECT_EQ(problem(kOneAlternative + "preventive_fixed = [1, 2]\n"),
              "plant.toml:8:20: 'preventive_fixed' expects a number, got an array");
    EXPECT_EQ(problem(kOneAlternative + "technicians = 2.5\n"),
              "plant.toml:8:15: 'technicians' expects an integer, got a float (2.5)");
    EXPECT_EQ(problem(kOneAlternative + "extra_costs = 5\n"),
              "plant.toml:8:15: 'extra_costs' expects an array of numbers, one per period "
              "0..10, got an integer");
    EXPECT_EQ(problem(kOneAlternative + "[alternative.capital]\nprice = \"lots\"\n"),
              "plant.toml:9:9: 'price' expects a number, got a string");
    EXPECT_EQ(problem(kOneAlternative + "[alternative.capital]\ndepreciation_years = 7.0\n"),
              "plant.toml:9:22: 'depreciation_years' expects an integer, got a float (7)");
}

TEST_F(StudyTest, IntegerIsAcceptedWhereANumberIsExpected) {
    const Study s = parse(kOneAlternative + "preventive_fixed = 5000\n");
    EXPECT_EQ(s.alternatives[0].models[0].params.at("preventive_fixed").values,
              std::vector<double>{5000.0});
}

TEST_F(StudyTest, BooleanParameterTakesTrueOrFalse) {
    EXPECT_EQ(problem(kOneAlternative + "include_overhaul = 1\n"),
              "plant.toml:8:20: 'include_overhaul' expects true or false, got an integer");
}

TEST_F(StudyTest, ChoiceParameterTakesOneOfTheNames) {
    EXPECT_EQ(problem(kOneAlternative + "cost_basis = \"overtme\"\n"),
              "plant.toml:8:14: unknown choice 'overtme' for 'cost_basis'; did you mean "
              "'overtime'? choices: lost_output, overtime, subcontract");
    EXPECT_EQ(problem(kOneAlternative + "cost_basis = 1\n"),
              "plant.toml:8:14: 'cost_basis' expects a name (one of lost_output, overtime, "
              "subcontract), got an integer");
    EXPECT_EQ(problem(kStudy + "periods = \"montly\"\n[[alternative]]\nid = \"k\"\n"),
              "plant.toml:4:11: unknown choice 'montly' for 'periods'; did you mean 'monthly'? "
              "choices: yearly, monthly");
}

// ---------------------------------------------------------------- ranges

TEST_F(StudyTest, ValueOutsideRangeGivesRangeAndUnit) {
    EXPECT_EQ(problem("[study]\nhorizon_years = 10\ndiscount_rate = 12\n"
                      "[[alternative]]\nid = \"k\"\n"),
              "plant.toml:3:17: 'discount_rate' = 12 is outside -0.99 .. 10 fraction/yr");
    EXPECT_EQ(problem(kOneAlternative + "preventive_fixed = -5\n"),
              "plant.toml:8:20: 'preventive_fixed' = -5 is outside 0 .. 1000000 currency/yr");
    EXPECT_EQ(problem(kOneAlternative + "technicians = 21\n"),
              "plant.toml:8:15: 'technicians' = 21 is outside 0 .. 20");
    EXPECT_EQ(problem(kOneAlternative + "[alternative.capital]\nprice = -1\n"),
              "plant.toml:9:9: 'price' = -1 must be >= 0 USD");
    EXPECT_EQ(problem(kStudy + "tax_rate = 1.5\n[[alternative]]\nid = \"k\"\n"),
              "plant.toml:4:12: 'tax_rate' = 1.5 is outside 0 .. 1 fraction");
}

TEST_F(StudyTest, HorizonMustBeOneToHundredYears) {
    EXPECT_EQ(problem("[study]\nhorizon_years = 150\ndiscount_rate = 0.08\n"
                      "[[alternative]]\nid = \"k\"\n"),
              "plant.toml:2:17: 'horizon_years' = 150 is outside 1 .. 100 years");
    EXPECT_EQ(problem("[study]\nhorizon_years = 0\ndiscount_rate = 0.08\n"
                      "[[alternative]]\nid = \"k\"\n"),
              "plant.toml:2:17: 'horizon_years' = 0 is outside 1 .. 100 years");
}

TEST_F(StudyTest, PerPeriodArrayLengthAndElements) {
    const std::string two_years = "[study]\nhorizon_years = 2\ndiscount_rate = 0.08\n"
                                  "[[alternative]]\nid = \"k\"\n[alternative.models.study_test]\n"
                                  "rated_power = 1\n";
    // Periods 0..2: at most 3 values.
    EXPECT_EQ(problem(two_years + "extra_costs = [1, 2, 3, 4]\n"),
              "plant.toml:8:15: 'extra_costs' has 4 values, more than the 3 periods 0..2 of the "
              "study");
    // "extra_costs = [0, " is 18 characters: the -5 starts at column 19.
    EXPECT_EQ(problem(two_years + "extra_costs = [0, -5]\n"),
              "plant.toml:8:19: 'extra_costs'[1] = -5 is outside 0 .. 1000000 currency");
    // load_factor's range 0.1 .. 1 excludes the zeros that would pad periods 1..2.
    EXPECT_EQ(problem(two_years + "load_factor = [0.5]\n"),
              "plant.toml:8:15: 'load_factor' has 1 values; periods 1..2 would be 0, outside "
              "0.1 .. 1 fraction: give all 3");
}

TEST_F(StudyTest, EquipmentIsCheckedAgainstEveryModelThatDeclaresTheKey) {
    const std::string both = kOneAlternative + "[alternative.models.study_test_energy]\n"
                                               "[alternative.equipment]\n";
    // 7000 h/yr fits study_test (0 .. 8760) but not study_test_energy (0 .. 6000).
    EXPECT_EQ(problem(both + "operating_hours_per_year = 7000\n"),
              "plant.toml:10:28: equipment 'operating_hours_per_year' = 7000 is outside 0 .. "
              "6000 h/yr declared by model 'study_test_energy'");
    auto ds = problems(both + "operating_hours_per_year = \"many\"\n");
    ASSERT_EQ(ds.size(), 2u);
    EXPECT_EQ(ds[0].to_string(),
              "plant.toml:10:28: equipment 'operating_hours_per_year' expects a number for model "
              "'study_test', got a string");
    EXPECT_EQ(ds[1].to_string(),
              "plant.toml:10:28: equipment 'operating_hours_per_year' expects a number for model "
              "'study_test_energy', got a string");
    // A key no model of this alternative declares is kept without a range check.
    const Study s = parse(kOneAlternative + "[alternative.equipment]\nkwh_price = 99\n");
    EXPECT_EQ(s.alternatives[0].equipment.at("kwh_price").values, std::vector<double>{99});
}

TEST_F(StudyTest, ImpliedValuesMustFitTheModelRange) {
    // capital.price becomes study_test's purchase_price, whose range is 0 .. 1e7.
    EXPECT_EQ(problem(kOneAlternative + "[alternative.capital]\nprice = 20000000\n"),
              "plant.toml:9:9: capital 'price' = 20000000 is outside 0 .. 10000000 currency, the "
              "range of 'purchase_price' declared by model 'study_test'; give 'purchase_price' "
              "in [alternative.models.study_test]");
    // inflation becomes study_test's escalation, whose range is -0.1 .. 0.5.
    EXPECT_EQ(problem("[study]\nhorizon_years = 10\ndiscount_rate = 0.08\ninflation = 0.6\n"
                      "[[alternative]]\nid = \"k\"\n[alternative.models.study_test]\n"
                      "rated_power = 1\n"),
              "plant.toml:4:13: 'inflation' = 0.6 is used as the 'escalation' of model "
              "'study_test' and is outside -0.1 .. 0.5 fraction/yr; give 'escalation' in "
              "[alternative.models.study_test]");
    // Given in the model table, the implied value is not used and not checked.
    parse("[study]\nhorizon_years = 10\ndiscount_rate = 0.08\ninflation = 0.6\n"
          "[[alternative]]\nid = \"k\"\n[alternative.models.study_test]\n"
          "rated_power = 1\nescalation = 0.03\n");
}

// ---------------------------------------------------------------- missing values

TEST_F(StudyTest, MissingRequiredValues) {
    EXPECT_EQ(problem("[study]\nhorizon_years = 10\n[[alternative]]\nid = \"k\"\n"),
              "plant.toml:1:1: missing required key 'discount_rate' in [study] (yearly nominal "
              "rate as a fraction, e.g. 0.08)");
    EXPECT_EQ(problem(kStudy + "[[alternative]]\nname = \"Keep\"\n"),
              "plant.toml:4:1: missing required key 'id' in [[alternative]] (alternative 1)");
    EXPECT_EQ(problem("[[alternative]]\nid = \"k\"\n"),
              "plant.toml:1:1: missing [study] table (it needs at least horizon_years and "
              "discount_rate)");
    // rated_power is EQROI_PARAM_REQUIRED; reported at the model id (column 21).
    EXPECT_EQ(problem(kStudy + "[[alternative]]\nid = \"k\"\n[alternative.models.study_test]\n"),
              "plant.toml:6:21: model 'study_test' needs 'rated_power' (Rated power, kW): give "
              "it in [alternative.models.study_test] or [alternative.equipment]");
    // Given through [equipment], it is not missing.
    const Study s = parse(kStudy + "[[alternative]]\nid = \"k\"\n[alternative.equipment]\n"
                                   "rated_power = 3\n[alternative.models.study_test]\n");
    EXPECT_EQ(s.alternatives[0].equipment.at("rated_power").values, std::vector<double>{3});
}

TEST_F(StudyTest, RequiredValueGivenWithWrongTypeIsNotAlsoMissing) {
    EXPECT_EQ(problem(kStudy + "[[alternative]]\nid = \"k\"\n[alternative.models.study_test]\n"
                               "rated_power = \"big\"\n"),
              "plant.toml:7:15: 'rated_power' expects a number, got a string");
}

// ---------------------------------------------------------------- NaN and infinity

TEST_F(StudyTest, NanAndInfinityAreRejectedAnywhere) {
    EXPECT_EQ(problem("[study]\nhorizon_years = 10\ndiscount_rate = nan\n"
                      "[[alternative]]\nid = \"k\"\n"),
              "plant.toml:3:17: 'discount_rate' = nan is not a finite number");
    // "extra_costs = [0, " is 18 characters.
    EXPECT_EQ(problem(kOneAlternative + "extra_costs = [0, inf]\n"),
              "plant.toml:8:19: 'extra_costs'[1] = inf is not a finite number");
    // Even under a key that is itself wrong: both problems are reported.
    auto ds = problems(kStudy + "foo = -inf\n[[alternative]]\nid = \"k\"\n");
    ASSERT_EQ(ds.size(), 2u);
    EXPECT_EQ(ds[0].to_string(), "plant.toml:4:1: unknown key 'foo' in [study]");
    EXPECT_EQ(ds[1].to_string(), "plant.toml:4:7: 'foo' = -inf is not a finite number");
}

// ---------------------------------------------------------------- alternatives and baseline

TEST_F(StudyTest, DuplicateAlternativeId) {
    EXPECT_EQ(problem(kOneAlternative + "[[alternative]]\nid = \"keep\"\n"),
              "plant.toml:9:6: duplicate alternative id 'keep' (first used at line 5)");
}

TEST_F(StudyTest, AlternativeIdCharacters) {
    EXPECT_EQ(problem(kStudy + "[[alternative]]\nid = \"Keep It\"\n"),
              "plant.toml:5:6: 'id' = \"Keep It\" may hold only a-z, 0-9, '_' and '-'");
}

TEST_F(StudyTest, BaselineMustBeAnAlternative) {
    EXPECT_EQ(problem(kStudy + "baseline = \"kep\"\n[[alternative]]\nid = \"keep\"\n"
                               "[[alternative]]\nid = \"buy\"\n"),
              "plant.toml:4:12: baseline 'kep' is not an alternative id; did you mean 'keep'? "
              "alternatives: keep, buy");
    const Study s = parse(kStudy + "baseline = \"buy\"\n[[alternative]]\nid = \"keep\"\n"
                                   "[[alternative]]\nid = \"buy\"\n");
    EXPECT_EQ(s.settings.baseline, "buy");
}

TEST_F(StudyTest, StudyNeedsAlternatives) {
    EXPECT_EQ(problem(kStudy), "plant.toml:1:1: the study has no [[alternative]]; add at least one");
    EXPECT_EQ(problem(kStudy + "[alternative]\nid = \"k\"\n"),
              "plant.toml:4:1: 'alternative' must be an array of tables: write [[alternative]], "
              "not [alternative]");
}

TEST_F(StudyTest, TablesOfTheWrongShape) {
    auto ds = problems("alternative = [1, 2]\n" + kStudy);
    ASSERT_EQ(ds.size(), 2u);
    EXPECT_EQ(ds[0].to_string(),
              "plant.toml:1:16: 'alternative' expects [[alternative]] tables, got an integer");
    EXPECT_EQ(ds[1].to_string(),
              "plant.toml:1:19: 'alternative' expects [[alternative]] tables, got an integer");
    const std::string alt = kStudy + "[[alternative]]\nid = \"a\"\n";  // lines 4, 5
    EXPECT_EQ(problem(alt + "models = 5\n"),
              "plant.toml:6:10: 'models' expects a table of model tables "
              "([alternative.models.<id>]), got an integer");
    EXPECT_EQ(problem(alt + "[alternative.models]\nstudy_test = 3\n"),
              "plant.toml:7:14: 'study_test' in [alternative.models] expects a table of "
              "parameters, got an integer");
    EXPECT_EQ(problem(alt + "equipment = [1]\n"),
              "plant.toml:6:13: 'equipment' expects a table, got an array");
    // kwh_price is declared by a loaded model, but not by one this alternative uses.
    EXPECT_EQ(problem(alt + "[alternative.equipment]\nkwh_price = [\"x\"]\n"),
              "plant.toml:7:14: equipment 'kwh_price'[0] expects a number, got a string");
    EXPECT_EQ(problem(alt + "[alternative.equipment]\nkwh_price = { a = 1 }\n"),
              "plant.toml:7:13: equipment 'kwh_price' expects a number, true/false, a name or "
              "an array of numbers, got a table");
}

TEST_F(StudyTest, SettingsFormats) {
    EXPECT_EQ(problem(kStudy + "currency = \"eur\"\n[[alternative]]\nid = \"k\"\n"),
              "plant.toml:4:12: 'currency' = \"eur\" is not an ISO 4217 code (three capital "
              "letters such as \"EUR\")");
    EXPECT_EQ(problem(kStudy + "start_date = \"2027-02-30\"\n[[alternative]]\nid = \"k\"\n"),
              "plant.toml:4:14: 'start_date' = \"2027-02-30\" is not a date (YYYY-MM-DD)");
    EXPECT_EQ(problem(kStudy + "start_date = 2027\n[[alternative]]\nid = \"k\"\n"),
              "plant.toml:4:14: 'start_date' expects a date such as 2027-01-01, got an integer");
}

TEST_F(StudyTest, EveryProblemIsReportedInFileOrder) {
    auto ds = problems(R"([study]
horizon_years = 200
discount_rate = 0.08
[[alternative]]
id = "keep"
[alternative.models.study_test]
rated_power = -1
technicans = 2
[[alternative]]
id = "keep"
)");
    ASSERT_EQ(ds.size(), 4u);
    EXPECT_EQ(ds[0].to_string(), "plant.toml:2:17: 'horizon_years' = 200 is outside 1 .. 100 years");
    EXPECT_EQ(ds[1].to_string(), "plant.toml:7:15: 'rated_power' = -1 is outside 0 .. 10000 kW");
    EXPECT_EQ(ds[2].to_string(), "plant.toml:8:1: unknown key 'technicans' in "
                                 "[alternative.models.study_test]; did you mean 'technicians'?");
    EXPECT_EQ(ds[3].to_string(),
              "plant.toml:10:6: duplicate alternative id 'keep' (first used at line 5)");
}

}  // namespace
}  // namespace eqroi::test
