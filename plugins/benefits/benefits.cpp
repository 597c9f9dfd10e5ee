// The bundled benefits model: what the new machine earns or saves compared with today (more
// output, labour saved, less scrap, overtime no longer needed), as positive cash flows.
// Formulas and parameters are written out in README.md next to this file.
#include <eqroi/plugin.hpp>

#include "bundled_model.hpp"

#include <cstdint>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;
using namespace eqroi::bundled;  // descriptors and helpers shared by the bundled models

namespace param {
enum : uint32_t {
    operating_hours_per_year,
    extra_units_per_hour,
    margin_per_unit,
    labor_hours_saved_per_year,
    operator_wage,
    scrap_rate_reduction,
    units_per_year,
    scrap_unit_cost,
    overtime_hours_avoided_per_year,
    overtime_premium,
    escalation,
    count
};
}  // namespace param

namespace line {
enum : uint32_t { throughput_gain, labor_saved, scrap_reduction, overtime_avoided, count };
}  // namespace line


class Benefits final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("benefits", "Benefits",
                       "What the machine earns or saves, as positive amounts: the margin on "
                       "extra output, operator hours saved, scrap avoided by a lower scrap "
                       "rate, and overtime no longer needed.");
        add_operating_hours(spec);
        spec.number("extra_units_per_hour", "Extra output", "units/h", 0, 0, 1e9,
                    "Additional good units per operating hour compared with today (new cycle "
                    "time from the vendor's time study minus today's). Count only output you "
                    "can sell.");
        spec.number("margin_per_unit", "Margin per unit", "currency/unit", 0, 0, 1e9,
                    "Contribution margin of one extra unit (price minus material and other "
                    "variable cost), from product costing.");
        spec.number("labor_hours_saved_per_year", "Labour hours saved", "h/yr", 0, 0, 1e7,
                    "Operator hours per year no longer needed (automation, shorter set-ups), "
                    "from the vendor's time study or your own work measurement.");
        add_operator_wage(spec);
        spec.number("scrap_rate_reduction", "Scrap rate reduction", "fraction", 0, 0, 1,
                    "Drop in the share of units scrapped (today's rate minus the new one: "
                    "0.04 - 0.01 = 0.03), from quality records and the vendor's capability "
                    "data (Cpk).");
        spec.number("units_per_year", "Units per year", "units/yr", 0, 0, 1e12,
                    "Units produced per year on which the scrap rate applies, from the "
                    "production plan.");
        add_scrap_unit_cost(spec,
                            "Material and processing cost lost with one scrapped unit, from "
                            "product costing.");
        spec.number("overtime_hours_avoided_per_year", "Overtime avoided", "h/yr", 0, 0, 1e7,
                    "Overtime hours per year (all operators together) no longer needed with "
                    "the new machine, from the time records.");
        add_overtime_premium(spec);
        add_escalation(spec);

        spec.line("throughput_gain", "Margin on extra output", EQROI_CATEGORY_BENEFIT,
                  EQROI_TAX_DEDUCTIBLE,
                  "Extra units per hour x operating hours x margin per unit, per period, "
                  "escalated.");
        spec.line("labor_saved", "Labour saved", EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE,
                  "Labour hours saved per year x the operator wage, per period, escalated.");
        spec.line("scrap_reduction", "Scrap avoided", EQROI_CATEGORY_BENEFIT,
                  EQROI_TAX_DEDUCTIBLE,
                  "Scrap rate reduction x units per year x the cost of a scrapped unit, per "
                  "period, escalated.");
        spec.line("overtime_avoided", "Overtime avoided", EQROI_CATEGORY_BENEFIT,
                  EQROI_TAX_DEDUCTIBLE,
                  "Overtime hours avoided per year x the wage with its overtime premium, per "
                  "period, escalated.");
        check_indices(spec, param::count, line::count);
        return spec;
    }

    void evaluate(const Batch& batch) const override {
        const uint32_t n = batch.periods();
        const double dt = batch.period_years();
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double wage = batch.value(param::operator_wage, t);
            const double throughput_per_period = batch.value(param::extra_units_per_hour, t) *
                                                 batch.value(param::operating_hours_per_year, t) *
                                                 batch.value(param::margin_per_unit, t) * dt;
            const double labor_per_period =
                batch.value(param::labor_hours_saved_per_year, t) * wage * dt;
            const double scrap_per_period = batch.value(param::scrap_rate_reduction, t) *
                                            batch.value(param::units_per_year, t) *
                                            batch.value(param::scrap_unit_cost, t) * dt;
            const double overtime_per_period =
                batch.value(param::overtime_hours_avoided_per_year, t) * wage *
                (1.0 + batch.value(param::overtime_premium, t)) * dt;
            const double growth =
                period_growth(batch.value(param::escalation, t), batch.periods_per_year());

            double* throughput_out = batch.out(t, line::throughput_gain);
            double* labor_out = batch.out(t, line::labor_saved);
            double* scrap_out = batch.out(t, line::scrap_reduction);
            double* overtime_out = batch.out(t, line::overtime_avoided);
            double factor = 1.0;
            for (uint32_t k = 1; k <= n; ++k) {
                factor *= growth;
                throughput_out[k] = throughput_per_period * factor;
                labor_out[k] = labor_per_period * factor;
                scrap_out[k] = scrap_per_period * factor;
                overtime_out[k] = overtime_per_period * factor;
            }
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi", "eqroi benefits", "1.0.0", Benefits)
