// The engine: capital lines + model lines -> after-tax net flows -> measures -> comparison.
// Batch-native: a deterministic run is a batch of one parameter set.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace eqroi {

/// One row of the cash-flow table of an alternative.
struct Line {
    std::string key;      ///< "capital.price", "maintenance.preventive", "tax.income_tax"...
    std::string label;    ///< "Purchase price", "Preventive maintenance"...
    std::string source;   ///< "capital", "tax", or the model id
    eqroi_category category = EQROI_CATEGORY_OTHER;
    eqroi_tax_treatment tax_treatment = EQROI_TAX_DEDUCTIBLE;
    bool is_capital = false;       ///< price, installation... (category column shows "capital")
    std::vector<double> amounts;   ///< periods 0..N, signed (costs negative)
};

struct Measures {
    double npv = 0;
    std::optional<double> irr;                 ///< per year; nullopt = none
    int sign_changes = 0;                      ///< > 1: IRR may not be unique
    std::optional<double> payback;             ///< years, fractional; nullopt = not reached
    std::optional<double> discounted_payback;  ///< years
};

struct AlternativeResult {
    std::string id, name;
    std::vector<Line> lines;                 ///< capital, then model lines, then tax
    std::vector<double> net;                 ///< after-tax net flow per period
    std::vector<double> cumulative;
    std::vector<double> discounted;          ///< net[k] / (1 + i)^k
    std::vector<double> cumulative_discounted;
    Measures measures;                       ///< of this alternative's own net flow
    /// Measures of the incremental flow (this alternative minus the baseline, period by
    /// period): incremental NPV, the IRR and payback of choosing this over the baseline.
    /// All zero / nullopt for the baseline itself.
    Measures vs_baseline;
    std::vector<double> incremental;         ///< net - baseline net, per period
    /// Tax detail (all zero when the study's tax_rate is 0). Depreciation is not a cash flow,
    /// so it is not among `lines`; it only reduces taxable income. Basis = price +
    /// installation + commissioning, straight line over capital.depreciation_years (0 = the
    /// horizon) from period 1, zero salvage for tax; capitalised model lines the same, from the
    /// period after they occur. Trade-in and disposal of the old machine are not taxed (its
    /// book value is unknown).
    std::vector<double> depreciation;        ///< straight-line deduction per period
    /// Deductible lines - depreciation, plus the gain on disposal at period N. The cash line
    /// "tax.income_tax" is -tax_rate x this (a loss gives a tax saving in the same period).
    std::vector<double> taxable_income;
    double gain_on_disposal = 0;             ///< salvage - remaining book value, at period N
    bool is_baseline = false;
    int rank = 0;                            ///< 1 = highest NPV (mutually exclusive choice)
};

struct StudyResult {
    StudySettings settings;
    std::vector<AlternativeResult> alternatives;  ///< in file order
    std::string baseline;
};

/// One model of an alternative with its parameters resolved for one trial
/// (model table > equipment block > declared default).
struct ResolvedModel {
    Model model;
    /// params[p]: 1 value for a scalar parameter, periods + 1 for a per-period one.
    std::vector<std::vector<double>> params;
};

struct ResolvedAlternative {
    const Alternative* source = nullptr;
    std::vector<ResolvedModel> models;
};

/// Overrides a parameter for every trial of a batch (risk analysis, benchmark):
/// values[trial] for a scalar parameter, values[trial * (periods + 1) + k] for a per-period one.
/// Every value must be finite and within the parameter's declared range (EvaluationError).
struct ParamOverride {
    std::size_t model = 0;  ///< index in ResolvedAlternative::models
    std::size_t param = 0;  ///< index in the model's parameters
    std::vector<double> values;
};

/// Per-trial results of a batch for one alternative.
struct BatchResult {
    uint32_t trials = 0;
    uint32_t periods = 0;
    std::vector<double> net;          ///< net[trial * (periods + 1) + k]
    std::vector<double> npv;          ///< per trial
    std::vector<double> irr;          ///< per trial, per year, NaN = none
    std::vector<double> payback;      ///< per trial, years, NaN = not reached
    std::vector<double> discounted_payback;
};

class Engine {
public:
    /// Resolves every alternative's parameters. The study must have been validated against
    /// this registry (load_study); the registry must outlive the engine.
    Engine(const Study& study, const PluginRegistry& registry);

    const Study& study() const noexcept { return study_; }
    const std::vector<ResolvedAlternative>& alternatives() const noexcept { return resolved_; }

    /// The deterministic run: every line, flows and measures, and the comparison.
    /// Throws EvaluationError when a model fails.
    StudyResult run() const;

    /// Evaluates alternative `alt` for `trials` parameter sets. Parameters not overridden keep
    /// their resolved value. Each model is called once per chunk of up to `batch_chunk` trials
    /// (so a batch of 100,000 makes a few hundred plugin calls per model, not 100,000, and the
    /// working set stays in cache). Safe to call from several threads at once.
    /// Throws EvaluationError when a model fails, std::out_of_range for a bad `alt`/override.
    BatchResult run_batch(std::size_t alt, uint32_t trials,
                          const std::vector<ParamOverride>& overrides = {}) const;

    /// Trials per plugin call inside run_batch.
    static constexpr uint32_t batch_chunk = 512;

private:
    const Study& study_;
    std::vector<ResolvedAlternative> resolved_;
};

}  // namespace eqroi
