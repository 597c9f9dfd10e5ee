// Risk-run speed (issue 6, point 8): N trials of example (a) — every alternative, every model,
// NPV + IRR + payback per trial — through the engine, against the hand-fused loop of
// bench/fused_cnc.hpp (the same model with no plugin boundary) on the same sampled inputs, with
// 1 and 2 threads. Targets: at least 1,000,000 trials per second in total on a 2-core machine,
// and the engine within 1.5x of the fused loop.
//
// A side-by-side timing program rather than Google Benchmark: one timed run is a whole
// million-trial run on T threads, repeated, the best wall time kept (the machine is shared: the
// best run is the least disturbed); the CPU time of the process is printed too. The paths:
//   sampling      Sampler::sample_block alone, block by block (its share of the others)
//   risk run      eqroi::risk::run_risk, what `eqroi risk` runs: sampling, InputBinding ->
//                 Engine::run_batch per alternative (plugins once per 512-trial chunk, tax,
//                 NPV, IRR, paybacks, LCC per trial), the NPV, IRR and discounted payback of
//                 each alternative against the baseline, then per block the moments and rank
//                 summaries of each, P(NPV < 0), P(best), P(beats the baseline), merged in
//                 block order on the calling thread
//   fused run     the same run with FusedCnc::evaluate per trial in place of the engine: the
//                 same sampler, blocks, statistics code (risk/statistics.hpp) and block-order
//                 merge on the calling thread, T workers
//   engine batch  model only: sampling + Engine::run_batch per alternative with the binding's
//                 overrides (InputBinding::evaluate, into reused results), light statistics (means,
//                 P(best)) and, unless --no-vs-baseline, NPV, IRR and paybacks of each
//                 alternative against the baseline from the batch's net flows
//   fused batch   the same with FusedCnc::evaluate
// Each pair must give the same figures (printed side by side and checked).
//
// Usage: risk_bench [study.toml] [--trials N] [--threads 1,2] [--repeat R] [--seed S]
//                   [--sampling mc|lhs] [--no-vs-baseline] [--only PATH]
// PATH: risk, fused-run, engine, fused (one path alone, for a profiler:
// perf record risk_bench --only risk --threads 1). Default study:
// configs/examples/cnc_replacement_risk.toml (example (a) with seven [[uncertain]] inputs, Latin
// hypercube, seed 2027, MTBFs of A and B rank-correlated 0.6), run as
// `eqroi risk configs/examples/cnc_replacement_risk.toml --trials 1000000` runs it: the study's
// [risk] table but --trials (default 1,000,000), and --seed / --sampling when given. A study
// without [[uncertain]] tables gets the six inputs of typical_cnc_inputs(). Plugins from the
// usual search path (<build>/lib/eqroi/plugins next to <build>/bin). The model-only paths are
// in risk_bench_batch.cpp, what both files share in risk_bench.hpp.
#include "risk_bench.hpp"  // every include the program needs, and the shared parts

namespace {

using namespace eqroi::bench::risk_bench;

Seconds time_sampling(const Setup& s, unsigned threads) {
    std::vector<Columns> columns(threads, Columns(s.binding->size()));
    return timed([&] {
        on_workers(s, threads, [&](std::uint64_t b, unsigned t) {
            columns[t].sample(*s.sampler, s.sampler->block_range(b));
        });
    });
}

// --- The risk run and the fused run: the same statistics ------------------------------------

/// The figures both runs must agree on, per alternative: money first (compared to 1e-9
/// relative), then rates and years (1e-9 absolute), then shares of trials (to a trial).
constexpr std::size_t kRunFigures = 14, kRunMoney = 7, kRunRates = 9;
constexpr const char* kRunFigureNames[kRunFigures] = {
    "mean NPV", "sd NPV", "P10 NPV", "P50 NPV", "P90 NPV", "mean LCC", "mean dNPV",
    "P50 dIRR", "P50 dDPB", "P(NPV<0)", "P(best)", "no IRR", "P(dNPV>0)", "no dIRR"};

struct RunFigures {
    std::uint64_t trials = 0;
    std::vector<std::string> ids;
    std::vector<std::array<double, kRunFigures>> values;  ///< see kRunFigureNames
};

Seconds time_risk_run(const Setup& s, unsigned threads, RunFigures& figures) {
    risk::RiskOptions options = s.options;
    options.threads = threads;
    risk::RiskResult result;
    const Seconds t = timed([&] { result = risk::run_risk(*s.binding, options); });
    figures = {result.trials_done, {}, {}};
    for (const risk::AlternativeRisk& a : result.alternatives) {
        figures.ids.push_back(a.id);
        figures.values.push_back({a.npv.mean, a.npv.sd, a.npv.p10, a.npv.p50, a.npv.p90, a.lcc.mean,
                                  a.incremental_npv.mean, a.incremental_irr.p50,
                                  a.incremental_discounted_payback.p50, a.probability_loss,
                                  a.probability_best, a.share_without_irr,
                                  a.probability_beats_baseline, a.share_without_incremental_irr});
    }
    return t;
}

/// risk_analysis.cpp's per-block statistics of one output, by the same public code.
struct OutputBlock {
    risk::Moments moments;
    risk::RankSummary summary;
    static OutputBlock of(const std::vector<double>& values, std::size_t count) {
        std::vector<double> kept;
        kept.reserve(count);
        for (std::size_t t = 0; t < count; ++t)
            if (!std::isnan(values[t])) kept.push_back(values[t]);
        OutputBlock b;
        b.moments.add(kept);
        b.summary = risk::RankSummary::of(std::move(kept), risk::QuantileSketch::default_k);
        return b;
    }
};
/// NPV, IRR, discounted payback, LCC; then against the baseline: NPV, IRR, discounted payback.
constexpr std::size_t kOutputs = 7;
struct AlternativeBlock {
    std::array<OutputBlock, kOutputs> outputs;  ///< the last three empty for the baseline
    std::uint64_t losses = 0, beats = 0;
    double best = 0;
};
struct OutputStream {
    risk::Moments moments;
    risk::QuantileSketch sketch;
};

/// One fused block: sample, evaluate every trial, then the block's statistics.
std::vector<AlternativeBlock> fused_block(const Setup& s, Columns& columns,
                                          eqroi::bench::FusedWorkspace& work,
                                          std::vector<std::array<std::vector<double>, kOutputs>>& values,
                                          std::uint64_t b) {
    const FusedCnc& fused = *s.fused_run;
    const std::size_t base = fused.baseline();
    const std::size_t alts = fused.alternatives(), inputs = fused.inputs();
    const risk::TrialRange range = s.sampler->block_range(b);
    columns.sample(*s.sampler, range);
    std::array<double, 64> x{};
    std::array<FusedAlternative, kMaxAlternatives> out{};
    std::vector<AlternativeBlock> blocks(alts);
    for (std::size_t t = 0; t < range.count; ++t) {
        for (std::size_t i = 0; i < inputs; ++i) x[i] = columns.owned[i][t];
        fused.evaluate(work, x.data(), out.data());
        double top = -std::numeric_limits<double>::infinity();
        for (std::size_t a = 0; a < alts; ++a) {
            values[a][0][t] = out[a].own.npv;
            values[a][1][t] = out[a].own.irr;
            values[a][2][t] = out[a].own.discounted_payback;
            values[a][3][t] = out[a].lcc;
            values[a][4][t] = out[a].vs_baseline.npv;
            values[a][5][t] = out[a].vs_baseline.irr;
            values[a][6][t] = out[a].vs_baseline.discounted_payback;
            blocks[a].losses += out[a].own.npv < 0;
            blocks[a].beats += a != base && out[a].vs_baseline.npv > 0;
            top = std::max(top, out[a].own.npv);
        }
        std::size_t tied = 0;
        for (std::size_t a = 0; a < alts; ++a) tied += out[a].own.npv == top;
        for (std::size_t a = 0; a < alts; ++a)
            if (out[a].own.npv == top) blocks[a].best += 1.0 / static_cast<double>(tied);
    }
    for (std::size_t a = 0; a < alts; ++a)
        for (std::size_t o = 0; o < (a == base ? 4 : kOutputs); ++o)
            blocks[a].outputs[o] = OutputBlock::of(values[a][o], range.count);
    return blocks;
}

/// The fused run: `threads` workers make blocks, the calling thread merges them in block order
/// (at most 2 x threads blocks ahead of the merge), as run_risk does.
Seconds time_fused_run(const Setup& s, unsigned threads, RunFigures& figures) {
    const std::size_t alts = s.fused_run->alternatives();
    const std::uint64_t blocks = s.sampler->block_count();
    std::vector<std::vector<OutputStream>> streams(alts, std::vector<OutputStream>(kOutputs));
    std::vector<std::uint64_t> losses(alts, 0), beats(alts, 0);
    std::vector<double> best(alts, 0);
    const Seconds t = timed([&] {
        std::mutex mutex;
        std::condition_variable ready, space;
        std::map<std::uint64_t, std::vector<AlternativeBlock>> done;
        std::uint64_t next = 0, merged = 0;
        std::exception_ptr failure;
        std::vector<std::thread> pool;
        for (unsigned w = 0; w < threads; ++w)
            pool.emplace_back([&] {
                Columns columns(s.binding->size());
                auto work = s.fused_run->workspace();
                std::vector<std::array<std::vector<double>, kOutputs>> values(alts);
                for (auto& v : values)
                    for (auto& o : v) o.resize(2 * risk::Sampler::block_trials);
                for (;;) {
                    std::uint64_t b;
                    {
                        std::unique_lock lock(mutex);
                        space.wait(lock, [&] { return next >= blocks || next < merged + 2 * threads; });
                        if (next >= blocks || failure) return;
                        b = next++;
                    }
                    try {
                        auto result = fused_block(s, columns, work, values, b);
                        std::lock_guard lock(mutex);
                        done.emplace(b, std::move(result));
                    } catch (...) {
                        std::lock_guard lock(mutex);
                        failure = std::current_exception();
                        next = blocks;
                    }
                    ready.notify_all();
                }
            });
        for (std::uint64_t b = 0; b < blocks; ++b) {
            std::vector<AlternativeBlock> block;
            {
                std::unique_lock lock(mutex);
                ready.wait(lock, [&] { return done.count(b) || failure; });
                if (failure) break;
                block = std::move(done.at(b));
                done.erase(b);
                merged = b + 1;
            }
            space.notify_all();
            for (std::size_t a = 0; a < alts; ++a) {
                for (std::size_t o = 0; o < kOutputs; ++o) {
                    streams[a][o].moments.merge(block[a].outputs[o].moments);
                    streams[a][o].sketch.push(std::move(block[a].outputs[o].summary));
                }
                losses[a] += block[a].losses;
                beats[a] += block[a].beats;
                best[a] += block[a].best;
            }
        }
        space.notify_all();
        for (auto& th : pool) th.join();
        if (failure) std::rethrow_exception(failure);
    });
    const double n = static_cast<double>(s.trials);
    figures = {s.trials, {}, {}};
    for (std::size_t a = 0; a < alts; ++a) {
        const auto& npv = streams[a][0];
        const bool base = a == s.fused_run->baseline();
        // run_risk's conventions: NaN when no trial has the value, shares 0 for the baseline.
        auto mean = [](const OutputStream& o) { return o.moments.count ? o.moments.mean : kNaN; };
        auto p50 = [](const OutputStream& o) { return o.moments.count ? o.sketch.quantile(0.5) : kNaN; };
        auto share_without = [&](const OutputStream& o) {
            return static_cast<double>(s.trials - o.moments.count) / n;
        };
        figures.ids.push_back(s.fused_run->id(a));
        figures.values.push_back({npv.moments.mean, npv.moments.sd(), npv.sketch.quantile(0.10),
                                  npv.sketch.quantile(0.50), npv.sketch.quantile(0.90),
                                  streams[a][3].moments.mean, mean(streams[a][4]), p50(streams[a][5]),
                                  p50(streams[a][6]), static_cast<double>(losses[a]) / n, best[a] / n,
                                  share_without(streams[a][1]),
                                  base ? 0.0 : static_cast<double>(beats[a]) / n,
                                  base ? 0.0 : share_without(streams[a][5])});
    }
    return t;
}

// --- Side by side -----------------------------------------------------------------------------

bool print_and_compare(const Setup&, const RunFigures& engine, const RunFigures& fused) {
    bool same = engine.trials == fused.trials && engine.values.size() == fused.values.size();
    const double one_trial = 1.0 / static_cast<double>(std::max<std::uint64_t>(engine.trials, 1));
    for (std::size_t a = 0; same && a < engine.values.size(); ++a) {
        std::printf("  %-6s", engine.ids[a].c_str());
        for (std::size_t f = 0; f < kRunFigures; ++f) {
            const double e = engine.values[a][f], u = fused.values[a][f];
            // Money to 1e-9 relative (rounding of the two computations); rates and years to
            // 1e-9; shares to a trial.
            const bool ok = (std::isnan(e) && std::isnan(u)) ||
                            (f < kRunMoney   ? std::abs(e - u) <= 1e-9 * std::abs(e) + 1e-6
                             : f < kRunRates ? std::abs(e - u) <= 1e-9
                                             : std::abs(e - u) <= 1.5 * one_trial);
            same = same && ok;
            std::printf("  %s %.6g%s", kRunFigureNames[f], e, ok ? "" : " (fused differs!)");
        }
        std::printf("\n");
    }
    return same;
}


std::vector<unsigned> parse_list(const std::string& text) {
    std::vector<unsigned> v;
    std::size_t at = 0;
    while (at <= text.size()) {
        const std::size_t comma = std::min(text.find(',', at), text.size());
        const int n = std::stoi(text.substr(at, comma - at));
        if (n < 1) throw std::invalid_argument("--threads: counts must be >= 1");
        v.push_back(static_cast<unsigned>(n));
        at = comma + 1;
    }
    return v;
}

struct Best {
    Seconds t{1e300, 0};
    void keep(const Seconds& s) {
        if (s.wall < t.wall) t = s;
    }
};

void row(const char* path, unsigned threads, const Seconds& s, std::uint64_t trials) {
    std::printf("%-13s %7u %9.3f %13.0f %9.3f %13.0f\n", path, threads, s.wall,
                static_cast<double>(trials) / s.wall, s.cpu, static_cast<double>(trials) / s.cpu);
}

}  // namespace

int main(int argc, char** argv) {
    std::string study_file =
        std::string(EQROI_SOURCE_DIR) + "/configs/examples/cnc_replacement_risk.toml";
    std::vector<unsigned> thread_counts{1, 2};
    int repeat = 3;
    std::string only;
    static Setup setup;  // outlives every run
    try {
        for (int i = 1; i < argc; ++i) {
            const std::string a = argv[i];
            auto value = [&]() -> std::string {
                if (i + 1 >= argc) throw std::invalid_argument(a + " needs a value");
                return argv[++i];
            };
            if (a == "--trials") setup.trials = std::stoull(value());
            else if (a == "--threads") thread_counts = parse_list(value());
            else if (a == "--repeat") repeat = std::max(1, std::stoi(value()));
            else if (a == "--seed") setup.seed = std::stoull(value());
            else if (a == "--sampling") {
                const std::string m = value();
                if (m == "mc") setup.method = eqroi::risk::Method::monte_carlo;
                else if (m == "lhs") setup.method = eqroi::risk::Method::latin_hypercube;
                else throw std::invalid_argument("--sampling mc|lhs, not " + m);
            } else if (a == "--no-vs-baseline") setup.vs_baseline = false;
            else if (a == "--only") {
                only = value();
                if (only != "risk" && only != "fused-run" && only != "engine" && only != "fused")
                    throw std::invalid_argument("--only risk|fused-run|engine|fused, not " + only);
            } else if (a.rfind("--", 0) == 0) throw std::invalid_argument("unknown option " + a);
            else study_file = a;
        }
        setup.load(study_file);
    } catch (const eqroi::InputError& e) {
        for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.to_string().c_str());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "risk_bench: %s\n", e.what());
        return 2;
    }

    std::string load = "?";
    if (std::ifstream f("/proc/loadavg"); f) std::getline(f, load);
    std::printf("risk_bench: %s, %zu alternatives, %zu uncertain inputs (%s), %llu trials, %s, "
                "seed %llu, best of %d\n",
                study_file.c_str(), setup.fused->alternatives(), setup.binding->size(),
                setup.study->uncertain.empty() ? "typical_cnc_inputs()" : "the study's",
                static_cast<unsigned long long>(setup.trials),
                setup.options.sampling == eqroi::risk::Method::monte_carlo ? "Monte Carlo"
                                                                           : "Latin hypercube",
                static_cast<unsigned long long>(setup.options.seed), repeat);
    std::printf("load average at start: %s; hardware threads: %u\n", load.c_str(),
                std::thread::hardware_concurrency());
    std::printf("%-13s %7s %9s %13s %9s %13s\n", "path", "threads", "wall s", "trials/s", "cpu s",
                "trials/cpu-s");
    bool all_same = true;
    try {
        for (unsigned threads : thread_counts) {
            Best sampling, risk, fused_run, engine, fused;
            RunFigures risk_figures, fused_run_figures;
            BatchFigures engine_figures, fused_figures;
            for (int r = 0; r < repeat; ++r) {
                if (only.empty()) sampling.keep(time_sampling(setup, threads));
                if (only.empty() || only == "risk") risk.keep(time_risk_run(setup, threads, risk_figures));
                if (only.empty() || only == "fused-run")
                    fused_run.keep(time_fused_run(setup, threads, fused_run_figures));
                if (only.empty() || only == "engine")
                    engine.keep(time_engine_batch(setup, threads, engine_figures));
                if (only.empty() || only == "fused")
                    fused.keep(time_fused_batch(setup, threads, fused_figures));
            }
            const std::uint64_t n = setup.trials;
            if (only.empty()) row("sampling", threads, sampling.t, n);
            if (only.empty() || only == "risk") row("risk run", threads, risk.t, n);
            if (only.empty() || only == "fused-run") row("fused run", threads, fused_run.t, n);
            if (only.empty() || only == "engine") row("engine batch", threads, engine.t, n);
            if (only.empty() || only == "fused") row("fused batch", threads, fused.t, n);
            if (!only.empty()) continue;
            std::printf("ratio risk run / fused run (T=%u): wall %.2f, cpu %.2f\n", threads,
                        risk.t.wall / fused_run.t.wall, risk.t.cpu / fused_run.t.cpu);
            std::printf("ratio engine batch / fused batch (T=%u, vs baseline %s): wall %.2f, cpu "
                        "%.2f\n",
                        threads, setup.vs_baseline ? "on" : "off", engine.t.wall / fused.t.wall,
                        engine.t.cpu / fused.t.cpu);
            const bool same_run = print_and_compare(setup, risk_figures, fused_run_figures);
            const bool same_batch = print_and_compare(setup, engine_figures, fused_figures);
            std::printf("  same figures: risk run = fused run %s, engine batch = fused batch %s\n",
                        same_run ? "yes" : "NO", same_batch ? "yes" : "NO");
            all_same = all_same && same_run && same_batch;
        }
    } catch (const std::exception& e) {
        std::fprintf(stderr, "risk_bench: %s\n", e.what());
        return 1;
    }
    return all_same ? 0 : 1;
}
