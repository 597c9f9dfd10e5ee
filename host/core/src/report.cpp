// Text renderings of a StudyResult. No finance here: every figure comes from the engine.
#include <eqroi/core/report.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstdio>
#include <fstream>
#include <stdexcept>
#include <unistd.h>

namespace eqroi {

namespace fs = std::filesystem;
using nlohmann::ordered_json;

std::optional<ReportFormat> parse_report_format(std::string_view name) {
    if (name == "table") return ReportFormat::table;
    if (name == "json") return ReportFormat::json;
    if (name == "csv") return ReportFormat::csv;
    if (name == "md") return ReportFormat::md;
    return std::nullopt;
}

namespace {

/// Groups thousands: grouped(-1234567.891, 0) = "-1,234,568", grouped(1234.5, 2) = "1,234.50".
std::string grouped(double v, int decimals) {
    std::string s = fmt::format("{:.{}f}", std::fabs(v), decimals);
    const bool negative = v < 0 && s.find_first_not_of("0.") != std::string::npos;
    const std::size_t dot = s.find('.');
    const std::size_t int_len = dot == std::string::npos ? s.size() : dot;
    std::string out;
    for (std::size_t i = 0; i < int_len; ++i) {
        if (i > 0 && (int_len - i) % 3 == 0) out += ',';
        out += s[i];
    }
    return (negative ? "-" : "") + out + s.substr(int_len);
}

/// Whole currency units, as a reviewer reads a cash-flow table.
std::string money(double v) { return grouped(v, 0); }
/// Measures to the cent, so they can be checked against a spreadsheet.
std::string money2(double v) { return grouped(v, 2); }

std::string percent(const std::optional<double>& r) {
    return r ? fmt::format("{:.2f} %", *r * 100) : "none";
}

std::string years(const std::optional<double>& y) {
    return y ? fmt::format("{:.2f} yr", *y) : "not reached";
}

std::string period_label(const StudySettings& s) {
    return s.periods == PeriodUnit::month ? "monthly" : "yearly";
}

/// Tables show years: monthly series are summed by year (period 0 stays on its own).
std::vector<double> by_year(const std::vector<double>& v, int ppy) {
    if (ppy == 1) return v;
    std::vector<double> out{v.empty() ? 0.0 : v[0]};
    for (std::size_t k = 1; k < v.size(); ++k) {
        if ((k - 1) % ppy == 0) out.push_back(0.0);
        out.back() += v[k];
    }
    return out;
}

/// Cumulative series are sampled at year ends, not summed.
std::vector<double> at_year_end(const std::vector<double>& v, int ppy) {
    if (ppy == 1) return v;
    std::vector<double> out;
    for (std::size_t k = 0; k < v.size(); k += ppy) out.push_back(v[k]);
    return out;
}

std::string category_of(const Line& l) {
    if (l.is_capital) return "capital";
    if (l.source == "tax") return "tax";
    return category_name(l.category);
}

struct Row {
    std::string label, category;
    std::vector<double> values;
    bool rule_before = false;  // a horizontal rule above this row in the table
};

bool all_zero(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return x == 0.0; });
}

/// The rows people read: lines that are zero in every period are left out (JSON and CSV keep
/// them), then the flows, then the tax computation that is not cash but explains the tax line.
std::vector<Row> rows_of(const AlternativeResult& a, const StudySettings& s, int* hidden) {
    const int ppy = s.periods_per_year();
    std::vector<Row> rows;
    *hidden = 0;
    for (const auto& l : a.lines) {
        if (all_zero(l.amounts)) {
            ++*hidden;
            continue;
        }
        rows.push_back({l.label, category_of(l), by_year(l.amounts, ppy)});
    }
    rows.push_back({"Net cash flow", "", by_year(a.net, ppy), true});
    rows.push_back({"Cumulative", "", at_year_end(a.cumulative, ppy)});
    rows.push_back({"Discounted net cash flow", "", by_year(a.discounted, ppy)});
    rows.push_back({"Cumulative discounted", "", at_year_end(a.cumulative_discounted, ppy)});
    if (s.tax_rate > 0) {
        rows.push_back({"Tax depreciation (not cash)", "tax", by_year(a.depreciation, ppy), true});
        rows.push_back({"Taxable income", "tax", by_year(a.taxable_income, ppy)});
    }
    return rows;
}

std::string notes_of(const AlternativeResult& a, const StudySettings& s, int hidden) {
    std::string out;
    if (s.tax_rate > 0)
        out += fmt::format("Taxable income = deductible lines - tax depreciation{}; income tax = "
                           "-{:.2f} % x taxable income.\n",
                           a.gain_on_disposal != 0
                               ? fmt::format(", plus the gain on disposal of {} in the last "
                                             "period (salvage - remaining book value)",
                                             money(a.gain_on_disposal))
                               : "",
                           s.tax_rate * 100);
    if (hidden > 0)
        out += fmt::format("{} line{} zero in every period not shown (they are in the JSON and "
                           "CSV output).\n",
                           hidden, hidden == 1 ? "" : "s");
    return out;
}

/// "2027-01-01", or "" when the study gives no start date.
std::string start_date_text(const StudySettings& s) {
    if (s.start_date.year == 0) return "";
    return fmt::format("{:04}-{:02}-{:02}", s.start_date.year, s.start_date.month,
                       s.start_date.day);
}

std::string settings_text(const StudySettings& s, const std::string& baseline) {
    const std::string start = start_date_text(s);
    return fmt::format(
        "{}\nCurrency {}, start {}, {} years, {} periods, discount rate {:.2f} % "
        "(nominal, per year), inflation {:.2f} %, tax rate {:.2f} %, baseline '{}'.\n"
        "Cash flows at the end of each period; costs negative, benefits positive; after tax.\n",
        s.name, s.currency, start.empty() ? "date not set" : start, s.horizon_years, period_label(s), s.discount_rate * 100, s.inflation * 100,
        s.tax_rate * 100, baseline);
}

std::string measures_line(const Measures& m) {
    return fmt::format("NPV {}, IRR {}, payback {}, discounted payback {}", money2(m.npv),
                       percent(m.irr), years(m.payback), years(m.discounted_payback)) +
           (m.sign_changes > 1 ? fmt::format(" (IRR ambiguous: {} sign changes)", m.sign_changes)
                               : "");
}

/// The comparison's cells in rank order: rank, name, NPV, then the incremental NPV, IRR,
/// payback and discounted payback ("baseline" and blanks for the baseline itself).
std::vector<std::array<std::string, 7>> comparison_rows(const StudyResult& r) {
    std::vector<const AlternativeResult*> ranked;
    for (const auto& a : r.alternatives) ranked.push_back(&a);
    std::sort(ranked.begin(), ranked.end(), [](auto* x, auto* y) { return x->rank < y->rank; });
    std::vector<std::array<std::string, 7>> rows;
    for (const auto* a : ranked) {
        const Measures& v = a->vs_baseline;
        if (a->is_baseline)
            rows.push_back({std::to_string(a->rank), a->name, money2(a->measures.npv), "baseline",
                            "", "", ""});
        else
            rows.push_back({std::to_string(a->rank), a->name, money2(a->measures.npv),
                            money2(v.npv), percent(v.irr), years(v.payback),
                            years(v.discounted_payback)});
    }
    return rows;
}

std::string render_table(const StudyResult& r) {
    std::string out = settings_text(r.settings, r.baseline);
    const bool monthly = r.settings.periods == PeriodUnit::month;
    for (const auto& a : r.alternatives) {
        out += fmt::format("\n== {} ({}){} ==\n", a.name, a.id, a.is_baseline ? ", baseline" : "");
        int hidden = 0;
        const auto rows = rows_of(a, r.settings, &hidden);
        out += fmt::format("{:<32} {:<12}", monthly ? "Line (sum by year)" : "Line", "Category");
        for (std::size_t k = 0; k < rows.front().values.size(); ++k)
            out += fmt::format(" {:>11}", fmt::format("Year {}", k));
        out += '\n';
        for (const auto& row : rows) {
            if (row.rule_before) out += std::string(45 + 12 * row.values.size(), '-') + '\n';
            out += fmt::format("{:<32.32} {:<12}", row.label, row.category);
            for (double v : row.values) out += fmt::format(" {:>11}", money(v));
            out += '\n';
        }
        out += notes_of(a, r.settings, hidden) + measures_line(a.measures) + '\n';
    }
    out += fmt::format("\nComparison with the baseline '{}' (ranked by NPV; the incremental "
                       "columns are this alternative minus the baseline)\n",
                       r.baseline);
    out += fmt::format("{:<4} {:<44} {:>15} {:>15} {:>10} {:>12} {:>12}\n", "Rank", "Alternative",
                       "NPV", "Incr. NPV", "Incr. IRR", "Incr. payb.", "Incr. d.payb.");
    for (const auto& c : comparison_rows(r))
        out += fmt::format("{:<4} {:<44.44} {:>15} {:>15} {:>10} {:>12} {:>12}\n", c[0], c[1], c[2],
                           c[3], c[4], c[5], c[6]);
    return out;
}

std::string render_md(const StudyResult& r) {
    std::string out = "# " + settings_text(r.settings, r.baseline) + "\n";
    for (const auto& a : r.alternatives) {
        out += fmt::format("## {} (`{}`){}\n\n", a.name, a.id, a.is_baseline ? " — baseline" : "");
        int hidden = 0;
        const auto rows = rows_of(a, r.settings, &hidden);
        out += "| Line | Category |";
        for (std::size_t k = 0; k < rows.front().values.size(); ++k) out += fmt::format(" Year {} |", k);
        out += "\n|---|---|";
        for (std::size_t k = 0; k < rows.front().values.size(); ++k) out += "---:|";
        out += '\n';
        for (const auto& row : rows) {
            out += fmt::format("| {} | {} |", row.label, row.category);
            for (double v : row.values) out += fmt::format(" {} |", money(v));
            out += '\n';
        }
        out += "\n" + notes_of(a, r.settings, hidden) + "\n" + measures_line(a.measures) + "\n\n";
    }
    out += fmt::format("## Comparison with the baseline `{}`\n\n", r.baseline);
    out += "| Rank | Alternative | NPV | Incremental NPV | Incremental IRR | Incremental payback | "
           "Incremental discounted payback |\n|---:|---|---:|---:|---:|---:|---:|\n";
    for (const auto& c : comparison_rows(r))
        out += fmt::format("| {} | {} | {} | {} | {} | {} | {} |\n", c[0], c[1], c[2], c[3], c[4],
                           c[5], c[6]);
    return out;
}

ordered_json optional_json(const std::optional<double>& v) {
    return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json measures_json(const Measures& m) {
    ordered_json j;
    j["npv"] = m.npv;
    j["irr"] = optional_json(m.irr);
    j["irr_sign_changes"] = m.sign_changes;
    j["irr_ambiguous"] = m.sign_changes > 1;
    j["payback_years"] = optional_json(m.payback);
    j["discounted_payback_years"] = optional_json(m.discounted_payback);
    return j;
}

std::string render_json(const StudyResult& r) {
    const auto& s = r.settings;
    ordered_json j;
    j["study"] = {{"name", s.name},
                  {"currency", s.currency},
                  {"start_date", start_date_text(s).empty() ? ordered_json(nullptr)
                                                            : ordered_json(start_date_text(s))},
                  {"horizon_years", s.horizon_years},
                  {"periods", period_label(s)},
                  {"periods_per_year", s.periods_per_year()},
                  {"discount_rate", s.discount_rate},
                  {"inflation", s.inflation},
                  {"tax_rate", s.tax_rate},
                  {"baseline", r.baseline},
                  {"timing", "end_of_period"},
                  {"sign_convention", "costs negative, benefits positive"}};
    ordered_json alts = ordered_json::array();
    for (const auto& a : r.alternatives) {
        ordered_json ja;
        ja["id"] = a.id;
        ja["name"] = a.name;
        ja["is_baseline"] = a.is_baseline;
        ja["rank"] = a.rank;
        ja["measures"] = measures_json(a.measures);
        ja["vs_baseline"] = measures_json(a.vs_baseline);
        ordered_json lines = ordered_json::array();
        for (const auto& l : a.lines)
            lines.push_back({{"key", l.key},
                             {"label", l.label},
                             {"source", l.source},
                             {"category", category_of(l)},
                             {"tax_treatment", tax_treatment_name(l.tax_treatment)},
                             {"amounts", l.amounts}});
        ja["lines"] = std::move(lines);
        ja["net"] = a.net;
        ja["cumulative"] = a.cumulative;
        ja["discounted"] = a.discounted;
        ja["cumulative_discounted"] = a.cumulative_discounted;
        ja["incremental"] = a.incremental;
        ja["tax"] = {{"depreciation", a.depreciation},
                     {"taxable_income", a.taxable_income},
                     {"gain_on_disposal", a.gain_on_disposal}};
        alts.push_back(std::move(ja));
    }
    j["alternatives"] = std::move(alts);
    return j.dump(2) + "\n";
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csv_number(const std::optional<double>& v) {
    return v ? fmt::format("{:.10g}", *v) : "";
}

std::string render_comparison_csv(const StudyResult& r) {
    std::string out =
        "rank,alternative,name,is_baseline,npv,irr,payback_years,discounted_payback_years,"
        "incremental_npv,incremental_irr,incremental_payback_years,"
        "incremental_discounted_payback_years\n";
    for (const auto& a : r.alternatives) {
        const auto& m = a.measures;
        const auto& v = a.vs_baseline;
        out += fmt::format("{},{},{},{},{:.2f},{},{},{},{},{},{},{}\n", a.rank, csv_field(a.id),
                           csv_field(a.name), a.is_baseline ? "true" : "false", m.npv,
                           csv_number(m.irr), csv_number(m.payback),
                           csv_number(m.discounted_payback),
                           a.is_baseline ? "" : fmt::format("{:.2f}", v.npv),
                           a.is_baseline ? "" : csv_number(v.irr),
                           a.is_baseline ? "" : csv_number(v.payback),
                           a.is_baseline ? "" : csv_number(v.discounted_payback));
    }
    return out;
}

}  // namespace

std::string render_report(const StudyResult& result, ReportFormat format) {
    switch (format) {
        case ReportFormat::table: return render_table(result);
        case ReportFormat::json: return render_json(result);
        case ReportFormat::csv: return render_comparison_csv(result);
        case ReportFormat::md: return render_md(result);
    }
    return {};
}

std::string render_cashflows_csv(const StudyResult& r) {
    std::string out = "alternative,line,label,category,tax_treatment,period,amount\n";
    for (const auto& a : r.alternatives) {
        for (const auto& l : a.lines)
            for (std::size_t k = 0; k < l.amounts.size(); ++k)
                out += fmt::format("{},{},{},{},{},{},{:.6f}\n", csv_field(a.id), csv_field(l.key),
                                   csv_field(l.label), category_of(l),
                                   tax_treatment_name(l.tax_treatment), k, l.amounts[k]);
        for (std::size_t k = 0; k < a.net.size(); ++k)
            out += fmt::format("{},net,Net cash flow,,,{},{:.6f}\n", csv_field(a.id), k, a.net[k]);
    }
    return out;
}

void write_file_atomic(const fs::path& file, std::string_view content) {
    const fs::path dir = file.parent_path().empty() ? fs::path(".") : file.parent_path();
    std::string tmpl = (dir / ("." + file.filename().string() + ".tmp-XXXXXX")).string();
    const int fd = ::mkstemp(tmpl.data());
    if (fd < 0)
        throw std::runtime_error(fmt::format("{}: cannot create a temporary file in {}",
                                             file.string(), dir.string()));
    std::size_t done = 0;
    bool ok = true;
    while (done < content.size()) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n <= 0) {
            ok = false;
            break;
        }
        done += static_cast<std::size_t>(n);
    }
    ok = (::fsync(fd) == 0) && ok;
    ok = (::close(fd) == 0) && ok;
    std::error_code ec;
    if (ok) fs::rename(tmpl, file, ec);
    if (!ok || ec) {
        fs::remove(tmpl, ec);
        throw std::runtime_error(fmt::format("{}: cannot write the file", file.string()));
    }
}

}  // namespace eqroi
