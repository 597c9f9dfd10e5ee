// The bundled operations cost model: energy, consumables and the operators' labour of running
// the machine. Formulas and parameters are written out in README.md next to this file.
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
    rated_power_kw,
    load_factor,
    energy_price,
    consumables_per_hour,
    consumables_per_year,
    operators,
    operator_wage,
    escalation,
    energy_extra_escalation,
    count
};
}  // namespace param

namespace line {
enum : uint32_t { energy, consumables, operating_labor, count };
}  // namespace line



class Operations final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("operations", "Operating costs",
                       "The cost of running the machine: electrical energy, consumables "
                       "(tooling, coolant, gases, per hour and per year) and the operators' "
                       "labour for the hours it runs.");
        add_operating_hours(spec);
        spec.number("rated_power_kw", "Rated power", "kW", 0, 0, 1e5,
                    "Connected electrical load from the datasheet or nameplate.");
        spec.number("load_factor", "Average load", "fraction", 0.6, 0, 1,
                    "Average power drawn while running as a share of the rated power (0.6 = "
                    "60 %); measure it with a power logger or ask the vendor for a typical "
                    "cycle.");
        spec.number("energy_price", "Energy price", "currency/kWh", 0, 0, 100,
                    "Price of a kWh including grid fees and taxes, from the electricity bill "
                    "or supply contract.");
        spec.number("consumables_per_hour", "Consumables per operating hour", "currency/h", 0, 0,
                    1e6,
                    "Tools, inserts, coolant, gases or filters used per operating hour, from "
                    "the vendor's data or the consumption of a similar machine.");
        spec.number("consumables_per_year", "Consumables per year", "currency/yr", 0, 0, 1e12,
                    "Consumables that do not depend on run time (e.g. yearly coolant "
                    "change, software subscription).");
        add_operators(spec,
                      "Operators needed while the machine runs (0.5 if one person tends two "
                      "machines), from the vendor's staffing recommendation or your layout.");
        add_operator_wage(spec);
        add_escalation(spec);
        spec.number("energy_extra_escalation", "Extra energy escalation", "fraction/yr", 0,
                    -0.5, 1,
                    "How much faster (or slower, if negative) energy prices rise than the "
                    "escalation above, e.g. 0.02 when the utility's or the regulator's "
                    "outlook expects energy 2 %/yr above general inflation.");

        spec.line("energy", "Energy", EQROI_CATEGORY_ENERGY, EQROI_TAX_DEDUCTIBLE,
                  "Rated power x average load x operating hours x energy price, per period, "
                  "escalated with the extra energy escalation.");
        spec.line("consumables", "Consumables", EQROI_CATEGORY_CONSUMABLES,
                  EQROI_TAX_DEDUCTIBLE,
                  "Consumables per operating hour x operating hours, plus consumables per "
                  "year, per period, escalated.");
        spec.line("operating_labor", "Operating labour", EQROI_CATEGORY_LABOR,
                  EQROI_TAX_DEDUCTIBLE,
                  "Operators x operating hours x the loaded operator wage, per period, "
                  "escalated.");
        check_indices(spec, param::count, line::count);
        return spec;
    }

    void evaluate(const Batch& batch) const override {
        const uint32_t n = batch.periods();
        const double dt = batch.period_years();
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double hours = batch.value(param::operating_hours_per_year, t);
            const double energy_per_period = batch.value(param::rated_power_kw, t) *
                                             batch.value(param::load_factor, t) * hours *
                                             batch.value(param::energy_price, t) * dt;
            const double consumables_per_period =
                (batch.value(param::consumables_per_hour, t) * hours +
                 batch.value(param::consumables_per_year, t)) *
                dt;
            const double labor_per_period = batch.value(param::operators, t) * hours *
                                            batch.value(param::operator_wage, t) * dt;
            const double escalation = batch.value(param::escalation, t);
            const double growth = period_growth(escalation, batch.periods_per_year());
            // Differential escalation: energy grows by (1 + e)(1 + extra) a year.
            const double energy_growth = period_growth(
                (1.0 + escalation) * (1.0 + batch.value(param::energy_extra_escalation, t)) - 1.0,
                batch.periods_per_year());

            double* energy_out = batch.out(t, line::energy);
            double* consumables_out = batch.out(t, line::consumables);
            double* labor_out = batch.out(t, line::operating_labor);
            double factor = 1.0;
            double energy_factor = 1.0;
            for (uint32_t k = 1; k <= n; ++k) {
                factor *= growth;
                energy_factor *= energy_growth;
                energy_out[k] = cost(energy_per_period * energy_factor);
                consumables_out[k] = cost(consumables_per_period * factor);
                labor_out[k] = cost(labor_per_period * factor);
            }
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi", "eqroi operations", "1.0.0", Operations)
