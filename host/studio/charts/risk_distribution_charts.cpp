#include "charts/risk_distribution_charts.hpp"

#include "charts/chart_common.hpp"
#include "charts/chart_style.hpp"
#include "charts/result_figures.hpp"

#include <QAreaSeries>
#include <QChart>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QPen>
#include <QScatterSeries>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace eqroi::studio {
namespace {

const char* kHistogramTitle = "NPV distribution: histogram";
const char* kSCurveTitle = "NPV distribution: S-curve with P10, P50, P90";

void hide_from_legend(QChart* chart, QAbstractSeries* series) {
    for (QLegendMarker* m : chart->legend()->markers(series)) m->setVisible(false);
}

/// "NPV after tax (EUR)" / "NPV (EUR)": the chart's x axis.
QValueAxis* npv_axis(const QString& currency) {
    auto* axis = make_money_axis(QObject::tr("NPV") + currency_suffix(currency));
    return axis;
}

/// A dashed vertical line at NPV = 0 when the range crosses it: left of it the purchase loses
/// money.
void add_zero_line(QChart* chart, QValueAxis* x, QValueAxis* y, double top) {
    if (!(x->min() < 0 && x->max() > 0)) return;
    auto* zero = new QLineSeries;
    zero->setName(QObject::tr("NPV = 0"));
    zero->append(0, 0);
    zero->append(0, top);
    zero->setPen(QPen(QColor(0x88, 0x88, 0x88), 1, Qt::DashLine));
    chart->addSeries(zero);
    zero->attachAxis(x);
    zero->attachAxis(y);
    hide_from_legend(chart, zero);
}

}  // namespace

// ---- histogram ----------------------------------------------------------------------------

NpvHistogramChart::NpvHistogramChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    clear();
}

void NpvHistogramChart::clear() {
    areas_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr(kHistogramTitle));
    replace_chart(this, chart);
}

void NpvHistogramChart::set_run(const eqroi::risk::RiskResult& run,
                                const risk_figures::NpvPictures& pictures,
                                const QString& currency) {
    areas_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr(kHistogramTitle));
    const double width = pictures.bins > 0 ? (pictures.high - pictures.low) / pictures.bins : 0;
    auto* x_axis = npv_axis(currency);
    x_axis->setTitleText(tr("NPV") + currency_suffix(currency) +
                         tr(", bins of %1").arg(figures::money(width)));
    auto* y_axis = new QValueAxis;
    y_axis->setTitleText(tr("Share of the trials (%)"));
    y_axis->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(x_axis, Qt::AlignBottom);
    chart->addAxis(y_axis, Qt::AlignLeft);

    double top = 0;
    for (std::size_t i = 0; i < pictures.alternatives.size() && i < run.alternatives.size(); ++i) {
        const std::vector<risk_figures::HistogramBin>& bins = pictures.alternatives[i].histogram;
        if (bins.empty()) continue;
        // The step outline: up and across each bin, down to 0 at the ends.
        auto* upper = new QLineSeries;
        upper->append(bins.front().low, 0);
        for (const auto& b : bins) {
            upper->append(b.low, b.share * 100);
            upper->append(b.high, b.share * 100);
            top = std::max(top, b.share * 100);
        }
        upper->append(bins.back().high, 0);
        auto* area = new QAreaSeries(upper);
        upper->setParent(area);  // QAreaSeries does not own its line
        area->setName(risk_figures::alternative_label(run, i));
        const QColor color = risk_figures::alternative_color(run, i);
        QColor fill = color;
        fill.setAlpha(70);
        area->setBrush(fill);
        area->setPen(QPen(color, 1.5));
        chart->addSeries(area);
        area->attachAxis(x_axis);
        area->attachAxis(y_axis);
        const QString name = risk_figures::alternative_label(run, i);
        connect(area, &QAreaSeries::hovered, this,
                [name, bins, currency](const QPointF& p, bool state) {
                    if (!state) return show_hover_text({});
                    const auto it = std::find_if(bins.begin(), bins.end(), [&](const auto& b) {
                        return p.x() <= b.high;
                    });
                    const auto& b = it == bins.end() ? bins.back() : *it;
                    show_hover_text(tr("%1: NPV %2 to %3 %4: %5 of the trials")
                                        .arg(name, figures::money(b.low), figures::money(b.high),
                                             currency, figures::pct(b.share, 1)));
                });
        areas_.push_back(area);
    }
    if (pictures.bins > 0) risk_figures::fit_axis_around(x_axis, pictures.low, pictures.high);
    y_axis->setRange(0, top > 0 ? top * 1.08 : 1);
    y_axis->applyNiceNumbers();
    add_zero_line(chart, x_axis, y_axis, y_axis->max());
    replace_chart(this, chart);
}

// ---- S-curve ------------------------------------------------------------------------------

NpvSCurveChart::NpvSCurveChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    clear();
}

void NpvSCurveChart::clear() {
    curves_.clear();
    markers_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr(kSCurveTitle));
    replace_chart(this, chart);
}

QScatterSeries* NpvSCurveChart::percentile_markers(std::size_t index) const {
    return index < std::size_t(markers_.size()) ? markers_[qsizetype(index)] : nullptr;
}

void NpvSCurveChart::set_run(const eqroi::risk::RiskResult& run,
                             const risk_figures::NpvPictures& pictures, const QString& currency) {
    curves_.clear();
    markers_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr(kSCurveTitle));
    auto* x_axis = npv_axis(currency);
    auto* y_axis = new QValueAxis;
    y_axis->setTitleText(tr("Trials \u2264 NPV (%)"));
    y_axis->setLabelFormat(QStringLiteral("%.0f"));
    y_axis->setRange(0, 100);
    y_axis->setTickType(QValueAxis::TicksDynamic);
    y_axis->setTickAnchor(0);
    y_axis->setTickInterval(10);  // P10, P50 and P90 sit on grid lines
    chart->addAxis(x_axis, Qt::AlignBottom);
    chart->addAxis(y_axis, Qt::AlignLeft);

    for (std::size_t i = 0; i < pictures.alternatives.size() && i < run.alternatives.size(); ++i) {
        const auto& points = pictures.alternatives[i].s_curve;
        const eqroi::risk::AlternativeRisk& a = run.alternatives[i];
        const QString name = risk_figures::alternative_label(run, i);
        const QColor color = risk_figures::alternative_color(run, i);
        auto* curve = new QLineSeries;
        curve->setName(name);
        for (const auto& p : points) curve->append(p.npv, p.share * 100);
        curve->setPen(QPen(color, 2.5));
        chart->addSeries(curve);
        curve->attachAxis(x_axis);
        curve->attachAxis(y_axis);
        std::vector<risk_figures::CurvePoint> copy = points;
        connect(curve, &QLineSeries::hovered, this,
                [name, copy, currency](const QPointF& p, bool state) {
                    if (!state || copy.empty()) return show_hover_text({});
                    // The nearest percentile drawn at the mouse's height.
                    const auto it = std::min_element(copy.begin(), copy.end(),
                                                     [&](const auto& l, const auto& r) {
                                                         return std::fabs(l.share * 100 - p.y()) <
                                                                std::fabs(r.share * 100 - p.y());
                                                     });
                    show_hover_text(tr("%1: %2 of the trials have an NPV of %3 %4 or less")
                                        .arg(name, figures::pct(it->share, 1),
                                             figures::money(it->npv), currency));
                });
        curves_.push_back(curve);

        auto* marks = new QScatterSeries;
        marks->setName(tr("%1: P10, P50, P90").arg(name));
        marks->setMarkerShape(QScatterSeries::MarkerShapeCircle);
        marks->setMarkerSize(11);
        marks->setColor(color);
        marks->setBorderColor(Qt::white);
        if (a.npv.count > 0) {
            marks->append(a.npv.p10, 10);
            marks->append(a.npv.p50, 50);
            marks->append(a.npv.p90, 90);
        }
        // The y of each point is its percentile: "P@yPoint" labels them P10, P50, P90.
        marks->setPointLabelsFormat(QStringLiteral("P@yPoint"));
        marks->setPointLabelsVisible(true);
        marks->setPointLabelsColor(color.darker(130));
        marks->setPointLabelsClipping(false);
        chart->addSeries(marks);
        marks->attachAxis(x_axis);
        marks->attachAxis(y_axis);
        hide_from_legend(chart, marks);
        const double p10 = a.npv.p10, p50 = a.npv.p50, p90 = a.npv.p90;
        connect(marks, &QScatterSeries::hovered, this,
                [name, p10, p50, p90, currency](const QPointF& p, bool state) {
                    if (!state) return show_hover_text({});
                    const int level = p.y() < 30 ? 10 : p.y() < 70 ? 50 : 90;
                    const double v = level == 10 ? p10 : level == 50 ? p50 : p90;
                    show_hover_text(tr("%1: P%2 = %3 %4 (%2 % of the trials have a lower NPV)")
                                        .arg(name)
                                        .arg(level)
                                        .arg(figures::money(v), currency));
                });
        markers_.push_back(marks);
    }
    if (pictures.bins > 0) risk_figures::fit_axis_around(x_axis, pictures.low, pictures.high);
    // Two alternatives with nearly the same percentile would write "P10" over "P10": the later
    // one's label is left out (its marker stays) when it is within 3 % of the axis of an earlier
    // labelled one.
    const double near = 0.03 * (x_axis->max() - x_axis->min());
    for (int level = 0; level < 3; ++level)
        for (qsizetype i = 0; i < markers_.size(); ++i) {
            if (markers_[i]->count() <= level) continue;
            for (qsizetype j = 0; j < i; ++j)
                if (markers_[j]->count() > level &&
                    markers_[j]->pointConfiguration(level)
                            .value(QXYSeries::PointConfiguration::LabelVisibility, true)
                            .toBool() &&
                    std::fabs(markers_[j]->at(level).x() - markers_[i]->at(level).x()) < near) {
                    markers_[i]->setPointConfiguration(
                        level, QXYSeries::PointConfiguration::LabelVisibility, false);
                    break;
                }
        }
    add_zero_line(chart, x_axis, y_axis, 100);
    replace_chart(this, chart);
}

}  // namespace eqroi::studio
