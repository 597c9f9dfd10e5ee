// The random numbers (Philox known answers), Latin hypercube stratification, and reproducibility:
// same seed same samples, whatever the split of the trials into calls or threads.
#include <eqroi/core/risk/sampling.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <set>
#include <thread>

namespace {

using namespace eqroi::risk;
using Columns = std::vector<std::vector<double>>;

// Random123's kat_vectors (Salmon et al. 2011), the three philox4x32 10-round lines:
//   counter (4 words), key (2 words) -> output (4 words).
TEST(RiskSampling, PhiloxKnownAnswers) {
    using A4 = std::array<std::uint32_t, 4>;
    EXPECT_EQ(philox4x32_10({0, 0, 0, 0}, {0, 0}),
              (A4{0x6627e8d5, 0xe169c58d, 0xbc57ac4c, 0x9b00dbd8}));
    EXPECT_EQ(philox4x32_10({0xffffffff, 0xffffffff, 0xffffffff, 0xffffffff},
                            {0xffffffff, 0xffffffff}),
              (A4{0x408f276d, 0x41c83b0e, 0xa20bc7c6, 0x6d5451fd}));
    EXPECT_EQ(philox4x32_10({0x243f6a88, 0x85a308d3, 0x13198a2e, 0x03707344},
                            {0xa4093822, 0x299f31d0}),
              (A4{0xd16cfe09, 0x94fdcceb, 0x5001e420, 0x24126ea1}));
}

TEST(RiskSampling, UniformsAreStrictlyInsideZeroOne) {
    // ((w >> 12) + 0.5) / 2^52: the extremes are 2^-53 and 1 - 2^-53, the largest double
    // below 1 (1 - 2^-54 is not a double: it would round to 1).
    EXPECT_EQ(unit_uniform(0), 0x1p-53);
    EXPECT_EQ(unit_uniform(~std::uint64_t{0}), 1 - 0x1p-53);
    EXPECT_EQ(unit_uniform(~std::uint64_t{0}), std::nextafter(1.0, 0.0));
    EXPECT_EQ(unit_uniform(std::uint64_t{1} << 63), 0.5 + 0x1p-53);
    EXPECT_EQ(unit_uniform((std::uint64_t{1} << 12) - 1), 0x1p-53);  // low 12 bits unused
}

Columns run(const SamplingPlan& plan) { return Sampler(plan).sample_block(0, plan.trials); }

SamplingPlan three_inputs(std::uint64_t trials, std::uint64_t seed, Method method) {
    return {{Triangular{800, 1100, 1500}, Lognormal{1200, 400}, Bernoulli{0.1}},
            trials,
            seed,
            method,
            std::nullopt};
}

TEST(RiskSampling, SameSeedSameSamplesOtherSeedOtherSamples) {
    for (Method method : {Method::monte_carlo, Method::latin_hypercube}) {
        const Columns a = run(three_inputs(20'000, 42, method));
        EXPECT_EQ(a, run(three_inputs(20'000, 42, method)));
        const Columns b = run(three_inputs(20'000, 43, method));
        // A different seed: (almost) every continuous value differs.
        std::size_t same = 0;
        for (std::size_t k = 0; k < a[0].size(); ++k) same += a[0][k] == b[0][k];
        EXPECT_LT(same, 10u);
        EXPECT_NE(a[2], b[2]);
    }
    // Inputs get their own streams: two identical distributions are not the same column.
    const Columns twins =
        run({{Uniform{0, 1}, Uniform{0, 1}}, 1000, 7, Method::monte_carlo, std::nullopt});
    EXPECT_NE(twins[0], twins[1]);
}

/// Trials [0, n) in one call equal the concatenation of [0, split) and [split, n).
void expect_split_invariant(const SamplingPlan& plan, std::uint64_t split) {
    const Sampler sampler(plan);
    const Columns whole = sampler.sample_block(0, plan.trials);
    const Columns head = sampler.sample_block(0, split);
    const Columns tail = sampler.sample_block(split, plan.trials - split);
    for (std::size_t i = 0; i < whole.size(); ++i) {
        Columns::value_type joined = head[i];
        joined.insert(joined.end(), tail[i].begin(), tail[i].end());
        EXPECT_EQ(joined, whole[i]) << "input " << i << " split at " << split;
    }
}

TEST(RiskSampling, OneCallEqualsSeveralCalls) {
    const CorrelationMatrix c = {{1, 0.6, 0}, {0.6, 1, 0}, {0, 0, 1}};
    for (Method method : {Method::monte_carlo, Method::latin_hypercube}) {
        SamplingPlan plan = three_inputs(20'000, 2024, method);
        expect_split_invariant(plan, 5'000);
        expect_split_invariant(plan, 12'345);
        plan.rank_correlation = c;
        expect_split_invariant(plan, 5'000);
        expect_split_invariant(plan, 10'000);
    }
}

TEST(RiskSampling, TwoThreadsGiveTheSameBitsAsOne) {
    SamplingPlan plan = three_inputs(20'000, 99, Method::latin_hypercube);
    plan.rank_correlation = CorrelationMatrix{{1, -0.4, 0}, {-0.4, 1, 0}, {0, 0, 1}};
    for (Method method : {Method::monte_carlo, Method::latin_hypercube}) {
        plan.method = method;
        const Sampler sampler(plan);
        const Columns one = sampler.sample_block(0, 20'000);
        // Each thread writes its half straight into shared columns.
        Columns two(3, std::vector<double>(20'000));
        const auto half = [&](std::uint64_t first) {
            std::vector<std::span<double>> out;
            for (auto& c : two) out.emplace_back(c.data() + first, 10'000);
            sampler.sample_block(first, 10'000, out);
        };
        std::thread second(half, 10'000);
        half(0);
        second.join();
        EXPECT_EQ(one, two);
    }
}

TEST(RiskSampling, MonteCarloTrialsDoNotDependOnTheRunLength) {
    // A run can be extended (stop when the standard error is small enough, or go on).
    const Columns shorter = run(three_inputs(12'000, 5, Method::monte_carlo));
    Columns longer = run(three_inputs(30'000, 5, Method::monte_carlo));
    for (auto& c : longer) c.resize(12'000);
    EXPECT_EQ(shorter, longer);
}

TEST(RiskSampling, BlocksOfTenThousandWithTheRemainderMerged) {
    const auto blocks = [](std::uint64_t trials) {
        const Sampler s(three_inputs(trials, 1, Method::latin_hypercube));
        std::vector<std::uint64_t> sizes;
        for (std::uint64_t b = 0; b < s.block_count(); ++b) {
            EXPECT_EQ(s.block_range(b).first, b * Sampler::block_trials);
            sizes.push_back(s.block_range(b).count);
        }
        return sizes;
    };
    EXPECT_EQ(blocks(0), (std::vector<std::uint64_t>{}));
    EXPECT_EQ(blocks(1), (std::vector<std::uint64_t>{1}));
    EXPECT_EQ(blocks(4'999), (std::vector<std::uint64_t>{4'999}));
    EXPECT_EQ(blocks(14'999), (std::vector<std::uint64_t>{14'999}));
    EXPECT_EQ(blocks(15'000), (std::vector<std::uint64_t>{10'000, 5'000}));
    EXPECT_EQ(blocks(25'000), (std::vector<std::uint64_t>{10'000, 10'000, 5'000}));
    EXPECT_EQ(blocks(34'999), (std::vector<std::uint64_t>{10'000, 10'000, 14'999}));
}

/// Every one of the m equal-probability strata of (0, 1) holds exactly one of the m values,
/// where `cdf` maps a value back to its probability.
template <class Cdf>
void expect_stratified(const std::vector<double>& values, std::size_t from, std::size_t m,
                       Cdf cdf) {
    std::vector<int> hits(m, 0);
    for (std::size_t k = from; k < from + m; ++k) {
        const double p = cdf(values[k]);
        ASSERT_GT(p, 0.0);
        ASSERT_LT(p, 1.0);
        ++hits[static_cast<std::size_t>(p * static_cast<double>(m))];
    }
    EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), static_cast<long>(m));
}

TEST(RiskSampling, LatinHypercubePutsOneTrialInEachStratum) {
    // CDFs written out: uniform on [0, 1] F(x) = x; triangular (1, 4, 10) F(x) = (x - 1)^2 / 27
    // below 4, 1 - (10 - x)^2 / 54 above; Weibull (2, 3) F(x) = 1 - exp(-(x / 3)^2).
    const auto uniform = [](double x) { return x; };
    const auto triangular = [](double x) {
        return x < 4 ? (x - 1) * (x - 1) / 27 : 1 - (10 - x) * (10 - x) / 54;
    };
    const auto weibull = [](double x) { return -std::expm1(-(x / 3) * (x / 3)); };
    for (std::uint64_t n : {1, 2, 7, 1'000, 10'000}) {
        const Columns x = run({{Uniform{0, 1}, Triangular{1, 4, 10}, Weibull{2, 3}},
                               n, 11, Method::latin_hypercube, std::nullopt});
        expect_stratified(x[0], 0, n, uniform);
        expect_stratified(x[1], 0, n, triangular);
        expect_stratified(x[2], 0, n, weibull);
    }
    // 25,000 trials: blocks of 10,000, 10,000 and 5,000, each a hypercube of its own.
    const Columns x = run({{Uniform{0, 1}}, 25'000, 11, Method::latin_hypercube, std::nullopt});
    expect_stratified(x[0], 0, 10'000, uniform);
    expect_stratified(x[0], 10'000, 10'000, uniform);
    expect_stratified(x[0], 20'000, 5'000, uniform);
    // Plain Monte Carlo is not stratified: 1,000 uniforms leave about 1000 / e = 368 of the
    // 1,000 strata empty.
    const Columns mc = run({{Uniform{0, 1}}, 1'000, 11, Method::monte_carlo, std::nullopt});
    std::set<int> strata;
    for (double v : mc[0]) strata.insert(static_cast<int>(v * 1000));
    EXPECT_LT(strata.size(), 700u);
}

TEST(RiskSampling, RangesAndColumnsAreChecked) {
    const Sampler s(three_inputs(100, 1, Method::monte_carlo));
    EXPECT_THROW(s.sample_block(50, 51), std::out_of_range);
    EXPECT_THROW(s.sample_block(101, 0), std::out_of_range);
    EXPECT_THROW(s.block_range(1), std::out_of_range);
    EXPECT_EQ(s.sample_block(100, 0), Columns(3));
    std::vector<double> a(10), b(10), c(9);
    std::vector<std::span<double>> short_column = {a, b, c};
    EXPECT_THROW(s.sample_block(0, 10, short_column), std::invalid_argument);
    std::vector<std::span<double>> two_columns = {a, b};
    EXPECT_THROW(s.sample_block(0, 10, two_columns), std::invalid_argument);
}

}  // namespace
