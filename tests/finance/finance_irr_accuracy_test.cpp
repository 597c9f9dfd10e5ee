// irr() of series with one sign change: the root to 1e-12 relative, on series whose IRR is
// known independently of eqroi's root search, and on series where the search has to work
// (a start far from the root, npv not monotone on the way, 120 monthly flows).
//
// Where the IRR has no closed form the reference is a bisection in 80-digit arithmetic
// (Python mpmath, on the flows exactly as the doubles below), 300 halvings of a bracket:
//   from mpmath import mp, mpf; mp.dps = 80
//   def root(flows, a, b):
//       f = [mpf(v) for v in flows]; npv = lambda r: sum(c / (1 + r)**k for k, c in enumerate(f))
//       a, b = mpf(a), mpf(b); fa = npv(a)
//       for _ in range(300):
//           m = (a + b) / 2; fm = npv(m)
//           if (fm < 0) == (fa < 0): a, fa = m, fm
//           else: b = m
//       return (a + b) / 2
// The closed forms were evaluated with bc -l (e(l(2)/3) - 1, ...).
#include <eqroi/core/finance.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace {

using eqroi::finance::irr;
using eqroi::finance::irr_analysis;
using V = std::vector<double>;

/// `head`, then `count` times `amount`, then `tail`.
V series(V head, double amount, int count, V tail = {}) {
    head.insert(head.end(), static_cast<std::size_t>(count), amount);
    head.insert(head.end(), tail.begin(), tail.end());
    return head;
}

/// irr(flows) within 1e-12 of `expected`, relative; and irr_analysis() finds the same root.
void expect_irr(const V& flows, double expected) {
    const auto r = irr(flows);
    ASSERT_TRUE(r) << "no IRR found, expected " << expected;
    EXPECT_NEAR(*r, expected, 1e-12 * std::abs(expected));
    const auto a = irr_analysis(flows);
    ASSERT_TRUE(a.irr);
    EXPECT_EQ(*a.irr, *r);
}

TEST(IrrAccuracy, OneOutlayOneInflowIsTheClosedForm) {
    // -P now, F at the end of period n: IRR = (F / P)^(1 / n) - 1.
    expect_irr({-1, 0, 0, 2}, 0.2599210498948731647672106);              // 2^(1/3) - 1
    expect_irr(series({-1000}, 0, 9, {3000}), 0.1161231740339044344426141);  // 3^(1/10) - 1
    // 120 monthly periods: 1.5^(1/120) - 1 a month.
    expect_irr(series({-5000}, 0, 119, {7500}), 0.003384590736839251763572777);
    // Money almost all lost: 10^-6 back after 120 periods, 10^(-6/120) - 1 = -10.9 % a period.
    expect_irr(series({-1e6}, 0, 119, {1}), -0.1087490618662544700468913);
}

TEST(IrrAccuracy, ExcelRateExample) {
    // Excel's RATE help: a loan of 8,000 repaid by 48 monthly payments of 200,
    // RATE(48, -200, 8000) = 0.77 % a month (9.24 % a year); as flows: +8000, then 48 x -200.
    // 80-digit bisection: 0.007701472488202043816.
    expect_irr(series({8000}, -200, 48), 0.00770147248820204381596913);
    EXPECT_NEAR(*irr(series({8000}, -200, 48)), 0.007701472, 5e-10);  // Excel's figure
}

TEST(IrrAccuracy, AnnuityBuiltFromAChosenRate) {
    // A level payment that repays 1000 over 10 periods at exactly 12.5 %:
    // A = 1000 * 0.125 / (1 - 1.125^-10) = 180.62178192763815455876..., stored as the double
    // 180.62178192763815; the root of the stored series is 0.1249999999999999983 (bisection),
    // so 12.5 % to 1e-17.
    expect_irr(series({-1000}, 180.62178192763815, 10), 0.125);
}

TEST(IrrAccuracy, BorrowingIsTheSameRootWithTheSignsSwapped) {
    // +10,000 borrowed, 120 monthly repayments of 100: 0.3114 % a month (bisection).
    expect_irr(series({10000}, -100, 120), 0.003114181946000659763481527);
    // Inflow first, two repayments later with zeros between: -1.78 % a period (bisection).
    expect_irr({5, 0, 0, 0, -1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, -3}, -0.01776829230975563467901295);
}

TEST(IrrAccuracy, HugeMonthlyRateStillConverges) {
    // 1 invested, 100 back every month for 120 months: with x = 1 / (1 + r), npv = 0 is
    // 100 x (1 - x^120) / (1 - x) = 1; x = 1/101 leaves 101^-120 ~ 1e-240: IRR = 100 (10,000 %)
    // a month to far below double precision.
    expect_irr(series({-1}, 100, 120), 100.0);
}

TEST(IrrAccuracy, TinyMonthlyRateIsFoundToTheAccuracyTheFlowsAllow) {
    // 12,000 invested, 120 x 100.01 back: 1.65e-6 a month (bisection). A rate this small is
    // determined by the flows only to about 1e-17 absolute (npv's rounding, ~1e-16 of 12,000,
    // over its slope, ~726,000), i.e. ~1e-11 relative; so 1e-16 absolute, not 1e-12 relative.
    const V flows = series({-12000}, 100.01, 120);
    const auto r = irr(flows);
    ASSERT_TRUE(r);
    EXPECT_NEAR(*r, 0.000001652838379847383070265411, 1e-16);
}

TEST(IrrAccuracy, CostsThenASalvageValueConvergeFromTheWrongSideOfAHill) {
    // 121 monthly costs of 1000 and 50,000 back at the end: -1.72 % a month (bisection). Below
    // the root npv is not monotone in x = 1 / (1 + r) (it dips before it rises), so plain
    // Newton from the estimate heads for x = 0; the search has to notice and turn back.
    expect_irr(series({}, -1000, 120, {50000}), -0.0172071990380741529404748);
}

TEST(IrrAccuracy, NearlyLinearWhereTheSearchStartsIsNotTakenForConverged) {
    // -1 + x + x^120 = 0 (flows -1, 1, then 118 zeros, then 1): npv is almost linear near the
    // starting estimate (the x^120 term is still small there) but not on the way to the root:
    // 2.99 % a period (bisection).
    expect_irr(series({-1, 1}, 0, 118, {1}), 0.0299265368380934434690563);
}

}  // namespace
