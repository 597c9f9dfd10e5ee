// Each distribution's sample moments against its textbook closed form, and quantiles against
// published values or closed forms worked out in the comments. The expected moments are
// written here from the textbook formulas, never read from the implementation.
#include <eqroi/core/risk/distributions.hpp>
#include <eqroi/core/risk/sampling.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <numbers>
#include <stdexcept>

namespace {

using namespace eqroi::risk;

constexpr double pi = std::numbers::pi;

/// Standard normal CDF from the C library's erfc (independent of Boost.Math, which the
/// implementation uses): Phi(x) = erfc(-x / sqrt 2) / 2.
double Phi(double x) { return 0.5 * std::erfc(-x / std::numbers::sqrt2); }
double phi(double x) { return std::exp(-0.5 * x * x) / std::sqrt(2 * pi); }

struct Moments {
    double mean, variance;
};

/// Draws n values by plain Monte Carlo (seed fixed) and checks their mean and variance against
/// the closed form within 4 standard errors:
///   SE(mean)     = sqrt(sigma^2 / n)
///   SE(variance) = sqrt((m4 - s^4) / n), m4 the 4th central moment: for large n,
///                  Var(s^2) = (mu4 - sigma^4) / n + O(1/n^2) (e.g. Kendall & Stuart, The
///                  Advanced Theory of Statistics vol. 1, eq. 10.13), mu4 and sigma^4 estimated
///                  from the sample.
/// Also checks that the implementation's mean() / variance() equal the closed form.
void check_moments(const Distribution& d, Moments expected, std::uint64_t seed = 20240601) {
    ASSERT_FALSE(problem(d)) << problem(d)->message;
    EXPECT_NEAR(mean(d), expected.mean, 1e-12 * (1 + std::abs(expected.mean))) << describe(d);
    EXPECT_NEAR(variance(d), expected.variance, 1e-10 * (1 + expected.variance)) << describe(d);

    constexpr std::uint64_t n = 200'000;
    const Sampler sampler({{d}, n, seed, Method::monte_carlo, std::nullopt});
    const auto x = sampler.sample_block(0, n).front();
    double sum = 0;
    for (double v : x) sum += v;
    const double m = sum / n;
    double m2 = 0, m4 = 0;
    for (double v : x) {
        const double d2 = (v - m) * (v - m);
        m2 += d2;
        m4 += d2 * d2;
    }
    const double s2 = m2 / (n - 1);
    m4 /= n;
    const double se_mean = std::sqrt(expected.variance / n);
    const double se_variance = std::sqrt((m4 - s2 * s2) / n);
    EXPECT_LE(std::abs(m - expected.mean), 4 * se_mean)
        << describe(d) << ": sample mean " << m << " vs " << expected.mean;
    EXPECT_LE(std::abs(s2 - expected.variance), 4 * se_variance)
        << describe(d) << ": sample variance " << s2 << " vs " << expected.variance;
    const Support s = support(d);
    for (double v : x) {
        ASSERT_GE(v, s.min) << describe(d);
        ASSERT_LE(v, s.max) << describe(d);
    }
}

// Uniform on [a, b]: mean (a + b) / 2, variance (b - a)^2 / 12.
// [2, 5]: 3.5 and 9 / 12 = 0.75.
TEST(RiskDistributions, UniformMoments) { check_moments(Uniform{2, 5}, {3.5, 0.75}); }

// Triangular (a, c, b): mean (a + b + c) / 3, variance (a^2 + b^2 + c^2 - ab - ac - bc) / 18.
// (1, 4, 10): 15 / 3 = 5; (1 + 100 + 16 - 10 - 4 - 40) / 18 = 63 / 18 = 3.5.
TEST(RiskDistributions, TriangularMoments) { check_moments(Triangular{1, 4, 10}, {5, 3.5}); }

// PERT = Beta(alpha, beta) on [a, b], alpha = 1 + L (c - a) / (b - a), beta = 1 + L (b - c) / (b - a)
// (Vose, Risk Analysis, 3rd ed., 9.1.4). Mean (a + L c + b) / (L + 2); variance of a beta:
// (b - a)^2 alpha beta / ((alpha + beta)^2 (alpha + beta + 1)).
// (1, 4, 10, L = 4): alpha = 7/3, beta = 11/3, mean 27 / 6 = 4.5,
//   variance 81 (77/9) / (36 x 7) = 693 / 252 = 2.75.
// (0, 2, 10, L = 2): alpha = 1.4, beta = 2.6, mean 14 / 4 = 3.5, variance 100 x 3.64 / (16 x 5) = 4.55.
TEST(RiskDistributions, PertMoments) {
    check_moments(Pert{1, 4, 10}, {4.5, 2.75});
    check_moments(Pert{0, 2, 10, 2}, {3.5, 4.55});
}

TEST(RiskDistributions, NormalMoments) { check_moments(Normal{10, 2}, {10, 4}); }

// Truncated normal (Johnson, Kotz & Balakrishnan vol. 1, 10.1), a, b standardised bounds,
// Z = Phi(b) - Phi(a): mean mu + sigma (phi(a) - phi(b)) / Z,
// variance sigma^2 [1 + (a phi(a) - b phi(b)) / Z - ((phi(a) - phi(b)) / Z)^2].
// Half-normal (mu 0, sigma 1, [0, inf)): mean sqrt(2 / pi) = 0.7978845608028654,
// variance 1 - 2 / pi = 0.3633802276324186.
TEST(RiskDistributions, TruncatedNormalMoments) {
    check_moments(Normal{0, 1, 0.0, std::nullopt}, {0.7978845608028654, 0.3633802276324186});

    const auto truncated = [](double mu, double sigma, double lo, double hi) {
        const double a = (lo - mu) / sigma, b = (hi - mu) / sigma, z = Phi(b) - Phi(a);
        const double shift = (phi(a) - phi(b)) / z;
        return Moments{mu + sigma * shift,
                       sigma * sigma * (1 + (a * phi(a) - b * phi(b)) / z - shift * shift)};
    };
    check_moments(Normal{100, 20, 90.0, 150.0}, truncated(100, 20, 90, 150));
    // Entirely in the upper tail, 3 to 4 sd above the mean: the quantile counts from that tail.
    check_moments(Normal{0, 1, 3.0, 4.0}, truncated(0, 1, 3, 4));
}

// Lognormal from the variable's own mean m and sd s: E[X] = m, Var[X] = s^2 by construction,
// with sigma^2 = ln(1 + s^2 / m^2) and mu = ln m - sigma^2 / 2 (Vose 2008, III.7.24).
// m = 100, s = 30: sigma^2 = ln 1.09 = 0.08617769624105233, sigma = 0.29356037920852385,
// mu = ln 100 - 0.04308884812052617 = 4.562081337867566.
TEST(RiskDistributions, LognormalMomentsAndLogParameters) {
    const Lognormal d{100, 30};
    EXPECT_NEAR(d.log_sigma(), 0.29356037920852385, 1e-14);
    EXPECT_NEAR(d.log_mu(), 4.562081337867566, 1e-14);
    // E[X] = exp(mu + sigma^2 / 2), Var[X] = (exp(sigma^2) - 1) exp(2 mu + sigma^2).
    const double mu = 4.562081337867566, s2 = 0.08617769624105233;
    EXPECT_NEAR(std::exp(mu + s2 / 2), 100, 1e-10);
    EXPECT_NEAR((std::exp(s2) - 1) * std::exp(2 * mu + s2), 900, 1e-8);
    check_moments(d, {100, 900});
}

// Beta(alpha, beta) on [a, b]: mean a + (b - a) alpha / (alpha + beta),
// variance (b - a)^2 alpha beta / ((alpha + beta)^2 (alpha + beta + 1)).
// (2, 5) on [10, 20]: 10 + 10 x 2 / 7 = 12.857142857142858; 100 x 10 / (49 x 8) = 1000 / 392.
TEST(RiskDistributions, BetaMoments) {
    check_moments(Beta{2, 5, 10, 20}, {10 + 20.0 / 7, 1000.0 / 392});
}

// Weibull(k, lambda): mean lambda Gamma(1 + 1/k), variance lambda^2 [Gamma(1 + 2/k) -
// Gamma(1 + 1/k)^2] (NIST/SEMATECH e-Handbook 8.1.6.2). k = 1.5, lambda = 1000:
// 902.7452929509336 and 375690.28481393174.
TEST(RiskDistributions, WeibullMoments) {
    check_moments(Weibull{1.5, 1000}, {902.7452929509336, 375690.28481393174});
    // k = 1 is the exponential: mean lambda, variance lambda^2.
    check_moments(Weibull{1, 50}, {50, 2500});
}

// Discrete: mean sum p x; variance sum p (x - mean)^2.
// {10000, 12000, 15000} with {0.2, 0.5, 0.3}: 2000 + 6000 + 4500 = 12500;
// 0.2 x 2500^2 + 0.5 x 500^2 + 0.3 x 2500^2 = 1,250,000 + 125,000 + 1,875,000 = 3,250,000.
// Given out of order, the same distribution.
TEST(RiskDistributions, DiscreteMoments) {
    check_moments(Discrete({10000, 12000, 15000}, {0.2, 0.5, 0.3}), {12500, 3.25e6});
    check_moments(Discrete({15000, 10000, 12000}, {0.3, 0.2, 0.5}), {12500, 3.25e6});
}

// Bernoulli(p): mean p, variance p (1 - p). p = 0.15: 0.15 and 0.1275.
TEST(RiskDistributions, BernoulliMoments) { check_moments(Bernoulli{0.15}, {0.15, 0.1275}); }

// Empirical {3, 7, 7, 12, 20} resampled: mean 49 / 5 = 9.8; population variance
// (6.8^2 + 2.8^2 + 2.8^2 + 2.2^2 + 10.2^2) / 5 = 170.8 / 5 = 34.16.
TEST(RiskDistributions, EmpiricalMoments) {
    check_moments(Empirical({12, 3, 7, 20, 7}), {9.8, 34.16});
}

// ---------------------------------------------------------------------------------------------
// Quantiles.

TEST(RiskDistributions, NormalQuantilesMatchPublishedValues) {
    // z_0.975 = 1.959963984540054 (Abramowitz & Stegun table 26.5; NIST e-Handbook 1.3.6.7.1).
    EXPECT_NEAR(quantile(Normal{0, 1}, 0.975), 1.959963985, 1e-9);
    EXPECT_NEAR(quantile(Normal{0, 1}, 0.025), -1.959963985, 1e-9);
    EXPECT_NEAR(quantile(Normal{10, 2}, 0.025), 10 - 2 * 1.959963984540054, 1e-9);
    EXPECT_EQ(quantile(Normal{10, 2}, 0.5), 10);
    // Half-normal: Q(u) = Phi^-1((1 + u) / 2), so Q(0.95) = z_0.975.
    EXPECT_NEAR(quantile(Normal{0, 1, 0.0, std::nullopt}, 0.95), 1.959963985, 1e-9);
    // Truncated to [-1, 1] (symmetric): the median is the mean.
    EXPECT_NEAR(quantile(Normal{0, 1, -1.0, 1.0}, 0.5), 0, 1e-15);
    // Never outside the bounds, even at the extreme uniforms the sampler can produce.
    EXPECT_GE(quantile(Normal{0, 1, 3.0, 4.0}, 0x1p-53), 3.0);
    EXPECT_LE(quantile(Normal{0, 1, 3.0, 4.0}, 1 - 0x1p-53), 4.0);
    EXPECT_LE(quantile(Normal{0, 1, -4.0, -3.0}, 1 - 0x1p-53), -3.0);
}

TEST(RiskDistributions, ClosedFormQuantiles) {
    // Triangular (1, 4, 10): F(mode) = 3/9; below it Q(u) = 1 + sqrt(u x 9 x 3),
    // above Q(u) = 10 - sqrt((1 - u) x 9 x 6). Q(0.2) = 1 + sqrt(5.4) = 3.32379000772445,
    // Q(0.9) = 10 - sqrt(5.4) = 7.67620999227555, Q(1/3) = 4.
    EXPECT_NEAR(quantile(Triangular{1, 4, 10}, 0.2), 3.32379000772445, 1e-13);
    EXPECT_NEAR(quantile(Triangular{1, 4, 10}, 0.9), 7.67620999227555, 1e-13);
    EXPECT_NEAR(quantile(Triangular{1, 4, 10}, 1.0 / 3), 4, 1e-13);
    // Weibull: Q(u) = lambda (-ln(1 - u))^(1/k). k = 2, lambda = 3, u = 0.5:
    // 3 sqrt(ln 2) = 2.497663833473093. u = 1 - 1/e: lambda itself (the characteristic life).
    EXPECT_NEAR(quantile(Weibull{2, 3}, 0.5), 2.497663833473093, 1e-12);
    EXPECT_NEAR(quantile(Weibull{1.5, 1000}, 1 - std::exp(-1.0)), 1000, 1e-9);
    // PERT with mode = min: alpha = 1, beta = 1 + L = 5, i.e. Beta(1, 5) with CDF
    // 1 - (1 - x)^5, so Q(u) = min + (max - min)(1 - (1 - u)^(1/5)). (2, 2, 12):
    // Q(0.9) = 2 + 10 (1 - 0.1^0.2) = 5.6904265551980675; Q(0.5) = 2 + 10 (1 - 0.5^0.2) =
    // 3.2944943670387588. Symmetric (0, 5, 10): median 5.
    EXPECT_NEAR(quantile(Pert{2, 2, 12}, 0.9), 5.6904265551980675, 1e-12);
    EXPECT_NEAR(quantile(Pert{2, 2, 12}, 0.5), 3.2944943670387588, 1e-12);
    EXPECT_NEAR(quantile(Pert{0, 5, 10}, 0.5), 5, 1e-12);
    // Beta(2, 1): CDF x^2, Q(u) = sqrt(u); on [10, 20], Q(0.25) = 10 + 10 x 0.5 = 15.
    EXPECT_NEAR(quantile(Beta{2, 1, 10, 20}, 0.25), 15, 1e-12);
    // Lognormal(100, 30): median exp(mu) = 100 / sqrt(1.09) = 95.78262852211522;
    // Q(0.975) = exp(mu + 1.959963984540054 sigma) = 170.28084585850635.
    EXPECT_NEAR(quantile(Lognormal{100, 30}, 0.5), 95.78262852211522, 1e-10);
    EXPECT_NEAR(quantile(Lognormal{100, 30}, 0.975), 170.28084585850635, 1e-8);
    EXPECT_NEAR(quantile(Uniform{2, 5}, 0.25), 2.75, 1e-15);
}

TEST(RiskDistributions, DiscreteBernoulliEmpiricalQuantiles) {
    // Sorted values 10000, 12000, 15000 with cumulative 0.2, 0.7, 1: the smallest value whose
    // cumulative probability reaches u.
    const Discrete volume({15000, 10000, 12000}, {0.3, 0.2, 0.5});
    EXPECT_EQ(volume.quantile(0.1), 10000);
    EXPECT_EQ(volume.quantile(0.2), 10000);
    EXPECT_EQ(volume.quantile(0.2000001), 12000);
    EXPECT_EQ(volume.quantile(0.7), 12000);
    EXPECT_EQ(volume.quantile(0.7000001), 15000);
    EXPECT_EQ(volume.quantile(1 - 0x1p-53), 15000);
    // A value of probability 0 is never drawn, not even at the edges.
    const Discrete gap({1, 2, 3}, {0.5, 0, 0.5});
    EXPECT_EQ(gap.quantile(0.5), 1);
    EXPECT_EQ(gap.quantile(0.5000001), 3);
    EXPECT_EQ(Discrete({1, 2, 3}, {0, 0.5, 0.5}).quantile(0x1p-53), 2);
    EXPECT_EQ(Discrete({1, 2, 3}, {0, 0.5, 0.5}).support().min, 2);
    EXPECT_EQ(Discrete({1, 2, 3}, {0.5, 0.5, 0}).support().max, 2);
    // Bernoulli(0.15): 0 up to u = 0.85, 1 above.
    EXPECT_EQ(Bernoulli{0.15}.quantile(0.85), 0);
    EXPECT_EQ(Bernoulli{0.15}.quantile(0.8500001), 1);
    EXPECT_EQ(Bernoulli{0}.quantile(1 - 0x1p-53), 0);
    EXPECT_EQ(Bernoulli{1}.quantile(0x1p-53), 1);
    // Empirical {3, 7, 7, 12, 20}: the floor(5 u)-th smallest.
    const Empirical invoices({12, 3, 7, 20, 7});
    EXPECT_EQ(invoices.quantile(0.1), 3);
    EXPECT_EQ(invoices.quantile(0.5), 7);
    EXPECT_EQ(invoices.quantile(0.79), 12);
    EXPECT_EQ(invoices.quantile(0.8), 20);
    EXPECT_EQ(invoices.quantile(1 - 0x1p-53), 20);
}

TEST(RiskDistributions, QuantileOutsideTheOpenIntervalThrows) {
    for (double u : {0.0, 1.0, -0.5, 1.5, std::nan("")}) {
        EXPECT_THROW(quantile(Normal{0, 1}, u), std::domain_error) << u;
        EXPECT_THROW(quantile(Uniform{0, 1}, u), std::domain_error) << u;
        EXPECT_THROW(quantile(Bernoulli{0.5}, u), std::domain_error) << u;
    }
}

TEST(RiskDistributions, QuantilesAreNondecreasing) {
    const Distribution all[] = {Uniform{2, 5},  Triangular{1, 4, 10}, Pert{1, 4, 10},
                                Normal{0, 1, -1.0, 2.0}, Lognormal{100, 30},
                                Beta{0.5, 0.5, 0, 1},    Weibull{0.7, 10},
                                Discrete({1, 2}, {0.4, 0.6}), Bernoulli{0.3},
                                Empirical({5, 1, 3})};
    for (const auto& d : all) {
        double previous = -INFINITY;
        for (int i = 1; i < 1000; ++i) {
            const double x = quantile(d, i / 1000.0);
            ASSERT_GE(x, previous) << describe(d) << " at u = " << i / 1000.0;
            previous = x;
        }
    }
}

TEST(RiskDistributions, KindNamesAndDescriptions) {
    EXPECT_EQ(kind_name(Pert{1, 4, 10}), "pert");
    EXPECT_EQ(kind_name(Empirical({1})), "empirical");
    EXPECT_EQ(describe(Triangular{800, 1100, 1500}), "triangular(min 800, mode 1100, max 1500)");
    EXPECT_EQ(describe(Normal{10, 2.5, 0.0, std::nullopt}), "normal(mean 10, sd 2.5, min 0)");
    EXPECT_EQ(describe(Discrete({1, 2}, {0.25, 0.75})),
              "discrete(values [1, 2], probabilities [0.25, 0.75])");
    EXPECT_EQ(describe(Bernoulli{0.1}), "bernoulli(p 0.1)");
}

}  // namespace
