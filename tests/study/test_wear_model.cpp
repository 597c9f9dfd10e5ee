// Test plugin for the study suite, in its own library so the other study tests keep their list
// of loaded models: a model whose `escalation` range excludes 0, to check the message when a
// constant-dollar study implies an escalation of 0 for it.
#include <eqroi/plugin.hpp>

namespace {

class StudyTestWear final : public eqroi::sdk::Model {
public:
    eqroi::sdk::ModelSpec describe() const override {
        eqroi::sdk::ModelSpec spec("study_test_wear", "Study test wear", "Escalation above 0.");
        spec.number("escalation", "Escalation", "fraction/yr", 0.02, 0.01, 0.5, "Yearly rise.");
        spec.line("wear", "Wear parts", EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const eqroi::sdk::Batch&) const override {}
};

}  // namespace

EQROI_PLUGIN("eqroi tests", "Study test wear model", "1.0.0", StudyTestWear)
