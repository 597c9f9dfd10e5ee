// What the charts, the measures table and the PDF review pack read from an eqroi::StudyResult,
// written as the CLI report writes it. No finance here: every figure is the engine's, and the
// text of every number is core's (eqroi/core/format.hpp, the formats of `eqroi run`;
// tests/studio/charts_measures_test.cpp checks the cells against render_report()). This file
// turns core's answers into Qt text and colours and groups lines by category for the charts.
#pragma once

#include <eqroi/core/engine.hpp>

#include <QColor>
#include <QString>
#include <QStringList>

#include <optional>
#include <string>
#include <vector>

namespace eqroi::studio::figures {

// --- Numbers as the CLI report writes them: eqroi::format's, as QString ----------------------

/// Groups thousands: grouped(-1234567.891, 0) = "-1,234,568", grouped(1234.5, 2) = "1,234.50".
/// A value that rounds to zero has no minus sign.
QString grouped(double v, int decimals);
/// Whole currency units ("-1,234,568").
QString money(double v);
/// To the cent ("-1,234,567.89"), as the measures are reported.
QString money2(double v);
/// A rate as a percentage: pct(0.245, 2) = "24.50 %".
QString pct(double rate, int decimals = 2);
/// pct(), or "none".
QString percent(const std::optional<double>& rate);
/// "2.60 yr", or "not reached".
QString years(const std::optional<double>& y);
/// A ratio (SIR) to 2 places, or "none".
QString ratio(const std::optional<double>& v);
/// The IRR cell: "24.50 %", "none", or "ambiguous: 10.00 %, 20.00 %" listing every root.
QString irr_text(const eqroi::Measures& m);

// --- Alternatives -----------------------------------------------------------------------------

/// The alternatives in the engine's rank order (1 = highest NPV); equal ranks keep file order.
std::vector<const eqroi::AlternativeResult*> ranked(const eqroi::StudyResult& r);
/// The baseline alternative, or nullptr when the result has none.
const eqroi::AlternativeResult* baseline_of(const eqroi::StudyResult& r);
/// A colour per alternative (file order), the same in every chart: the baseline grey.
QColor alternative_color(const eqroi::StudyResult& r, std::size_t index);

// --- Categories of cash-flow lines ------------------------------------------------------------

/// What a line is, for stacking and breakdowns: the CLI report's "Category" column
/// (eqroi::report_category): capital lines (price, installation, replacements, salvage,
/// residual), financing (loan, lease), tax, else the model's category.
enum class CashCategory {
    capital,
    financing,
    maintenance,
    spare_parts,
    downtime,
    energy,
    labour,
    consumables,
    training,
    lease,
    other,
    benefits,
    tax,
};
inline constexpr int kCashCategoryCount = 13;

CashCategory category_of(const eqroi::Line& line);
/// The same for a category as core names it (eqroi::report_category, LccPart::category):
/// "capital", "financing", "tax", "maintenance"...; a name it does not know is `other`.
CashCategory category_named(const std::string& report_category);
/// "Capital", "Spare parts", "Labour"... (legend and table text).
QString category_label(CashCategory c);
/// A fixed colour per category, so a category looks the same in every chart.
QColor category_color(CashCategory c);

/// The study's years as tables show them: period 0 on its own, then each year's periods summed
/// (eqroi::format::by_year). A yearly series is returned unchanged.
std::vector<double> by_year(const std::vector<double>& per_period, int periods_per_year);
/// A cumulative series (or discount factors) at year ends: periods 0, ppy, 2 ppy...
/// (eqroi::format::at_year_end). A yearly series is returned unchanged.
std::vector<double> at_year_end(const std::vector<double>& per_period, int periods_per_year);

/// Per category, an alternative's yearly amounts (by_year of the sum of its lines of that
/// category). Categories whose every amount is zero are left out. Summed over categories, each
/// year equals by_year(net) (after tax: the tax line is a category).
struct CategoryYears {
    CashCategory category;
    std::vector<double> amounts;  ///< per year 0..horizon
};
std::vector<CategoryYears> yearly_by_category(const eqroi::AlternativeResult& a,
                                              int periods_per_year);

/// The life-cycle cost of an alternative split by category, as the chart shows it: core's
/// eqroi::lcc_by_category (after tax; costs positive, money received such as salvage or a tax
/// saving negative) placed into the studio's CashCategory order. The engine's Measures::lcc is
/// the sum of core's parts; `reconciles` checks that the parts shown still add up to it within
/// 1e-9 relative, and the chart says so when they do not.
struct LccPart {
    CashCategory category;
    double cost = 0;
};
struct LccBreakdown {
    std::vector<LccPart> parts;  ///< non-zero categories, in CashCategory order
    double engine_lcc = 0;       ///< Measures::lcc of the alternative (after tax)
    double sum = 0;              ///< sum of the parts
    bool reconciles = false;
};
LccBreakdown lcc_by_category(const eqroi::AlternativeResult& a);

// --- Study text -------------------------------------------------------------------------------

/// "yearly" / "monthly".
QString period_label(const eqroi::StudySettings& s);
/// "2027-01-01", or "" when the study gives no start date.
QString start_date_text(const eqroi::StudySettings& s);

}  // namespace eqroi::studio::figures
