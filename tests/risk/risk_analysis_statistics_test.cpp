// The streamed statistics (risk/statistics.hpp) on their own: the pairwise moment merge
// against hand-worked sums, and the rank summary's percentiles against exact order statistics
// of a million values, within the documented bound.
#include <eqroi/core/risk/sampling.hpp>
#include <eqroi/core/risk/statistics.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <vector>

namespace eqroi::risk {
namespace {

TEST(RiskStatistics, MomentsMergeLikeOnePass) {
    // {1, 2, 3, 4} then {10}: mean 20 / 5 = 4, squared deviations 9 + 4 + 1 + 0 + 36 = 50,
    // sample variance 50 / 4 = 12.5.
    Moments m;
    const std::vector<double> a{1, 2, 3, 4}, b{10};
    m.add(a);
    m.add(b);
    EXPECT_EQ(m.count, 5u);
    EXPECT_DOUBLE_EQ(m.mean, 4);
    EXPECT_DOUBLE_EQ(m.m2, 50);
    EXPECT_DOUBLE_EQ(m.variance(), 12.5);
    EXPECT_DOUBLE_EQ(m.standard_error(), std::sqrt(12.5 / 5));
    EXPECT_EQ(m.min, 1);
    EXPECT_EQ(m.max, 10);
    // An empty block changes nothing; one value has no spread.
    m.add(std::vector<double>{});
    EXPECT_EQ(m.count, 5u);
    Moments one;
    one.add(std::vector<double>{7});
    EXPECT_EQ(one.variance(), 0);
}

/// n values of a skewed distribution (the cube of a Philox uniform, times 1,000), the same
/// for a given seed.
std::vector<double> skewed(std::uint64_t first, std::size_t n) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        const auto w = philox4x32_10({static_cast<std::uint32_t>(first + i), 0, 0, 0}, {42, 0});
        const double u = unit_uniform(w[0] | (std::uint64_t{w[1]} << 32));
        v[i] = 1000 * u * u * u;
    }
    return v;
}

TEST(RiskStatistics, PercentilesOfAMillionValuesWithinTheDocumentedBound) {
    // 100 blocks of 10,000 as a run feeds them. The bound: levels 0..6 (100 = 1100100 in
    // binary, seven levels), E / N <= (6 + 1) / (2 x 4096) = 0.085 %.
    QuantileSketch sketch;
    std::vector<double> all;
    for (std::uint64_t b = 0; b < 100; ++b) {
        std::vector<double> block = skewed(b * 10000, 10000);
        all.insert(all.end(), block.begin(), block.end());
        sketch.push(RankSummary::of(std::move(block), QuantileSketch::default_k));
    }
    EXPECT_EQ(sketch.count(), 1000000u);
    const double e = sketch.rank_error();
    EXPECT_GT(e, 0);
    EXPECT_LE(e, 7.0 / (2 * 4096));
    // Memory: at most 2k + 1 items at each of the 7 levels.
    EXPECT_LE(sketch.combined().items.size(), 7 * (2 * QuantileSketch::default_k + 1));

    std::sort(all.begin(), all.end());
    const double n = 1e6;
    for (double q : {0.0, 0.01, 0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95, 0.99, 1.0}) {
        const double v = sketch.quantile(q);
        const auto lo = static_cast<std::size_t>(std::max(1.0, std::ceil(q * n - e * n)));
        const auto hi = static_cast<std::size_t>(std::min(n, std::floor(q * n + e * n) + 1));
        EXPECT_LE(all[lo - 1], v) << q;
        EXPECT_GE(all[hi - 1], v) << q;
        // The S-curve at the value is back near q.
        EXPECT_NEAR(sketch.cdf(v), q, e + 1e-6) << q;
    }
    // The extremes kept are actual values inside the range (the exact min and max come from
    // Moments, not from the summary).
    EXPECT_GE(sketch.quantile(0), all.front());
    EXPECT_LE(sketch.quantile(1), all.back());
}

TEST(RiskStatistics, FewDistinctValuesKeepExactPercentiles) {
    // A discrete input's NPV takes few values: 30 % 1, 50 % 2, 20 % 3, in 20 blocks.
    QuantileSketch sketch;
    for (int b = 0; b < 20; ++b) {
        std::vector<double> block;
        for (int i = 0; i < 10000; ++i) block.push_back(i % 10 < 3 ? 1 : i % 10 < 8 ? 2 : 3);
        sketch.push(RankSummary::of(std::move(block), QuantileSketch::default_k));
    }
    EXPECT_EQ(sketch.quantile(0.05), 1);
    EXPECT_EQ(sketch.quantile(0.29), 1);
    EXPECT_EQ(sketch.quantile(0.50), 2);
    EXPECT_EQ(sketch.quantile(0.95), 3);
    EXPECT_NEAR(sketch.cdf(1), 0.3, sketch.rank_error());
    EXPECT_NEAR(sketch.cdf(2), 0.8, sketch.rank_error());
}

TEST(RiskStatistics, SmallBlocksAreKeptWhole) {
    // 2k + 1 items or fewer are not compressed: exact percentiles, no error.
    RankSummary s = RankSummary::of({5, 1, 4, 2, 3}, 4096);
    EXPECT_EQ(s.error, 0);
    QuantileSketch sketch;
    sketch.push(std::move(s));
    EXPECT_EQ(sketch.quantile(0.2), 1);   // rank ceil(0.2 x 5) = 1
    EXPECT_EQ(sketch.quantile(0.5), 3);   // rank 3
    EXPECT_EQ(sketch.quantile(0.95), 5);  // rank 5
    EXPECT_EQ(sketch.rank_error(), 0);
    EXPECT_TRUE(std::isnan(QuantileSketch().quantile(0.5)));
}

}  // namespace
}  // namespace eqroi::risk
