// The Risk tab's bar charts: the probability that each alternative is the best choice (core's
// AlternativeRisk::probability_best) and the tornado of the uncertain inputs (core's
// risk::tornado). Thin views: every bar's value is core's. GUI thread only; owned by RiskPanel.
#pragma once

#include <eqroi/core/risk/analysis.hpp>
#include <eqroi/core/risk/sensitivity.hpp>

#include <QChartView>
#include <QList>
#include <QString>

#include <vector>

QT_BEGIN_NAMESPACE
class QAreaSeries;
class QBarSet;
QT_END_NAMESPACE

namespace eqroi::studio {

/// A horizontal bar per alternative (file order, first on top): the share of the trials in
/// which its NPV is the highest, in percent, the value written under its name.
class ProbabilityBestChart : public QChartView {
    Q_OBJECT
public:
    explicit ProbabilityBestChart(QWidget* parent = nullptr);

    void set_run(const eqroi::risk::RiskResult& run);
    void clear();

    /// One set per alternative, in the run's order; set i holds alternative i's percentage at
    /// index i (and 0 elsewhere: Qt Charts colours by set). Empty after clear().
    const QList<QBarSet*>& bar_sets() const { return sets_; }

private:
    QList<QBarSet*> sets_;
};

/// The tornado of the focus alternative (core's Tornado::focus: the one preferred at base):
/// a bar per input, widest swing on top, each running from the base NPV to the NPV with the
/// input at its low setting (P10) and to the NPV at its high setting (P90), the other inputs
/// at base. A dashed line marks the base NPV. Hover: the input's values and the NPVs.
class TornadoChart : public QChartView {
    Q_OBJECT
public:
    explicit TornadoChart(QWidget* parent = nullptr);

    /// `names`: the alternatives' names in file order (Tornado::base has only their ids).
    void set_tornado(const eqroi::risk::Tornado& tornado, const std::vector<std::string>& names,
                     const QString& currency);
    void clear();

    /// The bar of Tornado::bars[k] with the input at its low / high setting: an area whose
    /// upper line runs from (base NPV, y) to (NPV at that setting, y). nullptr past the bars.
    QAreaSeries* low_bar(std::size_t k) const;
    QAreaSeries* high_bar(std::size_t k) const;

private:
    QList<QAreaSeries*> low_, high_;
};

}  // namespace eqroi::studio
