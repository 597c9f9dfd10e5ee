// The bundled spare-parts cost model: the recommended spares kit bought with the machine, yearly
// consumption of parts, the cost of carrying the stock and the stock still usable at the end.
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
    purchase_price,
    initial_kit_value,
    initial_kit_share,
    consumption_per_year,
    consumption_share_per_year,
    carrying_rate,
    obsolete_share,
    escalation,
    count
};
}  // namespace param

namespace line {
enum : uint32_t { initial_kit, consumption, carrying_cost, stock_recovery, count };
}  // namespace line

class SpareParts final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("spare_parts", "Spare parts",
                       "The recommended spares kit bought with the machine, the parts consumed "
                       "each year, the cost of carrying the stock (capital, storage, "
                       "insurance) and the usable stock recovered at the end of the study.");
        add_purchase_price(spec);
        spec.number("initial_kit_value", "Spares kit value", "currency", 0, 0, 1e12,
                    "Price of the vendor's recommended spare-parts kit, from the quote. 0 = "
                    "estimate it as a share of the purchase price (next parameter).");
        spec.number("initial_kit_share", "Spares kit as share of price", "fraction", 0.05, 0, 1,
                    "Kit value as a share of the purchase price when no kit price is given "
                    "(0.03 to 0.10 is common for machine tools).");
        spec.number("consumption_per_year", "Parts consumption", "currency/yr", 0, 0, 1e12,
                    "Spare parts used (and bought again) per year, from maintenance records "
                    "of a similar machine. 0 = estimate it as a share of the purchase price.");
        spec.number("consumption_share_per_year", "Consumption as share of price", "1/yr", 0.02,
                    0, 1,
                    "Yearly parts consumption as a share of the purchase price when no amount "
                    "is given (0.01 to 0.05 is common).");
        spec.number("carrying_rate", "Inventory carrying rate", "1/yr", 0.1, 0, 1,
                    "Yearly cost of holding stock as a share of its value: storage, insurance, "
                    "handling, shrinkage (0.05 to 0.15), from controlling. Leave out the cost "
                    "of capital: the study's discount rate already charges for the kit.");
        spec.number("obsolete_share", "Obsolete share at the end", "fraction", 0.3, 0, 1,
                    "Share of the stock that is worthless at the end of the study (parts "
                    "that fit only this machine and cannot be sold or used elsewhere).");
        add_escalation(spec);

        // The kit is working capital: money tied up in stock, not an expense, so neither
        // buying it nor getting the usable part back is taxed (README: "Why working capital").
        spec.line("initial_kit", "Spares stock tied up (working capital)",
                  EQROI_CATEGORY_SPARE_PARTS, EQROI_TAX_NOT_TAXED,
                  "The initial spare parts kit bought at the purchase: money tied up in stock, "
                  "not an expense.");
        spec.line("consumption", "Parts consumption", EQROI_CATEGORY_SPARE_PARTS,
                  EQROI_TAX_DEDUCTIBLE,
                  "Spare parts used and bought again each year, per period, escalated.");
        spec.line("carrying_cost", "Inventory carrying cost", EQROI_CATEGORY_SPARE_PARTS,
                  EQROI_TAX_DEDUCTIBLE,
                  "The carrying rate x the escalated value of the spares stock, per period.");
        spec.line("stock_recovery", "Spares stock recovered (working capital)",
                  EQROI_CATEGORY_SPARE_PARTS, EQROI_TAX_NOT_TAXED,
                  "At the end of the study, the escalated value of the stock that is not "
                  "obsolete: the working capital released.");
        check_indices(spec, param::count, line::count);
        return spec;
    }

    void evaluate(const Batch& batch) const override {
        const uint32_t n = batch.periods();
        const double dt = batch.period_years();
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double price = batch.value(param::purchase_price, t);
            double kit = batch.value(param::initial_kit_value, t);
            if (kit == 0.0) kit = batch.value(param::initial_kit_share, t) * price;
            double consumption_per_year = batch.value(param::consumption_per_year, t);
            if (consumption_per_year == 0.0)
                consumption_per_year = batch.value(param::consumption_share_per_year, t) * price;
            // The stock stays at the kit's size because what is used is bought again, so its
            // value follows the escalated kit price.
            const double carrying_per_period = batch.value(param::carrying_rate, t) * kit * dt;
            const double consumption_per_period = consumption_per_year * dt;
            const double usable_share = 1.0 - batch.value(param::obsolete_share, t);
            const double growth =
                period_growth(batch.value(param::escalation, t), batch.periods_per_year());

            double* kit_out = batch.out(t, line::initial_kit);
            double* consumption_out = batch.out(t, line::consumption);
            double* carrying_out = batch.out(t, line::carrying_cost);
            double* recovery_out = batch.out(t, line::stock_recovery);

            kit_out[0] = cost(kit);
            double factor = 1.0;
            for (uint32_t k = 1; k <= n; ++k) {
                factor *= growth;
                consumption_out[k] = cost(consumption_per_period * factor);
                carrying_out[k] = cost(carrying_per_period * factor);
            }
            if (n > 0) recovery_out[n] = usable_share * kit * factor;
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi", "eqroi spare parts", "1.0.0", SpareParts)
