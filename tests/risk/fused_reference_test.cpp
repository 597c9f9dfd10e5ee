// The hand-fused reference of the risk benchmark (bench/fused_cnc.hpp) is the same model as the
// engine: on example (a), configs/examples/cnc_replacement.toml (10 yearly periods, 9 %
// nominal, end of period, tax 25 %; keep = baseline, buy_a, buy_b; the six bundled plugins),
// the fused loop and eqroi::Engine (through risk::InputBinding, as the risk run evaluates)
// give the same NPV (within 1e-9 relative), LCC, IRR and paybacks (within 1e-9), own and
// against the baseline: with six typical inputs for the study's base values (also against
// Engine::run()) and 100 random input sets, and on the risk example (cnc_replacement_risk.toml)
// with its own seven inputs drawn as `eqroi risk` draws them. The two compute independently:
// the fused loop writes the models' formulas and the capital plan out by hand and has its own
// NPV and payback code (its IRR is eqroi::finance's root finder, the fastest there is, checked
// on its own against Excel and closed forms in tests/finance).
#include "../../bench/fused_cnc.hpp"

#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/risk/analysis.hpp>
#include <eqroi/core/risk/inputs.hpp>
#include <eqroi/core/risk/sampling.hpp>
#include <eqroi/core/study.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <fstream>
#include <memory>
#include <random>
#include <sstream>
#include <string>
#include <vector>

namespace {

using eqroi::bench::FusedAlternative;
using eqroi::bench::FusedCnc;
using eqroi::bench::FusedMeasures;
using eqroi::risk::UncertainInput;

std::string example_file() { return std::string(EQROI_EXAMPLES_DIR) + "/cnc_replacement.toml"; }

/// bench/fused_cnc.hpp lists them: MTBF of keep and buy_a, keep's repair parts cost, buy_a's
/// scrap rate reduction, buy_a's operating hours (an [equipment] key) and the energy price of
/// every alternative.
std::vector<UncertainInput> typical_inputs() { return eqroi::bench::typical_cnc_inputs(); }

/// Both NaN (none / not reached), or within `tolerance`.
void expect_same(double engine, double fused, double tolerance, const std::string& what) {
    if (std::isnan(engine)) {
        EXPECT_TRUE(std::isnan(fused)) << what << ": engine none, fused " << fused;
        return;
    }
    EXPECT_NEAR(fused, engine, tolerance) << what;
}

void expect_same_npv(double engine, double fused, const std::string& what) {
    EXPECT_NEAR(fused, engine, 1e-9 * std::abs(engine)) << what;
}

class FusedReference : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        // trust_everything() reads no trust list: nothing in the user's home is touched.
        registry_ = std::make_unique<eqroi::PluginRegistry>(eqroi::TrustPolicy::trust_everything());
        registry_->load_directories({EQROI_BUNDLED_PLUGIN_DIR});
        study_ = std::make_unique<eqroi::Study>(eqroi::load_study(example_file(), *registry_));
        engine_ = std::make_unique<eqroi::Engine>(*study_, *registry_);
        binding_ = std::make_unique<eqroi::risk::InputBinding>(*engine_, typical_inputs());
    }
    static void TearDownTestSuite() {
        binding_.reset();
        engine_.reset();
        study_.reset();
        registry_.reset();
    }

    static inline std::unique_ptr<eqroi::PluginRegistry> registry_;
    static inline std::unique_ptr<eqroi::Study> study_;
    static inline std::unique_ptr<eqroi::Engine> engine_;
    static inline std::unique_ptr<eqroi::risk::InputBinding> binding_;
};

TEST_F(FusedReference, BindsEveryInputWhereTheEngineDoes) {
    // buy_a.hours is an [equipment] key: maintenance, operations, training and benefits of
    // buy_a declare operating_hours_per_year and none sets it in its own table.
    EXPECT_EQ(binding_->targets(4).size(), 4u);
    // energy_price: the operations model of all three alternatives.
    EXPECT_EQ(binding_->targets(5).size(), 3u);
    const FusedCnc fused(*binding_, true);
    EXPECT_EQ(fused.alternatives(), 3u);
    EXPECT_EQ(fused.inputs(), 6u);
    EXPECT_EQ(fused.id(fused.baseline()), "keep");
}

TEST_F(FusedReference, BaseValuesGiveTheDeterministicRun) {
    const FusedCnc fused(*binding_, true);
    std::vector<double> base;
    for (std::size_t i = 0; i < binding_->size(); ++i) base.push_back(*binding_->base_value(i));
    // The study's values, as the file writes them.
    EXPECT_EQ(base, (std::vector<double>{180, 650, 3500, 0.015, 3000, 0.19}));
    auto work = fused.workspace();
    std::vector<FusedAlternative> out(fused.alternatives());
    fused.evaluate(work, base.data(), out.data());

    const eqroi::StudyResult run = engine_->run();
    ASSERT_EQ(run.alternatives.size(), 3u);
    // The figure `eqroi run` prints for keep: NPV -1,171,644.64 (README, example (a)).
    EXPECT_NEAR(out[0].own.npv, -1171644.64, 0.005);
    for (std::size_t a = 0; a < 3; ++a) {
        const eqroi::AlternativeResult& r = run.alternatives[a];
        const std::string id = r.id;
        const auto none = [](const std::optional<double>& v) { return v.value_or(std::nan("")); };
        expect_same_npv(r.measures.npv, out[a].own.npv, id + " NPV");
        expect_same_npv(r.measures.lcc, out[a].lcc, id + " LCC");
        expect_same(none(r.measures.irr), out[a].own.irr, 1e-9, id + " IRR");
        expect_same(none(r.measures.payback), out[a].own.payback, 1e-9, id + " payback");
        expect_same(none(r.measures.discounted_payback), out[a].own.discounted_payback, 1e-9,
                    id + " discounted payback");
        if (r.is_baseline) continue;
        expect_same_npv(r.vs_baseline.npv, out[a].vs_baseline.npv, id + " NPV vs keep");
        expect_same(none(r.vs_baseline.irr), out[a].vs_baseline.irr, 1e-9, id + " IRR vs keep");
        expect_same(none(r.vs_baseline.payback), out[a].vs_baseline.payback, 1e-9,
                    id + " payback vs keep");
        expect_same(none(r.vs_baseline.discounted_payback), out[a].vs_baseline.discounted_payback,
                    1e-9, id + " discounted payback vs keep");
        // Not vacuous: buying pays back against keeping (an IRR and a payback exist).
        EXPECT_FALSE(std::isnan(out[a].vs_baseline.irr)) << id;
        EXPECT_FALSE(std::isnan(out[a].vs_baseline.payback)) << id;
    }
}

/// Every trial of `columns` (input i in trial t: columns[i][t]) through the engine's batch
/// (InputBinding::evaluate) and through the fused loop: the same NPV, LCC, IRR and paybacks, own
/// and against the baseline (the engine's incremental measures worked out from its net flows as
/// run_risk does). Returns how many trials have an IRR against the baseline.
int expect_batch_agrees(const eqroi::risk::InputBinding& binding, const FusedCnc& fused,
                        const std::vector<std::vector<double>>& columns, uint32_t trials) {
    const std::vector<eqroi::BatchResult> batch = binding.evaluate(columns, trials);
    EXPECT_EQ(batch.size(), fused.alternatives());
    if (batch.size() != fused.alternatives()) return 0;
    const std::size_t width = batch[0].periods + 1, base = fused.baseline();
    const double rate = binding.engine().study().settings.discount_rate;
    auto work = fused.workspace();
    std::vector<FusedAlternative> out(fused.alternatives());
    std::vector<double> x(columns.size());
    int incremental_irrs = 0;
    for (uint32_t t = 0; t < trials; ++t) {
        for (std::size_t i = 0; i < columns.size(); ++i) x[i] = columns[i][t];
        fused.evaluate(work, x.data(), out.data());
        for (std::size_t a = 0; a < batch.size(); ++a) {
            const std::string what = fused.id(a) + " trial " + std::to_string(t);
            const eqroi::BatchResult& b = batch[a];
            expect_same_npv(b.npv[t], out[a].own.npv, what + " NPV");
            expect_same_npv(b.lcc[t], out[a].lcc, what + " LCC");
            expect_same(b.irr[t], out[a].own.irr, 1e-9, what + " IRR");
            expect_same(b.payback[t], out[a].own.payback, 1e-9, what + " payback");
            expect_same(b.discounted_payback[t], out[a].own.discounted_payback, 1e-9,
                        what + " discounted payback");
            if (a == base) continue;
            std::vector<double> increment(width);
            for (std::size_t k = 0; k < width; ++k)
                increment[k] = b.net[t * width + k] - batch[base].net[t * width + k];
            const FusedMeasures e = eqroi::bench::finance_measures(increment, rate);
            expect_same_npv(e.npv, out[a].vs_baseline.npv, what + " NPV vs baseline");
            expect_same(e.irr, out[a].vs_baseline.irr, 1e-9, what + " IRR vs baseline");
            expect_same(e.payback, out[a].vs_baseline.payback, 1e-9, what + " payback vs baseline");
            expect_same(e.discounted_payback, out[a].vs_baseline.discounted_payback, 1e-9,
                        what + " discounted payback vs baseline");
            incremental_irrs += !std::isnan(e.irr);
        }
    }
    return incremental_irrs;
}

TEST_F(FusedReference, HundredRandomInputSetsGiveTheEngineBatch) {
    const FusedCnc fused(*binding_, true);
    constexpr uint32_t trials = 100;
    // Uniform over each input's support (the distributions' own shapes do not matter here).
    const double lo[] = {120, 450, 1500, 0.005, 2400, 0.15};
    const double hi[] = {260, 800, 6000, 0.025, 3600, 0.25};
    std::mt19937_64 rng(20261121);
    std::vector<std::vector<double>> columns(6, std::vector<double>(trials));
    for (std::size_t i = 0; i < 6; ++i)
        for (double& v : columns[i]) v = std::uniform_real_distribution<double>(lo[i], hi[i])(rng);
    // Not vacuous: buy_a and buy_b have an IRR against keep in (nearly) every trial.
    EXPECT_GT(expect_batch_agrees(*binding_, fused, columns, trials), 150);
}

// The risk example itself, configs/examples/cnc_replacement_risk.toml: its own seven inputs
// (triangular, PERT, lognormal, discrete and truncated normal; model parameters of one
// alternative and one shared by all), 100 trials drawn as `eqroi risk` draws them (its [risk]
// table: Latin hypercube, seed 2027, MTBFs of A and B rank-correlated 0.6), and the study's own
// values.
TEST(FusedReferenceOnTheRiskExample, ItsInputsGiveTheEngineBatch) {
    eqroi::PluginRegistry registry(eqroi::TrustPolicy::trust_everything());
    registry.load_directories({EQROI_BUNDLED_PLUGIN_DIR});
    const eqroi::Study study = eqroi::load_study(
        std::string(EQROI_EXAMPLES_DIR) + "/cnc_replacement_risk.toml", registry);
    const eqroi::Engine engine(study, registry);
    const eqroi::risk::InputBinding binding(engine);
    ASSERT_EQ(binding.size(), 7u);
    const FusedCnc fused(binding, true);

    const eqroi::risk::RiskOptions options = eqroi::risk::options_from(study.risk, binding.names());
    eqroi::risk::SamplingPlan plan;
    for (const auto& in : binding.inputs()) plan.inputs.push_back(in.distribution);
    plan.trials = 100;
    plan.seed = options.seed;
    plan.method = options.sampling;
    plan.rank_correlation = options.rank_correlation;
    const eqroi::risk::Sampler sampler(std::move(plan));
    const std::vector<std::vector<double>> sampled = sampler.sample_block(0, 100);
    EXPECT_GT(expect_batch_agrees(binding, fused, sampled, 100), 150);

    // The study's values: every input at base (the same in each alternative it reaches).
    std::vector<std::vector<double>> base(binding.size());
    for (std::size_t i = 0; i < binding.size(); ++i) base[i] = {*binding.base_value(i)};
    EXPECT_EQ(base[0][0], 650);     // mtbf_a, as the file writes it
    EXPECT_EQ(base[5][0], 60000);   // volume (units_per_year of buy_a's benefits)
    EXPECT_EQ(expect_batch_agrees(binding, fused, base, 1), 2);
}

TEST_F(FusedReference, RefusesAValueOutsideTheDeclaredRangeAsTheEngineDoes) {
    const FusedCnc fused(*binding_, false);
    // mtbf_hours is declared 1 .. 1e7 by the downtime plugin.
    double x[6] = {0.5, 650, 3500, 0.015, 3000, 0.19};
    auto work = fused.workspace();
    std::vector<FusedAlternative> out(3);
    EXPECT_THROW(fused.evaluate(work, x, out.data()), std::invalid_argument);
    const std::vector<std::vector<double>> columns = {{0.5}, {}, {}, {}, {}, {}};
    EXPECT_THROW(binding_->evaluate(columns, 1), eqroi::EvaluationError);
}

TEST_F(FusedReference, RefusesAStudyItDoesNotModel) {
    // A service life brings replacements, which the fused loop does not write out.
    std::ifstream file(example_file());
    std::stringstream text;
    text << file.rdbuf();
    std::string toml = text.str();
    const std::string anchor = "depreciation_years = 7";
    const auto at = toml.find(anchor);
    ASSERT_NE(at, std::string::npos);
    toml.insert(at + anchor.size(), "\nlife_years = 6");
    const eqroi::Study study = eqroi::parse_study(toml, example_file(), *registry_);
    const eqroi::Engine engine(study, *registry_);
    const eqroi::risk::InputBinding binding(engine, {});
    try {
        FusedCnc fused(binding, true);
        FAIL() << "expected a refusal";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("'buy_a' has a service life"), std::string::npos)
            << e.what();
    }
}

}  // namespace
