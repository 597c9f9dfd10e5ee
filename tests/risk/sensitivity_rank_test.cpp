// Rank correlation of each input with each alternative's NPV over a Monte Carlo run, on the
// press study (sensitivity_fixture.hpp): buy's NPV is a strictly rising function of the
// benefit and does not depend on the old press's upkeep at all; keep's NPV is a strictly
// falling function of that upkeep and does not depend on the benefit.
#include "sensitivity_fixture.hpp"

#include <stdexcept>

namespace eqroi::test {
namespace {

constexpr std::size_t kKeep = 0, kBuy = 1;
constexpr std::size_t kBenefit = 0, kUpkeep = 1;

TEST_F(SensitivityTest, RankCorrelationOfMonotoneAndIndependentInputs) {
    const auto b = bind(kPressStudy);
    risk::RankCorrelationOptions o;
    o.trials = 10'000;
    o.seed = 7;
    const risk::RankCorrelations r = risk::rank_correlations(b->binding, o);
    EXPECT_EQ(r.trials, 10'000u);
    EXPECT_EQ(r.seed, 7u);
    EXPECT_FALSE(r.correlated);
    ASSERT_EQ(r.inputs, (std::vector<std::string>{"benefit", "old_upkeep"}));
    ASSERT_EQ(r.alternatives, (std::vector<std::string>{"keep", "buy"}));
    ASSERT_TRUE(r.rho[kBenefit][kBuy] && r.rho[kUpkeep][kKeep] && r.rho[kBenefit][kKeep] &&
                r.rho[kUpkeep][kBuy]);
    // Monotone: the ranks agree exactly (rho = +1), or are exactly reversed (rho = -1).
    EXPECT_NEAR(*r.rho[kBenefit][kBuy], 1.0, 1e-12);
    EXPECT_NEAR(*r.rho[kUpkeep][kKeep], -1.0, 1e-12);
    // Independent draws: rho is about normal with sd 1 / sqrt(9,999) = 0.01; 4 sd = 0.04.
    EXPECT_LT(std::abs(*r.rho[kBenefit][kKeep]), 0.04);
    EXPECT_LT(std::abs(*r.rho[kUpkeep][kBuy]), 0.04);

    // The same seed gives the same figures; Latin hypercube works the same way.
    const risk::RankCorrelations again = risk::rank_correlations(b->binding, o);
    EXPECT_EQ(*again.rho[kBenefit][kKeep], *r.rho[kBenefit][kKeep]);
    o.method = risk::Method::latin_hypercube;
    const risk::RankCorrelations lhs = risk::rank_correlations(b->binding, o);
    EXPECT_EQ(lhs.method, risk::Method::latin_hypercube);
    EXPECT_NEAR(*lhs.rho[kBenefit][kBuy], 1.0, 1e-12);
    EXPECT_LT(std::abs(*lhs.rho[kUpkeep][kBuy]), 0.04);
}

TEST_F(SensitivityTest, RankCorrelationUsesTheStudysRiskSettings) {
    // [risk] seed and a correlation of 0.8 between the two inputs: keep's NPV falls with the
    // upkeep, which now rises with the benefit, so benefit~NPV(keep) is about -0.8 (the imposed
    // rank correlation, within the sampler's 0.03 on 10,000 trials, plus sampling noise).
    const std::string text = kPressStudy + R"(
[risk]
seed = 42
correlation = { inputs = ["benefit", "old_upkeep"], matrix = [[1, 0.8], [0.8, 1]] }
)";
    const auto b = bind(text);
    const risk::RankCorrelations r = risk::rank_correlations(b->binding);
    EXPECT_EQ(r.seed, 42u);
    EXPECT_TRUE(r.correlated);
    EXPECT_NEAR(*r.rho[kBenefit][kKeep], -0.8, 0.04);
    EXPECT_NEAR(*r.rho[kUpkeep][kBuy], 0.8, 0.04);
    risk::RankCorrelationOptions independent;
    independent.study_correlation = false;
    const risk::RankCorrelations i = risk::rank_correlations(b->binding, independent);
    EXPECT_FALSE(i.correlated);
    EXPECT_LT(std::abs(*i.rho[kBenefit][kKeep]), 0.04);
}

TEST_F(SensitivityTest, RankCorrelationWithAConstantNpvIsNone) {
    // Only the benefit varies: keep's NPV is the same in every trial, so no correlation exists.
    const auto s = bind(kPressStudy);
    const risk::InputBinding only_benefit(s->engine, {s->study.uncertain[0]});
    risk::RankCorrelationOptions o;
    o.trials = 1000;
    const risk::RankCorrelations r = risk::rank_correlations(only_benefit, o);
    ASSERT_EQ(r.rho.size(), 1u);
    EXPECT_FALSE(r.rho[0][kKeep].has_value());
    EXPECT_NEAR(*r.rho[0][kBuy], 1.0, 1e-12);
    o.trials = 1;
    EXPECT_THROW(risk::rank_correlations(only_benefit, o), std::invalid_argument);
}

}  // namespace
}  // namespace eqroi::test
