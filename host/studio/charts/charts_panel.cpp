#include "charts/charts_panel.hpp"

#include "charts/cumulative_chart.hpp"
#include "charts/lcc_breakdown_chart.hpp"
#include "charts/measures_view.hpp"
#include "charts/yearly_cashflow_chart.hpp"

#include <QGridLayout>

namespace eqroi::studio {

ChartsPanel::ChartsPanel(QWidget* parent)
    : QTabWidget(parent),
      cumulative_(new CumulativeChart(this)),
      yearly_(new YearlyCashFlowChart(this)),
      measures_(new MeasuresView(this)),
      lcc_(new LccBreakdownChart(this)) {
    addTab(cumulative_, tr("Cumulative discounted"));
    addTab(yearly_, tr("Yearly cash flow"));
    addTab(measures_, tr("Measures"));
    addTab(lcc_, tr("Life-cycle cost"));
}

ChartsPanel::~ChartsPanel() = default;

void ChartsPanel::set_result(const eqroi::StudyResult& result, const QString& currency) {
    cumulative_->set_result(result, currency);
    yearly_->set_result(result, currency);
    measures_->set_result(result, currency);
    lcc_->set_result(result, currency);
}

void ChartsPanel::clear() {
    cumulative_->clear();
    yearly_->clear();
    measures_->clear();
    lcc_->clear();
}

void ChartsPanel::set_all_at_once(bool on) {
    if (on == all_at_once()) return;
    QWidget* const views[] = {cumulative_, yearly_, measures_, lcc_};
    const QString names[] = {tr("Cumulative discounted"), tr("Yearly cash flow"), tr("Measures"),
                             tr("Life-cycle cost")};
    if (on) {
        while (count() > 0) removeTab(0);  // removeTab keeps the widget
        grid_ = new QWidget(this);
        auto* grid = new QGridLayout(grid_);
        grid->setContentsMargins(0, 0, 0, 0);
        grid->setSpacing(4);
        for (int i = 0; i < 4; ++i) {
            grid->addWidget(views[i], i / 2, i % 2);
            views[i]->show();
        }
        addTab(grid_, tr("All charts"));
    } else {
        removeTab(0);
        for (int i = 0; i < 4; ++i) addTab(views[i], names[i]);  // reparents out of the grid
        delete grid_;
        grid_ = nullptr;
    }
}

QList<QChartView*> ChartsPanel::chart_views() const {
    return {cumulative_, yearly_->chart_view(), measures_->chart_view(), lcc_};
}

QStringList ChartsPanel::chart_titles() const {
    return {tr("Cumulative discounted cash flow"), tr("Yearly cash flow"), tr("Net present value"),
            tr("Life-cycle cost")};
}

}  // namespace eqroi::studio
