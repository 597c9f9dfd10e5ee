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

/// The whole result: settings, each alternative's cash-flow table and measures, and the
/// comparison with the baseline. CSV gives the comparison (one row per alternative); use
/// render_cashflows_csv for the per-period lines.
std::string render_report(const StudyResult& result, ReportFormat format);

/// Every line of every alternative per period, long format:
/// alternative,line,label,category,tax_treatment,period,amount
std::string render_cashflows_csv(const StudyResult& result);

/// Writes `content` to a temporary file beside `file` and renames it over `file`, so a reader
/// never sees a half-written file and an existing file is replaced only by a complete one.
/// Throws std::runtime_error naming the file on failure.
void write_file_atomic(const std::filesystem::path& file, std::string_view content);

}  // namespace eqroi
