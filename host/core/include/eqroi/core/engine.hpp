// The engine: capital lines + model lines -> after-tax net flows -> measures -> comparison.
// Batch-native: a deterministic run is a batch of one parameter set.
#pragma once

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
    Measures measures;
    double incremental_npv = 0;              ///< npv - baseline npv
    int rank = 0;                            ///< 1 = highest NPV
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
/// values[trial] for a scalar parameter.
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
    std::vector<double> irr;          ///< per trial, NaN = none
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

    /// Evaluates alternative `alt` for `trials` parameter sets: each model is called once
    /// for the whole batch. Parameters not overridden keep their resolved value.
    BatchResult run_batch(std::size_t alt, uint32_t trials,
                          const std::vector<ParamOverride>& overrides = {}) const;

private:
    const Study& study_;
    std::vector<ResolvedAlternative> resolved_;
};

}  // namespace eqroi
