// Shared by the sensitivity tests: the test models loaded once, and studies whose NPVs are
// worked by hand as functions of their uncertain inputs.
#pragma once

#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/risk/inputs.hpp>
#include <eqroi/core/risk/sensitivity.hpp>
#include <eqroi/core/study.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <memory>
#include <string>

namespace eqroi::test {

/// (P/A, 10 %, 5): the present value of 1 a year for 5 years at 10 %,
/// (1 - 1.1^-5) / 0.1 = 3.7907867694084505.
inline const double kAnnuity5 = (1 - std::pow(1.1, -5)) / 0.1;

/// A study parsed against the test models, with its engine and binding (the engine keeps a
/// reference to the study and the binding to the engine: all three live here, in this order).
struct Bound {
    Study study;
    Engine engine;
    risk::InputBinding binding;
    Bound(Study s, const PluginRegistry& registry)
        : study(std::move(s)), engine(study, registry), binding(engine) {}
};

class SensitivityTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        registry_ = std::make_unique<PluginRegistry>(TrustPolicy::trust_everything());
        registry_->load_file(SENSITIVITY_TEST_PLUGIN);
    }
    static void TearDownTestSuite() { registry_.reset(); }
    static const PluginRegistry& registry() { return *registry_; }
    static Study parse(const std::string& text) {
        return parse_study(text, "sensitivity.toml", *registry_);
    }
    static std::unique_ptr<Bound> bind(const std::string& text) {
        return std::make_unique<Bound>(parse(text), *registry_);
    }

private:
    static inline std::unique_ptr<PluginRegistry> registry_;
};

/// Five years at 10 %, no tax. Keep the old press (its upkeep a guess: triangular 5,000 /
/// 30,000 / 40,000 a year) or buy a new one for 60,000 with 10,000 upkeep and a benefit that
/// is a guess (uniform 10,000 .. 40,000 a year; the study says 15,000).
///   NPV(buy)  = -60,000 + (benefit - 10,000) x 3.790787   (-41,046.07 at base)
///   NPV(keep) = -upkeep x 3.790787                        (-113,723.60 at base)
inline const std::string kPressStudy = R"(
[study]
horizon_years = 5
discount_rate = 0.10
baseline = "keep"

[[alternative]]
id = "keep"
[alternative.models.upkeep]
yearly_cost = 30000

[[alternative]]
id = "buy"
[alternative.capital]
price = 60000
[alternative.models.upkeep]
yearly_cost = 10000
[alternative.models.benefit]
yearly_benefit = 15000

[[uncertain]]
name = "benefit"
alternative = "buy"
model = "benefit"
parameter = "yearly_benefit"
distribution = "uniform"
min = 10000
max = 40000

[[uncertain]]
name = "old_upkeep"
alternative = "keep"
model = "upkeep"
parameter = "yearly_cost"
distribution = "triangular"
min = 5000
mode = 30000
max = 40000
)";

/// One alternative, a line run at an uncertain speed (uniform 0 .. 200 parts/min): the yearly
/// benefit is 40,000 - 2 (speed - 100)^2, the line costs 100,000.
///   NPV = -100,000 + (40,000 - 2 (speed - 100)^2) x 3.790787
/// is 0 where (speed - 100)^2 = (40,000 - 100,000 / 3.790787) / 2 = 6,810.126, i.e. at
/// speed = 100 -/+ 82.523487 = 17.476513 and 182.523487.
inline const std::string kSpeedStudy = R"(
[study]
horizon_years = 5
discount_rate = 0.10

[[alternative]]
id = "line"
[alternative.capital]
price = 100000
[alternative.models.speed]
speed = 120
best_speed = 100
max_benefit = 40000
penalty = 2

[[uncertain]]
model = "speed"
parameter = "speed"
distribution = "uniform"
min = 0
max = 200
)";

}  // namespace eqroi::test
