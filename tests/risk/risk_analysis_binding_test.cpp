// InputBinding: which parameters an input sets, its value at base, and evaluating a batch with
// input i taking column i's values, on the press line of risk_analysis_fixture.hpp whose NPVs
// are worked by hand there (annuity factor a = 3.790786769 at 10 % over 5 years).
#include "risk_analysis_fixture.hpp"

#include <cmath>

namespace eqroi::test {
namespace {

using risk::InputBinding;

/// kPress with two inputs: the upkeep of both alternatives (model given, no alternative), and
/// the [equipment] key operating_hours_per_year (no model, no alternative).
const std::string kTwoInputs = kPress +
                               "[[uncertain]]\nmodel = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                               "distribution = \"uniform\"\nmin = 20000\nmax = 40000\n"
                               "[[uncertain]]\nname = \"hours\"\n"
                               "parameter = \"operating_hours_per_year\"\n"
                               "distribution = \"uniform\"\nmin = 4000\nmax = 6000\n";

TEST_F(RiskRunTest, ModelInputReachesEveryAlternativeUsingTheModel) {
    const Study study = parse(kTwoInputs);
    const Engine engine(study, registry());
    const InputBinding binding(engine);
    ASSERT_EQ(binding.size(), 2u);
    EXPECT_EQ(binding.names(), (std::vector<std::string>{"upkeep.yearly_cost", "hours"}));

    // upkeep is model 0 of both alternatives; yearly_cost its parameter 0.
    const auto upkeep = binding.targets(0);
    ASSERT_EQ(upkeep.size(), 2u);
    EXPECT_EQ(upkeep[0].alternative, 0u);
    EXPECT_EQ(upkeep[0].model, 0u);
    EXPECT_EQ(upkeep[0].param, 0u);
    EXPECT_EQ(upkeep[0].base, 30000);
    EXPECT_EQ(upkeep[1].alternative, 1u);
    EXPECT_EQ(upkeep[1].base, 10000);
    EXPECT_EQ(upkeep[1].max, 1e9);  // upkeep declares 0 .. 1e9
    // Different study values: no single base, one per alternative.
    EXPECT_FALSE(binding.base_value(0));
    EXPECT_EQ(binding.base_value(0, 0), 30000);
    EXPECT_EQ(binding.base_value(0, 1), 10000);
}

TEST_F(RiskRunTest, EquipmentInputSkipsModelsWithTheirOwnValue) {
    const Study study = parse(kTwoInputs);
    const Engine engine(study, registry());
    const InputBinding binding(engine);
    // Only buy declares operating_hours_per_year, in study_test (model 1, parameter 6, taking
    // [equipment]'s 5,000) and study_test_energy (model 2, whose own table says 3,000 and wins).
    const auto hours = binding.targets(1);
    ASSERT_EQ(hours.size(), 1u);
    EXPECT_EQ(hours[0].alternative, 1u);
    EXPECT_EQ(hours[0].model, 1u);
    EXPECT_EQ(hours[0].param, 6u);
    EXPECT_EQ(hours[0].base, 5000);
    EXPECT_EQ(hours[0].max, 8760);
    EXPECT_EQ(binding.base_value(1), 5000);
    EXPECT_FALSE(binding.reaches(1, 0));
    EXPECT_TRUE(binding.reaches(1, 1));
    EXPECT_FALSE(binding.base_value(1, 0));
}

TEST_F(RiskRunTest, EvaluateSetsEveryTargetFromItsColumn) {
    const Study study = parse(kTwoInputs);
    const Engine engine(study, registry());
    const InputBinding binding(engine);
    const StudyResult deterministic = engine.run();

    // Every column empty: the study's values, the deterministic NPVs bit for bit.
    const std::vector<std::vector<double>> at_base(2);
    const auto base = binding.evaluate(at_base, 1);
    ASSERT_EQ(base.size(), 2u);
    EXPECT_EQ(base[0].npv[0], deterministic.alternatives[0].measures.npv);
    EXPECT_EQ(base[1].npv[0], deterministic.alternatives[1].measures.npv);

    // Two trials with the upkeep at 20,000 then 40,000 in BOTH alternatives; hours at base.
    // NPV(keep) = -a c; NPV(buy) = -100,000 - a c.
    const std::vector<std::vector<double>> columns = {{20000, 40000}, {}};
    const auto r = binding.evaluate(columns, 2);
    EXPECT_NEAR(r[0].npv[0], -kAnnuity * 20000, 1e-6);
    EXPECT_NEAR(r[0].npv[1], -kAnnuity * 40000, 1e-6);
    EXPECT_NEAR(r[1].npv[0], -100000 - kAnnuity * 20000, 1e-6);
    EXPECT_NEAR(r[1].npv[1], -100000 - kAnnuity * 40000, 1e-6);
    // LCC = -PV of the costs = -NPV here (no benefit line).
    EXPECT_EQ(r[1].lcc[1], -r[1].npv[1]);

    const std::vector<std::span<const double>> spans(columns.begin(), columns.end());
    const auto overrides = binding.overrides(1, spans, 2);
    ASSERT_EQ(overrides.size(), 1u);  // the hours column is empty: not overridden
    EXPECT_EQ(overrides[0].model, 0u);
    EXPECT_EQ(overrides[0].values, (std::vector<double>{20000, 40000}));
    EXPECT_THROW(binding.overrides(0, std::vector<std::span<const double>>(1), 1),
                 std::invalid_argument);
}

TEST_F(RiskRunTest, InputsBuiltInCodeAreChecked) {
    const Study study = parse(kPress);
    const Engine engine(study, registry());
    risk::UncertainInput in;
    in.name = "x";
    in.model = "upkeep";
    in.parameter = "yearly_cst";
    in.distribution = risk::Uniform{1, 2};
    try {
        InputBinding binding(engine, {in});
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(e.diagnostics()[0].message,
                  "model 'upkeep' has no parameter 'yearly_cst'; did you mean 'yearly_cost'?");
    }
}

}  // namespace
}  // namespace eqroi::test
