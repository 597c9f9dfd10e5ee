// ChartsPanel's two layouts: one view per tab, or all four at once in a grid. The views are the
// same objects in both, so what they show (and what exports and the report take from them)
// must not change when the layout does.
#include "charts/charts_panel.hpp"
#include "charts/cumulative_chart.hpp"
#include "charts_fixture.hpp"

#include <QApplication>
#include <QtCharts/QChart>
#include <QtCharts/QChartView>
#include <QtCharts/QLineSeries>

#include <gtest/gtest.h>

using eqroi::studio::ChartsPanel;

namespace {

/// The points of the line series named `name` (an alternative's curve; the chart also has a
/// zero line and payback markers).
QList<QPointF> curve(QChartView* view, const std::string& name) {
    for (QAbstractSeries* s : view->chart()->series())
        if (auto* line = qobject_cast<QLineSeries*>(s);
            line && line->name().startsWith(QString::fromStdString(name)))
            return line->points();
    return {};
}

}  // namespace

TEST(ChartsPanelLayout, AllAtOnceShowsTheSameFourViewsInOneTabAndGoesBack) {
    const auto cnc = charts_test::load_example("cnc_replacement.toml");
    ChartsPanel panel;
    panel.resize(1400, 900);
    panel.set_result(cnc->result, "EUR");
    panel.show();
    QApplication::processEvents();
    ASSERT_EQ(panel.count(), 4);
    const QList<QChartView*> views = panel.chart_views();
    ASSERT_EQ(views.size(), 4);
    const std::string keep = cnc->result.alternatives[0].name;
    const QList<QPointF> before = curve(views[0], keep);
    // Example (a)'s first alternative, keep: the curve has a point per year 0..10.
    ASSERT_EQ(before.size(), 11);

    panel.set_all_at_once(true);
    QApplication::processEvents();
    EXPECT_TRUE(panel.all_at_once());
    ASSERT_EQ(panel.count(), 1);
    EXPECT_EQ(panel.tabText(0), "All charts");
    EXPECT_EQ(panel.chart_views(), views);  // the same objects
    for (QChartView* v : views) {
        EXPECT_TRUE(v->isVisible());
        EXPECT_TRUE(panel.widget(0)->isAncestorOf(v));
        // A quarter of the panel each, give or take the margins: all four really are on screen.
        EXPECT_GT(v->width(), 300);
        EXPECT_GT(v->height(), 150);
    }
    EXPECT_EQ(curve(views[0], keep), before);

    // A new result reaches the views in the grid too: the last point is the NPV.
    panel.set_result(cnc->result, "EUR");
    EXPECT_DOUBLE_EQ(curve(views[0], keep).back().y(), cnc->result.alternatives[0].measures.npv);

    panel.set_all_at_once(false);
    QApplication::processEvents();
    ASSERT_EQ(panel.count(), 4);
    EXPECT_EQ(panel.tabText(0), "Cumulative discounted");
    EXPECT_EQ(panel.tabText(3), "Life-cycle cost");
    EXPECT_EQ(panel.chart_views(), views);
    EXPECT_EQ(curve(views[0], keep), before);
}
