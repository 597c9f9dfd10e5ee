// The shared parts of bench/risk_bench (risk_bench.cpp: the risk run against the fused run;
// risk_bench_batch.cpp: the model-only batch paths): the set-up, the timing, the workers and
// the batch paths' figures. Internal to the benchmark program.
#pragma once

#include "fused_cnc.hpp"

#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/risk/analysis.hpp>
#include <eqroi/core/risk/inputs.hpp>
#include <eqroi/core/risk/sampling.hpp>
#include <eqroi/core/risk/statistics.hpp>
#include <eqroi/core/study.hpp>

#include <algorithm>
#include <array>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <cstdio>
#include <ctime>
#include <exception>
#include <fstream>
#include <functional>
#include <limits>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <span>
#include <string>
#include <thread>
#include <vector>


namespace eqroi::bench::risk_bench {

using eqroi::bench::FusedAlternative;
using eqroi::bench::FusedCnc;
using eqroi::bench::FusedMeasures;
namespace risk = eqroi::risk;

constexpr double kNaN = std::numeric_limits<double>::quiet_NaN();
constexpr std::size_t kMaxAlternatives = eqroi::bench::kFusedMaxAlternatives;

struct Setup {
    // The benchmark measures plugins it was built with: trust is not what is measured here.
    eqroi::PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    std::unique_ptr<eqroi::Study> study;
    std::unique_ptr<eqroi::Engine> engine;
    std::unique_ptr<risk::InputBinding> binding;
    std::unique_ptr<FusedCnc> fused;      ///< batch paths: measures vs baseline when vs_baseline
    std::unique_ptr<FusedCnc> fused_run;  ///< the fused run: always vs baseline, as run_risk
    std::unique_ptr<risk::Sampler> sampler;
    /// The run: the study's [risk] table (seed, sampling, correlation), then the command line.
    risk::RiskOptions options;
    std::uint64_t trials = 1'000'000;            ///< --trials (not the study's: a benchmark)
    std::optional<std::uint64_t> seed;           ///< --seed
    std::optional<risk::Method> method;          ///< --sampling
    bool vs_baseline = true;

    void load(const std::string& file) {
        registry.load_directories(eqroi::PluginRegistry::search_path({}));
        for (const auto& e : registry.errors()) std::fprintf(stderr, "plugin: %s\n", e.what());
        study = std::make_unique<eqroi::Study>(eqroi::load_study(file, registry));
        engine = std::make_unique<eqroi::Engine>(*study, registry);
        binding = study->uncertain.empty()
                      ? std::make_unique<risk::InputBinding>(*engine, eqroi::bench::typical_cnc_inputs())
                      : std::make_unique<risk::InputBinding>(*engine);
        fused = std::make_unique<FusedCnc>(*binding, vs_baseline);
        fused_run = std::make_unique<FusedCnc>(*binding, true);
        options = risk::options_from(study->risk, binding->names());
        options.trials = trials;
        if (seed) options.seed = *seed;
        if (method) options.sampling = *method;
        // Exactly run_risk's sampling plan, so every path draws the same trials.
        risk::SamplingPlan p;
        for (const auto& in : binding->inputs()) p.inputs.push_back(in.distribution);
        p.trials = options.trials;
        p.seed = options.seed;
        p.method = options.sampling;
        p.rank_correlation = options.rank_correlation;
        sampler = std::make_unique<risk::Sampler>(std::move(p));
    }
};

// --- Timing ---------------------------------------------------------------------------------

/// Wall and process CPU seconds of one run. On a shared machine the wall time of a 2-thread
/// run depends on what else runs; the CPU time says what the run itself costs.
struct Seconds {
    double wall = 0, cpu = 0;
};

inline double process_cpu_seconds() {
    timespec ts{};
    clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
    return static_cast<double>(ts.tv_sec) + 1e-9 * static_cast<double>(ts.tv_nsec);
}

inline Seconds timed(const std::function<void()>& run) {
    const double cpu = process_cpu_seconds();
    const auto start = std::chrono::steady_clock::now();
    run();
    return {std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count(),
            process_cpu_seconds() - cpu};
}

/// `work(block, worker)` for every sampler block on `threads` workers, blocks dealt out by an
/// atomic counter (the batch paths: no ordered merge).
inline void on_workers(const Setup& s, unsigned threads,
                const std::function<void(std::uint64_t, unsigned)>& work) {
    std::atomic<std::uint64_t> next{0};
    std::atomic<bool> failed{false};
    std::exception_ptr failure;
    std::vector<std::thread> pool;
    for (unsigned t = 0; t < threads; ++t)
        pool.emplace_back([&, t] {
            try {
                for (std::uint64_t b; !failed && (b = next++) < s.sampler->block_count();) work(b, t);
            } catch (...) {
                if (!failed.exchange(true)) failure = std::current_exception();
            }
        });
    for (auto& th : pool) th.join();
    if (failure) std::rethrow_exception(failure);
}

/// One worker's input columns for a block (room for the largest block, 2 x block_trials).
struct Columns {
    std::vector<std::vector<double>> owned;
    std::vector<std::span<double>> spans;  ///< into `owned`: rebuilt on copy
    explicit Columns(std::size_t inputs)
        : owned(inputs, std::vector<double>(2 * risk::Sampler::block_trials)) {
        point();
    }
    Columns(const Columns& o) : owned(o.owned) { point(); }
    Columns& operator=(const Columns&) = delete;
    void point() {
        spans.clear();
        for (auto& c : owned) spans.emplace_back(c);
    }
    void sample(const risk::Sampler& sampler, risk::TrialRange r) {
        sampler.sample_block(r.first, r.count, spans);
    }
};

// --- The batch paths: the model alone, light statistics --------------------------------------

/// Streamed per alternative: sum and sum of squares of NPV, trials where it is best (first
/// wins a tie), trials with an IRR against the baseline.
struct BatchFigures {
    std::array<double, kMaxAlternatives> sum{}, sum_squares{};
    std::array<std::uint64_t, kMaxAlternatives> best{}, irr_vs_baseline{};
    std::uint64_t trials = 0;
    std::size_t alternatives = 0;

    void add(const double* npv, const double* irr_vs_baseline_of) {
        std::size_t top = 0;
        for (std::size_t a = 0; a < alternatives; ++a) {
            sum[a] += npv[a];
            sum_squares[a] += npv[a] * npv[a];
            irr_vs_baseline[a] += !std::isnan(irr_vs_baseline_of[a]);
            if (npv[a] > npv[top]) top = a;
        }
        ++best[top];
        ++trials;
    }
    void merge(const BatchFigures& o) {
        for (std::size_t a = 0; a < kMaxAlternatives; ++a) {
            sum[a] += o.sum[a];
            sum_squares[a] += o.sum_squares[a];
            best[a] += o.best[a];
            irr_vs_baseline[a] += o.irr_vs_baseline[a];
        }
        trials += o.trials;
    }
};

/// Model only: sampling + Engine::run_batch per alternative (into per-worker reused results),
/// and the same with FusedCnc::evaluate per trial. Each fills `figures`; returns the time.
Seconds time_engine_batch(const Setup& s, unsigned threads, BatchFigures& figures);
Seconds time_fused_batch(const Setup& s, unsigned threads, BatchFigures& figures);
/// Prints the engine batch's figures, checks them against the fused batch's; true when equal.
bool print_and_compare(const Setup& s, const BatchFigures& engine, const BatchFigures& fused);

}  // namespace eqroi::bench::risk_bench
