#include "charts/lcc_breakdown_chart.hpp"

#include "charts/chart_common.hpp"
#include "charts/chart_style.hpp"
#include "charts/result_figures.hpp"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QHorizontalStackedBarSeries>
#include <QValueAxis>

#include <algorithm>
#include <map>

namespace eqroi::studio {

LccBreakdownChart::LccBreakdownChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    clear();
}

void LccBreakdownChart::clear() {
    bars_ = nullptr;
    ids_.clear();
    unreconciled_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr("Life-cycle cost by category"));
    replace_chart(this, chart);
}

void LccBreakdownChart::set_result(const eqroi::StudyResult& result, const QString& currency) {
    ids_.clear();
    unreconciled_.clear();
    auto* chart = new QChart;
    const bool taxed = result.settings.tax_rate > 0;

    // Bottom to top: the last alternative first, so the study's first one is on top.
    std::vector<const eqroi::AlternativeResult*> order;
    for (auto it = result.alternatives.rbegin(); it != result.alternatives.rend(); ++it)
        order.push_back(&*it);
    std::vector<figures::LccBreakdown> parts;
    std::map<int, bool> used;  // categories with a part in some alternative, in enum order
    QStringList labels;
    for (const auto* a : order) {
        parts.push_back(figures::lcc_by_category(*a));
        for (const auto& p : parts.back().parts) used[int(p.category)] = true;
        ids_ << QString::fromStdString(a->id);
        // Axis labels are rich text: <br> breaks the line.
        labels << QStringLiteral("%1<br>LCC %2 %3")
                      .arg(QString::fromStdString(a->name), figures::money(a->measures.lcc),
                           currency);
        if (!parts.back().reconciles) unreconciled_ << QString::fromStdString(a->id);
    }
    QString title = taxed ? tr("Life-cycle cost by category (present value, after tax)")
                          : tr("Life-cycle cost by category (present value)");
    if (!unreconciled_.isEmpty())
        title += tr(" - the parts do not add up to the engine's LCC for %1")
                     .arg(unreconciled_.join(QStringLiteral(", ")));
    style_chart(chart, title);

    auto* bars = new QHorizontalStackedBarSeries;
    bars->setBarWidth(0.6);
    std::vector<double> low(order.size(), 0.0), high(order.size(), 0.0);
    for (const auto& [c, unused] : used) {
        const auto category = static_cast<figures::CashCategory>(c);
        auto* set = new QBarSet(figures::category_label(category));
        set->setColor(figures::category_color(category));
        set->setBorderColor(figures::category_color(category).darker(115));
        for (std::size_t i = 0; i < order.size(); ++i) {
            double cost = 0;
            for (const auto& p : parts[i].parts)
                if (p.category == category) cost = p.cost;
            set->append(cost);
            (cost < 0 ? low[i] : high[i]) += cost;
        }
        const QString label = set->label();
        const QStringList names = labels;
        connect(set, &QBarSet::hovered, this, [set, label, names, currency](bool state, int i) {
            show_hover_text(state ? QStringLiteral("%1, %2: %3 %4")
                                        .arg(names.value(i).section(QStringLiteral("<br>"), 0, 0),
                                             label, figures::money(set->at(i)), currency)
                                  : QString());
        });
        bars->append(set);
    }
    chart->addSeries(bars);
    chart->legend()->setAlignment(Qt::AlignRight);  // short names: a column never elides
    auto* y_axis = new QBarCategoryAxis;
    y_axis->append(labels);
    y_axis->setTitleText(tr("Alternative"));
    auto* x_axis = make_money_axis(tr("Present value of costs") + currency_suffix(currency));
    chart->addAxis(y_axis, Qt::AlignLeft);
    chart->addAxis(x_axis, Qt::AlignBottom);
    bars->attachAxis(y_axis);
    bars->attachAxis(x_axis);
    fit_money_axis(x_axis, low.empty() ? 0.0 : *std::min_element(low.begin(), low.end()),
                   high.empty() ? 0.0 : *std::max_element(high.begin(), high.end()));
    bars_ = bars;
    replace_chart(this, chart);
}

}  // namespace eqroi::studio
