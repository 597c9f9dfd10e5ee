// render_explain: each measure's formula with the numbers put in, ending on the engine's
// figure. The results are built by hand in report_fixture.hpp, where every number below is
// worked out; each expected line here is that hand calculation as the explanation writes it.
#include "report_fixture.hpp"

#include <cmath>

namespace report_test {
namespace {

using eqroi::render_explain;

/// The part of the explanation from `from` up to the next block heading starting with `to`.
std::string section(const std::string& text, const std::string& from, const std::string& to) {
    const auto start = text.find(from);
    EXPECT_NE(start, std::string::npos) << "no section " << from << " in:\n" << text;
    if (start == std::string::npos) return "";
    const auto end = text.find(to, start + from.size());
    return text.substr(start, end == std::string::npos ? std::string::npos : end - start);
}

TEST(ReportExplain, NpvShowsEveryPeriodAndEndsOnTheEnginesNpv) {
    const std::string text = render_explain(small_study());
    const std::string buy = section(text, "=== Buy a new press", "\n--- Choosing");
    EXPECT_HAS(buy, "NPV = sum F_k x 1/(1 + i)^k, i = 10.00 % per year (end of period)\n");
    // k, F_k, factor 1/1.1^k, F_k x factor, running sums C_k and D_k.
    const std::string rows = squeeze(buy);
    EXPECT_HAS(rows, " 0 -1,000.00 1.00000000 -1,000.00 -1,000.00 -1,000.00\n");
    EXPECT_HAS(rows, " 1 300.00 0.90909091 272.73 -700.00 -727.27\n");
    EXPECT_HAS(rows, " 2 400.00 0.82644628 330.58 -300.00 -396.69\n");
    EXPECT_HAS(rows, " 3 500.00 0.75131480 375.66 200.00 -21.04\n");
    EXPECT_HAS(buy, "\n  = -21.04\n");  // the engine's NPV, -21.036814
}

TEST(ReportExplain, IrrIsCheckedOrSaysWhyThereIsNone) {
    const std::string text = render_explain(small_study());
    // 8.896339 %: NPV there is 0 to the cent.
    EXPECT_HAS(text, "IRR: NPV(r) = 0 at r = 8.90 % per year; check: NPV at 8.90 % = 0.00\n");
    // keep's flow 0, -200, -200, -200 has no sign change.
    EXPECT_HAS(section(text, "=== Keep the old press", "\nRanking"),
               "IRR: none: the flow never changes sign\n");
    // The increment -1000, 500, 600, 700: 33.874971 %.
    EXPECT_HAS(text, "IRR: NPV(r) = 0 at r = 33.87 % per year; check: NPV at 33.87 % = 0.00\n");
}

TEST(ReportExplain, AmbiguousIrrListsEveryRootWithItsCheck) {
    // -1000, 2300, -1312.5, 0: NPV = 0 at 5 % and 25 % (report_fixture.hpp).
    const std::string text = render_explain(with_ambiguous_irr());
    const std::string swap = section(text, "=== Swap the tooling", "\n--- Choosing");
    EXPECT_HAS(swap, "IRR: ambiguous: the flow changes sign 2 times and NPV(r) = 0 at more than "
                     "one rate:\n");
    EXPECT_HAS(swap, "  r = 5.00 % per year; check: NPV at 5.00 % = 0.00\n");
    EXPECT_HAS(swap, "  r = 25.00 % per year; check: NPV at 25.00 % = 0.00\n");
    EXPECT_HAS(swap, "no single IRR: rank by NPV");
}

TEST(ReportExplain, MirrShowsBothSums) {
    const std::string text = render_explain(small_study());
    // FV of 300, 400, 500 at 10 % to year 3: 300 x 1.21 + 400 x 1.1 + 500 = 1303.
    EXPECT_HAS(text, "  FV of inflows  = sum over F_k > 0 of F_k x (1 + 10.00 %)^(n - k) = 1,303.00\n");
    EXPECT_HAS(text, "  PV of outflows = sum over F_k < 0 of -F_k / (1 + 10.00 %)^k = 1,000.00\n");
    EXPECT_HAS(text, "  = (1,303.00 / 1,000.00)^(1/3) - 1 = 9.22 %\n");  // 9.223177 %
    // The increment: FV = 500 x 1.21 + 600 x 1.1 + 700 = 1965 -> 25.252822 %.
    EXPECT_HAS(text, "  = (1,965.00 / 1,000.00)^(1/3) - 1 = 25.25 %\n");
    // keep has no inflow: Excel's MIRR gives #DIV/0!, the report "none".
    EXPECT_HAS(section(text, "=== Keep the old press", "\nRanking"),
               "  = none: the flow has no inflow\n");
}

TEST(ReportExplain, ProfitabilityIndexAndRoi) {
    const std::string text = render_explain(small_study());
    // PV(F1..F3) = 272.73 + 330.58 + 375.66 = 978.963186; / 1000 = 0.978963.
    EXPECT_HAS(text, "PI = PV(F_1..F_N) / -F_0 = 978.96 / 1,000.00 = 0.978963\n");
    // Sum of F = 200 over 3 years on 1000 invested: 6.67 %.
    EXPECT_HAS(text, "ROI = (sum F_k / years) / -F_0 = (200.00 / 3) / 1,000.00 = 6.67 %\n");
    const std::string keep = section(text, "=== Keep the old press", "\nRanking");
    EXPECT_HAS(keep, "PI: none: nothing is invested at k = 0 (F_0 = 0.00)\n");
    EXPECT_HAS(keep, "ROI: none: nothing is invested at k = 0 (F_0 = 0.00)\n");
}

TEST(ReportExplain, PaybacksInterpolateInsideThePeriod) {
    const std::string text = render_explain(small_study());
    // C = -1000, -700, -300, 200: last negative at 2, then 2 + 300 / 500 = 2.6.
    EXPECT_HAS(text, "Payback: the cumulative flow is last negative at the end of year 2 "
                     "(C_2 = -300.00); 2 + 300.00 / F_3 = 2 + 300.00 / 500.00 = 2.60 years\n");
    // D_3 = NPV = -21.04 < 0.
    EXPECT_HAS(text, "Discounted payback: not reached: the cumulative discounted flow is still "
                     "negative at the end (D_3 = -21.04)\n");
    // The increment: D = -1000, -545.45, -49.59, 476.33; the year-3 term 700 / 1.331 = 525.92;
    // 2 + 49.586777 / 525.920361 = 2.094286.
    EXPECT_HAS(text, "Discounted payback: the cumulative discounted flow is last negative at the "
                     "end of year 2 (D_2 = -49.59); 2 + 49.59 / (F_3 x factor_3) = "
                     "2 + 49.59 / 525.92 = 2.09 years\n");
    // The increment: C = -1000, -500, 100: 1 + 500 / 600 = 1.83.
    EXPECT_HAS(text, "1 + 500.00 / 600.00 = 1.83 years\n");
}

TEST(ReportExplain, EquivalentAnnualAmountsWriteTheRecoveryFactor) {
    const std::string text = render_explain(small_study());
    // (A/P, 10 %, 3) = 0.1 x 1.331 / 0.331 = 0.40211480.
    EXPECT_HAS(text, "  (A/P, 10.00 %, 3) = i(1 + i)^n / ((1 + i)^n - 1) = 0.100000 x 1.33100000 "
                     "/ (1.33100000 - 1) = 0.40211480\n");
    EXPECT_HAS(text, "  = -21.04 x 0.40211480 = -8.46 per year\n");    // EAA of buy
    EXPECT_HAS(text, "  = 476.33 x 0.40211480 = 191.54 per year\n");   // of the increment
    EXPECT_HAS(text, "  = -497.37 x 0.40211480 = -200.00 per year\n"); // keep: the annuity
}

TEST(ReportExplain, LccListsEachCostLineAndLeavesBenefitsOut) {
    const std::string text = render_explain(small_study());
    const std::string buy = squeeze(section(text, "=== Buy a new press", "\n--- Choosing"));
    // Maintenance -50 x (0.909091 + 0.826446 + 0.751315) = -124.34; price -1000 at k = 0.
    EXPECT_HAS(buy, " Purchase price capital.price -1,000.00\n");
    EXPECT_HAS(buy, " Preventive maintenance maintenance.preventive -124.34\n");
    EXPECT_HAS(buy, "(benefit lines left out: PV 1,103.31)\n");  // 350/1.1 + 450/1.21 + 550/1.331
    EXPECT_HAS(buy, " = -(-1,124.34) = 1,124.34\n");
    EXPECT_HAS(buy, "EUAC = LCC x (A/P, 10.00 %, 3) = 1,124.34 x 0.40211480 = 452.11 per year\n");
    // The increment: 1124.34 - 497.37 = 626.97; x 0.40211480 = 252.11.
    EXPECT_HAS(text, "LCC of the increment = LCC('buy') - LCC('keep') (each explained above) = "
                     "1,124.34 - 497.37 = 626.97\n");
    EXPECT_HAS(text, "EUAC = LCC x (A/P, 10.00 %, 3) = 626.97 x 0.40211480 = 252.11 per year\n");
}

TEST(ReportExplain, SavingsSirAndAirrFromTheLines) {
    const std::string text = render_explain(small_study());
    const std::string savings = section(text, "Savings against the baseline", "\n---");
    const std::string rows = squeeze(savings);
    EXPECT_HAS(rows, " buy Purchase price 1,000.00\n");              // investment, as a cost
    EXPECT_HAS(rows, " buy Extra output -1,103.31\n");               // operating: a benefit
    EXPECT_HAS(rows, " buy Preventive maintenance 124.34\n");
    EXPECT_HAS(rows, " keep Repairs 497.37\n");
    EXPECT_HAS(savings, "PV added investment I = 1,000.00 - 0.00 = 1,000.00\n");
    // S = 497.370398 - (-978.963186) = 1476.333584.
    EXPECT_HAS(savings, "PV operating savings S = 497.37 - (-978.96) = 1,476.33\n");
    EXPECT_HAS(savings, "Net savings = S - I = 1,476.33 - 1,000.00 = 476.33 (the incremental NPV "
                        "above: 476.33)\n");
    EXPECT_HAS(savings, "SIR = S / I = 1,476.33 / 1,000.00 = 1.476334\n");
    // AIRR = 1.1 x 1.476334^(1/3) - 1 = 1.1 x 1.13866201 - 1 = 25.252822 %.
    EXPECT_HAS(savings, "  = (1 + 10.00 %) x 1.476334^(1/3) - 1 = 1.10000000 x 1.13866201 - 1 = "
                        "25.25 %\n");
}

TEST(ReportExplain, EveryBlockLandsOnTheEnginesFigure) {
    // The fixture's fields are the hand calculation; the arithmetic shown must reproduce each.
    const std::string text = render_explain(small_study());
    EXPECT_EQ(text.find("[DIFFERS:"), std::string::npos) << text;
    EXPECT_HAS(text, "Ranking: by NPV, mutually exclusive");
    EXPECT_HAS(text, " 1. buy (-21.04) 2. keep (-497.37)");
}

TEST(ReportExplain, FlagsAFigureTheArithmeticDoesNotGive) {
    // An engine NPV of -20 cannot come from these flows (they give -21.036814).
    StudyResult r = small_study();
    r.alternatives[0].measures.npv = -20;
    r.alternatives[0].savings.sir = 1.5;  // S / I = 1.476334
    const std::string text = render_explain(r);
    EXPECT_HAS(text, "  = -21.04 [DIFFERS: the engine reports -20.00]\n");
    EXPECT_HAS(text, "= 1.476334 [DIFFERS: the engine reports 1.500000]\n");
}

TEST(ReportExplain, MidPeriodFactors) {
    // Mid period: k >= 1 discounted over k - 0.5 years: 1/1.1^0.5 = 0.95346259,
    // 1/1.1^1.5 = 0.86678417; 300 x 0.95346259 = 286.04.
    StudyResult r = small_study();
    r.settings.timing = eqroi::finance::Timing::mid_period;
    const V mid{1, 1 / std::sqrt(1.1), 1 / std::pow(1.1, 1.5), 1 / std::pow(1.1, 2.5)};
    for (auto& a : r.alternatives) a.discount_factors = mid;
    const std::string text = render_explain(r);
    EXPECT_HAS(text, "NPV = F_0 + sum over k >= 1 of F_k x 1/(1 + i)^(k - 0.5), i = 10.00 % per "
                     "year (mid period)\n");
    EXPECT_HAS(squeeze(text), " 1 300.00 0.95346259 286.04 -700.00 -713.96\n");
}

/// "Monthly cell": 1 year in months at 12 % a year. Per month i = 1.12^(1/12) - 1 = 0.948879 %.
/// F = -1000, then 90 a month (a benefit line); factors 1/(1 + i)^k.
///   NPV = 16.236439 (sum of 90 / 1.00948879^k, k = 1..12, less 1000)
///   IRR = 1.2043457 % a month (bisection) = 1.012043457^12 - 1 = 15.448936 % a year
///   MIRR per month at 0.948879 %: FV = 90 x (1.12 - 1) / 0.00948879 = 1138.184812;
///     (1138.184812 / 1000)^(1/12) - 1 = 1.084461 % a month; 1.138185 - 1 = 13.818481 % a year
///   payback: C_11 = -1000 + 990 = -10; (11 + 10 / 90) / 12 = 0.925926 years
///   discounted payback: D_11 = -64.120704, the month-12 term 80.357143;
///     (11 + 64.120704 / 80.357143) / 12 = 0.983162 years
///   (A/P, 12 %, 1) = 0.12 x 1.12 / 0.12 = 1.12: EAA = 16.236439 x 1.12 = 18.184812
///   LCC = 1000 (the price; the benefit is left out); EUAC = 1120
///   ROI = (80 / 1) / 1000 = 8 %
StudyResult monthly_study() {
    StudyResult r;
    auto& s = r.settings;
    s.name = "Monthly cell";
    s.horizon_years = 1;
    s.periods = eqroi::PeriodUnit::month;
    s.discount_rate = 0.12;
    s.baseline = "buy";
    r.baseline = "buy";
    const double i = std::pow(1.12, 1.0 / 12) - 1;
    r.rates = {0.12, 0.12, 0.12, i, 0.12, 0.12};
    V factors, benefit(13, 90.0), price(13, 0.0);
    for (int k = 0; k <= 12; ++k) factors.push_back(std::pow(1 + i, -k));
    benefit[0] = 0;
    price[0] = -1000;
    AlternativeResult a;
    a.id = "buy";
    a.name = "Buy the cell";
    a.lines = {line("capital.price", "Purchase price", "capital", EQROI_CATEGORY_OTHER,
                    EQROI_TAX_CAPITALISED, price, true),
               line("benefits.output", "Extra output", "benefits", EQROI_CATEGORY_BENEFIT,
                    EQROI_TAX_DEDUCTIBLE, benefit)};
    a.net = benefit;
    a.net[0] = -1000;
    a.pre_tax_net = a.net;
    fill_series(a, factors);
    Measures& m = a.measures;
    m.npv = a.cumulative_discounted.back();
    m.irr = std::pow(1.012043456781418826, 12) - 1;
    m.irr_roots = {*m.irr};
    m.sign_changes = 1;
    m.mirr = 90 * 0.12 / i / 1000 - 1;
    m.profitability_index = (m.npv + 1000) / 1000;
    m.payback = (11 + 10.0 / 90) / 12;
    m.discounted_payback = (11 + -a.cumulative_discounted[11] / a.discounted[12]) / 12;
    m.annual_value = m.npv * 1.12;
    m.lcc = 1000;
    m.euac = 1120;
    m.roi = 0.08;
    a.is_baseline = true;
    a.rank = 1;
    r.alternatives = {a};
    return r;
}

TEST(ReportExplain, MonthlyStudyUsesThePerMonthRateAndYearsForYearlyFigures) {
    const std::string text = render_explain(monthly_study());
    EXPECT_HAS(text, "i = 0.948879 % per month = (1 + 12.00 %)^(1/12) - 1 (end of period)\n");
    EXPECT_HAS(text, "Yearly figures use years = 12 / 12 = 1.");
    EXPECT_HAS(text, "IRR: NPV(r) = 0 at r = 15.45 % per year (1.204346 % per month); check: NPV "
                     "at 15.45 % = 0.00\n");
    EXPECT_HAS(text, "  = (1,138.18 / 1,000.00)^(1/12) - 1 = 1.084461 % per month; per year "
                     "(1 + 1.084461 %)^12 - 1 = 13.82 %\n");
    EXPECT_HAS(text, "Payback: the cumulative flow is last negative at the end of month 11 "
                     "(C_11 = -10.00); (11 + 10.00 / F_12) / 12 = (11 + 10.00 / 90.00) / 12 = "
                     "0.93 years\n");
    EXPECT_HAS(text, "(11 + 64.12 / 80.36) / 12 = 0.98 years\n");
    EXPECT_HAS(text, "(A/P, 12.00 %, 1) = i(1 + i)^n / ((1 + i)^n - 1) = 0.120000 x 1.12000000 / "
                     "(1.12000000 - 1) = 1.12000000\n");
    EXPECT_HAS(text, "  = 16.24 x 1.12000000 = 18.18 per year\n");
    EXPECT_HAS(text, "ROI = (sum F_k / years) / -F_0 = (80.00 / 1) / 1,000.00 = 8.00 %\n");
    EXPECT_EQ(text.find("[DIFFERS:"), std::string::npos) << text;
}

TEST(ReportExplain, TaxPerPeriod) {
    // report_fixture.hpp, taxed_study: buy's taxable income 800 - 500 = 300, tax 25 % = 75;
    // keep's -100, a tax saving of 25.
    const std::string text = render_explain(taxed_study());
    EXPECT_HAS(text, "--- Income tax: 25.00 % of taxable income, depreciation straight_line ---\n");
    const std::string buy = squeeze(section(text, "=== Buy", "=== Keep"));
    EXPECT_HAS(buy, " 1 800.00 500.00 0.00 300.00 75.00\n");
    EXPECT_HAS(buy, " 2 800.00 500.00 0.00 300.00 75.00\n");
    const std::string keep = squeeze(section(text, "=== Keep", "\nRanking"));
    EXPECT_HAS(keep, " 1 -100.00 0.00 0.00 -100.00 -25.00\n");
    // After tax -1000 + 725/1.1 + 725/1.21 = 258.26; before tax with 800: 388.43.
    EXPECT_HAS(section(text, "--- After tax", "--- Before tax"), "\n  = 258.26\n");
    EXPECT_HAS(section(text, "--- Before tax: F_k = the pre-tax net flow", "IRR"),
               "\n  = 388.43\n");
    EXPECT_EQ(section(text, "--- Income tax", "--- After tax").find("[DIFFERS:"), std::string::npos);
}

}  // namespace
}  // namespace report_test
