// Shared by the study tests: the test plugin loaded once, and helpers that parse study text
// and return the diagnostics it produced.
#pragma once

// study.hpp first: registry.hpp uses PluginError without including diagnostics.hpp.
#include <eqroi/core/study.hpp>
#include <eqroi/core/registry.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>
#include <vector>

namespace eqroi::test {

class StudyTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        registry_ = std::make_unique<PluginRegistry>(TrustPolicy::trust_everything());
        registry_->load_file(STUDY_TEST_PLUGIN);
    }
    static void TearDownTestSuite() { registry_.reset(); }

    static const PluginRegistry& registry() { return *registry_; }

    static Study parse(const std::string& text) {
        return parse_study(text, "plant.toml", *registry_);
    }

    /// The diagnostics a study text produces; fails the test when it parses.
    static std::vector<Diagnostic> problems(const std::string& text) {
        try {
            parse_study(text, "plant.toml", *registry_);
        } catch (const InputError& e) {
            return e.diagnostics();
        }
        ADD_FAILURE() << "expected an InputError for:\n" << text;
        return {};
    }

    /// Exactly one diagnostic, as `file:line:col: message`.
    static std::string problem(const std::string& text) {
        auto ds = problems(text);
        if (ds.size() != 1) {
            std::string all;
            for (const auto& d : ds) all += "\n  " + d.to_string();
            ADD_FAILURE() << "expected one diagnostic, got " << ds.size() << ":" << all;
            return ds.empty() ? "" : ds.front().to_string();
        }
        return ds.front().to_string();
    }

private:
    static inline std::unique_ptr<PluginRegistry> registry_;
};

/// A valid [study] header of 3 lines (horizon 10 yearly: periods 0..10).
inline const std::string kStudy =
    "[study]\n"
    "horizon_years = 10\n"
    "discount_rate = 0.08\n";

/// kStudy + one alternative whose model table starts at line 6 and has its required value.
/// Line 4: [[alternative]], 5: id, 6: [alternative.models.study_test], 7: rated_power.
inline const std::string kOneAlternative = kStudy +
    "[[alternative]]\n"
    "id = \"keep\"\n"
    "[alternative.models.study_test]\n"
    "rated_power = 15\n";

}  // namespace eqroi::test
