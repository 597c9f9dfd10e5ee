// @NAME@: a consumables cost model for eqroi, by @VENDOR@.
//
// Written by `eqroi plugins new` as a small but complete model to turn into your own: it shows
// one parameter of each kind (number, required number, integer, boolean, choice), a key shared
// with other models through the study's [equipment] block, escalation, a cost at the purchase
// date, a check across parameters, and output lines with help texts.
//
// What it computes, with dt = 1 / periods_per_year (1 or 1/12) and f(t) = (1 + escalation)^t
// for t in years:
//
//   units_per_year = usage_per_hour x operating_hours_per_year
//   consumption[k] = -units_per_year x unit_price x dt x f(k dt)       k = 1..N  (in arrears)
//                    or at index k - 1 with f((k - 1) dt)                         (in advance)
//   first_fill[0]  = -first_fill_units x unit_price                    the purchase date
//   disposal[k]    = -units_per_year x disposal_cost_per_unit x dt x f(k dt), k = 1..N,
//                    0 when the supplier takes the used units back
//
// Costs are negative, amounts are in the study's currency, index 0 is the purchase date and
// index k the end of period k. See the SDK's README.md (the plugin author's guide).
#include <eqroi/plugin.hpp>

#include <cmath>
#include <cstdint>
#include <stdexcept>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;

// Parameter and line indices, in the order describe() declares them. evaluate() reads by these.
namespace param {
enum : uint32_t {
    usage_per_hour,
    unit_price,
    operating_hours_per_year,
    first_fill_units,
    supplier_takes_back,
    disposal_cost_per_unit,
    payment,
    escalation,
    count
};
}  // namespace param

namespace line {
enum : uint32_t { consumption, first_fill, disposal, count };
}  // namespace line

// Indices of the names of the `payment` choice.
enum Payment : uint32_t { in_arrears, in_advance };

class ConsumablesModel final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        // The id is what studies write in [alternative.models.@NAME@]; it must stay unique
        // among every plugin a user loads, so keep your company's prefix in it.
        ModelSpec spec("@NAME@", "Consumables (@VENDOR@)",
                       "Consumables the machine uses while it runs (coolant, filters, "
                       "lubricant...): a first fill at the purchase, units bought every period "
                       "at an escalating price, and the disposal of the used units.");
        spec.number("usage_per_hour", "Usage per operating hour", "units/h", 0.5, 0, 1e6,
                    "Units used per operating hour (litres, kg, pieces), from the machine's "
                    "datasheet or the meter of a similar machine.");
        spec.required("unit_price", "Unit price", "currency/unit", 0, 1e9,
                      "Price of one unit at the study's start prices, from the supplier's quote.");
        // A key the bundled models declare too, with the same unit and range, so one value in
        // the study's [alternative.equipment] block reaches all of them.
        spec.number("operating_hours_per_year", "Operating hours", "h/yr", 4000, 0, 8760,
                    "Hours per year the machine actually runs (run or spindle hours), from the "
                    "production plan or the hour meter of a similar machine.");
        spec.integer("first_fill_units", "First fill", "units", 0, 0, 1e6,
                     "Units bought with the machine to fill it (e.g. the coolant sump), paid at "
                     "the purchase date.");
        spec.boolean("supplier_takes_back", "Supplier takes used units back", false,
                     "true when the supplier collects the used units at no charge, so there is "
                     "no disposal cost.");
        spec.number("disposal_cost_per_unit", "Disposal cost per unit", "currency/unit", 0, 0,
                    1e9,
                    "What disposing of one used unit costs at the study's start prices, from "
                    "the waste contractor's price list.");
        spec.choice("payment", "Payment", "in_arrears|in_advance", in_arrears,
                    "in_arrears: each period's units are paid at its end; in_advance: at its "
                    "start (period 0 pays for period 1), as with a supplier who invoices before "
                    "delivery.");
        spec.number("escalation", "Price escalation", "fraction/yr", 0, -0.5, 1,
                    "Yearly change of the unit price and the disposal cost (0.03 = 3 %/yr). "
                    "Filled from the study's inflation when not given.");

        spec.line("consumption", "Consumables bought", EQROI_CATEGORY_CONSUMABLES,
                  EQROI_TAX_DEDUCTIBLE,
                  "Units used per year (usage per hour x operating hours) at the escalated unit "
                  "price, paid at the end of each period, or at its start when paid in advance.");
        spec.line("first_fill", "First fill", EQROI_CATEGORY_CONSUMABLES, EQROI_TAX_DEDUCTIBLE,
                  "The units bought with the machine, at the purchase date and start prices.");
        spec.line("disposal", "Disposal of used units", EQROI_CATEGORY_CONSUMABLES,
                  EQROI_TAX_DEDUCTIBLE,
                  "The used units at the escalated disposal cost, at the end of each period; "
                  "zero when the supplier takes them back.");
        // A parameter added to describe() but not to the enums would read the wrong values.
        if (spec.params.size() != param::count || spec.lines.size() != line::count)
            throw std::logic_error("@NAME@: descriptors and index enums disagree");
        return spec;
    }

    // Called concurrently on different batches: reads its inputs, writes its outputs, keeps no
    // state. Every parameter is already within its declared range; the output is zero-filled.
    void evaluate(const Batch& batch) const override {
        const double dt = batch.period_years();
        const uint32_t n = batch.periods();
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const bool takes_back = batch.value(param::supplier_takes_back, t) != 0;
            const double disposal_cost = batch.value(param::disposal_cost_per_unit, t);
            // What ranges cannot say: two inputs that contradict each other.
            if (takes_back && disposal_cost > 0)
                throw eqroi::sdk::invalid_parameter(
                    "@NAME@: disposal_cost_per_unit is given but supplier_takes_back is true; "
                    "set one of them");

            const double units_per_year = batch.value(param::usage_per_hour, t) *
                                          batch.value(param::operating_hours_per_year, t);
            const double price = batch.value(param::unit_price, t);
            const bool advance = batch.value(param::payment, t) == in_advance;
            // (1 + e)^dt: one pow per trial, then one multiplication per period.
            const double growth = std::pow(1.0 + batch.value(param::escalation, t), dt);

            double* consumption = batch.out(t, line::consumption);
            double* disposal = batch.out(t, line::disposal);
            // 0.0 - x rather than -x: a zero cost stays +0 (no "-0" in reports).
            batch.out(t, line::first_fill)[0] =
                0.0 - batch.value(param::first_fill_units, t) * price;
            double factor = 1.0;  // f((k - 1) dt) at the top of the loop
            for (uint32_t k = 1; k <= n; ++k) {
                const double start_of_period = factor;
                factor *= growth;
                if (advance)
                    consumption[k - 1] = 0.0 - units_per_year * price * dt * start_of_period;
                else
                    consumption[k] = 0.0 - units_per_year * price * dt * factor;
                if (!takes_back) disposal[k] = 0.0 - units_per_year * disposal_cost * dt * factor;
            }
        }
    }
};

}  // namespace

// The library's entry point: vendor, plugin name, version, then what users see in
// `eqroi plugins verify` before they trust the file (homepage, support contact, licence as an
// SPDX id), then the model classes. Change the three placeholders before you ship.
EQROI_PLUGIN_WITH_INFO("@VENDOR@", "@VENDOR@ @NAME@", "0.1.0", "https://example.com/eqroi",
                       "support@example.com", "LicenseRef-Proprietary", ConsumablesModel)
