// The life-cycle cost split by category (eqroi::lcc_by_category, Line::present_value) on
// example (a), configs/examples/cnc_replacement.toml, run with the bundled plugins: 10 years,
// yearly, 9 % nominal, end of period, taxed at 25 %; keep (baseline), buy_a, buy_b.
// The parts must add up to the engine's LCC, and one category is redone by hand.
#include <eqroi/core/engine.hpp>
#include <eqroi/core/finance.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <memory>
#include <string>
#include <vector>

namespace {

class LccBreakdown : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // trust_everything() reads no trust list: nothing in the user's home is touched.
        registry_ = std::make_unique<eqroi::PluginRegistry>(eqroi::TrustPolicy::trust_everything());
        registry_->load_directories({EQROI_BUNDLED_PLUGIN_DIR});
        study_ = std::make_unique<eqroi::Study>(
            eqroi::load_study(std::string(EQROI_EXAMPLES_DIR) + "/cnc_replacement.toml", *registry_));
        result_ = std::make_unique<eqroi::StudyResult>(eqroi::Engine(*study_, *registry_).run());
    }
    static void TearDownTestSuite() {
        result_.reset();
        study_.reset();
        registry_.reset();
    }

    static const eqroi::AlternativeResult& alternative(const std::string& id) {
        for (const auto& a : result_->alternatives)
            if (a.id == id) return a;
        ADD_FAILURE() << "no alternative " << id;
        static const eqroi::AlternativeResult none;
        return none;
    }
    static const eqroi::Line& line(const eqroi::AlternativeResult& a, const std::string& key) {
        for (const auto& l : a.lines)
            if (l.key == key) return l;
        ADD_FAILURE() << "no line " << key << " in " << a.id;
        static const eqroi::Line none;
        return none;
    }
    static double part(const std::vector<eqroi::LccPart>& parts, const std::string& category) {
        for (const auto& p : parts)
            if (p.category == category) return p.present_cost;
        ADD_FAILURE() << "no part " << category;
        return 0;
    }

    static inline std::unique_ptr<eqroi::PluginRegistry> registry_;
    static inline std::unique_ptr<eqroi::Study> study_;
    static inline std::unique_ptr<eqroi::StudyResult> result_;
};

TEST_F(LccBreakdown, ExampleIsWhatTheTestsAssume) {
    ASSERT_EQ(result_->alternatives.size(), 3u);
    EXPECT_EQ(result_->settings.horizon_years, 10);
    EXPECT_EQ(result_->settings.periods_per_year(), 1);
    EXPECT_EQ(result_->settings.discount_rate, 0.09);
    EXPECT_EQ(result_->settings.tax_rate, 0.25);
    EXPECT_EQ(result_->settings.timing, eqroi::finance::Timing::end_of_period);
    EXPECT_EQ(result_->baseline, "keep");
}

TEST_F(LccBreakdown, PartsAddUpToTheEnginesLcc) {
    const eqroi::AlternativeResult& base = alternative("keep");
    for (const auto& a : result_->alternatives) {
        const std::vector<eqroi::LccPart> parts = eqroi::lcc_by_category(a);
        ASSERT_FALSE(parts.empty()) << a.id;
        // The engine's LCC is these parts added in order: exactly equal, not just close.
        double sum = 0, pre_tax = 0;
        for (const auto& p : parts) {
            sum += p.present_cost;
            if (p.category != "tax") pre_tax += p.present_cost;
            EXPECT_NE(p.category, "benefit") << a.id << ": LCC leaves benefits out";
        }
        EXPECT_EQ(sum, a.measures.lcc) << a.id;
        EXPECT_EQ(pre_tax, a.pre_tax.lcc) << a.id;
        if (a.id != base.id) {
            EXPECT_EQ(a.vs_baseline.lcc, a.measures.lcc - base.measures.lcc) << a.id;
            EXPECT_EQ(a.vs_baseline_pre_tax.lcc, a.pre_tax.lcc - base.pre_tax.lcc) << a.id;
        }

        // A second route to the same figure: sum the cost lines period by period first, then
        // discount the series with finance::npv (Horner's scheme, not the engine's factors).
        std::vector<double> costs(a.net.size(), 0.0);
        for (const auto& l : a.lines)
            if (l.category != EQROI_CATEGORY_BENEFIT)
                for (std::size_t k = 0; k < costs.size(); ++k) costs[k] += l.amounts[k];
        const double lcc = -eqroi::finance::npv(0.09, costs);
        EXPECT_NEAR(a.measures.lcc, lcc, 1e-9 * std::fabs(lcc)) << a.id;
        // EUAC follows the LCC: LCC x (A/P, 9 %, 10) = LCC x 0.09 / (1 - 1.09^-10).
        EXPECT_NEAR(a.measures.euac, a.measures.lcc * 0.09 / (1 - std::pow(1.09, -10)), 1e-6)
            << a.id;
    }
}

TEST_F(LccBreakdown, CategoriesFollowTheLinesAndLeaveOutBenefits) {
    // buy_a's lines: capital plan, then the models in the study's order (maintenance,
    // training, downtime, operations = energy + consumables + labour, spare parts, benefits),
    // then income tax. "Scrap avoided" (benefit) is a saving, not a cost: no part.
    std::vector<std::string> categories;
    for (const auto& p : eqroi::lcc_by_category(alternative("buy_a"))) categories.push_back(p.category);
    EXPECT_EQ(categories, (std::vector<std::string>{"capital", "maintenance", "training",
                                                    "downtime", "energy", "consumables", "labor",
                                                    "spare_parts", "tax"}));
    // The same names as the report's "Category" column.
    const eqroi::AlternativeResult& a = alternative("buy_a");
    EXPECT_EQ(eqroi::report_category(line(a, "capital.trade_in")), "capital");
    EXPECT_EQ(eqroi::report_category(line(a, "tax.income_tax")), "tax");
    EXPECT_EQ(eqroi::report_category(line(a, "training.initial_training")), "training");
    EXPECT_EQ(eqroi::report_category(line(a, "operations.operating_labor")), "labor");
}

TEST_F(LccBreakdown, CapitalOfMachineAByHand) {
    // buy_a's capital lines as the study writes them: price 385,000, installation 18,000,
    // commissioning 7,000 and the trade-in of the old machine (+22,000) at period 0; the
    // machine is sold for 95,000 at the end of year 10. No escalation on these.
    //   present cost = 385,000 + 18,000 + 7,000 - 22,000 - 95,000 / 1.09^10
    //                = 388,000 - 95,000 / 2.36736367459 = 388,000 - 40,129.02666
    //                = 347,870.97334
    const auto parts = eqroi::lcc_by_category(alternative("buy_a"));
    EXPECT_NEAR(part(parts, "capital"), 347870.97334490955, 1e-6);
    EXPECT_NEAR(line(alternative("buy_a"), "capital.salvage_value").present_value,
                40129.02665509044, 1e-6);
}

TEST_F(LccBreakdown, TrainingOfMachineAFromItsPerPeriodAmounts) {
    // The training model's four lines for buy_a, each amount discounted by 1 / 1.09^k here
    // (not with the engine's discount factors):
    //   initial training      15,120 at k = 0                        -> 15,120.00
    //   output lost at ramp-up 14,535 at k = 1: 14,535 / 1.09       -> 13,334.86
    //   refresher training    1,370.88 at k = 1 rising 2 % a year    ->  9,499.88
    //   retraining (turnover) 1,542.24 at k = 1 rising 2 % a year    -> 10,687.36
    //   present cost                                                     48,642.10
    const eqroi::AlternativeResult& a = alternative("buy_a");
    double by_hand = 0;
    int lines = 0;
    for (const auto& l : a.lines) {
        if (l.source != "training") continue;
        ++lines;
        double pv = 0;
        for (std::size_t k = 0; k < l.amounts.size(); ++k) pv += l.amounts[k] / std::pow(1.09, k);
        EXPECT_NEAR(l.present_value, pv, 1e-8) << l.key;
        by_hand -= pv;
    }
    EXPECT_EQ(lines, 4);
    const auto parts = eqroi::lcc_by_category(a);
    EXPECT_NEAR(part(parts, "training"), by_hand, 1e-8);
    EXPECT_NEAR(part(parts, "training"), 48642.10, 0.005);
}

}  // namespace
