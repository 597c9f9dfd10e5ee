// What the bundled cost models share: the descriptors of the keys that the study's [equipment]
// block fills in several models at once, the escalation and sign helpers, and the check that a
// model's index enums match its descriptor.
//
// Private to plugins/: a bundled model is still built only against the SDK, plus this header.
// A shared key is declared here once so it cannot drift between models (one study value must
// be in range and mean the same in each). Where a model needs its own help text for a shared
// key, the key, label, unit, default and range still come from here.
//
// Each add_* appends one parameter, so a model keeps its parameter order (its param enum) by
// the order of its calls.
#ifndef EQROI_PLUGINS_BUNDLED_MODEL_HPP
#define EQROI_PLUGINS_BUNDLED_MODEL_HPP

#include <eqroi/plugin.hpp>

#include <cmath>
#include <cstddef>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>

namespace eqroi::bundled {

using sdk::ModelSpec;

namespace detail {
// The common help text, followed by a model's own remark (e.g. which method uses the value).
inline std::string with_note(std::string_view help, std::string_view note) {
    std::string text(help);
    if (!note.empty()) {
        text += ' ';
        text += note;
    }
    return text;
}
}  // namespace detail

// (1 + escalation)^(period length): one pow per trial, then one multiplication per period.
inline double period_growth(double escalation, uint32_t periods_per_year) {
    return periods_per_year == 1 ? 1.0 + escalation
                                 : std::pow(1.0 + escalation, 1.0 / periods_per_year);
}

// A cost as a signed cash flow. 0.0 - x rather than -x so a zero cost stays +0 (no "-0" in
// reports).
inline double cost(double amount) { return 0.0 - amount; }

// The evaluate() code indexes parameters and lines by enums written next to describe(); a
// parameter added to one and not the other would read the wrong values silently.
inline void check_indices(const ModelSpec& spec, std::size_t param_count,
                          std::size_t line_count) {
    if (spec.params.size() != param_count || spec.lines.size() != line_count)
        throw std::logic_error(spec.id + ": descriptor and index enums disagree");
}

inline ModelSpec& add_escalation(ModelSpec& spec) {
    return spec.number("escalation", "Price escalation", "fraction/yr", 0, -0.5, 1,
                       "Yearly change of this model's prices (0.03 = 3 %/yr). Filled from the "
                       "study's inflation when not given here.");
}

inline ModelSpec& add_operating_hours(ModelSpec& spec) {
    return spec.number("operating_hours_per_year", "Operating hours", "h/yr", 4000, 0, 8760,
                       "Hours per year the machine actually runs (run or spindle hours), from "
                       "the production plan or the hour meter of a similar machine.");
}

inline ModelSpec& add_purchase_price(ModelSpec& spec) {
    return spec.number("purchase_price", "Purchase price", "currency", 0, 0, 1e12,
                       "Price of the machine as quoted by the vendor. Filled from the "
                       "alternative's capital price when not given here.");
}

inline ModelSpec& add_age(ModelSpec& spec) {
    return spec.number("age_years", "Machine age at start", "years", 0, 0, 100,
                       "Age of the machine when the study starts: 0 for a new machine, years "
                       "since it was built for a used one (from the nameplate or seller).");
}

// Who the operators are differs by model (trainees, the overtime crew, the running crew), so
// the help text is the model's own.
inline ModelSpec& add_operators(ModelSpec& spec, std::string help) {
    return spec.number("operators", "Operators", "people", 1, 0, 1000, std::move(help));
}

inline ModelSpec& add_operator_wage(ModelSpec& spec, std::string_view note = {}) {
    return spec.number("operator_wage", "Operator wage (loaded)", "currency/h", 0, 0, 1e5,
                       detail::with_note("Hourly cost of an operator including payroll taxes, "
                                         "benefits and overhead, from payroll or HR.",
                                         note));
}

inline ModelSpec& add_overtime_premium(ModelSpec& spec, std::string_view note = {}) {
    return spec.number("overtime_premium", "Overtime premium", "fraction", 0.5, 0, 3,
                       detail::with_note("Extra pay for overtime as a share of the wage (0.5 = "
                                         "time and a half), from the labour agreement.",
                                         note));
}

// Lost output is valued at the contribution margin; the help says which output is meant.
inline ModelSpec& add_output_value_per_hour(ModelSpec& spec, std::string help) {
    return spec.number("output_value_per_hour", "Value of an hour of output", "currency/h", 0, 0,
                       1e9, std::move(help));
}

// The help says which scrapped unit is meant (a part at restart, a unit of yearly output).
inline ModelSpec& add_scrap_unit_cost(ModelSpec& spec, std::string help) {
    return spec.number("scrap_unit_cost", "Cost of a scrapped unit", "currency/unit", 0, 0, 1e9,
                       std::move(help));
}

}  // namespace eqroi::bundled

#endif  // EQROI_PLUGINS_BUNDLED_MODEL_HPP
