// Impossible parameters: each is reported with the key at fault and a message naming it and
// its value (the study parser adds file:line:col in front).
#include <eqroi/core/risk/distributions.hpp>
#include <eqroi/core/risk/sampling.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>

namespace {

using namespace eqroi::risk;

void expect_problem(const Distribution& d, const std::string& parameter,
                    const std::string& message) {
    const auto p = problem(d);
    ASSERT_TRUE(p) << describe(d) << " was accepted";
    EXPECT_EQ(p->parameter, parameter) << describe(d);
    EXPECT_EQ(p->message, message) << describe(d);
}

TEST(RiskValidation, PossibleParametersHaveNoProblem) {
    const Distribution fine[] = {Uniform{0, 1},          Triangular{1, 1, 2},
                                 Triangular{1, 2, 2},    Pert{1, 4, 10, 0.5},
                                 Normal{-5, 0.1},        Normal{0, 1, std::nullopt, -2.0},
                                 Lognormal{0.01, 100},   Beta{0.5, 3, -1, 1},
                                 Weibull{0.5, 2},        Discrete({7}, {1}),
                                 Discrete({1, 2, 3}, {0.1, 0.2, 0.7 + 5e-10}),
                                 Bernoulli{0},           Bernoulli{1},
                                 Empirical({42})};
    for (const auto& d : fine) EXPECT_FALSE(problem(d)) << describe(d) << ": "
                                                        << problem(d)->message;
}

TEST(RiskValidation, ThreePointOrder) {
    expect_problem(Triangular{5, 3, 10}, "mode",
                   "mode (3) is below min (5): a triangular distribution needs min <= mode <= max");
    expect_problem(Triangular{1, 11, 10}, "mode",
                   "mode (11) is above max (10): a triangular distribution needs min <= mode <= "
                   "max");
    expect_problem(Triangular{10, 10, 10}, "max",
                   "max (10) must be greater than min (10) in a triangular distribution");
    expect_problem(Pert{5, 3, 10}, "mode",
                   "mode (3) is below min (5): a PERT distribution needs min <= mode <= max");
    expect_problem(Pert{1, 4, 10, 0}, "lambda",
                   "lambda (0) must be greater than 0 (the weight of the mode; 4 in the classic "
                   "PERT)");
    expect_problem(Uniform{3, 2}, "max",
                   "max (2) must be greater than min (3) in a uniform distribution");
}

TEST(RiskValidation, SpreadsMustBePositive) {
    expect_problem(Normal{10, -2}, "sd", "sd (-2) must be greater than 0 (the standard deviation)");
    expect_problem(Normal{10, 0}, "sd", "sd (0) must be greater than 0 (the standard deviation)");
    expect_problem(Lognormal{100, 0}, "sd",
                   "sd (0) must be greater than 0 (the standard deviation of the variable "
                   "itself)");
    expect_problem(Lognormal{-100, 30}, "mean",
                   "mean (-100) must be greater than 0: a lognormal variable is always positive");
    expect_problem(Beta{0, 2}, "alpha",
                   "alpha (0) must be greater than 0 (a shape of the beta distribution)");
    expect_problem(Beta{2, -1}, "beta",
                   "beta (-1) must be greater than 0 (a shape of the beta distribution)");
    expect_problem(Beta{2, 2, 1, 1}, "max",
                   "max (1) must be greater than min (1) in a beta distribution");
    expect_problem(Weibull{0, 100}, "shape",
                   "shape (0) must be greater than 0 (the Weibull slope k)");
    expect_problem(Weibull{2, -100}, "scale",
                   "scale (-100) must be greater than 0 (the characteristic life)");
}

TEST(RiskValidation, TruncationBounds) {
    expect_problem(Normal{0, 1, 2.0, 1.0}, "max",
                   "max (1) must be greater than min (2) in a truncated normal distribution");
    // 40 sd above the mean: the upper tail beyond is ~1e-350, below the smallest double.
    expect_problem(Normal{0, 1, 40.0, std::nullopt}, "min",
                   "the interval [40, inf] holds no probability of a normal distribution with "
                   "mean 0 and sd 1: it lies too far in a tail");
    // 38 sd below the mean: 1 - Phi(38) = 2.9e-316 > 0 but under the 1e-300 the quantile needs
    // (at u = 1 - 2^-53 it would look up the normal's 3e-332, which underflows to 0).
    expect_problem(Normal{0, 1, std::nullopt, -38.0}, "max",
                   "the interval [-inf, -38] holds no probability of a normal distribution with "
                   "mean 0 and sd 1: it lies too far in a tail");
    // 30 sd is still fine (1 - Phi(30) = 4.9e-198): the quantile works from the upper tail, up
    // to the extreme uniforms.
    EXPECT_FALSE(problem(Normal{0, 1, 30.0, std::nullopt}));
    EXPECT_GE(quantile(Normal{0, 1, 30.0, std::nullopt}, 0.5), 30.0);
    EXPECT_LT(quantile(Normal{0, 1, 30.0, std::nullopt}, 0.5), 30.1);
    EXPECT_LT(quantile(Normal{0, 1, 30.0, std::nullopt}, 1 - 0x1p-53), 31.5);
    EXPECT_GE(quantile(Normal{0, 1, 30.0, std::nullopt}, 0x1p-53), 30.0);
}

TEST(RiskValidation, NotFiniteNumbers) {
    const double nan = std::nan(""), inf = std::numeric_limits<double>::infinity();
    expect_problem(Uniform{nan, 1}, "min", "min must be a finite number, not nan");
    expect_problem(Triangular{0, 1, inf}, "max", "max must be a finite number, not inf");
    expect_problem(Normal{nan, 1}, "mean", "mean must be a finite number, not nan");
    expect_problem(Normal{0, 1, -inf, std::nullopt}, "min",
                   "min must be a finite number, not -inf");
    expect_problem(Weibull{inf, 1}, "shape", "shape must be a finite number, not inf");
    expect_problem(Discrete({1, nan}, {0.5, 0.5}), "values",
                   "values[1] must be a finite number, not nan");
    expect_problem(Empirical({1, 2, inf}), "values",
                   "values[2] must be a finite number, not inf");
}

TEST(RiskValidation, ListsAndProbabilities) {
    expect_problem(Discrete(std::vector<double>{}, {}), "values", "values is empty: list at least one value");
    expect_problem(Discrete({1, 2, 3}, {0.5, 0.5}), "probabilities",
                   "probabilities has 2 entries but values has 3: give one probability per "
                   "value");
    expect_problem(Discrete({1, 2}, {0.5, 0.4}), "probabilities",
                   "probabilities sum to 0.9, not 1 (within 1e-9)");
    // 2e-9 off is too far; 5e-10 (above) is within the tolerance.
    expect_problem(Discrete({1, 2}, {0.5, 0.5 + 2e-9}), "probabilities",
                   "probabilities sum to 1.0000000020000002, not 1 (within 1e-9)");
    expect_problem(Discrete({1, 2}, {1.5, -0.5}), "probabilities",
                   "probabilities[0] (1.5) is outside [0, 1]");
    expect_problem(Discrete({1, 2}, {0.5, -0.5}), "probabilities",
                   "probabilities[1] (-0.5) is outside [0, 1]");
    expect_problem(Bernoulli{1.2}, "p", "p (1.2) is a probability and must be within [0, 1]");
    expect_problem(Bernoulli{-0.1}, "p", "p (-0.1) is a probability and must be within [0, 1]");
    expect_problem(Bernoulli{std::nan("")}, "p",
                   "p (nan) is a probability and must be within [0, 1]");
    expect_problem(Empirical(std::vector<double>{}), "values", "values is empty: list at least one observed value");
}

TEST(RiskValidation, SamplerRefusesAnImpossibleInputNamingIt) {
    try {
        Sampler({{Uniform{0, 1}, Triangular{2, 1, 3}}, 10, 1, Method::monte_carlo, std::nullopt});
        FAIL() << "accepted";
    } catch (const std::invalid_argument& e) {
        EXPECT_STREQ(e.what(),
                     "input 2 (triangular): mode (1) is below min (2): a triangular distribution "
                     "needs min <= mode <= max");
    }
}

}  // namespace
