// The healthy plugin every loader test comes back to: after any fault, this one must still load
// and give these numbers. Built on plugin.hpp, so it also shows the C++ layer unloads cleanly.
#include <eqroi/plugin.hpp>

namespace {

class Good final : public eqroi::sdk::Model {
public:
    enum Param : uint32_t { hours, rate };
    enum Line : uint32_t { service, saving };
    eqroi::sdk::ModelSpec describe() const override {
        eqroi::sdk::ModelSpec spec("test_good", "Good model", "Service cost and a small saving.");
        spec.number("hours", "Operating hours", "h/yr", 1000, 0, 8760, "Hours per year.");
        spec.number("rate", "Service rate", "currency/h", 2.5, 0, 1000, "Cost per hour.");
        spec.line("service", "Service", EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE);
        spec.line("saving", "Saving", EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    // service[k] = -hours * rate * period_years, saving[k] = hours * 0.1 * period_years, k >= 1.
    void evaluate(const eqroi::sdk::Batch& batch) const override {
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double h = batch.value(hours, t);
            for (uint32_t k = 1; k <= batch.periods(); ++k) {
                batch.out(t, service)[k] = -h * batch.value(rate, t) * batch.period_years();
                batch.out(t, saving)[k] = h * 0.1 * batch.period_years();
            }
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi tests", "good plugin", "1.0.0", Good)
