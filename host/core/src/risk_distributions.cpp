// The distributions of eqroi/core/risk/distributions.hpp: validation messages, inverse CDFs
// (Boost.Math for every special function), closed-form moments.
#include <eqroi/core/risk/distributions.hpp>

#include "risk_detail.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace eqroi::risk {
namespace {

using detail::Policy;
using NormalDist = boost::math::normal_distribution<double, Policy>;

constexpr double inf = std::numeric_limits<double>::infinity();

std::string num(double x) { return fmt::format("{}", x); }

std::optional<Problem> make(std::string parameter, std::string message) {
    return Problem{std::move(parameter), std::move(message)};
}

/// A problem when `value` is NaN or infinite.
std::optional<Problem> not_finite(const char* name, double value) {
    if (std::isfinite(value)) return std::nullopt;
    return make(name, fmt::format("{} must be a finite number, not {}", name, num(value)));
}

void check_u(double u) {
    if (!(u > 0.0 && u < 1.0))
        throw std::domain_error(fmt::format("quantile: u = {} is outside (0, 1)", num(u)));
}

/// min <= mode <= max with min < max, for Triangular and Pert.
std::optional<Problem> three_point(const char* kind, double min, double mode, double max) {
    if (auto p = not_finite("min", min)) return p;
    if (auto p = not_finite("mode", mode)) return p;
    if (auto p = not_finite("max", max)) return p;
    if (!(min < max))
        return make("max", fmt::format("max ({}) must be greater than min ({}) in a {} "
                                       "distribution",
                                       num(max), num(min), kind));
    if (mode < min)
        return make("mode", fmt::format("mode ({}) is below min ({}): a {} distribution needs "
                                        "min <= mode <= max",
                                        num(mode), num(min), kind));
    if (mode > max)
        return make("mode", fmt::format("mode ({}) is above max ({}): a {} distribution needs "
                                        "min <= mode <= max",
                                        num(mode), num(max), kind));
    return std::nullopt;
}

std::optional<Problem> positive(const char* name, double value, const char* what) {
    if (auto p = not_finite(name, value)) return p;
    if (value > 0) return std::nullopt;
    return make(name, fmt::format("{} ({}) must be greater than 0{}", name, num(value), what));
}

std::optional<Problem> min_below_max(double min, double max, const char* kind) {
    if (auto p = not_finite("min", min)) return p;
    if (auto p = not_finite("max", max)) return p;
    if (min < max) return std::nullopt;
    return make("max", fmt::format("max ({}) must be greater than min ({}) in a {} distribution",
                                   num(max), num(min), kind));
}

/// Standard normal density.
double phi(double z) {
    if (!std::isfinite(z)) return 0.0;
    return std::exp(-0.5 * z * z) / std::sqrt(2.0 * boost::math::constants::pi<double>());
}

}  // namespace

// ---------------------------------------------------------------------------------------------
// Uniform: Q(u) = min + u (max - min); mean (min + max) / 2; variance (max - min)^2 / 12.

std::optional<Problem> Uniform::problem() const { return min_below_max(min, max, "uniform"); }
double Uniform::quantile(double u) const {
    check_u(u);
    return min + u * (max - min);
}
double Uniform::mean() const { return 0.5 * (min + max); }
double Uniform::variance() const { return (max - min) * (max - min) / 12.0; }
Support Uniform::support() const { return {min, max}; }

// ---------------------------------------------------------------------------------------------
// Triangular (a = min, c = mode, b = max): F(c) = (c - a) / (b - a);
// Q(u) = a + sqrt(u (b - a)(c - a)) for u < F(c), else b - sqrt((1 - u)(b - a)(b - c));
// mean (a + b + c) / 3; variance (a^2 + b^2 + c^2 - ab - ac - bc) / 18.

std::optional<Problem> Triangular::problem() const {
    return three_point("triangular", min, mode, max);
}
double Triangular::quantile(double u) const {
    check_u(u);
    const double width = max - min;
    const double at_mode = (mode - min) / width;
    const double x = u < at_mode ? min + std::sqrt(u * width * (mode - min))
                                 : max - std::sqrt((1.0 - u) * width * (max - mode));
    return std::clamp(x, min, max);
}
double Triangular::mean() const { return (min + mode + max) / 3.0; }
double Triangular::variance() const {
    const double a = min, b = max, c = mode;
    return (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
}
Support Triangular::support() const { return {min, max}; }

// ---------------------------------------------------------------------------------------------
// PERT: a Beta(alpha, beta) on [min, max].

std::optional<Problem> Pert::problem() const {
    if (auto p = three_point("PERT", min, mode, max)) return p;
    return positive("lambda", lambda, " (the weight of the mode; 4 in the classic PERT)");
}
double Pert::alpha() const { return 1.0 + lambda * (mode - min) / (max - min); }
double Pert::beta() const { return 1.0 + lambda * (max - mode) / (max - min); }
double Pert::quantile(double u) const {
    return Beta{alpha(), beta(), min, max}.quantile(u);
}
double Pert::mean() const { return (min + lambda * mode + max) / (lambda + 2.0); }
double Pert::variance() const { return Beta{alpha(), beta(), min, max}.variance(); }
Support Pert::support() const { return {min, max}; }

namespace detail {

Truncation truncation(const Normal& n) {
    Truncation t;
    const NormalDist std_normal(0.0, 1.0);
    if (n.min) {
        t.a = (*n.min - n.mean) / n.sd;
        t.cdf_a = boost::math::cdf(std_normal, t.a);
        t.sf_a = boost::math::cdf(boost::math::complement(std_normal, t.a));
    }
    if (n.max) {
        t.b = (*n.max - n.mean) / n.sd;
        t.cdf_b = boost::math::cdf(std_normal, t.b);
        t.sf_b = boost::math::cdf(boost::math::complement(std_normal, t.b));
    }
    t.mass = t.a > 0 ? t.sf_a - t.sf_b : t.cdf_b - t.cdf_a;
    return t;
}

double normal_quantile(double mean, double sd, double p, bool upper) {
    // boost/math/distributions/normal.hpp, quantile() of a normal and of its complement:
    //   result = erfc_inv(2 * p); result = -result (not for the complement);
    //   result *= sd * root_two; result += mean.
    double result = boost::math::erfc_inv(2 * p, Policy());
    if (!upper) result = -result;
    result *= sd * boost::math::constants::root_two<double>();
    result += mean;
    return result;
}

double truncated_normal_quantile(const Normal& n, const Truncation& t, double u) {
    double z;
    if (t.a > 0 || (t.b >= 0 && u > 0.5)) {
        // From the upper tail: 1 - Phi(z) = 1 - Phi(a) - u Z = (1 - Phi(b)) + (1 - u) Z.
        z = normal_quantile(0.0, 1.0, t.sf_b + (1.0 - u) * t.mass, true);
    } else {
        z = normal_quantile(0.0, 1.0, t.cdf_a + u * t.mass);
    }
    return std::clamp(n.mean + n.sd * z, n.min.value_or(-inf), n.max.value_or(inf));
}

}  // namespace detail

// ---------------------------------------------------------------------------------------------
// Normal, optionally truncated to [min, max]. With a, b the standardised bounds and
// Z = Phi(b) - Phi(a): Q(u) = mean + sd Phi^-1(Phi(a) + u Z), computed from whichever tail
// keeps the argument away from 0 and 1 (so that a bound 10 sd above the mean still works);
// mean + sd (phi(a) - phi(b)) / Z; variance sd^2 [1 + (a phi(a) - b phi(b)) / Z
// - ((phi(a) - phi(b)) / Z)^2] (Johnson, Kotz & Balakrishnan, Continuous Univariate
// Distributions vol. 1, 2nd ed., section 10.1).

std::optional<Problem> Normal::problem() const {
    if (auto p = not_finite("mean", mean)) return p;
    if (auto p = positive("sd", sd, " (the standard deviation)")) return p;
    if (min)
        if (auto p = not_finite("min", *min)) return p;
    if (max)
        if (auto p = not_finite("max", *max)) return p;
    if (min && max && !(*min < *max))
        return make("max", fmt::format("max ({}) must be greater than min ({}) in a truncated "
                                       "normal distribution",
                                       num(*max), num(*min)));
    // Below 1e-300 the quantile's (1 - u) Z could underflow to 0 at the largest u.
    if (!(detail::truncation(*this).mass >= 1e-300))
        return make(min && *min > mean ? "min" : "max",
                    fmt::format("the interval [{}, {}] holds no probability of a normal "
                                "distribution with mean {} and sd {}: it lies too far in a tail",
                                min ? num(*min) : "-inf", max ? num(*max) : "inf", num(mean),
                                num(sd)));
    return std::nullopt;
}

double Normal::quantile(double u) const {
    check_u(u);
    if (!min && !max) return mean + sd * boost::math::quantile(NormalDist(0.0, 1.0), u);
    return detail::truncated_normal_quantile(*this, detail::truncation(*this), u);
}

double Normal::truncated_mean() const {
    if (!min && !max) return mean;
    const detail::Truncation t = detail::truncation(*this);
    return mean + sd * (phi(t.a) - phi(t.b)) / t.mass;
}

double Normal::variance() const {
    if (!min && !max) return sd * sd;
    const detail::Truncation t = detail::truncation(*this);
    const double a_phi_a = std::isfinite(t.a) ? t.a * phi(t.a) : 0.0;
    const double b_phi_b = std::isfinite(t.b) ? t.b * phi(t.b) : 0.0;
    const double shift = (phi(t.a) - phi(t.b)) / t.mass;
    return sd * sd * (1.0 + (a_phi_a - b_phi_b) / t.mass - shift * shift);
}

Support Normal::support() const { return {min.value_or(-inf), max.value_or(inf)}; }

// ---------------------------------------------------------------------------------------------
// Lognormal from the variable's own mean m and sd s: ln X ~ Normal(mu, sigma) with
// sigma^2 = ln(1 + s^2 / m^2), mu = ln m - sigma^2 / 2 (then E[X] = exp(mu + sigma^2 / 2) = m
// and Var[X] = (exp(sigma^2) - 1) exp(2 mu + sigma^2) = s^2).

std::optional<Problem> Lognormal::problem() const {
    if (auto p = positive("mean", mean, ": a lognormal variable is always positive")) return p;
    return positive("sd", sd, " (the standard deviation of the variable itself)");
}
double Lognormal::log_sigma() const { return std::sqrt(std::log1p((sd / mean) * (sd / mean))); }
double Lognormal::log_mu() const {
    const double sigma = log_sigma();
    return std::log(mean) - 0.5 * sigma * sigma;
}
double Lognormal::quantile(double u) const {
    check_u(u);
    return boost::math::quantile(
        boost::math::lognormal_distribution<double, Policy>(log_mu(), log_sigma()), u);
}
double Lognormal::variance() const { return sd * sd; }
Support Lognormal::support() const { return {0.0, inf}; }

// ---------------------------------------------------------------------------------------------
// Beta on [min, max]: mean min + w alpha / (alpha + beta); variance
// w^2 alpha beta / ((alpha + beta)^2 (alpha + beta + 1)), w = max - min.

std::optional<Problem> Beta::problem() const {
    if (auto p = positive("alpha", alpha, " (a shape of the beta distribution)")) return p;
    if (auto p = positive("beta", beta, " (a shape of the beta distribution)")) return p;
    return min_below_max(min, max, "beta");
}
double Beta::quantile(double u) const {
    check_u(u);
    const double x = boost::math::quantile(
        boost::math::beta_distribution<double, Policy>(alpha, beta), u);
    return std::clamp(min + (max - min) * x, min, max);
}
double Beta::mean() const { return min + (max - min) * alpha / (alpha + beta); }
double Beta::variance() const {
    const double w = max - min, s = alpha + beta;
    return w * w * alpha * beta / (s * s * (s + 1.0));
}
Support Beta::support() const { return {min, max}; }

// ---------------------------------------------------------------------------------------------
// Weibull: Q(u) = scale (-ln(1 - u))^(1/shape); mean scale Gamma(1 + 1/k);
// variance scale^2 [Gamma(1 + 2/k) - Gamma(1 + 1/k)^2].

std::optional<Problem> Weibull::problem() const {
    if (auto p = positive("shape", shape, " (the Weibull slope k)")) return p;
    return positive("scale", scale, " (the characteristic life)");
}
double Weibull::quantile(double u) const {
    check_u(u);
    return boost::math::quantile(boost::math::weibull_distribution<double, Policy>(shape, scale),
                                 u);
}
double Weibull::mean() const { return scale * std::tgamma(1.0 + 1.0 / shape); }
double Weibull::variance() const {
    const double g1 = std::tgamma(1.0 + 1.0 / shape);
    return scale * scale * (std::tgamma(1.0 + 2.0 / shape) - g1 * g1);
}
Support Weibull::support() const { return {0.0, inf}; }

// ---------------------------------------------------------------------------------------------
// Discrete.

namespace detail {

DiscreteSteps discrete_steps(const std::vector<double>& values,
                             const std::vector<double>& probabilities) {
    std::vector<std::size_t> order(values.size());
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t i, std::size_t j) { return values[i] < values[j]; });
    const double total = std::accumulate(probabilities.begin(), probabilities.end(), 0.0);
    DiscreteSteps steps;
    double running = 0;
    for (std::size_t i : order) {
        running += probabilities[i];
        steps.values.push_back(values[i]);
        steps.cumulative.push_back(running / total);
    }
    steps.cumulative.back() = 1.0;
    return steps;
}

}  // namespace detail

Discrete::Discrete(std::vector<double> values, std::vector<double> probabilities)
    : values_(std::move(values)), probabilities_(std::move(probabilities)) {
    if (problem()) return;
    auto steps = detail::discrete_steps(values_, probabilities_);
    sorted_values_ = std::move(steps.values);
    cumulative_ = std::move(steps.cumulative);
}

std::optional<Problem> Discrete::problem() const {
    if (values_.empty()) return make("values", "values is empty: list at least one value");
    if (probabilities_.size() != values_.size())
        return make("probabilities",
                    fmt::format("probabilities has {} entries but values has {}: give one "
                                "probability per value",
                                probabilities_.size(), values_.size()));
    for (std::size_t i = 0; i < values_.size(); ++i)
        if (!std::isfinite(values_[i]))
            return make("values", fmt::format("values[{}] must be a finite number, not {}", i,
                                              num(values_[i])));
    double total = 0;
    for (std::size_t i = 0; i < probabilities_.size(); ++i) {
        const double p = probabilities_[i];
        if (!(p >= 0.0 && p <= 1.0))
            return make("probabilities",
                        fmt::format("probabilities[{}] ({}) is outside [0, 1]", i, num(p)));
        total += p;
    }
    if (std::abs(total - 1.0) > 1e-9)
        return make("probabilities",
                    fmt::format("probabilities sum to {}, not 1 (within 1e-9)", num(total)));
    return std::nullopt;
}

double Discrete::quantile(double u) const {
    check_u(u);
    // The smallest value whose cumulative probability reaches u.
    const auto it = std::lower_bound(cumulative_.begin(), cumulative_.end(), u);
    const auto i = std::min<std::size_t>(static_cast<std::size_t>(it - cumulative_.begin()),
                                         sorted_values_.size() - 1);
    return sorted_values_[i];
}

double Discrete::mean() const {
    double m = 0, previous = 0;
    for (std::size_t i = 0; i < sorted_values_.size(); ++i) {
        m += (cumulative_[i] - previous) * sorted_values_[i];
        previous = cumulative_[i];
    }
    return m;
}

double Discrete::variance() const {
    const double m = mean();
    double v = 0, previous = 0;
    for (std::size_t i = 0; i < sorted_values_.size(); ++i) {
        const double d = sorted_values_[i] - m;
        v += (cumulative_[i] - previous) * d * d;
        previous = cumulative_[i];
    }
    return v;
}

Support Discrete::support() const {
    // The smallest and largest values that can be drawn (probability > 0).
    std::size_t first = 0;
    while (first + 1 < cumulative_.size() && cumulative_[first] <= 0.0) ++first;
    std::size_t last = cumulative_.size() - 1;
    while (last > first && cumulative_[last - 1] >= 1.0) --last;
    return {sorted_values_[first], sorted_values_[last]};
}

// ---------------------------------------------------------------------------------------------
// Bernoulli: F(0) = 1 - p, so Q(u) = 0 for u <= 1 - p and 1 above; mean p; variance p (1 - p).

std::optional<Problem> Bernoulli::problem() const {
    if (!(p >= 0.0 && p <= 1.0))
        return make("p", fmt::format("p ({}) is a probability and must be within [0, 1]", num(p)));
    return std::nullopt;
}
double Bernoulli::quantile(double u) const {
    check_u(u);
    return u > 1.0 - p ? 1.0 : 0.0;
}
double Bernoulli::mean() const { return p; }
double Bernoulli::variance() const { return p * (1.0 - p); }
Support Bernoulli::support() const { return {p < 1.0 ? 0.0 : 1.0, p > 0.0 ? 1.0 : 0.0}; }

// ---------------------------------------------------------------------------------------------
// Empirical.

Empirical::Empirical(std::vector<double> values) : values_(std::move(values)) {
    if (problem()) return;
    sorted_ = values_;
    std::sort(sorted_.begin(), sorted_.end());
}

std::optional<Problem> Empirical::problem() const {
    if (values_.empty())
        return make("values", "values is empty: list at least one observed value");
    for (std::size_t i = 0; i < values_.size(); ++i)
        if (!std::isfinite(values_[i]))
            return make("values", fmt::format("values[{}] must be a finite number, not {}", i,
                                              num(values_[i])));
    return std::nullopt;
}

double Empirical::quantile(double u) const {
    check_u(u);
    const auto n = sorted_.size();
    const auto i = static_cast<std::size_t>(u * static_cast<double>(n));
    return sorted_[std::min(i, n - 1)];
}

double Empirical::mean() const {
    return std::accumulate(sorted_.begin(), sorted_.end(), 0.0) /
           static_cast<double>(sorted_.size());
}

double Empirical::variance() const {
    const double m = mean();
    double v = 0;
    for (double x : sorted_) v += (x - m) * (x - m);
    return v / static_cast<double>(sorted_.size());
}

Support Empirical::support() const { return {sorted_.front(), sorted_.back()}; }

// ---------------------------------------------------------------------------------------------
// The variant.

namespace {
template <class... F>
struct Overloaded : F... {
    using F::operator()...;
};
template <class... F>
Overloaded(F...) -> Overloaded<F...>;

std::string list(const std::vector<double>& xs) {
    std::string out = "[";
    for (std::size_t i = 0; i < xs.size(); ++i) out += (i ? ", " : "") + num(xs[i]);
    return out + "]";
}
}  // namespace

std::string_view kind_name(const Distribution& d) {
    return std::visit(Overloaded{
                          [](const Uniform&) { return std::string_view("uniform"); },
                          [](const Triangular&) { return std::string_view("triangular"); },
                          [](const Pert&) { return std::string_view("pert"); },
                          [](const Normal&) { return std::string_view("normal"); },
                          [](const Lognormal&) { return std::string_view("lognormal"); },
                          [](const Beta&) { return std::string_view("beta"); },
                          [](const Weibull&) { return std::string_view("weibull"); },
                          [](const Discrete&) { return std::string_view("discrete"); },
                          [](const Bernoulli&) { return std::string_view("bernoulli"); },
                          [](const Empirical&) { return std::string_view("empirical"); },
                      },
                      d);
}

std::optional<Problem> problem(const Distribution& d) {
    return std::visit([](const auto& x) { return x.problem(); }, d);
}

double quantile(const Distribution& d, double u) {
    return std::visit([u](const auto& x) { return x.quantile(u); }, d);
}

double mean(const Distribution& d) {
    return std::visit(Overloaded{
                          [](const Normal& x) { return x.truncated_mean(); },
                          [](const Lognormal& x) { return x.mean; },
                          [](const auto& x) { return x.mean(); },
                      },
                      d);
}

double variance(const Distribution& d) {
    return std::visit([](const auto& x) { return x.variance(); }, d);
}

Support support(const Distribution& d) {
    return std::visit([](const auto& x) { return x.support(); }, d);
}

std::string describe(const Distribution& d) {
    return std::visit(
        Overloaded{
            [](const Uniform& x) { return fmt::format("uniform(min {}, max {})", num(x.min), num(x.max)); },
            [](const Triangular& x) {
                return fmt::format("triangular(min {}, mode {}, max {})", num(x.min),
                                   num(x.mode), num(x.max));
            },
            [](const Pert& x) {
                return fmt::format("pert(min {}, mode {}, max {}, lambda {})", num(x.min),
                                   num(x.mode), num(x.max), num(x.lambda));
            },
            [](const Normal& x) {
                std::string s = fmt::format("normal(mean {}, sd {}", num(x.mean), num(x.sd));
                if (x.min) s += ", min " + num(*x.min);
                if (x.max) s += ", max " + num(*x.max);
                return s + ")";
            },
            [](const Lognormal& x) {
                return fmt::format("lognormal(mean {}, sd {})", num(x.mean), num(x.sd));
            },
            [](const Beta& x) {
                return fmt::format("beta(alpha {}, beta {}, min {}, max {})", num(x.alpha),
                                   num(x.beta), num(x.min), num(x.max));
            },
            [](const Weibull& x) {
                return fmt::format("weibull(shape {}, scale {})", num(x.shape), num(x.scale));
            },
            [](const Discrete& x) {
                return fmt::format("discrete(values {}, probabilities {})", list(x.values()),
                                   list(x.probabilities()));
            },
            [](const Bernoulli& x) { return fmt::format("bernoulli(p {})", num(x.p)); },
            [](const Empirical& x) {
                return fmt::format("empirical({} values)", x.values().size());
            },
        },
        d);
}

}  // namespace eqroi::risk
