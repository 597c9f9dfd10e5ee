// The coolant and tooling model of c99_model.c, written through plugin.hpp and built by the
// project's C++ compiler. The parameters and lines are declared in the same order with the same
// keys, ranges and flags, and every amount is computed with the same operations in the same
// order (see the formulas at the top of c99_model.c), so that the two plugins must give
// bit-identical amounts: abi_clang_c99_test.cpp compares them.
#include <eqroi/plugin.hpp>

#include <string>

namespace {

class CoolantTooling final : public eqroi::sdk::Model {
public:
    enum Param : uint32_t {
        hours,
        litres_per_hour,
        coolant_type,
        recovery_unit,
        coolant_price,
        inserts_per_hour,
        insert_price,
        escalation,
        load_factor,
        drum_deposit
    };
    enum Line : uint32_t { coolant, tooling, deposit };

    eqroi::sdk::ModelSpec describe() const override {
        eqroi::sdk::ModelSpec spec("abi_coolant_cpp", "Coolant and tooling (C++, plugin.hpp)",
                                   "Coolant concentrate and cutting inserts used by the machine, "
                                   "with a returnable drum deposit.");
        spec.number("operating_hours_per_year", "Operating hours", "h/yr", 4000, 0, 8760,
                    "Spindle hours per year at full load.");
        spec.number("coolant_litres_per_hour", "Coolant use", "l/h", 0.4, 0, 50,
                    "Concentrate used per spindle hour, from the datasheet.");
        spec.choice("coolant_type", "Coolant type", "emulsion|synthetic|neat_oil", 0,
                    "Emulsion, synthetic or neat oil: how much concentrate is bought.");
        spec.boolean("recovery_unit", "Coolant recovery unit", false,
                     "Whether a recovery unit returns 40 % of the spent coolant.");
        spec.number("coolant_price", "Coolant price", "currency/l", 4.5, 0, 1000,
                    "Price of one litre of concentrate in the first year.");
        spec.number("inserts_per_hour", "Insert wear", "1/h", 0.5, 0, 100,
                    "Cutting inserts worn out per spindle hour.");
        spec.number("insert_price", "Insert price", "currency", 12, 0, 10000,
                    "Price of one cutting insert in the first year.");
        spec.number("price_escalation", "Price escalation", "1/yr", 0.03, -0.5, 1,
                    "Yearly rise of coolant and insert prices, applied at each anniversary of "
                    "the purchase.");
        spec.series("load_factor", "Load factor", "fraction", 1, 0, 1,
                    "Share of the operating hours actually run in each period (ramp-up, planned "
                    "stops).");
        spec.number("drum_deposit", "Drum deposit", "currency", 150, 0, 1000000,
                    "Deposit on the returnable coolant drums, paid at purchase and refunded at "
                    "the end.");
        spec.line("coolant", "Coolant", EQROI_CATEGORY_CONSUMABLES, EQROI_TAX_DEDUCTIBLE,
                  "Coolant concentrate bought: hours x litres per hour x price.");
        spec.line("tooling", "Cutting inserts", EQROI_CATEGORY_CONSUMABLES, EQROI_TAX_DEDUCTIBLE,
                  "Inserts worn out: hours x inserts per hour x price.");
        spec.line("drum_deposit", "Drum deposit", EQROI_CATEGORY_OTHER, EQROI_TAX_NOT_TAXED);
        return spec;
    }

    void evaluate(const eqroi::sdk::Batch& batch) const override {
        static constexpr double type_factor[3] = {1.0, 0.8, 1.5};
        const double years = batch.period_years();  // 1.0 / periods_per_year, as in C
        const uint32_t n = batch.periods();
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double type = batch.value(coolant_type, t);
            if (!(type == 0.0 || type == 1.0 || type == 2.0))
                throw eqroi::sdk::invalid_parameter(
                    "coolant_type " + std::to_string(type) +
                    " is not 0 (emulsion), 1 (synthetic) or 2 (neat_oil)");
            const double litres = batch.value(litres_per_hour, t) *
                                  type_factor[static_cast<int>(type)] *
                                  (batch.value(recovery_unit, t) != 0.0 ? 0.6 : 1.0);
            const double* load = batch.series(load_factor, t);
            double* coolant_out = batch.out(t, coolant);
            double* tooling_out = batch.out(t, tooling);
            double* deposit_out = batch.out(t, deposit);
            double index = 1.0;
            for (uint32_t k = 1; k <= n; ++k) {
                if (k > 1 && (k - 1) % batch.periods_per_year() == 0)
                    index = index * (1.0 + batch.value(escalation, t));
                const double h = batch.value(hours, t) * years * load[k];
                coolant_out[k] = -(h * litres * batch.value(coolant_price, t) * index);
                tooling_out[k] = -(h * batch.value(inserts_per_hour, t) *
                                   batch.value(insert_price, t) * index);
            }
            deposit_out[0] = -batch.value(drum_deposit, t);
            deposit_out[n] += batch.value(drum_deposit, t);
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi tests", "C++ coolant model", "1.1.0", CoolantTooling)
