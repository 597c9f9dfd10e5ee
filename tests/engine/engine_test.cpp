// The deterministic run against hand calculations (Python checked the decimals: the NPV and
// IRR constants are the exact sums / 300 bisections of the flows written in the comments).
#include "engine_fixture.hpp"

#include <cmath>
#include <vector>

namespace eqroi::test {
namespace {

using V = std::vector<double>;

void expect_series(const V& actual, const V& expected, double tolerance = 1e-9) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k)
        EXPECT_NEAR(actual[k], expected[k], tolerance) << "period " << k;
}

// Annuity factor, 5 years at 10 %: (1 - 1.1^-5) / 0.1 = 3.7907867694...
const double kAnnuity5 = (1 - std::pow(1.1, -5)) / 0.1;

TEST_F(EngineTest, UntaxedLinesAreTheCapitalAndModelRows) {
    const Study study = parse(kPressStudy);
    const StudyResult r = Engine(study, registry()).run();
    ASSERT_EQ(r.alternatives.size(), 3u);
    const AlternativeResult& buy = r.alternatives[1];
    EXPECT_EQ(buy.id, "buy");
    EXPECT_EQ(buy.name, "Buy a new press");

    // Capital first (only non-zero ones), then the models in file order, no tax line.
    ASSERT_EQ(buy.lines.size(), 8u);
    const char* keys[] = {"capital.price",         "capital.installation", "capital.commissioning",
                          "capital.trade_in",      "capital.disposal_cost",
                          "capital.salvage_value", "upkeep.upkeep",        "savings.savings"};
    for (std::size_t i = 0; i < 8; ++i) EXPECT_EQ(buy.lines[i].key, keys[i]);
    expect_series(line(buy, "capital.price").amounts, {-100000, 0, 0, 0, 0, 0});
    expect_series(line(buy, "capital.installation").amounts, {-5000, 0, 0, 0, 0, 0});
    expect_series(line(buy, "capital.commissioning").amounts, {-5000, 0, 0, 0, 0, 0});
    expect_series(line(buy, "capital.trade_in").amounts, {8000, 0, 0, 0, 0, 0});
    expect_series(line(buy, "capital.disposal_cost").amounts, {-3000, 0, 0, 0, 0, 0});
    expect_series(line(buy, "capital.salvage_value").amounts, {0, 0, 0, 0, 0, 20000});
    expect_series(line(buy, "upkeep.upkeep").amounts, {0, -10000, -10000, -10000, -10000, -10000});
    expect_series(line(buy, "savings.savings").amounts, {0, 15000, 15000, 15000, 15000, 15000});
    EXPECT_TRUE(line(buy, "capital.price").is_capital);
    EXPECT_EQ(line(buy, "capital.price").source, "capital");
    EXPECT_EQ(line(buy, "savings.savings").label, "Labour savings");
    EXPECT_EQ(line(buy, "savings.savings").source, "savings");
    EXPECT_EQ(line(buy, "savings.savings").category, EQROI_CATEGORY_BENEFIT);
    EXPECT_FALSE(line(buy, "savings.savings").is_capital);

    // Keep has no capital at all: only its upkeep line.
    ASSERT_EQ(r.alternatives[0].lines.size(), 1u);
    EXPECT_EQ(r.alternatives[0].lines[0].key, "upkeep.upkeep");
}

TEST_F(EngineTest, UntaxedFlowsAndMeasures) {
    const Study study = parse(kPressStudy);
    const StudyResult r = Engine(study, registry()).run();
    const AlternativeResult& keep = r.alternatives[0];
    const AlternativeResult& buy = r.alternatives[1];

    // buy: -100000 - 5000 - 5000 + 8000 - 3000 = -105000 at 0; -10000 + 15000 = 5000 a year;
    // + 20000 salvage at 5.
    expect_series(buy.net, {-105000, 5000, 5000, 5000, 5000, 25000});
    expect_series(buy.cumulative, {-105000, -100000, -95000, -90000, -85000, -60000});
    expect_series(buy.discounted, {-105000, 5000 / 1.1, 5000 / 1.21, 5000 / 1.331, 5000 / 1.4641,
                                   25000 / 1.61051});
    // NPV = -105000 + 5000 x 3.790787 + 20000 / 1.1^5 = -73627.6397
    EXPECT_NEAR(buy.measures.npv, -105000 + 5000 * kAnnuity5 + 20000 / 1.61051, 1e-8);
    EXPECT_NEAR(buy.measures.npv, -73627.63969177468, 1e-8);
    EXPECT_NEAR(buy.cumulative_discounted.back(), buy.measures.npv, 1e-8);
    // Never earns back its 105000 (total -60000): negative IRR, no payback.
    ASSERT_TRUE(buy.measures.irr);
    EXPECT_NEAR(*buy.measures.irr, -0.1872721160270335, 1e-10);
    EXPECT_EQ(buy.measures.sign_changes, 1);
    EXPECT_FALSE(buy.measures.payback);
    EXPECT_FALSE(buy.measures.discounted_payback);

    // keep: -30000 a year: NPV = -30000 x 3.790787 = -113723.603; no sign change, no IRR.
    expect_series(keep.net, {0, -30000, -30000, -30000, -30000, -30000});
    EXPECT_NEAR(keep.measures.npv, -30000 * kAnnuity5, 1e-8);
    EXPECT_FALSE(keep.measures.irr);
    EXPECT_EQ(keep.measures.sign_changes, 0);
    EXPECT_FALSE(keep.measures.payback);

    // No tax: depreciation and taxable income are all zero.
    expect_series(buy.depreciation, V(6, 0.0));
    expect_series(buy.taxable_income, V(6, 0.0));
    EXPECT_EQ(buy.gain_on_disposal, 0.0);
}

TEST_F(EngineTest, ComparisonWithTheBaselineAndRanking) {
    const Study study = parse(kPressStudy);
    const StudyResult r = Engine(study, registry()).run();
    EXPECT_EQ(r.baseline, "keep");
    const AlternativeResult& keep = r.alternatives[0];
    const AlternativeResult& buy = r.alternatives[1];
    const AlternativeResult& twin = r.alternatives[2];

    // Incremental = buy - keep = {-105000, 35000 x 4, 55000}.
    expect_series(buy.incremental, {-105000, 35000, 35000, 35000, 35000, 55000});
    // NPV: -73627.640 - (-113723.603) = 40095.963
    EXPECT_NEAR(buy.vs_baseline.npv, 40095.96339047876, 1e-8);
    EXPECT_NEAR(buy.vs_baseline.npv, buy.measures.npv - keep.measures.npv, 1e-8);
    ASSERT_TRUE(buy.vs_baseline.irr);
    EXPECT_NEAR(*buy.vs_baseline.irr, 0.2309584680994533, 1e-10);
    EXPECT_EQ(buy.vs_baseline.sign_changes, 1);
    // Cumulative -105000, -70000, -35000, 0: paid back exactly at the end of year 3.
    ASSERT_TRUE(buy.vs_baseline.payback);
    EXPECT_NEAR(*buy.vs_baseline.payback, 3.0, 1e-12);
    // Discounted cumulative at 3: -105000 + 35000 (1/1.1 + 1/1.21 + 1/1.331) = -17960.18;
    // year 4 brings 35000/1.4641 = 23905.47: 3 + (153730.5 - 127435) / 35000 = 3.7513.
    ASSERT_TRUE(buy.vs_baseline.discounted_payback);
    EXPECT_NEAR(*buy.vs_baseline.discounted_payback, 3.7513, 1e-10);

    // The baseline against itself: zeros and nones.
    EXPECT_TRUE(keep.is_baseline);
    EXPECT_FALSE(buy.is_baseline);
    expect_series(keep.incremental, V(6, 0.0));
    EXPECT_EQ(keep.vs_baseline.npv, 0.0);
    EXPECT_FALSE(keep.vs_baseline.irr);
    EXPECT_FALSE(keep.vs_baseline.payback);

    // Ranking by NPV: buy and twin tie at -73627.64 (file order: buy first), keep last.
    EXPECT_EQ(buy.rank, 1);
    EXPECT_EQ(twin.rank, 2);
    EXPECT_EQ(keep.rank, 3);
}

TEST_F(EngineTest, TaxDepreciationAndGainOnDisposal) {
    const Study study = parse(kTaxedStudy);
    const StudyResult r = Engine(study, registry()).run();
    const AlternativeResult& keep = r.alternatives[0];
    const AlternativeResult& buy = r.alternatives[1];

    // Depreciable basis 100000 + 5000 + 5000 = 110000 over 4 years: 27500 in years 1..4, book 0
    // at 5. The overhaul (8000 at year 2, capitalised) over 4 years from year 3: 2000 in years
    // 3, 4, 5 (cut by the study end), leaving 2000 on the books.
    expect_series(buy.depreciation, {0, 27500, 27500, 29500, 29500, 2000});
    // Gain on disposal = salvage 20000 - book (0 + 2000) = 18000.
    EXPECT_NEAR(buy.gain_on_disposal, 18000, 1e-9);
    // Taxable = deductible (-10000 + 15000 = 5000 a year) - depreciation, + gain at 5.
    // Trade-in, removal and the deposit are not taxed.
    expect_series(buy.taxable_income, {0, -22500, -22500, -24500, -24500, 21000});
    // Tax = -25 % x taxable: losses give a saving in the same year.
    expect_series(line(buy, "tax.income_tax").amounts, {0, 5625, 5625, 6125, 6125, -5250});
    EXPECT_EQ(buy.lines.back().key, "tax.income_tax");
    EXPECT_EQ(buy.lines.back().label, "Income tax");
    EXPECT_EQ(buy.lines.back().source, "tax");
    expect_series(line(buy, "overhaul.overhaul").amounts, {0, 0, -8000, 0, 0, 0});
    expect_series(line(buy, "overhaul.deposit").amounts, {-2000, 0, 0, 0, 0, 2000});
    EXPECT_EQ(line(buy, "overhaul.overhaul").tax_treatment, EQROI_TAX_CAPITALISED);

    // Net: 0: -105000 - 2000 deposit = -107000; 1: 5000 + 5625; 2: 5000 - 8000 + 5625;
    // 3, 4: 5000 + 6125; 5: 5000 + 20000 + 2000 - 5250.
    expect_series(buy.net, {-107000, 10625, 2625, 11125, 11125, 21750});
    EXPECT_NEAR(buy.measures.npv, -65709.5469758027, 1e-8);
    EXPECT_NEAR(*buy.measures.irr, -0.15500719197806706, 1e-10);

    // keep: upkeep 30000 deductible, tax saving 7500 a year, nothing to depreciate.
    expect_series(keep.depreciation, V(6, 0.0));
    expect_series(keep.taxable_income, {0, -30000, -30000, -30000, -30000, -30000});
    expect_series(keep.net, {0, -22500, -22500, -22500, -22500, -22500});
    EXPECT_NEAR(keep.measures.npv, -22500 * kAnnuity5, 1e-8);
    EXPECT_EQ(keep.gain_on_disposal, 0.0);
    // No taxable income at 0: the tax is +0, not -0 (reports would print "-0").
    EXPECT_FALSE(std::signbit(line(keep, "tax.income_tax").amounts[0]));

    // Incremental {-107000, 33125, 25125, 33625, 33625, 44250}: cumulative -107000, -73875,
    // -48750, -15125, 18500 -> payback 3 + 15125/33625.
    expect_series(buy.incremental, {-107000, 33125, 25125, 33625, 33625, 44250});
    EXPECT_NEAR(buy.vs_baseline.npv, 19583.155335887357, 1e-8);
    EXPECT_NEAR(*buy.vs_baseline.irr, 0.1653253859463525, 1e-10);
    EXPECT_NEAR(*buy.vs_baseline.payback, 3 + 15125.0 / 33625.0, 1e-12);
    EXPECT_NEAR(*buy.vs_baseline.discounted_payback, 4.287257231638419, 1e-10);
    EXPECT_EQ(buy.rank, 1);
    EXPECT_EQ(keep.rank, 2);
}

TEST_F(EngineTest, TaxConservesTheCapitalSpending) {
    // Over the study, taxable income adds up to deductible lines - capital basis - capitalised
    // spending + salvage: 25000 - 110000 - 8000 + 20000 = -73000, whatever the timing.
    const Study study = parse(kTaxedStudy);
    const StudyResult r = Engine(study, registry()).run();
    double total = 0;
    for (double t : r.alternatives[1].taxable_income) total += t;
    EXPECT_NEAR(total, -73000, 1e-9);
}

TEST_F(EngineTest, MonthlyStudy) {
    const Study study = parse(kMonthlyStudy);
    const StudyResult r = Engine(study, registry()).run();
    const AlternativeResult& keep = r.alternatives[0];
    const AlternativeResult& buy = r.alternatives[1];
    EXPECT_EQ(r.baseline, "keep");  // the first alternative when the study names none
    ASSERT_EQ(buy.net.size(), 13u);

    // Per month: upkeep -200, savings +500 -> 300 deductible; depreciation 10000 / 12 months;
    // taxable 300 - 833.33 = -533.33; tax saving 30 % = 160; net 460.
    EXPECT_NEAR(buy.depreciation[1], 10000.0 / 12, 1e-9);
    EXPECT_NEAR(buy.depreciation[12], 10000.0 / 12, 1e-9);
    EXPECT_NEAR(buy.gain_on_disposal, 0.0, 1e-9);  // fully depreciated, no salvage
    EXPECT_NEAR(line(buy, "upkeep.upkeep").amounts[5], -200, 1e-9);
    V net(13, 460.0);
    net[0] = -10000;
    expect_series(buy.net, net);
    // keep: -1000 a month, tax saving 300: -700.
    V keep_net(13, -700.0);
    keep_net[0] = 0;
    expect_series(keep.net, keep_net);

    // Discounted at the monthly equivalent of 12 %: 1.12^(1/12) - 1.
    const double i = std::pow(1.12, 1.0 / 12) - 1;
    EXPECT_NEAR(buy.discounted[12], 460 / std::pow(1 + i, 12), 1e-9);
    EXPECT_NEAR(buy.discounted[12], 460 / 1.12, 1e-9);
    EXPECT_NEAR(buy.measures.npv, -4805.902644783519, 1e-8);
    // IRR is reported per year: (1 + monthly IRR)^12 - 1.
    EXPECT_NEAR(*buy.measures.irr, -0.6388434531147821, 1e-9);
    EXPECT_FALSE(buy.measures.payback);  // 12 x 460 = 5520 < 10000

    // Incremental {-10000, 1160 x 12}: cumulative after 8 months -720, after 9 +440:
    // 8 + 720/1160 months = 8.6207 months = 0.71839 years.
    EXPECT_NEAR(*buy.vs_baseline.payback, (8 + 720.0 / 1160.0) / 12, 1e-12);
    EXPECT_NEAR(*buy.vs_baseline.discounted_payback, 9.03653429918931 / 12, 1e-10);
    EXPECT_NEAR(*buy.vs_baseline.irr, 0.9002278916275543, 1e-9);
    EXPECT_NEAR(buy.vs_baseline.npv, 3098.158547937215, 1e-8);
}

TEST_F(EngineTest, SeveralRootsAreListedAndTheIrrLeftEmpty) {
    // kPressStudy's buy with an 80,000 overhaul at the end of year 5 (no tax: a plain cost).
    std::string text = kPressStudy;
    const std::string anchor = "[alternative.models.savings]\nyearly_benefit = 15000\n";
    text.replace(text.find(anchor), anchor.size(),
                 anchor + "[alternative.models.overhaul]\noverhaul_cost = 80000\noverhaul_year = 5\n");
    const StudyResult r = Engine(parse(text), registry()).run();
    const AlternativeResult& buy = r.alternatives[1];
    // Incremental {-105000, 35000 x 4, 55000 - 80000 = -25000}: signs - + -, two changes.
    // npv(0) = +10000 and npv(10 %) = -9577.74, and npv -> -infinity towards -100 %: one root
    // in (0, 10 %) at 4.7548 % and one at -55.67 % (bisection in Python). Two roots: no single
    // IRR; both are listed and the result flagged, never one picked silently.
    expect_series(buy.incremental, {-105000, 35000, 35000, 35000, 35000, -25000});
    EXPECT_EQ(buy.vs_baseline.sign_changes, 2);
    EXPECT_FALSE(buy.vs_baseline.irr);
    EXPECT_TRUE(buy.vs_baseline.irr_ambiguous);
    ASSERT_EQ(buy.vs_baseline.irr_roots.size(), 2u);
    EXPECT_NEAR(buy.vs_baseline.irr_roots[0], -0.5567, 1e-4);
    EXPECT_NEAR(buy.vs_baseline.irr_roots[1], 0.04754776335730926, 1e-10);
}

TEST_F(EngineTest, FailingModelRaisesEvaluationError) {
    const Study study = parse(R"(
[study]
horizon_years = 3
discount_rate = 0.05
[[alternative]]
id = "only"
[alternative.models.probe]
fail = true
)");
    const Engine engine(study, registry());
    EXPECT_THROW(engine.run(), EvaluationError);
    try {
        engine.run();
    } catch (const EvaluationError& e) {
        EXPECT_NE(std::string(e.what()).find("asked to fail"), std::string::npos) << e.what();
    }
}

}  // namespace
}  // namespace eqroi::test
