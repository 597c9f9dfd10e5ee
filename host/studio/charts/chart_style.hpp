// What every chart of the studio shares: no animation, English number grouping on the value
// axes ("1,234,567", as the CLI report writes amounts), fonts, and hover tooltips.
// GUI thread only.
#pragma once

#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
class QValueAxis;
class QAbstractAxis;
class QWidget;
QT_END_NAMESPACE

namespace eqroi::studio {

/// Sets up a new chart: title, no animation, legend at the bottom, numbers localised in
/// English so that the value axes group thousands with ','.
void style_chart(QChart* chart, const QString& title);

/// A value axis for amounts in `currency`: whole units with thousands separators, round tick
/// values, and `title` (e.g. "Cumulative discounted cash flow (EUR)").
QValueAxis* make_money_axis(const QString& title);

/// Sets the axis range to [min, max] widened to include 0, then to round tick values.
void fit_money_axis(QValueAxis* axis, double min, double max);

/// Shows `text` as a tooltip at the mouse (empty: hides it). Used by the hovered signals.
void show_hover_text(const QString& text);

/// "EUR": the currency for axis titles; "" shows no unit.
QString currency_suffix(const QString& currency);

}  // namespace eqroi::studio
