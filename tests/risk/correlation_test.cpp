// Iman–Conover rank correlation: the achieved Spearman correlation, untouched marginals, and
// the matrices refused with their message.
#include <eqroi/core/risk/sampling.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace {

using namespace eqroi::risk;
using Columns = std::vector<std::vector<double>>;

/// Ranks 1..n, ties given their average rank.
std::vector<double> ranks(const std::vector<double>& x) {
    std::vector<std::size_t> order(x.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::sort(order.begin(), order.end(), [&](auto a, auto b) { return x[a] < x[b]; });
    std::vector<double> r(x.size());
    for (std::size_t i = 0; i < order.size();) {
        std::size_t j = i;
        while (j + 1 < order.size() && x[order[j + 1]] == x[order[i]]) ++j;
        for (std::size_t k = i; k <= j; ++k) r[order[k]] = 0.5 * static_cast<double>(i + j) + 1;
        i = j + 1;
    }
    return r;
}

/// Spearman's rho: Pearson's correlation of the ranks.
double spearman(const std::vector<double>& x, const std::vector<double>& y) {
    const auto rx = ranks(x), ry = ranks(y);
    const double n = static_cast<double>(x.size());
    const double mx = std::accumulate(rx.begin(), rx.end(), 0.0) / n;
    const double my = std::accumulate(ry.begin(), ry.end(), 0.0) / n;
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < rx.size(); ++i) {
        sxy += (rx[i] - mx) * (ry[i] - my);
        sxx += (rx[i] - mx) * (rx[i] - mx);
        syy += (ry[i] - my) * (ry[i] - my);
    }
    return sxy / std::sqrt(sxx * syy);
}

// A positive definite target: leading minors 1, 1 - 0.64 = 0.36 and
// det = 1 (1 - 0.09) - 0.8 (0.8 - 0.15) - 0.5 (-0.24 + 0.5) = 0.91 - 0.52 - 0.13 = 0.26.
const CorrelationMatrix target = {{1, 0.8, -0.5}, {0.8, 1, -0.3}, {-0.5, -0.3, 1}};

SamplingPlan plan(Method method, std::optional<CorrelationMatrix> c) {
    return {{Normal{0, 1}, Triangular{800, 1100, 1500}, Lognormal{1200, 400}},
            20'000, 314159, method, std::move(c)};
}

TEST(RiskCorrelation, AchievedRankCorrelationWithinThreeHundredthsOfTheTarget) {
    for (Method method : {Method::monte_carlo, Method::latin_hypercube}) {
        const Columns x = Sampler(plan(method, target)).sample_block(0, 20'000);
        for (std::size_t i = 0; i < 3; ++i)
            for (std::size_t j = i + 1; j < 3; ++j) {
                const double achieved = spearman(x[i], x[j]);
                EXPECT_NEAR(achieved, target[i][j], 0.03) << "inputs " << i << ", " << j;
                // Not by luck of independent draws: those are near 0.
            }
        const Columns independent = Sampler(plan(method, std::nullopt)).sample_block(0, 20'000);
        EXPECT_NEAR(spearman(independent[0], independent[1]), 0, 0.03);
    }
}

TEST(RiskCorrelation, MarginalsAreUnchanged) {
    for (Method method : {Method::monte_carlo, Method::latin_hypercube}) {
        Columns with = Sampler(plan(method, target)).sample_block(0, 20'000);
        Columns without = Sampler(plan(method, std::nullopt)).sample_block(0, 20'000);
        for (std::size_t i = 0; i < 3; ++i) {
            EXPECT_NE(with[i], without[i]);  // reordered...
            std::sort(with[i].begin(), with[i].end());
            std::sort(without[i].begin(), without[i].end());
            EXPECT_EQ(with[i], without[i]);  // ...but the same values
        }
    }
}

TEST(RiskCorrelation, UncorrelatedInputsAreLeftAsDrawn) {
    SamplingPlan p = plan(Method::latin_hypercube, CorrelationMatrix{
                                                       {1, 0.7, 0}, {0.7, 1, 0}, {0, 0, 1}});
    const Columns with = Sampler(p).sample_block(0, 20'000);
    p.rank_correlation.reset();
    const Columns without = Sampler(p).sample_block(0, 20'000);
    EXPECT_EQ(with[2], without[2]);
    EXPECT_NE(with[0], without[0]);
}

TEST(RiskCorrelation, DiscreteInputsCorrelateAsFarAsTheirTiesAllow) {
    // A Bernoulli event (a breakdown) positively rank-correlated with a repair cost: the cost
    // is higher in the trials where the event happens.
    const SamplingPlan p{{Bernoulli{0.3}, Uniform{100, 200}},
                         20'000,
                         8,
                         Method::latin_hypercube,
                         CorrelationMatrix{{1, 0.6}, {0.6, 1}}};
    const Columns x = Sampler(p).sample_block(0, 20'000);
    double with_event = 0, without_event = 0, events = 0;
    for (std::size_t k = 0; k < x[0].size(); ++k) {
        (x[0][k] == 1 ? with_event : without_event) += x[1][k];
        events += x[0][k];
    }
    EXPECT_NEAR(events, 6'000, 1);  // LHS: 30 % of each block's strata exactly
    // Independent, both averages would be 150 give or take 0.5 (sd 28.9 / sqrt(6,000));
    // correlated, the cost averages about 30 more with the event (29.8 here).
    EXPECT_GT(with_event / events, without_event / (20'000 - events) + 20);
}

TEST(RiskCorrelation, NotPositiveDefiniteIsRefusedWithItsSmallestEigenvalue) {
    // {0.8, -0.5, 0.3}: eigenvalues 1 + t with t^3 - (0.8^2 + 0.5^2 + 0.3^2) t
    // - 2 (0.8)(-0.5)(0.3) = t^3 - 0.98 t + 0.24 = 0; its smallest root is -1.0950640, so the
    // smallest eigenvalue is -0.0950640 (bisection by hand; det = -0.22 < 0 confirms a negative).
    const CorrelationMatrix bad = {{1, 0.8, -0.5}, {0.8, 1, 0.3}, {-0.5, 0.3, 1}};
    const auto message = correlation_problem(bad, 3);
    ASSERT_TRUE(message);
    EXPECT_TRUE(message->starts_with(
        "the correlation matrix is not positive definite: a smallest eigenvalue of -0.0951 (it "
        "must be above 0)"))
        << *message;
    // A with B 0.9, B with C 0.9, A with C -0.9: t^3 - 2.43 t + 1.458 = 0 has the root -1.8
    // (-5.832 + 4.374 + 1.458 = 0): smallest eigenvalue -0.8.
    const auto contradictory = correlation_problem(
        {{1, 0.9, -0.9}, {0.9, 1, 0.9}, {-0.9, 0.9, 1}}, 3);
    ASSERT_TRUE(contradictory);
    EXPECT_NE(contradictory->find("a smallest eigenvalue of -0.8 "), std::string::npos)
        << *contradictory;
    // Perfect correlation of two different inputs: singular (eigenvalue 0), refused too.
    const auto perfect = correlation_problem({{1, 1}, {1, 1}}, 2);
    ASSERT_TRUE(perfect);
    EXPECT_NE(perfect->find("a smallest eigenvalue of 0 "), std::string::npos) << *perfect;
    // The sampler refuses it with the same message.
    try {
        Sampler(plan(Method::monte_carlo, bad));
        FAIL() << "accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_EQ(e.what(), *message);
    }
    EXPECT_FALSE(correlation_problem(target, 3));
}

TEST(RiskCorrelation, MalformedMatricesNameThePair) {
    const std::vector<std::string> names = {"mtbf", "repair_cost", "scrap_rate"};
    EXPECT_EQ(correlation_problem({{1, 0.5}, {0.5, 1}}, 3, names),
              "the correlation matrix has 2 rows for 3 inputs: give one row per input");
    EXPECT_EQ(correlation_problem({{1, 0, 0}, {0, 1}, {0, 0, 1}}, 3, names),
              "row 2 (repair_cost) of the correlation matrix has 2 entries for 3 inputs");
    EXPECT_EQ(correlation_problem({{1, 0.5, 0}, {0.4, 1, 0}, {0, 0, 1}}, 3, names),
              "the correlation matrix is not symmetric: mtbf with repair_cost is 0.5 but "
              "repair_cost with mtbf is 0.4");
    EXPECT_EQ(correlation_problem({{1, 0, 0}, {0, 0.9, 0}, {0, 0, 1}}, 3, names),
              "the diagonal entry of repair_cost is 0.9, it must be 1 (an input is perfectly "
              "correlated with itself)");
    EXPECT_EQ(correlation_problem({{1, 0, 1.2}, {0, 1, 0}, {1.2, 0, 1}}, 3, names),
              "the correlation of mtbf and scrap_rate is 1.2, outside [-1, 1]");
    EXPECT_EQ(correlation_problem({{1, 0, std::nan("")}, {0, 1, 0}, {0, 0, 1}}, 3),
              "the correlation of input 1 and input 3 is nan, outside [-1, 1]");
    EXPECT_FALSE(correlation_problem({}, 0));
    EXPECT_FALSE(correlation_problem({{1}}, 1));
}

}  // namespace
