// Binding the uncertain inputs of a study (risk/uncertain.hpp) to the parameters of an Engine:
// which parameter of which model of which alternative each input sets, what its value is when
// it is not varied ("at base"), and one call that evaluates every alternative for a batch of
// trials where input i takes the values of column i.
//
// The Monte Carlo run (risk/analysis.hpp) and the sensitivity analysis (tornado, spider,
// break-even: one input moved, the others at base) both evaluate through InputBinding, so the
// reaching rules live in one place.
#pragma once

#include <eqroi/core/engine.hpp>
#include <eqroi/core/risk/uncertain.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace eqroi::risk {

/// One parameter an input sets in one alternative.
struct InputTarget {
    std::size_t alternative = 0;  ///< index in Engine::alternatives() (the study's file order)
    std::size_t model = 0;        ///< index in ResolvedAlternative::models
    std::size_t param = 0;        ///< index in that model's parameters
    /// The study's value of the parameter (eqroi::resolve_param: model table > [equipment] >
    /// implied by the study > declared default): the value "at base".
    double base = 0;
    double min = 0, max = 0;      ///< the parameter's declared range (inclusive)
};

/// Input values for a batch of trials: columns[i][t] is input i's value in trial t. An EMPTY
/// column leaves input i at base in every trial (each alternative keeps the study's value).
/// Non-empty columns hold at least `trials` values (only the first `trials` are read).
using Columns = std::span<const std::span<const double>>;

/// The inputs of a study bound to an Engine's parameters. Built once, then read-only: every
/// const member may be called from several threads at once. Holds a reference to the Engine,
/// which must outlive it.
class InputBinding {
public:
    /// Binds the study's own [[uncertain]] inputs (engine.study().uncertain).
    explicit InputBinding(const Engine& engine);

    /// Binds `inputs` (in that order: input i is column i) to `engine`. The study parser has
    /// validated inputs read from a file; inputs built in code are checked here: InputError
    /// (at the input's position) when an alternative, model or parameter is unknown, when the
    /// parameter is per-period or a choice, when an input reaches no parameter at all, or when
    /// two inputs set the same parameter.
    InputBinding(const Engine& engine, std::vector<UncertainInput> inputs);

    const Engine& engine() const noexcept { return *engine_; }
    std::size_t size() const noexcept { return inputs_.size(); }
    const std::vector<UncertainInput>& inputs() const noexcept { return inputs_; }
    const UncertainInput& input(std::size_t i) const { return inputs_.at(i); }
    /// The inputs' names, in column order (for messages and correlation matrices).
    std::vector<std::string> names() const;

    /// Every parameter input i sets, by alternative then model then parameter. Never empty.
    std::span<const InputTarget> targets(std::size_t i) const;

    /// True when input i sets at least one parameter of alternative `alternative`.
    bool reaches(std::size_t i, std::size_t alternative) const;

    /// Input i's base value in alternative `alternative` (the study's value of the parameters
    /// it sets there); nullopt when it does not reach that alternative. When one input sets
    /// several models of one alternative whose study values differ (one model's table gives
    /// its own), this is the first target's.
    std::optional<double> base_value(std::size_t i, std::size_t alternative) const;

    /// Input i's base value when every parameter it sets has the same study value (the usual
    /// case); nullopt when they differ (an [equipment] key shared by alternatives with
    /// different values, e.g. operating hours of 3,600 on the old machine and 3,000 on the
    /// new): a swing "around base" then has no single centre, and callers swing each
    /// alternative around its own base_value(i, alternative).
    std::optional<double> base_value(std::size_t i) const;

    /// The engine overrides of alternative `alternative` for a batch: one ParamOverride per
    /// target of every input with a non-empty column, whose values are that column's first
    /// `trials` values. std::invalid_argument when columns.size() != size() or a non-empty
    /// column is shorter than `trials`.
    std::vector<ParamOverride> overrides(std::size_t alternative, Columns columns,
                                         uint32_t trials) const;

    /// Evaluates alternative `alternative` for `trials` trials with the inputs set from
    /// `columns` (Engine::run_batch; parameters no input sets keep the study's value).
    /// Throws what run_batch throws (EvaluationError when a model fails or a value leaves a
    /// parameter's declared range) and what overrides() throws.
    BatchResult evaluate(std::size_t alternative, Columns columns, uint32_t trials) const;

    /// The same for every alternative of the study, in file order (result[a] is alternative a).
    std::vector<BatchResult> evaluate(Columns columns, uint32_t trials) const;

    /// Convenience for callers holding owned columns (Sampler::sample_block's result):
    /// columns[i] empty = input i at base.
    std::vector<BatchResult> evaluate(const std::vector<std::vector<double>>& columns,
                                      uint32_t trials) const;

private:
    const Engine* engine_;
    std::vector<UncertainInput> inputs_;
    std::vector<std::vector<InputTarget>> targets_;  ///< per input
};

}  // namespace eqroi::risk
