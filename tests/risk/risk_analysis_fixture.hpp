// Shared by the risk-run tests (risk_analysis_*_test.cpp): the test plugins loaded once (the
// engine suite's flat-cost models, the study suite's one-parameter-of-each-kind models), the
// bundled models for example (a), and helpers that parse study text.
#pragma once

// study.hpp first: registry.hpp uses PluginError without including diagnostics.hpp.
#include <eqroi/core/study.hpp>
#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/risk/analysis.hpp>
#include <eqroi/core/risk/inputs.hpp>

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace eqroi::test {

class RiskRunTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        registry_ = std::make_unique<PluginRegistry>(TrustPolicy::trust_everything());
        registry_->load_file(ENGINE_TEST_PLUGIN);  // upkeep, savings, overhaul, probe, running
        registry_->load_file(STUDY_TEST_PLUGIN);   // study_test, study_test_energy
        bundled_ = std::make_unique<PluginRegistry>(TrustPolicy::trust_everything());
        bundled_->load_directories({EQROI_BUNDLED_PLUGIN_DIR});
    }
    static void TearDownTestSuite() {
        registry_.reset();
        bundled_.reset();
    }

    static const PluginRegistry& registry() { return *registry_; }
    static const PluginRegistry& bundled() { return *bundled_; }

    static Study parse(const std::string& text) { return parse_study(text, "risk.toml", *registry_); }

    /// Example (a) with its [[uncertain]] tables, read with the bundled models.
    static Study cnc_risk() {
        return load_study(std::filesystem::path(EQROI_EXAMPLES_DIR) / "cnc_replacement_risk.toml",
                          *bundled_);
    }

    /// The diagnostics a study text produces; fails the test when it parses.
    static std::vector<Diagnostic> problems(const std::string& text) {
        try {
            parse(text);
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
    static inline std::unique_ptr<PluginRegistry> registry_, bundled_;
};

/// Five years at 10 %, no tax, no inflation (the engine suite's press line, cut down). Keep the
/// old press (upkeep `yearly_cost` a year, paid at the end of years 1..5) or buy a new one
/// (100,000 at period 0, then 10,000 a year). With the annuity factor
///   a = sum_{k=1..5} 1.1^-k = (1 - 1.1^-5) / 0.1 = 3.790786769...
/// NPV(keep) = -a x yearly_cost and NPV(buy) = -100,000 - 10,000 a = -137,907.87.
/// Lines 1-25; the [[uncertain]] tables a test appends start at line 26.
inline const std::string kPress =
    "[study]\n"                              // 1
    "name = \"Press line\"\n"                // 2
    "horizon_years = 5\n"                    // 3
    "discount_rate = 0.10\n"                 // 4
    "baseline = \"keep\"\n"                  // 5
    "\n"                                     // 6
    "[[alternative]]\n"                      // 7
    "id = \"keep\"\n"                        // 8
    "[alternative.models.upkeep]\n"          // 9
    "yearly_cost = 30000\n"                  // 10
    "\n"                                     // 11
    "[[alternative]]\n"                      // 12
    "id = \"buy\"\n"                         // 13
    "[alternative.capital]\n"                // 14
    "price = 100000\n"                       // 15
    "[alternative.models.upkeep]\n"          // 16
    "yearly_cost = 10000\n"                  // 17
    "[alternative.models.study_test]\n"      // 18
    "rated_power = 15\n"                     // 19
    "preventive_fixed = 0\n"                 // 20
    "[alternative.models.study_test_energy]\n"  // 21
    "operating_hours_per_year = 3000\n"      // 22
    "[alternative.equipment]\n"              // 23
    "operating_hours_per_year = 5000\n"      // 24
    "\n";                                    // 25

/// The annuity factor of kPress: sum of 1.1^-k for k = 1..5.
inline const double kAnnuity = (1 - 1 / (1.1 * 1.1 * 1.1 * 1.1 * 1.1)) / 0.1;

/// kPress with the keep alternative's upkeep uniform on [20,000, 40,000] (lines 26-32).
inline const std::string kPressUniform = kPress +
    "[[uncertain]]\n"                        // 26
    "alternative = \"keep\"\n"               // 27
    "model = \"upkeep\"\n"                   // 28
    "parameter = \"yearly_cost\"\n"          // 29
    "distribution = \"uniform\"\n"           // 30
    "min = 20000\n"                          // 31
    "max = 40000\n";                         // 32

}  // namespace eqroi::test
