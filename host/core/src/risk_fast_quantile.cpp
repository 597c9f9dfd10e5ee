// The inverse CDFs as the sampler evaluates them (risk_detail.hpp): the same numbers as
// quantile(), with the per-distribution constants computed once, and a table for the beta
// family whose exact inverse (Boost's ibeta_inv) would cost more than a whole trial.
#include "risk_detail.hpp"

#include <boost/math/distributions/beta.hpp>

#include <algorithm>
#include <cmath>

#if defined(__SSE2__)
#include <emmintrin.h>
#endif

namespace eqroi::risk::detail {
namespace {

using BetaDist = boost::math::beta_distribution<double, Policy>;

struct Node {
    double u, x, slope;  // slope dx/du = 1 / pdf(x)
};

Node node(const BetaDist& dist, double u) {
    const double x = boost::math::quantile(dist, u);
    return {u, x, 1.0 / boost::math::pdf(dist, x)};
}

/// The cubic Hermite interpolant between two nodes, at t in [0, 1].
double hermite(const Node& a, const Node& b, double t) {
    const double h = b.u - a.u;
    const double c2 = 3 * (b.x - a.x) - h * (2 * a.slope + b.slope);
    const double c3 = 2 * (a.x - b.x) + h * (a.slope + b.slope);
    return a.x + t * (h * a.slope + t * (c2 + t * c3));
}

}  // namespace

BetaTable::BetaTable(double alpha, double beta, double tolerance)
    : alpha_(alpha), beta_(beta), u_lo_(0x1p-20), u_hi_(1 - 0x1p-20) {
    const BetaDist dist(alpha, beta);
    // Start from 64 equal pieces, then halve every piece whose midpoint misses the exact
    // quantile by more than the tolerance. The error of a cubic Hermite piece is
    // Q''''(xi) (u - u0)^2 (u - u1)^2 / 24, largest at the midpoint where Q'''' varies slowly;
    // the tests check a dense grid against Boost. Pieces narrower than 2^-44 are kept as they
    // are (no shape reaches it within the tolerance: the tails beyond 2^-20 use Boost).
    std::vector<Node> nodes;
    constexpr int start = 64;
    for (int i = 0; i <= start; ++i)
        nodes.push_back(node(dist, u_lo_ + (u_hi_ - u_lo_) * i / start));
    std::vector<Node> done{nodes.front()};
    std::vector<Node> pending(nodes.rbegin(), nodes.rend() - 1);  // right end of each piece
    while (!pending.empty()) {
        const Node& a = done.back();
        const Node b = pending.back();
        const double mid_u = 0.5 * (a.u + b.u);
        const Node mid = node(dist, mid_u);
        const bool close = std::abs(hermite(a, b, 0.5) - mid.x) <= tolerance;
        if (close || b.u - a.u < 0x1p-44 || done.size() > 65'536) {
            done.push_back(b);
            pending.pop_back();
        } else {
            pending.push_back(mid);
        }
    }
    // A shape so extreme that a slope overflows (a pdf of 0 at a node) or the table would grow
    // past 2^16 pieces: Boost's quantile for every u instead.
    const bool usable = done.size() <= 65'536 && std::all_of(done.begin(), done.end(), [](const Node& n) {
        return std::isfinite(n.x) && std::isfinite(n.slope);
    });
    if (!usable) {
        u_lo_ = u_hi_ = 0.5;  // the range test in operator() then always fails
        return;
    }
    for (std::size_t i = 0; i + 1 < done.size(); ++i) {
        const Node& a = done[i];
        const Node& b = done[i + 1];
        const double h = b.u - a.u;
        coefficients_.push_back({a.u, 1.0 / h, a.x, h * a.slope,
                                 3 * (b.x - a.x) - h * (2 * a.slope + b.slope),
                                 2 * (a.x - b.x) + h * (a.slope + b.slope), a.x, b.x});
    }
    for (const Piece& p : coefficients_) starts_.push_back(p.u0);
    // Guide table (Chen & Asau 1974): as many equal buckets of [u_lo, u_hi] as pieces; each
    // points at the piece holding its left end, so a lookup walks on average about one piece.
    const std::size_t buckets = coefficients_.size();
    guide_scale_ = static_cast<double>(buckets) / (u_hi_ - u_lo_);
    guide_.resize(buckets);
    std::size_t piece = 0;
    for (std::size_t g = 0; g < buckets; ++g) {
        const double left = u_lo_ + static_cast<double>(g) / guide_scale_;
        while (piece + 1 < coefficients_.size() && coefficients_[piece + 1].u0 <= left) ++piece;
        guide_[g] = static_cast<std::uint32_t>(piece);
    }
}

double BetaTable::exact(double u) const {
    return boost::math::quantile(BetaDist(alpha_, beta_), u);
}

double BetaTable::operator()(double u) const {
    if (!(u >= u_lo_ && u < u_hi_)) return exact(u);  // the tails, or a table not built
    const auto g = std::min(static_cast<std::size_t>((u - u_lo_) * guide_scale_),
                            guide_.size() - 1);
    // From the guide's piece, on to the last piece starting at or below u. The starts
    // increase, so the pieces after i starting at or below u are a run: counting them four at
    // a time gives the same piece as stepping one by one, without a branch for each.
    std::size_t i = guide_[g];
    const std::size_t last = starts_.size() - 1;
    for (;;) {
        if (i + 4 > last) {  // near the end: one by one
            while (i < last && starts_[i + 1] <= u) ++i;
            break;
        }
        const std::size_t run = (starts_[i + 1] <= u) + (starts_[i + 2] <= u) +
                                (starts_[i + 3] <= u) + (starts_[i + 4] <= u);
        i += run;
        if (run < 4) break;
    }
    const Piece& p = coefficients_[i];
    const double t = (u - p.u0) * p.inverse_width;
    const double x = p.c0 + t * (p.c1 + t * (p.c2 + t * p.c3));
    return std::clamp(x, p.x0, p.x1);
}

// ---------------------------------------------------------------------------------------------

FastQuantile::FastQuantile(const Distribution& d) : d_(d) {
    if (const auto* n = std::get_if<Normal>(&d); n && (n->min || n->max))
        how_ = TruncatedNormal{truncation(*n)};
    else if (const auto* l = std::get_if<risk::Lognormal>(&d))
        how_ = LogNormal{l->log_mu(), l->log_sigma()};
    else if (const auto* b = std::get_if<Beta>(&d))
        how_ = ScaledBeta{BetaTable(b->alpha, b->beta), b->min, b->max - b->min};
    else if (const auto* p = std::get_if<Pert>(&d))
        how_ = ScaledBeta{BetaTable(p->alpha(), p->beta()), p->min, p->max - p->min};
    else if (const auto* v = std::get_if<Uniform>(&d))
        how_ = Line{v->min, v->max - v->min};
    else if (const auto* t = std::get_if<Triangular>(&d))
        how_ = Triangle{t->min,         t->mode,        t->max,
                        t->max - t->min, t->mode - t->min, t->max - t->mode,
                        (t->mode - t->min) / (t->max - t->min)};
    else if (const auto* s = std::get_if<Discrete>(&d))
        how_ = Steps{discrete_steps(s->values(), s->probabilities())};
}

void FastQuantile::operator()(std::span<const double> u, std::span<double> out) const {
    // Each loop below is its distribution's quantile() (risk_distributions.cpp) written out
    // with the same operations in the same order, so the same bits; only what does not depend
    // on u is taken out of the loop (the same numbers, computed once).
    const std::size_t n = u.size();
    if (const auto* t = std::get_if<TruncatedNormal>(&how_)) {
        const Normal& normal = std::get<Normal>(d_);
        for (std::size_t k = 0; k < n; ++k)
            out[k] = truncated_normal_quantile(normal, t->truncation, u[k]);
    } else if (const auto* l = std::get_if<LogNormal>(&how_)) {
        // Boost's lognormal quantile is exp of its normal quantile with mu and sigma.
        for (std::size_t k = 0; k < n; ++k)
            out[k] = std::exp(normal_quantile(l->mu, l->sigma, u[k]));
    } else if (const auto* b = std::get_if<ScaledBeta>(&how_)) {
        for (std::size_t k = 0; k < n; ++k)
            out[k] = std::clamp(b->min + b->width * b->table(u[k]), b->min, b->min + b->width);
    } else if (const auto* line = std::get_if<Line>(&how_)) {
        for (std::size_t k = 0; k < n; ++k) out[k] = line->min + u[k] * line->width;
    } else if (const auto* tri = std::get_if<Triangle>(&how_)) {
        const Triangle c = *tri;
        std::size_t k = 0;
#if defined(__SSE2__)
        // Two values at a time, both sides of the mode computed and one kept: the square
        // roots, whose latency bounds this loop, then take one sqrtpd a value instead of two
        // sqrtsd (or one and a mispredicted branch). IEEE square roots, products and sums are
        // correctly rounded whichever instruction does them, so the bits are the scalar
        // loop's. The clamp is std::clamp's (v < lo ? lo : hi < v ? hi : v), which
        // maxpd(lo, v) then minpd(hi, .) reproduce including signed zeros.
        const __m128d min = _mm_set1_pd(c.min), max = _mm_set1_pd(c.max);
        const __m128d width = _mm_set1_pd(c.width), below = _mm_set1_pd(c.below),
                      above = _mm_set1_pd(c.above), at_mode = _mm_set1_pd(c.at_mode),
                      one = _mm_set1_pd(1.0);
        for (; k + 2 <= n; k += 2) {
            const __m128d uu = _mm_loadu_pd(&u[k]);
            const __m128d left =
                _mm_add_pd(min, _mm_sqrt_pd(_mm_mul_pd(_mm_mul_pd(uu, width), below)));
            const __m128d right = _mm_sub_pd(
                max, _mm_sqrt_pd(_mm_mul_pd(_mm_mul_pd(_mm_sub_pd(one, uu), width), above)));
            const __m128d on_left = _mm_cmplt_pd(uu, at_mode);
            const __m128d x =
                _mm_or_pd(_mm_and_pd(on_left, left), _mm_andnot_pd(on_left, right));
            _mm_storeu_pd(&out[k], _mm_min_pd(max, _mm_max_pd(min, x)));
        }
#endif
        for (; k < n; ++k) {  // Triangular::quantile
            const double x = u[k] < c.at_mode ? c.min + std::sqrt(u[k] * c.width * c.below)
                                              : c.max - std::sqrt((1.0 - u[k]) * c.width * c.above);
            out[k] = std::clamp(x, c.min, c.max);
        }
    } else if (const auto* s = std::get_if<Steps>(&how_)) {
        // Discrete::quantile: the first step whose cumulative probability reaches u
        // (lower_bound). The cumulative probabilities below u all come first (running sums
        // over the total are nondecreasing; the last, set to 1, is above u anyway), so for a
        // few values their count is that index, found without the binary search's
        // unpredictable branches.
        const auto& cumulative = s->steps.cumulative;
        const auto& values = s->steps.values;
        const std::size_t last = values.size() - 1;
        if (cumulative.size() <= 8) {
            for (std::size_t k = 0; k < n; ++k) {
                std::size_t below = 0;
                for (double c : cumulative) below += c < u[k];
                out[k] = values[std::min(below, last)];
            }
        } else {
            for (std::size_t k = 0; k < n; ++k) {
                const auto it = std::lower_bound(cumulative.begin(), cumulative.end(), u[k]);
                out[k] = values[std::min(static_cast<std::size_t>(it - cumulative.begin()), last)];
            }
        }
    } else if (const auto* normal = std::get_if<Normal>(&d_)) {  // untruncated
        for (std::size_t k = 0; k < n; ++k)
            out[k] = normal->mean + normal->sd * normal_quantile(0.0, 1.0, u[k]);
    } else {
        std::visit(
            [&](const auto& d) {
                for (std::size_t k = 0; k < n; ++k) out[k] = d.quantile(u[k]);
            },
            d_);
    }
}

}  // namespace eqroi::risk::detail
