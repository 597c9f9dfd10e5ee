// Speed of the finance measures on the series the engine feeds them: 10 yearly periods and
// 120 monthly ones. IRR must stay well under a microsecond for Monte Carlo.
#include <eqroi/core/finance.hpp>

#include <benchmark/benchmark.h>

#include <vector>

namespace {

std::vector<double> yearly() {
    // A machine bought for 250k that saves 45..60k a year and is sold for 30k.
    return {-250000, 45000, 47000, 49000, 51000, 53000, 55000, 56000, 58000, 59000, 90000};
}

std::vector<double> monthly() {
    std::vector<double> f(121, 4200.0);
    f[0] = -250000;
    f[120] += 30000;
    return f;
}

void BM_Irr(benchmark::State& state, std::vector<double> flows) {
    double sink = 0;
    for (auto _ : state) {
        // Nudge the series so the compiler cannot hoist the call.
        flows[1] += 1e-9;
        sink += *eqroi::finance::irr(flows);
        benchmark::DoNotOptimize(sink);
    }
    state.counters["irr_per_second"] =
        benchmark::Counter(static_cast<double>(state.iterations()), benchmark::Counter::kIsRate);
}

void BM_IrrTwoRoots(benchmark::State& state) {
    // Two sign changes: the bracketing scan path.
    std::vector<double> flows{-100, 230, -132};
    for (auto _ : state) {
        flows[0] -= 1e-12;
        benchmark::DoNotOptimize(eqroi::finance::irr(flows));
    }
}

void BM_Npv(benchmark::State& state, std::vector<double> flows) {
    for (auto _ : state) {
        flows[1] += 1e-9;
        benchmark::DoNotOptimize(eqroi::finance::npv(0.08, flows));
    }
}

void BM_Paybacks(benchmark::State& state, std::vector<double> flows) {
    for (auto _ : state) {
        flows[1] += 1e-9;
        benchmark::DoNotOptimize(eqroi::finance::payback(flows));
        benchmark::DoNotOptimize(eqroi::finance::discounted_payback(0.08, flows));
    }
}

}  // namespace

BENCHMARK_CAPTURE(BM_Irr, yearly_10, yearly());
BENCHMARK_CAPTURE(BM_Irr, monthly_120, monthly());
BENCHMARK(BM_IrrTwoRoots);
BENCHMARK_CAPTURE(BM_Npv, yearly_10, yearly());
BENCHMARK_CAPTURE(BM_Paybacks, yearly_10, yearly());

BENCHMARK_MAIN();
