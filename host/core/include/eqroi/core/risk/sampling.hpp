// Drawing the trials of a risk analysis (issue 6): plain Monte Carlo or Latin hypercube over
// the uncertain inputs, optionally with rank correlations imposed by Iman–Conover.
//
// Reproducibility. Every random number comes from Philox4x32-10 (Salmon, Moraes, Dror & Shaw,
// "Parallel random numbers: as easy as 1, 2, 3", SC 2011; the Random123 known-answer vectors
// are in the tests), a counter-based generator: the bits of a draw are a pure function of
// (seed, trial number, input number, purpose), not of what was drawn before. So a run gives
// the same samples bit for bit whether its trials are generated in one call or in pieces, in
// any order, on any number of threads.
//   key     = the seed (low 32 bits, high 32 bits)
//   counter = (trial low 32 bits, trial high 32 bits, input index, purpose)
//   purpose 0: word pair 0-1 -> the trial's uniform (Monte Carlo) or position inside its
//              stratum (Latin hypercube); word pair 2-3 -> the trial's step of the Fisher–Yates
//              shuffle that deals the strata out to the block's trials
//   purpose 1: word pair 0-1 -> the trial's step of the shuffle of the van der Waerden scores
//              (correlation)
// (word pair 0-1 is the 64-bit word output[0] | output[1] << 32, pair 2-3 likewise.)
// A 64-bit word w becomes the uniform ((w >> 12) + 0.5) / 2^52: 2^52 equally spaced values in
// [2^-53, 1 - 2^-53], never 0 or 1, so every quantile is finite. In a Latin hypercube the
// trial's u is (its stratum + that uniform) / m, m the trials of its block.
//
// Values. A trial's value of an input is quantile(u) of its distribution at the trial's
// uniform u, bit for bit, except for Beta and PERT inputs: their exact inverse (Boost's
// ibeta_inv, ~1.5 us a call) is replaced by a table of cubic pieces built when the Sampler is,
// within 1e-10 x (max - min) of it (the tests check a dense grid), ~10 ns a call.
//
// Blocks. The trials 0 .. trials-1 of a run are cut into blocks of `block_trials` (10,000);
// when the run is not a multiple of it, the last block takes the remainder if it holds at
// least half a block and is otherwise merged into the block before it (so every block holds
// between 5,000 and 14,999 trials, except a run of fewer than 5,000 which is one block).
//   - Monte Carlo without correlation: each trial is independent of the blocks.
//   - Latin hypercube: each block is a Latin hypercube of its own: with m trials in the block,
//     every input's (0, 1) is cut into m equal strata and each stratum holds exactly one of the
//     block's trials (a random permutation per input and block). A run of up to 14,999 trials
//     is therefore one hypercube; a longer run is a sequence of them, which keeps the memory
//     of generating a block bounded and lets blocks be generated in parallel.
//   - With correlations, Iman–Conover reorders each block's values (any method).
// sample_block(first, count) gives trials [first, first + count) of the run as they are in the
// whole run: it generates the blocks that overlap the range and returns the part asked for.
// Asking for whole blocks (block_range()) wastes nothing.
#pragma once

#include <eqroi/core/risk/distributions.hpp>

#include <array>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace eqroi::risk {

/// Philox4x32-10: the 128-bit output block for a counter and a key (Random123's
/// philox4x32(ctr, key) with 10 rounds).
std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> counter,
                                           std::array<std::uint32_t, 2> key);

/// A 64-bit word as a uniform double strictly inside (0, 1): ((w >> 12) + 0.5) * 2^-52, from
/// 2^-53 to 1 - 2^-53 (the largest double below 1).
double unit_uniform(std::uint64_t word);

enum class Method {
    monte_carlo,      ///< each trial's uniform independent of the others
    latin_hypercube,  ///< stratified within each block (see the top of this file)
};

/// A rank-correlation (Spearman) matrix between the inputs, row by row: matrix[i][j] is the
/// target rank correlation of inputs i and j. Square, one row per input, symmetric, 1 on the
/// diagonal, entries in [-1, 1], positive definite.
using CorrelationMatrix = std::vector<std::vector<double>>;

/// Why a correlation matrix cannot be used, nullopt when it can. `names` are the inputs' names
/// for the message (e.g. "mtbf"); without them the inputs are called "input 1", "input 2"...
/// (1-based). Messages: "the correlation matrix has 2 rows for 3 inputs", "row 2 has 4 entries
/// for 3 inputs", "not symmetric: mtbf~scrap is 0.5 but scrap~mtbf is 0.4", "the diagonal
/// entry of mtbf is 0.9, it must be 1", "the correlation of mtbf and scrap is 1.2, outside
/// [-1, 1]", "not positive definite: a smallest eigenvalue of -0.0951 (the correlations
/// contradict each other ...)". Symmetry and the diagonal are checked to 1e-12.
std::optional<std::string> correlation_problem(const CorrelationMatrix& matrix,
                                               std::size_t inputs,
                                               std::span<const std::string> names = {});

/// Everything a run's samples depend on.
struct SamplingPlan {
    std::vector<Distribution> inputs;  ///< one per uncertain input, in a fixed order
    std::uint64_t trials = 0;          ///< how many trials the whole run has
    std::uint64_t seed = 0;
    Method method = Method::monte_carlo;
    /// Target rank correlations; none = independent inputs. Only the inputs with a nonzero
    /// correlation to another are reordered; the others are left as drawn.
    std::optional<CorrelationMatrix> rank_correlation;
};

/// The trials [first, first + count) of a run.
struct TrialRange {
    std::uint64_t first = 0;
    std::uint64_t count = 0;
};

/// Generates the samples of one run. Built once (it validates and factorises the correlation
/// matrix), then read-only: sample_block() may be called from any number of threads at once.
class Sampler {
public:
    /// Trials per block (see the top of this file).
    static constexpr std::uint64_t block_trials = 10'000;

    /// std::invalid_argument with the message when an input has a problem() ("input 2
    /// (triangular): mode (1) is below min (2)...") or the correlation matrix has a
    /// correlation_problem(). The parser reports those with a file position before getting here.
    explicit Sampler(SamplingPlan plan);
    ~Sampler();
    Sampler(Sampler&&) noexcept;
    Sampler& operator=(Sampler&&) noexcept;
    Sampler(const Sampler&) = delete;
    Sampler& operator=(const Sampler&) = delete;

    const SamplingPlan& plan() const;

    /// Number of blocks of the run (0 when trials is 0), and the trials of block b.
    std::uint64_t block_count() const;
    TrialRange block_range(std::uint64_t b) const;

    /// Trials [first, first + count) as columns: result[i][k] is input i in trial first + k.
    /// std::out_of_range when the range goes past plan().trials.
    std::vector<std::vector<double>> sample_block(std::uint64_t first, std::uint64_t count) const;

    /// The same into caller-owned columns: columns.size() == number of inputs, each of at least
    /// `count` doubles (std::invalid_argument otherwise).
    void sample_block(std::uint64_t first, std::uint64_t count,
                      std::span<const std::span<double>> columns) const;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace eqroi::risk
