// ACME's uptime contract as an eqroi cost model: a yearly fee buys an availability guarantee,
// and the vendor pays a credit for every expected downtime hour beyond the guaranteed level,
// up to a share of the fee. Formulas and a worked example are in README.md next to this file.
//
// Built out of tree against the installed SDK only (<eqroi/plugin.hpp>), the way a vendor
// ships a model. The machine's running hours and reliability use the keys of eqroi's bundled
// `downtime` model (shifts_per_day, hours_per_shift, days_per_year, mtbf_hours, mttr_hours),
// with the same units and ranges, so one [alternative.equipment] block feeds both models and
// the contract's credit is worked from the same downtime hours the downtime model prices.
#include <eqroi/plugin.hpp>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <stdexcept>
#include <string>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;

// Parameter and line indices, in the order describe() declares them.
namespace param {
enum : uint32_t {
    contract_fee_per_year,
    guaranteed_availability,
    credit_per_excess_hour,
    credit_cap_fraction,
    shifts_per_day,
    hours_per_shift,
    days_per_year,
    mtbf_hours,
    mttr_hours,
    escalation,
    count
};
}  // namespace param

namespace line {
enum : uint32_t { contract_fee, availability_credit, count };
}  // namespace line

class UptimeContract final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("acme_uptime_contract", "ACME uptime contract",
                       "A service contract whose yearly fee buys a guaranteed availability. "
                       "Expected downtime comes from the scheduled hours, MTBF and MTTR; every "
                       "hour beyond what the guarantee allows earns a credit from the vendor, "
                       "capped at a share of the year's fee.");
        spec.required("contract_fee_per_year", "Contract fee", "currency/yr", 0, 1e9,
                      "Yearly fee of the uptime contract at the study's start prices, from "
                      "ACME's quote.");
        spec.number("guaranteed_availability", "Guaranteed availability", "fraction", 0.98, 0,
                    1,
                    "Share of the scheduled hours the machine is guaranteed to run (0.995 = "
                    "99.5 %), from the contract's service level.");
        spec.number("credit_per_excess_hour", "Credit per excess downtime hour", "currency/h", 0,
                    0, 1e9,
                    "What ACME pays back for each downtime hour beyond the guaranteed level, "
                    "at the study's start prices, from the contract's penalty clause.");
        spec.number("credit_cap_fraction", "Credit cap", "fraction", 1, 0, 1,
                    "Most the credits of one year can reach, as a share of that year's fee "
                    "(0.25 = a quarter of the fee), from the contract's penalty clause.");
        // The bundled downtime model's keys, units and ranges, so [equipment] reaches both.
        spec.number("shifts_per_day", "Shifts per day", "shifts/day", 2, 0, 24,
                    "Shifts the machine is scheduled to run per working day, from the "
                    "production plan.");
        spec.number("hours_per_shift", "Hours per shift", "h", 8, 0, 24,
                    "Scheduled run time per shift, breaks excluded.");
        spec.number("days_per_year", "Working days", "days/yr", 250, 0, 366,
                    "Days per year the plant runs the machine (factory calendar).");
        spec.number("mtbf_hours", "Mean time between failures", "h", 500, 1, 1e7,
                    "Average scheduled hours between stops that need a repair, with the "
                    "contract in place, from ACME's availability data (MTBF).");
        spec.number("mttr_hours", "Mean time to repair", "h", 2, 0, 1e4,
                    "Average hours from a failure until the machine runs again, with ACME's "
                    "response time under the contract (MTTR).");
        spec.number("escalation", "Price escalation", "fraction/yr", 0, -0.5, 1,
                    "Yearly change of the fee and the credit rate (0.03 = 3 %/yr), from the "
                    "contract's price clause. Filled from the study's inflation when not given.");

        // Help texts (ABI 1.1) appear in reports, --explain and the studio's tooltips.
        spec.line("contract_fee", "Uptime contract fee", EQROI_CATEGORY_MAINTENANCE,
                  EQROI_TAX_DEDUCTIBLE,
                  "The yearly fee of ACME's uptime contract, spread over the periods and "
                  "escalated.");
        spec.line("availability_credit", "Availability penalty credit", EQROI_CATEGORY_BENEFIT,
                  EQROI_TAX_DEDUCTIBLE,
                  "What ACME is expected to pay back: the expected downtime hours beyond the "
                  "guaranteed availability times the credit per hour, capped at a share of the "
                  "fee, escalated like the fee.");
        // evaluate() reads by the enums above; a parameter added to one list only would read
        // the wrong values without a word.
        if (spec.params.size() != param::count || spec.lines.size() != line::count)
            throw std::logic_error("acme_uptime_contract: descriptors and index enums disagree");
        return spec;
    }

    void evaluate(const Batch& batch) const override {
        const double dt = batch.period_years();
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double hours_per_day =
                batch.value(param::shifts_per_day, t) * batch.value(param::hours_per_shift, t);
            if (hours_per_day > 24.0)
                throw eqroi::sdk::invalid_parameter(
                    "acme_uptime_contract: shifts_per_day x hours_per_shift is " +
                    std::to_string(hours_per_day) + " h, more than the 24 h of a day");
            const double scheduled_hours = hours_per_day * batch.value(param::days_per_year, t);
            const double expected_downtime_hours = scheduled_hours /
                                                   batch.value(param::mtbf_hours, t) *
                                                   batch.value(param::mttr_hours, t);
            const double allowed_downtime_hours =
                (1.0 - batch.value(param::guaranteed_availability, t)) * scheduled_hours;
            const double excess_hours =
                std::max(0.0, expected_downtime_hours - allowed_downtime_hours);

            const double fee = batch.value(param::contract_fee_per_year, t);
            const double credit = std::min(
                excess_hours * batch.value(param::credit_per_excess_hour, t),
                batch.value(param::credit_cap_fraction, t) * fee);

            // (1 + e)^(period length): the fee and the credit rate escalate together, so the
            // cap stays the same share of the fee in every period.
            const double growth =
                std::pow(1.0 + batch.value(param::escalation, t), dt);
            double* fee_out = batch.out(t, line::contract_fee);
            double* credit_out = batch.out(t, line::availability_credit);
            double factor = 1.0;
            for (uint32_t k = 1; k <= batch.periods(); ++k) {
                factor *= growth;
                // 0.0 - x, not -x: a zero fee stays +0 (no "-0" in reports).
                fee_out[k] = 0.0 - fee * dt * factor;
                credit_out[k] = credit * dt * factor;
            }
        }
    }
};

}  // namespace

EQROI_PLUGIN("ACME Service", "ACME uptime contract", "1.0.0", UptimeContract)
