// The bundled training cost model: initial operator training, the output lost while operators
// ramp up to full efficiency, yearly refreshers and retraining of replacements for operators
// who leave. Formulas and parameters are written out in README.md next to this file.
#include <eqroi/plugin.hpp>

#include "bundled_model.hpp"

#include <algorithm>
#include <cstdint>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;
using namespace eqroi::bundled;  // descriptors and helpers shared by the bundled models

namespace param {
enum : uint32_t {
    operators,
    operator_wage,
    initial_training_hours,
    course_fees,
    travel_cost,
    ramp_up_start_efficiency,
    ramp_up_months,
    output_value_per_hour,
    operating_hours_per_year,
    refresher_hours_per_year,
    refresher_fees_per_year,
    turnover_rate,
    retraining_cost_per_operator,
    escalation,
    count
};
}  // namespace param

namespace line {
enum : uint32_t { initial_training, ramp_up_loss, refresher, turnover_retraining, count };
}  // namespace line



class Training final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("training", "Operator training",
                       "Initial training of the operators, the output lost while they ramp "
                       "up to full efficiency, yearly refresher training and the retraining "
                       "of replacements for operators who leave.");
        add_operators(spec,
                      "People who run the machine and must be trained. If several shifts "
                      "rotate through the machine, enter everyone who needs the training here.");
        add_operator_wage(spec);
        spec.number("initial_training_hours", "Initial training per operator", "h", 40, 0, 2000,
                    "Hours each operator spends in the initial course and supervised "
                    "practice, from the vendor's training offer.");
        spec.number("course_fees", "Course fees", "currency", 0, 0, 1e9,
                    "Vendor's fee for the initial course for all trainees together, from the "
                    "quote (often a line of the machine quote).");
        spec.number("travel_cost", "Travel cost", "currency", 0, 0, 1e9,
                    "Travel and lodging for the initial training (trainees to the vendor or "
                    "trainer to your site), all trainees together.");
        spec.number("ramp_up_start_efficiency", "Efficiency at start", "fraction", 0.8, 0, 1,
                    "Output of the new machine in its first days as a share of its full "
                    "output (0.7 = 70 %), from the vendor's commissioning experience or your "
                    "own past introductions.");
        spec.number("ramp_up_months", "Ramp-up duration", "months", 3, 0, 120,
                    "Months until the operators reach full efficiency; efficiency rises "
                    "linearly over this time. 0 = no ramp-up loss.");
        add_output_value_per_hour(spec,
                                  "Contribution margin (sales price minus variable cost) of one "
                                  "hour of production at full efficiency, from the controller "
                                  "or product costing.");
        add_operating_hours(spec);
        spec.number("refresher_hours_per_year", "Refresher per operator", "h/yr", 0, 0, 2000,
                    "Hours of refresher or update training each operator takes per year "
                    "(safety re-certification, software updates).");
        spec.number("refresher_fees_per_year", "Refresher fees", "currency/yr", 0, 0, 1e9,
                    "Yearly fees for refresher training, all operators together, from the "
                    "vendor's or training provider's price list.");
        spec.number("turnover_rate", "Operator turnover", "1/yr", 0.1, 0, 1,
                    "Share of operators who leave per year and must be replaced and trained "
                    "(0.1 = 10 %/yr), from HR statistics.");
        spec.number("retraining_cost_per_operator", "Retraining cost per new operator",
                    "currency", 0, 0, 1e9,
                    "Cost of training one replacement operator. 0 = the same as the initial "
                    "training per operator (hours x wage + fees and travel per trainee).");
        add_escalation(spec);

        spec.line("initial_training", "Initial training", EQROI_CATEGORY_TRAINING,
                  EQROI_TAX_DEDUCTIBLE,
                  "Operators' training hours at their wage, course fees and travel, at the "
                  "purchase.");
        spec.line("ramp_up_loss", "Output lost during ramp-up", EQROI_CATEGORY_TRAINING,
                  EQROI_TAX_DEDUCTIBLE,
                  "Output lost while efficiency rises from its starting level to 100 % over "
                  "the ramp-up months, valued at the value of an hour of output, escalated.");
        spec.line("refresher", "Refresher training", EQROI_CATEGORY_TRAINING,
                  EQROI_TAX_DEDUCTIBLE,
                  "Operators' refresher hours at their wage plus refresher fees, per period, "
                  "escalated.");
        spec.line("turnover_retraining", "Retraining after turnover", EQROI_CATEGORY_TRAINING,
                  EQROI_TAX_DEDUCTIBLE,
                  "Operators leaving per year (turnover rate x operators) x the cost of "
                  "training each replacement, per period, escalated.");
        check_indices(spec, param::count, line::count);
        return spec;
    }

    void evaluate(const Batch& batch) const override {
        const uint32_t n = batch.periods();
        const double dt = batch.period_years();
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double operators = batch.value(param::operators, t);
            const double wage = batch.value(param::operator_wage, t);
            const double initial_hours = batch.value(param::initial_training_hours, t);
            const double fees_and_travel =
                batch.value(param::course_fees, t) + batch.value(param::travel_cost, t);
            const double initial = operators * initial_hours * wage + fees_and_travel;

            // Efficiency e(t) = s + (1 - s) t / M over [0, M] years, so the loss rate is
            // (1 - s)(1 - t / M) x value x hours per year; integrated exactly per period.
            const double ramp_years = batch.value(param::ramp_up_months, t) / 12.0;
            const double loss_rate_at_start =
                (1.0 - batch.value(param::ramp_up_start_efficiency, t)) *
                batch.value(param::output_value_per_hour, t) *
                batch.value(param::operating_hours_per_year, t);

            const double refresher_per_year =
                operators * batch.value(param::refresher_hours_per_year, t) * wage +
                batch.value(param::refresher_fees_per_year, t);
            double retraining_each = batch.value(param::retraining_cost_per_operator, t);
            if (retraining_each == 0.0 && operators > 0.0)
                retraining_each = initial_hours * wage + fees_and_travel / operators;
            const double turnover_per_year =
                batch.value(param::turnover_rate, t) * operators * retraining_each;
            const double growth =
                period_growth(batch.value(param::escalation, t), batch.periods_per_year());

            double* initial_out = batch.out(t, line::initial_training);
            double* ramp_out = batch.out(t, line::ramp_up_loss);
            double* refresher_out = batch.out(t, line::refresher);
            double* turnover_out = batch.out(t, line::turnover_retraining);

            initial_out[0] = cost(initial);
            const double refresher_per_period = refresher_per_year * dt;
            const double turnover_per_period = turnover_per_year * dt;
            const bool ramp = ramp_years > 0.0 && loss_rate_at_start > 0.0;
            double factor = 1.0;
            for (uint32_t k = 1; k <= n; ++k) {
                factor *= growth;
                refresher_out[k] = cost(refresher_per_period * factor);
                turnover_out[k] = cost(turnover_per_period * factor);
                const double a = (k - 1) * dt;
                if (ramp && a < ramp_years) {
                    const double b = std::min(k * dt, ramp_years);
                    const double loss =
                        loss_rate_at_start * ((b - a) - (b * b - a * a) / (2.0 * ramp_years));
                    ramp_out[k] = cost(loss * factor);
                }
            }
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi", "eqroi training", "1.0.0", Training)
