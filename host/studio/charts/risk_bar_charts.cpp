#include "charts/risk_bar_charts.hpp"

#include "charts/chart_common.hpp"
#include "charts/chart_style.hpp"
#include "charts/result_figures.hpp"
#include "charts/risk_figures.hpp"

#include <QAreaSeries>
#include <QBarCategoryAxis>
#include <QBarSet>
#include <QCategoryAxis>
#include <QChart>
#include <QHorizontalStackedBarSeries>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace eqroi::studio {
namespace {

const char* kBestTitle = "Probability of being the best choice (highest NPV)";
const char* kTornadoTitle = "Tornado: NPV as each input swings, the others at base";

void hide_from_legend(QChart* chart, QAbstractSeries* series) {
    for (QLegendMarker* m : chart->legend()->markers(series)) m->setVisible(false);
}

// The two settings of a tornado bar: cool for the low one, warm for the high one (not the
// alternatives' hues, which mean alternatives everywhere else).
const QColor kLowColor(0x56, 0xB4, 0xE9);
const QColor kHighColor(0xE6, 0x9F, 0x00);

/// "P10" / "-10 %": the name of a swing setting.
QString setting_name(const eqroi::risk::TornadoOptions& o, bool high) {
    if (o.kind == eqroi::risk::SwingKind::percentiles)
        return QStringLiteral("P%1").arg(std::lround((high ? o.high_quantile : o.low_quantile) * 100));
    return (high ? QStringLiteral("+") : QStringLiteral("-")) + figures::pct(o.percent, 0);
}

/// The input's value at a swing point: in the focus alternative, else the first alternative it
/// reaches (a P10 is the same value everywhere).
std::optional<double> value_at(const eqroi::risk::SwingPoint& p, std::size_t focus) {
    if (focus < p.values.size() && p.values[focus]) return p.values[focus];
    for (const auto& v : p.values)
        if (v) return v;
    return std::nullopt;
}

QString value_text(const std::optional<double>& v) {
    return v ? risk_figures::input_value(*v) : QObject::tr("n/a");
}

}  // namespace

// ---- probability of the best choice -------------------------------------------------------

ProbabilityBestChart::ProbabilityBestChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    clear();
}

void ProbabilityBestChart::clear() {
    sets_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr(kBestTitle));
    replace_chart(this, chart);
}

void ProbabilityBestChart::set_run(const eqroi::risk::RiskResult& run) {
    sets_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr(kBestTitle));
    // A bar per alternative in its own colour: a stacked series whose set i has a value only in
    // category i (as the NPV bars of the measures tab). Horizontal, the first alternative on
    // top: categories run bottom to top.
    const std::size_t n = run.alternatives.size();
    auto* bars = new QHorizontalStackedBarSeries;
    bars->setBarWidth(0.6);
    QStringList categories;
    for (std::size_t r = n; r-- > 0;) {
        const eqroi::risk::AlternativeRisk& a = run.alternatives[r];
        categories << QStringLiteral("%1<br><b>%2</b>")
                          .arg(risk_figures::alternative_label(run, r).toHtmlEscaped(),
                               figures::pct(a.probability_best, 1));
    }
    for (std::size_t i = 0; i < n; ++i) {
        const eqroi::risk::AlternativeRisk& a = run.alternatives[i];
        auto* set = new QBarSet(risk_figures::alternative_label(run, i));
        set->setColor(risk_figures::alternative_color(run, i));
        const std::size_t at = n - 1 - i;  // its category, counted from the bottom
        for (std::size_t c = 0; c < n; ++c) set->append(c == at ? a.probability_best * 100 : 0.0);
        const QString text =
            tr("%1: the highest NPV in %2 of the %3 trials")
                .arg(risk_figures::alternative_label(run, i), figures::pct(a.probability_best, 2),
                     figures::grouped(static_cast<double>(run.trials_done), 0));
        connect(set, &QBarSet::hovered, this,
                [text](bool state, int) { show_hover_text(state ? text : QString()); });
        bars->append(set);
        sets_.push_back(set);
    }
    chart->addSeries(bars);
    auto* names = new QBarCategoryAxis;
    names->append(categories);
    auto* share = new QValueAxis;
    share->setTitleText(tr("Share of the trials in which it has the highest NPV (%)"));
    share->setLabelFormat(QStringLiteral("%.0f"));
    share->setRange(0, 100);
    share->setTickCount(11);
    chart->addAxis(names, Qt::AlignLeft);
    chart->addAxis(share, Qt::AlignBottom);
    bars->attachAxis(names);
    bars->attachAxis(share);
    replace_chart(this, chart);
}

// ---- tornado ------------------------------------------------------------------------------

TornadoChart::TornadoChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    clear();
}

void TornadoChart::clear() {
    low_.clear();
    high_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr(kTornadoTitle));
    replace_chart(this, chart);
}

QAreaSeries* TornadoChart::low_bar(std::size_t k) const {
    return k < std::size_t(low_.size()) ? low_[qsizetype(k)] : nullptr;
}

QAreaSeries* TornadoChart::high_bar(std::size_t k) const {
    return k < std::size_t(high_.size()) ? high_[qsizetype(k)] : nullptr;
}

void TornadoChart::set_tornado(const eqroi::risk::Tornado& tornado,
                               const std::vector<std::string>& names, const QString& currency) {
    low_.clear();
    high_.clear();
    auto* chart = new QChart;
    const std::size_t focus = tornado.focus;
    const QString focus_name = focus < names.size() ? QString::fromStdString(names[focus])
                                                    : QString::fromStdString(tornado.base.alternatives.at(focus));
    style_chart(chart, tr(kTornadoTitle));
    const double base = tornado.base.npv.at(focus);
    const QString low_name = setting_name(tornado.options, false);
    const QString high_name = setting_name(tornado.options, true);

    auto* x_axis = make_money_axis(tr("NPV of %1").arg(focus_name) + currency_suffix(currency));
    // One category per input, the widest swing on top (bars[0] at the highest y).
    auto* y_axis = new QCategoryAxis;
    y_axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionCenter);
    const auto n = static_cast<int>(tornado.bars.size());
    y_axis->setStartValue(-0.5);
    y_axis->setRange(-0.5, std::max(0, n) - 0.5);
    for (int row = 0; row < n; ++row) {
        const auto& bar = tornado.bars[std::size_t(n - 1 - row)];
        // One line: a category is one bar high, and Qt Charts cuts a label taller than that.
        y_axis->append(QStringLiteral("%1: %2 \u2013 %3")
                           .arg(QString::fromStdString(bar.name).toHtmlEscaped(),
                                value_text(value_at(bar.low, focus)),
                                value_text(value_at(bar.high, focus))),
                       row + 0.5);
    }
    y_axis->setTitleText(tr("Input, %1 \u2013 %2 values").arg(low_name, high_name));
    chart->addAxis(x_axis, Qt::AlignBottom);
    chart->addAxis(y_axis, Qt::AlignLeft);

    double lo = base, hi = base;
    for (int k = 0; k < n; ++k) {
        const auto& bar = tornado.bars[std::size_t(k)];
        const double y = n - 1 - k;
        for (bool high : {false, true}) {
            const eqroi::risk::SwingPoint& point = high ? bar.high : bar.low;
            const double npv = point.npv.at(focus);
            lo = std::min(lo, npv);
            hi = std::max(hi, npv);
            auto* upper = new QLineSeries;
            auto* lower = new QLineSeries;
            upper->append(base, y + 0.32);
            upper->append(npv, y + 0.32);
            lower->append(base, y - 0.32);
            lower->append(npv, y - 0.32);
            auto* area = new QAreaSeries(upper, lower);
            upper->setParent(area);  // QAreaSeries does not own its lines
            lower->setParent(area);
            const QColor color = high ? kHighColor : kLowColor;
            area->setName(tr("Input at its %1").arg(high ? high_name : low_name));
            area->setBrush(color);
            area->setPen(QPen(color.darker(120), 1));
            chart->addSeries(area);
            area->attachAxis(x_axis);
            area->attachAxis(y_axis);
            if (k > 0) hide_from_legend(chart, area);  // one legend entry per setting
            QString text =
                tr("%1 at %2 = %3: NPV of %4 %5 %6 (%7 from base)")
                    .arg(QString::fromStdString(bar.name), high ? high_name : low_name,
                         value_text(value_at(point, focus)), focus_name, figures::money(npv),
                         currency)
                    .arg((npv - base >= 0 ? QStringLiteral("+") : QString()) +
                         figures::money(npv - base));
            if (focus < point.values.size() && !point.values[focus])
                text += tr("; the input does not reach %1").arg(focus_name);
            connect(area, &QAreaSeries::hovered, this,
                    [text](const QPointF&, bool state) { show_hover_text(state ? text : QString()); });
            (high ? high_ : low_).push_back(area);
        }
    }
    // The base NPV: where every bar starts.
    auto* base_line = new QLineSeries;
    base_line->setName(tr("Base NPV of %1: %2 %3").arg(focus_name, figures::money(base), currency));
    base_line->append(base, -0.5);
    base_line->append(base, std::max(0, n) - 0.5);
    base_line->setPen(QPen(QColor(0x33, 0x33, 0x33), 1.5, Qt::DashLine));
    chart->addSeries(base_line);
    base_line->attachAxis(x_axis);
    base_line->attachAxis(y_axis);
    risk_figures::fit_axis_around(x_axis, lo, hi);
    replace_chart(this, chart);
}

}  // namespace eqroi::studio
