// The bundled downtime cost model: what the hours the machine stands still cost, for unplanned
// stops (from MTBF and MTTR) and planned maintenance, plus the scrap made at each restart.
// Formulas and parameters are written out in README.md next to this file.
#include <eqroi/plugin.hpp>

#include "bundled_model.hpp"

#include <cstdint>
#include <string>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;
using namespace eqroi::bundled;  // descriptors and helpers shared by the bundled models

namespace param {
enum : uint32_t {
    shifts_per_day,
    hours_per_shift,
    days_per_year,
    mtbf_hours,
    mttr_hours,
    planned_downtime_hours_per_year,
    cost_method,
    output_value_per_hour,
    operators,
    operator_wage,
    overtime_premium,
    scrap_units_per_restart,
    scrap_unit_cost,
    escalation,
    count
};
}  // namespace param

namespace line {
enum : uint32_t { unplanned, planned, restart_scrap, count };
}  // namespace line

// Order of the names in the cost_method choice.
enum CostMethod : uint32_t { lost_output = 0, overtime = 1 };



class Downtime final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("downtime", "Downtime",
                       "Cost of the hours the machine stands still: unplanned stops (failures "
                       "from MTBF, each lasting MTTR), planned maintenance stops, and the scrap "
                       "made when restarting after a failure. An hour is valued either as lost "
                       "output or as the overtime needed to make the output up.");
        spec.number("shifts_per_day", "Shifts per day", "shifts/day", 2, 0, 24,
                    "Shifts the machine is scheduled to run per working day, from the "
                    "production plan.");
        spec.number("hours_per_shift", "Hours per shift", "h", 8, 0, 24,
                    "Scheduled run time per shift, breaks excluded.");
        spec.number("days_per_year", "Working days", "days/yr", 250, 0, 366,
                    "Days per year the plant runs the machine (factory calendar).");
        spec.number("mtbf_hours", "Mean time between failures", "h", 500, 1, 1e7,
                    "Average scheduled hours between stops that need a repair, from the "
                    "vendor's availability data or maintenance records (MTBF).");
        spec.number("mttr_hours", "Mean time to repair", "h", 2, 0, 1e4,
                    "Average hours from a failure until the machine runs again, including "
                    "waiting for the technician and parts (MTTR), from maintenance records.");
        spec.number("planned_downtime_hours_per_year", "Planned maintenance downtime", "h/yr",
                    0, 0, 8760,
                    "Scheduled hours per year lost to planned maintenance during production "
                    "time, from the OEM maintenance plan (stops outside shifts cost nothing).");
        spec.choice("cost_method", "Cost of a lost hour", "lost_output|overtime", lost_output,
                    "lost_output: each hour costs the output value per hour (demand is lost). "
                    "overtime: the output is made up in overtime, so each hour costs the "
                    "operators' wage plus the overtime premium.");
        add_output_value_per_hour(spec,
                                  "Contribution margin (sales price minus variable cost) of one "
                                  "hour of production, from the controller or product costing. "
                                  "Used by lost_output.");
        add_operators(spec,
                      "Operators working on the machine at the same time; they work the "
                      "overtime. Used by overtime.");
        add_operator_wage(spec, "Used by overtime.");
        add_overtime_premium(spec, "Used by overtime.");
        spec.number("scrap_units_per_restart", "Scrap per restart", "units", 0, 0, 1e9,
                    "Parts scrapped when the machine restarts after a failure (warm-up, "
                    "set-up pieces), from quality records.");
        add_scrap_unit_cost(spec,
                            "Material and processing cost of one scrapped part, from product "
                            "costing.");
        add_escalation(spec);

        spec.line("unplanned", "Unplanned downtime", EQROI_CATEGORY_DOWNTIME,
                  EQROI_TAX_DEDUCTIBLE,
                  "Failures (scheduled hours / MTBF) x MTTR hours, each valued by the cost "
                  "method (lost output or overtime), per period, escalated.");
        spec.line("planned", "Planned maintenance downtime", EQROI_CATEGORY_DOWNTIME,
                  EQROI_TAX_DEDUCTIBLE,
                  "Planned maintenance hours lost to production, valued by the cost method, "
                  "per period, escalated.");
        spec.line("restart_scrap", "Scrap at restart", EQROI_CATEGORY_DOWNTIME,
                  EQROI_TAX_DEDUCTIBLE,
                  "Failures x units scrapped per restart x the cost of a scrapped unit, per "
                  "period, escalated.");
        check_indices(spec, param::count, line::count);
        return spec;
    }

    void evaluate(const Batch& batch) const override {
        const uint32_t n = batch.periods();
        const double dt = batch.period_years();
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double hours_per_day =
                batch.value(param::shifts_per_day, t) * batch.value(param::hours_per_shift, t);
            if (hours_per_day > 24.0)
                throw eqroi::sdk::invalid_parameter(
                    "downtime: shifts_per_day x hours_per_shift is " +
                    std::to_string(hours_per_day) + " h, more than the 24 h of a day");
            const double scheduled_hours = hours_per_day * batch.value(param::days_per_year, t);
            const double failures_per_year = scheduled_hours / batch.value(param::mtbf_hours, t);
            const double unplanned_hours = failures_per_year * batch.value(param::mttr_hours, t);
            const double planned_hours = batch.value(param::planned_downtime_hours_per_year, t);

            const bool by_overtime =
                static_cast<uint32_t>(batch.value(param::cost_method, t)) == overtime;
            const double cost_per_hour =
                by_overtime ? batch.value(param::operators, t) *
                                  batch.value(param::operator_wage, t) *
                                  (1.0 + batch.value(param::overtime_premium, t))
                            : batch.value(param::output_value_per_hour, t);
            const double scrap_per_year = failures_per_year *
                                          batch.value(param::scrap_units_per_restart, t) *
                                          batch.value(param::scrap_unit_cost, t);

            const double unplanned_per_period = unplanned_hours * cost_per_hour * dt;
            const double planned_per_period = planned_hours * cost_per_hour * dt;
            const double scrap_per_period = scrap_per_year * dt;
            const double growth =
                period_growth(batch.value(param::escalation, t), batch.periods_per_year());

            double* unplanned_out = batch.out(t, line::unplanned);
            double* planned_out = batch.out(t, line::planned);
            double* scrap_out = batch.out(t, line::restart_scrap);
            double factor = 1.0;
            for (uint32_t k = 1; k <= n; ++k) {
                factor *= growth;
                unplanned_out[k] = cost(unplanned_per_period * factor);
                planned_out[k] = cost(planned_per_period * factor);
                scrap_out[k] = cost(scrap_per_period * factor);
            }
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi", "eqroi downtime", "1.0.0", Downtime)
