// A plugin.hpp model whose evaluate throws a std::exception: the layer must turn it into
// EQROI_STATUS_INTERNAL_ERROR with the message, and the host into an EvaluationError.
#include <eqroi/plugin.hpp>

#include <stdexcept>

namespace {

class Throws final : public eqroi::sdk::Model {
public:
    eqroi::sdk::ModelSpec describe() const override {
        eqroi::sdk::ModelSpec spec("test_eval_throw", "Throwing model", "Always throws.");
        spec.number("hours", "Operating hours", "h/yr", 100, 0, 10000, "Hours per year.");
        spec.line("cost", "Cost", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const eqroi::sdk::Batch&) const override {
        throw std::out_of_range("spare parts table has no row for 100 hours");
    }
};

}  // namespace

EQROI_PLUGIN("eqroi tests", "throwing plugin", "1.0.0", Throws)
