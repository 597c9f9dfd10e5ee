// eqroi plugin SDK, test helper: input values (Value, Inputs) and what an evaluation gives (Outcome, Result).
//
// SPDX-License-Identifier: MIT
//
// Part of <eqroi/testing.hpp>, which is what a test includes; see there for the overview.
#ifndef EQROI_TESTING_RESULT_HPP
#define EQROI_TESTING_RESULT_HPP

#include <eqroi/testing/detail.hpp>
#include <eqroi/plugin.h>

#include <cstddef>
#include <cstdint>
#include <initializer_list>
#include <map>
#include <stdexcept>
#include <string>
#include <type_traits>
#include <utility>
#include <vector>

namespace eqroi::testing {

/// One input value, in the forms a study gives them: a number (`5000`, `0.03`), true/false for a
/// boolean parameter, a name for a choice parameter ("overtime"), or a list of numbers, one per
/// period 0..N, for a per-period parameter. The batch forms are accepted too: 1/0 for a boolean,
/// the 0-based index for a choice, and a whole float (7.0) for an integer (a study file must write
/// 7). Converts implicitly, so inputs read
/// `{{"unit_price", 3}, {"covers_repairs", true}, {"cost_method", "overtime"}}`.
class Value {
public:
    enum class Kind { integer, real, boolean, name, series };

    template <class T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>,
                                        int> = 0>
    Value(T number)  // NOLINT(google-explicit-constructor): inputs are written as literals
        : kind_(std::is_integral_v<T> ? Kind::integer : Kind::real),
          numbers_{static_cast<double>(number)} {}
    Value(bool b) : kind_(Kind::boolean), numbers_{b ? 1.0 : 0.0} {}         // NOLINT
    Value(const char* name) : kind_(Kind::name), name_(name ? name : "") {}  // NOLINT
    Value(std::string name) : kind_(Kind::name), name_(std::move(name)) {}   // NOLINT
    Value(std::vector<double> series)
        : kind_(Kind::series), numbers_(std::move(series)) {}  // NOLINT
    Value(std::initializer_list<double> series)
        : kind_(Kind::series), numbers_(series) {}  // NOLINT

    Kind kind() const noexcept { return kind_; }
    /// The number (one element) or the series; empty for a name.
    const std::vector<double>& numbers() const noexcept { return numbers_; }
    const std::string& name() const noexcept { return name_; }

    /// "an integer", "a float"...: the words the host uses for what a study wrote.
    const char* type_name() const noexcept {
        switch (kind_) {
            case Kind::integer: return "an integer";
            case Kind::real: return "a float";
            case Kind::boolean: return "a boolean";
            case Kind::name: return "a string";
            case Kind::series: return "an array";
        }
        return "nothing";
    }

private:
    Kind kind_;
    std::vector<double> numbers_;
    std::string name_;
};

/// The parameter values of one trial, by key. A key not given takes the declared default (a
/// per-period parameter: the default in every period), as in a study.
using Inputs = std::map<std::string, Value>;

/// How an evaluation ended.
enum class Outcome {
    /// evaluate returned EQROI_STATUS_OK and every amount is finite: the host keeps the batch.
    ok,
    /// The host would refuse these inputs before calling the model (a required parameter
    /// missing, a value outside the declared range, an unknown key...); see input_problems().
    /// evaluate was not called and every amount is zero.
    inputs_refused,
    /// evaluate returned another status; status() and plugin_message() say which and why.
    failed,
    /// evaluate returned OK but left a NaN or an infinity: the host rejects the batch.
    non_finite,
    /// A C++ exception crossed the C boundary (a plugin not built on plugin.hpp): the host
    /// reports it as an error (and a C++ exception through C code is undefined behaviour).
    threw,
    /// evaluate wrote outside the output array it was given (checked with guard values around
    /// it; the host does not check this, it is memory corruption).
    wrote_out_of_bounds
};

/// What one evaluate call gave: the outcome, the host's message when it is not ok, and the
/// amounts of every line for every trial. Owns copies of everything; may outlive the plugin.
class Result {
public:
    Outcome outcome() const noexcept { return outcome_; }
    bool ok() const noexcept { return outcome_ == Outcome::ok; }
    /// What evaluate returned; EQROI_STATUS_OK when it was not called (inputs_refused).
    eqroi_status status() const noexcept { return status_; }
    /// "" when ok(); else the message the host would print (one line per problem).
    const std::string& message() const noexcept { return message_; }
    /// The text the plugin wrote in the error buffer ("" if none), as written.
    const std::string& plugin_message() const noexcept { return plugin_message_; }
    /// For inputs_refused: each problem, as the host reports it.
    const std::vector<std::string>& input_problems() const noexcept { return input_problems_; }

    const std::string& model_id() const noexcept { return model_id_; }
    uint32_t trials() const noexcept { return trials_; }
    /// N: every series has N + 1 amounts, index 0 the purchase date, k the end of period k.
    uint32_t periods() const noexcept { return periods_; }
    /// The model's line keys, in declaration order.
    const std::vector<std::string>& line_keys() const noexcept { return line_keys_; }

    /// The N + 1 amounts of one line for one trial, as the plugin left them (the host discards
    /// them when the outcome is not ok). Throws std::out_of_range for an unknown key or trial.
    std::vector<double> line(std::string_view key, uint32_t trial = 0) const {
        const auto it = std::find(line_keys_.begin(), line_keys_.end(), key);
        if (it == line_keys_.end())
            throw std::out_of_range("model '" + model_id_ + "' has no line '" + std::string(key) +
                                    "'; its lines: " + detail::join(line_keys_));
        return line(static_cast<uint32_t>(it - line_keys_.begin()), trial);
    }
    /// By index (the model's declaration order).
    std::vector<double> line(uint32_t index, uint32_t trial = 0) const {
        if (index >= line_keys_.size() || trial >= trials_)
            throw std::out_of_range("line " + std::to_string(index) + ", trial " +
                                    std::to_string(trial) + ": the result has " +
                                    std::to_string(line_keys_.size()) + " lines and " +
                                    std::to_string(trials_) + " trials");
        const std::size_t width = std::size_t{periods_} + 1;
        const auto first =
            out_.begin() +
            static_cast<std::ptrdiff_t>((std::size_t{trial} * line_keys_.size() + index) * width);
        return std::vector<double>(first, first + static_cast<std::ptrdiff_t>(width));
    }
    /// Sum of every line per period: the model's net cash flow for one trial.
    std::vector<double> total(uint32_t trial = 0) const {
        std::vector<double> sum(std::size_t{periods_} + 1, 0.0);
        for (uint32_t l = 0; l < line_keys_.size(); ++l) {
            const std::vector<double> amounts = line(l, trial);
            for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += amounts[k];
        }
        return sum;
    }

private:
    friend class PluginUnderTest;
    Outcome outcome_ = Outcome::ok;
    eqroi_status status_ = EQROI_STATUS_OK;
    std::string message_, plugin_message_, model_id_;
    std::vector<std::string> input_problems_, line_keys_;
    uint32_t trials_ = 0, periods_ = 0;
    std::vector<double> out_;  // out[(trial * lines + line) * (periods + 1) + period]
};


}  // namespace eqroi::testing

#endif  // EQROI_TESTING_RESULT_HPP
