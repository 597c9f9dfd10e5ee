// run_batch: the same numbers as run() when the trials repeat the study's values, the hand
// calculated difference when they do not, chunking, and bad overrides.
#include "engine_fixture.hpp"

#include <cmath>
#include <stdexcept>
#include <vector>

namespace eqroi::test {
namespace {

const double kAnnuity5 = (1 - std::pow(1.1, -5)) / 0.1;  // 3.7907867694...

/// The override of savings.yearly_benefit in alternative "buy" (index 1).
ParamOverride benefit_override(const Engine& engine, std::vector<double> values) {
    const ResolvedAlternative& buy = engine.alternatives()[1];
    EXPECT_EQ(buy.models[1].model.id(), "savings");
    return ParamOverride{1, static_cast<std::size_t>(buy.models[1].model.param_index("yearly_benefit")),
                         std::move(values)};
}

void expect_same_as_run(const AlternativeResult& a, const BatchResult& b, uint32_t t) {
    const std::size_t w = b.periods + 1;
    for (std::size_t k = 0; k < w; ++k) EXPECT_DOUBLE_EQ(b.net[t * w + k], a.net[k]) << k;
    EXPECT_DOUBLE_EQ(b.npv[t], a.measures.npv);
    EXPECT_EQ(std::isnan(b.irr[t]), !a.measures.irr);
    if (a.measures.irr) EXPECT_DOUBLE_EQ(b.irr[t], *a.measures.irr);
    EXPECT_EQ(std::isnan(b.payback[t]), !a.measures.payback);
    if (a.measures.payback) EXPECT_DOUBLE_EQ(b.payback[t], *a.measures.payback);
    EXPECT_EQ(std::isnan(b.discounted_payback[t]), !a.measures.discounted_payback);
}

TEST_F(EngineTest, BatchWithTheStudyValuesEqualsRun) {
    for (const std::string* text : {&kPressStudy, &kTaxedStudy}) {
        const Study study = parse(*text);
        const Engine engine(study, registry());
        const StudyResult run = engine.run();
        const BatchResult b = engine.run_batch(1, 3, {benefit_override(engine, {15000, 15000, 15000})});
        ASSERT_EQ(b.trials, 3u);
        ASSERT_EQ(b.periods, 5u);
        ASSERT_EQ(b.net.size(), 18u);
        for (uint32_t t = 0; t < 3; ++t) expect_same_as_run(run.alternatives[1], b, t);
        // And without any override.
        const BatchResult plain = engine.run_batch(0, 2);
        for (uint32_t t = 0; t < 2; ++t) expect_same_as_run(run.alternatives[0], plain, t);
    }
}

TEST_F(EngineTest, BatchTrialsDifferByTheirValues) {
    const Study study = parse(kPressStudy);
    const Engine engine(study, registry());
    const double npv = engine.run().alternatives[1].measures.npv;  // -73627.64
    const BatchResult b = engine.run_batch(1, 3, {benefit_override(engine, {15000, 20000, 0})});
    // 5000 more a year is worth 5000 x 3.790787 = 18953.93; 15000 less, -56861.80.
    EXPECT_NEAR(b.npv[0], npv, 1e-8);
    EXPECT_NEAR(b.npv[1], npv + 5000 * kAnnuity5, 1e-8);
    EXPECT_NEAR(b.npv[2], npv - 15000 * kAnnuity5, 1e-8);
    // Net in year 1: -10000 upkeep + the benefit.
    EXPECT_NEAR(b.net[0 * 6 + 1], 5000, 1e-9);
    EXPECT_NEAR(b.net[1 * 6 + 1], 10000, 1e-9);
    EXPECT_NEAR(b.net[2 * 6 + 1], -10000, 1e-9);
    // Trial 1: {-105000, 10000 x 4, 30000} sums to -35000: no payback, but a higher IRR.
    // Trial 2: {-105000, -10000 x 4, +10000}: still one sign change, so an IRR, a lower one.
    EXPECT_TRUE(std::isnan(b.payback[1]));
    EXPECT_FALSE(std::isnan(b.irr[1]));
    EXPECT_GT(b.irr[1], b.irr[0]);
    EXPECT_LT(b.irr[2], b.irr[0]);
}

TEST_F(EngineTest, BatchTaxIsPerTrial) {
    const Study study = parse(kTaxedStudy);
    const Engine engine(study, registry());
    const double npv = engine.run().alternatives[1].measures.npv;
    const BatchResult b = engine.run_batch(1, 2, {benefit_override(engine, {15000, 20000})});
    // 5000 more taxable benefit a year keeps 75 % after tax: 3750 x 3.790787 = 14215.45.
    EXPECT_NEAR(b.npv[1] - b.npv[0], 3750 * kAnnuity5, 1e-8);
    EXPECT_NEAR(b.npv[0], npv, 1e-8);
    EXPECT_NEAR(b.net[6 + 1], 10625 + 3750, 1e-9);
}

TEST_F(EngineTest, BatchCallsEachModelOncePerChunk) {
    const Study study = parse(R"(
[study]
horizon_years = 2
discount_rate = 0.05
[[alternative]]
id = "only"
[alternative.models.probe]
)");
    const Engine engine(study, registry());
    // The probe writes the trial count of the call it was in at period 0. Its parameter
    // varies (an override, here all 0), so it is called per chunk.
    const uint32_t trials = Engine::batch_chunk + 100;
    const ParamOverride varying{0, 0, std::vector<double>(trials, 0.0)};
    const BatchResult b = engine.run_batch(0, trials, {varying});
    EXPECT_EQ(b.net[0], Engine::batch_chunk);
    EXPECT_EQ(b.net[(Engine::batch_chunk - 1) * 3], Engine::batch_chunk);
    EXPECT_EQ(b.net[Engine::batch_chunk * 3], 100.0);
    EXPECT_EQ(b.net[(trials - 1) * 3], 100.0);
    // A small batch is one call.
    EXPECT_EQ(engine.run_batch(0, 7, {ParamOverride{0, 0, std::vector<double>(7, 0.0)}}).net[6 * 3],
              7.0);
}

TEST_F(EngineTest, BatchCallsAModelNoOverrideReachesOnceForOneTrial) {
    const Study study = parse(R"(
[study]
horizon_years = 2
discount_rate = 0.05
[[alternative]]
id = "only"
[alternative.models.probe]
[alternative.models.upkeep]
yearly_cost = 1000
)");
    const Engine engine(study, registry());
    // Every trial has the same parameters: the probe is called once, with one trial, and that
    // trial's amounts (1 at period 0) are every trial's. The upkeep's override still varies.
    const uint32_t trials = Engine::batch_chunk + 100;
    std::vector<double> cost(trials);
    for (uint32_t t = 0; t < trials; ++t) cost[t] = 100.0 * t;
    const BatchResult b = engine.run_batch(0, trials, {ParamOverride{1, 0, cost}});
    for (uint32_t t : {0u, 1u, Engine::batch_chunk, trials - 1}) {
        EXPECT_EQ(b.net[t * 3], 1.0) << t;
        // Upkeep: -100 t a year, untaxed study: period 1 and 2 pay -100 t each.
        EXPECT_EQ(b.net[t * 3 + 1], -100.0 * t) << t;
        EXPECT_EQ(b.net[t * 3 + 2], -100.0 * t) << t;
    }
}

TEST_F(EngineTest, BatchNamesTheLineOfANonFiniteAmountAndReportsAnOverflowingSum) {
    const Study study = parse(R"(
[study]
horizon_years = 2
discount_rate = 0.05
[[alternative]]
id = "only"
[alternative.models.spike]
amount = 5
)");
    const Engine engine(study, registry());
    // NaN in trial 2 of a batch whose parameters vary: the amounts are not scanned line by line
    // any more, the sum is; the message is still the one naming the model, line and period.
    const ParamOverride nan{0, 1, {0, 0, 1, 0}};
    try {
        engine.run_batch(0, 4, {nan});
        ADD_FAILURE() << "no error";
    } catch (const EvaluationError& e) {
        EXPECT_NE(std::string(e.what()).find(
                      "model 'spike': evaluate wrote a non-finite amount (nan) to line 'second', "
                      "period 1, trial 2"),
                  std::string::npos)
            << e.what();
    }
    // 1e308 twice: each amount is finite (the plugin did nothing wrong), their sum is +inf.
    const ParamOverride huge{0, 0, {5, 1e308, 5}};
    try {
        engine.run_batch(0, 3, {huge});
        ADD_FAILURE() << "no error";
    } catch (const EvaluationError& e) {
        EXPECT_NE(std::string(e.what()).find("alternative 'only': the net cash flow of period 1 "
                                             "is inf in trial 1"),
                  std::string::npos)
            << e.what();
    }
    // The same amounts in range are added up: 5 + 5 at period 1.
    EXPECT_EQ(engine.run_batch(0, 3, {ParamOverride{0, 0, {5, 6, 7}}}).net[2 * 3 + 1], 14.0);
}

TEST_F(EngineTest, BatchRejectsBadOverrides) {
    const Study study = parse(kPressStudy);
    const Engine engine(study, registry());
    // Outside the declared range 0 .. 1e9: plugins are promised in-range values.
    EXPECT_THROW(engine.run_batch(1, 2, {benefit_override(engine, {100, -1})}), EvaluationError);
    EXPECT_THROW(engine.run_batch(1, 2, {benefit_override(engine, {100, NAN})}), EvaluationError);
    // One value per trial.
    EXPECT_THROW(engine.run_batch(1, 3, {benefit_override(engine, {100, 200})}), std::out_of_range);
    EXPECT_THROW(engine.run_batch(1, 1, {ParamOverride{7, 0, {1}}}), std::out_of_range);
    EXPECT_THROW(engine.run_batch(9, 1), std::out_of_range);
    EXPECT_EQ(engine.run_batch(1, 0).npv.size(), 0u);
}

TEST_F(EngineTest, BatchFailureRaisesEvaluationError) {
    const Study study = parse(R"(
[study]
horizon_years = 2
discount_rate = 0.05
[[alternative]]
id = "only"
[alternative.models.probe]
)");
    const Engine engine(study, registry());
    EXPECT_NO_THROW(engine.run_batch(0, 2, {ParamOverride{0, 0, {0, 0}}}));
    EXPECT_THROW(engine.run_batch(0, 2, {ParamOverride{0, 0, {0, 1}}}), EvaluationError);
}

}  // namespace
}  // namespace eqroi::test
