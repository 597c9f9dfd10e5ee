// Internals shared by the report's renderings (report.cpp, report_table.cpp, report_json.cpp,
// report_explain*.cpp): labels and a small column table; the number formats come from
// eqroi/core/format.hpp. No finance here: every figure comes from the engine's StudyResult.
#pragma once

#include <eqroi/core/engine.hpp>
#include <eqroi/core/format.hpp>

#include <optional>
#include <string>
#include <vector>

namespace eqroi::report_detail {

// --- Numbers and labels as people read them: eqroi/core/format.hpp, shared with the studio ----

using format::grouped;
using format::irr_roots_of;
using format::irr_text;
using format::money;
using format::money2;
using format::pct;
using format::percent;
using format::period_label;
using format::period_noun;
using format::ratio;
using format::start_date_text;
using format::years;

// --- Labels ----------------------------------------------------------------------------------

/// "end_of_period" / "mid_period" (JSON), and the words for people.
std::string timing_key(finance::Timing t);
std::string timing_words(finance::Timing t);
/// "nominal" / "constant".
std::string dollars_key(Dollars d);

bool all_zero(const std::vector<double>& v);
/// True when the alternative has a loan or lease line (source "financing") that is not zero.
bool has_financing(const AlternativeResult& a);
/// The line of income tax ("tax.income_tax"), or nullptr in an untaxed study.
const Line* income_tax_line(const AlternativeResult& a);
/// The baseline alternative, or nullptr when the result has none.
const AlternativeResult* baseline_of(const StudyResult& r);
/// The alternatives in rank order (1 = highest NPV); equal ranks keep file order.
std::vector<const AlternativeResult*> ranked(const StudyResult& r);

/// The header every rendering starts with after the study's name, one sentence per line:
/// currency and horizon; discount rate with its kind and the other kind; timing; dollars;
/// financing; MIRR rates; sign convention.
std::vector<std::string> header_lines(const StudyResult& r);

// --- Yearly views of monthly series: eqroi/core/format.hpp ------------------------------------

using format::at_year_end;
using format::by_year;

// --- A table of columns, as plain text or Markdown --------------------------------------------

struct Table {
    std::vector<std::string> header;
    std::vector<bool> right;                     ///< per column: numbers align right
    std::vector<std::vector<std::string>> rows;  ///< each as wide as the header

    /// Columns as wide as their widest cell, one space apart (right-aligned columns get one
    /// more, so two numbers never touch); a dashed rule under the header.
    std::string text() const;
    /// A GitHub-flavoured Markdown table.
    std::string markdown() const;
};

// --- The renderings ---------------------------------------------------------------------------

std::string render_table(const StudyResult& r);
std::string render_md(const StudyResult& r);
std::string render_json(const StudyResult& r);

// --- The explanation (report_explain.cpp, report_explain_costs.cpp) ---------------------------

/// What every block of the explanation shares: the study's rates and timing, the discount
/// factors the engine used, and the capital recovery factor of the equivalent annual amounts.
struct ExplainContext {
    explicit ExplainContext(const StudyResult& r) : result(r) {}
    const StudyResult& result;
    int ppy = 1;                  ///< periods per year
    int years = 0;                ///< the study's horizon = periods / ppy
    double yearly_rate = 0;       ///< the discount rate as the study gives it, per year
    double period_rate = 0;       ///< StudyRates::per_period: what flows are discounted at
    finance::Timing timing = finance::Timing::end_of_period;
    std::vector<double> factors;  ///< per period 0..N (the engine's discount_factors)
    double recovery = 0;          ///< (A/P, yearly_rate, years)
    std::string noun;             ///< "year" / "month"
};

/// How a figure is written in the explanation.
enum class Figure { money, rate, years, ratio };
/// money2 / pct / "2.60 years" / a ratio to 6 places.
std::string show(double v, Figure kind);
/// A factor to 8 places, so that amount x factor reproduces the cents.
std::string factor_text(double f);
/// The figure a block ends with. When the arithmetic shown (`shown`) reproduces the engine's
/// field, the engine's figure; otherwise the arithmetic's, flagged "[DIFFERS: the engine
/// reports ...]" so that a reviewer sees the disagreement instead of a silent choice.
/// `none` is written for an absent value; `unit` (" per year") follows each figure.
std::string settle(std::optional<double> shown, std::optional<double> engine, Figure kind,
                   const std::string& none = "none", const std::string& unit = "");
/// Present value of a series with the context's factors: sum amounts[k] x factors[k].
double present_value(const ExplainContext& x, const std::vector<double>& amounts);
/// "a - b" with both as money, the second in parentheses when negative: "5.00 - (-3.00)".
std::string difference_text(double a, double b);
/// "  " before every line of `text`.
std::string indent(const std::string& text);

/// Income tax per period: deductible lines - depreciation + gains = taxable income,
/// tax = rate x taxable income. Empty in an untaxed study.
std::string explain_tax(const ExplainContext& x, const AlternativeResult& a);
/// LCC (every non-benefit line's PV listed) and EUAC of an alternative's own flow.
std::string explain_lcc(const ExplainContext& x, const AlternativeResult& a, bool pre_tax);
/// LCC and EUAC of the increment: this alternative's minus the baseline's.
std::string explain_lcc_increment(const ExplainContext& x, const AlternativeResult& a,
                                  const AlternativeResult& base, bool pre_tax);
/// NIST BLCC savings: investment and operating lines as costs, net savings, SIR, AIRR.
std::string explain_savings(const ExplainContext& x, const AlternativeResult& a,
                            const AlternativeResult& base, bool pre_tax);

}  // namespace eqroi::report_detail
