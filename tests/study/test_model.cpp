// Test plugin for the study suite: one parameter of each kind the study format handles, and a
// second model that shares keys with the first (operating_hours_per_year with a narrower range,
// shift_pattern with its names in another order) so [equipment] checks can name the model.
// study_test has two output lines (preventive, corrective), study_test_energy one (energy), for
// the [alternative.escalation] checks.
#include <eqroi/plugin.hpp>

namespace {

class StudyTestModel final : public eqroi::sdk::Model {
public:
    eqroi::sdk::ModelSpec describe() const override {
        eqroi::sdk::ModelSpec spec("study_test", "Study test model", "Parameters of every kind.");
        spec.number("preventive_fixed", "Preventive maintenance", "currency/yr", 1000, 0, 1e6,
                    "Fixed yearly preventive maintenance.");
        spec.integer("technicians", "Technicians", "", 1, 0, 20, "Technicians on call.");
        spec.required("rated_power", "Rated power", "kW", 0, 10000, "From the nameplate.");
        spec.boolean("include_overhaul", "Include overhaul", false, "Plan a mid-life overhaul.");
        spec.choice("cost_basis", "Downtime cost basis", "lost_output|overtime|subcontract", 0,
                    "How lost hours are priced.");
        spec.series("extra_costs", "Extra costs", "currency", 0, 0, 1e6, "Per period.");
        spec.number("operating_hours_per_year", "Operating hours", "h/yr", 4000, 0, 8760,
                    "Spindle hours per year.");
        spec.number("purchase_price", "Purchase price", "currency", 50000, 0, 1e7, "Price paid.");
        spec.number("escalation", "Escalation", "fraction/yr", 0.01, -0.1, 0.5, "Yearly rise.");
        spec.series("load_factor", "Load factor", "fraction", 0.5, 0.1, 1, "Per period.");
        spec.choice("shift_pattern", "Shifts", "single|double|triple", 0, "Shifts per day.");
        spec.line("preventive", "Preventive maintenance", EQROI_CATEGORY_MAINTENANCE,
                  EQROI_TAX_DEDUCTIBLE);
        // A second line, so [alternative.escalation] messages can list a model's lines.
        spec.line("corrective", "Corrective maintenance", EQROI_CATEGORY_MAINTENANCE,
                  EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const eqroi::sdk::Batch& batch) const override {
        for (uint32_t t = 0; t < batch.trials(); ++t)
            for (uint32_t k = 1; k <= batch.periods(); ++k)
                batch.out(t, 0)[k] = -batch.value(0, t) * batch.period_years();
    }
};

class StudyTestEnergy final : public eqroi::sdk::Model {
public:
    eqroi::sdk::ModelSpec describe() const override {
        eqroi::sdk::ModelSpec spec("study_test_energy", "Study test energy", "Shares keys.");
        spec.number("operating_hours_per_year", "Operating hours", "h/yr", 4000, 0, 6000,
                    "Hours per year.");
        spec.choice("shift_pattern", "Shifts", "triple|double|single", 0, "Shifts per day.");
        spec.number("kwh_price", "Energy price", "currency/kWh", 0.2, 0, 10, "Tariff.");
        spec.line("energy", "Energy", EQROI_CATEGORY_ENERGY, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const eqroi::sdk::Batch&) const override {}
};

}  // namespace

EQROI_PLUGIN("eqroi tests", "Study test models", "1.0.0", StudyTestModel, StudyTestEnergy)
