// Private to the sensitivity sources (risk_sensitivity.cpp, risk_breakeven.cpp,
// risk_spearman.cpp): evaluating one input at chosen values with the others at base, and the
// facts about an input's parameters that the analyses need.
#pragma once

#include <eqroi/core/risk/inputs.hpp>

#include <cstddef>
#include <span>
#include <utility>
#include <vector>

namespace eqroi::risk::sensitivity_detail {

/// NPV of alternative `alternative` for each of `values` of input `input`, every other input at
/// base: one batch of values.size() trials. Precondition: the input reaches the alternative
/// (otherwise the values are ignored and every trial is the base NPV).
std::vector<double> npv_at(const InputBinding& binding, std::size_t input,
                           std::size_t alternative, std::span<const double> values);

/// The alternative with the highest NPV; the first in file order on a tie (the deterministic
/// run's ranking). Precondition: npv is not empty.
std::size_t preferred(std::span<const double> npv);

/// True when a parameter the input sets takes whole values only (integer or true/false).
bool whole_number(const InputBinding& binding, std::size_t input);

/// The intersection of the declared ranges of the parameters the input sets: in alternative
/// `alternative` only, or in every alternative when it is SIZE_MAX.
std::pair<double, double> declared_range(const InputBinding& binding, std::size_t input,
                                         std::size_t alternative);

}  // namespace eqroi::risk::sensitivity_detail
