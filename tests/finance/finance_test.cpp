// Finance functions against hand calculations and published spreadsheet results.
#include <eqroi/core/finance.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

using namespace eqroi::finance;
using V = std::vector<double>;

TEST(Npv, FlowZeroIsNotDiscounted) {
    // -100 + 60/1.1 + 60/1.21 = (-121 + 66 + 60) / 1.21 = 5 / 1.21 = 4.1322314049...
    EXPECT_NEAR(npv(0.10, V{-100, 60, 60}), 5.0 / 1.21, 1e-12);
}

TEST(Npv, ZeroRateIsTheSum) {
    // -100 + 30 + 40 + 50 = 20
    EXPECT_DOUBLE_EQ(npv(0.0, V{-100, 30, 40, 50}), 20.0);
}

TEST(Npv, ExcelExample) {
    // Excel's NPV help: NPV(10%, -10000, 3000, 4200, 6800) = 1188.44, where the -10000 is at the
    // end of year 1. In our convention that is flows {0, -10000, 3000, 4200, 6800}.
    EXPECT_NEAR(npv(0.10, V{0, -10000, 3000, 4200, 6800}), 1188.44, 0.005);
}

TEST(Npv, LongSeriesMatchClosedForm) {
    // -100 then n payments of 10: -100 + 10 (1 - 1.1^-n) / 0.1. Lengths around the blocks of
    // four the evaluation is split into (8 = two full blocks, 9..11 a partial one, 121 months).
    for (std::size_t n : {7u, 8u, 9u, 10u, 11u, 120u}) {
        V flows(n + 1, 10.0);
        flows[0] = -100;
        const double expected = -100 + 10 * (1 - std::pow(1.1, -static_cast<double>(n))) / 0.1;
        EXPECT_NEAR(npv(0.10, flows), expected, 1e-11) << n;
    }
    // The first payment in the top partial block only: 0 x 8 then 1 at period 9 = 1.1^-9.
    V lone(10, 0.0);
    lone[9] = 1;
    EXPECT_NEAR(npv(0.10, lone), std::pow(1.1, -9), 1e-15);
}

TEST(Irr, LongSeriesMatchTheAnnuityRate) {
    // -100 then n payments of P at 7 %: P = 100 x 0.07 / (1 - 1.07^-n), IRR exactly 7 %.
    for (std::size_t n : {8u, 9u, 10u, 11u, 60u, 121u}) {
        const double payment = 100 * 0.07 / (1 - std::pow(1.07, -static_cast<double>(n)));
        V flows(n + 1, payment);
        flows[0] = -100;
        auto r = irr(flows);
        ASSERT_TRUE(r) << n;
        EXPECT_NEAR(*r, 0.07, 1e-12) << n;
    }
}

TEST(Npv, EmptySeriesIsZero) { EXPECT_EQ(npv(0.1, V{}), 0.0); }

TEST(SignChanges, ZerosAreSkipped) {
    EXPECT_EQ(sign_changes(V{-100, 0, 50, 0, 60}), 1);
    EXPECT_EQ(sign_changes(V{-100, 230, -132}), 2);
    EXPECT_EQ(sign_changes(V{0, 0, 0}), 0);
    EXPECT_EQ(sign_changes(V{5, 0, 7}), 0);
    EXPECT_EQ(sign_changes(V{-1, 1, -1, 1}), 3);
}

TEST(Irr, WikipediaExample) {
    // Excel IRR(-100,39,59,55,20) = 0.2809484 (the worked example on Wikipedia's IRR page;
    // 0.28094842116 by 200 bisections in Python).
    auto r = irr(V{-100, 39, 59, 55, 20});
    ASSERT_TRUE(r);
    EXPECT_NEAR(*r, 0.2809484211599612, 1e-11);
    EXPECT_NEAR(npv(*r, V{-100, 39, 59, 55, 20}), 0.0, 1e-9);
}

TEST(Irr, ExcelHelpExamples) {
    // Excel's IRR help: after five years 8.7 %, after four years -2.1 %, after two years with
    // guess -10 % gives -44.4 %. Full precision from bisection in Python.
    V five{-70000, 12000, 15000, 18000, 21000, 26000};
    V four{-70000, 12000, 15000, 18000, 21000};
    V two{-70000, 12000, 15000};
    EXPECT_NEAR(*irr(five), 0.0866309480365316, 1e-11);
    EXPECT_NEAR(*irr(four), -0.021244848273410947, 1e-11);
    EXPECT_NEAR(*irr(two, -0.1), -0.4435069413347405, 1e-11);
}

TEST(Irr, ExactRoots) {
    // -100 + 110/(1+r) = 0 -> r = 10 %; -100 + 121/(1+r)^2 = 0 -> r = 10 %.
    EXPECT_NEAR(*irr(V{-100, 110}), 0.10, 1e-12);
    EXPECT_NEAR(*irr(V{-100, 0, 121}), 0.10, 1e-12);
    // Benefit first, cost later (a loan): 100 - 110/(1+r) = 0 -> 10 % as well.
    EXPECT_NEAR(*irr(V{100, -110}), 0.10, 1e-12);
}

TEST(Irr, VeryLargeAndVeryNegativeRates) {
    // -1 + 100/(1+r) = 0 -> r = 99 (9900 %).
    EXPECT_NEAR(*irr(V{-1, 100}), 99.0, 1e-9);
    // -100 + 0.5/(1+r) = 0 -> r = 0.005 - 1 = -0.995.
    EXPECT_NEAR(*irr(V{-100, 0.5}), -0.995, 1e-12);
}

TEST(Irr, NoneWithoutSignChange) {
    EXPECT_FALSE(irr(V{100, 50, 20}));
    EXPECT_FALSE(irr(V{-100, -50}));
    EXPECT_FALSE(irr(V{0, 0, 0}));
    EXPECT_FALSE(irr(V{}));
}

TEST(Irr, NoneWhenNoRealRootDespiteSignChanges) {
    // 100 - 300x + 250x^2 with x = 1/(1+r): discriminant 90000 - 100000 < 0, so npv never
    // reaches zero although the signs change twice.
    EXPECT_EQ(sign_changes(V{100, -300, 250}), 2);
    EXPECT_FALSE(irr(V{100, -300, 250}));
}

TEST(Irr, TwoRootsReturnsTheOneNearTheGuess) {
    // -100 + 230x - 132x^2 = 0 -> x = (230 +- 10) / 264 -> x = 10/11 (r = 10 %) or 5/6 (20 %).
    V flows{-100, 230, -132};
    EXPECT_NEAR(*irr(flows, 0.05), 0.10, 1e-12);
    EXPECT_NEAR(*irr(flows, 0.12), 0.10, 1e-12);
    EXPECT_NEAR(*irr(flows, 0.18), 0.20, 1e-12);
    EXPECT_NEAR(*irr(flows, 0.50), 0.20, 1e-12);
}

TEST(Irr, MonthlySeries) {
    // -1000 then 120 months of 12: the monthly rate solving 12 * (1 - (1+r)^-120) / r = 1000,
    // by 200 bisections in Python: 0.006456646344606 (8.03 % a year).
    V flows(121, 12.0);
    flows[0] = -1000;
    auto r = irr(flows);
    ASSERT_TRUE(r);
    EXPECT_NEAR(*r, 0.006456646344605965, 1e-12);
}

TEST(Payback, InterpolatedInThePeriodOfTheCrossing) {
    // Cumulative -100, -70, -30, 20, 80: last negative after period 2 (-30), period 3 brings 50:
    // 2 + 30/50 = 2.6.
    EXPECT_DOUBLE_EQ(*payback(V{-100, 30, 40, 50, 60}), 2.6);
}

TEST(Payback, ExactlyZeroCountsAsPaidBack) {
    // Cumulative -100, -50, 0, 10: last negative after period 1, 1 + 50/50 = 2.
    EXPECT_DOUBLE_EQ(*payback(V{-100, 50, 50, 10}), 2.0);
}

TEST(Payback, LastCrossingWhenCumulativeDipsAgain) {
    // Cumulative -100, 50, -30, 20: it turns positive in period 1 but dips again (an overhaul
    // in period 2); it stays >= 0 only from period 3: 2 + 30/50 = 2.6.
    EXPECT_DOUBLE_EQ(*payback(V{-100, 150, -80, 50}), 2.6);
}

TEST(Payback, NotReachedAndNeverNegative) {
    EXPECT_FALSE(payback(V{-100, 30, 30}));  // cumulative -40 at the end
    EXPECT_FALSE(payback(V{-100, 200, -150}));  // back under water at the end
    EXPECT_DOUBLE_EQ(*payback(V{0, 10}), 0.0);
    EXPECT_DOUBLE_EQ(*payback(V{10, -5, 20}), 0.0);  // cumulative 10, 5, 25
}

TEST(DiscountedPayback, AtTenPercent) {
    // Discounted -100, 60/1.1 = 54.545, 60/1.21 = 49.587; cumulative -100, -45.455, 4.132.
    // 1 + (50/1.1) / (60/1.21) = 1 + 60.5/66 = 1 + 11/12.
    EXPECT_NEAR(*discounted_payback(0.10, V{-100, 60, 60}), 1.0 + 11.0 / 12.0, 1e-12);
    // At 0 % it is the simple payback.
    EXPECT_DOUBLE_EQ(*discounted_payback(0.0, V{-100, 30, 40, 50, 60}), 2.6);
    // At 10 %, -100 + 55/1.1 + 55/1.21 = -100 + 50 + 45.45 < 0: not reached.
    EXPECT_FALSE(discounted_payback(0.10, V{-100, 55, 55}));
}

TEST(DiscountedPayback, LastCrossing) {
    // At 0 % the same as the simple case above; at 10 %: discounted -100, 136.36, -66.12,
    // 37.57 -> cumulative -100, 36.36, -29.75, 7.81: 2 + 29.75/37.57.
    const double d2 = -80 / 1.21, d3 = 50 / 1.331;
    const double cum2 = -100 + 150 / 1.1 + d2;
    EXPECT_NEAR(*discounted_payback(0.10, V{-100, 150, -80, 50}), 2 + (-cum2) / d3, 1e-12);
}

TEST(PeriodRate, MonthlyEquivalentCompoundsBack) {
    // 1.12^(1/12) - 1 = 0.009488792934583 (Python).
    EXPECT_NEAR(period_rate(0.12, 12), 0.009488792934583046, 1e-15);
    EXPECT_NEAR(std::pow(1 + period_rate(0.08, 12), 12) - 1, 0.08, 1e-14);
    EXPECT_EQ(period_rate(0.07, 1), 0.07);
}
