// [alternative.escalation]: a host escalation per line of a model the alternative uses (dotted
// or quoted `model.line` keys) or of capital.price, one rate or one per study year; each
// problem at its exact file:line:col.
// Columns are 1-based; for `key = value` the value starts at len(key) + 4.
#include "study_fixture.hpp"

namespace eqroi::test {
namespace {

/// A 3-year study whose alternative uses study_test (lines preventive, corrective) and
/// study_test_energy (line energy); [alternative.escalation] is line 9, its first key line 10.
const std::string kBoth = "[study]\n"
                          "horizon_years = 3\n"
                          "discount_rate = 0.08\n"
                          "[[alternative]]\n"
                          "id = \"buy\"\n"
                          "[alternative.models.study_test]\n"
                          "rated_power = 1\n"
                          "[alternative.models.study_test_energy]\n"
                          "[alternative.escalation]\n";

/// Same with study_test only: line 8 is [alternative.escalation], the first key line 9.
const std::string kTestOnly = "[study]\n"
                              "horizon_years = 3\n"
                              "discount_rate = 0.08\n"
                              "[[alternative]]\n"
                              "id = \"buy\"\n"
                              "[alternative.models.study_test]\n"
                              "rated_power = 1\n"
                              "[alternative.escalation]\n";

TEST_F(StudyTest, EscalationDottedAndQuotedKeysInFileOrder) {
    const Study s = parse(kBoth + "study_test.preventive = 0.03\n"
                                  "\"study_test.corrective\" = [0.01, 0.02, 0.04]\n"
                                  "study_test_energy.energy = -0.01\n"
                                  "capital.price = 0.005\n");
    const auto& e = s.alternatives[0].escalation;
    ASSERT_EQ(e.size(), 4u);
    EXPECT_EQ(e[0].line, "study_test.preventive");
    EXPECT_EQ(e[0].yearly, (std::vector<double>{0.03, 0.03, 0.03}));  // one rate, 3 years
    EXPECT_EQ(e[0].where.line, 10);
    EXPECT_EQ(e[0].where.column, 25);  // "study_test.preventive = " is 24 characters
    EXPECT_EQ(e[1].line, "study_test.corrective");
    EXPECT_EQ(e[1].yearly, (std::vector<double>{0.01, 0.02, 0.04}));
    EXPECT_EQ(e[1].where.line, 11);
    EXPECT_EQ(e[2].line, "study_test_energy.energy");
    EXPECT_EQ(e[2].yearly, (std::vector<double>{-0.01, -0.01, -0.01}));
    EXPECT_EQ(e[3].line, "capital.price");
    EXPECT_EQ(e[3].yearly, (std::vector<double>{0.005, 0.005, 0.005}));
    EXPECT_EQ(e[3].where.line, 13);
}

TEST_F(StudyTest, EscalationAsSubTablesAndInMonthlyStudies) {
    // A table per model reads the same as dotted keys.
    Study s = parse(kOneAlternative +
                    "[alternative.escalation.study_test]\n"
                    "corrective = 0.02\n"
                    "[alternative.escalation.capital]\n"
                    "price = [0, 0.01, 0.02, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03]\n");
    auto* e = &s.alternatives[0].escalation;
    ASSERT_EQ(e->size(), 2u);
    EXPECT_EQ((*e)[0].line, "study_test.corrective");
    EXPECT_EQ((*e)[1].line, "capital.price");
    EXPECT_EQ((*e)[0].yearly, std::vector<double>(10, 0.02));  // kOneAlternative: 10 years
    EXPECT_EQ((*e)[1].yearly,
              (std::vector<double>{0, 0.01, 0.02, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03, 0.03}));

    // Rates are yearly whatever the periods: 2 years of months take 2 rates, not 24.
    s = parse("[study]\nhorizon_years = 2\nperiods = \"monthly\"\ndiscount_rate = 0.08\n"
              "[[alternative]]\nid = \"a\"\nmodels.study_test = { rated_power = 1 }\n"
              "escalation.study_test.preventive = [0.03, 0.04]\n"
              "escalation.\"study_test.corrective\" = 0.05\n");
    e = &s.alternatives[0].escalation;
    ASSERT_EQ(e->size(), 2u);
    EXPECT_EQ((*e)[0].yearly, (std::vector<double>{0.03, 0.04}));
    EXPECT_EQ((*e)[1].yearly, (std::vector<double>{0.05, 0.05}));
    // No [alternative.escalation]: none.
    EXPECT_TRUE(parse(kOneAlternative).alternatives[0].escalation.empty());
}

TEST_F(StudyTest, EscalationOfAnUnknownLineSuggestsTheNearest) {
    // "study_test." is 11 characters: the line key starts at column 12.
    EXPECT_EQ(problem(kBoth + "study_test.preventve = 0.03\n"),
              "plant.toml:10:12: unknown line 'preventve' of model 'study_test' in "
              "[alternative.escalation]; did you mean 'preventive'? lines: preventive, corrective");
    // A quoted key is one key: the message points at its start.
    EXPECT_EQ(problem(kBoth + "\"study_test.energy\" = 0.03\n"),
              "plant.toml:10:1: unknown line 'energy' of model 'study_test' in "
              "[alternative.escalation]; lines: preventive, corrective");
    // Only the price of the capital side escalates. "capital." is 8 characters.
    EXPECT_EQ(problem(kBoth + "capital.prise = 0.01\n"),
              "plant.toml:10:9: unknown line 'prise' of 'capital' in [alternative.escalation]; "
              "did you mean 'price'? lines: price");
    EXPECT_EQ(problem(kBoth + "capital.salvage_value = 0.01\n"),
              "plant.toml:10:9: unknown line 'salvage_value' of 'capital' in "
              "[alternative.escalation]; lines: price");
}

TEST_F(StudyTest, EscalationOfAModelTheAlternativeDoesNotUse) {
    EXPECT_EQ(problem(kBoth + "study_tst.preventive = 0.03\n"),
              "plant.toml:10:1: unknown model 'study_tst' in [alternative.escalation]; did you "
              "mean 'study_test'? this alternative's models: study_test, study_test_energy (and "
              "capital.price)");
    EXPECT_EQ(problem(kBoth + "\"welding.gas\" = 0.03\n"),
              "plant.toml:10:1: unknown model 'welding' in [alternative.escalation]; this "
              "alternative's models: study_test, study_test_energy (and capital.price)");
    // study_test_energy is loaded, but this alternative does not use it.
    EXPECT_EQ(problem(kTestOnly + "study_test_energy.energy = 0.03\n"),
              "plant.toml:9:1: model 'study_test_energy' in [alternative.escalation] is not used "
              "by this alternative; this alternative's models: study_test (and capital.price)");
    // A model without a line.
    EXPECT_EQ(problem(kBoth + "study_test = 0.03\n"),
              "plant.toml:10:1: escalation 'study_test' must name a line: write "
              "study_test.<line> = rate; lines: preventive, corrective");
}

TEST_F(StudyTest, EscalationListNeedsOneRatePerYear) {
    // "study_test.preventive = " is 24 characters: the value starts at column 25.
    EXPECT_EQ(problem(kBoth + "study_test.preventive = [0.01, 0.02]\n"),
              "plant.toml:10:25: escalation 'study_test.preventive' has 2 rates; a list needs one "
              "per year of the study, 3 (or write one number for every year)");
    EXPECT_EQ(problem(kBoth + "study_test.preventive = [0.01, 0.02, 0.03, 0.04]\n"),
              "plant.toml:10:25: escalation 'study_test.preventive' has 4 rates; a list needs one "
              "per year of the study, 3 (or write one number for every year)");
    EXPECT_EQ(problem(kBoth + "study_test.preventive = []\n"),
              "plant.toml:10:25: escalation 'study_test.preventive' has 0 rates; a list needs one "
              "per year of the study, 3 (or write one number for every year)");
    // A monthly study of 2 years still takes 2 yearly rates. "escalation.capital.price = " is 27.
    EXPECT_EQ(problem("[study]\nhorizon_years = 2\nperiods = \"monthly\"\ndiscount_rate = 0.08\n"
                      "[[alternative]]\nid = \"a\"\nescalation.capital.price = [0, 0, 0]\n"),
              "plant.toml:7:28: escalation 'capital.price' has 3 rates; a list needs one per year "
              "of the study, 2 (or write one number for every year)");
}

TEST_F(StudyTest, EscalationRatesAreFractionsPerYear) {
    EXPECT_EQ(problem(kBoth + "study_test.preventive = 1.5\n"),
              "plant.toml:10:25: escalation 'study_test.preventive' = 1.5 is outside -0.99 .. 1 "
              "fraction/yr");
    EXPECT_EQ(problem(kBoth + "study_test.preventive = -1\n"),
              "plant.toml:10:25: escalation 'study_test.preventive' = -1 is outside -0.99 .. 1 "
              "fraction/yr");
    // "study_test.preventive = [0.01, " is 31 characters: the 2 starts at column 32.
    EXPECT_EQ(problem(kBoth + "study_test.preventive = [0.01, 2, 0.03]\n"),
              "plant.toml:10:32: escalation 'study_test.preventive'[1] = 2 is outside -0.99 .. 1 "
              "fraction/yr");
    EXPECT_EQ(problem(kBoth + "study_test.preventive = \"3%\"\n"),
              "plant.toml:10:25: escalation 'study_test.preventive' expects a number (one rate "
              "for every year) or an array with one rate per year, got a string");
    // A dotted key one level too deep makes 'preventive' a table, placed at its key.
    EXPECT_EQ(problem(kBoth + "study_test.preventive.x = 0.03\n"),
              "plant.toml:10:12: escalation 'study_test.preventive' expects a number (one rate "
              "for every year) or an array with one rate per year, got a table");
}

TEST_F(StudyTest, EscalationOfOneLineGivenTwice) {
    // Written quoted first, dotted second: reported at the second, whatever toml++'s key order.
    EXPECT_EQ(problem(kBoth + "\"study_test.preventive\" = 0.02\nstudy_test.preventive = 0.03\n"),
              "plant.toml:11:12: escalation of 'study_test.preventive' is given twice (first at "
              "line 10)");
}

TEST_F(StudyTest, EscalationTableShapeAndTypo) {
    // "escalation = " is 13 characters.
    EXPECT_EQ(problem(kOneAlternative + "[[alternative]]\nid = \"b\"\nescalation = 0.03\n"),
              "plant.toml:10:14: 'escalation' expects a table of line rates "
              "([alternative.escalation]), got a float");
    EXPECT_EQ(problem(kOneAlternative + "[[alternative]]\nid = \"b\"\nescalaton = 0.03\n"),
              "plant.toml:10:1: unknown key 'escalaton' in [[alternative]]; did you mean "
              "'escalation'?");
}

}  // namespace
}  // namespace eqroi::test
