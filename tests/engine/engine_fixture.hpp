// Shared by the engine tests: the test plugin loaded once, the studies worked by hand.
#pragma once

#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace eqroi::test {

class EngineTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        registry_ = std::make_unique<PluginRegistry>(TrustPolicy::trust_everything());
        registry_->load_file(ENGINE_TEST_PLUGIN);
    }
    static void TearDownTestSuite() { registry_.reset(); }
    static const PluginRegistry& registry() { return *registry_; }
    static Study parse(const std::string& text) { return parse_study(text, "press.toml", *registry_); }

    /// The line with this key; fails the test when absent.
    static const Line& line(const AlternativeResult& a, const std::string& key) {
        for (const Line& l : a.lines)
            if (l.key == key) return l;
        ADD_FAILURE() << "no line " << key << " in " << a.id;
        static const Line none;
        return none;
    }

private:
    static inline std::unique_ptr<PluginRegistry> registry_;
};

/// Five years at 10 %, no tax. Keep the old press (30,000 a year of upkeep) or buy a new one
/// (110,000 all in, 8,000 trade-in, 3,000 removal, 20,000 salvage; 10,000 upkeep and 15,000
/// savings a year). buy_twin is the same as buy, to check ties in the ranking.
inline const std::string kPressStudy = R"(
[study]
name = "Press line"
horizon_years = 5
discount_rate = 0.10
baseline = "keep"

[[alternative]]
id = "keep"
name = "Keep the old press"
[alternative.models.upkeep]
yearly_cost = 30000

[[alternative]]
id = "buy"
name = "Buy a new press"
[alternative.capital]
price = 100000
installation = 5000
commissioning = 5000
trade_in = 8000
disposal_cost = 3000
salvage_value = 20000
[alternative.models.upkeep]
yearly_cost = 10000
[alternative.models.savings]
yearly_benefit = 15000

[[alternative]]
id = "buy_twin"
name = "Buy the same press elsewhere"
[alternative.capital]
price = 100000
installation = 5000
commissioning = 5000
trade_in = 8000
disposal_cost = 3000
salvage_value = 20000
[alternative.models.upkeep]
yearly_cost = 10000
[alternative.models.savings]
yearly_benefit = 15000
)";

/// The same decision with 25 % income tax, a 4-year tax life for the new press, a capitalised
/// overhaul of 8,000 at the end of year 2 and a 2,000 tooling deposit (not taxed) returned at
/// the end.
inline const std::string kTaxedStudy = R"(
[study]
horizon_years = 5
discount_rate = 0.10
tax_rate = 0.25
baseline = "keep"

[[alternative]]
id = "keep"
[alternative.models.upkeep]
yearly_cost = 30000

[[alternative]]
id = "buy"
[alternative.capital]
price = 100000
installation = 5000
commissioning = 5000
trade_in = 8000
disposal_cost = 3000
salvage_value = 20000
depreciation_years = 4
[alternative.models.upkeep]
yearly_cost = 10000
[alternative.models.savings]
yearly_benefit = 15000
[alternative.models.overhaul]
overhaul_cost = 8000
overhaul_year = 2
deposit = 2000
)";

/// One year in months at 12 % a year, 30 % tax, tax life = the horizon (12 months).
inline const std::string kMonthlyStudy = R"(
[study]
horizon_years = 1
periods = "monthly"
discount_rate = 0.12
tax_rate = 0.30

[[alternative]]
id = "keep"
[alternative.models.upkeep]
yearly_cost = 12000

[[alternative]]
id = "buy"
[alternative.capital]
price = 10000
[alternative.models.upkeep]
yearly_cost = 2400
[alternative.models.savings]
yearly_benefit = 6000
)";

}  // namespace eqroi::test
