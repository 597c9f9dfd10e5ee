// A study file (TOML) as data: the settings and the alternatives to compare.
// docs/study-format.md documents every key.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/plugin.h>

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eqroi {

class PluginRegistry;

struct Date {
    int year = 0, month = 1, day = 1;
};

enum class PeriodUnit { year, month };

/// [study]
struct StudySettings {
    std::string name;
    std::string currency = "USD";
    Date start_date;
    int horizon_years = 0;              ///< 1..100
    PeriodUnit periods = PeriodUnit::year;
    double discount_rate = 0;           ///< yearly, nominal
    double inflation = 0;               ///< yearly general inflation
    double tax_rate = 0;                ///< combined income-tax rate, 0..1
    std::string baseline;               ///< id of the baseline alternative
    SourcePos where;

    int periods_per_year() const noexcept { return periods == PeriodUnit::month ? 12 : 1; }
    int period_count() const noexcept { return horizon_years * periods_per_year(); }
};

/// A parameter value as the user wrote it: one number, or one per period (an array).
struct ParamValue {
    std::vector<double> values;  ///< size 1 for a scalar
    bool per_period = false;
    /// For a choice written as a name: the name, so that each model maps it to its own index
    /// (values[0] holds the index for the model whose table it was written in).
    std::string choice;
    SourcePos where;
};

/// [alternative.models.<id>]: a plugin model used by an alternative, with its own values.
struct ModelUse {
    std::string model;                          ///< plugin model id
    std::map<std::string, ParamValue> params;   ///< key -> value from the model's table
    SourcePos where;
};

/// [alternative.capital]: amounts as positive numbers; the engine gives them their sign.
struct Capital {
    double price = 0;           ///< purchase price, period 0
    double installation = 0;    ///< period 0
    double commissioning = 0;   ///< period 0
    double trade_in = 0;        ///< received for the old machine, period 0
    double disposal_cost = 0;   ///< paid to remove the old machine, period 0
    double salvage_value = 0;   ///< received at the end of the study
    int depreciation_years = 0; ///< straight-line tax life; 0 = the study horizon
    SourcePos where;
    /// Where `price` was written; line 0 when the file did not give it. resolve_param implies
    /// a model's `purchase_price` from `price` when it was written or is not 0.
    SourcePos price_where;
};

/// [[alternative]]
struct Alternative {
    std::string id;
    std::string name;
    Capital capital;
    std::map<std::string, ParamValue> equipment;  ///< shared inputs for every model
    std::vector<ModelUse> models;                 ///< in file order
    SourcePos where;
};

struct Study {
    std::filesystem::path file;
    StudySettings settings;
    std::vector<Alternative> alternatives;

    const Alternative* find(const std::string& id) const noexcept;
};

/// Where a resolved parameter value came from (the studio shows "inherited from equipment").
enum class ValueSource { model_table, equipment, study, declared_default };

struct ResolvedValue {
    std::vector<double> values;  ///< 1 value, or periods + 1 for a per-period parameter
    ValueSource source = ValueSource::declared_default;
    SourcePos where;             ///< where the user wrote it (empty for a default)
};

/// The one place parameter resolution happens, for validation and for the engine:
/// the model's table, else the alternative's [equipment] block, else a value implied by the
/// study (`purchase_price` = capital.price, `escalation` = study inflation), else the declared
/// default. Per-period values shorter than periods + 1 are padded with zeros.
/// nullopt when the parameter is EQROI_PARAM_REQUIRED and nobody gave it.
std::optional<ResolvedValue> resolve_param(const Study& study, const Alternative& alternative,
                                           const ModelUse& use, const eqroi_param_desc& param);

/// Reads, parses and validates a study against the loaded models. Throws InputError with
/// every problem found, each at file:line:col (unknown keys suggest the nearest valid key).
Study load_study(const std::filesystem::path& file, const PluginRegistry& registry);

/// Same, from text; `file` is used in messages only.
Study parse_study(std::string_view text, const std::filesystem::path& file,
                  const PluginRegistry& registry);

}  // namespace eqroi
