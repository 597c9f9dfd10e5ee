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
#include <type_traits>

namespace eqroi::finance::detail {

inline constexpr double kTolerance = 1e-12;  // on the rate, per period
inline constexpr int kMaxNewton = 60;
inline constexpr int kMaxBracketed = 200;
inline constexpr double kMaxRate = 1e9;  // per period; beyond this "no IRR" is the honest answer

/// npv(rate) and its derivative with respect to the rate, in one pass.
struct Value {
    double npv, slope;
};

/// A polynomial in x and its derivatives, each times a power of x so that all three are Horner
/// sums of the same shape: p = sum f_k x^k, xp1 = x p'(x) = sum k f_k x^k and
/// x2p2 = x^2 p''(x) = sum k (k - 1) f_k x^k. Members beyond the order asked for are 0.
struct Polynomial {
    double p = 0, xp1 = 0, x2p2 = 0;
};

// Horner's rule is one long chain of dependent multiply-adds, so it runs at the latency of
// the FPU, not its throughput. Splitting the polynomial by k mod 4 (four chains in y = x^4)
// lets them overlap: ~3x faster on a 120-month series.
// p(x) = sum f_k x^k = P0(y) + x P1(y) + x^2 P2(y) + x^3 P3(y), and the same for the
// derivatives' sums (their chains run alongside, so asking for them costs little latency).
template <int order>
inline Polynomial polynomial(double x, std::span<const double> flows) noexcept {
    static_assert(order >= 0 && order <= 2);
    const std::size_t n = flows.size();
    if (n < 8) {  // short series: the plain chain is as fast
        double p = 0, d = 0, e = 0;
        for (std::size_t k = n; k-- > 0;) {
            const double kf = static_cast<double>(k) * flows[k];
            p = p * x + flows[k];
            if constexpr (order >= 1) d = d * x + kf;
            if constexpr (order >= 2) e = e * x + (static_cast<double>(k) - 1) * kf;
        }
        return {p, d, e};
    }
    const double x2 = x * x, x4 = x2 * x2;
    double p0 = 0, p1 = 0, p2 = 0, p3 = 0, d0 = 0, d1 = 0, d2 = 0, d3 = 0;
    double e0 = 0, e1 = 0, e2 = 0, e3 = 0;
    const std::size_t full = n / 4 * 4;
    auto at = [&](std::size_t k) { return k < n ? flows[k] : 0.0; };
    if (full < n) {  // the top, partial block first (Horner runs from the highest power)
        p0 = at(full);
        p1 = at(full + 1);
        p2 = at(full + 2);
        p3 = at(full + 3);
        const double k = static_cast<double>(full);
        if constexpr (order >= 1) {
            d0 = k * p0;
            d1 = (k + 1) * p1;
            d2 = (k + 2) * p2;
            d3 = (k + 3) * p3;
        }
        if constexpr (order >= 2) {
            e0 = (k - 1) * d0;
            e1 = k * d1;
            e2 = (k + 1) * d2;
            e3 = (k + 2) * d3;
        }
    }
    for (std::size_t b = full; b > 0;) {
        b -= 4;
        const double* f = flows.data() + b;
        p0 = p0 * x4 + f[0];
        p1 = p1 * x4 + f[1];
        p2 = p2 * x4 + f[2];
        p3 = p3 * x4 + f[3];
        const double k = static_cast<double>(b);
        const double g0 = k * f[0], g1 = (k + 1) * f[1], g2 = (k + 2) * f[2], g3 = (k + 3) * f[3];
        if constexpr (order >= 1) {
            d0 = d0 * x4 + g0;
            d1 = d1 * x4 + g1;
            d2 = d2 * x4 + g2;
            d3 = d3 * x4 + g3;
        }
        if constexpr (order >= 2) {
            e0 = e0 * x4 + (k - 1) * g0;
            e1 = e1 * x4 + k * g1;
            e2 = e2 * x4 + (k + 1) * g2;
            e3 = e3 * x4 + (k + 2) * g3;
        }
    }
    Polynomial v;
    v.p = (p0 + x * p1) + x2 * (p2 + x * p3);
    if constexpr (order >= 1) v.xp1 = (d0 + x * d1) + x2 * (d2 + x * d3);
    if constexpr (order >= 2) v.x2p2 = (e0 + x * e1) + x2 * (e2 + x * e3);
    return v;
}

/// npv(rate) (and, with_slope, d npv / d rate) of end-of-period flows: the polynomial at
/// x = 1 / (1 + rate); d x^k / d rate = -k x^(k+1), so the slope is -x * sum k f_k x^k.
template <bool with_slope>
inline Value evaluate(double rate, std::span<const double> flows) noexcept {
    const double x = 1.0 / (1.0 + rate);
    const Polynomial v = polynomial<with_slope ? 1 : 0>(x, flows);
    return {v.p, -x * v.xp1};
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

/// ln(1 + r) at the root, estimated from when the money comes in and goes out; NaN when the
/// flows give no estimate. Seen from the inflows' times t (weights f / in, in = sum of
/// inflows), their present value is in * E[exp(-t rho)], rho = ln(1 + r), and the log of that
/// expectation is the cumulant series -mean rho + variance rho^2 / 2 - ...; the same for the
/// outflows. Two terms of each give npv = 0 as a quadratic in rho:
///   ln(in / out) - (mean_in - mean_out) rho + (variance_in - variance_out) / 2 rho^2 = 0,
/// exact for one outflow and one inflow (the first term alone: the duration estimate
/// (in / out)^(1 / (mean_in - mean_out)) - 1). On the risk example's yearly series (one outlay,
/// ten inflows) the second term brings the estimate from 1e-3..1e-2 to 1e-7..1e-4 of the root,
/// close enough for end_of_period_root to need one step and a check.
template <class Series>
double log_growth_estimate(const Series& s) noexcept {
    double in = 0, out = 0, t_in = 0, t_out = 0, tt_in = 0, tt_out = 0;
    for (std::size_t k = 0; k < s.size(); ++k) {
        const double f = s.flow(k), t = s.time(k);
        if (f > 0) {
            in += f;
            t_in += t * f;
            tt_in += t * t * f;
        } else if (f < 0) {
            out -= f;
            t_out -= t * f;
            tt_out -= t * t * f;
        }
    }
    const double per_in = 1 / in, per_out = 1 / out;  // two divisions instead of five
    const double mean_in = t_in * per_in, mean_out = t_out * per_out;
    const double gap = mean_in - mean_out;
    if (!(gap != 0)) return std::numeric_limits<double>::quiet_NaN();  // 0, or no in or out
    const double log_ratio = std::log(in * per_out);
    const double half_spread =
        0.5 * ((tt_in * per_in - mean_in * mean_in) - (tt_out * per_out - mean_out * mean_out));
    const double disc = gap * gap - 4 * half_spread * log_ratio;
    // The root nearer log_ratio / gap, in the form without cancellation; no real root: the
    // first term alone.
    return disc >= 0 ? 2 * log_ratio / (gap + std::copysign(std::sqrt(disc), gap))
                     : log_ratio / gap;
}

/// The starting rates are kept within -99 % .. 100,000 %: ln(0.01) <= rho <= ln(1001).
inline constexpr double kMinStartLogGrowth = -4.605170185988091;
inline constexpr double kMaxStartLogGrowth = 6.9087547793152204;

/// Starting point for Newton: exp(log_growth_estimate) - 1, within -99 % .. 100,000 %, or
/// `fallback` when the flows give no estimate.
template <class Series>
double duration_estimate(const Series& s, double fallback) noexcept {
    const double rho = log_growth_estimate(s);
    if (std::isnan(rho)) return fallback;
    return std::expm1(std::clamp(rho, kMinStartLogGrowth, kMaxStartLogGrowth));
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

/// The root of end-of-period flows with exactly one sign change (see single_root), by
/// Chebyshev's method on the polynomial p(x) = sum f_k x^k, x = 1 / (1 + r):
///   x <- x - h (1 + c h),  h = p / p' (Newton's step), c = p'' / (2 p'),
/// Halley's step h / (1 - c h) to second order in c h, and like it of third order (the error
/// is cubed at each step), from exp(-log_growth_estimate). On the risk example's series one
/// step lands within ~1e-12 of the root and the second evaluation confirms it: 2 evaluations
/// where Newton in the rate from the duration estimate needed 4-5. Working in x saves the
/// division 1 / (1 + r) at every step (npv is a polynomial in x), and p'' is one more Horner
/// chain alongside the other two.
///
/// Safeguarded like rtsafe, at no extra evaluation: with one sign change p has the sign of
/// the first non-zero flow below the root and the other sign above it, so every evaluation
/// narrows a bracket lo < root < hi. A step that leaves the bracket (p need not be monotone
/// below the root: Newton can head for x = 0) or that is not at least halving the step before
/// last (far from the root, where one power x^n dominates and a step moves x by only about
/// 1 / n of itself) is replaced by a bisection: geometric (x spans orders of magnitude), or
/// doubling / halving x while one side is open.
///
/// Stop rule, without an evaluation spent confirming: Newton's step leaves an error of about
/// c h^2 (Taylor) and the third-order step less; once c h^2 is below the rounding unit relative
/// to max(1, |r|) (and h below 2^-26 of x, so that c stands for p'' all along the step) the
/// step is taken and the root returned: as accurate as evaluating npv in doubles allows.
/// Falls back to single_root_bracketed after kMaxNewton evaluations or when the polynomial
/// overflows.
inline std::optional<double> end_of_period_root(const EndOfPeriodSeries& s,
                                                double fallback_guess) {
    constexpr double kRoundoff = std::numeric_limits<double>::epsilon() / 2;
    constexpr double kMaxConfirmedStep = 0x1p-26;  // relative to x
    constexpr double kMinX = 1 / (1 + kMaxRate);
    constexpr double kInf = std::numeric_limits<double>::infinity();
    const auto first =
        std::find_if(s.flows.begin(), s.flows.end(), [](double f) { return f != 0; });
    if (first == s.flows.end()) return std::nullopt;
    const bool below_negative = *first < 0;  // p's sign for x below the root
    const double rho = log_growth_estimate(s);
    const double x0 = std::isnan(rho) ? 1 / (1 + fallback_guess)
                                      : std::exp(-std::clamp(rho, kMinStartLogGrowth,
                                                             kMaxStartLogGrowth));
    double x = x0, lo = 0, hi = kInf, last_step = kInf, step_before_last = kInf;
    for (int i = 0; i < kMaxNewton; ++i) {
        const Polynomial v = polynomial<2>(x, s.flows);
        const double p = v.p, d = v.xp1, e = v.x2p2;  // p, x p', x^2 p''
        if (p == 0) return (1 - x) / x;
        if (!std::isfinite(p) || !std::isfinite(d) || !std::isfinite(e)) break;
        ((p < 0) == below_negative ? lo : hi) = x;
        // h = p / p' = x p / d and c = p'' / (2 p') = e / (2 x d), as ratios, which do not
        // overflow when p and p' are huge (x > 1 and many periods). Chebyshev's h (1 + c h)
        // rather than Halley's h / (1 - c h): one division shorter, and as few steps on the
        // risk example's series. Where |c h| >= 1/2 (far from the root) the correction is no
        // longer small (and could turn the step around): Newton's step then.
        const double p_over_d = p / d, e_over_d = e / d;
        const double h = x * p_over_d;
        const double hc = 0.5 * p_over_d * e_over_d;
        const double step = std::abs(hc) < 0.5 ? h + h * hc : h;
        const double next = x - step;
        // Error in r = error in x / x^2, so c h^2 = hc h <= kRoundoff * max(1, |r|) * x^2,
        // |r| = |1 - x| / x.
        if (std::abs(h) <= kMaxConfirmedStep * x &&
            std::abs(hc * h) <= kRoundoff * x * std::max(x, std::abs(1 - x)))
            // r = 1 / next - 1 = ((1 - x) + step) / next: 1 - x is exact near x = 1 and the
            // small step is added before rounding, so a rate near 0 keeps its relative accuracy.
            return ((1 - x) + step) / next;
        double to;
        if (next > lo && next < hi && std::abs(step) <= 0.5 * std::abs(step_before_last))
            to = next;
        else if (hi == kInf)
            to = 2 * x;
        else if (lo == 0)
            to = 0.5 * x;
        else
            to = std::sqrt(lo * hi);
        step_before_last = last_step;
        last_step = to - x;
        x = to;
        if (x < kMinX) break;  // rate above kMaxRate: the fallback answers
    }
    return single_root_bracketed(s, (1 - x0) / x0);
}

/// The root of a series with exactly one sign change. By Descartes' rule of signs (in
/// x = 1/(1+r) > 0; for mid-period flows in sqrt(x), for dated flows its extension to real
/// exponents) npv has exactly one root above -100 %, so wherever Newton converges is the
/// answer. End-of-period flows: end_of_period_root(). Others: Newton from duration_estimate(),
/// stopping when a step is below kTolerance; if it wanders off, the root is bracketed around
/// the estimate and refined safely.
template <class Series>
std::optional<double> single_root(const Series& s, double fallback_guess) {
    if constexpr (std::is_same_v<Series, EndOfPeriodSeries>) {
        return end_of_period_root(s, fallback_guess);
    } else {
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
