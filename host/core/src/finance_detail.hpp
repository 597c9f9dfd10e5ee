// Private to the finance measures (finance.cpp, finance_measures.cpp, finance_dated.cpp): how a
// present value is evaluated, and the root search that IRR, IRR analysis and XIRR share.
//
// The root search works on a "series": any type with
//   Value value(double rate) const    npv and d npv / d rate
//   double npv(double rate) const     npv alone (cheaper)
//   std::size_t size() const, double flow(std::size_t i) const, double time(std::size_t i) const
//                                     the flows in time order, for the starting estimate
//   RateRange root_range() const      rates outside which no root can be
// Three series exist: end-of-period and mid-period flows (polynomials in x = 1 / (1 + rate)),
// and dated flows (Excel XNPV: fractional years). Templates, so irr() keeps its inlined loop.
#pragma once

#include <eqroi/core/finance.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstddef>
#include <limits>
#include <optional>
#include <span>

namespace eqroi::finance::detail {

inline constexpr double kTolerance = 1e-12;  // on the rate, per period
inline constexpr int kMaxNewton = 60;
inline constexpr int kMaxBracketed = 200;
inline constexpr double kMaxRate = 1e9;  // per period; beyond this "no IRR" is the honest answer

/// npv(rate) and its derivative with respect to the rate, in one pass.
struct Value {
    double npv, slope;
};

// Horner's rule is one long chain of dependent multiply-adds, so it runs at the latency of
// the FPU, not its throughput. Splitting the polynomial by k mod 4 (four chains in y = x^4)
// lets them overlap: ~3x faster on a 120-month series.
// p(x) = sum f_k x^k = P0(y) + x P1(y) + x^2 P2(y) + x^3 P3(y), and the same for
// sum k f_k x^k, which gives the slope: d npv / d rate = -x * sum k f_k x^k.
template <bool with_slope>
inline Value evaluate(double rate, std::span<const double> flows) noexcept {
    const double x = 1.0 / (1.0 + rate);
    const std::size_t n = flows.size();
    if (n < 8) {  // short series: the plain chain is as fast
        double p = 0, d = 0;
        for (std::size_t k = n; k-- > 0;) {
            p = p * x + flows[k];
            if constexpr (with_slope) d = d * x + static_cast<double>(k) * flows[k];
        }
        return {p, -x * d};
    }
    const double x2 = x * x, x4 = x2 * x2;
    double p0 = 0, p1 = 0, p2 = 0, p3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
    const std::size_t full = n / 4 * 4;
    auto at = [&](std::size_t k) { return k < n ? flows[k] : 0.0; };
    if (full < n) {  // the top, partial block first (Horner runs from the highest power)
        p0 = at(full);
        p1 = at(full + 1);
        p2 = at(full + 2);
        p3 = at(full + 3);
        if constexpr (with_slope) {
            const double k = static_cast<double>(full);
            d0 = k * p0;
            d1 = (k + 1) * p1;
            d2 = (k + 2) * p2;
            d3 = (k + 3) * p3;
        }
    }
    for (std::size_t b = full; b > 0;) {
        b -= 4;
        const double* f = flows.data() + b;
        p0 = p0 * x4 + f[0];
        p1 = p1 * x4 + f[1];
        p2 = p2 * x4 + f[2];
        p3 = p3 * x4 + f[3];
        if constexpr (with_slope) {
            const double k = static_cast<double>(b);
            d0 = d0 * x4 + k * f[0];
            d1 = d1 * x4 + (k + 1) * f[1];
            d2 = d2 * x4 + (k + 2) * f[2];
            d3 = d3 * x4 + (k + 3) * f[3];
        }
    }
    const double p = (p0 + x * p1) + x2 * (p2 + x * p3);
    const double d = (d0 + x * d1) + x2 * (d2 + x * d3);
    return {p, -x * d};
}

inline Value npv_and_slope(double rate, std::span<const double> flows) noexcept {
    return evaluate<true>(rate, flows);
}

inline double npv_fast(double rate, std::span<const double> flows) noexcept {
    return evaluate<false>(rate, flows).npv;
}

/// Rates outside which a series has no IRR: every root satisfies lo <= rate <= hi.
struct RateRange {
    double lo = -1, hi = std::numeric_limits<double>::infinity();
};

/// Cauchy-type bounds on the positive roots of sum f_k z^(e_k), exponents e_k increasing
/// integers (z = x = 1 / (1 + r) at the end of the period, z = sqrt(x) mid period):
///   z < 1 + max |f_j / f_last| over the f_j of the other sign than the last non-zero flow,
///   1 / z < 1 + max |f_j / f_first| over the f_j of the other sign than the first,
/// since beyond those the leading term outweighs the geometric sum of all opposite terms.
/// Returns {z_max - 1, (1 / z)_max - 1}: the two ratios. Cheap (no pow), so the scan for
/// several roots can skip the grid rates where no root can be (most of the 320).
struct CauchyRatios {
    double to_last = std::numeric_limits<double>::infinity();   ///< z < 1 + to_last
    double to_first = std::numeric_limits<double>::infinity();  ///< 1/z < 1 + to_first
};
inline CauchyRatios cauchy_ratios(std::span<const double> flows) noexcept {
    std::size_t a = 0, b = flows.size();
    while (a < b && flows[a] == 0) ++a;
    while (b > a && flows[b - 1] == 0) --b;
    if (b - a < 2) return {};
    const double first = flows[a], last = flows[b - 1];
    double to_last = 0, to_first = 0;
    for (std::size_t k = a; k < b; ++k) {
        const double f = flows[k];
        if ((f < 0) != (last < 0) && f != 0) to_last = std::max(to_last, std::abs(f / last));
        if ((f < 0) != (first < 0) && f != 0) to_first = std::max(to_first, std::abs(f / first));
    }
    // Not finite (a huge ratio): no bound, the scan covers every rate.
    const double inf = std::numeric_limits<double>::infinity();
    return {std::isfinite(to_last) ? to_last : inf, std::isfinite(to_first) ? to_first : inf};
}

/// Flows at the end of each period: npv = sum f_k x^k.
struct EndOfPeriodSeries {
    std::span<const double> flows;
    Value value(double rate) const noexcept { return npv_and_slope(rate, flows); }
    /// x < 1 + to_last, and 1 + r = 1 / x < 1 + to_first.
    RateRange root_range() const noexcept {
        const CauchyRatios c = cauchy_ratios(flows);
        return {1.0 / (1.0 + c.to_last) - 1.0, c.to_first};
    }
    double npv(double rate) const noexcept { return npv_fast(rate, flows); }
    std::size_t size() const noexcept { return flows.size(); }
    double flow(std::size_t k) const noexcept { return flows[k]; }
    double time(std::size_t k) const noexcept { return static_cast<double>(k); }
};

/// Flows in the middle of each period, flows[0] at time 0:
/// npv = f0 + Q(rate) / sqrt(1 + rate), Q = sum_{k>=1} f_k x^(k-1) (the tail as a series of
/// its own, so f0 is never added and taken away again: no cancellation when f0 is large).
struct MidPeriodSeries {
    std::span<const double> flows;
    double first() const noexcept { return flows.empty() ? 0.0 : flows[0]; }
    std::span<const double> tail() const noexcept {
        return flows.empty() ? flows : flows.subspan(1);
    }
    Value value(double rate) const noexcept {
        const Value q = npv_and_slope(rate, tail());
        const double inv_sqrt = 1.0 / std::sqrt(1.0 + rate);
        // d/dr [Q (1+r)^-1/2] = Q' (1+r)^-1/2 - Q (1+r)^-3/2 / 2
        return {first() + q.npv * inv_sqrt,
                inv_sqrt * (q.slope - 0.5 * q.npv / (1.0 + rate))};
    }
    double npv(double rate) const noexcept {
        return first() + npv_fast(rate, tail()) / std::sqrt(1.0 + rate);
    }
    /// In y = sqrt(x) the exponents are 0, 1, 3, 5 ..: y < 1 + to_last, 1 / y < 1 + to_first,
    /// and 1 + r = 1 / y^2.
    RateRange root_range() const noexcept {
        const CauchyRatios c = cauchy_ratios(flows);
        const double y_max = 1.0 + c.to_last, inv_y_max = 1.0 + c.to_first;
        return {1.0 / (y_max * y_max) - 1.0, inv_y_max * inv_y_max - 1.0};
    }
    std::size_t size() const noexcept { return flows.size(); }
    double flow(std::size_t k) const noexcept { return flows[k]; }
    double time(std::size_t k) const noexcept {
        return k == 0 ? 0.0 : static_cast<double>(k) - 0.5;
    }
};

/// The rates scanned for sign changes of npv when a series has several sign changes:
/// -99.9999 %, -99.99 %, -99.9 %, -99 % .. 100 % by 1 %, .. 1000 % by 10 %, then doubling.
const std::array<double, 320>& scan_grid();

/// Root of the series' npv in [lo, hi] where npv(lo) and npv(hi) have opposite signs: Newton
/// steps while they stay inside the bracket and shrink fast enough, bisection otherwise
/// (rtsafe). Always converges; the bracket shrinks every iteration.
template <class Series>
double bracketed_root(const Series& s, double lo, double hi, double f_lo) {
    double r = 0.5 * (lo + hi);
    double last_step = hi - lo, step = last_step;
    for (int i = 0; i < kMaxBracketed; ++i) {
        const Value v = s.value(r);
        if (v.npv == 0) return r;
        // Keep the bracket: lo is always the side with the sign of f_lo.
        if ((v.npv < 0) == (f_lo < 0))
            lo = r;
        else
            hi = r;
        const double newton = v.slope != 0 ? r - v.npv / v.slope : lo - 1;  // lo - 1: reject
        const bool inside = (newton - lo) * (newton - hi) < 0;
        const double prev = last_step;
        last_step = step;
        if (inside && std::abs(v.npv / v.slope) < 0.5 * std::abs(prev)) {
            step = newton - r;
            r = newton;
        } else {
            step = 0.5 * (hi - lo);
            r = lo + step;
        }
        if (std::abs(step) <= kTolerance || std::abs(hi - lo) <= kTolerance) return r;
    }
    return r;
}

/// Every root found between consecutive rates of scan_grid(), passed to on_root in ascending
/// order. Two roots within one grid step, or a root where npv only touches zero, are missed.
/// Only the grid rates from the one below s.root_range().lo to the one above .hi are
/// evaluated (one more each side, against rounding in the bound): the same brackets, fewer
/// evaluations.
template <class Series, class OnRoot>
void scan_roots(const Series& s, OnRoot&& on_root) {
    const auto& grid = scan_grid();
    const RateRange range = s.root_range();
    auto begin = std::upper_bound(grid.begin(), grid.end(), range.lo);  // first rate > lo
    begin -= std::min<std::ptrdiff_t>(2, begin - grid.begin());  // one <= lo, and one more
    auto end = std::lower_bound(begin, grid.end(), range.hi);  // first rate >= hi
    end += std::min<std::ptrdiff_t>(2, grid.end() - end);      // include it, and one more
    double prev_r = 0, prev_f = std::numeric_limits<double>::quiet_NaN();
    for (auto it = begin; it != end; ++it) {
        const double r = *it;
        const double f = s.npv(r);
        if (!std::isfinite(f)) {  // x^k overflowed near -100 %: no bracket across this point
            prev_f = std::numeric_limits<double>::quiet_NaN();
            continue;
        }
        if (f == 0) {
            on_root(r);
        } else if (std::isfinite(prev_f) && prev_f != 0 && (f < 0) != (prev_f < 0)) {
            on_root(bracketed_root(s, prev_r, r, prev_f));
        }
        prev_r = r;
        prev_f = f;
    }
}

/// The root found by scan_roots() nearest `guess`; nullopt when there is none.
template <class Series>
std::optional<double> scan_for_root(const Series& s, double guess) {
    std::optional<double> best;
    scan_roots(s, [&](double root) {
        if (!best || std::abs(root - guess) < std::abs(*best - guess)) best = root;
    });
    return best;
}

/// Starting point for Newton: (money in / money out)^(1 / (mean time in - mean time out)) - 1.
/// Exact for a single outflow and a single inflow.
template <class Series>
double duration_estimate(const Series& s, double fallback) noexcept {
    double in = 0, out = 0, t_in = 0, t_out = 0;
    for (std::size_t k = 0; k < s.size(); ++k) {
        const double f = s.flow(k), t = s.time(k);
        if (f > 0) {
            in += f;
            t_in += t * f;
        } else if (f < 0) {
            out -= f;
            t_out -= t * f;
        }
    }
    const double gap = t_in / in - t_out / out;
    if (gap == 0) return fallback;
    const double r = std::pow(in / out, 1.0 / gap) - 1.0;
    return std::isfinite(r) ? std::clamp(r, -0.99, 1e3) : fallback;
}

/// The one root of a series with one sign change, around `start`. As r -> -100 % npv takes the
/// sign of the last non-zero flow, as r -> infinity that of the first: walk out from `start`
/// (halving the distance to -100 % downwards, doubling 1 + r upwards) until the sign flips.
template <class Series>
std::optional<double> single_root_bracketed(const Series& s, double start) {
    std::size_t first = 0;
    while (first < s.size() && s.flow(first) == 0) ++first;
    if (first == s.size()) return std::nullopt;
    const bool high_sign_negative = s.flow(first) < 0;  // npv's sign for large rates
    const double f_start = s.npv(start);
    if (f_start == 0) return start;
    if (std::isnan(f_start)) return scan_for_root(s, start);
    double lo = start, hi = start, f_lo = f_start;
    if ((f_start < 0) == high_sign_negative) {
        // start is above the root: move lo down towards -100 %.
        for (int i = 0; i < 1100; ++i) {
            lo = -1 + 0.5 * (1 + lo);
            f_lo = s.npv(lo);
            if (std::isnan(f_lo) || lo <= -1) return std::nullopt;
            if (f_lo == 0) return lo;
            if ((f_lo < 0) != high_sign_negative) break;
        }
        if ((f_lo < 0) == high_sign_negative) return std::nullopt;
    } else {
        // start is below the root: move hi up.
        double f_hi = f_start;
        while ((f_hi < 0) != high_sign_negative) {
            hi = -1 + 2 * (1 + hi);
            if (hi > kMaxRate) return std::nullopt;
            f_hi = s.npv(hi);
            if (f_hi == 0) return hi;
        }
    }
    // f_lo may be infinite (x^k overflowed near -100 %): only its sign is used, and
    // bracketed_root bisects whenever a Newton step is not finite.
    return bracketed_root(s, lo, hi, f_lo);
}

/// The root of a series with exactly one sign change. By Descartes' rule of signs (in
/// x = 1/(1+r) > 0; for mid-period flows in sqrt(x), for dated flows its extension to real
/// exponents) npv has exactly one root above -100 %, so wherever Newton converges is the
/// answer. Newton starts from duration_estimate() (4-6 steps on typical series, where a fixed
/// 10 % guess sends Newton below -100 % on a 120-month series); if it wanders off, the root is
/// bracketed around the estimate and refined safely.
template <class Series>
std::optional<double> single_root(const Series& s, double fallback_guess) {
    const double r0 = duration_estimate(s, fallback_guess);
    double r = r0;
    for (int i = 0; i < kMaxNewton; ++i) {
        const Value v = s.value(r);
        if (v.npv == 0) return r;
        if (v.slope == 0 || !std::isfinite(v.slope) || !std::isfinite(v.npv)) break;
        double next = r - v.npv / v.slope;
        if (next <= -1) next = 0.5 * (r - 1);  // halve the distance to -100 %, stay above
        if (!std::isfinite(next) || next > kMaxRate) break;
        if (std::abs(next - r) <= kTolerance * std::max(1.0, std::abs(r))) return next;
        r = next;
    }
    return single_root_bracketed(s, r0);
}

/// Every root of a series with `changes` sign changes, as IrrAnalysis: one sign change, the
/// unique root; several, every root scan_roots() finds.
template <class Series>
IrrAnalysis analyse_roots(const Series& s, int changes) {
    IrrAnalysis a;
    a.sign_changes = changes;
    if (changes == 0) return a;
    if (changes == 1) {
        if (auto root = single_root(s, 0.1)) a.roots.push_back(*root);
    } else {
        scan_roots(s, [&](double root) { a.roots.push_back(root); });
    }
    if (a.roots.size() == 1) a.irr = a.roots.front();
    a.ambiguous = a.roots.size() > 1;
    return a;
}

}  // namespace eqroi::finance::detail
