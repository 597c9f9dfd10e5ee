// [alternative.capital] keys of issue 3 (depreciation method and factor, service life, residual
// value, the MACRS property class) and [alternative.financing] (loan, lease): each accepted,
// each problem at its exact file:line:col.
// Columns are 1-based; for `key = value` the value starts at len(key) + 4.
#include "study_fixture.hpp"

namespace eqroi::test {
namespace {

/// kOneAlternative + a capital table: the header is line 8, its first key line 9.
std::string capital(const std::string& lines) {
    return kOneAlternative + "[alternative.capital]\n" + lines;
}

/// kOneAlternative + a financing table: the header is line 8, its first key line 9.
std::string financing(const std::string& lines) {
    return kOneAlternative + "[alternative.financing]\n" + lines;
}

// ---------------------------------------------------------------- capital

TEST_F(StudyTest, CapitalDepreciationLifeAndResidualAreRead) {
    Study s = parse(capital("price = 100000\n"
                            "depreciation = \"declining_balance\"\n"
                            "declining_balance_factor = 1.5\n"
                            "depreciation_years = 7\n"
                            "life_years = 5\n"
                            "residual_value = 20000\n"));
    const Capital& c = s.alternatives[0].capital;
    EXPECT_EQ(c.depreciation, depreciation::Method::declining_balance);
    EXPECT_DOUBLE_EQ(c.declining_balance_factor, 1.5);
    EXPECT_EQ(c.depreciation_years, 7);
    EXPECT_EQ(c.life_years, 5);
    ASSERT_TRUE(c.residual_value);
    EXPECT_DOUBLE_EQ(*c.residual_value, 20000);

    s = parse(capital("depreciation = \"sum_of_years_digits\"\n"));
    EXPECT_EQ(s.alternatives[0].capital.depreciation, depreciation::Method::sum_of_years_digits);
    s = parse(capital("depreciation = \"straight_line\"\nlife_years = 0\n"));
    EXPECT_EQ(s.alternatives[0].capital.depreciation, depreciation::Method::straight_line);
    // Every MACRS GDS class of Pub. 946 Table A-1 is accepted.
    for (int years : {3, 5, 7, 10, 15, 20}) {
        s = parse(capital("depreciation = \"macrs\"\ndepreciation_years = " +
                          std::to_string(years) + "\n"));
        EXPECT_EQ(s.alternatives[0].capital.depreciation, depreciation::Method::macrs);
        EXPECT_EQ(s.alternatives[0].capital.depreciation_years, years);
    }
}

TEST_F(StudyTest, CapitalDefaultsOfIssue3) {
    const Capital c = parse(kOneAlternative).alternatives[0].capital;
    EXPECT_EQ(c.depreciation, depreciation::Method::straight_line);
    EXPECT_DOUBLE_EQ(c.declining_balance_factor, 2);  // double declining
    EXPECT_EQ(c.life_years, 0);                       // lasts the whole study
    EXPECT_FALSE(c.residual_value);                   // straight line when there is a life
}

TEST_F(StudyTest, UnknownDepreciationMethodSuggestsTheNearest) {
    // "depreciation = " is 15 characters.
    EXPECT_EQ(problem(capital("depreciation = \"macr\"\n")),
              "plant.toml:9:16: unknown choice 'macr' for 'depreciation'; did you mean 'macrs'? "
              "choices: straight_line, declining_balance, sum_of_years_digits, macrs");
    EXPECT_EQ(problem(capital("depreciation = \"double_declining\"\n")),
              "plant.toml:9:16: unknown choice 'double_declining' for 'depreciation'; choices: "
              "straight_line, declining_balance, sum_of_years_digits, macrs");
    EXPECT_EQ(problem(capital("depreciation = 7\n")),
              "plant.toml:9:16: 'depreciation' expects a string, got an integer");
}

TEST_F(StudyTest, MacrsNeedsAPropertyClass) {
    EXPECT_EQ(problem(capital("depreciation = \"macrs\"\n")),
              "plant.toml:9:16: depreciation = \"macrs\" needs 'depreciation_years', the MACRS "
              "property class: one of 3, 5, 7, 10, 15, 20 (IRS Pub. 946 Table A-1)");
    // "depreciation_years = " is 21 characters. 0 (the horizon, for other methods) is no class.
    for (const char* years : {"8", "0", "39"})
        EXPECT_EQ(problem(capital("depreciation = \"macrs\"\ndepreciation_years = " +
                                  std::string(years) + "\n")),
                  "plant.toml:10:22: 'depreciation_years' = " + std::string(years) +
                      " is not a MACRS property class; with depreciation = \"macrs\" it must be "
                      "one of 3, 5, 7, 10, 15, 20 (IRS Pub. 946 Table A-1)");
    // A class that is already wrong as an integer is reported once.
    EXPECT_EQ(problem(capital("depreciation = \"macrs\"\ndepreciation_years = 7.0\n")),
              "plant.toml:10:22: 'depreciation_years' expects an integer, got a float (7)");
}

TEST_F(StudyTest, DecliningBalanceFactorOnlyWithDecliningBalance) {
    EXPECT_EQ(problem(capital("declining_balance_factor = 1.5\n")),
              "plant.toml:9:1: 'declining_balance_factor' applies only to depreciation = "
              "\"declining_balance\", and this capital's depreciation is \"straight_line\" (the "
              "default): remove it or set depreciation = \"declining_balance\"");
    EXPECT_EQ(problem(capital("depreciation = \"macrs\"\ndepreciation_years = 7\n"
                              "declining_balance_factor = 1.5\n")),
              "plant.toml:11:1: 'declining_balance_factor' applies only to depreciation = "
              "\"declining_balance\", and this capital's depreciation is \"macrs\": remove it or "
              "set depreciation = \"declining_balance\"");
    // "declining_balance_factor = " is 27 characters; the factor is 1 .. 4.
    EXPECT_EQ(problem(capital("depreciation = \"declining_balance\"\n"
                              "declining_balance_factor = 5\n")),
              "plant.toml:10:28: 'declining_balance_factor' = 5 is outside 1 .. 4");
    EXPECT_EQ(problem(capital("depreciation = \"declining_balance\"\n"
                              "declining_balance_factor = 0.5\n")),
              "plant.toml:10:28: 'declining_balance_factor' = 0.5 is outside 1 .. 4");
}

TEST_F(StudyTest, ResidualValueNeedsAServiceLife) {
    const std::string message =
        "'residual_value' needs 'life_years' > 0: with no service life the machine lasts the "
        "whole study, and its value at the end of the study is 'salvage_value'";
    EXPECT_EQ(problem(capital("residual_value = 20000\n")), "plant.toml:9:1: " + message);
    EXPECT_EQ(problem(capital("life_years = 0\nresidual_value = 20000\n")),
              "plant.toml:10:1: " + message);
    // A life that is itself wrong is reported once, not again through residual_value.
    // "life_years = " is 13 characters.
    EXPECT_EQ(problem(capital("life_years = 5.5\nresidual_value = 20000\n")),
              "plant.toml:9:14: 'life_years' expects an integer, got a float (5.5)");
    EXPECT_EQ(problem(capital("life_years = 101\n")),
              "plant.toml:9:14: 'life_years' = 101 is outside 0 .. 100 years");
    // "residual_value = " is 17 characters.
    EXPECT_EQ(problem(capital("life_years = 5\nresidual_value = -1\n")),
              "plant.toml:10:18: 'residual_value' = -1 must be >= 0 USD");
}

TEST_F(StudyTest, CapitalTyposSuggestTheNewKeys) {
    EXPECT_EQ(problem(capital("life_year = 5\n")),
              "plant.toml:9:1: unknown key 'life_year' in [alternative.capital]; did you mean "
              "'life_years'?");
    EXPECT_EQ(problem(capital("residual_valeu = 5\n")),
              "plant.toml:9:1: unknown key 'residual_valeu' in [alternative.capital]; did you "
              "mean 'residual_value'?");
    EXPECT_EQ(problem(capital("depreciaton = \"macrs\"\n")),
              "plant.toml:9:1: unknown key 'depreciaton' in [alternative.capital]; did you mean "
              "'depreciation'?");
}

// ---------------------------------------------------------------- financing

TEST_F(StudyTest, FinancingIsRead) {
    const Study s = parse(financing("loan_amount = 150000\n"
                                    "loan_rate = 0.06\n"
                                    "loan_term_years = 5\n"
                                    "lease_payment = 1200\n"
                                    "lease_term_years = 3\n"
                                    "lease_timing = \"arrears\"\n"));
    const Financing& f = s.alternatives[0].financing;
    EXPECT_DOUBLE_EQ(f.loan_amount, 150000);
    EXPECT_DOUBLE_EQ(f.loan_rate, 0.06);
    EXPECT_EQ(f.loan_term_years, 5);
    EXPECT_DOUBLE_EQ(f.lease_payment, 1200);
    EXPECT_EQ(f.lease_term_years, 3);
    EXPECT_FALSE(f.lease_in_advance);
    EXPECT_TRUE(f.has_loan());
    EXPECT_TRUE(f.has_lease());
    EXPECT_EQ(f.where.line, 8);

    const Financing advance =
        parse(financing("lease_payment = 900\nlease_timing = \"advance\"\n")).alternatives[0].financing;
    EXPECT_TRUE(advance.lease_in_advance);
    EXPECT_FALSE(advance.has_loan());
    // Inline and dotted forms read the same.
    const Study dotted = parse(kOneAlternative + "[[alternative]]\nid = \"b\"\n"
                                                 "financing = { loan_amount = 1000, loan_term_years = 2 }\n");
    EXPECT_DOUBLE_EQ(dotted.alternatives[1].financing.loan_amount, 1000);
}

TEST_F(StudyTest, FinancingDefaultsToUnlevered) {
    const Financing f = parse(kOneAlternative).alternatives[0].financing;
    EXPECT_DOUBLE_EQ(f.loan_amount, 0);
    EXPECT_DOUBLE_EQ(f.lease_payment, 0);
    EXPECT_EQ(f.lease_term_years, 0);  // the study horizon
    EXPECT_TRUE(f.lease_in_advance);
    EXPECT_FALSE(f.has_loan());
    EXPECT_FALSE(f.has_lease());
}

TEST_F(StudyTest, ALoanNeedsItsTerm) {
    // Reported at the [alternative.financing] header, the table that should hold the key.
    EXPECT_EQ(problem(financing("loan_amount = 100000\nloan_rate = 0.05\n")),
              "plant.toml:8:1: missing required key 'loan_term_years' in [alternative.financing] "
              "(a loan of 100000 USD needs its term, an integer 1 .. 50 years)");
    // No loan, no term needed.
    parse(financing("loan_amount = 0\nloan_rate = 0.05\n"));
}

TEST_F(StudyTest, FinancingValuesOutsideTheirRanges) {
    // "loan_rate = " is 12 characters, "loan_term_years = " 18, "loan_amount = " 14,
    // "lease_payment = " 16, "lease_term_years = " 19.
    EXPECT_EQ(problem(financing("loan_rate = 1.2\n")),
              "plant.toml:9:13: 'loan_rate' = 1.2 is outside 0 .. 1 fraction/yr");
    EXPECT_EQ(problem(financing("loan_amount = 100\nloan_term_years = 0\n")),
              "plant.toml:10:19: 'loan_term_years' = 0 is outside 1 .. 50 years");
    EXPECT_EQ(problem(financing("loan_amount = 100\nloan_term_years = 51\n")),
              "plant.toml:10:19: 'loan_term_years' = 51 is outside 1 .. 50 years");
    EXPECT_EQ(problem(financing("loan_amount = -100\n")),
              "plant.toml:9:15: 'loan_amount' = -100 must be >= 0 USD");
    EXPECT_EQ(problem(financing("lease_payment = -5\n")),
              "plant.toml:9:17: 'lease_payment' = -5 must be >= 0 USD/period");
    EXPECT_EQ(problem(financing("lease_term_years = 101\n")),
              "plant.toml:9:20: 'lease_term_years' = 101 is outside 0 .. 100 years");
}

TEST_F(StudyTest, LeaseTimingIsAdvanceOrArrears) {
    // "lease_timing = " is 15 characters.
    EXPECT_EQ(problem(financing("lease_timing = \"in_advance\"\n")),
              "plant.toml:9:16: unknown choice 'in_advance' for 'lease_timing'; did you mean "
              "'advance'? choices: advance, arrears");
    EXPECT_EQ(problem(financing("lease_timing = true\n")),
              "plant.toml:9:16: 'lease_timing' expects a string, got a boolean");
}

TEST_F(StudyTest, FinancingTyposAndShape) {
    EXPECT_EQ(problem(financing("loan_ammount = 5\n")),
              "plant.toml:9:1: unknown key 'loan_ammount' in [alternative.financing]; did you "
              "mean 'loan_amount'?");
    EXPECT_EQ(problem(financing("interest = 5\n")),
              "plant.toml:9:1: unknown key 'interest' in [alternative.financing]");
    // "financing = " is 12 characters; the key itself in [[alternative]] is suggested.
    EXPECT_EQ(problem(kOneAlternative + "[[alternative]]\nid = \"b\"\nfinancing = 5\n"),
              "plant.toml:10:13: 'financing' expects a table, got an integer");
    EXPECT_EQ(problem(kOneAlternative + "[[alternative]]\nid = \"b\"\nfinancng = 5\n"),
              "plant.toml:10:1: unknown key 'financng' in [[alternative]]; did you mean "
              "'financing'?");
}

}  // namespace
}  // namespace eqroi::test
