// Finding where a function of one input crosses zero (eqroi/core/risk/sensitivity.hpp): a scan
// of the search range in equal steps finds every sign change the grid can see (NPV need not be
// monotone in an input: a cost that falls then rises has two break-evens), then Boost.Math's
// TOMS 748 (Alefeld, Potra & Shi, ACM TOMS 21(3), 1995) refines each bracket.
#include <eqroi/core/risk/sensitivity.hpp>

#include "risk_sensitivity_detail.hpp"

#include <boost/math/tools/toms748_solve.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <limits>
#include <stdexcept>
#include <tuple>

namespace eqroi::risk {
namespace {

int sign_of(double v) { return v > 0 ? 1 : (v < 0 ? -1 : 0); }

}  // namespace

std::vector<double> scan_grid(double lo, double hi, int steps) {
    if (!std::isfinite(lo) || !std::isfinite(hi) || !(lo <= hi))
        throw std::invalid_argument(
            fmt::format("scan_grid: the range [{}, {}] is not a finite interval", lo, hi));
    if (steps < 1)
        throw std::invalid_argument(fmt::format("scan_grid: {} steps (at least 1)", steps));
    std::vector<double> grid(static_cast<std::size_t>(steps) + 1);
    for (int k = 0; k <= steps; ++k)
        // lo + (hi - lo) k / steps as a weighted mean: exactly lo at k = 0 and hi at k = steps,
        // and never outside [lo, hi] (the model's declared range may end exactly there).
        grid[k] = std::clamp(lo * (static_cast<double>(steps - k) / steps) +
                                 hi * (static_cast<double>(k) / steps),
                             lo, hi);
    return grid;
}

Crossing refine_crossing(const std::function<double(double)>& f, double a, double b, double fa,
                         double fb, const RootSearch& search) {
    if (!(a < b) || !(sign_of(fa) * sign_of(fb) < 0))
        throw std::invalid_argument(fmt::format(
            "refine_crossing: [{}, {}] with f = {}, {} is not a sign-changing bracket", a, b, fa,
            fb));
    // The best point seen: TOMS 748 returns a bracket, and the end of it where |f| is smaller
    // is the answer (both ends were evaluated on the way, so remember rather than re-evaluate).
    Crossing best{std::abs(fa) <= std::abs(fb) ? a : b, std::abs(fa) <= std::abs(fb) ? fa : fb,
                  sign_of(fb) > 0 ? 1 : -1};
    auto tracked = [&](double x) {
        const double fx = f(x);
        if (!std::isfinite(fx))
            throw std::runtime_error(fmt::format("the function is {} at {}", fx, x));
        if (std::abs(fx) < std::abs(best.residual)) {
            best.value = x;
            best.residual = fx;
        }
        return fx;
    };
    // Stop when the bracket is a few units in the last place wide: the crossing is then known
    // to the precision of a double, and |f| at it is as small as the model's arithmetic allows.
    auto narrow = [](double lo, double hi) {
        const double scale = std::max({std::abs(lo), std::abs(hi),
                                       std::numeric_limits<double>::min()});
        return hi - lo <= 4 * std::numeric_limits<double>::epsilon() * scale;
    };
    std::uintmax_t iterations = static_cast<std::uintmax_t>(std::max(search.max_iterations, 1));
    boost::math::tools::toms748_solve(tracked, a, b, fa, fb, narrow, iterations);
    return best;
}

std::vector<Crossing> find_crossings(const std::vector<double>& grid,
                                     const std::vector<double>& values,
                                     const std::function<double(double)>& f,
                                     const RootSearch& search) {
    if (grid.size() != values.size())
        throw std::invalid_argument(fmt::format("find_crossings: {} grid points but {} values",
                                                grid.size(), values.size()));
    std::vector<Crossing> found;
    const std::size_t n = grid.size();
    for (std::size_t k = 0; k < n; ++k) {
        const int s = sign_of(values[k]);
        if (s == 0) {
            // Exactly zero on the grid: a crossing of its own. Its direction from the nearest
            // nonzero neighbours (0 when the function only touches zero there).
            const int before = k > 0 ? sign_of(values[k - 1]) : 0;
            const int after = k + 1 < n ? sign_of(values[k + 1]) : 0;
            found.push_back({grid[k], 0.0, sign_of(after - before)});
            continue;
        }
        if (k + 1 < n && s * sign_of(values[k + 1]) < 0)
            found.push_back(
                refine_crossing(f, grid[k], grid[k + 1], values[k], values[k + 1], search));
    }
    return found;
}

// --- Break-even values of a study's inputs -------------------------------------------------

namespace {

using namespace sensitivity_detail;

/// The scan of a whole-number parameter: every whole value in [lo, hi] when there are at most
/// steps + 1 of them, else the equal-step grid rounded to whole values (duplicates dropped).
std::vector<double> whole_grid(double lo, double hi, int steps) {
    const double first = std::ceil(lo), last = std::floor(hi);
    std::vector<double> grid;
    if (first > last) return grid;
    if (last - first <= steps) {
        for (double v = first; v <= last; v += 1) grid.push_back(v);
        return grid;
    }
    for (double v : scan_grid(first, last, steps)) {
        const double w = std::round(v);
        if (grid.empty() || w > grid.back()) grid.push_back(w);
    }
    return grid;
}

/// Crossings on a whole-number scan: a grid value where f is 0, and for each step whose ends
/// have opposite signs, the first value past the change (no value in between exists).
std::vector<Crossing> whole_crossings(const std::vector<double>& grid,
                                      const std::vector<double>& values) {
    std::vector<Crossing> found;
    for (std::size_t k = 0; k < grid.size(); ++k) {
        const int s = sign_of(values[k]);
        if (s == 0) {
            const int before = k > 0 ? sign_of(values[k - 1]) : 0;
            const int after = k + 1 < grid.size() ? sign_of(values[k + 1]) : 0;
            found.push_back({grid[k], 0.0, sign_of(after - before)});
        } else if (k + 1 < grid.size() && s * sign_of(values[k + 1]) < 0) {
            found.push_back({grid[k + 1], values[k + 1], sign_of(values[k + 1])});
        }
    }
    return found;
}

}  // namespace

std::pair<double, double> search_range(const InputBinding& binding, std::size_t input,
                                       const BreakEvenOptions& options) {
    if (!(options.tail_quantile > 0 && options.tail_quantile < 0.5))
        throw std::invalid_argument(fmt::format(
            "break-even: the tail quantile {} is outside (0, 0.5)", options.tail_quantile));
    const Distribution& d = binding.input(input).distribution;
    const Support s = support(d);
    double lo = std::isfinite(s.min) ? s.min : quantile(d, options.tail_quantile);
    double hi = std::isfinite(s.max) ? s.max : quantile(d, 1 - options.tail_quantile);
    const auto [declared_lo, declared_hi] = declared_range(binding, input, SIZE_MAX);
    lo = std::clamp(lo, declared_lo, declared_hi);
    hi = std::clamp(hi, lo, declared_hi);
    return {lo, hi};
}

std::vector<BreakEven> break_even(const InputBinding& binding, const BreakEvenOptions& options) {
    if (options.steps < 1)
        throw std::invalid_argument(fmt::format("break-even: {} scan steps", options.steps));
    const BaseCase base = base_case(binding);
    const std::size_t alternatives = base.npv.size();
    const RootSearch search{options.steps, options.max_iterations};
    std::vector<BreakEven> all;
    for (std::size_t i = 0; i < binding.size(); ++i) {
        BreakEven be;
        be.input = i;
        be.name = binding.input(i).name;
        be.base = binding.base_value(i);
        std::tie(be.low, be.high) = search_range(binding, i, options);
        be.whole_number = whole_number(binding, i);
        const std::vector<double> grid =
            be.whole_number ? whole_grid(be.low, be.high, options.steps)
            : be.low == be.high ? std::vector<double>{be.low}
                                : scan_grid(be.low, be.high, options.steps);

        // The scan: one batch per alternative the input reaches; the others keep their base NPV.
        std::vector<std::vector<double>> npv(alternatives);
        for (std::size_t a = 0; a < alternatives; ++a) {
            be.reaches.push_back(binding.reaches(i, a));
            npv[a] = be.reaches[a] ? npv_at(binding, i, a, grid)
                                   : std::vector<double>(grid.size(), base.npv[a]);
        }
        auto npv_of = [&](std::size_t a, double x) {
            return be.reaches[a] ? npv_at(binding, i, a, std::span<const double>(&x, 1)).at(0)
                                 : base.npv[a];
        };

        for (std::size_t a = 0; a < alternatives; ++a) {
            if (!be.reaches[a]) {
                be.npv_zero.emplace_back();
                continue;
            }
            be.npv_zero.push_back(
                be.whole_number
                    ? whole_crossings(grid, npv[a])
                    : find_crossings(grid, npv[a], [&](double x) { return npv_of(a, x); }, search));
        }

        // The incremental NPV against the baseline, the same way.
        const std::size_t base_alt = base.baseline;
        for (std::size_t a = 0; a < alternatives; ++a) {
            if (a == base_alt || !(be.reaches[a] || be.reaches[base_alt])) {
                be.vs_baseline_zero.emplace_back();
                continue;
            }
            std::vector<double> gap(grid.size());
            for (std::size_t k = 0; k < grid.size(); ++k) gap[k] = npv[a][k] - npv[base_alt][k];
            be.vs_baseline_zero.push_back(
                be.whole_number
                    ? whole_crossings(grid, gap)
                    : find_crossings(grid, gap,
                                     [&](double x) { return npv_of(a, x) - npv_of(base_alt, x); },
                                     search));
        }

        // The preferred alternative along the scan; each change refined as the root of the
        // difference between the NPVs of the one preferred before and the one after.
        std::size_t before = 0;
        for (std::size_t k = 0; k < grid.size(); ++k) {
            std::vector<double> here(alternatives);
            for (std::size_t a = 0; a < alternatives; ++a) here[a] = npv[a][k];
            const std::size_t now = preferred(here);
            if (k > 0 && now != before) {
                const std::size_t a = before, b = now;
                auto gap = [&](double x) { return npv_of(a, x) - npv_of(b, x); };
                const double g0 = npv[a][k - 1] - npv[b][k - 1];
                const double g1 = npv[a][k] - npv[b][k];
                ChoiceChange change{grid[k], a, b, g1};
                if (g0 == 0) {
                    change = {grid[k - 1], a, b, 0.0};  // tied there; a only by file order
                } else if (g1 != 0 && !be.whole_number) {
                    const Crossing c = refine_crossing(gap, grid[k - 1], grid[k], g0, g1, search);
                    change = {c.value, a, b, c.residual};
                }
                be.choice_changes.push_back(change);
            }
            before = now;
        }
        all.push_back(std::move(be));
    }
    return all;
}

}  // namespace eqroi::risk
