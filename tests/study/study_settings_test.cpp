// [study] keys of issue 3: discounting (end or middle of period), dollars (nominal or
// constant), the MIRR rates; and the escalation a model is given when the file gives none
// (the study's inflation in nominal dollars, 0 in constant dollars).
// Columns are 1-based; for `key = value` the value starts at len(key) + 4.
#include "study_fixture.hpp"

namespace eqroi::test {
namespace {

/// kStudy + `lines` (from line 4) + one alternative without models.
std::string settings(const std::string& lines) {
    return kStudy + lines + "[[alternative]]\nid = \"k\"\n";
}

TEST_F(StudyTest, SettingsOfIssue3AreRead) {
    const Study s = parse(settings("discounting = \"mid_period\"\n"
                                   "dollars = \"constant\"\n"
                                   "mirr_finance_rate = 0.06\n"
                                   "mirr_reinvest_rate = -0.5\n"));
    EXPECT_EQ(s.settings.timing, finance::Timing::mid_period);
    EXPECT_EQ(s.settings.dollars, Dollars::constant);
    ASSERT_TRUE(s.settings.finance_rate);
    EXPECT_DOUBLE_EQ(*s.settings.finance_rate, 0.06);
    ASSERT_TRUE(s.settings.reinvest_rate);
    EXPECT_DOUBLE_EQ(*s.settings.reinvest_rate, -0.5);

    const Study written = parse(settings("discounting = \"end_of_period\"\ndollars = \"nominal\"\n"));
    EXPECT_EQ(written.settings.timing, finance::Timing::end_of_period);
    EXPECT_EQ(written.settings.dollars, Dollars::nominal);
}

TEST_F(StudyTest, SettingsOfIssue3Defaults) {
    const Study s = parse(settings(""));
    EXPECT_EQ(s.settings.timing, finance::Timing::end_of_period);
    EXPECT_EQ(s.settings.dollars, Dollars::nominal);
    EXPECT_FALSE(s.settings.finance_rate);   // unset: MIRR uses the discount rate
    EXPECT_FALSE(s.settings.reinvest_rate);
}

TEST_F(StudyTest, DiscountingAndDollarsAreNamedChoices) {
    // "discounting = " is 14 characters.
    EXPECT_EQ(problem(settings("discounting = \"mid-period\"\n")),
              "plant.toml:4:15: unknown choice 'mid-period' for 'discounting'; did you mean "
              "'mid_period'? choices: end_of_period, mid_period");
    EXPECT_EQ(problem(settings("discounting = 0.5\n")),
              "plant.toml:4:15: 'discounting' expects a string, got a float");
    // "dollars = " is 10 characters; 'real' is too far from both names for a suggestion.
    EXPECT_EQ(problem(settings("dollars = \"real\"\n")),
              "plant.toml:4:11: unknown choice 'real' for 'dollars'; choices: nominal, constant");
    EXPECT_EQ(problem(settings("dollars = \"constnt\"\n")),
              "plant.toml:4:11: unknown choice 'constnt' for 'dollars'; did you mean 'constant'? "
              "choices: nominal, constant");
}

TEST_F(StudyTest, MirrRatesAreFractionsPerYear) {
    // "mirr_finance_rate = " is 20 characters, "mirr_reinvest_rate = " 21.
    EXPECT_EQ(problem(settings("mirr_finance_rate = 11\n")),
              "plant.toml:4:21: 'mirr_finance_rate' = 11 is outside -0.99 .. 10 fraction/yr");
    EXPECT_EQ(problem(settings("mirr_reinvest_rate = -1\n")),
              "plant.toml:4:22: 'mirr_reinvest_rate' = -1 is outside -0.99 .. 10 fraction/yr");
    EXPECT_EQ(problem(settings("mirr_reinvest_rate = \"10%\"\n")),
              "plant.toml:4:22: 'mirr_reinvest_rate' expects a number, got a string");
}

TEST_F(StudyTest, SettingsTyposSuggestTheNewKeys) {
    EXPECT_EQ(problem(settings("discountng = \"mid_period\"\n")),
              "plant.toml:4:1: unknown key 'discountng' in [study]; did you mean 'discounting'?");
    EXPECT_EQ(problem(settings("mir_reinvest_rate = 0.1\n")),
              "plant.toml:4:1: unknown key 'mir_reinvest_rate' in [study]; did you mean "
              "'mirr_reinvest_rate'?");
    EXPECT_EQ(problem(settings("dolars = \"constant\"\n")),
              "plant.toml:4:1: unknown key 'dolars' in [study]; did you mean 'dollars'?");
}

TEST_F(StudyTest, MissingDiscountRateSaysRealInAConstantDollarStudy) {
    EXPECT_EQ(problem("[study]\nhorizon_years = 10\ndollars = \"constant\"\n"
                      "[[alternative]]\nid = \"k\"\n"),
              "plant.toml:1:1: missing required key 'discount_rate' in [study] (yearly real rate "
              "as a fraction, e.g. 0.05: dollars = \"constant\")");
}

// ---------------------------------------------------------------- implied escalation

class DollarsTest : public StudyTest {
protected:
    static std::optional<ResolvedValue> escalation(const Study& s) {
        const Alternative& a = s.alternatives.at(0);
        const ModelUse& u = a.models.at(0);
        const Model* m = registry().find(u.model);
        return resolve_param(s, a, u, m->descriptor().params[m->param_index("escalation")]);
    }
};

TEST_F(DollarsTest, ImpliedEscalationIsInflationInNominalAndZeroInConstantDollars) {
    const std::string alternative = "[[alternative]]\nid = \"k\"\n"
                                    "models.study_test = { rated_power = 1 }\n";
    // Nominal: prices rise with general inflation, 0.02.
    auto r = escalation(parse(kStudy + "inflation = 0.02\n" + alternative));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->values, std::vector<double>{0.02});
    EXPECT_EQ(r->source, ValueSource::study);
    // Constant dollars: inflation is already out of the amounts; the model's own escalation
    // would be a differential one, and nobody gave one: 0 (not the declared 0.01).
    r = escalation(parse(kStudy + "inflation = 0.02\ndollars = \"constant\"\n" + alternative));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->values, std::vector<double>{0.0});
    EXPECT_EQ(r->source, ValueSource::study);
    // Given in the model table, it is used as written in either case.
    r = escalation(parse(kStudy + "dollars = \"constant\"\n[[alternative]]\nid = \"k\"\n"
                                  "models.study_test = { rated_power = 1, escalation = 0.01 }\n"));
    ASSERT_TRUE(r);
    EXPECT_EQ(r->values, std::vector<double>{0.01});
    EXPECT_EQ(r->source, ValueSource::model_table);
}

TEST(StudyDollars, ImpliedZeroEscalationMustFitTheModelRange) {
    // study_test_wear declares escalation 0.01 .. 0.5: a constant-dollar study implies 0.
    PluginRegistry registry{TrustPolicy::trust_everything()};
    registry.load_file(STUDY_TEST_WEAR_PLUGIN);
    const std::string alternative = "[[alternative]]\nid = \"k\"\n[alternative.models.study_test_wear]\n";
    // Nominal with inflation 0.02: inside the range, accepted.
    parse_study(kStudy + "inflation = 0.02\n" + alternative, "plant.toml", registry);
    try {
        parse_study(kStudy + "inflation = 0.02\ndollars = \"constant\"\n" + alternative,
                    "plant.toml", registry);
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        // Reported at the value of `dollars` (line 5, column 11).
        EXPECT_EQ(e.diagnostics()[0].to_string(),
                  "plant.toml:5:11: in a constant-dollar study a model's 'escalation' is 0 unless "
                  "given, and 0 is outside 0.01 .. 0.5 fraction/yr, the range declared by model "
                  "'study_test_wear'; give 'escalation' in [alternative.models.study_test_wear]");
    }
}

}  // namespace
}  // namespace eqroi::test
