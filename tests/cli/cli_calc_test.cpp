// `eqroi calc` and its measures (issue 3): npv, irr, irr_roots, mirr, pi, eaa, payback, xnpv,
// xirr, and the summary without a measure. Golden values from Microsoft's documentation of the
// Excel functions (cited at each test) or hand calculations written out in the comment.
#include "cli_support.hpp"

namespace cli_test {
namespace {

/// `eqroi calc args... --format json`, parsed; fails the test when the command does not exit 0.
json calc_json(std::vector<std::string> args) {
    args.insert(args.begin(), "calc");
    args.insert(args.end(), {"--format", "json"});
    const CliRun r = run_eqroi(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return json::parse(r.out.empty() ? std::string("{}") : r.out);
}

/// Runs `eqroi calc args...` expecting exit 2, nothing on stdout and every `needles` in stderr.
void expect_bad_input(const std::vector<std::string>& args,
                      const std::vector<std::string>& needles) {
    std::vector<std::string> line{"calc"};
    line.insert(line.end(), args.begin(), args.end());
    const CliRun r = run_eqroi(line);
    std::string shown;
    for (const auto& a : line) shown += a + " ";
    EXPECT_EQ(r.exit_code, 2) << shown << "\n" << r.out;
    EXPECT_EQ(r.out, "") << shown;
    for (const auto& n : needles)
        EXPECT_NE(r.err.find(n), std::string::npos) << shown << ": " << r.err;
}

const std::string kExcelIrrFlows = "--flows=-100,39,59,55,20";  // Excel IRR() documentation
const std::string kExcelMirrFlows = "--flows=-120000,39000,30000,21000,37000,46000";
// Excel XIRR() and XNPV() documentation: the same five flows and dates on both pages.
const std::string kExcelDatedFlows = "--flows=-10000,2750,4250,3250,2750";
const std::string kExcelDates = "--dates=2008-01-01,2008-03-01,2008-10-30,2009-02-15,2009-04-01";

// ---- the summary (no measure) ----

TEST(CliCalcSummary, GrewMirrPiEaaAndRoots) {
    // Excel IRR example at 10 %. NPV 39.197459 (cli_commands_test.cpp, ExcelIrrExample).
    // MIRR at 10 % / 10 % (both default to --rate): FV of the positive flows at period 4:
    //   39 x 1.1^3 + 59 x 1.1^2 + 55 x 1.1 + 20 = 51.909 + 71.39 + 60.5 + 20 = 203.799;
    //   PV of the negative ones 100; (203.799 / 100)^(1/4) - 1 = 0.1948146.
    // PI = (NPV + 100) / 100 = 1.3919746.
    // EAA = NPV x (A/P, 10 %, 4) = 39.197459 x 0.1 x 1.4641 / 0.4641
    //     = 39.197459 x 0.3154708 = 12.365654.
    const json j = calc_json({"--rate", "0.1", kExcelIrrFlows});
    EXPECT_NEAR(j.at("npv").get<double>(), 39.197459, 1e-6);
    EXPECT_NEAR(j.at("irr").get<double>(), 0.2809484, 1e-6);
    ASSERT_EQ(j.at("irr_roots").size(), 1u);
    EXPECT_NEAR(j.at("irr_roots")[0].get<double>(), 0.2809484, 1e-6);
    EXPECT_DOUBLE_EQ(j.at("finance_rate").get<double>(), 0.1);
    EXPECT_DOUBLE_EQ(j.at("reinvest_rate").get<double>(), 0.1);
    EXPECT_NEAR(j.at("mirr").get<double>(), 0.1948146, 1e-6);
    EXPECT_NEAR(j.at("profitability_index").get<double>(), 1.3919746, 1e-6);
    EXPECT_NEAR(j.at("eaa").get<double>(), 12.365654, 1e-6);
    EXPECT_NEAR(j.at("payback").get<double>(), 2.036364, 1e-6);
    EXPECT_NEAR(j.at("discounted_payback").get<double>(), 2.382, 1e-6);

    const CliRun t = run_eqroi({"calc", "--rate", "0.1", kExcelIrrFlows});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    EXPECT_NE(t.out.find("irr_roots           28.094842 %\n"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("mirr                19.481458 %"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("profitability_index 1.3920"), std::string::npos) << t.out;
    EXPECT_NE(t.out.find("eaa                 12.37 per period"), std::string::npos) << t.out;
}

TEST(CliCalcSummary, MirrRatesOverrideTheDiscountRate) {
    // Excel MIRR documentation (support.microsoft.com, "MIRR function"): -120000, 39000,
    // 30000, 21000, 37000, 46000, finance rate 10 %, reinvestment rate 12 % -> 12.61 %.
    const json j = calc_json({"--rate", "0.08", kExcelMirrFlows, "--finance-rate", "0.1",
                              "--reinvest-rate", "0.12"});
    EXPECT_NEAR(j.at("mirr").get<double>(), 0.1261, 5e-5);
    // Only the finance rate given: the reinvestment rate is --rate.
    const json k = calc_json({"--rate", "0.12", kExcelMirrFlows, "--finance-rate", "0.1"});
    EXPECT_DOUBLE_EQ(k.at("reinvest_rate").get<double>(), 0.12);
    EXPECT_NEAR(k.at("mirr").get<double>(), 0.1261, 5e-5);
}

TEST(CliCalcSummary, TwoRootsAreListed) {
    // -100, +230, -132 = -100 (1 - 1.1 x)(1 - 1.2 x), x = 1/(1+r): roots at 10 % and 20 %.
    const json j = calc_json({"--rate", "0.05", "--flows=-100,230,-132"});
    ASSERT_EQ(j.at("irr_roots").size(), 2u);
    EXPECT_NEAR(j.at("irr_roots")[0].get<double>(), 0.10, 1e-9);
    EXPECT_NEAR(j.at("irr_roots")[1].get<double>(), 0.20, 1e-9);
}

// ---- npv, pi, eaa, payback ----

TEST(CliCalcMeasure, NpvEndAndMidPeriod) {
    // End of period: 39.197459 (see above). Mid period (NIST BLCC mid-year): F1..F4 are each
    // discounted half a period less, so their PV 139.197459 grows by 1.1^0.5 = 1.0488088:
    //   -100 + 139.197459 x 1.0488088 = 45.991527.
    const json end = calc_json({"npv", "--rate", "0.1", kExcelIrrFlows});
    EXPECT_NEAR(end.at("npv").get<double>(), 39.197459, 1e-6);
    EXPECT_EQ(end.at("timing"), "end");
    const json mid = calc_json({"npv", "--rate", "0.1", kExcelIrrFlows, "--timing", "mid"});
    EXPECT_NEAR(mid.at("npv").get<double>(), 45.991527, 1e-6);
    EXPECT_EQ(mid.at("timing"), "mid");
    // The measure alone: one table row.
    const CliRun t = run_eqroi({"calc", "npv", "--rate", "0.1", kExcelIrrFlows});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    EXPECT_EQ(t.out.rfind("npv                 39.20  (at 10.000000 % per period", 0), 0u) << t.out;
    EXPECT_EQ(std::count(t.out.begin(), t.out.end(), '\n'), 1) << t.out;
}

TEST(CliCalcMeasure, OptionsMayComeBeforeTheMeasure) {
    const json j = calc_json({"--rate", "0.1", "npv", kExcelIrrFlows});
    EXPECT_NEAR(j.at("npv").get<double>(), 39.197459, 1e-6);
    // ... but not one the measure would ignore.
    expect_bad_input({"--rate", "0.1", "irr", kExcelIrrFlows}, {"calc irr does not use --rate"});
    expect_bad_input({"--rate", "0.1", "npv", "--rate", "0.2", kExcelIrrFlows},
                     {"--rate is given more than once"});
}

TEST(CliCalcMeasure, ProfitabilityIndex) {
    // (NPV + investment) / investment = (39.197459 + 100) / 100 = 1.3919746.
    const json j = calc_json({"pi", "--rate", "0.1", kExcelIrrFlows});
    EXPECT_NEAR(j.at("profitability_index").get<double>(), 1.3919746, 1e-6);
    // Nothing invested at time 0 (F0 = +100): no index, and that is an answer (exit 0).
    const json none = calc_json({"pi", "--rate", "0.1", "--flows=100,39,59"});
    EXPECT_TRUE(none.at("profitability_index").is_null());
    const CliRun t = run_eqroi({"calc", "pi", "--rate", "0.1", "--flows=100,39,59"});
    EXPECT_EQ(t.exit_code, 0);
    EXPECT_NE(t.out.find("none: F0 >= 0"), std::string::npos) << t.out;
}

TEST(CliCalcMeasure, EquivalentAnnualAmount) {
    // n = 5 flows - 1 = 4; (A/P, 10 %, 4) = 0.1 x 1.1^4 / (1.1^4 - 1) = 0.146410 / 0.4641
    //   = 0.3154708; EAA = 39.197459 x 0.3154708 = 12.365654
    //   (= Excel -PMT(10%, 4, 39.197459)).
    const json j = calc_json({"eaa", "--rate", "0.1", kExcelIrrFlows});
    EXPECT_EQ(j.at("periods").get<int>(), 4);
    EXPECT_NEAR(j.at("capital_recovery_factor").get<double>(), 0.3154708, 1e-7);
    EXPECT_NEAR(j.at("npv").get<double>(), 39.197459, 1e-6);
    EXPECT_NEAR(j.at("eaa").get<double>(), 12.365654, 1e-6);
}

TEST(CliCalcMeasure, PaybackWithAndWithoutRate) {
    // Cumulative -100, -61, -2, +53: 2 + 2/55 = 2.036364. Discounted at 10 %: 2.382000
    // (cli_commands_test.cpp, ExcelIrrExample).
    const json simple = calc_json({"payback", kExcelIrrFlows});
    EXPECT_NEAR(simple.at("payback").get<double>(), 2.036364, 1e-6);
    EXPECT_FALSE(simple.contains("discounted_payback"));  // not asked for: no rate
    const json both = calc_json({"payback", "--rate", "0.1", kExcelIrrFlows});
    EXPECT_NEAR(both.at("discounted_payback").get<double>(), 2.382, 1e-6);
    const json never = calc_json({"payback", "--rate", "0.1", "--flows=-100,10,10"});
    EXPECT_TRUE(never.at("payback").is_null());
    EXPECT_TRUE(never.at("discounted_payback").is_null());
}

// ---- irr, irr_roots ----

TEST(CliCalcMeasure, IrrExcelExample) {
    // IRR(-100, 39, 59, 55, 20) = 28.09 % (0.2809484, one sign change), the example that
    // cli_commands_test.cpp checks for the summary. Excel IRR documentation
    // (support.microsoft.com, "IRR function"): -70000, 12000, 15000, 18000, 21000, 26000
    // -> 8.66 % after five years, and -2.12 % after four (without the 26000).
    const json j = calc_json({"irr", kExcelIrrFlows});
    EXPECT_NEAR(j.at("irr").get<double>(), 0.2809484, 1e-6);
    EXPECT_EQ(j.at("irr_sign_changes").get<int>(), 1);
    EXPECT_FALSE(j.at("irr_ambiguous").get<bool>());
    const json excel = calc_json({"irr", "--flows=-70000,12000,15000,18000,21000,26000"});
    EXPECT_NEAR(excel.at("irr").get<double>(), 0.0866, 5e-5);
    const json four = calc_json({"irr", "--flows=-70000,12000,15000,18000,21000"});
    EXPECT_NEAR(four.at("irr").get<double>(), -0.0212, 5e-5);
    const CliRun t = run_eqroi({"calc", "irr", kExcelIrrFlows});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    EXPECT_EQ(t.out.rfind("irr                 28.094842 %\n", 0), 0u) << t.out;
}

TEST(CliCalcMeasure, TwoRootsAreAmbiguous) {
    // -100, +230, -132: NPV = -100 + 230 x - 132 x^2 = -100 (1 - 1.1 x)(1 - 1.2 x), x = 1/(1+r),
    // zero at x = 1/1.1 and 1/1.2: r = 10 % and 20 %. No single IRR.
    for (const char* measure : {"irr", "irr_roots"}) {
        SCOPED_TRACE(measure);
        const json j = calc_json({measure, "--flows=-100,230,-132"});
        ASSERT_EQ(j.at("irr_roots").size(), 2u);
        EXPECT_NEAR(j.at("irr_roots")[0].get<double>(), 0.10, 1e-9);
        EXPECT_NEAR(j.at("irr_roots")[1].get<double>(), 0.20, 1e-9);
        EXPECT_EQ(j.at("irr_sign_changes").get<int>(), 2);
        EXPECT_TRUE(j.at("irr_ambiguous").get<bool>());
        const CliRun t = run_eqroi({"calc", measure, "--flows=-100,230,-132"});
        ASSERT_EQ(t.exit_code, 0) << t.err;
        EXPECT_NE(t.out.find("10.000000 %, 20.000000 %  (ambiguous: 2 roots)"), std::string::npos)
            << t.out;
    }
    const json j = calc_json({"irr", "--flows=-100,230,-132"});
    EXPECT_TRUE(j.at("irr").is_null());
}

TEST(CliCalcMeasure, NoRootIsAnAnswerNotAnError) {
    // 100, -50, 100: NPV = 100 - 50 x + 100 x^2, x = 1/(1+r) > 0. Discriminant
    // 50^2 - 4 x 100 x 100 = -37500 < 0: never zero, although the signs change twice.
    const json j = calc_json({"irr", "--flows=100,-50,100"});
    EXPECT_TRUE(j.at("irr").is_null());
    EXPECT_TRUE(j.at("irr_roots").empty());
    EXPECT_EQ(j.at("irr_sign_changes").get<int>(), 2);
    EXPECT_FALSE(j.at("irr_ambiguous").get<bool>());
    const CliRun t = run_eqroi({"calc", "irr", "--flows=100,-50,100"});
    EXPECT_EQ(t.exit_code, 0) << t.err;
    EXPECT_NE(t.out.find("none: no root above -100 %"), std::string::npos) << t.out;
}

// ---- mirr ----

TEST(CliCalcMeasure, MirrExcelExample) {
    // Excel MIRR documentation (support.microsoft.com, "MIRR function"): loan rate 10 %,
    // reinvestment rate 12 %: after five years 12.61 %, after three years -4.80 %, and with a
    // 14 % reinvestment rate 13.48 %. Five years by hand: FV of the inflows at 12 % to year 5
    //   39000 x 1.12^4 + 30000 x 1.12^3 + 21000 x 1.12^2 + 37000 x 1.12 + 46000
    //   = 61367.26 + 42147.84 + 26342.40 + 41440 + 46000 = 217297.50;
    //   (217297.50 / 120000)^(1/5) - 1 = 0.1260941.
    const json j = calc_json({"mirr", kExcelMirrFlows, "--finance-rate", "0.1",
                              "--reinvest-rate", "0.12"});
    EXPECT_NEAR(j.at("mirr").get<double>(), 0.1260941, 1e-6);
    EXPECT_NEAR(j.at("mirr").get<double>(), 0.1261, 5e-5);
    const json three = calc_json({"mirr", "--flows=-120000,39000,30000,21000", "--finance-rate",
                                  "0.1", "--reinvest-rate", "0.12"});
    EXPECT_NEAR(three.at("mirr").get<double>(), -0.0480, 5e-5);
    const json fourteen = calc_json({"mirr", kExcelMirrFlows, "--finance-rate", "0.1",
                                     "--reinvest-rate", "0.14"});
    EXPECT_NEAR(fourteen.at("mirr").get<double>(), 0.1348, 5e-5);

    const CliRun t = run_eqroi({"calc", "mirr", kExcelMirrFlows, "--finance-rate", "0.1",
                                "--reinvest-rate", "0.12"});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    EXPECT_EQ(t.out.rfind("mirr                12.609413 %", 0), 0u) << t.out;
}

TEST(CliCalcMeasure, MirrWithoutAnOutflowIsNone) {
    // Excel returns #DIV/0! when there is no negative flow; eqroi says "none", exit 0.
    const json j = calc_json({"mirr", "--flows=100,39,59", "--finance-rate", "0.1",
                              "--reinvest-rate", "0.1"});
    EXPECT_TRUE(j.at("mirr").is_null());
}

TEST(CliCalcMeasure, MirrNeedsBothRates) {
    expect_bad_input({"mirr", kExcelMirrFlows, "--reinvest-rate", "0.12"},
                     {"calc mirr: --finance-rate is required"});
    expect_bad_input({"mirr", kExcelMirrFlows, "--finance-rate", "0.1"},
                     {"calc mirr: --reinvest-rate is required"});
    expect_bad_input({"mirr", kExcelMirrFlows, "--finance-rate", "-1", "--reinvest-rate", "0.1"},
                     {"--finance-rate -1: must be a finite rate above -1"});
}

// ---- xnpv, xirr ----

TEST(CliCalcDated, XnpvAndXirrExcelExamples) {
    // Excel XNPV documentation (support.microsoft.com, "XNPV function"): at 9 % -> 2086.65
    // (2086.647602). Excel XIRR documentation ("XIRR function"): -> 37.34 % (0.373362535).
    const json x = calc_json({"xnpv", "--rate", "0.09", kExcelDatedFlows, kExcelDates});
    EXPECT_NEAR(x.at("xnpv").get<double>(), 2086.647602, 1e-5);
    EXPECT_EQ(x.at("dates").size(), 5u);
    EXPECT_EQ(x.at("dates")[4], "2009-04-01");
    const json r = calc_json({"xirr", kExcelDatedFlows, kExcelDates});
    EXPECT_NEAR(r.at("xirr").get<double>(), 0.373362535, 1e-6);
    EXPECT_FALSE(r.at("xirr_ambiguous").get<bool>());

    const CliRun t = run_eqroi({"calc", "xnpv", "--rate", "0.09", kExcelDatedFlows, kExcelDates});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    EXPECT_EQ(t.out.rfind("xnpv                2086.65", 0), 0u) << t.out;
    const CliRun ti = run_eqroi({"calc", "xirr", kExcelDatedFlows, kExcelDates});
    ASSERT_EQ(ti.exit_code, 0) << ti.err;
    EXPECT_EQ(ti.out.rfind("xirr                37.336253 %", 0), 0u) << ti.out;
}

TEST(CliCalcDated, XnpvCountsTheLeapDay) {
    // -1000, 300, 400, 500 on 2024-01-01, 2025-01-01, 2026-01-01, 2027-01-01 at 10 %. 2024 is a
    // leap year, so the days are 0, 366, 731, 1096 and the exponents days/365 are 0,
    // 1.0027397, 2.0027397, 3.0027397:
    //   300 / 1.1^1.0027397 = 300 / 1.1002873 = 272.656066
    //   400 / 1.1^2.0027397 = 400 / 1.2103160 = 330.492202
    //   500 / 1.1^3.0027397 = 500 / 1.3313476 = 375.559320
    //   XNPV = -1000 + 978.707588 = -21.292412 (yearly NPV would be -21.036814).
    const json x = calc_json({"xnpv", "--rate", "0.1", "--flows=-1000,300,400,500",
                              "--dates=2024-01-01,2025-01-01,2026-01-01,2027-01-01"});
    EXPECT_NEAR(x.at("xnpv").get<double>(), -21.292412, 1e-6);
}

TEST(CliCalcDated, BadDatesAreBadInput) {
    const std::string flows = "--flows=-1000,300,400,500";
    // 2023 is not a leap year.
    expect_bad_input({"xnpv", "--rate", "0.1", flows,
                      "--dates=2023-01-01,2023-02-29,2024-01-01,2025-01-01"},
                     {"--dates: '2023-02-29' (item 2) is not a calendar date"});
    expect_bad_input({"xirr", flows, "--dates=2024-01-01,2024-13-01,2025-01-01,2026-01-01"},
                     {"--dates: '2024-13-01' (item 2) is not a calendar date"});
    expect_bad_input({"xirr", flows, "--dates=2024-01-01,2024/06/01,2025-01-01,2026-01-01"},
                     {"--dates: '2024/06/01' (item 2) is not a date in the form YYYY-MM-DD"});
    expect_bad_input({"xirr", flows, "--dates=2024-01-01,2025-1-1,2026-01-01,2027-01-01"},
                     {"'2025-1-1' (item 2) is not a date in the form YYYY-MM-DD"});
    expect_bad_input({"xnpv", "--rate", "0.1", flows, "--dates=2024-01-01,2025-01-01,2026-01-01"},
                     {"--dates: 3 dates for 4 flows; give one date per flow"});
    expect_bad_input({"xirr", flows, "--dates=2024-01-01,2023-12-31,2026-01-01,2027-01-01"},
                     {"--dates: 2023-12-31 (item 2) is before the first date 2024-01-01"});
    expect_bad_input({"xirr", flows}, {"calc xirr: --dates is required"});
    // Dates belong to the dated measures only.
    expect_bad_input({"npv", "--rate", "0.1", flows, "--dates=2024-01-01"}, {"--dates"});
}

// ---- other bad input and help ----

TEST(CliCalcUsage, BadOptionValuesNameTheOption) {
    expect_bad_input({"npv", "--rate", "0.1", kExcelIrrFlows, "--timing", "start"},
                     {"--timing start: expected end or mid"});
    expect_bad_input({"npv", kExcelIrrFlows}, {"calc npv: --rate is required"});
    expect_bad_input({"irr", "--flows=-100,abc"},
                     {"--flows: 'abc' (item 2) is not a finite number"});
    expect_bad_input({"eaa", "--rate", "0.1", kExcelIrrFlows, "--format", "csv"},
                     {"--format csv: calc prints table or json"});
    expect_bad_input({"frobnicate", kExcelIrrFlows}, {"frobnicate"});
}

TEST(CliCalcUsage, HelpListsTheMeasuresAndTheirOptions) {
    const CliRun top = run_eqroi({"calc", "--help"});
    ASSERT_EQ(top.exit_code, 0);
    for (const char* m :
         {"npv", "irr", "irr_roots", "mirr", "pi", "eaa", "payback", "xnpv", "xirr"})
        EXPECT_NE(top.out.find(std::string("  ") + m + " "), std::string::npos) << m << top.out;
    EXPECT_NE(top.out.find("eqroi calc MEASURE"), std::string::npos) << top.out;
    const CliRun mirr = run_eqroi({"calc", "mirr", "--help"});
    ASSERT_EQ(mirr.exit_code, 0);
    EXPECT_NE(mirr.out.find("--finance-rate"), std::string::npos) << mirr.out;
    EXPECT_NE(mirr.out.find("(required)"), std::string::npos) << mirr.out;
    EXPECT_EQ(mirr.out.find("--dates"), std::string::npos) << mirr.out;
    const CliRun xirr = run_eqroi({"calc", "xirr", "--help"});
    ASSERT_EQ(xirr.exit_code, 0);
    EXPECT_NE(xirr.out.find("--dates"), std::string::npos) << xirr.out;
}

}  // namespace
}  // namespace cli_test
