// Rendering a StudyResult for people (table, Markdown) and for other programs (JSON, CSV).
// Every front end uses these, so the CLI and the studio show the same figures.
#pragma once

#include <eqroi/core/engine.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>

namespace eqroi {

enum class ReportFormat { table, json, csv, md };

/// "table", "json", "csv", "md"; nullopt otherwise.
std::optional<ReportFormat> parse_report_format(std::string_view name);

/// The whole result. Table and Markdown: a header (discount rate nominal/real, timing,
/// dollars, financing, MIRR rates), each alternative's cash-flow table (lines, tax
/// computation, pre- and after-tax flow, discount factor, discounted and cumulative rows; its
/// units and loan schedule when it has them), the measures of each alternative (NPV, IRR,
/// MIRR, PI, paybacks, EAA, LCC, EUAC, ROI) ranked by NPV, the comparison with the baseline
/// (incremental NPV = net savings, incremental IRR and paybacks, SIR, AIRR), and the same
/// before tax when the study is taxed. JSON: all of it with every per-period series. CSV: the
/// comparison, one row per alternative (the first twelve columns as before, the issue-3
/// measures after them); use render_cashflows_csv for the per-period lines.
std::string render_report(const StudyResult& result, ReportFormat format);

/// The audit trail of a result, for a finance reviewer who checks figures by hand: for each
/// alternative (after tax, and before tax when the study is taxed) and for its increment over
/// the baseline, every measure written as its formula with the numbers put in: NPV with its
/// per-period table (flow, discount factor, discounted, running sums), IRR with the check
/// NPV(IRR) = 0 (or every root, or why there is none), MIRR's two sums, PI, payback and
/// discounted payback with the interpolation, EAA and EUAC with (A/P, i, n), LCC with each
/// line's present value, ROI, SIR and AIRR from the investment and operating lines, and the
/// income tax per period. In a monthly study factors use the per-month rate and yearly figures
/// use years = periods / 12. It computes nothing the engine did not: each block ends with the
/// engine's figure, and says "[DIFFERS: ...]" when the arithmetic shown does not give it.
/// Throws std::invalid_argument when the study's rate or horizon cannot give (A/P, i, n).
std::string render_explain(const StudyResult& result);

/// Every line of every alternative per period, long format:
/// alternative,line,label,category,tax_treatment,period,amount
std::string render_cashflows_csv(const StudyResult& result);

/// Writes `content` to a temporary file beside `file` and renames it over `file`, so a reader
/// never sees a half-written file and an existing file is replaced only by a complete one.
/// Throws std::runtime_error naming the file on failure.
void write_file_atomic(const std::filesystem::path& file, std::string_view content);

}  // namespace eqroi
