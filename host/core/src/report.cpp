// Text renderings of a StudyResult: the format switch, the shared labels, the CSV outputs and
// the atomic file write. The table and Markdown are in report_table.cpp, the JSON in
// report_json.cpp, the audit trail in report_explain*.cpp; the number formats are public in
// eqroi/core/format.hpp (format.cpp). No finance here: every figure comes from the engine.
#include "report_detail.hpp"

#include <eqroi/core/report.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cstdio>
#include <stdexcept>
#include <unistd.h>

namespace eqroi {

namespace fs = std::filesystem;

namespace report_detail {

std::string timing_key(finance::Timing t) {
    return t == finance::Timing::mid_period ? "mid_period" : "end_of_period";
}

std::string timing_words(finance::Timing t) {
    return t == finance::Timing::mid_period ? "mid period" : "end of period";
}

std::string dollars_key(Dollars d) { return d == Dollars::constant ? "constant" : "nominal"; }

bool all_zero(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return x == 0.0; });
}

bool has_financing(const AlternativeResult& a) {
    return std::any_of(a.lines.begin(), a.lines.end(), [](const Line& l) {
        return l.source == "financing" && !all_zero(l.amounts);
    });
}

const Line* income_tax_line(const AlternativeResult& a) {
    for (const Line& l : a.lines)
        if (l.key == "tax.income_tax") return &l;
    return nullptr;
}

const AlternativeResult* baseline_of(const StudyResult& r) {
    for (const auto& a : r.alternatives)
        if (a.is_baseline || a.id == r.baseline) return &a;
    return nullptr;
}

std::vector<const AlternativeResult*> ranked(const StudyResult& r) {
    std::vector<const AlternativeResult*> out;
    for (const auto& a : r.alternatives) out.push_back(&a);
    std::stable_sort(out.begin(), out.end(), [](auto* x, auto* y) { return x->rank < y->rank; });
    return out;
}

std::vector<std::string> header_lines(const StudyResult& r) {
    const StudySettings& s = r.settings;
    const StudyRates& rates = r.rates;
    const std::string start = start_date_text(s);
    std::vector<std::string> out;
    out.push_back(fmt::format("Currency {}, start {}, {} years in {} periods, inflation {} per "
                              "year, tax rate {}, baseline '{}'.",
                              s.currency, start.empty() ? "date not set" : start,
                              s.horizon_years, period_label(s), pct(s.inflation),
                              pct(s.tax_rate), r.baseline));
    const bool constant = s.dollars == Dollars::constant;
    std::string rate = fmt::format(
        "Discount rate {} per year, {} ({} {} at {} inflation).", pct(s.discount_rate),
        constant ? "real" : "nominal", constant ? "nominal" : "real",
        pct(constant ? rates.nominal : rates.real), pct(s.inflation));
    if (s.periods == PeriodUnit::month)
        rate += fmt::format(" Monthly flows are discounted at {} per month "
                            "((1 + rate)^(1/12) - 1).",
                            pct(rates.per_period, 4));
    out.push_back(std::move(rate));
    out.push_back(s.timing == finance::Timing::mid_period
                      ? "Timing: mid period: the flow of period k >= 1 is discounted over "
                        "k - 0.5 periods; period 0 (the purchase) at time 0."
                      : "Timing: end of period: the flow of period k is discounted over k "
                        "periods; period 0 (the purchase) at time 0.");
    out.push_back(constant ? "Dollars: constant (purchasing power at the start; the discount "
                             "rate is real)."
                           : "Dollars: nominal (amounts as they will be paid).");
    std::string levered;
    for (const auto& a : r.alternatives)
        if (has_financing(a)) levered += (levered.empty() ? "'" : ", '") + a.id + "'";
    out.push_back(levered.empty()
                      ? "Financing: unlevered (no loan or lease lines)."
                      : fmt::format("Financing: loan or lease lines in {}; their flows are "
                                    "after financing.",
                                    levered));
    out.push_back(fmt::format("MIRR: finance rate {}, reinvestment rate {} per year.",
                              pct(rates.finance_rate), pct(rates.reinvest_rate)));
    out.push_back(s.tax_rate > 0
                      ? "Costs negative, benefits positive; measures after tax (the same "
                        "measures before tax follow the comparison)."
                      : "Costs negative, benefits positive; no income tax (tax rate 0).");
    return out;
}

std::string Table::text() const {
    std::vector<std::size_t> width(header.size());
    for (std::size_t c = 0; c < header.size(); ++c) {
        width[c] = header[c].size();
        for (const auto& row : rows) width[c] = std::max(width[c], row[c].size());
    }
    auto line = [&](const std::vector<std::string>& cells) {
        std::string out;
        for (std::size_t c = 0; c < cells.size(); ++c) {
            if (c > 0) out += ' ';
            out += right[c] ? fmt::format(" {:>{}}", cells[c], width[c])
                            : fmt::format("{:<{}}", cells[c], width[c]);
        }
        while (!out.empty() && out.back() == ' ') out.pop_back();
        return out + '\n';
    };
    std::string out = line(header);
    std::size_t total = 0;
    for (std::size_t c = 0; c < width.size(); ++c) total += width[c] + (c ? 1 : 0) + right[c];
    out += std::string(total, '-') + '\n';
    for (const auto& row : rows) out += line(row);
    return out;
}

std::string Table::markdown() const {
    auto line = [](const std::vector<std::string>& cells) {
        std::string out = "|";
        for (const auto& c : cells) out += " " + c + " |";
        return out + '\n';
    };
    std::string out = line(header) + "|";
    for (bool r : right) out += r ? "---:|" : "---|";
    out += '\n';
    for (const auto& row : rows) out += line(row);
    return out;
}

}  // namespace report_detail

using namespace report_detail;

std::optional<ReportFormat> parse_report_format(std::string_view name) {
    if (name == "table") return ReportFormat::table;
    if (name == "json") return ReportFormat::json;
    if (name == "csv") return ReportFormat::csv;
    if (name == "md") return ReportFormat::md;
    return std::nullopt;
}

namespace {

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string out = "\"";
    for (char c : s) out += (c == '"') ? std::string("\"\"") : std::string(1, c);
    return out + "\"";
}

std::string csv_number(const std::optional<double>& v) {
    return v ? fmt::format("{:.10g}", *v) : "";
}

std::string csv_money(double v) { return fmt::format("{:.2f}", v); }

/// One row per alternative, in file order. The first twelve columns are the ones scripts
/// have always read; the issue-3 measures follow, so existing readers keep working.
std::string render_comparison_csv(const StudyResult& r) {
    std::string out =
        "rank,alternative,name,is_baseline,npv,irr,payback_years,discounted_payback_years,"
        "incremental_npv,incremental_irr,incremental_payback_years,"
        "incremental_discounted_payback_years,irr_ambiguous,irr_roots,mirr,profitability_index,"
        "annual_value,lcc,euac,roi,sir,airr,pre_tax_npv,pre_tax_irr\n";
    for (const auto& a : r.alternatives) {
        const auto& m = a.measures;
        const auto& v = a.vs_baseline;
        const bool b = a.is_baseline;
        std::string roots;
        for (double x : irr_roots_of(m)) roots += (roots.empty() ? "" : ";") + csv_number(x);
        out += fmt::format("{},{},{},{},{:.2f},{},{},{},{},{},{},{}", a.rank, csv_field(a.id),
                           csv_field(a.name), b ? "true" : "false", m.npv, csv_number(m.irr),
                           csv_number(m.payback), csv_number(m.discounted_payback),
                           b ? "" : csv_money(v.npv), b ? "" : csv_number(v.irr),
                           b ? "" : csv_number(v.payback),
                           b ? "" : csv_number(v.discounted_payback));
        out += fmt::format(",{},{},{},{},{:.2f},{:.2f},{:.2f},{},{},{},{:.2f},{}\n",
                           m.irr_ambiguous ? "true" : "false", roots, csv_number(m.mirr),
                           csv_number(m.profitability_index), m.annual_value, m.lcc, m.euac,
                           csv_number(m.roi), b ? "" : csv_number(a.savings.sir),
                           b ? "" : csv_number(a.savings.airr), a.pre_tax.npv,
                           csv_number(a.pre_tax.irr));
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
                                   csv_field(l.label), report_category(l),
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
