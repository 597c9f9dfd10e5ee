// Cumulative discounted cash flow per alternative, with each discounted payback marked.
#pragma once

#include <eqroi/core/engine.hpp>

#include <QChartView>
#include <QList>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QLineSeries;
class QScatterSeries;
class QGraphicsRectItem;
QT_END_NAMESPACE

namespace eqroi::studio {

/// A line per alternative, x = year (period / periods per year), y = the engine's
/// cumulative_discounted in the study's currency. Two kinds of payback marker, each a point and
/// a label:
/// - where the engine's discounted_payback of the alternative's own flow says it pays back:
///   at (payback, 0), where its curve crosses zero;
/// - where the engine's discounted payback against the baseline (vs_baseline) says buying it
///   instead of the baseline pays back: at that x on the alternative's curve (the drawn line,
///   straight between periods), which is where it crosses the baseline's curve. In a study of
///   costs only (no benefit lines) only these exist: no own flow ever turns positive.
/// Owned by ChartsPanel; GUI thread only.
class CumulativeChart : public QChartView {
    Q_OBJECT
public:
    explicit CumulativeChart(QWidget* parent = nullptr);

    /// Replaces the chart with one built from `result` (currency for the axis title).
    void set_result(const eqroi::StudyResult& result, const QString& currency);
    /// An empty chart with its title.
    void clear();

    /// The line of each alternative, in the result's (file) order; empty after clear().
    const QList<QLineSeries*>& alternative_series() const { return lines_; }
    /// The marker of alternative `index`'s own discounted payback (one point), or nullptr when
    /// the engine says it is not reached.
    QScatterSeries* payback_marker(std::size_t index) const;
    /// The marker of its discounted payback against the baseline (one point), or nullptr when
    /// not reached (and for the baseline itself).
    QScatterSeries* baseline_payback_marker(std::size_t index) const;

private:
    struct Marker {
        std::size_t alternative = 0;
        bool vs_baseline = false;
        QScatterSeries* point = nullptr;
        QGraphicsRectItem* label = nullptr;  ///< a box with the text, child of the chart
    };
    void add_marker(QChart* chart, std::size_t alternative, bool vs_baseline, QPointF at,
                    const QColor& color, const QString& text);
    void place_labels();

    QList<QLineSeries*> lines_;
    std::vector<Marker> markers_;
};

}  // namespace eqroi::studio
