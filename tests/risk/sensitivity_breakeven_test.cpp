// Break-even values: where an alternative's NPV crosses zero and where the preferred
// alternative changes, against the hand-worked studies of sensitivity_fixture.hpp, and the
// issue's "done when": the value found, written into the study and run through the
// deterministic engine, gives NPV = 0 within 1e-6.
#include "sensitivity_fixture.hpp"

#include <eqroi/core/study_text.hpp>

#include <string>

namespace eqroi::test {
namespace {

constexpr std::size_t kKeep = 0, kBuy = 1;

/// The deterministic NPVs of a study text, parsed afresh (nothing shared with the search).
StudyResult run_text(const std::string& text, const PluginRegistry& registry) {
    const Study study = parse_study(text, "fed-back.toml", registry);
    return Engine(study, registry).run();
}

TEST_F(SensitivityTest, BreakEvenOfALinearInput) {
    const auto b = bind(kPressStudy);
    const std::vector<risk::BreakEven> all = risk::break_even(b->binding);
    ASSERT_EQ(all.size(), 2u);

    // benefit, searched over its support [10,000, 40,000]: NPV(buy) = 0 where
    // (benefit - 10,000) x 3.790787 = 60,000, benefit = 10,000 + 15,827.85 = 25,827.848848.
    const risk::BreakEven& benefit = all[0];
    EXPECT_EQ(benefit.name, "benefit");
    EXPECT_EQ(benefit.low, 10000);
    EXPECT_EQ(benefit.high, 40000);
    EXPECT_FALSE(benefit.whole_number);
    EXPECT_EQ(benefit.reaches, (std::vector<bool>{false, true}));
    ASSERT_EQ(benefit.npv_zero[kBuy].size(), 1u);
    EXPECT_NEAR(benefit.npv_zero[kBuy][0].value, 25827.848847684712, 1e-9);
    EXPECT_EQ(benefit.npv_zero[kBuy][0].direction, 1);
    EXPECT_LE(std::abs(benefit.npv_zero[kBuy][0].residual), 1e-9);
    EXPECT_TRUE(benefit.npv_zero[kKeep].empty());  // not reached: keep's NPV never moves
    // buy would fall to keep's -113,723.60 at benefit = -4,172.15: outside the range, so the
    // choice never changes.
    EXPECT_TRUE(benefit.choice_changes.empty());

    // old_upkeep over [5,000, 40,000]: NPV(keep) = -upkeep x a is 0 only at upkeep 0 (out of
    // range: none). keep overtakes buy where upkeep x a = 41,046.07, upkeep = 10,827.848848:
    // below it keep is preferred, above it buy.
    const risk::BreakEven& upkeep = all[1];
    EXPECT_EQ(upkeep.low, 5000);
    EXPECT_EQ(upkeep.high, 40000);
    EXPECT_TRUE(upkeep.npv_zero[kKeep].empty());
    ASSERT_EQ(upkeep.choice_changes.size(), 1u);
    EXPECT_NEAR(upkeep.choice_changes[0].value, 10827.848847684714, 1e-9);
    EXPECT_EQ(upkeep.choice_changes[0].below, kKeep);
    EXPECT_EQ(upkeep.choice_changes[0].above, kBuy);
    EXPECT_LE(std::abs(upkeep.choice_changes[0].residual), 1e-9);

    // Against the baseline (keep): NPV(buy) - NPV(keep) = -41,046.07 + upkeep x a crosses 0 at
    // the same 10,827.85, rising; for the benefit, -60,000 + (benefit + 20,000) a = 0 at -4,172.15
    // is out of range. The baseline has no increment of its own.
    ASSERT_EQ(upkeep.vs_baseline_zero[kBuy].size(), 1u);
    EXPECT_NEAR(upkeep.vs_baseline_zero[kBuy][0].value, 10827.848847684714, 1e-9);
    EXPECT_EQ(upkeep.vs_baseline_zero[kBuy][0].direction, 1);
    EXPECT_TRUE(upkeep.vs_baseline_zero[kKeep].empty());
    EXPECT_TRUE(benefit.vs_baseline_zero[kBuy].empty());
}

TEST_F(SensitivityTest, BreakEvenFedBackIntoTheStudyGivesZeroNpv) {
    // With 25 % tax and straight-line depreciation the NPV is no longer the plain annuity, so
    // the check is the issue's: write the value into the study, run it, NPV = 0 within 1e-6.
    std::string text = kPressStudy;
    text.replace(text.find("baseline = \"keep\""), 17, "baseline = \"keep\"\ntax_rate = 0.25");
    const auto b = bind(text);
    const std::vector<risk::BreakEven> all = risk::break_even(b->binding);

    ASSERT_EQ(all[0].npv_zero[kBuy].size(), 1u);
    const double zero_at = all[0].npv_zero[kBuy][0].value;
    // By hand: depreciation 60,000 / 5 = 12,000 a year saves 3,000 of tax, so
    // NPV(buy) = -60,000 + 0.75 (benefit - 10,000) a + 3,000 a = 0 at
    // benefit = 10,000 + (60,000 - 3,000 a) / (0.75 a) = 27,103.798464.
    EXPECT_NEAR(zero_at, 27103.798463579617, 1e-8);
    StudyText edited(text, "press.toml");
    edited.set_model_value("buy", "benefit", "yearly_benefit", zero_at);
    const StudyResult at_zero = run_text(edited.text(), registry());
    EXPECT_LE(std::abs(at_zero.alternatives[kBuy].measures.npv), 1e-6)
        << "benefit " << zero_at << " gives NPV " << at_zero.alternatives[kBuy].measures.npv;
    // And the value is a real crossing: a dollar either side has NPVs of opposite signs
    // (0.75 x 3.79 = 2.84 per dollar of benefit after tax).
    edited.set_model_value("buy", "benefit", "yearly_benefit", zero_at - 1);
    EXPECT_LT(run_text(edited.text(), registry()).alternatives[kBuy].measures.npv, -2.8);
    edited.set_model_value("buy", "benefit", "yearly_benefit", zero_at + 1);
    EXPECT_GT(run_text(edited.text(), registry()).alternatives[kBuy].measures.npv, 2.8);

    ASSERT_EQ(all[1].choice_changes.size(), 1u);
    const double switch_at = all[1].choice_changes[0].value;
    // By hand: NPV(buy) = -60,000 + 0.75 x 5,000 a + 3,000 a = -60,000 + 6,750 a and
    // NPV(keep) = -0.75 upkeep a are equal at upkeep = (60,000 - 6,750 a) / (0.75 a) = 12,103.80.
    EXPECT_NEAR(switch_at, 12103.798463579618, 1e-8);
    StudyText switched(text, "press.toml");
    switched.set_model_value("keep", "upkeep", "yearly_cost", switch_at);
    const StudyResult tie = run_text(switched.text(), registry());
    EXPECT_LE(std::abs(tie.alternatives[kKeep].measures.npv - tie.alternatives[kBuy].measures.npv),
              1e-6);
}

TEST_F(SensitivityTest, NonMonotoneNpvHasTwoBreakEvens) {
    const auto b = bind(kSpeedStudy);
    const std::vector<risk::BreakEven> all = risk::break_even(b->binding);
    ASSERT_EQ(all.size(), 1u);
    EXPECT_EQ(all[0].name, "speed.speed");  // the default name: model.parameter
    const auto& zero = all[0].npv_zero[0];
    ASSERT_EQ(zero.size(), 2u);
    // speed = 100 -/+ sqrt((40,000 - 100,000 / 3.790787) / 2) = 17.476513, 182.523487: the NPV
    // rises through 0 at the first and falls through it at the second.
    EXPECT_NEAR(zero[0].value, 17.476512675101162, 1e-10);
    EXPECT_EQ(zero[0].direction, 1);
    EXPECT_NEAR(zero[1].value, 182.52348732489884, 1e-10);
    EXPECT_EQ(zero[1].direction, -1);
    EXPECT_TRUE(all[0].choice_changes.empty());  // one alternative: always preferred

    // Both, fed back, give NPV = 0 within 1e-6.
    for (const risk::Crossing& c : zero) {
        StudyText edited(kSpeedStudy, "speed.toml");
        edited.set_model_value("line", "speed", "speed", c.value);
        EXPECT_LE(std::abs(run_text(edited.text(), registry()).alternatives[0].measures.npv), 1e-6)
            << c.value;
    }
}

TEST_F(SensitivityTest, NoCrossingInRangeIsNone) {
    // The speed study with the benefit at best speed raised to 100,000: NPV = -100,000 +
    // (100,000 - 2 (s - 100)^2) a >= -100,000 + 80,000 x 3.79 > 0 everywhere on [0, 200].
    std::string text = kSpeedStudy;
    text.replace(text.find("max_benefit = 40000"), 19, "max_benefit = 100000");
    const auto b = bind(text);
    const auto all = risk::break_even(b->binding);
    EXPECT_TRUE(all[0].npv_zero[0].empty());
    EXPECT_TRUE(all[0].choice_changes.empty());
}

TEST_F(SensitivityTest, UnboundedInputIsSearchedBetweenP01AndP999) {
    // A normal(15,000, 1,000) benefit: searched over its P0.1 .. P99.9 = 15,000 -/+ 3.090232 sd
    // = 11,909.77 .. 18,090.23, where NPV(buy) < 0 throughout (the break-even 25,827.85 is
    // 10.8 sd away): none in range.
    std::string text = kPressStudy;
    text.replace(text.find("distribution = \"uniform\"\nmin = 10000\nmax = 40000"), 48,
                 "distribution = \"normal\"\nmean = 15000\nsd = 1000");
    const auto b = bind(text);
    const auto range = risk::search_range(b->binding, 0);
    EXPECT_NEAR(range.first, 15000 - 3090.2323061678132, 1e-6);
    EXPECT_NEAR(range.second, 15000 + 3090.2323061678132, 1e-6);
    EXPECT_TRUE(risk::break_even(b->binding)[0].npv_zero[kBuy].empty());
}

TEST_F(SensitivityTest, WholeNumberInputCrossesAtAWholeValue) {
    // A crew of 0..6 people at 6,000 a year each on a cell that costs 50,000 and brings 40,000 a
    // year: NPV = -50,000 + (40,000 - 6,000 n) a. Zero at n = 4.468, not a headcount: NPV(4) =
    // 10,652.59 > 0 and NPV(5) = -12,092.13 < 0, so the break-even is reported at 5 (the first
    // whole value past the change) with that NPV as its residual.
    const std::string text = R"(
[study]
horizon_years = 5
discount_rate = 0.10

[[alternative]]
id = "cell"
[alternative.capital]
price = 50000
[alternative.models.benefit]
yearly_benefit = 40000
[alternative.models.crew]
people = 2
wage = 6000

[[uncertain]]
model = "crew"
parameter = "people"
distribution = "discrete"
values = [0, 1, 2, 3, 4, 5, 6]
probabilities = [0.1, 0.2, 0.3, 0.2, 0.1, 0.05, 0.05]
)";
    const auto b = bind(text);
    const auto all = risk::break_even(b->binding);
    EXPECT_TRUE(all[0].whole_number);
    ASSERT_EQ(all[0].npv_zero[0].size(), 1u);
    EXPECT_EQ(all[0].npv_zero[0][0].value, 5);
    EXPECT_EQ(all[0].npv_zero[0][0].direction, -1);
    EXPECT_NEAR(all[0].npv_zero[0][0].residual, -12092.132305915497, 1e-7);
}

}  // namespace
}  // namespace eqroi::test
