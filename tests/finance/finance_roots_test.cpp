// irr_analysis: every IRR of a series. Series built from known roots, so each expected value is
// a factorisation written out below (x = 1 / (1 + r), or u = 1 + r).
#include <eqroi/core/finance.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <random>
#include <vector>

using namespace eqroi::finance;
using V = std::vector<double>;

TEST(IrrAnalysis, TwoSignChangesTwoRoots) {
    // -100 (1+r)^2 + 230 (1+r) - 132 = -100 (u - 1.1)(u - 1.2), u = 1 + r:
    // (u - 1.1)(u - 1.2) = u^2 - 2.3 u + 1.32, times -100: -100 u^2 + 230 u - 132. Roots 10 %, 20 %.
    const auto a = irr_analysis(V{-100, 230, -132});
    EXPECT_EQ(a.sign_changes, 2);
    ASSERT_EQ(a.roots.size(), 2u);
    EXPECT_NEAR(a.roots[0], 0.10, 1e-12);
    EXPECT_NEAR(a.roots[1], 0.20, 1e-12);
    EXPECT_TRUE(a.ambiguous);
    EXPECT_FALSE(a.irr);  // no single IRR: the report must say so, not pick one
}

TEST(IrrAnalysis, ThreeRoots) {
    // -1000 (u - 1.1)(u - 1.2)(u - 1.3) = -1000 (u^3 - 3.6 u^2 + 4.31 u - 1.716)
    // -> flows -1000, 3600, -4310, 1716 (npv x u^3 = f0 u^3 + f1 u^2 + f2 u + f3).
    const auto a = irr_analysis(V{-1000, 3600, -4310, 1716});
    EXPECT_EQ(a.sign_changes, 3);
    ASSERT_EQ(a.roots.size(), 3u);
    EXPECT_NEAR(a.roots[0], 0.10, 1e-11);
    EXPECT_NEAR(a.roots[1], 0.20, 1e-11);
    EXPECT_NEAR(a.roots[2], 0.30, 1e-11);
    EXPECT_TRUE(a.ambiguous);
    EXPECT_FALSE(a.irr);
}

TEST(IrrAnalysis, TwoSignChangesNoRoot) {
    // -100 + 50 x - 100 x^2: discriminant 50^2 - 4 x 100 x 100 = 2500 - 40000 < 0, so npv < 0
    // at every rate although the signs change twice.
    const auto a = irr_analysis(V{-100, 50, -100});
    EXPECT_EQ(a.sign_changes, 2);
    EXPECT_TRUE(a.roots.empty());
    EXPECT_FALSE(a.irr);
    EXPECT_FALSE(a.ambiguous);
    EXPECT_FALSE(irr(V{-100, 50, -100}));
}

TEST(IrrAnalysis, UniqueRootDespiteThreeSignChanges) {
    // Two sign changes give two roots or none (Descartes: the count of positive roots in x
    // differs from the sign changes by an even number), so a unique IRR with several sign
    // changes needs three. 11 (x - 10/11)(x^2 - x + 1) = 11 x^3 - 21 x^2 + 21 x - 10, and
    // x^2 - x + 1 has no real root (discriminant 1 - 4 < 0): the only root is x = 10/11,
    // r = 10 %. Times 100: -1000, 2100, -2100, 1100 (signs -, +, -, +).
    const V flows{-1000, 2100, -2100, 1100};
    const auto a = irr_analysis(flows);
    EXPECT_EQ(a.sign_changes, 3);
    ASSERT_EQ(a.roots.size(), 1u);
    ASSERT_TRUE(a.irr);
    EXPECT_NEAR(*a.irr, 0.10, 1e-12);
    EXPECT_FALSE(a.ambiguous);
    // Check the root by hand: -1000 + 2100 / 1.1 - 2100 / 1.21 + 1100 / 1.331
    //   = -1000 + 1909.0909 - 1735.5372 + 826.4463 = 0.
    EXPECT_NEAR(npv(0.10, flows), 0.0, 1e-9);
}

TEST(IrrAnalysis, NoSignChange) {
    for (const V& flows : {V{100, 50, 20}, V{-100, -50}, V{0, 0, 0}, V{}}) {
        const auto a = irr_analysis(flows);
        EXPECT_EQ(a.sign_changes, 0);
        EXPECT_TRUE(a.roots.empty());
        EXPECT_FALSE(a.irr);
        EXPECT_FALSE(a.ambiguous);
    }
}

TEST(IrrAnalysis, OneSignChangeIsTheIrrOfTheEngine) {
    // One sign change: the same fast path as irr() (the engine's), so the same root, on a
    // yearly series, a 121-month one and extreme rates: -1 + 100 / (1 + r) = 0 -> r = 99;
    // -100 + 0.5 / (1 + r) = 0 -> r = -0.995.
    V monthly(121, 12.0);
    monthly[0] = -1000;
    for (const V& flows : {V{-250000, 45000, 47000, 49000, 51000, 53000, 55000, 56000, 58000,
                             59000, 90000},
                           monthly, V{-1, 100}, V{-100, 0.5}, V{100, -110}}) {
        const auto a = irr_analysis(flows);
        ASSERT_TRUE(a.irr);
        EXPECT_EQ(*a.irr, *irr(flows));
        EXPECT_EQ(a.sign_changes, 1);
        EXPECT_EQ(a.roots.size(), 1u);
    }
    EXPECT_NEAR(*irr_analysis(V{-1, 100}).irr, 99.0, 1e-9);
    EXPECT_NEAR(*irr_analysis(V{-100, 0.5}).irr, -0.995, 1e-12);
}

TEST(IrrAnalysis, IrrWithGuessReturnsOneOfTheRoots) {
    // irr() keeps its contract for several sign changes: the root nearest the guess.
    const V flows{-1000, 3600, -4310, 1716};
    EXPECT_NEAR(*irr(flows, 0.0), 0.10, 1e-11);
    EXPECT_NEAR(*irr(flows, 0.21), 0.20, 1e-11);
    EXPECT_NEAR(*irr(flows, 0.9), 0.30, 1e-11);
}

TEST(IrrAnalysis, OverhaulThatNeverPaysBack) {
    // A realistic shape: -1000, then 300 a year, an overhaul of -900 in year 3, 300 in years 4
    // and 5. Three sign changes, so one or three roots. For r >= 0 (0 < x <= 1) the benefits
    // are at most 300 (x + x^2 + x^4 + x^5) <= 1200 x, and 1200 x - 900 x^3 - 1000 peaks at
    // x = sqrt(1200 / 2700) = 0.667 with 800 - 266.7 - 1000 < 0: npv < 0, no root. Below 0 a
    // log-spaced scan of 200000 rates in Python finds one crossing, refined by bisection:
    // r = -0.248197923839. So a unique (negative) IRR: money lost at 24.8 % a year.
    const V flows{-1000, 300, 300, -900, 300, 300};
    const auto a = irr_analysis(flows);
    EXPECT_EQ(a.sign_changes, 3);
    ASSERT_EQ(a.roots.size(), 1u);
    ASSERT_TRUE(a.irr);
    EXPECT_NEAR(*a.irr, -0.24819792383936307, 1e-11);
    EXPECT_FALSE(a.ambiguous);
    EXPECT_LT(npv(0.0, flows), 0);  // -1000 + 300 + 300 - 900 + 300 + 300 = -700
}

TEST(IrrAnalysis, SeriesBuiltFromKnownRoots) {
    // npv x (1+r)^n = f0 u^n + f1 u^(n-1) + .. + fn with u = 1 + r, so the flows of
    //   P(u) = -(u - u1)(u - u2)..(u - um) x (u^2 + b u + c)..
    // are a series whose IRRs are exactly r_i = u_i - 1: the quadratic factors (b, c > 0) have
    // no positive root and only make the series longer and its sign pattern less obvious.
    // 2000 such series from a fixed seed, one to three roots from -90 % to about +1000 %, at
    // least 25 points apart (far more than the scan's grid step), every one must be found.
    std::mt19937 gen(3);
    std::uniform_real_distribution<double> first(-0.9, 0.5), gap(0.25, 3.0), coef(0.1, 3.0);
    std::uniform_int_distribution<int> root_count(1, 3), quadratic_count(0, 3);
    for (int trial = 0; trial < 2000; ++trial) {
        V poly{-1.0};  // coefficients from the highest power of u down
        auto times = [&](const V& factor) {
            V out(poly.size() + factor.size() - 1, 0.0);
            for (std::size_t i = 0; i < poly.size(); ++i)
                for (std::size_t j = 0; j < factor.size(); ++j) out[i + j] += poly[i] * factor[j];
            poly = out;
        };
        V roots;
        double r = first(gen);
        for (int i = root_count(gen); i > 0; --i, r += gap(gen)) {
            roots.push_back(r);
            times(V{1.0, -(1.0 + r)});
        }
        for (int i = quadratic_count(gen); i > 0; --i) times(V{1.0, coef(gen), coef(gen)});
        const auto a = irr_analysis(poly);  // flows[k] = coefficient of u^(n-k): poly as is
        ASSERT_EQ(a.roots.size(), roots.size()) << "trial " << trial;
        for (std::size_t i = 0; i < roots.size(); ++i)
            EXPECT_NEAR(a.roots[i], roots[i], 1e-9 * (1 + std::abs(roots[i]))) << "trial " << trial;
        EXPECT_EQ(a.irr.has_value(), roots.size() == 1);
        EXPECT_EQ(a.ambiguous, roots.size() > 1);
    }
}
