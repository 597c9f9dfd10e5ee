// Timing conventions: flows at the end of each period (the default) or in its middle (NIST
// BLCC "mid-year"), against hand calculations written out step by step.
#include <eqroi/core/finance.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace eqroi::finance;
using V = std::vector<double>;

TEST(TimingNpv, MidPeriodByHand) {
    // -1000 now, 600 in each of two years, 10 %, mid-year: the year-1 flow is discounted over
    // half a year, the year-2 flow over one and a half.
    //   1.1^0.5 = 1.0488088482,  1.1^1.5 = 1.1 x 1.0488088482 = 1.1536897330
    //   600 / 1.0488088482 = 572.0775535,  600 / 1.1536897330 = 520.0705032
    //   NPV = -1000 + 572.0775535 + 520.0705032 = 92.1480568
    // End of year for comparison: -1000 + 545.4545 + 495.8678 = 41.3223.
    const V flows{-1000, 600, 600};
    EXPECT_NEAR(npv(0.10, flows, Timing::mid_period), 92.1480568, 1e-7);
    EXPECT_NEAR(npv(0.10, flows, Timing::end_of_period), 41.3223140, 1e-7);
    EXPECT_EQ(npv(0.10, flows, Timing::end_of_period), npv(0.10, flows));
}

TEST(TimingNpv, MidPeriodIsEndOfPeriodShiftedHalfAPeriod) {
    // Every flow from period 1 on is worth sqrt(1 + r) more mid period than at the end:
    // npv_mid = f0 + sqrt(1 + r) x (npv_end - f0). Lengths around the blocks of four the
    // evaluation is split into.
    for (std::size_t n : {1u, 2u, 7u, 8u, 9u, 30u}) {
        V flows(n + 1);
        flows[0] = -5000;
        for (std::size_t k = 1; k <= n; ++k) flows[k] = 300.0 + 17.0 * static_cast<double>(k % 5);
        for (double r : {0.0, 0.03, 0.12, -0.2}) {
            const double end = npv(r, flows), f0 = flows[0];
            EXPECT_NEAR(npv(r, flows, Timing::mid_period), f0 + std::sqrt(1 + r) * (end - f0),
                        1e-9)
                << n << " " << r;
        }
    }
    // Period 0 alone is not moved.
    EXPECT_EQ(npv(0.1, V{-100}, Timing::mid_period), -100.0);
    EXPECT_EQ(npv(0.1, V{}, Timing::mid_period), 0.0);
}

TEST(TimingNpv, BlccYearlyMaintenanceMidYear) {
    // The FEMPEnergy base case's $50 a year for 15 years at 3 % is $596.90 end of year (BLCC
    // publishes $597); mid-year each flow is worth 1.03^0.5 = 1.0148892 more:
    // 596.8968 x 1.0148892 = 605.78.
    V flows(16, 50.0);
    flows[0] = 0;
    EXPECT_NEAR(npv(0.03, flows, Timing::mid_period), 605.784, 1e-3);
}

TEST(TimingDiscountFactor, EndAndMiddleOfPeriod) {
    // 1 / 1.03^10 = 1 / 1.3439164 = 0.7440939; mid period 1 / 1.03^9.5 = 0.7551728.
    EXPECT_NEAR(discount_factor(0.03, 10, Timing::end_of_period), 0.7440939, 1e-7);
    EXPECT_NEAR(discount_factor(0.03, 10, Timing::mid_period), 0.7440939 * std::sqrt(1.03), 1e-7);
    EXPECT_NEAR(discount_factor(0.03, 10, Timing::mid_period), 0.7551728, 1e-7);
    // 1 / sqrt(1.1) = 0.9534626 (period 1, mid).
    EXPECT_NEAR(discount_factor(0.10, 1, Timing::mid_period), 0.9534626, 1e-7);
    // Period 0 is the purchase, at time 0 under both conventions.
    EXPECT_EQ(discount_factor(0.10, 0, Timing::end_of_period), 1.0);
    EXPECT_EQ(discount_factor(0.10, 0, Timing::mid_period), 1.0);
    EXPECT_THROW(discount_factor(-1.0, 3, Timing::end_of_period), std::invalid_argument);
}

TEST(TimingNpv, DiscountFactorsSumToNpv) {
    const V flows{-800, 200, 300, -50, 400, 250};
    for (Timing t : {Timing::end_of_period, Timing::mid_period}) {
        double sum = 0;
        for (std::size_t k = 0; k < flows.size(); ++k) sum += flows[k] * discount_factor(0.07, k, t);
        EXPECT_NEAR(npv(0.07, flows, t), sum, 1e-10);
    }
}

TEST(TimingDiscountedPayback, MidPeriodByHand) {
    // -100, 60, 60 at 10 %, mid year: discounted 60 / 1.1^0.5 = 57.2077554,
    // 60 / 1.1^1.5 = 52.0070503; cumulative -100, -42.7922446, 9.2148057.
    // Payback within year 2: 1 + 42.7922446 / 52.0070503 = 1.8228162.
    // (End of year it is 1 + 11/12 = 1.9167: mid-year money arrives earlier.)
    EXPECT_NEAR(*discounted_payback(0.10, V{-100, 60, 60}, Timing::mid_period), 1.8228162, 1e-7);
    EXPECT_NEAR(*discounted_payback(0.10, V{-100, 60, 60}, Timing::end_of_period),
                1.0 + 11.0 / 12.0, 1e-12);
    // -100, 52, 52 at 10 %: mid year -100 + 49.58 + 45.07 < 0, not reached.
    EXPECT_FALSE(discounted_payback(0.10, V{-100, 52, 52}, Timing::mid_period));
}

TEST(TimingDiscountedPayback, EndOfPeriodMatchesTheOriginal) {
    const V flows{-100, 150, -80, 50};
    EXPECT_EQ(*discounted_payback(0.10, flows, Timing::end_of_period),
              *discounted_payback(0.10, flows));
}

TEST(TimingProfitabilityIndex, MidPeriodByHand) {
    // -1000, 500, 400, 300 at 10 %: end of year the later flows are worth 1010.518407 (see the
    // golden test); mid year sqrt(1.1) = 1.0488088 times that, 1059.840647: PI 1.0598406.
    EXPECT_NEAR(*profitability_index(0.10, V{-1000, 500, 400, 300}, Timing::mid_period),
                1.0598406, 1e-7);
}

TEST(TimingIrr, MidPeriodByHand) {
    // -1000, 600, 600 mid year: with y = 1 / sqrt(1 + r), -1000 + 600 y + 600 y^3 = 0.
    // Python bisection: r = 0.2052307053 (end of year the root is 13.07 %:
    // x = (-600 + sqrt(600^2 + 4 x 600 x 1000)) / 1200 = 0.8844373, r = 0.1306624).
    const V flows{-1000, 600, 600};
    const auto mid = irr_analysis(flows, Timing::mid_period);
    ASSERT_TRUE(mid.irr);
    EXPECT_NEAR(*mid.irr, 0.20523070525853349, 1e-11);
    EXPECT_NEAR(npv(*mid.irr, flows, Timing::mid_period), 0.0, 1e-9);
    const auto end = irr_analysis(flows, Timing::end_of_period);
    ASSERT_TRUE(end.irr);
    EXPECT_NEAR(*end.irr, 0.1306624, 1e-7);
}

TEST(TimingIrr, MidPeriodTwoRootsWhereEndOfPeriodHasNone) {
    // Built from its roots: with y = 1 / sqrt(1 + r), mid year npv = f0 + f1 y + f2 y^3.
    // Roots y = 10/11 (r = 1.21 - 1 = 21 %) and y = 5/6 (r = 1.44 - 1 = 44 %), third root
    // -(10/11 + 5/6) < 0 so the y^2 term vanishes; times -4356: -5750, 9925, -4356. Check:
    //   r = 21 %: -5750 + 9925 / 1.1 - 4356 / 1.1^3 = -5750 + 9022.727 - 3272.727 = 0
    //   r = 44 %: -5750 + 9925 / 1.2 - 4356 / 1.2^3 = -5750 + 8270.833 - 2520.833 = 0
    // End of year: -5750 + 9925 x - 4356 x^2 has discriminant 9925^2 - 4 x 5750 x 4356
    // = 98505625 - 100188000 < 0: no IRR at all.
    const V flows{-5750, 9925, -4356};
    const auto mid = irr_analysis(flows, Timing::mid_period);
    ASSERT_EQ(mid.roots.size(), 2u);
    EXPECT_NEAR(mid.roots[0], 0.21, 1e-11);
    EXPECT_NEAR(mid.roots[1], 0.44, 1e-11);
    EXPECT_TRUE(mid.ambiguous);
    EXPECT_FALSE(mid.irr);
    EXPECT_EQ(mid.sign_changes, 2);

    const auto end = irr_analysis(flows, Timing::end_of_period);
    EXPECT_TRUE(end.roots.empty());
    EXPECT_FALSE(end.irr);
    EXPECT_FALSE(end.ambiguous);
}
