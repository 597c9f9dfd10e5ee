// Measures of a cash-flow series. Pure functions, no I/O; flows[0] is at time 0 and flows[k]
// at the end of period k. Rates are per period.
#pragma once

#include <optional>
#include <span>
#include <vector>

namespace eqroi::finance {

/// Present value at time 0: sum of flows[k] / (1 + rate)^k. Note: unlike Excel's NPV(),
/// flows[0] is not discounted (Excel's NPV(r, F1..Fn) + F0).
double npv(double rate, std::span<const double> flows);

/// Number of sign changes in the series (zeros skipped); more than one means IRR may not be
/// unique.
int sign_changes(std::span<const double> flows);

/// Internal rate of return: a root of npv(r) = 0 above -100 %, found by bracketing and a
/// safeguarded Newton/bisection. nullopt when the series has no sign change or no root is
/// found. With several sign changes, returns the root nearest to `guess` found by scanning.
std::optional<double> irr(std::span<const double> flows, double guess = 0.1);

/// Simple payback, in periods: the first time the cumulative flow turns from negative to
/// >= 0 and stays there, interpolated linearly within the period. nullopt when not reached.
std::optional<double> payback(std::span<const double> flows);

/// Same on flows discounted at `rate`.
std::optional<double> discounted_payback(double rate, std::span<const double> flows);

/// Per-period rate equivalent to a yearly rate: (1 + yearly)^(1/periods_per_year) - 1.
double period_rate(double yearly_rate, int periods_per_year);

}  // namespace eqroi::finance
