// What the `eqroi` commands share: the exit codes and the usage error. Each command's file
// (main.cpp, calc.cpp) throws UsageError; main() turns it into a message and exit code 2.
#pragma once

#include <eqroi/core/report.hpp>

#include <fmt/format.h>

#include <stdexcept>
#include <string>

namespace eqroi::cli {

constexpr int kOk = 0;               ///< success (also: a measure that does not exist, e.g. no IRR)
constexpr int kEvaluationFailed = 1; ///< the study or a model could not be evaluated
constexpr int kBadInput = 2;         ///< arguments, study file or plugin rejected

/// A usage problem found after CLI11 parsed the line (exit 2). The message names the option
/// and the value, e.g. "--dates: '2023-02-30' (item 2) is not a calendar date".
struct UsageError : std::runtime_error {
    using std::runtime_error::runtime_error;
};

/// The report format a --format value names; UsageError naming the value otherwise.
inline ReportFormat format_of(const std::string& name) {
    const auto f = parse_report_format(name);
    if (!f) throw UsageError(fmt::format("--format {}: expected table, json, csv or md", name));
    return *f;
}

}  // namespace eqroi::cli
