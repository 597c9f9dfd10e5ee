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

/// Internal rate of return per period: a root of npv(r) = 0 above -100 %, to 1e-12.
/// nullopt when the series has no sign change or npv has no root above -100 %.
/// One sign change (the root is then unique): Newton from a duration-based estimate, with a
/// bracketed Newton/bisection fallback; `guess` is not needed. Several sign changes: the rates
/// -99.9999 %, -99.99 %, -99.9 %, -99 % .. 100 % by 1 %, .. 1000 % by 10 %, then doubling, are
/// scanned for sign changes of npv, each bracket is refined, and the root nearest `guess` is
/// returned (callers flag sign_changes() > 1: the IRR may not be unique). Two roots closer
/// together than the scan step, or a root where npv only touches zero, can be missed.
std::optional<double> irr(std::span<const double> flows, double guess = 0.1);

/// Simple payback, in periods. With C(k) the cumulative flow and m the last period where
/// C(m) < 0: m + (-C(m)) / flows[m + 1], i.e. linear within the period in which the
/// cumulative flow turns from negative to >= 0 for the last time (a project that dips back
/// under water pays back only when it leaves it for good). 0 when C is never negative;
/// nullopt ("not reached") when C is still negative at the last period.
std::optional<double> payback(std::span<const double> flows);

/// Same on flows discounted at `rate`.
std::optional<double> discounted_payback(double rate, std::span<const double> flows);

/// Per-period rate equivalent to a yearly rate: (1 + yearly)^(1/periods_per_year) - 1.
double period_rate(double yearly_rate, int periods_per_year);

}  // namespace eqroi::finance
