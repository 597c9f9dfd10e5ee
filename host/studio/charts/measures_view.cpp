#include "charts/measures_view.hpp"

#include "charts/chart_common.hpp"
#include "charts/chart_style.hpp"
#include "charts/measures_model.hpp"
#include "charts/result_figures.hpp"

#include <QBarCategoryAxis>
#include <QHorizontalStackedBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHeaderView>
#include <QLegend>
#include <QSplitter>
#include <QTableView>
#include <QVBoxLayout>

#include <algorithm>
#include <QValueAxis>

namespace eqroi::studio {

MeasuresView::MeasuresView(QWidget* parent)
    : QWidget(parent),
      chart_view_(new QChartView),
      table_(new QTableView),
      model_(new MeasuresModel(this)) {
    chart_view_->setRenderHint(QPainter::Antialiasing);
    table_->setModel(model_);
    table_->setAlternatingRowColors(true);
    table_->setSelectionMode(QAbstractItemView::ContiguousSelection);
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->verticalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
    auto* split = new QSplitter(Qt::Vertical, this);
    split->addWidget(chart_view_);
    split->addWidget(table_);
    split->setSizes({1, 1});  // half and half once shown
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addWidget(split);
    clear();
}

void MeasuresView::clear() {
    bars_ = nullptr;
    model_->clear();
    auto* chart = new QChart;
    style_chart(chart, tr("Net present value"));
    replace_chart(chart_view_, chart);
}

void MeasuresView::set_result(const eqroi::StudyResult& result, const QString& currency) {
    model_->set_result(result, currency);
    const bool taxed = result.settings.tax_rate > 0;
    auto* chart = new QChart;
    style_chart(chart, taxed ? tr("Net present value after tax, ranked")
                             : tr("Net present value, ranked"));
    // A bar per alternative in its own colour: a stacked series whose set i has a value only
    // in category i (Qt Charts colours by set, not by bar). Horizontal, the highest NPV on top:
    // the left axis has room for the names and, on a second line, the values.
    auto order = figures::ranked(result);
    std::reverse(order.begin(), order.end());  // bottom to top
    auto* bars = new QHorizontalStackedBarSeries;
    bars->setBarWidth(0.6);
    QStringList categories;
    double lo = 0, hi = 0;
    for (std::size_t r = 0; r < order.size(); ++r) {
        const eqroi::AlternativeResult* a = order[r];
        const auto index = std::size_t(a - result.alternatives.data());
        const QString name = QString::fromStdString(a->name);
        // Axis labels are rich text: the value on a second line, so a printed chart reads
        // without hovering.
        categories << QStringLiteral("%1. %2<br><b>%3 %4</b>")
                          .arg(a->rank)
                          .arg(name.toHtmlEscaped(), figures::money(a->measures.npv), currency);
        auto* set = new QBarSet(name);
        set->setColor(figures::alternative_color(result, index));
        for (std::size_t c = 0; c < order.size(); ++c) set->append(c == r ? a->measures.npv : 0.0);
        lo = std::min(lo, a->measures.npv);
        hi = std::max(hi, a->measures.npv);
        const QString text = QStringLiteral("%1: NPV %2 %3")
                                 .arg(name, figures::money2(a->measures.npv), currency);
        connect(set, &QBarSet::hovered, this,
                [text](bool state, int) { show_hover_text(state ? text : QString()); });
        bars->append(set);
    }
    chart->addSeries(bars);
    // The legend repeats the names with their colours (as in the other charts), rank 1 first.
    chart->legend()->setReverseMarkers(true);
    auto* names_axis = new QBarCategoryAxis;
    names_axis->append(categories);
    names_axis->setTitleText(tr("Alternatives, highest NPV first"));
    auto* y_axis = make_money_axis(tr("NPV") + currency_suffix(currency));
    chart->addAxis(names_axis, Qt::AlignLeft);
    chart->addAxis(y_axis, Qt::AlignBottom);
    bars->attachAxis(names_axis);
    bars->attachAxis(y_axis);
    fit_money_axis(y_axis, lo, hi);
    bars_ = bars;
    replace_chart(chart_view_, chart);
}

}  // namespace eqroi::studio
