#include "charts/cumulative_chart.hpp"

#include "charts/chart_common.hpp"
#include "charts/chart_style.hpp"
#include "charts/result_figures.hpp"

#include <QChart>
#include <QGraphicsRectItem>
#include <QGraphicsSimpleTextItem>
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

const char* kTitle = "Cumulative discounted cash flow";

/// "end of year 3" / "month 14 (year 1.17)": where a point of the line is.
QString period_text(std::size_t k, int ppy) {
    if (ppy == 1) return QStringLiteral("end of year %1").arg(k);
    return QStringLiteral("month %1 (year %2)").arg(k).arg(double(k) / ppy, 0, 'f', 2);
}

void hide_from_legend(QChart* chart, QAbstractSeries* series) {
    for (QLegendMarker* m : chart->legend()->markers(series)) m->setVisible(false);
}

}  // namespace

CumulativeChart::CumulativeChart(QWidget* parent) : QChartView(parent) {
    setRenderHint(QPainter::Antialiasing);
    clear();
}

QScatterSeries* CumulativeChart::payback_marker(std::size_t index) const {
    for (const Marker& m : markers_)
        if (m.alternative == index && !m.vs_baseline) return m.point;
    return nullptr;
}

QScatterSeries* CumulativeChart::baseline_payback_marker(std::size_t index) const {
    for (const Marker& m : markers_)
        if (m.alternative == index && m.vs_baseline) return m.point;
    return nullptr;
}

void CumulativeChart::add_marker(QChart* chart, std::size_t alternative, bool vs_baseline,
                                 QPointF at, const QColor& color, const QString& text) {
    auto* point = new QScatterSeries;
    point->setName(text);
    point->setMarkerShape(vs_baseline ? QScatterSeries::MarkerShapeRectangle
                                      : QScatterSeries::MarkerShapeCircle);
    point->setMarkerSize(12);
    point->setColor(color);
    point->setBorderColor(Qt::white);
    point->append(at);
    chart->addSeries(point);
    for (QAbstractAxis* axis : chart->axes()) point->attachAxis(axis);
    hide_from_legend(chart, point);
    connect(point, &QScatterSeries::hovered, this, [text](const QPointF&, bool state) {
        show_hover_text(state ? text : QString());
    });
    // The label: a white box (the lines stay visible through it) in the alternative's colour.
    auto* box = new QGraphicsRectItem(chart);
    auto* label = new QGraphicsSimpleTextItem(text, box);
    label->setBrush(color.darker(130));
    QFont f = label->font();
    f.setBold(true);
    label->setFont(f);
    label->setPos(5, 3);
    box->setRect(QRectF(QPointF(0, 0), label->boundingRect().size() + QSizeF(10, 6)));
    box->setBrush(QColor(255, 255, 255, 225));
    box->setPen(QPen(color, 1));
    box->setZValue(10);
    markers_.push_back({alternative, vs_baseline, point, box});
}

void CumulativeChart::clear() {
    lines_.clear();
    markers_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr(kTitle));
    replace_chart(this, chart);
}

void CumulativeChart::set_result(const eqroi::StudyResult& result, const QString& currency) {
    lines_.clear();
    markers_.clear();
    auto* chart = new QChart;
    style_chart(chart, tr(kTitle) + (result.settings.tax_rate > 0 ? tr(", after tax") : QString()));

    const int ppy = result.settings.periods_per_year();
    auto* x_axis = new QValueAxis;
    x_axis->setTitleText(tr("Year"));
    x_axis->setLabelFormat(QStringLiteral("%.0f"));
    x_axis->setRange(0, std::max(1, result.settings.horizon_years));
    x_axis->setTickType(QValueAxis::TicksDynamic);
    x_axis->setTickAnchor(0);
    x_axis->setTickInterval(result.settings.horizon_years <= 20 ? 1 : 5);
    auto* y_axis = make_money_axis(tr("Cumulative discounted cash flow") + currency_suffix(currency));
    chart->addAxis(x_axis, Qt::AlignBottom);
    chart->addAxis(y_axis, Qt::AlignLeft);

    // The zero line: where each curve crosses it, the alternative has paid back.
    auto* zero = new QLineSeries;
    zero->setName(tr("Break-even"));
    zero->append(0, 0);
    zero->append(result.settings.horizon_years, 0);
    zero->setPen(QPen(QColor(0x88, 0x88, 0x88), 1, Qt::DashLine));
    chart->addSeries(zero);
    zero->attachAxis(x_axis);
    zero->attachAxis(y_axis);
    hide_from_legend(chart, zero);

    double lo = 0, hi = 0;
    for (std::size_t i = 0; i < result.alternatives.size(); ++i) {
        const eqroi::AlternativeResult& a = result.alternatives[i];
        const QColor color = figures::alternative_color(result, i);
        auto* line = new QLineSeries;
        line->setName(QString::fromStdString(a.name) +
                      (a.is_baseline ? tr(" (baseline)") : QString()));
        for (std::size_t k = 0; k < a.cumulative_discounted.size(); ++k) {
            const double y = a.cumulative_discounted[k];
            line->append(double(k) / ppy, y);
            lo = std::min(lo, y);
            hi = std::max(hi, y);
        }
        line->setPen(QPen(color, 2.5));
        chart->addSeries(line);
        line->attachAxis(x_axis);
        line->attachAxis(y_axis);
        const QString name = QString::fromStdString(a.name);
        const std::vector<double> values = a.cumulative_discounted;
        connect(line, &QLineSeries::hovered, this,
                [name, values, ppy, currency](const QPointF& p, bool state) {
                    if (!state || values.empty()) return show_hover_text({});
                    const auto k = std::min<std::size_t>(
                        values.size() - 1, std::size_t(std::lround(std::max(0.0, p.x() * ppy))));
                    show_hover_text(QStringLiteral("%1, %2: %3 %4")
                                        .arg(name, period_text(k, ppy),
                                             figures::money(values[k]), currency));
                });
        lines_.push_back(line);

        if (const auto& own = a.measures.discounted_payback)
            add_marker(chart, i, false, QPointF(*own, 0), color,
                       tr("%1 pays back: %2").arg(name, figures::years(own)));
        const auto& vs = a.vs_baseline.discounted_payback;
        const auto* base = figures::baseline_of(result);
        if (!a.is_baseline && vs && base && !a.cumulative_discounted.empty()) {
            // On the drawn line: straight between the periods around the payback.
            const double at = std::clamp(*vs * ppy, 0.0, double(a.cumulative_discounted.size() - 1));
            const auto k0 = std::size_t(std::floor(at));
            const auto k1 = std::min(k0 + 1, a.cumulative_discounted.size() - 1);
            const double y = a.cumulative_discounted[k0] +
                             (at - double(k0)) * (a.cumulative_discounted[k1] - a.cumulative_discounted[k0]);
            add_marker(chart, i, true, QPointF(*vs, y), color,
                       tr("%1: discounted payback against the baseline %2")
                           .arg(name, figures::years(vs)));
        }
    }
    fit_money_axis(y_axis, lo, hi);
    replace_chart(this, chart);
    connect(chart, &QChart::plotAreaChanged, this, [this] { place_labels(); });
    place_labels();
}

void CumulativeChart::place_labels() {
    // Each label sits above its marker (below when there is no room above), moved down past
    // any label placed before it so that two close paybacks stay readable.
    const QRectF plot = chart()->plotArea();
    std::vector<QRectF> placed;
    for (const Marker& m : markers_) {
        const QPointF at = chart()->mapToPosition(m.point->at(0), m.point);
        const QSizeF size = m.label->rect().size();
        double x = at.x() + 8;
        if (x + size.width() > plot.right()) x = at.x() - 8 - size.width();
        double y = at.y() - 10 - size.height();
        if (y < plot.top()) y = at.y() + 10;
        QRectF box(QPointF(std::max(plot.left(), x), y), size);
        for (bool moved = true; moved;) {
            moved = false;
            for (const QRectF& other : placed)
                if (box.intersects(other.adjusted(-2, -2, 2, 2))) {
                    box.moveTop(other.bottom() + 4);
                    moved = true;
                }
        }
        placed.push_back(box);
        m.label->setPos(box.topLeft());
    }
}

}  // namespace eqroi::studio
