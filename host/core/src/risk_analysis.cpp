// The Monte Carlo run (eqroi/core/risk/analysis.hpp): a pool of workers evaluates blocks of
// trials; the calling thread merges each block's statistics in block order, so the figures do
// not depend on which thread did what.
#include <eqroi/core/risk/analysis.hpp>

#include "engine_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <condition_variable>
#include <exception>
#include <limits>
#include <map>
#include <mutex>
#include <thread>

namespace eqroi::risk {
namespace {

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();

/// One output (NPV, IRR...) of one alternative: streamed moments and percentiles.
struct OutputStream {
    Moments moments;
    QuantileSketch sketch;
};

/// What one block contributes to one output: its moments and its rank summary.
struct OutputBlock {
    Moments moments;
    RankSummary summary;

    /// The finite values of `values` (NaN = the output does not exist in that trial).
    static OutputBlock of(const std::vector<double>& values) {
        std::vector<double> kept;
        kept.reserve(values.size());
        for (double v : values)
            if (!std::isnan(v)) kept.push_back(v);
        OutputBlock b;
        b.moments.add(kept);
        b.summary = RankSummary::of(std::move(kept), QuantileSketch::default_k);
        return b;
    }
};

struct AlternativeBlock {
    OutputBlock npv, irr, discounted_payback, lcc;
    OutputBlock incremental_npv, incremental_irr, incremental_payback;  ///< empty for the baseline
    std::uint64_t losses = 0;  ///< trials with NPV < 0
    std::uint64_t beats = 0;   ///< trials with incremental NPV > 0
    double best = 0;           ///< sum of this alternative's shares of "best" over the trials
};

/// What the incremental measures need of the study.
struct Increment {
    std::size_t baseline = 0;
    double rate = 0;  ///< per period
    int periods_per_year = 1;
    finance::Timing timing = finance::Timing::end_of_period;
};

Increment increment_of(const Study& study) {
    Increment inc;
    for (std::size_t a = 0; a < study.alternatives.size(); ++a)
        if (study.alternatives[a].id == study.settings.baseline) inc.baseline = a;
    inc.periods_per_year = study.settings.periods_per_year();
    inc.rate = finance::period_rate(study.settings.discount_rate, inc.periods_per_year);
    inc.timing = study.settings.timing;
    return inc;
}

/// Everything a block contributes, computed by a worker.
struct BlockResult {
    TrialRange range;
    std::vector<AlternativeBlock> alternatives;
    // Kept only for RiskOptions::on_block.
    std::vector<std::vector<double>> inputs;
    std::vector<BatchResult> results;
};

BlockResult evaluate_block(const InputBinding& binding, const Sampler& sampler, std::uint64_t b,
                           const Increment& inc, bool keep) {
    BlockResult r;
    r.range = sampler.block_range(b);
    const auto n = static_cast<uint32_t>(r.range.count);
    std::vector<std::vector<double>> inputs = sampler.sample_block(r.range.first, r.range.count);
    // The run reads neither simple payback; on_block hands every measure to its caller.
    BatchMeasures what;
    what.payback = keep;
    const Engine& engine = binding.engine();
    const std::vector<std::span<const double>> columns(inputs.begin(), inputs.end());
    std::vector<BatchResult> results(engine.alternatives().size());
    for (std::size_t a = 0; a < results.size(); ++a)
        engine.run_batch(a, n, binding.overrides(a, columns, n), what, results[a]);

    const std::size_t alternatives = results.size();
    r.alternatives.resize(alternatives);
    for (std::size_t a = 0; a < alternatives; ++a) {
        const BatchResult& x = results[a];
        AlternativeBlock& s = r.alternatives[a];
        s.npv = OutputBlock::of(x.npv);
        s.irr = OutputBlock::of(x.irr);
        s.discounted_payback = OutputBlock::of(x.discounted_payback);
        s.lcc = OutputBlock::of(x.lcc);
        for (double v : x.npv) s.losses += v < 0;
        if (a == inc.baseline) continue;
        // The incremental flow of each trial, measured as the deterministic run measures it.
        const BatchResult& base = results[inc.baseline];
        const std::size_t width = std::size_t{x.periods} + 1;
        std::vector<double> flow(width), npv(n), irr(n), payback(n);
        for (uint32_t t = 0; t < n; ++t) {
            for (std::size_t k = 0; k < width; ++k)
                flow[k] = x.net[t * width + k] - base.net[t * width + k];
            const engine_detail::FlowMeasures m = engine_detail::measure(
                flow.data(), width, inc.rate, inc.periods_per_year, inc.timing, what);
            npv[t] = m.npv;
            irr[t] = m.irr;
            payback[t] = m.discounted_payback;
            s.beats += m.npv > 0;
        }
        s.incremental_npv = OutputBlock::of(npv);
        s.incremental_irr = OutputBlock::of(irr);
        s.incremental_payback = OutputBlock::of(payback);
    }
    // Probability of being best: the highest NPV in each trial; k alternatives tied at the top
    // get 1/k each.
    for (uint32_t t = 0; t < n && alternatives > 0; ++t) {
        double top = -std::numeric_limits<double>::infinity();
        for (std::size_t a = 0; a < alternatives; ++a) top = std::max(top, results[a].npv[t]);
        std::size_t tied = 0;
        for (std::size_t a = 0; a < alternatives; ++a) tied += results[a].npv[t] == top;
        for (std::size_t a = 0; a < alternatives; ++a)
            if (results[a].npv[t] == top) r.alternatives[a].best += 1.0 / static_cast<double>(tied);
    }
    if (keep) {
        r.inputs = std::move(inputs);
        r.results = std::move(results);
    }
    return r;
}

OutputStatistics statistics_of(const OutputStream& s) {
    OutputStatistics o;
    o.count = s.moments.count;
    if (o.count == 0) {
        o.mean = o.sd = o.standard_error = o.min = o.max = kNaN;
        o.p5 = o.p10 = o.p50 = o.p90 = o.p95 = kNaN;
        o.quantile_rank_error = 0;
        return o;
    }
    o.mean = s.moments.mean;
    o.sd = s.moments.sd();
    o.standard_error = s.moments.standard_error();
    o.min = s.moments.min;
    o.max = s.moments.max;
    o.p5 = s.sketch.quantile(0.05);
    o.p10 = s.sketch.quantile(0.10);
    o.p50 = s.sketch.quantile(0.50);
    o.p90 = s.sketch.quantile(0.90);
    o.p95 = s.sketch.quantile(0.95);
    o.quantile_rank_error = s.sketch.rank_error();
    return o;
}

/// The run's statistics, merged block by block on the calling thread.
struct RunStreams {
    struct Alternative {
        OutputStream npv, irr, discounted_payback, lcc;
        OutputStream incremental_npv, incremental_irr, incremental_payback;
        std::uint64_t losses = 0, beats = 0;
        double best = 0;
    };
    std::vector<Alternative> alternatives;
    std::uint64_t trials = 0, blocks = 0;

    void merge(BlockResult&& block) {
        for (std::size_t a = 0; a < alternatives.size(); ++a) {
            Alternative& s = alternatives[a];
            AlternativeBlock& b = block.alternatives[a];
            auto add = [](OutputStream& out, OutputBlock& in) {
                out.moments.merge(in.moments);
                out.sketch.push(std::move(in.summary));
            };
            add(s.npv, b.npv);
            add(s.irr, b.irr);
            add(s.discounted_payback, b.discounted_payback);
            add(s.lcc, b.lcc);
            add(s.incremental_npv, b.incremental_npv);
            add(s.incremental_irr, b.incremental_irr);
            add(s.incremental_payback, b.incremental_payback);
            s.losses += b.losses;
            s.beats += b.beats;
            s.best += b.best;
        }
        trials += block.range.count;
        ++blocks;
    }

    double largest_standard_error() const {
        double se = 0;
        for (const auto& a : alternatives) se = std::max(se, a.npv.moments.standard_error());
        return se;
    }
};

/// The blocks in flight between the workers and the merging thread.
class BlockQueue {
public:
    BlockQueue(std::uint64_t blocks, std::uint64_t window) : blocks_(blocks), window_(window) {}

    /// The next block for a worker, or nullopt when there is none to start (all claimed,
    /// stopped, or cancelled). Waits while `window` blocks are ahead of the merge.
    std::optional<std::uint64_t> claim(const std::atomic<bool>* cancel) {
        std::unique_lock lock(mutex_);
        space_.wait(lock, [&] { return stop_ || next_claim_ >= blocks_ || next_claim_ < merged_ + window_; });
        if (stop_ || next_claim_ >= blocks_ || (cancel && cancel->load())) return std::nullopt;
        return next_claim_++;
    }

    void deliver(std::uint64_t b, BlockResult result) {
        std::lock_guard lock(mutex_);
        done_.emplace(b, Slot{std::move(result), nullptr});
        ready_.notify_all();
    }
    void fail(std::uint64_t b, std::exception_ptr error) {
        std::lock_guard lock(mutex_);
        done_.emplace(b, Slot{{}, std::move(error)});
        ready_.notify_all();
    }
    /// A worker has no more blocks to start.
    void worker_done() {
        std::lock_guard lock(mutex_);
        ++workers_done_;
        ready_.notify_all();
    }

    /// Block b's result once a worker delivers it; nullopt when it will never come (no worker
    /// claimed it and none is left). Rethrows the block's error.
    std::optional<BlockResult> take(std::uint64_t b, std::size_t workers) {
        std::unique_lock lock(mutex_);
        ready_.wait(lock, [&] {
            return done_.count(b) || (b >= next_claim_ && workers_done_ == workers);
        });
        auto it = done_.find(b);
        if (it == done_.end()) return std::nullopt;
        Slot slot = std::move(it->second);
        done_.erase(it);
        merged_ = b + 1;
        space_.notify_all();
        if (slot.error) std::rethrow_exception(slot.error);
        return std::move(slot.result);
    }

    /// No worker starts another block.
    void stop() {
        std::lock_guard lock(mutex_);
        stop_ = true;
        space_.notify_all();
    }

private:
    struct Slot {
        BlockResult result;
        std::exception_ptr error;
    };
    std::mutex mutex_;
    std::condition_variable ready_, space_;
    std::map<std::uint64_t, Slot> done_;
    std::uint64_t blocks_, window_;
    std::uint64_t next_claim_ = 0, merged_ = 0;
    std::size_t workers_done_ = 0;
    bool stop_ = false;
};

/// Joins the workers however the merging loop ends (return or exception).
class Workers {
public:
    explicit Workers(BlockQueue& queue) : queue_(queue) {}
    ~Workers() {
        queue_.stop();
        for (auto& t : threads_) t.join();
    }
    template <class F>
    void start(std::size_t count, F work) {
        for (std::size_t i = 0; i < count; ++i) threads_.emplace_back(work);
    }

private:
    BlockQueue& queue_;
    std::vector<std::thread> threads_;
};

}  // namespace

RiskOptions options_from(const RiskSettings& settings, const std::vector<std::string>& input_names) {
    RiskOptions o;
    if (settings.trials) o.trials = *settings.trials;
    if (settings.seed) o.seed = *settings.seed;
    if (settings.sampling) o.sampling = *settings.sampling;
    o.target_standard_error = settings.target_standard_error;
    if (settings.correlation) o.rank_correlation = settings.correlation->expand(input_names);
    return o;
}

RiskResult run_risk(const InputBinding& binding, const RiskOptions& options) {
    SamplingPlan plan;
    for (const UncertainInput& in : binding.inputs()) plan.inputs.push_back(in.distribution);
    plan.trials = options.trials;
    plan.seed = options.seed;
    plan.method = options.sampling;
    plan.rank_correlation = options.rank_correlation;
    const Sampler sampler(std::move(plan));
    const std::uint64_t blocks = sampler.block_count();

    RiskResult result;
    result.trials_requested = options.trials;
    result.seed = options.seed;
    result.sampling = options.sampling;
    result.target_standard_error = options.target_standard_error;
    result.inputs = binding.names();
    unsigned threads = options.threads ? options.threads : std::thread::hardware_concurrency();
    threads = static_cast<unsigned>(std::clamp<std::uint64_t>(threads, 1, std::max<std::uint64_t>(blocks, 1)));
    result.threads = threads;

    const Engine& engine = binding.engine();
    const std::size_t alternatives = engine.alternatives().size();
    RunStreams streams;
    streams.alternatives.resize(alternatives);
    // The study's values: every column empty.
    const std::vector<std::vector<double>> at_base(binding.size());
    const std::vector<BatchResult> base = binding.evaluate(at_base, 1);

    const Increment inc = increment_of(engine.study());
    result.baseline = alternatives ? engine.alternatives()[inc.baseline].source->id : std::string();
    const bool keep = static_cast<bool>(options.on_block);
    BlockQueue queue(blocks, 2 * std::uint64_t{threads});
    {
        Workers workers(queue);
        workers.start(threads, [&] {
            while (auto b = queue.claim(options.cancel)) {
                try {
                    queue.deliver(*b, evaluate_block(binding, sampler, *b, inc, keep));
                } catch (...) {
                    queue.fail(*b, std::current_exception());
                }
            }
            queue.worker_done();
        });
        for (std::uint64_t b = 0; b < blocks; ++b) {
            std::optional<BlockResult> block = queue.take(b, threads);
            if (!block) {  // cancelled before this block was started
                result.cancelled = true;
                break;
            }
            if (keep) options.on_block(RiskBlock{block->range, block->inputs, block->results});
            streams.merge(std::move(*block));
            if (options.progress)
                options.progress(RiskProgress{streams.trials, options.trials, streams.blocks, blocks,
                                              streams.largest_standard_error()});
            if (options.target_standard_error && streams.trials < options.trials &&
                streams.largest_standard_error() <= *options.target_standard_error) {
                result.stopped_at_target = true;
                break;
            }
        }
    }
    if (!result.cancelled && !result.stopped_at_target && options.cancel && options.cancel->load() &&
        streams.trials < options.trials)
        result.cancelled = true;

    result.trials_done = streams.trials;
    result.blocks_done = streams.blocks;
    const double n = static_cast<double>(streams.trials);
    for (std::size_t a = 0; a < alternatives; ++a) {
        const RunStreams::Alternative& s = streams.alternatives[a];
        AlternativeRisk r;
        r.id = engine.alternatives()[a].source->id;
        r.name = engine.alternatives()[a].source->name;
        r.base_npv = base[a].npv.front();
        r.npv = statistics_of(s.npv);
        r.irr = statistics_of(s.irr);
        r.discounted_payback = statistics_of(s.discounted_payback);
        r.lcc = statistics_of(s.lcc);
        r.is_baseline = a == inc.baseline;
        r.incremental_npv = statistics_of(s.incremental_npv);
        r.incremental_irr = statistics_of(s.incremental_irr);
        r.incremental_discounted_payback = statistics_of(s.incremental_payback);
        if (streams.trials > 0 && !r.is_baseline) {
            r.probability_beats_baseline = static_cast<double>(s.beats) / n;
            r.share_without_incremental_irr =
                static_cast<double>(streams.trials - s.incremental_irr.moments.count) / n;
            r.share_incremental_payback_not_reached =
                static_cast<double>(streams.trials - s.incremental_payback.moments.count) / n;
        }
        if (streams.trials > 0) {
            r.probability_loss = static_cast<double>(s.losses) / n;
            r.probability_best = s.best / n;
            r.share_without_irr = static_cast<double>(streams.trials - s.irr.moments.count) / n;
            r.share_payback_not_reached =
                static_cast<double>(streams.trials - s.discounted_payback.moments.count) / n;
        }
        r.npv_distribution = s.npv.sketch;
        result.alternatives.push_back(std::move(r));
    }
    return result;
}

}  // namespace eqroi::risk
