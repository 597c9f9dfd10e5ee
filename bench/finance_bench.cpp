// Speed of the finance measures on the series the engine feeds them: 10 yearly periods and
// 120 monthly ones. IRR must stay well under a microsecond for Monte Carlo.
// Then IRR, IRR analysis and MIRR over a million random equipment series (series per second is
// the items_per_second counter).
#include <eqroi/core/finance.hpp>

#include <benchmark/benchmark.h>

#include <cstdint>
#include <random>
#include <span>
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

/// A million yearly series shaped like equipment purchases, from a fixed seed so every run
/// measures the same work: one investment of 50k..500k at time 0, 10..30 years of benefits of
/// 8..25 % of it a year (each year +-10 %, slowly declining with age), a salvage value of up to
/// 15 % in the last year, and in a quarter of the series an overhaul of 20..60 % of the price
/// somewhere in the middle years (often a negative year: several sign changes).
struct SeriesSet {
    std::vector<double> flows;          // all series, back to back
    std::vector<std::uint32_t> starts;  // series i is flows[starts[i] .. starts[i + 1])
    std::size_t several_sign_changes = 0;

    std::size_t size() const { return starts.size() - 1; }
    std::span<const double> operator[](std::size_t i) const {
        return {flows.data() + starts[i], flows.data() + starts[i + 1]};
    }
};

const SeriesSet& million_series() {
    static const SeriesSet set = [] {
        constexpr std::size_t count = 1'000'000;
        SeriesSet s;
        s.flows.reserve(count * 21);
        s.starts.reserve(count + 1);
        std::mt19937_64 gen(20240603);
        std::uniform_int_distribution<int> years(10, 30);
        std::uniform_real_distribution<double> price(50'000, 500'000), yield(0.08, 0.25),
            noise(0.9, 1.1), unit(0, 1), overhaul(0.2, 0.6), salvage(0, 0.15);
        for (std::size_t i = 0; i < count; ++i) {
            const std::size_t begin = s.flows.size();
            s.starts.push_back(static_cast<std::uint32_t>(begin));
            const int n = years(gen);
            const double investment = price(gen), benefit = investment * yield(gen);
            s.flows.push_back(-investment);
            for (int y = 1; y <= n; ++y)
                s.flows.push_back(benefit * noise(gen) * (1.0 - 0.01 * y));
            if (unit(gen) < 0.25) {
                const int at = n / 3 + static_cast<int>(unit(gen) * (n / 3));
                s.flows[begin + static_cast<std::size_t>(at)] -= investment * overhaul(gen);
            }
            s.flows.back() += investment * salvage(gen);
            const std::span<const double> series(s.flows.data() + begin, s.flows.size() - begin);
            if (eqroi::finance::sign_changes(series) > 1) ++s.several_sign_changes;
        }
        s.starts.push_back(static_cast<std::uint32_t>(s.flows.size()));
        return s;
    }();
    return set;
}

/// Runs `measure` on every series of the million per iteration; reports series per second.
template <class Measure>
void over_million(benchmark::State& state, Measure measure) {
    const SeriesSet& set = million_series();
    double sink = 0;
    std::size_t found = 0;
    for (auto _ : state) {
        for (std::size_t i = 0; i < set.size(); ++i) {
            if (auto v = measure(set[i])) {
                sink += *v;
                ++found;
            }
        }
        benchmark::DoNotOptimize(sink);
    }
    const auto series = static_cast<std::int64_t>(state.iterations() * set.size());
    state.SetItemsProcessed(series);
    state.counters["found_share"] = static_cast<double>(found) / static_cast<double>(series);
    state.counters["several_sign_changes_share"] =
        static_cast<double>(set.several_sign_changes) / static_cast<double>(set.size());
}

void BM_MillionIrr(benchmark::State& state) {
    over_million(state, [](std::span<const double> f) { return eqroi::finance::irr(f); });
}

/// The same IRR on the series with one sign change (range 1: Newton) or several (range 2:
/// the bracketing scan), to show what each path costs.
void BM_MillionIrrBySignChanges(benchmark::State& state) {
    const SeriesSet& set = million_series();
    std::vector<std::uint32_t> picked;
    for (std::size_t i = 0; i < set.size(); ++i)
        if ((eqroi::finance::sign_changes(set[i]) > 1) == (state.range(0) > 1))
            picked.push_back(static_cast<std::uint32_t>(i));
    double sink = 0;
    for (auto _ : state) {
        for (std::uint32_t i : picked)
            if (auto v = eqroi::finance::irr(set[i])) sink += *v;
        benchmark::DoNotOptimize(sink);
    }
    state.SetItemsProcessed(static_cast<std::int64_t>(state.iterations() * picked.size()));
}

void BM_MillionIrrAnalysis(benchmark::State& state) {
    over_million(state,
                 [](std::span<const double> f) { return eqroi::finance::irr_analysis(f).irr; });
}

void BM_MillionMirr(benchmark::State& state) {
    over_million(state,
                 [](std::span<const double> f) { return eqroi::finance::mirr(f, 0.08, 0.10); });
}

}  // namespace

BENCHMARK(BM_MillionIrr)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MillionIrrBySignChanges)->Arg(1)->Arg(2)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MillionIrrAnalysis)->Unit(benchmark::kMillisecond);
BENCHMARK(BM_MillionMirr)->Unit(benchmark::kMillisecond);
BENCHMARK_CAPTURE(BM_Irr, yearly_10, yearly());
BENCHMARK_CAPTURE(BM_Irr, monthly_120, monthly());
BENCHMARK(BM_IrrTwoRoots);
BENCHMARK_CAPTURE(BM_Npv, yearly_10, yearly());
BENCHMARK_CAPTURE(BM_Paybacks, yearly_10, yearly());

BENCHMARK_MAIN();
