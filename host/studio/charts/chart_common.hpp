// Small helpers the chart views share (internal to host/studio/charts).
#pragma once

#include <QChartView>

namespace eqroi::studio {

/// Puts `chart` into `view` and deletes the chart it showed before (QChartView::setChart
/// hands the old one back to the caller).
inline void replace_chart(QChartView* view, QChart* chart) {
    QChart* old = view->chart();
    view->setChart(chart);
    if (old != chart) delete old;
}

}  // namespace eqroi::studio
