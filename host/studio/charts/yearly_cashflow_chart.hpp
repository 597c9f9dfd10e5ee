// Yearly cash flow of one alternative (chosen in a selector), stacked by category, with the
// net flow drawn over the bars.
#pragma once

#include <eqroi/core/engine.hpp>

#include <QString>
#include <QWidget>

#include <string>

QT_BEGIN_NAMESPACE
class QChartView;
class QComboBox;
class QLineSeries;
class QStackedBarSeries;
QT_END_NAMESPACE

namespace eqroi::studio {

/// A bar per year (period 0 on its own, then each year; a monthly study's months are summed
/// by year, as the CLI tables do), stacked by category (capital, financing, maintenance...,
/// benefits, income tax): costs below zero, benefits above. A line shows the net flow after
/// tax (before tax in an untaxed study they are equal). Owned by ChartsPanel; GUI thread only.
class YearlyCashFlowChart : public QWidget {
    Q_OBJECT
public:
    explicit YearlyCashFlowChart(QWidget* parent = nullptr);

    /// Keeps the chosen alternative (by id) when it is still in the result, else the first.
    void set_result(const eqroi::StudyResult& result, const QString& currency);
    void clear();

    /// Shows alternative `index` (file order) and selects it in the selector.
    void show_alternative(int index);
    /// The alternative shown (file order), -1 when empty.
    int alternative() const;
    /// How many alternatives the selector offers.
    int alternative_count() const;

    QChartView* chart_view() const { return view_; }
    /// The stacked bars shown (one QBarSet per category), or nullptr when empty.
    QStackedBarSeries* bars() const { return bars_; }
    /// The net flow line (x = year index), or nullptr when empty.
    QLineSeries* net_line() const { return net_; }

private:
    void rebuild();

    QComboBox* selector_ = nullptr;
    QChartView* view_ = nullptr;
    QStackedBarSeries* bars_ = nullptr;
    QLineSeries* net_ = nullptr;
    eqroi::StudyResult result_;  ///< a copy: the selector redraws without a recompute
    QString currency_;
    bool has_result_ = false;
};

}  // namespace eqroi::studio
