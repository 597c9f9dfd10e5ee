// Private to the study sources: the diagnostics collector, the typed readers of one value, and
// the checks of one value against a parameter descriptor. Shared by study.cpp (file layout,
// [study], models, equipment), study_alternative.cpp (capital, financing, escalation),
// study_readers.cpp (typed readers) and study_values.cpp (parameter values, resolve_param).
#pragma once

#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <toml++/toml.h>

#include <limits>
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

/// No upper bound, for read_number (money amounts).
inline constexpr double kNoMax = std::numeric_limits<double>::infinity();

/// "'key'".
std::string in_quotes(std::string_view key);

/// True when `a` comes before `b` in the file (line, then column).
bool before(const SourcePos& a, const SourcePos& b);

/// "unknown key 'k' in <where>; did you mean '<nearest candidate>'?", at the key.
void unknown_key(Context& ctx, const toml::key& key, const std::string& where,
                 const std::vector<std::string>& candidates);

/// A number (integer or float) within min .. max; reports "'key' expects a number" or
/// "'key' = x is outside ..." at the value. Non-finite values return nullopt silently
/// (report_non_finite reported them).
std::optional<double> read_number(Context& ctx, const toml::node& v, std::string_view key,
                                  double min, double max, std::string_view unit);

/// Same, with the subject of the message written out ("escalation 'maintenance.preventive'").
std::optional<double> read_number_as(Context& ctx, const toml::node& v, const std::string& subject,
                                     double min, double max, std::string_view unit);

/// A TOML integer within min .. max (a float, even 7.0, is an error).
std::optional<int> read_integer(Context& ctx, const toml::node& v, std::string_view key, int min,
                                int max, std::string_view unit);

std::optional<std::string> read_string(Context& ctx, const toml::node& v, std::string_view key);

/// A string that must be one of `choices`: its 0-based index, or nullopt after reporting
/// "unknown choice 'x' for 'key'; did you mean 'y'? choices: a, b" at the value.
std::optional<std::size_t> read_choice(Context& ctx, const toml::node& v, std::string_view key,
                                       const std::vector<std::string>& choices);

/// [alternative.capital]: amounts, depreciation method and life, service life and residual
/// value, with the checks that tie them together (macrs class, factor only with declining
/// balance, residual value only with a service life). `currency` names the money unit.
void parse_capital(Context& ctx, const toml::table& t, Capital& capital,
                   const std::string& currency);

/// [alternative.financing]: loan and lease. A loan needs its term.
void parse_financing(Context& ctx, const toml::table& t, Financing& financing,
                     const std::string& currency);

/// [alternative.escalation]: host escalation per line, `model.line = rate` (dotted or quoted
/// key) or `capital.price`. Lines are checked against the models `alternative` uses (so its
/// models are read first); a list must have `horizon_years` rates (-1: the horizon is invalid,
/// lengths are not checked). Fills alternative.escalation in file order.
void parse_escalation(Context& ctx, const toml::table& t, Alternative& alternative,
                      const PluginRegistry& registry, int horizon_years);


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

/// [[uncertain]] tables -> study.uncertain, in file order. Read after the alternatives: each
/// input is checked against the alternatives, models and parameters it names
/// (risk_inputs_detail.hpp, bind_inputs), every problem reported at its key. `declared` gets
/// the name of every table, usable or not.
void parse_uncertain(Context& ctx, const toml::node& node, Study& study,
                     const PluginRegistry& registry, std::vector<std::string>& declared);

/// [risk] -> study.risk. Read after [[uncertain]]: the correlation names inputs (`declared`:
/// every [[uncertain]] table's name, so that naming one with a problem of its own is not
/// reported again).
void parse_risk(Context& ctx, const toml::node& node, Study& study,
                const std::vector<std::string>& declared);

}  // namespace eqroi::study_detail
