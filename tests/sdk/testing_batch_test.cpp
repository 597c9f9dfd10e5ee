// eqroi/testing.hpp's batch_dependence: a model whose trials are independent passes; models
// that read the batch size or another trial's parameters are caught, naming the trial, the
// line, the period and both amounts (plugin.h, eqroi_evaluate_fn: a trial's amounts may depend
// only on its own parameters, because eqroi calls a model whose parameters never vary once).
#include <eqroi/plugin.hpp>
#include <eqroi/testing.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;
using eqroi::testing::batch_dependence;
using eqroi::testing::Inputs;
using eqroi::testing::PluginUnderTest;

// A yearly fee: fee[k] = -fee x dt, k >= 1. Each trial from its own parameter: independent.
class Fee final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("acme_fee", "Fee", "A yearly fee.");
        spec.number("fee", "Fee", "currency/yr", 100, 0, 1e6, "Paid every year.");
        spec.line("fee", "Fee", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t)
            for (uint32_t k = 1; k <= b.periods(); ++k)
                b.out(t, 0)[k] = 0.0 - b.value(0, t) * b.period_years();
    }
};

// The mistake of spreading a shared cost over the batch: each trial pays fee / trials.
class SharedFee final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("acme_shared_fee", "Shared fee", "A fee split over the batch (wrong).");
        spec.number("fee", "Fee", "currency/yr", 100, 0, 1e6, "Paid every year.");
        spec.line("fee", "Fee", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t)
            for (uint32_t k = 1; k <= b.periods(); ++k)
                b.out(t, 0)[k] = 0.0 - b.value(0, t) / b.trials();
    }
};

// Reads the previous trial's parameter (a "smoothing" across trials): trial 0 is right alone
// and in the batch, the others are not.
class Smoothed final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("acme_smoothed", "Smoothed", "Averages with the previous trial (wrong).");
        spec.number("fee", "Fee", "currency/yr", 100, 0, 1e6, "Paid every year.");
        spec.line("fee", "Fee", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            const double previous = t > 0 ? b.value(0, t - 1) : b.value(0, t);
            b.out(t, 0)[1] = 0.0 - 0.5 * (b.value(0, t) + previous);
        }
    }
};

}  // namespace

EQROI_PLUGIN("ACME", "ACME batch tests", "1.0.0", Fee, SharedFee, Smoothed)

namespace {

const PluginUnderTest& plugin() {
    static const PluginUnderTest p(&eqroi_plugin_entry);
    return p;
}

const std::vector<Inputs> three_fees{{{"fee", 100}}, {{"fee", 200}}, {{"fee", 300}}};

TEST(TestingBatchDependence, IndependentTrialsGiveNoMessage) {
    ASSERT_TRUE(plugin().problems().empty()) << plugin().problems().front();
    EXPECT_EQ(batch_dependence(plugin(), "acme_fee", three_fees, 3), std::vector<std::string>{});
    EXPECT_EQ(batch_dependence(plugin(), "acme_fee", three_fees, 24, 12),
              std::vector<std::string>{});
}

TEST(TestingBatchDependence, ACostSplitOverTheBatchIsCaught) {
    // In the batch of 3: -100 / 3, -200 / 3, -300 / 3; alone: -100, -200, -300.
    EXPECT_EQ(batch_dependence(plugin(), "acme_shared_fee", three_fees, 2),
              (std::vector<std::string>{
                  "trial 0: line 'fee', period 1: -33.333333333333336 in the batch, -100 alone",
                  "trial 1: line 'fee', period 1: -66.66666666666667 in the batch, -200 alone",
                  "trial 2: line 'fee', period 1: -100 in the batch, -300 alone"}));
}

TEST(TestingBatchDependence, ReadingAnotherTrialIsCaughtForThoseTrialsOnly) {
    // Trial 1 in the batch: -(200 + 100) / 2 = -150; alone -200. Trial 2: -250 against -300.
    EXPECT_EQ(batch_dependence(plugin(), "acme_smoothed", three_fees, 2),
              (std::vector<std::string>{
                  "trial 1: line 'fee', period 1: -150 in the batch, -200 alone",
                  "trial 2: line 'fee', period 1: -250 in the batch, -300 alone"}));
}

TEST(TestingBatchDependence, RefusedInputsAreReportedNotCompared) {
    const std::vector<std::string> problems =
        batch_dependence(plugin(), "acme_fee", {{{"fee", 100}}, {{"fee", -5}}}, 2);
    ASSERT_EQ(problems.size(), 1u);
    EXPECT_EQ(problems[0].rfind("the batch of 2 trials: ", 0), 0u) << problems[0];
    EXPECT_NE(problems[0].find("'fee' = -5 is outside 0 .. 1000000"), std::string::npos)
        << problems[0];
}

}  // namespace
