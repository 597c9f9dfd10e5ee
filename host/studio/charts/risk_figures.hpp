// What the Risk tab's charts read from a risk run (eqroi/core/risk/analysis.hpp) and a tornado
// (risk/sensitivity.hpp), turned into Qt colours, texts and chart coordinates. No statistics
// here: every value is core's (OutputStatistics, QuantileSketch::cdf/quantile, Tornado); this
// file only places them, and bins the NPV summary for the histogram (presentation).
#pragma once

#include <eqroi/core/risk/analysis.hpp>

#include <QColor>
#include <QString>

#include <cstddef>
#include <vector>

QT_BEGIN_NAMESPACE
class QValueAxis;
QT_END_NAMESPACE

namespace eqroi::studio::risk_figures {

/// The colour of alternative `index` of a risk run: the same as in the deterministic charts
/// (figures::alternative_color: Okabe-Ito hues, the baseline grey).
QColor alternative_color(const eqroi::risk::RiskResult& r, std::size_t index);

/// "Buy machine A (5-axis premium)", with " (baseline)" for the baseline, as the deterministic
/// charts name their series.
QString alternative_label(const eqroi::risk::RiskResult& r, std::size_t index);

/// One bar of an NPV histogram: the share of the trials with low < NPV <= high (the first bin
/// also holds NPV = low).
struct HistogramBin {
    double low = 0, high = 0;
    double share = 0;  ///< fraction of the trials, 0..1
};

/// `bins` equal bins from `low` to `high` (low < high, bins >= 1), each holding the difference
/// of core's S-curve at its ends (QuantileSketch::cdf, within the sketch's rank error): binning
/// core's bounded summary of the trials, never the trials themselves. An empty sketch gives
/// every share 0; an empty vector for low >= high or bins < 1.
std::vector<HistogramBin> histogram_bins(const eqroi::risk::QuantileSketch& npv, double low,
                                         double high, int bins);

/// A point of an S-curve: `share` of the trials have an NPV <= `npv`.
struct CurvePoint {
    double npv = 0;
    double share = 0;
};

/// What the histogram and the S-curve draw for one alternative.
struct NpvPicture {
    /// (core's QuantileSketch::quantile(q), q) for q = 0, 1/steps, ..., 1: the S-curve through
    /// core's percentiles. Empty when no trial finished.
    std::vector<CurvePoint> s_curve;
    std::vector<HistogramBin> histogram;  ///< over NpvPictures' common range
};

/// The pictures of every alternative of a run, on one NPV range so they can be compared.
struct NpvPictures {
    /// The histogram's range: from the smallest to the largest NPV of any trial (core's min and
    /// max), widened to whole bins of a round width.
    double low = 0, high = 0;
    int bins = 0;  ///< at least the `bins` asked for, at most about twice as many
    std::vector<NpvPicture> alternatives;  ///< the run's order
};

/// Reads the pictures off core's NPV summaries (a few hundred quantile()/cdf() calls, each a
/// pass over the bounded summary: done on the risk worker, not the GUI thread). Plain data,
/// safe from any thread. A run with no trial gives empty pictures.
NpvPictures npv_pictures(const eqroi::risk::RiskResult& run, int bins = 60, int curve_steps = 200);

/// Sets a value axis for amounts to [min, max] plus 4 % on each side, rounded to nice tick
/// values, WITHOUT stretching to 0 (NPVs of -1.2 million and -0.9 million keep their detail;
/// chart_style's fit_money_axis includes 0). A single value gets a range around it.
void fit_axis_around(QValueAxis* axis, double min, double max);

/// An input's value as the charts write it: grouped whole units from 1,000 up ("45,000"),
/// else 4 significant digits ("650", "0.19", "0.0125").
QString input_value(double v);

/// How the run drew its trials: "Latin hypercube, seed 2027".
QString run_text(const eqroi::risk::RiskResult& r);

}  // namespace eqroi::studio::risk_figures
