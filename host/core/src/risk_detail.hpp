// Private to the risk sources: the truncated normal's precomputable part, and the inverse CDF
// as the sampler evaluates it a million times a run (risk_fast_quantile.cpp).
#pragma once

#include <eqroi/core/risk/distributions.hpp>
#include <eqroi/core/risk/sampling.hpp>

#include <boost/math/distributions/fwd.hpp>
#include <boost/math/policies/policy.hpp>

#include <array>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <variant>
#include <vector>

namespace eqroi::risk::detail {

// Boost's default promotes double arithmetic to long double inside the special functions;
// double is accurate to a few ulps already and the sampler calls these a million times a run.
// Errors still throw (they cannot happen once problem() is nullopt and u is in (0, 1)).
using Policy = boost::math::policies::policy<boost::math::policies::promote_double<false>>;

/// The standardised bounds a = (min - mean) / sd, b = (max - mean) / sd of a (possibly
/// truncated) normal, and the probability Z between them computed without cancellation: from
/// the upper tail when the interval lies above the mean, from the lower tail otherwise.
struct Truncation {
    double a = -std::numeric_limits<double>::infinity();
    double b = std::numeric_limits<double>::infinity();
    double cdf_a = 0, cdf_b = 1;  ///< Phi(a), Phi(b)
    double sf_a = 1, sf_b = 0;    ///< 1 - Phi(a), 1 - Phi(b), each computed directly
    double mass = 1;              ///< Z = Phi(b) - Phi(a)
};
Truncation truncation(const Normal& n);

/// Normal::quantile with its truncation already computed (same result, bit for bit).
double truncated_normal_quantile(const Normal& n, const Truncation& t, double u);

/// Beta(alpha, beta)'s inverse CDF on [0, 1] as a table of cubic Hermite pieces (values and
/// exact slopes 1 / pdf at the nodes; nodes placed by bisection until the interpolant is
/// within `tolerance` of Boost's quantile at every piece's midpoint), for u in
/// [2^-20, 1 - 2^-20]; outside, Boost's quantile itself. Boost's ibeta_inv costs ~1.5 us a call,
/// the table ~10 ns. Used for Beta and PERT inputs.
class BetaTable {
public:
    BetaTable(double alpha, double beta, double tolerance = 1e-10);
    double operator()(double u) const;  ///< in [0, 1]
    std::size_t pieces() const { return coefficients_.size(); }

private:
    struct Piece {
        double u0, inverse_width;  // t = (u - u0) * inverse_width in [0, 1]
        double c0, c1, c2, c3;     // x = c0 + t (c1 + t (c2 + t c3))
        double x0, x1;             // the values at the ends (the result is kept between)
    };
    double alpha_, beta_;
    double u_lo_, u_hi_, guide_scale_;
    std::vector<Piece> coefficients_;
    std::vector<std::uint32_t> guide_;  // guide_[g]: the first piece that can hold bucket g
};

/// An input's inverse CDF as the sampler evaluates it: the distribution's own quantile(), with
/// what can be computed once computed once (a truncated normal's tail probabilities, a
/// lognormal's mu and sigma) and a BetaTable for Beta and PERT. Equal to quantile(d, u) bit for
/// bit except for Beta and PERT (within 1e-10 of the range max - min there).
class FastQuantile {
public:
    explicit FastQuantile(const Distribution& d);
    /// out[k] = Q(u[k]); u in (0, 1).
    void operator()(std::span<const double> u, std::span<double> out) const;

private:
    struct Direct {};
    struct TruncatedNormal {
        Truncation truncation;
    };
    struct LogNormal {
        double mu, sigma;
    };
    struct ScaledBeta {
        BetaTable table;
        double min, width;
    };
    Distribution d_;
    std::variant<Direct, TruncatedNormal, LogNormal, ScaledBeta> how_;
};

// ---------------------------------------------------------------------------------------------
// Random numbers (the scheme is described at the top of sampling.hpp).

enum Purpose : std::uint32_t { draw = 0, scores = 1 };

/// Philox4x32-10 (philox4x32_10() in sampling.hpp is this): inline and unrolled so that the
/// sampler's loops overlap consecutive trials' rounds (a quarter faster than a call).
inline std::array<std::uint32_t, 4> philox(std::array<std::uint32_t, 4> ctr,
                                           std::array<std::uint32_t, 2> key) {
    // Random123 philox4x32: multipliers and Weyl key increments from the paper.
    constexpr std::uint64_t m0 = 0xD2511F53, m1 = 0xCD9E8D57;
    constexpr std::uint32_t w0 = 0x9E3779B9, w1 = 0xBB67AE85;
#pragma GCC unroll 10
    for (int round = 0; round < 10; ++round) {
        if (round > 0) {
            key[0] += w0;
            key[1] += w1;
        }
        const std::uint64_t p0 = m0 * ctr[0];
        const std::uint64_t p1 = m1 * ctr[2];
        ctr = {static_cast<std::uint32_t>(p1 >> 32) ^ ctr[1] ^ key[0],
               static_cast<std::uint32_t>(p1),
               static_cast<std::uint32_t>(p0 >> 32) ^ ctr[3] ^ key[1],
               static_cast<std::uint32_t>(p0)};
    }
    return ctr;
}

/// The two 64-bit words of Philox's output for (trial, input, purpose) of a run with `seed`:
/// first = output[0] | output[1] << 32, second = output[2] | output[3] << 32.
struct Words {
    std::uint64_t first, second;
};
inline Words words(std::uint64_t seed, std::uint64_t trial, std::size_t input, Purpose purpose) {
    const auto out = philox(
        {static_cast<std::uint32_t>(trial), static_cast<std::uint32_t>(trial >> 32),
         static_cast<std::uint32_t>(input), purpose},
        {static_cast<std::uint32_t>(seed), static_cast<std::uint32_t>(seed >> 32)});
    return {out[0] | (std::uint64_t{out[1]} << 32), out[2] | (std::uint64_t{out[3]} << 32)};
}

/// A random permutation of 0..m-1 (Fisher–Yates, Knuth's algorithm P): step k, from m - 1 down
/// to 1, swaps entry k with entry floor(w_k (k + 1) / 2^64), w_k = word(k).
template <class Word>
std::vector<std::uint32_t> shuffled(std::size_t m, Word word) {
    std::vector<std::uint32_t> p(m);
    std::iota(p.begin(), p.end(), 0u);
    for (std::size_t k = m; k-- > 1;) {
        const auto j = static_cast<std::size_t>(
            (static_cast<unsigned __int128>(word(k)) * (k + 1)) >> 64);
        std::swap(p[k], p[j]);
    }
    return p;
}

/// Iman–Conover for one run (risk_correlation.cpp): built from a matrix that passed
/// correlation_problem(), applied to each block of trials. Read-only once built.
class RankCorrelator {
public:
    RankCorrelator() = default;
    explicit RankCorrelator(const CorrelationMatrix& matrix);
    /// The inputs with a nonzero correlation to another (the only ones reordered).
    const std::vector<std::size_t>& correlated() const { return correlated_; }
    /// Reorders the values of the correlated inputs in out (one column per input, the trials
    /// [first, first + m) of one block) to the target rank correlation. `strata`, for Latin
    /// hypercube, holds each input's stratum of each trial (the values' order, which saves a
    /// sort); empty for Monte Carlo.
    void apply(std::uint64_t seed, std::uint64_t first, std::span<const std::span<double>> out,
               std::span<const std::vector<std::uint32_t>> strata) const;

private:
    std::vector<std::size_t> correlated_;
    std::vector<double> factor_;  ///< lower Cholesky factor P of the scores' target, row-major
};

}  // namespace eqroi::risk::detail
