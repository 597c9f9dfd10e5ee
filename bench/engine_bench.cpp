// Engine throughput: run_batch on every alternative of the CNC example study (10 years, up to
// six bundled models) with batches of 1, 1,000 and 100,000 trials. One parameter of every model
// is jittered per trial so every model works in every trial. Target: >= 1,000,000 trial-alternatives
// per second on one core for the six-model alternative.
//
// Usage: engine_bench [study.toml] [--benchmark_* flags]. Plugins come from the usual search
// path (EQROI_PLUGIN_PATH, then <exe dir>/../lib/eqroi/plugins, i.e. <build>/lib/eqroi/plugins).
#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <benchmark/benchmark.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <exception>
#include <memory>
#include <random>
#include <string>
#include <vector>

namespace {

struct Setup {
    // The benchmark measures the engine on plugins it was built with (bundled, or named by
    // EQROI_PLUGIN_PATH): trust is not what is measured here.
    eqroi::PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    std::unique_ptr<eqroi::Study> study;
    std::unique_ptr<eqroi::Engine> engine;
};

/// One scalar real parameter of model m to vary: operating hours when it has them (every
/// time-based line depends on them), else its first positive real parameter.
std::optional<eqroi::ParamOverride> jitter_target(const eqroi::ResolvedAlternative& alt,
                                                  std::size_t m) {
    std::optional<eqroi::ParamOverride> fallback;
    const eqroi::Model& model = alt.models[m].model;
    for (std::size_t p = 0; p < alt.models[m].params.size(); ++p) {
        const eqroi_param_desc& d = model.param(p);
        const uint32_t discrete = EQROI_PARAM_INTEGER | EQROI_PARAM_BOOLEAN |
                                  EQROI_PARAM_CHOICE | EQROI_PARAM_PER_PERIOD;
        if ((d.flags & discrete) || alt.models[m].params[p][0] <= 0) continue;
        if (std::strcmp(d.key, "operating_hours_per_year") == 0)
            return eqroi::ParamOverride{m, p, {}};
        if (!fallback) fallback = eqroi::ParamOverride{m, p, {}};
    }
    return fallback;
}

/// One jittered parameter per model (x 0.9 .. 1.1 per trial): every model works in every
/// trial. (A model none of whose parameters varies is called once per batch: the engine
/// reuses its one trial, which would not measure the model.)
std::vector<eqroi::ParamOverride> jittered(const eqroi::ResolvedAlternative& alt, uint32_t trials) {
    std::vector<eqroi::ParamOverride> overrides;
    std::mt19937_64 rng(42);
    std::uniform_real_distribution<double> u(0.9, 1.1);
    for (std::size_t m = 0; m < alt.models.size(); ++m) {
        auto target = jitter_target(alt, m);
        if (!target) continue;
        const eqroi_param_desc& d = alt.models[m].model.param(target->param);
        const double v = alt.models[m].params[target->param][0];
        target->values.resize(trials);
        for (double& x : target->values) x = std::clamp(v * u(rng), d.min_value, d.max_value);
        overrides.push_back(std::move(*target));
    }
    return overrides;
}

void run(benchmark::State& state, const eqroi::Engine& engine, std::size_t alt, uint32_t trials) {
    const auto overrides = jittered(engine.alternatives()[alt], trials);
    double sink = 0;
    for (auto _ : state) {
        eqroi::BatchResult r = engine.run_batch(alt, trials, overrides);
        sink += r.npv[trials - 1];
        benchmark::DoNotOptimize(sink);
    }
    state.counters["trial_alternatives_per_second"] = benchmark::Counter(
        static_cast<double>(state.iterations()) * trials, benchmark::Counter::kIsRate);
    state.counters["models"] = static_cast<double>(engine.alternatives()[alt].models.size());
}

}  // namespace

int main(int argc, char** argv) {
    std::string study_file = std::string(EQROI_SOURCE_DIR) + "/configs/examples/cnc_replacement.toml";
    std::vector<char*> args{argv[0]};
    for (int i = 1; i < argc; ++i) {
        if (std::strncmp(argv[i], "--", 2) == 0)
            args.push_back(argv[i]);
        else
            study_file = argv[i];
    }
    static Setup setup;  // outlives every benchmark
    try {
        setup.registry.load_directories(eqroi::PluginRegistry::search_path({}));
        for (const auto& e : setup.registry.errors()) std::fprintf(stderr, "plugin: %s\n", e.what());
        setup.study = std::make_unique<eqroi::Study>(eqroi::load_study(study_file, setup.registry));
        setup.engine = std::make_unique<eqroi::Engine>(*setup.study, setup.registry);
    } catch (const eqroi::InputError& e) {
        for (const auto& d : e.diagnostics()) std::fprintf(stderr, "%s\n", d.to_string().c_str());
        return 2;
    } catch (const std::exception& e) {
        std::fprintf(stderr, "engine_bench: %s\n", e.what());
        return 1;
    }

    const auto& alts = setup.engine->alternatives();
    for (std::size_t a = 0; a < alts.size(); ++a) {
        for (uint32_t trials : {1u, 1000u, 100000u}) {
            const std::string name = "run_batch/" + alts[a].source->id + "/" + std::to_string(trials);
            benchmark::RegisterBenchmark(name.c_str(), [a, trials](benchmark::State& s) {
                run(s, *setup.engine, a, trials);
            })->Unit(benchmark::kMicrosecond);
        }
    }
    benchmark::RegisterBenchmark("run/deterministic_study", [](benchmark::State& s) {
        for (auto _ : s) benchmark::DoNotOptimize(setup.engine->run());
    })->Unit(benchmark::kMicrosecond);

    int n = static_cast<int>(args.size());
    benchmark::Initialize(&n, args.data());
    benchmark::RunSpecifiedBenchmarks();
    benchmark::Shutdown();
    return 0;
}
