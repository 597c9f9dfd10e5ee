// Tornado and spider on the press study (sensitivity_fixture.hpp), whose NPVs are linear in
// both inputs: each figure below is worked out from the annuity factor (P/A, 10 %, 5) =
// 3.7907867694084505 and the inputs' quantiles.
#include "sensitivity_fixture.hpp"

#include <stdexcept>

namespace eqroi::test {
namespace {

using risk::SwingKind;

constexpr std::size_t kKeep = 0, kBuy = 1;

TEST_F(SensitivityTest, BaseCaseIsTheStudysNpv) {
    const auto b = bind(kPressStudy);
    const risk::BaseCase base = risk::base_case(b->binding);
    ASSERT_EQ(base.alternatives, (std::vector<std::string>{"keep", "buy"}));
    // keep: -30,000 x 3.790787 = -113,723.60; buy: -60,000 + 5,000 x 3.790787 = -41,046.07.
    EXPECT_NEAR(base.npv[kKeep], -113723.60308225351, 1e-8);
    EXPECT_NEAR(base.npv[kBuy], -41046.06615295775, 1e-8);
    EXPECT_EQ(base.preferred, kBuy);
    // The deterministic run agrees.
    const StudyResult run = b->engine.run();
    EXPECT_NEAR(base.npv[kBuy], run.alternatives[kBuy].measures.npv, 1e-8);
}

TEST_F(SensitivityTest, TornadoBetweenP10AndP90) {
    const auto b = bind(kPressStudy);
    const risk::Tornado t = risk::tornado(b->binding);
    EXPECT_EQ(t.focus, kBuy);  // preferred at base
    ASSERT_EQ(t.bars.size(), 2u);

    // benefit ~ uniform(10,000, 40,000): P10 = 13,000, P90 = 37,000. Only buy moves:
    //   NPV(buy) at P10 = -60,000 + 3,000 x 3.790787 = -48,627.64
    //   NPV(buy) at P90 = -60,000 + 27,000 x 3.790787 = 42,351.24; swing 24,000 x a = 90,978.88.
    const risk::TornadoBar& benefit = t.bars[0];
    EXPECT_EQ(benefit.name, "benefit");
    EXPECT_EQ(benefit.input, 0u);
    ASSERT_TRUE(benefit.base.has_value());
    EXPECT_EQ(*benefit.base, 15000);
    EXPECT_NEAR(*benefit.low.values[kBuy], 13000, 1e-9);
    EXPECT_NEAR(*benefit.high.values[kBuy], 37000, 1e-9);
    EXPECT_FALSE(benefit.low.values[kKeep].has_value());  // keep has no benefit model
    EXPECT_NEAR(benefit.low.npv[kBuy], -48627.639691774646, 1e-7);
    EXPECT_NEAR(benefit.high.npv[kBuy], 42351.24277402816, 1e-7);
    EXPECT_NEAR(benefit.swing[kBuy], 90978.88246580282, 1e-7);
    EXPECT_EQ(benefit.swing[kKeep], 0);
    EXPECT_EQ(benefit.low.npv[kKeep], t.base.npv[kKeep]);
    EXPECT_EQ(benefit.low.preferred, kBuy);   // -48,627.64 > -113,723.60
    EXPECT_EQ(benefit.high.preferred, kBuy);

    // old_upkeep ~ triangular(5,000, 30,000, 40,000), F(mode) = 25/35 = 0.714:
    //   P10 = 5,000 + sqrt(0.1 x 35,000 x 25,000) = 14,354.143467
    //   P90 = 40,000 - sqrt(0.1 x 35,000 x 10,000) = 34,083.920217
    // Only keep moves: -14,354.14 x a = -54,413.50 and -34,083.92 x a = -129,204.87;
    // swing 19,729.78 x a = 74,791.38. It does not move buy, so it comes second.
    const risk::TornadoBar& upkeep = t.bars[1];
    EXPECT_EQ(upkeep.name, "old_upkeep");
    EXPECT_NEAR(*upkeep.low.values[kKeep], 14354.143466934853, 1e-8);
    EXPECT_NEAR(*upkeep.high.values[kKeep], 34083.920216900384, 1e-8);
    EXPECT_NEAR(upkeep.low.npv[kKeep], -54413.497140647385, 1e-7);
    EXPECT_NEAR(upkeep.high.npv[kKeep], -129204.87380779917, 1e-7);
    EXPECT_NEAR(upkeep.swing[kKeep], 74791.3766671518, 1e-7);
    EXPECT_EQ(upkeep.swing[kBuy], 0);
    EXPECT_EQ(upkeep.low.preferred, kBuy);  // -41,046.07 > -54,413.50

    // Ordered by keep's swing instead, old_upkeep comes first.
    risk::TornadoOptions by_keep;
    by_keep.focus = kKeep;
    const risk::Tornado k = risk::tornado(b->binding, by_keep);
    EXPECT_EQ(k.bars[0].name, "old_upkeep");
    EXPECT_EQ(k.bars[1].name, "benefit");
}

TEST_F(SensitivityTest, TornadoByPercent) {
    const auto b = bind(kPressStudy);
    risk::TornadoOptions o;
    o.kind = SwingKind::percent;
    o.percent = 0.10;
    const risk::Tornado t = risk::tornado(b->binding, o);
    // benefit 15,000 -/+ 10 % = 13,500 / 16,500: NPV(buy) = -60,000 + 3,500 a = -46,732.25 and
    // -60,000 + 6,500 a = -35,359.89; swing 3,000 a = 11,372.36.
    const risk::TornadoBar& benefit = t.bars[0];
    EXPECT_EQ(benefit.name, "benefit");
    EXPECT_EQ(benefit.low.level, -0.10);
    EXPECT_NEAR(*benefit.low.values[kBuy], 13500, 1e-9);
    EXPECT_NEAR(*benefit.high.values[kBuy], 16500, 1e-9);
    EXPECT_NEAR(benefit.low.npv[kBuy], -46732.246307070425, 1e-7);
    EXPECT_NEAR(benefit.high.npv[kBuy], -35359.88599884507, 1e-7);
    EXPECT_NEAR(benefit.swing[kBuy], 11372.360308225352, 1e-7);
    EXPECT_FALSE(benefit.low.clamped);
    // old_upkeep 27,000 / 33,000: NPV(keep) = -102,351.24 / -125,095.96, swing 22,744.72.
    const risk::TornadoBar& upkeep = t.bars[1];
    EXPECT_NEAR(upkeep.low.npv[kKeep], -102351.24277402816, 1e-7);
    EXPECT_NEAR(upkeep.high.npv[kKeep], -125095.96339047886, 1e-7);
    EXPECT_NEAR(upkeep.swing[kKeep], 22744.720616450704, 1e-7);

    // -150 % would make the benefit negative: kept at its declared minimum, 0, and flagged.
    o.percent = 1.5;
    const risk::Tornado wide = risk::tornado(b->binding, o);
    EXPECT_EQ(*wide.bars[0].low.values[kBuy], 0);
    EXPECT_TRUE(wide.bars[0].low.clamped);
    EXPECT_NEAR(*wide.bars[0].high.values[kBuy], 37500, 1e-9);
    EXPECT_FALSE(wide.bars[0].high.clamped);
}

TEST_F(SensitivityTest, TornadoRefusesImpossibleSwings) {
    const auto b = bind(kPressStudy);
    risk::TornadoOptions o;
    o.low_quantile = 0.9;
    o.high_quantile = 0.1;
    EXPECT_THROW(risk::tornado(b->binding, o), std::invalid_argument);
    o.low_quantile = 0;
    EXPECT_THROW(risk::tornado(b->binding, o), std::invalid_argument);
    risk::TornadoOptions p;
    p.kind = SwingKind::percent;
    p.percent = 0;
    EXPECT_THROW(risk::tornado(b->binding, p), std::invalid_argument);
    risk::TornadoOptions f;
    f.focus = 2;
    EXPECT_THROW(risk::tornado(b->binding, f), std::invalid_argument);
}

TEST_F(SensitivityTest, SpiderWalksThroughTheQuantiles) {
    const auto b = bind(kPressStudy);
    const risk::Spider s = risk::spider(b->binding);
    ASSERT_EQ(s.lines.size(), 2u);
    const risk::SpiderLine& benefit = s.lines[0];
    ASSERT_EQ(benefit.points.size(), 7u);
    // Uniform(10,000, 40,000): P_q = 10,000 + 30,000 q; NPV(buy) = -60,000 + (P_q - 10,000) a.
    const double q[] = {0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
    for (std::size_t l = 0; l < 7; ++l) {
        EXPECT_EQ(benefit.points[l].level, q[l]);
        EXPECT_NEAR(*benefit.points[l].values[kBuy], 10000 + 30000 * q[l], 1e-9);
        EXPECT_NEAR(benefit.points[l].npv[kBuy], -60000 + 30000 * q[l] * kAnnuity5, 1e-7) << l;
        EXPECT_EQ(benefit.points[l].npv[kKeep], s.base.npv[kKeep]);
    }
    // P50 of the triangular upkeep: below the mode (F(mode) = 0.714), so
    // 5,000 + sqrt(0.5 x 35,000 x 25,000) = 25,916.08; NPV(keep) = -25,916.08 a = -98,243.09.
    EXPECT_NEAR(*s.lines[1].points[3].values[kKeep], 5000 + std::sqrt(0.5 * 35000 * 25000), 1e-8);
    EXPECT_NEAR(s.lines[1].points[3].npv[kKeep],
                -(5000 + std::sqrt(0.5 * 35000.0 * 25000.0)) * kAnnuity5, 1e-7);

    // By percent: -30 % .. +30 % of 15,000 in steps of 10 %: NPV(buy) = -60,000 +
    // (15,000 (1 + c) - 10,000) a.
    risk::SpiderOptions o;
    o.kind = SwingKind::percent;
    const risk::Spider p = risk::spider(b->binding, o);
    for (std::size_t l = 0; l < 7; ++l) {
        const double c = o.changes[l];
        EXPECT_NEAR(p.lines[0].points[l].npv[kBuy], -60000 + (15000 * (1 + c) - 10000) * kAnnuity5,
                    1e-7);
    }
    o.changes.clear();
    EXPECT_THROW(risk::spider(b->binding, o), std::invalid_argument);
}

}  // namespace
}  // namespace eqroi::test
