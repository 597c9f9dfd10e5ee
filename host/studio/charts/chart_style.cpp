#include "charts/chart_style.hpp"

#include <QChart>
#include <QCursor>
#include <QFont>
#include <QLegend>
#include <QLocale>
#include <QToolTip>
#include <QValueAxis>

#include <algorithm>

namespace eqroi::studio {

void style_chart(QChart* chart, const QString& title) {
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setTitle(title);
    QFont title_font = chart->titleFont();
    title_font.setPointSizeF(title_font.pointSizeF() * 1.25);
    title_font.setBold(true);
    chart->setTitleFont(title_font);
    // The value axes use the "%.0f" label format; with localised numbers Qt writes it through
    // QLocale::toString, which groups thousands. English, to match the CLI report. (Not "%d":
    // Qt Charts 6.4 draws no label at all for it when numbers are localised.)
    chart->setLocalizeNumbers(true);
    chart->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    chart->legend()->setVisible(true);
    chart->legend()->setAlignment(Qt::AlignBottom);
    chart->setBackgroundRoundness(0);
}

QValueAxis* make_money_axis(const QString& title) {
    auto* axis = new QValueAxis;
    axis->setTitleText(title);
    axis->setLabelFormat(QStringLiteral("%.0f"));
    return axis;
}

void fit_money_axis(QValueAxis* axis, double min, double max) {
    min = std::min(min, 0.0);
    max = std::max(max, 0.0);
    if (min == max) max = min + 1;
    const double pad = (max - min) * 0.05;
    axis->setRange(min < 0 ? min - pad : min, max > 0 ? max + pad : max);
    axis->applyNiceNumbers();  // round ticks; it picks their count too
    axis->setMinorTickCount(1);  // a light grid line half-way between two labelled ones
}

void show_hover_text(const QString& text) {
    if (text.isEmpty())
        QToolTip::hideText();
    else
        QToolTip::showText(QCursor::pos(), text);
}

QString currency_suffix(const QString& currency) {
    return currency.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(currency);
}

}  // namespace eqroi::studio
