// The hand-fused reference of the risk benchmark (issue 6, point 8): example (a),
// configs/examples/cnc_replacement.toml, computed for one trial in plain C++ with no plugin
// boundary — the six bundled models' formulas (plugins/*/README.md) written out inline, the
// capital side, income tax, and NPV, IRR, payback, discounted payback and LCC per alternative
// (and against the baseline) from one set of input values.
//
// It is the yardstick the engine is measured against: "within 1.5x of a hand-fused loop". So it
// does, per trial, what the engine's batch does per trial — every model line of every period
// from the parameters, tax, the measures — and no more clever than a careful hand-written loop:
// the parameters, the capital plan and the models that no input touches are worked out once
// (the engine does the same: the first two in Engine's constructor, a model none of whose
// parameters an input reaches once per batch), nothing is allocated per trial, nothing is
// looked up by name per trial. tests/risk/fused_reference_test.cpp proves it is the same model as the engine
// (NPV within 1e-9 relative, IRR and paybacks within 1e-9, on the base values and 100 random
// input sets).
//
// What it supports is what example (a) uses: yearly periods, nominal dollars, flows at the end
// of the period, no service life (no replacements), no loan or lease, no host escalation of
// lines, and the six bundled models maintenance, downtime, operations, spare_parts, training
// and benefits. The constructor refuses anything else with a message naming what is missing,
// and checks each model's parameter keys and lines against the ones written out here, so a
// change in a plugin cannot make the reference silently compute another model.
#pragma once

#include <eqroi/core/engine.hpp>
#include <eqroi/core/risk/inputs.hpp>

#include <array>
#include <cstddef>
#include <span>
#include <string>
#include <vector>

namespace eqroi::bench {

/// Six typical uncertain inputs of example (a), for when the study file has no [[uncertain]]
/// tables: the guesses the issue names (MTBF, repair cost, scrap after the change, next
/// year's volume) and a shared price, reaching parameters in each of the three ways (a model
/// parameter of one alternative; an [equipment] key, which reaches four models of buy_a; a
/// model parameter of every alternative using the model):
///   keep.mtbf          keep  downtime.mtbf_hours             triangular 120 / 180 / 260
///   buy_a.mtbf         buy_a downtime.mtbf_hours             triangular 450 / 650 / 800
///   keep.repair_parts  keep  maintenance.repair_parts_cost   uniform 1,500 .. 6,000
///   buy_a.scrap        buy_a benefits.scrap_rate_reduction   PERT 0.005 / 0.015 / 0.025
///   buy_a.hours        buy_a [equipment] operating_hours_per_year   uniform 2,400 .. 3,600
///   energy_price       all   operations.energy_price         uniform 0.15 .. 0.25
std::vector<risk::UncertainInput> typical_cnc_inputs();

/// The measures of one flow series in one trial, as eqroi::BatchResult keeps them: rates per
/// year, paybacks in years, NaN = none (no IRR, or not a unique one) / not reached.
struct FusedMeasures {
    double npv = 0;
    double irr = 0;
    double payback = 0;
    double discounted_payback = 0;
};

/// One alternative's results in one trial.
struct FusedAlternative {
    FusedMeasures own;          ///< of its own after-tax net flow (BatchResult's npv, irr...)
    double lcc = 0;             ///< PV(benefit lines) - NPV, as BatchResult::lcc
    /// Of the incremental flow (this alternative's net - the baseline's, period by period);
    /// all zero for the baseline itself, and when the reference was built without it.
    FusedMeasures vs_baseline;
};

/// The measures of a flow series (flows at the end of yearly periods, rate per year) as the
/// engine works them out (host/core/src/engine_flows.cpp, measure()), through eqroi::finance:
/// IRR by finance::irr for one sign change, the unique root of irr_analysis for several.
/// For the engine side of the comparisons (the incremental flow of a BatchResult's net flows).
FusedMeasures finance_measures(std::span<const double> flows, double rate);

/// The bundled models the reference knows, in a fixed order (the slots of FusedParams).
enum class FusedModel : std::size_t {
    maintenance,
    downtime,
    operations,
    spare_parts,
    training,
    benefits,
    count
};

inline constexpr std::size_t kFusedMaxPeriods = 50;       ///< yearly periods 0..50
inline constexpr std::size_t kFusedMaxAlternatives = 8;
inline constexpr std::size_t kFusedMaxParams = 16;        ///< the most any bundled model has

/// One alternative's model parameters, in each plugin's declared order (params[model][p]).
struct FusedParams {
    std::array<std::array<double, kFusedMaxParams>, static_cast<std::size_t>(FusedModel::count)>
        params{};
};

/// The maintenance model's expected failures by the end of each period, (T_k / eta)^beta,
/// and the age, hours, shape and scale it was worked out for: kept from one trial to the next,
/// as the maintenance plugin keeps it from one trial of a batch to the next.
struct FusedFailureCurve {
    double age = -1, hours = -1, shape = -1, scale = -1;  ///< -1: not worked out yet
    std::array<double, kFusedMaxPeriods + 1> failures{};
};

/// A trial's scratch space: the parameters of every alternative (the inputs are written into
/// them in place each trial, the rest keeps the study's values), the net flows and each
/// alternative's failure curve. Made by FusedCnc::workspace(); one per thread; never shared
/// between threads.
struct FusedWorkspace {
    std::array<FusedParams, kFusedMaxAlternatives> alternatives{};
    std::array<std::array<double, kFusedMaxPeriods + 1>, kFusedMaxAlternatives> net{};
    std::array<FusedFailureCurve, kFusedMaxAlternatives> failure_curves{};
};

/// Example (a) as one fused function. Built once from the uncertain inputs bound to an Engine
/// on the study (the Engine resolved every parameter: model table > [equipment] > implied by
/// the study > declared default; the binding says which parameters each input sets, by the
/// same rules as the risk run); then read-only, so evaluate() may be called from any number of
/// threads at once, each with its own FusedWorkspace.
class FusedCnc {
public:
    /// Copies what it needs from `binding` and its Engine (neither need outlive it).
    /// std::invalid_argument naming the alternative, model or parameter when the study uses
    /// something the reference does not model, or when a model's parameters or lines are not
    /// the ones written out here. `vs_baseline`: also work out the measures against the
    /// baseline (the incremental flow) each trial.
    FusedCnc(const risk::InputBinding& binding, bool vs_baseline);

    std::size_t alternatives() const noexcept { return alternatives_.size(); }
    std::size_t inputs() const noexcept { return input_count_; }
    std::size_t baseline() const noexcept { return baseline_; }
    const std::string& id(std::size_t alternative) const { return alternatives_.at(alternative).id; }

    /// A workspace holding the study's values, ready for evaluate().
    FusedWorkspace workspace() const;

    /// One trial: input i takes inputs[i] (inputs() values), every alternative is evaluated
    /// into out[0 .. alternatives()). No allocation. std::invalid_argument when a value is
    /// outside a parameter's declared range or not finite, or the downtime model's shifts
    /// exceed 24 h a day (what the engine refuses too).
    void evaluate(FusedWorkspace& work, const double* inputs, FusedAlternative* out) const;

private:
    struct Binding {  ///< input `input` sets params[model][param] of alternative `alternative`
        std::size_t input, alternative, model, param;
        double min, max;
    };
    struct AlternativeData {
        std::string id;
        std::array<bool, static_cast<std::size_t>(FusedModel::count)> uses{};
        /// Models an input reaches: worked out every trial. The others' lines are summed once,
        /// into fixed_*.
        std::array<bool, static_cast<std::size_t>(FusedModel::count)> varies{};
        std::array<double, kFusedMaxPeriods + 1> fixed_deductible{}, fixed_untaxed{}, fixed_benefit{};
        FusedParams base;
        /// The capital plan (price, installation, commissioning, trade-in, disposal, salvage;
        /// depreciation and the gain on disposal), the same every trial.
        std::array<double, kFusedMaxPeriods + 1> capital_net{}, capital_taxable{};
    };

    std::vector<AlternativeData> alternatives_;
    std::vector<Binding> bindings_;
    std::size_t input_count_ = 0;
    std::size_t baseline_ = 0;
    std::size_t periods_ = 0;
    double rate_ = 0;      ///< discount rate per year (= per period)
    double tax_rate_ = 0;
    bool vs_baseline_ = false;
};

}  // namespace eqroi::bench
