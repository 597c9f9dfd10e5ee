// The measures finance checks against Excel and NIST BLCC: timing conventions (end or middle
// of the period), every IRR of a series, Excel's MIRR, the profitability index and BLCC's AIRR.
#include "finance_detail.hpp"

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace eqroi::finance {
namespace {

void require_rate_above_minus_100(double rate, const char* what) {
    if (!(rate > -1.0) || !std::isfinite(rate))
        throw std::invalid_argument(
            fmt::format("{}: the rate must be above -100 % and finite, got {}", what, rate));
}

}  // namespace

double npv(double rate, std::span<const double> flows, Timing timing) {
    if (timing == Timing::mid_period) return detail::MidPeriodSeries{flows}.npv(rate);
    return detail::npv_fast(rate, flows);
}

double discount_factor(double rate, std::size_t k, Timing timing) {
    require_rate_above_minus_100(rate, "discount factor");
    if (k == 0) return 1.0;  // the purchase, at time 0 under either convention
    const double shift = timing == Timing::mid_period ? 0.5 : 0.0;
    return std::pow(1.0 + rate, -(static_cast<double>(k) - shift));
}

std::optional<double> discounted_payback(double rate, std::span<const double> flows,
                                         Timing timing) {
    // Same walk as payback() on discounted flows, without a temporary vector. Mid period, every
    // flow from period 1 on is worth sqrt(1 + rate) more than at the end of its period. The
    // crossing is still interpolated linearly over the period in which it happens: the
    // mid-period convention stands for money arriving evenly through the period.
    const double x = 1.0 / (1.0 + rate);
    const double shift = timing == Timing::mid_period ? std::sqrt(1.0 + rate) : 1.0;
    double factor = 1, cumulative = 0, at_last_negative = 0, next_discounted = 0;
    std::ptrdiff_t last_negative = -1;
    for (std::size_t k = 0; k < flows.size(); ++k) {
        const double d = flows[k] * factor;
        if (last_negative == static_cast<std::ptrdiff_t>(k) - 1) next_discounted = d;
        cumulative += d;
        if (cumulative < 0) {
            last_negative = static_cast<std::ptrdiff_t>(k);
            at_last_negative = cumulative;
        }
        factor = (k == 0 ? shift : factor) * x;
    }
    if (last_negative < 0) return 0.0;
    const auto m = static_cast<std::size_t>(last_negative);
    if (m + 1 >= flows.size()) return std::nullopt;
    // next_discounted was recorded when k == m + 1 (the period after the last negative one).
    return static_cast<double>(m) + (-at_last_negative) / next_discounted;
}

IrrAnalysis irr_analysis(std::span<const double> flows, Timing timing) {
    const int changes = sign_changes(flows);
    if (timing == Timing::mid_period)
        return detail::analyse_roots(detail::MidPeriodSeries{flows}, changes);
    return detail::analyse_roots(detail::EndOfPeriodSeries{flows}, changes);
}

std::optional<double> mirr(std::span<const double> flows, double finance_rate,
                           double reinvest_rate) {
    require_rate_above_minus_100(finance_rate, "MIRR finance rate");
    require_rate_above_minus_100(reinvest_rate, "MIRR reinvestment rate");
    const std::size_t n = flows.size();
    if (n < 2) return std::nullopt;
    // One pass: the positive flows compound forward to period n - 1 (Horner from the first),
    // the negative ones are discounted to period 0.
    const double grow = 1.0 + reinvest_rate, x = 1.0 / (1.0 + finance_rate);
    double future_in = 0, present_out = 0, factor = 1;
    for (std::size_t k = 0; k < n; ++k) {
        const double f = flows[k];
        future_in = future_in * grow + (f > 0 ? f : 0.0);
        present_out += (f < 0 ? f : 0.0) * factor;
        factor *= x;
    }
    if (future_in == 0 || present_out == 0) return std::nullopt;  // Excel: #DIV/0!
    return std::pow(future_in / -present_out, 1.0 / static_cast<double>(n - 1)) - 1.0;
}

std::optional<double> profitability_index(double rate, std::span<const double> flows,
                                          Timing timing) {
    require_rate_above_minus_100(rate, "profitability index");
    if (flows.empty() || !(flows[0] < 0)) return std::nullopt;
    // PV of the flows from period 1 on, evaluated on its own (no -f0 + f0 cancellation):
    // sum_{k>=1} f_k x^(k-1) times x at the end of the periods, times sqrt(x) mid period.
    const auto tail = flows.subspan(1);
    const double later = detail::npv_fast(rate, tail) / (timing == Timing::mid_period
                                                              ? std::sqrt(1.0 + rate)
                                                              : 1.0 + rate);
    return later / -flows[0];
}

std::optional<double> airr(double sir, double rate, int years) {
    require_rate_above_minus_100(rate, "AIRR");
    if (years < 1)
        throw std::invalid_argument(
            fmt::format("AIRR: the study period must be at least one year, got {}", years));
    if (!(sir > 0)) return std::nullopt;
    return (1.0 + rate) * std::pow(sir, 1.0 / years) - 1.0;
}

}  // namespace eqroi::finance
