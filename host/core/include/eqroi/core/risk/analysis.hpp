// The Monte Carlo run of a risk analysis (issue 6): trials drawn by the Sampler
// (risk/sampling.hpp) in blocks, each block evaluated for every alternative through the
// batch-native engine (risk/inputs.hpp: plugins called once per chunk of Engine::batch_chunk
// trials, never once per trial), on a pool of threads, and the per-trial NPV, IRR, discounted
// payback and LCC streamed into statistics (risk/statistics.hpp).
//
// Reproducible: the trials and their blocks depend only on the seed, the sampling method and
// the number of trials; each block's statistics are computed alone, then merged into the run's
// in block order on the calling thread. So the result is bit-identical whatever the number of
// threads. Memory is bounded whatever the number of trials: at most 2 x threads blocks are in
// flight, and the statistics keep a fixed amount per alternative.
#pragma once

#include <eqroi/core/risk/inputs.hpp>
#include <eqroi/core/risk/statistics.hpp>

#include <atomic>
#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace eqroi::risk {

/// How far a run has got; passed to RiskOptions::progress after each block is merged.
struct RiskProgress {
    std::uint64_t trials_done = 0;
    std::uint64_t trials_total = 0;   ///< the trials asked for (a stop rule may end earlier)
    std::uint64_t blocks_done = 0;
    std::uint64_t blocks_total = 0;
    /// The largest standard error of the mean NPV among the alternatives so far.
    double standard_error = 0;
};

/// One block of trials as merged into the run (RiskOptions::on_block): its inputs and every
/// alternative's per-trial results. The references are valid during the call only.
struct RiskBlock {
    TrialRange range;
    const std::vector<std::vector<double>>& inputs;  ///< inputs[i][t]: input i in trial first + t
    const std::vector<BatchResult>& results;         ///< results[a]: alternative a
};

/// What a run does. Defaults are those of a study without a [risk] table.
struct RiskOptions {
    std::uint64_t trials = 10'000;
    std::uint64_t seed = 1;
    Method sampling = Method::monte_carlo;
    /// Target rank correlations over ALL the inputs, in binding order (RankCorrelationSpec::
    /// expand); none = independent inputs.
    std::optional<CorrelationMatrix> rank_correlation;
    /// Stop once the standard error of the mean NPV of every alternative is at most this
    /// (checked after each whole block, in block order: deterministic). `trials` stays the cap.
    std::optional<double> target_standard_error;
    /// Worker threads; 0 = std::thread::hardware_concurrency() (1 when unknown).
    unsigned threads = 0;
    /// When it becomes true, workers start no new block; the run returns the statistics of
    /// every block started so far (RiskResult::cancelled). May be nullptr.
    const std::atomic<bool>* cancel = nullptr;
    /// Called on the calling thread after each merged block. May be empty.
    std::function<void(const RiskProgress&)> progress;
    /// Called on the calling thread with each merged block, in block order (per-trial results
    /// for rank correlations, or for tests). Keeps the blocks in flight in memory; may be empty.
    std::function<void(const RiskBlock&)> on_block;
};

/// The options a study's [risk] table gives (unset keys keep RiskOptions' defaults); the
/// correlation is expanded over `input_names` (InputBinding::names()).
RiskOptions options_from(const RiskSettings& settings, const std::vector<std::string>& input_names);

/// Statistics of one output of one alternative over the trials where it has a value.
/// Everything is NaN when count is 0 (e.g. no trial reached the discounted payback).
struct OutputStatistics {
    std::uint64_t count = 0;   ///< trials with a value
    double mean = 0;
    double sd = 0;             ///< sample standard deviation (n - 1)
    double standard_error = 0; ///< sd / sqrt(count)
    double min = 0, max = 0;
    double p5 = 0, p10 = 0, p50 = 0, p90 = 0, p95 = 0;
    /// e: each Pq above lies between the exact percentiles q - e and q + e of the trials
    /// (risk/statistics.hpp).
    double quantile_rank_error = 0;
};

/// The risk profile of one alternative.
struct AlternativeRisk {
    std::string id, name;
    double base_npv = 0;                 ///< NPV with every input at its study value
    OutputStatistics npv;                ///< after tax, at the study's discount rate
    OutputStatistics irr;                ///< per year, over the trials that have an IRR
    OutputStatistics discounted_payback; ///< years, over the trials that reach it
    OutputStatistics lcc;                ///< life-cycle cost (positive = cost)
    double probability_loss = 0;         ///< share of trials with NPV < 0
    double probability_best = 0;         ///< share where its NPV is the highest (ties split)
    double share_without_irr = 0;        ///< no IRR (no sign change, or several roots)
    double share_payback_not_reached = 0;///< discounted payback not reached in the study
    /// Choosing this alternative over the baseline, trial by trial: the measures of the
    /// incremental flow (this alternative's net flow minus the baseline's in the same trial), as
    /// the deterministic report's "vs baseline" (AlternativeResult::vs_baseline). When every
    /// alternative is a cost (own IRR and payback do not exist), these are the IRR and payback
    /// of the purchase. For the baseline itself: count 0, NaN, shares 0.
    bool is_baseline = false;
    OutputStatistics incremental_npv;
    OutputStatistics incremental_irr;                 ///< over the trials that have one
    OutputStatistics incremental_discounted_payback;  ///< over the trials that reach it
    double probability_beats_baseline = 0;            ///< share with incremental NPV > 0
    double share_without_incremental_irr = 0;
    double share_incremental_payback_not_reached = 0;
    QuantileSketch npv_distribution;     ///< the NPV's distribution (histogram, S-curve)
};

struct RiskResult {
    std::uint64_t trials_requested = 0;
    std::uint64_t trials_done = 0;       ///< the statistics are over these
    std::uint64_t blocks_done = 0;
    std::uint64_t seed = 0;
    Method sampling = Method::monte_carlo;
    unsigned threads = 0;                ///< worker threads used
    std::optional<double> target_standard_error;
    bool stopped_at_target = false;      ///< the stop rule ended the run before `trials_requested`
    bool cancelled = false;              ///< RiskOptions::cancel ended the run early
    std::vector<std::string> inputs;     ///< the inputs' names, in binding order
    std::string baseline;                ///< id of the study's baseline alternative
    std::vector<AlternativeRisk> alternatives;  ///< in the study's order
};

/// Runs the trials. Throws EvaluationError when a model fails in a trial (the first failing
/// block in block order), std::invalid_argument for impossible options (a correlation matrix
/// of the wrong size...). The binding's Engine must not change during the run.
RiskResult run_risk(const InputBinding& binding, const RiskOptions& options);

}  // namespace eqroi::risk
