// Flows on calendar dates, as Excel's XNPV and XIRR: a flow on day d is discounted over
// (d - d0) / 365 years, d0 the first date, whatever leap years lie between.
#include "finance_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>
#include <vector>

namespace eqroi::finance {
namespace {

bool is_leap(int year) { return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0; }

int days_in_month(int year, int month) {
    static constexpr int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    return month == 2 && is_leap(year) ? 29 : days[month - 1];
}

/// Excel refuses (#NUM!) a date before the first one, and values and dates of different
/// lengths; so do we, with the reason.
void check_dated(std::span<const double> flows, std::span<const int> days, const char* what) {
    if (flows.size() != days.size())
        throw std::invalid_argument(fmt::format("{}: {} amounts but {} dates; each amount needs "
                                                "its date",
                                                what, flows.size(), days.size()));
    for (std::size_t i = 1; i < days.size(); ++i)
        if (days[i] < days[0])
            throw std::invalid_argument(
                fmt::format("{}: date {} (day {}) is before the first date (day {}); the first "
                            "date is the start of the discounting",
                            what, i + 1, days[i], days[0]));
}

/// Dated flows as a series for the root search: in date order, flows on the same day summed
/// (the rule of signs counts sign changes in time order), times in years of 365 days.
struct DatedSeries {
    std::vector<double> flows, years;

    DatedSeries(std::span<const double> amounts, std::span<const int> days) {
        std::vector<std::size_t> order(amounts.size());
        std::iota(order.begin(), order.end(), std::size_t{0});
        std::stable_sort(order.begin(), order.end(),
                         [&](std::size_t a, std::size_t b) { return days[a] < days[b]; });
        for (std::size_t i : order) {
            const double t = static_cast<double>(days[i] - days[order.front()]) / 365.0;
            if (!years.empty() && years.back() == t)
                flows.back() += amounts[i];
            else {
                flows.push_back(amounts[i]);
                years.push_back(t);
            }
        }
    }

    detail::Value value(double rate) const noexcept {
        const double log_x = -std::log1p(rate);  // x = 1 / (1 + rate)
        double p = 0, d = 0;
        for (std::size_t i = 0; i < flows.size(); ++i) {
            const double term = flows[i] * std::exp(years[i] * log_x);
            p += term;
            d += years[i] * term;
        }
        return {p, -d / (1.0 + rate)};  // d/dr f x^t = -t f x^t / (1 + r)
    }
    double npv(double rate) const noexcept {
        const double log_x = -std::log1p(rate);
        double p = 0;
        for (std::size_t i = 0; i < flows.size(); ++i) p += flows[i] * std::exp(years[i] * log_x);
        return p;
    }
    /// Fractional exponents: the integer-power bounds do not apply; the scan covers every rate.
    detail::RateRange root_range() const noexcept { return {}; }
    std::size_t size() const noexcept { return flows.size(); }
    double flow(std::size_t i) const noexcept { return flows[i]; }
    double time(std::size_t i) const noexcept { return years[i]; }
};

}  // namespace

int days_from_civil(int year, int month, int day) {
    // Howard Hinnant, "chrono-Compatible Low-Level Date Algorithms": days_from_civil.
    if (year < -1'000'000 || year > 1'000'000)
        throw std::invalid_argument(fmt::format("date: year {} is out of range", year));
    if (month < 1 || month > 12)
        throw std::invalid_argument(
            fmt::format("date {}-{}-{}: the month must be 1 to 12", year, month, day));
    if (day < 1 || day > days_in_month(year, month))
        throw std::invalid_argument(fmt::format("date {}-{:02}-{}: that month has {} days", year,
                                                month, day, days_in_month(year, month)));
    const int y = year - (month <= 2);
    const int era = (y >= 0 ? y : y - 399) / 400;
    const int year_of_era = y - era * 400;                                      // [0, 399]
    const int day_of_year = (153 * (month > 2 ? month - 3 : month + 9) + 2) / 5 + day - 1;
    const int day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    return era * 146097 + day_of_era - 719468;
}

double xnpv(double rate, std::span<const double> flows, std::span<const int> days) {
    check_dated(flows, days, "XNPV");
    if (!(rate > -1.0) || !std::isfinite(rate))
        throw std::invalid_argument(
            fmt::format("XNPV: the rate must be above -100 % and finite, got {}", rate));
    double sum = 0;
    for (std::size_t i = 0; i < flows.size(); ++i)
        sum += flows[i] / std::pow(1.0 + rate, static_cast<double>(days[i] - days[0]) / 365.0);
    return sum;
}

IrrAnalysis xirr_analysis(std::span<const double> flows, std::span<const int> days) {
    check_dated(flows, days, "XIRR");
    const DatedSeries series(flows, days);
    return detail::analyse_roots(series, sign_changes(series.flows));
}

}  // namespace eqroi::finance
