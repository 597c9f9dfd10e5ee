// The tools under the sensitivity analysis, on functions whose answers are known in closed
// form: the scan-and-refine root finder (roots of polynomials) and Spearman's rank correlation
// (worked by hand below, with ties).
#include <eqroi/core/risk/sensitivity.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

namespace eqroi::risk {
namespace {

template <class F>
std::vector<double> values_of(const std::vector<double>& grid, F f) {
    std::vector<double> v;
    for (double x : grid) v.push_back(f(x));
    return v;
}

TEST(SensitivityRoots, GridEndsExactlyAtTheRange) {
    const auto grid = scan_grid(0.1, 0.7, 3);
    ASSERT_EQ(grid.size(), 4u);
    EXPECT_EQ(grid.front(), 0.1);
    EXPECT_EQ(grid.back(), 0.7);
    EXPECT_NEAR(grid[1], 0.3, 1e-15);
    EXPECT_NEAR(grid[2], 0.5, 1e-15);
    EXPECT_THROW(scan_grid(1, 0, 10), std::invalid_argument);
    EXPECT_THROW(scan_grid(0, 1, 0), std::invalid_argument);
    EXPECT_THROW(scan_grid(0, INFINITY, 10), std::invalid_argument);
}

TEST(SensitivityRoots, RefinesToTheDoublesPrecision) {
    // x^2 - 2 = 0 at sqrt(2) = 1.41421356237309505 on [0, 2].
    auto f = [](double x) { return x * x - 2; };
    const Crossing c = refine_crossing(f, 1.0, 2.0, f(1.0), f(2.0));
    EXPECT_NEAR(c.value, std::sqrt(2.0), 4e-16);
    EXPECT_LE(std::abs(c.residual), 1e-15);
    EXPECT_EQ(c.residual, f(c.value));
    EXPECT_EQ(c.direction, 1);
    // Not a bracket: same signs, or reversed ends.
    EXPECT_THROW(refine_crossing(f, 2.0, 3.0, f(2.0), f(3.0)), std::invalid_argument);
    EXPECT_THROW(refine_crossing(f, 2.0, 1.0, f(2.0), f(1.0)), std::invalid_argument);
    // A function that returns NaN cannot be refined.
    auto bad = [](double x) { return x < 1.5 ? -1.0 : (x > 1.9 ? 1.0 : NAN); };
    EXPECT_THROW(refine_crossing(bad, 1.0, 2.0, -1.0, 1.0), std::runtime_error);
}

TEST(SensitivityRoots, NonMonotoneFunctionHasBothRoots) {
    // (x - 1)(x - 3) on [0, 4] in 10 steps of 0.4: falls through 0 at 1 (between 0.8 and 1.2)
    // and rises through it at 3 (between 2.8 and 3.2).
    auto f = [](double x) { return (x - 1) * (x - 3); };
    const auto grid = scan_grid(0, 4, 10);
    const auto found = find_crossings(grid, values_of(grid, f), f);
    ASSERT_EQ(found.size(), 2u);
    EXPECT_NEAR(found[0].value, 1.0, 1e-15);
    EXPECT_EQ(found[0].direction, -1);
    EXPECT_NEAR(found[1].value, 3.0, 1e-15);
    EXPECT_EQ(found[1].direction, 1);
}

TEST(SensitivityRoots, ZeroOnTheGridIsOneCrossing) {
    // x - 2 on [0, 4] in 4 steps: f(2) = 0 exactly at a grid point; found once, not refined
    // again from the steps on either side.
    auto f = [](double x) { return x - 2; };
    const auto grid = scan_grid(0, 4, 4);
    const auto found = find_crossings(grid, values_of(grid, f), f);
    ASSERT_EQ(found.size(), 1u);
    EXPECT_EQ(found[0].value, 2.0);
    EXPECT_EQ(found[0].residual, 0.0);
    EXPECT_EQ(found[0].direction, 1);
    // (x - 2)^2 only touches zero: one crossing with no direction.
    auto g = [](double x) { return (x - 2) * (x - 2); };
    const auto touch = find_crossings(grid, values_of(grid, g), g);
    ASSERT_EQ(touch.size(), 1u);
    EXPECT_EQ(touch[0].direction, 0);
}

TEST(SensitivityRoots, NoCrossingIsEmpty) {
    auto f = [](double x) { return x * x + 1; };
    const auto grid = scan_grid(-3, 3, 20);
    EXPECT_TRUE(find_crossings(grid, values_of(grid, f), f).empty());
    EXPECT_THROW(find_crossings(grid, {1.0, 2.0}, f), std::invalid_argument);
}

TEST(SensitivityRanks, TiesShareTheAverageRank) {
    const std::vector<double> x{30, 10, 20, 20, 40, 20};
    // Sorted: 10 (rank 1), 20 20 20 (ranks 2, 3, 4 -> 3 each), 30 (5), 40 (6).
    EXPECT_EQ(average_ranks(x), (std::vector<double>{5, 1, 3, 3, 6, 3}));
    EXPECT_TRUE(average_ranks(std::vector<double>{}).empty());
    EXPECT_THROW(average_ranks(std::vector<double>{1, NAN}), std::invalid_argument);
}

TEST(SensitivityRanks, SpearmanWithoutTiesByTheClassicFormula) {
    // Ranks x = 1..5, y = {2, 1, 4, 3, 5}: d = {-1, 1, -1, 1, 0}, sum d^2 = 4,
    // rho = 1 - 6 x 4 / (5 (25 - 1)) = 1 - 24 / 120 = 0.8.
    const std::vector<double> x{1.5, 2.5, 3.5, 4.5, 5.5};
    const std::vector<double> y{20, 10, 40, 30, 50};
    ASSERT_TRUE(spearman(x, y).has_value());
    EXPECT_NEAR(*spearman(x, y), 0.8, 1e-15);
}

TEST(SensitivityRanks, SpearmanWithTiesIsPearsonOfAverageRanks) {
    // x = {10, 20, 20, 30, 40} -> ranks {1, 2.5, 2.5, 4, 5}; y = {1, 3, 2, 5, 4} -> ranks the
    // same. Both means 3; deviations dx = {-2, -0.5, -0.5, 1, 2}, dy = {-2, 0, -1, 2, 1}.
    // sum dx dy = 4 + 0 + 0.5 + 2 + 2 = 8.5; sum dx^2 = 4 + 0.25 + 0.25 + 1 + 4 = 9.5;
    // sum dy^2 = 4 + 0 + 1 + 4 + 1 = 10; rho = 8.5 / sqrt(95) = 0.872081599272381.
    // (The classic 1 - 6 sum d^2 / (n (n^2 - 1)) would give 0.875: it is wrong with ties.)
    const std::vector<double> x{10, 20, 20, 30, 40};
    const std::vector<double> y{1, 3, 2, 5, 4};
    EXPECT_NEAR(*spearman(x, y), 0.872081599272381, 1e-14);
    EXPECT_NEAR(*spearman(y, x), 0.872081599272381, 1e-14);
}

TEST(SensitivityRanks, MonotoneGivesPlusOrMinusOneAndConstantGivesNone) {
    std::vector<double> x, up, down;
    for (int i = 0; i < 50; ++i) {
        x.push_back(0.37 * i - 4);
        up.push_back(std::exp(0.1 * i));   // rises with x, far from linearly
        down.push_back(-std::pow(i, 3.0));  // falls
    }
    EXPECT_DOUBLE_EQ(*spearman(x, up), 1.0);
    EXPECT_DOUBLE_EQ(*spearman(x, down), -1.0);
    EXPECT_FALSE(spearman(x, std::vector<double>(50, 7.0)).has_value());
    EXPECT_FALSE(spearman(std::vector<double>{1}, std::vector<double>{2}).has_value());
    EXPECT_THROW(spearman(x, std::span<const double>(up).first(3)), std::invalid_argument);
}

}  // namespace
}  // namespace eqroi::risk
