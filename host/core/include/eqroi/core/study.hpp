// A study file (TOML) as data: the settings and the alternatives to compare.
// docs/study-format.md documents every key.
#pragma once

#include <eqroi/core/depreciation.hpp>
#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/finance.hpp>
#include <eqroi/core/risk/uncertain.hpp>
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

/// Nominal: amounts as they will be paid, discounted at the nominal rate. Constant: amounts in
/// the purchasing power of the start date, `discount_rate` is the real rate, and
/// (1 + nominal) = (1 + real)(1 + inflation).
enum class Dollars { nominal, constant };

/// [study]
struct StudySettings {
    std::string name;
    std::string currency = "USD";
    Date start_date;
    int horizon_years = 0;              ///< 1..100
    PeriodUnit periods = PeriodUnit::year;
    double discount_rate = 0;           ///< yearly; nominal, or real when dollars = constant
    double inflation = 0;               ///< yearly general inflation
    double tax_rate = 0;                ///< combined income-tax rate, 0..1
    std::string baseline;               ///< id of the baseline alternative
    finance::Timing timing = finance::Timing::end_of_period;  ///< key `discounting`
    Dollars dollars = Dollars::nominal;                       ///< key `dollars`
    /// MIRR's rates, yearly, in the study's dollars; unset = the discount rate.
    std::optional<double> finance_rate;     ///< key `mirr_finance_rate`
    std::optional<double> reinvest_rate;    ///< key `mirr_reinvest_rate`
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
    int depreciation_years = 0; ///< tax life; 0 = the study horizon (for macrs: the property
                                ///< class, 3, 5, 7, 10, 15 or 20, required)
    depreciation::Method depreciation = depreciation::Method::straight_line;
    double declining_balance_factor = 2;  ///< for declining_balance: 2 = double declining
    /// Service life in years; 0 = the machine lasts the whole study (no replacement, and
    /// salvage_value is received at period N as written). With a life, a unit is bought at
    /// period 0 and replaced every life_years at the escalated price; a unit retired inside the
    /// study fetches salvage_value (today's prices, escalated like the price), and the unit in
    /// service at the end is worth residual_value.
    int life_years = 0;
    /// Value at the end of the study of the unit then in service (as of that date). Unset:
    /// straight line between the unit's cost when bought and its salvage at the end of its
    /// life. Only with life_years > 0.
    std::optional<double> residual_value;
    SourcePos where;
    /// Where `price` was written; line 0 when the file did not give it. resolve_param implies
    /// a model's `purchase_price` from `price` when it was written or is not 0.
    SourcePos price_where;
};

/// [alternative.financing]. Unlevered (all zero) by default.
struct Financing {
    double loan_amount = 0;         ///< received at period 0
    double loan_rate = 0;           ///< yearly nominal; per period (1 + r)^(1/ppy) - 1
    int loan_term_years = 0;        ///< level payments each period; a balance still owed at
                                    ///< period N is repaid then. Required with a loan.
    double lease_payment = 0;       ///< per period of the study, deductible
    int lease_term_years = 0;       ///< 0 = the study horizon
    bool lease_in_advance = true;   ///< payments at the start of each period (0..n-1) or at
                                    ///< the end (1..n); key `lease_timing` = "advance"/"arrears"
    SourcePos where;
    bool has_loan() const noexcept { return loan_amount > 0; }
    bool has_lease() const noexcept { return lease_payment > 0; }
};

/// [alternative.escalation]: an escalation a line gets from the host on top of what its model
/// produced (in a constant-dollar study: the differential escalation, as in NIST BLCC).
/// `model.line = 0.03`, or a list with one rate per year of the study. `capital.price`
/// escalates replacement purchases (and salvage) beyond general inflation.
struct LineEscalation {
    std::string line;               ///< "maintenance.preventive", "capital.price"
    std::vector<double> yearly;     ///< one rate per study year (a single rate is repeated)
    SourcePos where;                ///< where the rate (or list) was written
};

/// [[alternative]]
struct Alternative {
    std::string id;
    std::string name;
    Capital capital;
    Financing financing;
    std::vector<LineEscalation> escalation;       ///< in file order
    std::map<std::string, ParamValue> equipment;  ///< shared inputs for every model
    std::vector<ModelUse> models;                 ///< in file order
    SourcePos where;
};

struct Study {
    std::filesystem::path file;
    StudySettings settings;
    std::vector<Alternative> alternatives;
    /// [[uncertain]] tables, in file order (empty: the study has no risk analysis).
    std::vector<risk::UncertainInput> uncertain;
    /// [risk]; all unset (where.line 0) when the file has no [risk] table.
    risk::RiskSettings risk;

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
/// study (`purchase_price` = capital.price when written or not 0; `escalation` = the study's
/// inflation in a nominal study, 0 in a constant-dollar study, where amounts are in constant
/// dollars and a model's escalation is the differential one, beyond general inflation), else
/// the declared default. Per-period values shorter than periods + 1 are padded with zeros.
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
