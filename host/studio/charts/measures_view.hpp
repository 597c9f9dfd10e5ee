// The measures side by side: NPV bars per alternative above the table of every measure.
#pragma once

#include <eqroi/core/engine.hpp>

#include <QString>
#include <QWidget>

QT_BEGIN_NAMESPACE
class QHorizontalStackedBarSeries;
class QChartView;
class QTableView;
QT_END_NAMESPACE

namespace eqroi::studio {

class MeasuresModel;

/// A horizontal bar per alternative, the highest NPV on top (its NPV, after tax in a taxed
/// study; the axis labels give each value)
/// and a table of NPV, IRR, MIRR, paybacks, EUAC, LCC and, against the baseline, the
/// incremental NPV, IRR, paybacks, SIR and AIRR. Owned by ChartsPanel; GUI thread only.
class MeasuresView : public QWidget {
    Q_OBJECT
public:
    explicit MeasuresView(QWidget* parent = nullptr);

    void set_result(const eqroi::StudyResult& result, const QString& currency);
    void clear();

    QChartView* chart_view() const { return chart_view_; }
    QTableView* table_view() const { return table_; }
    MeasuresModel* model() const { return model_; }
    /// The NPV bars, or nullptr. Bottom to top: QBarSet i is the alternative ranked
    /// (alternatives - i), with its NPV at category i and 0 elsewhere (stacked, so each bar
    /// has its alternative's colour).
    QHorizontalStackedBarSeries* npv_bars() const { return bars_; }

private:
    QChartView* chart_view_ = nullptr;
    QTableView* table_ = nullptr;
    MeasuresModel* model_ = nullptr;
    QHorizontalStackedBarSeries* bars_ = nullptr;
};

}  // namespace eqroi::studio
