// Streaming statistics of a risk run (issue 6): mean and spread, and percentiles, of millions of
// trials in bounded memory, merged block by block in a fixed order so that a run gives the same
// figures bit for bit whatever the number of threads.
//
// Moments: count, mean and M2 (the sum of squared deviations from the mean) of each block by
// two passes over the block, merged with the pairwise formula of Chan, Golub & LeVeque
// ("Updating formulae and a pairwise algorithm for computing sample variances", 1979):
//   n = na + nb,  d = mean_b - mean_a,  mean = mean_a + d nb / n,  M2 = M2a + M2b + d^2 na nb / n.
//
// Percentiles: a mergeable rank summary. A summary is a sorted list of (value, weight) items
// standing for `weight` trials each, with a rank error E such that for every x the summary's
// count of trials <= x is within E of the true count. Two operations:
//   merge     the union of two summaries' items; errors add (E = Ea + Eb).
//   compress  cuts a summary of N trials into groups of consecutive items weighing at most
//             N / K trials (a single heavier item stays alone), each group replaced by its
//             weighted median item carrying the group's weight. That moves a count by at most
//             half a group's weight: E grows by at most N / (2K), and exactly by the largest
//             such half-group actually met (tracked, not assumed). At most 2K + 1 items remain.
// Each block's trials (sorted, weight 1, E = 0) are compressed into a summary; the blocks'
// summaries are combined like a binary counter in block order: a summary of 2^l blocks sits at
// level l, and two at the same level are merged and compressed into one at level l + 1. A level
// l summary of N_l trials has E <= (l + 1) N_l / (2K), so with L levels the whole run's error is
// at most (L + 1) N / (2K): with K = 4096 and 10,000-trial blocks, 1,000,000 trials (7 levels)
// give E / N <= 0.1 %, 10^9 trials (17 levels) 0.22 %. The error actually reached is reported
// (rank_error()), usually well below the bound.
// Memory: at most 2K + 1 items (16 bytes each) per level and 52 levels for any run that fits in
// 64-bit trial numbers: bounded whatever the number of trials (about 130 KB per level, and
// log2(blocks) + 1 levels in use).
// Precision of a percentile: quantile(q) returns a value of one of the trials, lying between
// the exact q - e and q + e quantiles of all the trials, e = rank_error() (a fraction):
//   with s_1 <= ... <= s_N the trials' values, s_ceil(qN - E) <= quantile(q) <= s_floor(qN + E) + 1.
#pragma once

#include <cstddef>
#include <cstdint>
#include <limits>
#include <span>
#include <vector>

namespace eqroi::risk {

/// Count, mean, spread and range of a stream of values, merged in a fixed order.
struct Moments {
    std::uint64_t count = 0;
    double mean = 0;
    double m2 = 0;  ///< sum of squared deviations from the mean
    double min = std::numeric_limits<double>::infinity();
    double max = -std::numeric_limits<double>::infinity();

    /// Adds a block of values (two passes over the block, then merge()).
    void add(std::span<const double> values);
    /// Adds the values of a later part of the stream (Chan et al.'s formula above).
    void merge(const Moments& later);
    /// Sample variance M2 / (count - 1); 0 below two values.
    double variance() const;
    double sd() const;
    /// sd / sqrt(count): the standard error of the mean; 0 below two values.
    double standard_error() const;
};

/// One rank summary (see the top of this file). A value type.
struct RankSummary {
    struct Item {
        double value = 0;
        std::uint64_t weight = 0;  ///< trials it stands for
    };
    std::vector<Item> items;       ///< ascending by value
    std::uint64_t total = 0;       ///< sum of the weights: the trials summarised
    double error = 0;              ///< E, in trials

    /// The summary of `values` (taken by value: sorted in place), compressed to `k`. Values
    /// sort ascending (-0 and +0, when both are present, always in the same order). Any thread
    /// may call it; it reuses a scratch buffer of its thread (8 bytes a value, kept for blocks
    /// up to 2^20 values).
    static RankSummary of(std::vector<double> values, std::size_t k);
    /// The union of two summaries (E adds).
    static RankSummary merged(const RankSummary& a, const RankSummary& b);
    /// Groups items weighing at most total / k each into their weighted medians (E grows by at
    /// most total / (2k)). Does nothing when there are at most 2k + 1 items.
    void compress(std::size_t k);
};

/// Percentiles of a stream in bounded memory, fed block by block (see the top of this file).
class QuantileSketch {
public:
    /// Items per summary: the error bound is (levels + 1) / (2k) of the trials.
    static constexpr std::size_t default_k = 4096;

    explicit QuantileSketch(std::size_t k = default_k) : k_(k) {}

    /// Adds the next block's summary (made by RankSummary::of with the same k). Blocks must
    /// come in the order of the run for the result to be reproducible. The merges reuse a
    /// scratch buffer of the calling thread (16 bytes an item, up to 2 (2k + 1) items).
    void push(RankSummary block);

    std::size_t k() const noexcept { return k_; }
    /// Trials summarised.
    std::uint64_t count() const noexcept;
    /// The value of the trial of rank ceil(q N) (q in [0, 1]) to within the rank error; NaN
    /// when empty. q = 0 gives the smallest value kept, q = 1 the largest.
    double quantile(double q) const;
    /// Fraction of the trials <= x (the S-curve), within rank_error().
    double cdf(double x) const;
    /// E / N: each quantile lies between the exact quantiles q - e and q + e.
    double rank_error() const;
    /// Every level's summary merged into one (for charts: items and their weights).
    RankSummary combined() const;

private:
    std::size_t k_;
    std::vector<RankSummary> levels_;  ///< levels_[l] holds 2^l blocks, or is empty (total 0)
};

}  // namespace eqroi::risk
