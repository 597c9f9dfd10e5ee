// Measures of a cash-flow series. Every function works on x = 1 / (1 + rate), so a present
// value is a polynomial in x evaluated by Horner's rule: one multiply-add per period, no pow().
// The evaluation and the root search live in finance_detail.hpp, shared with
// finance_measures.cpp (timing conventions, IRR analysis, MIRR) and finance_dated.cpp (XNPV).
#include "finance_detail.hpp"

#include <cmath>

namespace eqroi::finance {
namespace detail {

const std::array<double, 320>& scan_grid() {
    // Dense where rates live, sparse above. Starts a hair above -100 % so a root below -99 %
    // is still found for short series.
    static const std::array<double, 320> grid = [] {
        std::array<double, 320> g{};
        std::size_t n = 0;
        g[n++] = -0.999999;
        g[n++] = -0.9999;
        g[n++] = -0.999;
        for (int i = 0; i <= 199; ++i) g[n++] = -0.99 + 0.01 * i;   // -0.99 .. 1.0
        for (int i = 1; i <= 90; ++i) g[n++] = 1.0 + 0.1 * i;       // 1.1 .. 10
        double r = 10;
        while (n < g.size()) g[n++] = (r *= 2);                     // 20 .. ~2.6e8
        return g;
    }();
    return grid;
}

}  // namespace detail

double npv(double rate, std::span<const double> flows) {
    return detail::npv_fast(rate, flows);
}

int sign_changes(std::span<const double> flows) {
    int changes = 0, last = 0;
    for (double f : flows) {
        const int s = (f > 0) - (f < 0);
        if (s == 0) continue;
        if (last != 0 && s != last) ++changes;
        last = s;
    }
    return changes;
}

std::optional<double> irr(std::span<const double> flows, double guess) {
    const int changes = sign_changes(flows);
    if (changes == 0) return std::nullopt;
    if (!(guess > -0.99) || !std::isfinite(guess)) guess = 0.1;
    const detail::EndOfPeriodSeries series{flows};
    // Several sign changes: scan for brackets, refine each, keep the root nearest the guess.
    // Callers flag sign_changes > 1 as "IRR may not be unique"; irr_analysis() lists them all.
    if (changes > 1) return detail::scan_for_root(series, guess);
    // One sign change: the unique root, by Chebyshev's (third-order) method on the polynomial
    // in x = 1 / (1 + rate) from an estimate built on when the money flows (finance_detail.hpp:
    // end_of_period_root). `guess` is used only when the flows give no estimate.
    return detail::single_root(series, guess);
}

std::optional<double> payback(std::span<const double> flows) {
    // Find the last period whose cumulative flow is negative; payback falls within the next
    // period, where the cumulative flow crosses zero and then stays >= 0.
    double cumulative = 0;
    std::ptrdiff_t last_negative = -1;
    double at_last_negative = 0;
    for (std::size_t k = 0; k < flows.size(); ++k) {
        cumulative += flows[k];
        if (cumulative < 0) {
            last_negative = static_cast<std::ptrdiff_t>(k);
            at_last_negative = cumulative;
        }
    }
    if (last_negative < 0) return 0.0;  // never under water: paid back at once
    const auto m = static_cast<std::size_t>(last_negative);
    if (m + 1 >= flows.size()) return std::nullopt;  // still negative at the end
    // cumulative(m) < 0 <= cumulative(m + 1), so flows[m + 1] > 0: linear within the period.
    return static_cast<double>(m) + (-at_last_negative) / flows[m + 1];
}

std::optional<double> discounted_payback(double rate, std::span<const double> flows) {
    return discounted_payback(rate, flows, Timing::end_of_period);
}

double period_rate(double yearly_rate, int periods_per_year) {
    if (periods_per_year <= 1) return yearly_rate;
    return std::pow(1.0 + yearly_rate, 1.0 / periods_per_year) - 1.0;
}

}  // namespace eqroi::finance
