// The result views of the studio: the four charts and the measures table, in tabs.
// Thin views: every number shown comes from an eqroi::StudyResult computed by host/core.
#pragma once

#include <eqroi/core/engine.hpp>

#include <QList>
#include <QString>
#include <QTabWidget>

QT_BEGIN_NAMESPACE
class QChartView;
QT_END_NAMESPACE

namespace eqroi::studio {

class CumulativeChart;
class YearlyCashFlowChart;
class MeasuresView;
class LccBreakdownChart;

/// Tabs: "Cumulative discounted", "Yearly cash flow", "Measures", "Life-cycle cost".
/// Owned by the main window; call set_result() from the GUI thread after each recompute.
class ChartsPanel : public QTabWidget {
    Q_OBJECT
public:
    explicit ChartsPanel(QWidget* parent = nullptr);
    ~ChartsPanel() override;

    /// Shows a new result in every view (replaces the series; axes rescale). `currency` is
    /// the study's currency code ("EUR") for axis titles and tooltips.
    void set_result(const eqroi::StudyResult& result, const QString& currency);
    /// Empties every view (a study that failed to load).
    void clear();

    /// All four views at once in a 2 x 2 grid on one tab ("All charts", for a review on a big
    /// screen and the README's screenshot), or one view per tab (the default). The views are
    /// the same objects either way: exports and the report are unaffected.
    void set_all_at_once(bool on);
    bool all_at_once() const noexcept { return grid_ != nullptr; }

    /// The chart views in tab order (for PNG/SVG export and the PDF report). Owned by the panel.
    QList<QChartView*> chart_views() const;
    /// Titles of the chart views, same order.
    QStringList chart_titles() const;

    CumulativeChart* cumulative() const { return cumulative_; }
    YearlyCashFlowChart* yearly() const { return yearly_; }
    MeasuresView* measures() const { return measures_; }
    LccBreakdownChart* lcc() const { return lcc_; }

private:
    CumulativeChart* cumulative_ = nullptr;
    YearlyCashFlowChart* yearly_ = nullptr;
    MeasuresView* measures_ = nullptr;
    LccBreakdownChart* lcc_ = nullptr;
    QWidget* grid_ = nullptr;  // the "All charts" tab, while all_at_once()
};

}  // namespace eqroi::studio
