// Private to the risk sources and the study parser: the one place that decides which
// parameters an uncertain input reaches and whether its distribution fits them. The parser
// (study_uncertain.cpp) calls it with the plugin registry to report problems at file:line:col;
// InputBinding (risk_inputs.cpp) calls it with an Engine's resolved models.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/risk/inputs.hpp>
#include <eqroi/core/study.hpp>

#include <functional>
#include <vector>

namespace eqroi::risk::detail {

/// The Model of `study.alternatives[alternative].models[use]`, or nullptr when it is unknown
/// (the parser has reported that already).
using ModelLookup = std::function<const Model*(std::size_t alternative, std::size_t use)>;

/// The parameters each input reaches (result[i] for inputs[i]; empty when it has a problem),
/// with every problem appended to `problems` at the key it concerns: unknown alternative,
/// model or parameter (with the nearest valid name), a per-period or choice parameter, a
/// boolean or whole-number parameter given a continuous distribution, values the distribution
/// can draw outside the parameter's declared range, a capital-derived 'purchase_price', an
/// input that reaches nothing, two inputs setting one parameter. Distributions with a
/// problem() are skipped (the parser reports those itself).
std::vector<std::vector<InputTarget>> bind_inputs(const Study& study,
                                                  const std::vector<UncertainInput>& inputs,
                                                  const ModelLookup& model_of,
                                                  std::vector<Diagnostic>& problems);

/// The smallest and largest values a run can draw from `d`: the support where it is finite,
/// else the quantile at the most extreme uniform the sampler produces (below 2^-67 or above
/// 1 - 2^-53 it never goes; about 9.3 and 8.2 standard deviations out on a normal).
Support drawable_range(const Distribution& d);

}  // namespace eqroi::risk::detail
