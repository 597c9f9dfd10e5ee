#include "charts/yearly_cashflow_chart.hpp"

#include "charts/chart_common.hpp"
#include "charts/chart_style.hpp"
#include "charts/result_figures.hpp"

#include <QBarCategoryAxis>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QPen>
#include <QStackedBarSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace eqroi::studio {

YearlyCashFlowChart::YearlyCashFlowChart(QWidget* parent)
    : QWidget(parent), selector_(new QComboBox(this)), view_(new QChartView(this)) {
    view_->setRenderHint(QPainter::Antialiasing);
    auto* top = new QHBoxLayout;
    auto* label = new QLabel(tr("&Alternative:"), this);
    label->setBuddy(selector_);
    top->addWidget(label);
    top->addWidget(selector_, 1);
    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);
    layout->addLayout(top);
    layout->addWidget(view_, 1);
    connect(selector_, &QComboBox::currentIndexChanged, this, [this](int) { rebuild(); });
    clear();
}

int YearlyCashFlowChart::alternative() const { return has_result_ ? selector_->currentIndex() : -1; }
int YearlyCashFlowChart::alternative_count() const { return has_result_ ? selector_->count() : 0; }

void YearlyCashFlowChart::show_alternative(int index) {
    if (index == selector_->currentIndex()) return rebuild();
    selector_->setCurrentIndex(index);  // rebuilds through currentIndexChanged
}

void YearlyCashFlowChart::clear() {
    has_result_ = false;
    result_ = {};
    {
        const QSignalBlocker block(selector_);
        selector_->clear();
    }
    selector_->setEnabled(false);
    rebuild();
}

void YearlyCashFlowChart::set_result(const eqroi::StudyResult& result, const QString& currency) {
    const int old = selector_->currentIndex();
    const std::string kept =
        has_result_ && old >= 0 && std::size_t(old) < result_.alternatives.size()
            ? result_.alternatives[old].id
            : std::string();
    result_ = result;
    currency_ = currency;
    has_result_ = true;
    int index = 0;
    {
        const QSignalBlocker block(selector_);
        selector_->clear();
        for (std::size_t i = 0; i < result.alternatives.size(); ++i) {
            const auto& a = result.alternatives[i];
            selector_->addItem(QString::fromStdString(a.name) +
                               (a.is_baseline ? tr(" (baseline)") : QString()));
            if (a.id == kept) index = int(i);
        }
        selector_->setCurrentIndex(result.alternatives.empty() ? -1 : index);
    }
    selector_->setEnabled(result.alternatives.size() > 1);
    rebuild();
}

void YearlyCashFlowChart::rebuild() {
    bars_ = nullptr;
    net_ = nullptr;
    auto* chart = new QChart;
    const int index = selector_->currentIndex();
    if (!has_result_ || index < 0 || std::size_t(index) >= result_.alternatives.size()) {
        style_chart(chart, tr("Yearly cash flow"));
        replace_chart(view_, chart);
        return;
    }
    const eqroi::AlternativeResult& a = result_.alternatives[std::size_t(index)];
    const bool taxed = result_.settings.tax_rate > 0;
    style_chart(chart, tr("Yearly cash flow: %1").arg(QString::fromStdString(a.name)));

    const int ppy = result_.settings.periods_per_year();
    const std::vector<double> net = figures::by_year(a.net, ppy);
    QStringList years;
    for (std::size_t y = 0; y < net.size(); ++y) years << QString::number(y);

    auto* bars = new QStackedBarSeries;
    bars->setBarWidth(0.7);
    std::vector<double> low(net.size(), 0.0), high(net.size(), 0.0);
    const QString currency = currency_;
    for (const figures::CategoryYears& c : figures::yearly_by_category(a, ppy)) {
        auto* set = new QBarSet(figures::category_label(c.category));
        set->setColor(figures::category_color(c.category));
        set->setBorderColor(figures::category_color(c.category).darker(115));
        for (std::size_t y = 0; y < c.amounts.size(); ++y) {
            set->append(c.amounts[y]);
            if (y < low.size()) (c.amounts[y] < 0 ? low[y] : high[y]) += c.amounts[y];
        }
        const QString label = set->label();
        connect(set, &QBarSet::hovered, this, [set, label, currency](bool state, int y) {
            show_hover_text(state ? QStringLiteral("%1, year %2: %3 %4")
                                        .arg(label)
                                        .arg(y)
                                        .arg(figures::money(set->at(y)), currency)
                                  : QString());
        });
        bars->append(set);
    }
    chart->addSeries(bars);
    chart->legend()->setAlignment(Qt::AlignRight);  // short names: a column never elides

    auto* line = new QLineSeries;
    line->setName(taxed ? tr("Net cash flow after tax") : tr("Net cash flow"));
    for (std::size_t y = 0; y < net.size(); ++y) line->append(double(y), net[y]);
    line->setPen(QPen(Qt::black, 2));
    line->setPointsVisible(true);
    connect(line, &QLineSeries::hovered, this, [net, currency, taxed](const QPointF& p, bool state) {
        if (!state || net.empty()) return show_hover_text({});
        const auto y = std::min<std::size_t>(net.size() - 1,
                                             std::size_t(std::lround(std::max(0.0, p.x()))));
        show_hover_text(QStringLiteral("%1, year %2: %3 %4")
                            .arg(taxed ? QStringLiteral("Net after tax") : QStringLiteral("Net"))
                            .arg(y)
                            .arg(figures::money(net[y]), currency));
    });
    chart->addSeries(line);

    auto* x_axis = new QBarCategoryAxis;
    x_axis->append(years);
    x_axis->setTitleText(ppy == 1 ? tr("Year") : tr("Year (months summed; 0 = the start)"));
    auto* y_axis = make_money_axis(tr("Cash flow") + currency_suffix(currency_));
    chart->addAxis(x_axis, Qt::AlignBottom);
    chart->addAxis(y_axis, Qt::AlignLeft);
    bars->attachAxis(x_axis);
    bars->attachAxis(y_axis);
    line->attachAxis(x_axis);
    line->attachAxis(y_axis);
    double lo = 0, hi = 0;
    for (std::size_t y = 0; y < net.size(); ++y) {
        lo = std::min({lo, low[y], net[y]});
        hi = std::max({hi, high[y], net[y]});
    }
    fit_money_axis(y_axis, lo, hi);
    bars_ = bars;
    net_ = line;
    replace_chart(view_, chart);
}

}  // namespace eqroi::studio
