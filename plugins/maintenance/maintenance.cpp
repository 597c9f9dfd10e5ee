// The bundled maintenance cost model: preventive maintenance, corrective repairs whose rate
// rises with age (Weibull), periodic overhauls and an optional service contract.
// Formulas and parameters are written out in README.md next to this file.
#include <eqroi/plugin.hpp>

#include "bundled_model.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <vector>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;
using namespace eqroi::bundled;  // descriptors and helpers shared by the bundled models

// Indices in declaration order of describe().
namespace param {
enum : uint32_t {
    operating_hours_per_year,
    age_years,
    preventive_cost_per_year,
    preventive_cost_per_hour,
    weibull_shape,
    weibull_scale_hours,
    repair_parts_cost,
    repair_labor_hours,
    repair_labor_rate,
    overhaul_cost,
    overhaul_interval_years,
    overhaul_at_study_end,
    service_contract,
    service_contract_fee,
    service_contract_covers_repairs,
    escalation,
    count
};
}  // namespace param

namespace line {
enum : uint32_t { preventive, corrective, overhaul, service_contract, count };
}  // namespace line

// x^beta for x >= 0. This is the hot spot of the whole engine (one per trial and period), so
// the common whole-number shapes are multiplied out and the rest use exp(beta ln x), which is
// about twice as fast as a general pow.
double power(double x, double beta) {
    if (x <= 0.0) return 0.0;
    if (beta == 1.0) return x;
    if (beta == 2.0) return x * x;
    if (beta == 3.0) return x * x * x;
    return std::exp(beta * std::log(x));
}


// How many overhaul due dates (positive multiples of the interval) lie in (0, years]. The
// small tolerance makes 12 months of 1/12 year land exactly on a 1-year interval.
double overhauls_due_by(double years, double interval) {
    return std::floor(years / interval + 1e-9);
}

class Maintenance final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("maintenance", "Maintenance",
                       "Preventive maintenance (fixed per year plus per operating hour), "
                       "corrective repairs whose expected number rises with the machine's "
                       "age (Weibull), a major overhaul every few years and an optional "
                       "service contract that replaces the preventive work.");
        add_operating_hours(spec);
        add_age(spec);
        spec.number("preventive_cost_per_year", "Preventive maintenance, fixed", "currency/yr",
                    0, 0, 1e9,
                    "Yearly cost of scheduled inspections and service visits that does not "
                    "depend on use: the OEM maintenance plan priced by your maintenance "
                    "department or a vendor quote.");
        spec.number("preventive_cost_per_hour", "Preventive maintenance per operating hour",
                    "currency/h", 0, 0, 1e6,
                    "Wear parts, lubricants and filters per operating hour, from the OEM "
                    "maintenance schedule (intervals in hours) and parts prices.");
        spec.number("weibull_shape", "Failure shape (Weibull beta)", "", 1.5, 0.1, 10,
                    "How fast failures rise with age: 1 = constant rate, above 1 = wear-out "
                    "(1.5 to 3 is typical for machinery). Fit it to your maintenance records "
                    "(times between failures) or ask the vendor's reliability data.");
        spec.number("weibull_scale_hours", "Failure scale (Weibull eta)", "h", 20000, 1, 1e8,
                    "Operating hours by which about 63 % of comparable machines have had a "
                    "failure; with beta = 1 it is the MTBF. From maintenance records or the "
                    "vendor's reliability data.");
        spec.number("repair_parts_cost", "Parts cost per repair", "currency", 0, 0, 1e9,
                    "Average parts and call-out cost of one corrective repair, from past work "
                    "orders. If you only know an all-in cost per repair, enter it here and set "
                    "the labour hours to 0.");
        spec.number("repair_labor_hours", "Labour per repair", "h", 0, 0, 1e5,
                    "Average technician hours of one corrective repair, from maintenance "
                    "work orders (CMMS).");
        spec.number("repair_labor_rate", "Technician rate", "currency/h", 0, 0, 1e5,
                    "Loaded hourly cost of a maintenance technician or the service "
                    "engineer's hourly rate from the vendor's price list.");
        spec.number("overhaul_cost", "Overhaul cost", "currency", 0, 0, 1e12,
                    "Cost of one major overhaul (rebuild, spindle or gearbox exchange), from "
                    "the vendor's quote or the last overhaul's invoice.");
        spec.number("overhaul_interval_years", "Overhaul interval", "years", 0, 0, 100,
                    "Years between major overhauls, counted from the study start; 0 = no "
                    "overhaul. From the OEM manual (hours between overhauls divided by "
                    "operating hours per year).");
        spec.boolean("overhaul_at_study_end", "Overhaul in the last period", true,
                     "Whether an overhaul falling due in the last period of the study is "
                     "counted. Turn off when the machine is sold at the end and the buyer "
                     "would not pay for a fresh overhaul.");
        spec.boolean("service_contract", "Service contract", false,
                     "The vendor's service contract replaces your own preventive maintenance "
                     "(the preventive line becomes 0 and the yearly fee is paid instead).");
        spec.number("service_contract_fee", "Service contract fee", "currency/yr", 0, 0, 1e9,
                    "Yearly fee of the service contract, from the vendor's quote.");
        spec.boolean("service_contract_covers_repairs", "Contract covers repairs", false,
                     "Full-service contract: corrective repairs are included in the fee, so "
                     "the corrective line becomes 0. Only used with a service contract.");
        add_escalation(spec);

        spec.line("preventive", "Preventive maintenance", EQROI_CATEGORY_MAINTENANCE,
                  EQROI_TAX_DEDUCTIBLE,
                  "The yearly preventive cost plus the cost per operating hour, per period, "
                  "escalated; zero under a service contract.");
        spec.line("corrective", "Corrective repairs", EQROI_CATEGORY_MAINTENANCE,
                  EQROI_TAX_DEDUCTIBLE,
                  "Expected failures in the period (Weibull, rising with the machine's age) x "
                  "parts and labour per repair, escalated.");
        spec.line("overhaul", "Major overhaul", EQROI_CATEGORY_MAINTENANCE,
                  EQROI_TAX_DEDUCTIBLE,
                  "The overhaul cost, escalated, in each period in which an overhaul falls due "
                  "(every overhaul interval from the study start).");
        spec.line("service_contract", "Service contract", EQROI_CATEGORY_MAINTENANCE,
                  EQROI_TAX_DEDUCTIBLE,
                  "The yearly service contract fee, per period, escalated; zero without a "
                  "contract.");
        check_indices(spec, param::count, line::count);
        return spec;
    }

    void evaluate(const Batch& batch) const override {
        const uint32_t n = batch.periods();
        const double dt = batch.period_years();
        // Expected failures by the end of each period, (T_k / eta)^beta, k = 0..n: a pow per
        // period, the model's whole cost. The curve depends on the age, hours, shape and scale
        // only, and a risk run mostly varies other parameters (the repair cost...), so it is
        // worked out again only when one of those four differs from the previous trial's:
        // the same expression, so the same numbers, whichever trials share a batch.
        std::vector<double> curve(std::size_t{n} + 1);
        constexpr double kNone = std::numeric_limits<double>::quiet_NaN();  // equals nothing
        double curve_of[4] = {kNone, kNone, kNone, kNone};  // age, hours, shape, scale
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double hours = batch.value(param::operating_hours_per_year, t);
            const double age = batch.value(param::age_years, t);
            const bool contract = batch.value(param::service_contract, t) != 0.0;
            const bool contract_covers_repairs =
                contract && batch.value(param::service_contract_covers_repairs, t) != 0.0;

            const double preventive_per_period =
                contract ? 0.0
                         : (batch.value(param::preventive_cost_per_year, t) +
                            batch.value(param::preventive_cost_per_hour, t) * hours) *
                               dt;
            const double contract_per_period =
                contract ? batch.value(param::service_contract_fee, t) * dt : 0.0;
            const double cost_per_repair =
                contract_covers_repairs
                    ? 0.0
                    : batch.value(param::repair_parts_cost, t) +
                          batch.value(param::repair_labor_hours, t) *
                              batch.value(param::repair_labor_rate, t);
            const double beta = batch.value(param::weibull_shape, t);
            const double eta = batch.value(param::weibull_scale_hours, t);
            const double overhaul_cost = batch.value(param::overhaul_cost, t);
            const double interval = batch.value(param::overhaul_interval_years, t);
            const bool overhaul_at_end = batch.value(param::overhaul_at_study_end, t) != 0.0;
            const double growth =
                period_growth(batch.value(param::escalation, t), batch.periods_per_year());

            double* preventive = batch.out(t, line::preventive);
            double* corrective = batch.out(t, line::corrective);
            double* overhaul = batch.out(t, line::overhaul);
            double* service = batch.out(t, line::service_contract);

            // Repairs cost nothing when their price is 0: skip the pow per period then.
            const bool repairs = cost_per_repair > 0.0 && hours > 0.0;
            if (repairs && !(curve_of[0] == age && curve_of[1] == hours && curve_of[2] == beta &&
                             curve_of[3] == eta)) {
                // Expected failures by cumulative hours T under minimal repair: (T / eta)^beta,
                // with T / eta growing by the same step each period.
                const double life_used_start = age * hours / eta;
                const double life_used_step = dt * hours / eta;
                for (uint32_t k = 0; k <= n; ++k)
                    curve[k] = power(life_used_start + k * life_used_step, beta);
                curve_of[0] = age;
                curve_of[1] = hours;
                curve_of[2] = beta;
                curve_of[3] = eta;
            }
            double failures_before = repairs ? curve[0] : 0.0;
            double overhauls_before = 0.0;
            double factor = 1.0;
            for (uint32_t k = 1; k <= n; ++k) {
                factor *= growth;
                preventive[k] = cost(preventive_per_period * factor);
                service[k] = cost(contract_per_period * factor);
                if (repairs) {
                    const double failures_by_k = curve[k];
                    corrective[k] =
                        cost((failures_by_k - failures_before) * cost_per_repair * factor);
                    failures_before = failures_by_k;
                }
                if (interval > 0.0 && overhaul_cost > 0.0) {
                    const double overhauls_by_k = overhauls_due_by(k * dt, interval);
                    if (k < n || overhaul_at_end)
                        overhaul[k] =
                            cost((overhauls_by_k - overhauls_before) * overhaul_cost * factor);
                    overhauls_before = overhauls_by_k;
                }
            }
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi", "eqroi maintenance", "1.0.0", Maintenance)
