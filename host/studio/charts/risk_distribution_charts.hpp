// The Risk tab's two pictures of the NPV's distribution per alternative: a histogram and the
// S-curve (cumulative distribution) with the P10, P50 and P90 marked. Thin views over a risk run
// (eqroi/core/risk/analysis.hpp) and the pictures read off it (charts/risk_figures.hpp).
// GUI thread only; owned by RiskPanel.
#pragma once

#include "charts/risk_figures.hpp"

#include <eqroi/core/risk/analysis.hpp>

#include <QChartView>
#include <QList>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QLineSeries;
class QScatterSeries;
QT_END_NAMESPACE

namespace eqroi::studio {

/// One filled step outline per alternative over the run's common NPV range: the height of a
/// bin is the share of the alternative's trials whose NPV falls in it (percent), so the areas
/// compare alternatives whatever the trial count. Hover: the bin's range and share.
class NpvHistogramChart : public QChartView {
    Q_OBJECT
public:
    explicit NpvHistogramChart(QWidget* parent = nullptr);

    /// Replaces the chart with `run`'s histograms (`pictures` = risk_figures::npv_pictures of
    /// the same run); `currency` for the axis title and tooltips.
    void set_run(const eqroi::risk::RiskResult& run, const risk_figures::NpvPictures& pictures,
                 const QString& currency);
    /// An empty chart with its title.
    void clear();

    /// The area of each alternative, in the run's order; empty after clear().
    const QList<QAreaSeries*>& areas() const { return areas_; }

private:
    QList<QAreaSeries*> areas_;
};

/// The S-curve per alternative: x = NPV, y = share of the trials with that NPV or less
/// (percent), drawn through core's percentiles; the P10, P50 and P90 of core's statistics
/// (OutputStatistics::p10/p50/p90) marked on each curve and labelled. Hover: the values.
class NpvSCurveChart : public QChartView {
    Q_OBJECT
public:
    explicit NpvSCurveChart(QWidget* parent = nullptr);

    void set_run(const eqroi::risk::RiskResult& run, const risk_figures::NpvPictures& pictures,
                 const QString& currency);
    void clear();

    /// The curve of each alternative, in the run's order; empty after clear().
    const QList<QLineSeries*>& curves() const { return curves_; }
    /// The markers of alternative `index`: three points (P10, 10), (P50, 50), (P90, 90), or
    /// nullptr when it has none (no trial, or an index past the run).
    QScatterSeries* percentile_markers(std::size_t index) const;

private:
    QList<QLineSeries*> curves_;
    QList<QScatterSeries*> markers_;
};

}  // namespace eqroi::studio
