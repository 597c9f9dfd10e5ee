// Measures of a cash-flow series. Pure functions, no I/O; flows[0] is at time 0 and flows[k]
// at the end of period k. Rates are per period.
#pragma once

#include <cstddef>
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

// ---------------------------------------------------------------------------------------------
// Issue 3: the measures finance checks against Excel and NIST BLCC. Declared here by the lead;
// implemented in finance_measures.cpp / finance_dated.cpp.

/// When in a period a flow happens. Period 0 (the purchase) is always at time 0.
/// mid_period: flows[k], k >= 1, is discounted over k - 0.5 periods (NIST BLCC "mid-year").
enum class Timing { end_of_period, mid_period };

/// npv() with a timing convention: flows[0] + sum_{k>=1} flows[k] / (1 + rate)^(k - shift),
/// shift = 0 (end of period) or 0.5 (mid period).
double npv(double rate, std::span<const double> flows, Timing timing);

/// Discount factor of period k: 1 / (1 + rate)^(k - shift), k = 0 gives 1.
/// std::invalid_argument when rate <= -100 %.
double discount_factor(double rate, std::size_t k, Timing timing);

/// Every IRR of a series: the roots of npv(r, flows, timing) = 0 above -100 %.
struct IrrAnalysis {
    std::optional<double> irr;   ///< the root when exactly one was found; nullopt otherwise
    std::vector<double> roots;   ///< every root found, ascending (empty: no IRR)
    int sign_changes = 0;        ///< of the series, zeros skipped
    bool ambiguous = false;      ///< more than one root: no single IRR (irr is nullopt)
};
/// One sign change: the unique root (Descartes), found as irr() does. More than one: the
/// rates of irr()'s scan grid are searched for sign changes of npv and every bracket refined;
/// two roots closer together than the grid step, or a double root, can be missed (documented).
/// Two sign changes give two roots or none (Descartes: the count differs by an even number),
/// so a unique IRR with several sign changes needs at least three.
IrrAnalysis irr_analysis(std::span<const double> flows, Timing timing = Timing::end_of_period);

/// Excel MIRR(values, finance_rate, reinvest_rate): with n = flows.size(),
/// ( -FV(positive flows at reinvest_rate, to period n-1) / PV(negative flows at finance_rate) )
///   ^ (1 / (n - 1)) - 1.
/// nullopt when there is no negative or no positive flow (Excel's #DIV/0!) or n < 2.
/// std::invalid_argument when either rate is <= -100 %.
std::optional<double> mirr(std::span<const double> flows, double finance_rate,
                           double reinvest_rate);

/// Profitability index = PV of flows from period 1 on / investment, investment = -flows[0].
/// (= 1 + NPV / investment.) nullopt when flows[0] >= 0 (nothing invested at time 0).
/// Later negative flows (an overhaul) count in the PV, not in the investment.
/// std::invalid_argument when rate <= -100 %.
std::optional<double> profitability_index(double rate, std::span<const double> flows,
                                          Timing timing = Timing::end_of_period);

/// Capital recovery factor (A/P, i, n) = i (1+i)^n / ((1+i)^n - 1); 1/n when i == 0.
double capital_recovery_factor(double rate, int periods);

/// Equivalent annual amount of a present value over n periods: pv x (A/P, rate, n)
/// (Excel: -PMT(rate, n, pv)).
double equivalent_annual(double present_value, double rate, int periods);

/// Excel PMT(rate, nper, pv, fv = 0, type = 0): the level payment (negative for a positive pv).
double pmt(double rate, int periods, double present_value, double future_value = 0,
           bool in_advance = false);

/// NIST BLCC adjusted internal rate of return from the savings-to-investment ratio:
/// (1 + rate) x sir^(1/years) - 1 (reinvestment at the discount rate). nullopt when sir <= 0.
/// std::invalid_argument when rate <= -100 % or years < 1.
std::optional<double> airr(double sir, double rate, int years);

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
/// std::invalid_argument for a date that does not exist (2023-02-29, month 13).
int days_from_civil(int year, int month, int day);

/// Excel XNPV(rate, values, dates): sum values[i] / (1 + rate)^((d_i - d_0) / 365), days
/// counted from the first date. `days` as from days_from_civil, in any order after the first.
/// std::invalid_argument when the sizes differ, a date precedes the first (Excel's #NUM!) or
/// rate <= -100 %.
double xnpv(double rate, std::span<const double> flows, std::span<const int> days);

/// Excel XIRR: the rate where xnpv = 0, above -100 %. Same root search as irr_analysis on the
/// fractional exponents, with the flows in date order and flows on the same day summed.
/// .irr is nullopt when there is no sign change or no root. Bad input as xnpv.
IrrAnalysis xirr_analysis(std::span<const double> flows, std::span<const int> days);

/// Discounted payback with a timing convention (the discounted flows use discount_factor()).
std::optional<double> discounted_payback(double rate, std::span<const double> flows,
                                         Timing timing);

}  // namespace eqroi::finance
