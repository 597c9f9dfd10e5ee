// The inverse CDFs as the sampler evaluates them (risk_detail.hpp): the same numbers as
// quantile(), with the per-distribution constants computed once, and a table for the beta
// family whose exact inverse (Boost's ibeta_inv) would cost more than a whole trial.
#include "risk_detail.hpp"

#include <boost/math/distributions/beta.hpp>
#include <boost/math/distributions/lognormal.hpp>

#include <algorithm>
#include <cmath>

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

double BetaTable::operator()(double u) const {
    if (!(u >= u_lo_ && u < u_hi_)) return boost::math::quantile(BetaDist(alpha_, beta_), u);
    const auto g = std::min(static_cast<std::size_t>((u - u_lo_) * guide_scale_),
                            guide_.size() - 1);
    std::size_t i = guide_[g];
    while (i + 1 < coefficients_.size() && coefficients_[i + 1].u0 <= u) ++i;
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
}

void FastQuantile::operator()(std::span<const double> u, std::span<double> out) const {
    const std::size_t n = u.size();
    if (const auto* t = std::get_if<TruncatedNormal>(&how_)) {
        const Normal& normal = std::get<Normal>(d_);
        for (std::size_t k = 0; k < n; ++k)
            out[k] = truncated_normal_quantile(normal, t->truncation, u[k]);
    } else if (const auto* l = std::get_if<LogNormal>(&how_)) {
        const boost::math::lognormal_distribution<double, Policy> dist(l->mu, l->sigma);
        for (std::size_t k = 0; k < n; ++k) out[k] = boost::math::quantile(dist, u[k]);
    } else if (const auto* b = std::get_if<ScaledBeta>(&how_)) {
        for (std::size_t k = 0; k < n; ++k)
            out[k] = std::clamp(b->min + b->width * b->table(u[k]), b->min, b->min + b->width);
    } else {
        std::visit(
            [&](const auto& d) {
                for (std::size_t k = 0; k < n; ++k) out[k] = d.quantile(u[k]);
            },
            d_);
    }
}

}  // namespace eqroi::risk::detail
