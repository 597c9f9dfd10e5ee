// The sampler's values are the documented function of (seed, trial, input): quantile() at the
// uniform made from Philox's output, bit for bit, and for Beta / PERT the table that stands in
// for Boost's slow beta inverse stays within 1e-10 of the range.
#include "risk_detail.hpp"  // host/core/src: BetaTable

#include <eqroi/core/risk/sampling.hpp>

#include <boost/math/distributions/beta.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace {

using namespace eqroi::risk;

/// The uniform of Monte Carlo trial t of input i, recomputed from sampling.hpp's description:
/// key = seed, counter = (t low, t high, i, 0), word = output[0] | output[1] << 32.
double documented_uniform(std::uint64_t seed, std::uint64_t t, std::uint32_t i) {
    const auto out = philox4x32_10(
        {static_cast<std::uint32_t>(t), static_cast<std::uint32_t>(t >> 32), i, 0},
        {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)});
    return unit_uniform(out[0] | (std::uint64_t{out[1]} << 32));
}

TEST(RiskFastQuantile, MonteCarloValuesAreQuantilesOfTheDocumentedUniforms) {
    const std::vector<Distribution> inputs = {
        Uniform{2, 5},          Triangular{1, 4, 10}, Normal{10, 2},
        Normal{100, 20, 90.0, 150.0}, Normal{0, 1, 3.0, 4.0}, Lognormal{100, 30},
        Weibull{1.5, 1000},     Discrete({1, 2, 3}, {0.2, 0.5, 0.3}), Bernoulli{0.15},
        Empirical({12, 3, 7, 20, 7}), Pert{1, 4, 10}, Beta{2, 5, 10, 20}};
    const std::uint64_t seed = 0x0123456789abcdefULL, first = (std::uint64_t{1} << 32) - 500;
    // Trials around 2^32, so that the counter's high word is exercised too.
    const Sampler sampler({inputs, first + 1000, seed, Method::monte_carlo, std::nullopt});
    const auto x = sampler.sample_block(first, 1000);
    for (std::uint32_t i = 0; i < inputs.size(); ++i)
        for (std::uint64_t k = 0; k < 1000; ++k) {
            const double exact = quantile(inputs[i], documented_uniform(seed, first + k, i));
            if (std::holds_alternative<Pert>(inputs[i]) || std::holds_alternative<Beta>(inputs[i]))
                ASSERT_NEAR(x[i][k], exact, 1e-10 * 10) << describe(inputs[i]);  // width 9, 10
            else
                ASSERT_EQ(x[i][k], exact) << describe(inputs[i]) << " trial " << first + k;
        }
}

// Shapes: the PERT (1, 4, 10) -> (7/3, 11/3), PERT with mode = min -> (1, 5), U-shaped
// (0.5, 0.5), skewed (2, 5), (30, 2), (0.3, 4), flat (1, 1), peaked (200, 300).
TEST(RiskFastQuantile, BetaTableWithinTheToleranceOfBoostOnADenseGrid) {
    const std::pair<double, double> shapes[] = {{7.0 / 3, 11.0 / 3}, {1, 5}, {0.5, 0.5}, {2, 5},
                                                {30, 2}, {0.3, 4}, {1, 1}, {200, 300}};
    for (const auto& [alpha, beta] : shapes) {
        const eqroi::risk::detail::BetaTable table(alpha, beta);
        const boost::math::beta_distribution<double, eqroi::risk::detail::Policy> exact(alpha,
                                                                                        beta);
        EXPECT_GT(table.pieces(), 0u);
        EXPECT_LT(table.pieces(), 20'000u) << alpha << ", " << beta;
        double worst = 0, previous = 0;
        // 50,000 points spread evenly, plus the tails on a log scale down to 1e-12.
        std::vector<double> us;
        for (int k = 1; k < 50'000; ++k) us.push_back(k / 50'000.0);
        for (double e = -12; e < -5.3; e += 0.01) {
            us.push_back(std::pow(10.0, e));
            us.push_back(1 - std::pow(10.0, e));
        }
        std::sort(us.begin(), us.end());
        for (double u : us) {
            const double x = table(u);
            worst = std::max(worst, std::abs(x - boost::math::quantile(exact, u)));
            ASSERT_GE(x, previous) << "not monotone at u = " << u;
            previous = x;
        }
        EXPECT_LE(worst, 2e-10) << "Beta(" << alpha << ", " << beta << "), "
                                << table.pieces() << " pieces";
        std::printf("Beta(%g, %g): %zu pieces, worst error %.2g\n", alpha, beta, table.pieces(),
                    worst);
    }
}

TEST(RiskFastQuantile, LatinHypercubeOfAPertIsStillStratified) {
    // Beta(1, 5) (PERT 2, 2, 12 with mode = min): F(x) = 1 - (1 - (x - 2) / 10)^5.
    const auto x = Sampler({{Pert{2, 2, 12}}, 10'000, 3, Method::latin_hypercube, std::nullopt})
                       .sample_block(0, 10'000)
                       .front();
    std::vector<int> hits(10'000, 0);
    for (double v : x) {
        const double p = 1 - std::pow(1 - (v - 2) / 10, 5);
        ++hits[static_cast<std::size_t>(p * 10'000)];
    }
    EXPECT_EQ(std::count(hits.begin(), hits.end(), 1), 10'000);
}

}  // namespace
