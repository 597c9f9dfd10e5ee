// Private to the study sources: the diagnostics collector and the checks of one value against
// a parameter descriptor, shared by study.cpp (file layout) and study_values.cpp (values).
#pragma once

#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eqroi::study_detail {

/// Collects every problem of one study file; thrown as one InputError at the end.
struct Context {
    std::string file;
    std::vector<Diagnostic> diagnostics;

    SourcePos at(const toml::source_region& r) const {
        return SourcePos{file, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
    }
    void error(const toml::source_region& r, std::string message) {
        diagnostics.push_back({at(r), std::move(message)});
    }
    void error(const SourcePos& where, std::string message) {
        diagnostics.push_back({where, std::move(message)});
    }
};

/// "a string", "an integer", "a float", "an array"... for "expects X, got Y".
std::string type_name(const toml::node& node);

/// Shortest text that reads back as the same double: 8760, 0.5, 2e+20, nan.
std::string number_text(double v);

/// "0 .. 8760 h/yr", or ">= 0 currency" when there is no upper bound.
std::string range_text(double min, double max, std::string_view unit);

/// " = 9000 is outside 0 .. 8760 h/yr", or " = -5 must be >= 0 EUR" without an upper bound.
std::string outside_text(double v, double min, double max, std::string_view unit);

/// "a, b, c".
std::string join(const std::vector<std::string>& items);


/// 0-based index of `name` in a '|'-separated choice list, or -1.
int choice_index(const char* choices, std::string_view name) noexcept;

/// Reports every NaN or infinity in the document (TOML has nan/inf literals), wherever it is,
/// so the typed readers can skip non-finite values silently.
void report_non_finite(Context& ctx, const toml::table& root);

/// How a value is being read for a parameter: from the model's own table, or from the
/// [equipment] block on behalf of one model of the alternative (messages then name the model).
struct ParamSite {
    std::string subject;      ///< "'rated_power'" or "equipment 'rated_power'"
    std::string model;        ///< model id, named only for equipment
    bool equipment = false;
};

/// Checks `node` against `param` (type, integer, boolean, choice, per-period length, range)
/// and returns the value as the engine takes it (choice index, 1/0, doubles). Reports every
/// problem; nullopt when the value is unusable. `periods` is N (values run 0..N), or -1 when
/// the horizon itself is invalid and lengths cannot be checked.
std::optional<ParamValue> read_param_value(Context& ctx, const toml::node& node,
                                           const eqroi_param_desc& param, const ParamSite& site,
                                           int periods);

/// An [equipment] value no model of the alternative declares: any number, true/false, name or
/// array of numbers is kept as written.
std::optional<ParamValue> read_loose_value(Context& ctx, const toml::node& node,
                                           std::string_view key);

}  // namespace eqroi::study_detail
