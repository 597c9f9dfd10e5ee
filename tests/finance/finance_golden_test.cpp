// Issue 3 measures against the published figures finance checks them with: Microsoft's Excel
// function help (IRR, MIRR) and the NIST BLCC 5.3 example FEMPEnergy; the profitability index
// against a hand calculation.
#include <eqroi/core/finance.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace eqroi::finance;
using V = std::vector<double>;

namespace {

/// A study-period series of `years` + 1 flows, all zero.
V zeros(int years) { return V(static_cast<std::size_t>(years) + 1, 0.0); }

}  // namespace

// ---- Excel IRR --------------------------------------------------------------------------------

TEST(GoldenIrr, ExcelHelpExamples) {
    // support.microsoft.com, "IRR function", example: -70000 then 12000, 15000, 18000, 21000,
    // 26000: "Investment's internal rate of return after five years" 8.7 %; the first five
    // values (after four years) -2.1 %. Full precision (0.086630948, -0.021244848) by 300
    // bisections in Python; one sign change, so the root is unique and irr_analysis says so.
    const auto five = irr_analysis(V{-70000, 12000, 15000, 18000, 21000, 26000});
    ASSERT_TRUE(five.irr);
    EXPECT_NEAR(*five.irr, 0.0866309480365316, 1e-11);
    EXPECT_EQ(five.sign_changes, 1);
    EXPECT_FALSE(five.ambiguous);
    EXPECT_EQ(five.roots.size(), 1u);
    EXPECT_NEAR(std::round(*five.irr * 1000) / 10, 8.7, 1e-9);  // as Excel shows it, 8.7 %

    const auto four = irr_analysis(V{-70000, 12000, 15000, 18000, 21000});
    ASSERT_TRUE(four.irr);
    EXPECT_NEAR(*four.irr, -0.021244848273410943, 1e-11);
    EXPECT_NEAR(std::round(*four.irr * 1000) / 10, -2.1, 1e-9);
}

TEST(GoldenIrr, IssueQuotedExample) {
    // The issue quotes Excel: IRR(-100, 39, 59, 55, 20) = 0.2809484 (also the worked example
    // on Wikipedia's "Internal rate of return" page); 0.28094842116 by bisection in Python.
    const V flows{-100, 39, 59, 55, 20};
    const auto a = irr_analysis(flows);
    ASSERT_TRUE(a.irr);
    EXPECT_NEAR(*a.irr, 0.2809484, 5e-8);
    EXPECT_NEAR(*a.irr, 0.2809484211599612, 1e-11);
    // The existing irr() (the engine's) gives the same root.
    EXPECT_NEAR(*irr(flows), *a.irr, 1e-13);
}

// ---- Excel MIRR -------------------------------------------------------------------------------

TEST(GoldenMirr, ExcelHelpExamples) {
    // support.microsoft.com, "MIRR function", example: -120000 (cost), then 39000, 30000,
    // 21000, 37000, 46000; finance rate 10 %, reinvestment rate 12 %.
    //   MIRR(A2:A7, 10 %, 12 %) = 12.61 % ("Investment's modified rate of return after five
    //   years"; the current page rounds it to 13 %), A2:A5 (after three years) -4.80 % (-5 %),
    //   reinvestment 14 %: 13.48 % (13 %).
    // By hand for the first: FV of the positive flows at 12 % to year 5
    //   39000 x 1.12^4 + 30000 x 1.12^3 + 21000 x 1.12^2 + 37000 x 1.12 + 46000
    //   = 61367.26 + 42147.84 + 26342.40 + 41440 + 46000 = 217297.50;
    //   PV of the negative flows at 10 % = -120000; (217297.50 / 120000)^(1/5) - 1 = 0.126094.
    const V values{-120000, 39000, 30000, 21000, 37000, 46000};
    const auto five = mirr(values, 0.10, 0.12);
    ASSERT_TRUE(five);
    EXPECT_NEAR(*five, 0.126094, 5e-7);
    EXPECT_NEAR(*five, 0.1260941303659051, 1e-13);  // the formula in Python

    const auto three = mirr(std::span(values).first(4), 0.10, 0.12);
    ASSERT_TRUE(three);
    EXPECT_NEAR(*three, -0.0480, 5e-5);
    EXPECT_NEAR(*three, -0.048044655249980806, 1e-13);

    const auto at14 = mirr(values, 0.10, 0.14);
    ASSERT_TRUE(at14);
    EXPECT_NEAR(*at14, 0.1348, 5e-5);
    EXPECT_NEAR(*at14, 0.13475911082831482, 1e-13);
}

TEST(GoldenMirr, LaterNegativeFlowsAreFinancedAtTheFinanceRate) {
    // -1000, 600, -200, 800 at finance 10 %, reinvest 12 %, by hand:
    //   FV of the positives to period 3: 600 x 1.12^2 + 800 = 752.64 + 800 = 1552.64
    //   PV of the negatives at 10 %: -1000 - 200 / 1.21 = -1165.289256...
    //   MIRR = (1552.64 / 1165.289256)^(1/3) - 1 = 1.332407...^(1/3) - 1 = 0.100388...
    const double pv_out = 1000 + 200 / 1.21;
    const double expected = std::cbrt(1552.64 / pv_out) - 1;
    EXPECT_NEAR(*mirr(V{-1000, 600, -200, 800}, 0.10, 0.12), expected, 1e-14);
    EXPECT_NEAR(expected, 0.100388, 1e-6);
}

TEST(GoldenMirr, ExcelDiv0CasesAreNone) {
    // Excel: "Values must contain at least one positive value and one negative value ...
    // Otherwise, MIRR returns the #DIV/0! error value."
    EXPECT_FALSE(mirr(V{100, 200, 300}, 0.1, 0.12));     // no negative flow
    EXPECT_FALSE(mirr(V{-100, -200, 0}, 0.1, 0.12));     // no positive flow
    EXPECT_FALSE(mirr(V{-100}, 0.1, 0.12));              // n - 1 = 0 periods
    EXPECT_FALSE(mirr(V{}, 0.1, 0.12));
    EXPECT_THROW(mirr(V{-100, 120}, -1.0, 0.12), std::invalid_argument);
    EXPECT_THROW(mirr(V{-100, 120}, 0.1, -1.5), std::invalid_argument);
}

// ---- NIST BLCC 5.3, example FEMPEnergy ----------------------------------------------------------
// 15-year study, 3 % real discount rate, end-of-year discounting, constant dollars. Each
// published present value, rounded to the dollar, is reproduced with npv() of the yearly flows
// (costs entered as positive amounts here, as BLCC lists them).

TEST(GoldenBlcc, BaseCaseAnnuallyRecurringOmr) {
    // $50 maintenance every year, years 1..15: PV $597 (50 x (1 - 1.03^-15) / 0.03 = 596.90).
    V flows = zeros(15);
    for (int y = 1; y <= 15; ++y) flows[y] = 50;
    EXPECT_EQ(std::round(npv(0.03, flows)), 597);
}

TEST(GoldenBlcc, BaseCaseNonAnnualOmrAndReplacement) {
    // $200 cleaning in year 10: PV $149 (200 / 1.03^10 = 148.82); $600 fan replacement in
    // year 10: PV $446 (600 / 1.03^10 = 446.46).
    V cleaning = zeros(15), fan = zeros(15);
    cleaning[10] = 200;
    fan[10] = 600;
    EXPECT_EQ(std::round(npv(0.03, cleaning)), 149);
    EXPECT_EQ(std::round(npv(0.03, fan)), 446);
    EXPECT_EQ(std::round(600 * discount_factor(0.03, 10, Timing::end_of_period)), 446);
}

TEST(GoldenBlcc, AlternativeOmrAndOverhaul) {
    // Alternative: $100 every year: PV $1,194 (1193.79); $600 overhaul in year 8: PV $474
    // (600 / 1.03^8 = 473.65).
    V yearly = zeros(15), overhaul = zeros(15);
    for (int y = 1; y <= 15; ++y) yearly[y] = 100;
    overhaul[8] = 600;
    EXPECT_EQ(std::round(npv(0.03, yearly)), 1194);
    EXPECT_EQ(std::round(npv(0.03, overhaul)), 474);
}

TEST(GoldenBlcc, AirrFromPublishedSir) {
    // Published SIR 4.00 over 15 years at 3 %: AIRR 12.97 %.
    // (1.03) x 4^(1/15) - 1 = 1.03 x 1.0968249 - 1 = 0.1297297.
    const auto a = airr(4.00, 0.03, 15);
    ASSERT_TRUE(a);
    EXPECT_NEAR(*a, 0.1297, 0.00005);
    EXPECT_NEAR(*a, 0.12972972908546465, 1e-14);
    // SIR 1: the project just earns the discount rate.
    EXPECT_NEAR(*airr(1.0, 0.03, 15), 0.03, 1e-15);
    EXPECT_FALSE(airr(0.0, 0.03, 15));
    EXPECT_FALSE(airr(-1.0, 0.03, 15));
    EXPECT_THROW(airr(4.0, 0.03, 0), std::invalid_argument);
    EXPECT_THROW(airr(4.0, -1.0, 15), std::invalid_argument);
}

// ---- Profitability index --------------------------------------------------------------------

TEST(GoldenProfitabilityIndex, HandCalculation) {
    // -1000, then 500, 400, 300 at 10 %:
    //   PV of periods 1..3 = 500/1.1 + 400/1.21 + 300/1.331
    //                      = 454.545454 + 330.578512 + 225.394440 = 1010.518407
    //   PI = 1010.518407 / 1000 = 1.010518407 (= 1 + NPV / investment, NPV = 10.518407).
    const V flows{-1000, 500, 400, 300};
    const double pv_later = 500 / 1.1 + 400 / 1.21 + 300 / 1.331;
    const auto pi = profitability_index(0.10, flows);
    ASSERT_TRUE(pi);
    EXPECT_NEAR(*pi, pv_later / 1000, 1e-15);
    EXPECT_NEAR(*pi, 1.010518407, 1e-9);
    EXPECT_NEAR(*pi, 1 + npv(0.10, flows) / 1000, 1e-14);
}

TEST(GoldenProfitabilityIndex, OverhaulCountsInThePresentValue) {
    // -1000, 700, -200, 700 at 10 %: the overhaul reduces the PV, not the investment:
    //   (700/1.1 - 200/1.21 + 700/1.331) / 1000 = (636.3636 - 165.2893 + 525.9204) / 1000
    //   = 0.9969947 (996.99474 / 1000).
    EXPECT_NEAR(*profitability_index(0.10, V{-1000, 700, -200, 700}), 0.9969947, 1e-7);
}

TEST(GoldenProfitabilityIndex, NothingInvestedAtTimeZero) {
    EXPECT_FALSE(profitability_index(0.10, V{0, -100, 300}));
    EXPECT_FALSE(profitability_index(0.10, V{100, 50}));
    EXPECT_FALSE(profitability_index(0.10, V{}));
    EXPECT_THROW(profitability_index(-1.0, V{-100, 50}), std::invalid_argument);
}
