// Hovering a point or a bar shows its value: the charts answer Qt Charts' hovered signals with
// a tooltip naming the alternative (or category), the year and the amount as the CLI writes
// it. The signals are emitted here as Qt Charts emits them under the mouse.
#include "charts_fixture.hpp"

#include "charts/charts_panel.hpp"
#include "charts/cumulative_chart.hpp"
#include "charts/lcc_breakdown_chart.hpp"
#include "charts/measures_view.hpp"
#include "charts/result_figures.hpp"
#include "charts/yearly_cashflow_chart.hpp"

#include <QBarSet>
#include <QHorizontalStackedBarSeries>
#include <QLineSeries>
#include <QScatterSeries>
#include <QStackedBarSeries>
#include <QToolTip>

namespace {

using eqroi::studio::ChartsPanel;
namespace figures = eqroi::studio::figures;

class ChartsHover : public ::testing::Test {
protected:
    static void SetUpTestSuite() { cnc_ = charts_test::load_example("cnc_replacement.toml"); }
    static void TearDownTestSuite() { cnc_.reset(); }
    void SetUp() override {
        panel_.set_result(cnc_->result, "EUR");
        panel_.show();
    }
    void TearDown() override { QToolTip::hideText(); }
    static inline std::unique_ptr<charts_test::Loaded> cnc_;
    ChartsPanel panel_;
};

TEST_F(ChartsHover, CumulativePointShowsItsYearAndValue) {
    const auto& keep = cnc_->result.alternatives[0];
    QLineSeries* line = panel_.cumulative()->alternative_series()[0];
    // Near year 3 on the line: the tooltip gives the engine's value at the end of year 3
    // (-418,188 EUR in the CLI's "Cumulative discounted" row for keep).
    emit line->hovered(QPointF(3.2, keep.cumulative_discounted[3]), true);
    const QString tip = QToolTip::text();
    EXPECT_TRUE(tip.contains("Keep the old machine")) << tip.toStdString();
    EXPECT_TRUE(tip.contains("end of year 3")) << tip.toStdString();
    EXPECT_TRUE(tip.contains(figures::money(keep.cumulative_discounted[3]) + " EUR"))
        << tip.toStdString();
}

TEST_F(ChartsHover, PaybackMarkerShowsThePayback) {
    QScatterSeries* marker = panel_.cumulative()->baseline_payback_marker(1);
    ASSERT_NE(marker, nullptr);
    emit marker->hovered(marker->at(0), true);
    EXPECT_TRUE(QToolTip::text().contains("7.09 yr")) << QToolTip::text().toStdString();
}

TEST_F(ChartsHover, BarsShowTheirCategoryYearAndAmount) {
    panel_.yearly()->show_alternative(0);
    QBarSet* labour = nullptr;
    for (QBarSet* set : panel_.yearly()->bars()->barSets())
        if (set->label() == "Labour") labour = set;
    ASSERT_NE(labour, nullptr);
    emit labour->hovered(true, 4);
    EXPECT_EQ(QToolTip::text(),
              QStringLiteral("Labour, year 4: %1 EUR").arg(figures::money(labour->at(4))));

    QBarSet* npv = panel_.measures()->npv_bars()->barSets().back();  // rank 1, on top
    emit npv->hovered(true, 2);
    EXPECT_TRUE(QToolTip::text().contains("NPV -1,022,331.27 EUR")) << QToolTip::text().toStdString();

    QBarSet* first = panel_.lcc()->bars()->barSets().front();
    emit first->hovered(true, 0);
    EXPECT_TRUE(QToolTip::text().startsWith("Buy machine B (3-axis, service contract), " +
                                            first->label() + ": "))
        << QToolTip::text().toStdString();
}

}  // namespace
