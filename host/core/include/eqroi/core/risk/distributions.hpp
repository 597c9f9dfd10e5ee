// The probability distributions of the uncertain inputs of a risk analysis (issue 6): what a
// guess such as "MTBF between 800 and 1,500 hours, most likely 1,100" means in numbers.
//
// Every distribution offers the same four things:
//   problem()     why its parameters are impossible (nullopt when they are fine). The study
//                 parser attaches file:line:col to the message; `parameter` names the key at
//                 fault so that it can point at that key.
//   quantile(u)   the inverse CDF: the value below which a fraction u of the outcomes lie,
//                 u in (0, 1). Monte Carlo and Latin hypercube sampling both draw through it
//                 (sampling.hpp), so LHS stratifies every distribution the same way, and
//                 quantile(0.1) / quantile(0.9) are the P10 / P90 a tornado swings between.
//                 Nondecreasing in u. Precondition: problem() is nullopt; u outside (0, 1)
//                 throws std::domain_error.
//   mean(), variance()   closed forms (for reports and tests). Precondition: problem() is nullopt.
//   support()     the smallest and largest possible values (infinite for an unbounded tail).
//
// The parametric ones are plain aggregates whose field names are the study file's keys;
// Discrete and Empirical keep a sorted copy of their lists (so quantile is a binary search)
// and are built through their constructors. All are values: copy them freely; every const
// member may be called from several threads at once.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace eqroi::risk {

/// Why a distribution's parameters are impossible.
struct Problem {
    std::string parameter;  ///< the key at fault, e.g. "mode", "sd", "probabilities"
    std::string message;    ///< a full sentence naming that key and its value(s)
};

/// The range of values a distribution can produce; -inf / +inf for an unbounded tail.
struct Support {
    double min = 0;
    double max = 0;
};

/// Every value between min and max equally likely. Needs min < max.
struct Uniform {
    double min = 0;
    double max = 1;
    std::optional<Problem> problem() const;
    double quantile(double u) const;
    double mean() const;
    double variance() const;
    Support support() const;
};

/// Three-point estimate with straight-line density: lowest, most likely, highest.
/// Needs min <= mode <= max and min < max.
struct Triangular {
    double min = 0;
    double mode = 0;
    double max = 0;
    std::optional<Problem> problem() const;
    double quantile(double u) const;
    double mean() const;
    double variance() const;
    Support support() const;
};

/// PERT (beta-PERT): the same three points as Triangular, with a smooth bell that weights the
/// mode by `lambda` (4 in the classic PERT, mean = (min + 4 mode + max) / 6). It is a beta
/// distribution on [min, max] with alpha = 1 + lambda (mode - min) / (max - min) and
/// beta = 1 + lambda (max - mode) / (max - min). Needs min <= mode <= max, min < max, lambda > 0.
struct Pert {
    double min = 0;
    double mode = 0;
    double max = 0;
    double lambda = 4;
    std::optional<Problem> problem() const;
    double quantile(double u) const;
    double mean() const;
    double variance() const;
    Support support() const;
    double alpha() const;  ///< shape of the equivalent beta distribution
    double beta() const;   ///< shape of the equivalent beta distribution
};

/// Normal (Gaussian) with mean and standard deviation sd > 0, optionally truncated to
/// [min, max] (either bound may be left out): values outside are never drawn and the density
/// inside is rescaled, so mean() and variance() are those of the truncated distribution (which
/// differ from `mean` and sd^2 when a bound cuts into the bell). The interval must hold some
/// probability: min < max, and at least 1e-300 of the untruncated normal's (an interval that
/// starts ~37 sd away from the mean holds less).
struct Normal {
    double mean = 0;
    double sd = 1;
    std::optional<double> min = std::nullopt;  ///< lower truncation bound; none = unbounded below
    std::optional<double> max = std::nullopt;  ///< upper truncation bound; none = unbounded above
    std::optional<Problem> problem() const;
    double quantile(double u) const;
    double truncated_mean() const;  ///< mean of the (possibly truncated) distribution
    double variance() const;        ///< of the (possibly truncated) distribution
    Support support() const;
};

/// Lognormal, given by the mean and standard deviation of the VARIABLE ITSELF (the repair cost
/// averages 1,200 with a spread of 400), not of its logarithm: always positive, skewed right.
/// log_mu() and log_sigma() give the parameters of the underlying normal of ln X:
///   sigma^2 = ln(1 + sd^2 / mean^2),  mu = ln(mean) - sigma^2 / 2.
/// Needs mean > 0 and sd > 0.
struct Lognormal {
    double mean = 1;
    double sd = 1;
    std::optional<Problem> problem() const;
    double quantile(double u) const;
    double variance() const;  ///< sd^2 (mean() is the field `mean`)
    Support support() const;
    double log_mu() const;     ///< mean of ln X
    double log_sigma() const;  ///< standard deviation of ln X
};

/// Beta(alpha, beta) stretched from [0, 1] to [min, max] (a share, or a bounded quantity with a
/// skew of the user's choosing). Needs alpha > 0, beta > 0, min < max.
struct Beta {
    double alpha = 1;
    double beta = 1;
    double min = 0;
    double max = 1;
    std::optional<Problem> problem() const;
    double quantile(double u) const;
    double mean() const;
    double variance() const;
    Support support() const;
};

/// Weibull with shape k and scale lambda (time to failure: k < 1 infant mortality, k = 1
/// exponential, k > 1 wear-out): F(x) = 1 - exp(-(x / scale)^shape), x >= 0.
/// Needs shape > 0 and scale > 0.
struct Weibull {
    double shape = 1;
    double scale = 1;
    std::optional<Problem> problem() const;
    double quantile(double u) const;
    double mean() const;
    double variance() const;
    Support support() const;
};

/// A finite list of possible values, each with its probability (volume next year is 10,000,
/// 12,000 or 15,000 with probabilities 0.2, 0.5, 0.3). Needs as many probabilities as values,
/// at least one value, finite values, probabilities in [0, 1] summing to 1 within 1e-9.
/// The quantile runs over the values in ascending order (so a higher u gives a higher value
/// and rank correlations keep their meaning); a value of probability 0 is never drawn.
class Discrete {
public:
    Discrete() = default;
    Discrete(std::vector<double> values, std::vector<double> probabilities);
    const std::vector<double>& values() const { return values_; }  ///< as given
    const std::vector<double>& probabilities() const { return probabilities_; }  ///< as given
    std::optional<Problem> problem() const;
    double quantile(double u) const;
    double mean() const;
    double variance() const;
    Support support() const;

private:
    std::vector<double> values_, probabilities_;
    // Filled by the constructor when problem() is nullopt: the values ascending and the
    // cumulative probability up to each, divided by the total (the last is exactly 1).
    std::vector<double> sorted_values_, cumulative_;
};

/// An event that happens with probability p (a major breakdown this year): 1 when it happens,
/// 0 when not. Needs p in [0, 1].
struct Bernoulli {
    double p = 0.5;
    std::optional<Problem> problem() const;
    double quantile(double u) const;  ///< 1 when u > 1 - p, else 0
    double mean() const;
    double variance() const;
    Support support() const;
};

/// Values observed in the past (last year's repair invoices), resampled: each observation is
/// drawn with probability 1/n. mean() and variance() are those of that resampling, i.e. the
/// observations' mean and their population variance (divided by n, not n - 1).
/// Needs at least one value, all finite.
class Empirical {
public:
    Empirical() = default;
    explicit Empirical(std::vector<double> values);
    const std::vector<double>& values() const { return values_; }  ///< as given
    std::optional<Problem> problem() const;
    double quantile(double u) const;  ///< the floor(u n)-th smallest observation (0-based)
    double mean() const;
    double variance() const;
    Support support() const;

private:
    std::vector<double> values_;
    std::vector<double> sorted_;  ///< ascending; filled when problem() is nullopt
};

/// Any of the distributions above.
using Distribution = std::variant<Uniform, Triangular, Pert, Normal, Lognormal, Beta, Weibull,
                                  Discrete, Bernoulli, Empirical>;

/// The study file's name of the kind: "uniform", "triangular", "pert", "normal", "lognormal",
/// "beta", "weibull", "discrete", "bernoulli", "empirical".
std::string_view kind_name(const Distribution& d);

/// The distribution's problem() (nullopt when its parameters are possible).
std::optional<Problem> problem(const Distribution& d);
/// Inverse CDF at u in (0, 1); see the top of this file.
double quantile(const Distribution& d, double u);
/// Mean of the distribution (for Normal: of the truncated distribution).
double mean(const Distribution& d);
double variance(const Distribution& d);
Support support(const Distribution& d);

/// "triangular(min 800, mode 1100, max 1500)": the kind and its parameters, for reports and
/// messages. Numbers in the shortest form that reads back exactly.
std::string describe(const Distribution& d);

}  // namespace eqroi::risk
