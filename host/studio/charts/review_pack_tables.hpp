// The tables of the PDF review pack, built from the engine's result (text as the CLI report
// writes it). Internal to host/studio/charts.
#pragma once

#include "charts/pack_canvas.hpp"

#include <eqroi/core/engine.hpp>
#include <eqroi/core/study.hpp>

#include <QString>

namespace eqroi::studio::pack {

/// Two columns, "Assumption" and "Value": currency, start date, horizon and periods, discount
/// rate (nominal and real), inflation, tax rate, dollars, discounting timing, MIRR rates,
/// baseline, alternatives.
Table assumptions_table(const eqroi::Study& study, const eqroi::StudyResult& result);

/// The measures side by side: a row per measure (MeasuresModel's rows), a column per
/// alternative in rank order.
Table comparison_table(const eqroi::StudyResult& result, const QString& currency);

/// An alternative's cash flow, lines x years (as the CLI's table: every line not zero in every
/// period, the tax computation when taxed, then the net flow, cumulative, discount factor,
/// discounted and cumulative discounted rows). Monthly studies are summed by year.
Table cashflow_table(const eqroi::AlternativeResult& a, const eqroi::StudySettings& s);

}  // namespace eqroi::studio::pack
