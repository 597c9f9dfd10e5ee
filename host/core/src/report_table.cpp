// The report for people: plain text (terminal) and Markdown. Both show the same sections in
// the same order: the study header, each alternative's cash-flow table (with its tax
// computation, discounting, units and loan), the measures of each alternative, the comparison
// with the baseline, and the same before tax when the study is taxed.
#include "report_detail.hpp"

#include <fmt/format.h>


namespace eqroi::report_detail {
namespace {

struct Row {
    std::string label, category;
    std::vector<double> values;
    bool rule_before = false;  ///< a horizontal rule above this row in the text table
    int decimals = 0;          ///< money in whole units; discount factors to 6 places
};

/// Adds a row unless the engine left the series empty (a field it does not fill yet).
void add_row(std::vector<Row>& rows, Row row, std::size_t width) {
    if (row.values.size() == width) rows.push_back(std::move(row));
}

/// The rows people read: every line that is not zero in every period (JSON and CSV keep them
/// all); when taxed the tax computation (depreciation is not cash, it only lowers taxable
/// income) and the pre-tax flow; then the after-tax flow and its discounting.
std::vector<Row> rows_of(const AlternativeResult& a, const StudySettings& s, int* hidden) {
    const int ppy = s.periods_per_year();
    const bool taxed = s.tax_rate > 0;
    const Line* tax_line = income_tax_line(a);
    std::vector<Row> rows;
    *hidden = 0;
    for (const auto& l : a.lines) {
        if (&l == tax_line) continue;  // shown in the tax block below
        if (all_zero(l.amounts)) {
            ++*hidden;
            continue;
        }
        rows.push_back({l.label, report_category(l), by_year(l.amounts, ppy)});
    }
    const std::size_t width = by_year(a.net, ppy).size();
    if (taxed) {
        const std::size_t first_tax_row = rows.size();
        add_row(rows, {"Tax depreciation (not cash)", "tax", by_year(a.depreciation, ppy)}, width);
        add_row(rows, {"Taxable income", "tax", by_year(a.taxable_income, ppy)}, width);
        if (tax_line) {
            add_row(rows, {"Income tax", "tax", by_year(tax_line->amounts, ppy)}, width);
        } else if (a.tax.size() == a.net.size()) {
            std::vector<double> paid(a.tax.size());
            for (std::size_t k = 0; k < paid.size(); ++k) paid[k] = 0.0 - a.tax[k];
            add_row(rows, {"Income tax", "tax", by_year(paid, ppy)}, width);
        }
        add_row(rows, {"Pre-tax net flow", "", by_year(a.pre_tax_net, ppy)}, width);
        if (rows.size() > first_tax_row) rows[first_tax_row].rule_before = true;
    }
    const std::size_t first_net_row = rows.size();
    add_row(rows, {taxed ? "After-tax net flow" : "Net cash flow", "", by_year(a.net, ppy)},
            width);
    add_row(rows, {"Cumulative", "", at_year_end(a.cumulative, ppy)}, width);
    add_row(rows,
            {ppy == 1 ? "Discount factor" : "Discount factor (year end)", "",
             at_year_end(a.discount_factors, ppy), false, 6},
            width);
    add_row(rows, {"Discounted", "", by_year(a.discounted, ppy)}, width);
    add_row(rows, {"Cumulative discounted", "", at_year_end(a.cumulative_discounted, ppy)},
            width);
    if (rows.size() > first_net_row) rows[first_net_row].rule_before = true;
    return rows;
}

std::string notes_of(const AlternativeResult& a, const StudySettings& s, int hidden) {
    std::string out;
    if (s.tax_rate > 0)
        out += fmt::format("Taxable income = deductible lines - tax depreciation{}{}; income tax "
                           "= {} x taxable income (a negative taxable income is a tax saving "
                           "in the same period).\n",
                           a.depreciation_method.empty()
                               ? ""
                               : fmt::format(" ({})", a.depreciation_method),
                           a.gain_on_disposal != 0
                               ? fmt::format(" + gains on disposal (salvage or residual - "
                                             "book value, {} in all)",
                                             money(a.gain_on_disposal))
                               : "",
                           pct(s.tax_rate));
    if (hidden > 0)
        out += fmt::format("{} line{} zero in every period not shown (they are in the JSON and "
                           "CSV output).\n",
                           hidden, hidden == 1 ? "" : "s");
    return out;
}

std::string period_name(const StudySettings& s, std::size_t k) {
    return fmt::format("{} {}", s.periods == PeriodUnit::month ? "month" : "year", k);
}

/// The machines an alternative buys: the first at period 0, then each replacement, with what
/// each fetches when it leaves and the tax on it.
Table units_table(const AlternativeResult& a, const StudySettings& s) {
    Table t{{"Unit", "Bought", "Cost", "Leaves", "Exit value", "Value at exit", "Book value",
             "Gain on disposal"},
            {false, false, true, false, false, true, true, true},
            {}};
    for (std::size_t u = 0; u < a.units.size(); ++u) {
        const CapitalUnit& c = a.units[u];
        const std::string exit =
            c.salvage_as_written ? "salvage value"
            : c.in_service_at_end
                ? (c.residual_from_user ? "residual (given)" : "residual (straight line)")
                : "salvage";
        t.rows.push_back({std::to_string(u + 1), period_name(s, c.bought), money2(c.cost),
                          period_name(s, c.retired), exit, money2(c.value_at_exit),
                          money2(c.book_value_at_exit), money2(c.gain_on_disposal)});
    }
    return t;
}

/// False when the alternative buys nothing: no unit, or only units of no cost and no value
/// (the engine may record one for an alternative that keeps what it has).
bool buys_something(const AlternativeResult& a) {
    for (const CapitalUnit& u : a.units)
        if (u.cost != 0 || u.value_at_exit != 0 || u.book_value_at_exit != 0 ||
            u.gain_on_disposal != 0)
            return true;
    return false;
}

Table loan_table(const AlternativeResult& a, const StudySettings& s) {
    Table t{{s.periods == PeriodUnit::month ? "Month" : "Year", "Payment", "Interest",
             "Principal", "Balance"},
            {false, true, true, true, true},
            {}};
    for (const LoanPeriod& p : a.loan)
        t.rows.push_back({std::to_string(p.period), money2(p.payment), money2(p.interest),
                          money2(p.principal), money2(p.balance)});
    return t;
}

std::string measures_line(const Measures& m) {
    return fmt::format("NPV {}, IRR {}, payback {}, discounted payback {}", money2(m.npv),
                       irr_text(m), years(m.payback), years(m.discounted_payback)) +
           (m.sign_changes > 1 ? fmt::format(" (the flow changes sign {} times)", m.sign_changes)
                               : "");
}

/// Each alternative's own measures, in rank order.
Table measures_table(const StudyResult& r, bool pre_tax) {
    Table t{{"Rank", "Alternative", "NPV", "IRR", "MIRR", "PI", "Payback", "Disc. payback", "EAA",
             "LCC", "EUAC", "ROI"},
            {false, false, true, true, true, true, true, true, true, true, true, true},
            {}};
    for (const auto* a : ranked(r)) {
        const Measures& m = pre_tax ? a->pre_tax : a->measures;
        t.rows.push_back({std::to_string(a->rank), a->name, money2(m.npv), irr_text(m),
                          percent(m.mirr), ratio(m.profitability_index), years(m.payback),
                          years(m.discounted_payback), money2(m.annual_value), money2(m.lcc),
                          money2(m.euac), percent(m.roi)});
    }
    return t;
}

/// Each alternative against the baseline, in rank order: the incremental flow's NPV (which is
/// the net savings), IRR and paybacks, and NIST BLCC's SIR and AIRR.
Table comparison_table(const StudyResult& r, bool pre_tax) {
    Table t{{"Rank", "Alternative", "NPV", "Incr. NPV = net savings", "Incr. IRR", "Incr. payb.",
             "Incr. d.payb.", "SIR", "AIRR"},
            {false, false, true, true, true, true, true, true, true},
            {}};
    for (const auto* a : ranked(r)) {
        const Measures& own = pre_tax ? a->pre_tax : a->measures;
        if (a->is_baseline) {
            t.rows.push_back({std::to_string(a->rank), a->name, money2(own.npv), "baseline", "",
                              "", "", "", ""});
            continue;
        }
        const Measures& v = pre_tax ? a->vs_baseline_pre_tax : a->vs_baseline;
        const Savings& sv = pre_tax ? a->savings_pre_tax : a->savings;
        t.rows.push_back({std::to_string(a->rank), a->name, money2(own.npv), money2(v.npv),
                          irr_text(v), years(v.payback), years(v.discounted_payback),
                          ratio(sv.sir), percent(sv.airr)});
    }
    return t;
}

const char* kRanking = "ranked by NPV, mutually exclusive: choose the highest NPV, never the "
                       "highest IRR";

/// Text or Markdown; they differ only in how a heading, a table and the cash-flow grid look.
struct Style {
    bool md = false;
    std::string heading(int level, const std::string& text) const {
        if (md) return "\n" + std::string(static_cast<std::size_t>(level), '#') + " " + text + "\n\n";
        return level <= 2 ? fmt::format("\n== {} ==\n", text) : "\n" + text + "\n";
    }
    std::string table(const Table& t) const { return md ? t.markdown() : t.text(); }
    std::string paragraph(const std::string& text) const { return md ? text + "\n" : text; }
};

std::string cashflow_grid(const std::vector<Row>& rows, bool monthly, const Style& style) {
    const std::size_t years = rows.front().values.size();
    std::string out;
    if (style.md) {
        out += "| Line | Category |";
        for (std::size_t k = 0; k < years; ++k) out += fmt::format(" Year {} |", k);
        out += "\n|---|---|";
        for (std::size_t k = 0; k < years; ++k) out += "---:|";
        out += '\n';
        for (const auto& row : rows) {
            out += fmt::format("| {} | {} |", row.label, row.category);
            for (double v : row.values) out += fmt::format(" {} |", grouped(v, row.decimals));
            out += '\n';
        }
        return out + '\n';
    }
    // The label column fits the longest label (at least 32, at most 48 characters).
    std::size_t width = 32;
    for (const auto& row : rows) width = std::max(width, std::min<std::size_t>(48, row.label.size()));
    out += fmt::format("{:<{}} {:<12}", monthly ? "Line (sum by year)" : "Line", width, "Category");
    for (std::size_t k = 0; k < years; ++k) out += fmt::format(" {:>11}", fmt::format("Year {}", k));
    out += '\n';
    for (const auto& row : rows) {
        if (row.rule_before) out += std::string(width + 13 + 12 * row.values.size(), '-') + '\n';
        out += fmt::format("{:<{}.{}} {:<12}", row.label, width, width, row.category);
        for (double v : row.values) out += fmt::format(" {:>11}", grouped(v, row.decimals));
        out += '\n';
    }
    return out;
}

std::string render(const StudyResult& r, const Style& style) {
    const StudySettings& s = r.settings;
    std::string out;
    const auto header = header_lines(r);
    if (style.md) {
        out += "# " + s.name + "\n\n";
        for (const auto& line : header) out += "- " + line + "\n";
    } else {
        out += s.name + "\n";
        for (const auto& line : header) out += line + "\n";
    }
    for (const auto& a : r.alternatives) {
        out += style.heading(2, style.md ? fmt::format("{} (`{}`){}", a.name, a.id,
                                                       a.is_baseline ? " — baseline" : "")
                                         : fmt::format("{} ({}){}", a.name, a.id,
                                                       a.is_baseline ? ", baseline" : ""));
        int hidden = 0;
        const auto rows = rows_of(a, s, &hidden);
        if (!rows.empty()) out += cashflow_grid(rows, s.periods == PeriodUnit::month, style);
        out += style.paragraph(notes_of(a, s, hidden));
        const bool units = buys_something(a);
        if (units) {
            out += style.heading(3, "Units bought (the purchase and its replacements):");
            out += style.table(units_table(a, s));
        }
        if (!a.loan.empty()) {
            out += style.heading(3, "Loan schedule (level payments):");
            out += style.table(loan_table(a, s));
        }
        out += (style.md || units || !a.loan.empty() ? "\n" : "") + measures_line(a.measures) +
               (style.md ? "\n\n" : "\n");
    }

    const bool taxed = s.tax_rate > 0;
    out += style.heading(2, fmt::format("Measures of each alternative{} ({})",
                                        taxed ? ", after tax" : "", kRanking));
    out += style.table(measures_table(r, false));
    // The heading scripts look for; the first rows under it are the incremental ones.
    out += style.md ? fmt::format("\n## Comparison with the baseline `{}`\n\n", r.baseline)
                    : fmt::format("\nComparison with the baseline '{}' ({}; the incremental "
                                  "columns are this alternative minus the baseline)\n",
                                  r.baseline, kRanking);
    out += style.table(comparison_table(r, false));
    if (taxed) {
        out += style.heading(2, "Before tax (rows in the after-tax rank order)");
        out += style.table(measures_table(r, true));
        out += style.heading(3, fmt::format("Before tax, against the baseline '{}':", r.baseline));
        out += style.table(comparison_table(r, true));
    }
    return out;
}

}  // namespace

std::string render_table(const StudyResult& r) { return render(r, Style{false}); }
std::string render_md(const StudyResult& r) { return render(r, Style{true}); }

}  // namespace eqroi::report_detail
