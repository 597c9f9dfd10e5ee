// The model-only paths of bench/risk_bench (see risk_bench.cpp): sampling and the models of
// every alternative, through the engine and through the hand-fused loop, with light statistics.
#include "risk_bench.hpp"

namespace eqroi::bench::risk_bench {

Seconds time_engine_batch(const Setup& s, unsigned threads, BatchFigures& figures) {
    const std::size_t alts = s.engine->alternatives().size(), base = s.fused->baseline();
    const double rate = s.study->settings.discount_rate;
    std::vector<Columns> columns(threads, Columns(s.binding->size()));
    std::vector<BatchFigures> per(threads);
    for (auto& f : per) f.alternatives = alts;
    // Each worker's batch results, reused block after block (Engine::run_batch's overload for
    // callers that run many batches), as the fused path reuses its workspace.
    std::vector<std::vector<eqroi::BatchResult>> results(
        threads, std::vector<eqroi::BatchResult>(alts));
    const eqroi::BatchMeasures measures;  // every measure, as InputBinding::evaluate
    const Seconds t = timed([&] {
        on_workers(s, threads, [&](std::uint64_t b, unsigned w) {
            const risk::TrialRange range = s.sampler->block_range(b);
            columns[w].sample(*s.sampler, range);
            std::vector<std::span<const double>> view;
            for (const auto& c : columns[w].owned) view.emplace_back(c.data(), range.count);
            const auto count = static_cast<uint32_t>(range.count);
            std::vector<eqroi::BatchResult>& r = results[w];
            for (std::size_t a = 0; a < alts; ++a)
                s.engine->run_batch(a, count, s.binding->overrides(a, view, count), measures, r[a]);
            const std::size_t width = r[0].periods + 1;
            std::array<double, eqroi::bench::kFusedMaxPeriods + 1> increment{};
            for (uint32_t k = 0; k < count; ++k) {
                double npv[kMaxAlternatives], irr[kMaxAlternatives];
                const double* base_net = r[base].net.data() + std::size_t{k} * width;
                for (std::size_t a = 0; a < alts; ++a) {
                    npv[a] = r[a].npv[k];
                    irr[a] = kNaN;
                    if (!s.vs_baseline || a == base) continue;
                    const double* net = r[a].net.data() + std::size_t{k} * width;
                    for (std::size_t j = 0; j < width; ++j) increment[j] = net[j] - base_net[j];
                    irr[a] = eqroi::bench::finance_measures({increment.data(), width}, rate).irr;
                }
                per[w].add(npv, irr);
            }
        });
    });
    for (unsigned w = 1; w < threads; ++w) per[0].merge(per[w]);
    figures = per[0];
    return t;
}

Seconds time_fused_batch(const Setup& s, unsigned threads, BatchFigures& figures) {
    const std::size_t alts = s.fused->alternatives(), inputs = s.binding->size();
    const std::size_t base = s.fused->baseline();
    std::vector<Columns> columns(threads, Columns(inputs));
    std::vector<eqroi::bench::FusedWorkspace> work(threads, s.fused->workspace());
    std::vector<BatchFigures> per(threads);
    for (auto& f : per) f.alternatives = alts;
    const Seconds t = timed([&] {
        on_workers(s, threads, [&](std::uint64_t b, unsigned w) {
            const risk::TrialRange range = s.sampler->block_range(b);
            columns[w].sample(*s.sampler, range);
            std::array<double, 64> x{};
            std::array<FusedAlternative, kMaxAlternatives> out{};
            for (std::uint64_t k = 0; k < range.count; ++k) {
                for (std::size_t i = 0; i < inputs; ++i) x[i] = columns[w].owned[i][k];
                s.fused->evaluate(work[w], x.data(), out.data());
                double npv[kMaxAlternatives], irr[kMaxAlternatives];
                for (std::size_t a = 0; a < alts; ++a) {
                    npv[a] = out[a].own.npv;
                    irr[a] = s.vs_baseline && a != base ? out[a].vs_baseline.irr : kNaN;
                }
                per[w].add(npv, irr);
            }
        });
    });
    for (unsigned w = 1; w < threads; ++w) per[0].merge(per[w]);
    figures = per[0];
    return t;
}

bool print_and_compare(const Setup& s, const BatchFigures& engine, const BatchFigures& fused) {
    bool same = engine.trials == fused.trials;
    const double n = static_cast<double>(std::max<std::uint64_t>(engine.trials, 1));
    for (std::size_t a = 0; a < engine.alternatives; ++a) {
        const bool ok = std::abs(engine.sum[a] - fused.sum[a]) <= 1e-9 * std::abs(engine.sum[a]) &&
                        engine.best[a] == fused.best[a] &&
                        engine.irr_vs_baseline[a] == fused.irr_vs_baseline[a];
        same = same && ok;
        std::printf("  %-6s  mean NPV %.6g  P(best) %.6g  share with an IRR vs %s %.6g%s\n",
                    s.fused->id(a).c_str(), engine.sum[a] / n, static_cast<double>(engine.best[a]) / n,
                    s.fused->id(s.fused->baseline()).c_str(),
                    static_cast<double>(engine.irr_vs_baseline[a]) / n,
                    ok ? "" : " (fused differs!)");
        if (!ok)
            std::printf("          fused: mean NPV %.12g (engine %.12g)  best %llu (%llu)  IRR %llu (%llu)\n",
                        fused.sum[a] / n, engine.sum[a] / n,
                        static_cast<unsigned long long>(fused.best[a]),
                        static_cast<unsigned long long>(engine.best[a]),
                        static_cast<unsigned long long>(fused.irr_vs_baseline[a]),
                        static_cast<unsigned long long>(engine.irr_vs_baseline[a]));
    }
    return same;
}


}  // namespace eqroi::bench::risk_bench
