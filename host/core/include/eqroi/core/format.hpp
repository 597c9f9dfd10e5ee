// How eqroi writes its figures for people: the number formats, study labels and yearly views of
// the CLI report (`eqroi run`), public so that every front end shows the same text for the same
// figure (the studio's measures table is compared cell by cell with render_report()).
//
// Plain functions of their arguments: no state, safe from any thread. Numbers are written with
// '.' for decimals and ',' between thousands whatever the locale, as the report does.
#pragma once

#include <eqroi/core/engine.hpp>

#include <optional>
#include <string>
#include <vector>

namespace eqroi::format {

// --- Numbers as people read them -------------------------------------------------------------

/// Groups thousands, rounded to `decimals` places: grouped(-1234567.891, 0) = "-1,234,568",
/// grouped(1234.5, 2) = "1,234.50". A value that rounds to zero has no minus sign
/// (grouped(-0.001, 2) = "0.00").
std::string grouped(double v, int decimals);
/// Whole currency units, as a reviewer reads a cash-flow table: money(1234567.891) = "1,234,568".
std::string money(double v);
/// To the cent, so a measure can be checked against a spreadsheet:
/// money2(1234567.891) = "1,234,567.89".
std::string money2(double v);
/// A rate (0.1234 = 12.34 %) as a percentage: pct(0.1234) = "12.34 %", pct(0.245, 1) = "24.5 %".
std::string pct(double rate, int decimals = 2);
/// pct() to 2 places, or "none" when there is no rate (an IRR or MIRR that does not exist).
std::string percent(const std::optional<double>& rate);
/// A payback in years: "7.09 yr", or "not reached" when the flow never pays back.
std::string years(const std::optional<double>& y);
/// A ratio (profitability index, SIR) to `decimals` places ("1.35"), or "none".
std::string ratio(const std::optional<double>& v, int decimals = 2);
/// The IRR as the report's cell: "24.50 %"; "none" when the flow has no root; when it has
/// several, "ambiguous: 10.00 %, 20.00 %" listing every root the engine found (so a reviewer
/// sees that no single IRR exists rather than one of them).
std::string irr_text(const Measures& m);
/// The IRR roots the engine found: Measures::irr_roots, or the single irr when that list is
/// empty, or nothing.
std::vector<double> irr_roots_of(const Measures& m);

// --- The study's settings in words -----------------------------------------------------------

/// "yearly" / "monthly".
std::string period_label(const StudySettings& s);
/// "year" / "month": what one period is called.
std::string period_noun(const StudySettings& s);
/// The study's start date as "2027-01-01", or "" when the study gives none.
std::string start_date_text(const StudySettings& s);

// --- Years of a monthly study, as tables show them -------------------------------------------

/// Flows per year: period 0 (the purchase) on its own, then each year's `periods_per_year`
/// periods summed. A yearly series (periods_per_year <= 1) comes back unchanged.
std::vector<double> by_year(const std::vector<double>& per_period, int periods_per_year);
/// A cumulative series (or discount factors) at year ends: periods 0, ppy, 2 ppy... (sampled,
/// not summed). A yearly series comes back unchanged.
std::vector<double> at_year_end(const std::vector<double>& per_period, int periods_per_year);

}  // namespace eqroi::format
