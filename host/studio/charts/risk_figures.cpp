#include "charts/risk_figures.hpp"

#include "charts/result_figures.hpp"

#include <QObject>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace eqroi::studio::risk_figures {

QColor alternative_color(const eqroi::risk::RiskResult& r, std::size_t index) {
    // The deterministic charts' palette takes a StudyResult; only the alternatives' count and
    // which one is the baseline matter to it, so a result of that shape gives the same colours.
    eqroi::StudyResult shape;
    shape.alternatives.resize(r.alternatives.size());
    for (std::size_t i = 0; i < r.alternatives.size(); ++i)
        shape.alternatives[i].is_baseline = r.alternatives[i].is_baseline;
    return figures::alternative_color(shape, index);
}

QString alternative_label(const eqroi::risk::RiskResult& r, std::size_t index) {
    const auto& a = r.alternatives.at(index);
    QString name = QString::fromStdString(a.name.empty() ? a.id : a.name);
    if (a.is_baseline) name += QObject::tr(" (baseline)");
    return name;
}

std::vector<HistogramBin> histogram_bins(const eqroi::risk::QuantileSketch& npv, double low,
                                         double high, int bins) {
    std::vector<HistogramBin> out;
    if (!(low < high) || bins < 1) return out;
    out.resize(static_cast<std::size_t>(bins));
    const bool empty = npv.count() == 0;
    const double width = (high - low) / bins;
    // cdf(x) = share of trials <= x; below `low` (the smallest value shown) it is 0 when `low`
    // is the run's minimum, and whatever lies below otherwise stays out of the picture.
    double below = empty ? 0.0 : npv.cdf(std::nextafter(low, -INFINITY));
    for (int b = 0; b < bins; ++b) {
        HistogramBin& bin = out[static_cast<std::size_t>(b)];
        bin.low = low + b * width;
        bin.high = b + 1 == bins ? high : low + (b + 1) * width;
        const double upto = empty ? 0.0 : npv.cdf(bin.high);
        bin.share = std::max(0.0, upto - below);
        below = std::max(below, upto);
    }
    return out;
}

NpvPictures npv_pictures(const eqroi::risk::RiskResult& run, int bins, int curve_steps) {
    NpvPictures out;
    out.alternatives.resize(run.alternatives.size());
    double low = INFINITY, high = -INFINITY;
    for (const auto& a : run.alternatives)
        if (a.npv.count > 0) {
            low = std::min(low, a.npv.min);
            high = std::max(high, a.npv.max);
        }
    if (!(low <= high)) return out;  // no trial finished
    if (low == high) {  // every trial the same NPV: one bar around it
        const double half = std::max(1.0, std::fabs(low) * 0.005);
        low -= half;
        high += half;
    }
    // Bins of a round width (1, 2, 2.5 or 5 x 10^k: "bins of 5,000 EUR") starting at a multiple
    // of it: the widest round width giving at least `bins` bins over the range.
    const double raw = (high - low) / std::max(1, bins);
    const double decade = std::pow(10.0, std::floor(std::log10(raw)));
    double width = decade;
    for (double m : {2.0, 2.5, 5.0})
        if (m * decade <= raw) width = m * decade;
    const double start = std::floor(low / width) * width;
    bins = std::max(1, static_cast<int>(std::ceil((high - start) / width)));
    if (start + bins * width < high) ++bins;  // rounding: the last bin must hold the maximum
    out.low = start;
    out.high = start + bins * width;
    out.bins = bins;
    low = out.low;
    high = out.high;
    for (std::size_t i = 0; i < run.alternatives.size(); ++i) {
        const eqroi::risk::QuantileSketch& sketch = run.alternatives[i].npv_distribution;
        NpvPicture& picture = out.alternatives[i];
        picture.histogram = histogram_bins(sketch, low, high, bins);
        if (sketch.count() == 0) continue;
        for (int k = 0; k <= curve_steps; ++k) {
            const double q = static_cast<double>(k) / curve_steps;
            picture.s_curve.push_back({sketch.quantile(q), q});
        }
    }
    return out;
}

void fit_axis_around(QValueAxis* axis, double min, double max) {
    if (!std::isfinite(min) || !std::isfinite(max)) {
        axis->setRange(0, 1);
        return;
    }
    if (min == max) {
        const double half = std::max(1.0, std::fabs(min) * 0.01);
        min -= half;
        max += half;
    }
    const double pad = (max - min) * 0.04;
    axis->setRange(min - pad, max + pad);
    axis->applyNiceNumbers();
    axis->setMinorTickCount(1);
}

QString input_value(double v) {
    if (std::fabs(v) >= 1000) return figures::grouped(v, 0);
    return QString::number(v, 'g', 4);
}

QString run_text(const eqroi::risk::RiskResult& r) {
    const QString method = r.sampling == eqroi::risk::Method::latin_hypercube
                               ? QObject::tr("Latin hypercube")
                               : QObject::tr("Monte Carlo");
    return QObject::tr("%1, seed %2").arg(method).arg(r.seed);
}

}  // namespace eqroi::studio::risk_figures
