// Private to the risk sources: the truncated normal's precomputable part, and the inverse CDF
// as the sampler evaluates it a million times a run (risk_fast_quantile.cpp).
#pragma once

#include <eqroi/core/risk/distributions.hpp>
#include <eqroi/core/risk/sampling.hpp>

#include <boost/math/distributions/fwd.hpp>
#include <boost/math/policies/policy.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <cstdint>
#include <limits>
#include <numeric>
#include <span>
#include <utility>
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
    /// Boost's quantile, out of line so that the table's path inlines into the sampler's loop.
    [[gnu::noinline]] double exact(double u) const;

    double alpha_, beta_;
    double u_lo_, u_hi_, guide_scale_;
    std::vector<Piece> coefficients_;
    std::vector<double> starts_;        // starts_[i] = coefficients_[i].u0, packed for the search
    std::vector<std::uint32_t> guide_;  // guide_[g]: the first piece that can hold bucket g
};

/// Boost's quantile(normal_distribution(mean, sd), p), and with `upper` its
/// quantile(complement(normal_distribution(mean, sd), p)), without the argument checks (the
/// callers have sd > 0, a finite mean and p in (0, 1)): the same operations in the same order
/// (-erfc_inv(2 p) sqrt(2) sd + mean, negation skipped for the upper tail), so the same bits.
double normal_quantile(double mean, double sd, double p, bool upper = false);

/// A discrete distribution's values in ascending order and the cumulative probability up to
/// each divided by the total, the last exactly 1: Discrete's constructor keeps these, and the
/// sampler recomputes them with this same function.
struct DiscreteSteps {
    std::vector<double> values, cumulative;
};
DiscreteSteps discrete_steps(const std::vector<double>& values,
                             const std::vector<double>& probabilities);

/// An input's inverse CDF as the sampler evaluates it: the distribution's own quantile(), with
/// what can be computed once computed once (a truncated normal's tail probabilities, a
/// lognormal's mu and sigma, a triangle's widths, a discrete's steps), inline in a loop over
/// the block where the distribution's quantile() would be a call per value, and a BetaTable
/// for Beta and PERT. Equal to quantile(d, u) bit for bit except for Beta and PERT (within
/// 1e-10 of the range max - min there).
class FastQuantile {
public:
    explicit FastQuantile(const Distribution& d);
    /// out[k] = Q(u[k]); u in (0, 1) (not checked again: the sampler's uniforms are).
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
    struct Line {  // Uniform
        double min, width;
    };
    struct Triangle {  // below = mode - min, above = max - mode, at_mode = below / width
        double min, mode, max, width, below, above, at_mode;
    };
    struct Steps {  // Discrete
        DiscreteSteps steps;
    };
    Distribution d_;
    std::variant<Direct, TruncatedNormal, LogNormal, ScaledBeta, Line, Triangle, Steps> how_;
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

/// words() of the `count` consecutive trials first, first + 1, ...: firsts[k] and seconds[k]
/// are words(seed, first + k, input, purpose).first and .second; `seconds` may be null when
/// only the first words are wanted. Several trials at once in vector registers where
/// available (risk_sampling.cpp): the same bits as words(), which the tests compare for every
/// purpose, odd counts and trial numbers across 2^32.
void trial_words(std::uint64_t seed, std::uint64_t first, std::size_t count, std::size_t input,
                 Purpose purpose, std::uint64_t* firsts, std::uint64_t* seconds);

/// The ways trial_words() can compute: one trial at a time (philox()), two at a time in SSE2
/// registers (every x86-64), four in AVX2 registers (when the processor has them; then the
/// fastest, and the one trial_words() takes).
enum class WordsPath { scalar, sse2, avx2 };
/// Whether this build on this processor can take `path`.
bool has_words_path(WordsPath path);
/// trial_words() the way asked (which must be available), for the tests to compare them all.
void trial_words(WordsPath path, std::uint64_t seed, std::uint64_t first, std::size_t count,
                 std::size_t input, Purpose purpose, std::uint64_t* firsts,
                 std::uint64_t* seconds);

/// unit_uniform() (sampling.hpp), inline for the sampler's loops: ((w >> 12) + 0.5) 2^-52.
/// k = w >> 12 < 2^52 is turned into a double as the bits of 2^52 + k (exponent 52, k in the
/// 52 mantissa bits), minus 2^52: exact, as is the conversion it replaces, but plain integer
/// and double arithmetic that the compiler vectorises (baseline x86-64 has no instruction
/// converting 64-bit integers to doubles two at a time). Then + 0.5 and * 2^-52 are exact.
inline double uniform_of(std::uint64_t word) {
    const double k = std::bit_cast<double>((word >> 12) | 0x4330000000000000) - 0x1p52;
    return (k + 0.5) * 0x1p-52;
}

/// Step k of a Fisher–Yates shuffle (Knuth's algorithm P) of p, driven by a 64-bit word: swaps
/// entry k with entry floor(word (k + 1) / 2^64). Steps k = m - 1 down to 1 applied to
/// 0..m-1 deal out a random permutation.
inline void shuffle_step(std::span<std::uint32_t> p, std::size_t k, std::uint64_t word) {
    const auto j =
        static_cast<std::size_t>((static_cast<unsigned __int128>(word) * (k + 1)) >> 64);
    std::swap(p[k], p[j]);
}

/// Trials whose words are generated at once (on the stack) by the sampler's loops.
inline constexpr std::size_t chunk_trials = 256;

/// A shuffle of 0..m-1 into p (m = p.size()) by the words of trials first .. first + m - 1,
/// fused with whatever else needs those words: step k of the shuffle takes trial first + k's
/// `shuffle_word` (0 = its first word, 1 = its second). The trials are generated a chunk at
/// a time from the top down, and after the steps of the chunk [lo, hi) the entries p[lo..hi)
/// are final (the steps still to come, k < lo, touch entries <= k only): then
/// `chunk_done(lo, hi, firsts, seconds)` is called with the chunk's words (firsts[k - lo] for
/// trial first + k; seconds null unless shuffle_word is 1).
template <class ChunkDone>
void shuffle_by_chunks(std::span<std::uint32_t> p, std::uint64_t seed, std::uint64_t first,
                       std::size_t input, Purpose purpose, int shuffle_word,
                       ChunkDone chunk_done) {
    std::iota(p.begin(), p.end(), 0u);
    std::uint64_t firsts[chunk_trials], seconds[chunk_trials];
    for (std::size_t hi = p.size(); hi > 0;) {
        const std::size_t lo = hi > chunk_trials ? hi - chunk_trials : 0;
        trial_words(seed, first + lo, hi - lo, input, purpose, firsts,
                    shuffle_word == 1 ? seconds : nullptr);
        const std::uint64_t* word = shuffle_word == 1 ? seconds : firsts;
        for (std::size_t k = hi; k-- > std::max<std::size_t>(lo, 1);)
            shuffle_step(p, k, word[k - lo]);
        chunk_done(lo, hi, static_cast<const std::uint64_t*>(firsts),
                   shuffle_word == 1 ? static_cast<const std::uint64_t*>(seconds) : nullptr);
        hi = lo;
    }
}

/// Iman–Conover for one run (risk_correlation.cpp): built from a matrix that passed
/// correlation_problem(), applied to each block of trials. Read-only once built (apply() may
/// run on several threads at once).
class RankCorrelator {
public:
    RankCorrelator() = default;
    /// `block_sizes`: the trials per block the run will ask for (at most two: the full block
    /// and the last); their van der Waerden scores are computed here once instead of every
    /// block (10,000 normal quantiles a block). Other sizes still work, computed when asked.
    explicit RankCorrelator(const CorrelationMatrix& matrix,
                            std::span<const std::size_t> block_sizes = {});
    /// The inputs with a nonzero correlation to another (the only ones reordered).
    const std::vector<std::size_t>& correlated() const { return correlated_; }
    /// Reorders the values of the correlated inputs in out (one column per input, the trials
    /// [first, first + m) of one block) to the target rank correlation. `strata`, for Latin
    /// hypercube, holds each input's stratum of each trial (the values' order, which saves a
    /// sort; only the correlated inputs' are read); empty for Monte Carlo.
    void apply(std::uint64_t seed, std::uint64_t first, std::span<const std::span<double>> out,
               std::span<const std::vector<std::uint32_t>> strata) const;

    /// The block's targets T = S (P F^-1)^T from its score matrix S (m rows, one column per
    /// correlated input, column-major), as apply() computes them: the tests rebuild apply()
    /// around it.
    std::vector<double> targets(std::span<const double> scores, std::size_t m) const;

private:
    std::vector<std::size_t> correlated_;
    std::vector<double> factor_;  ///< lower Cholesky factor P of the scores' target, row-major
    /// van_der_waerden_[i]: the scores Phi^-1(r / (m + 1)), r = 1..m, of m = block_sizes[i].
    std::vector<std::size_t> score_sizes_;
    std::vector<std::vector<double>> van_der_waerden_;
};

}  // namespace eqroi::risk::detail
