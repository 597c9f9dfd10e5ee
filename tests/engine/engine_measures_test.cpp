// Every measure of an alternative and of its increment over the baseline, after and before tax,
// worked by hand from docs/study-format.md ("Measures"): NPV, IRR, MIRR at its own finance and
// reinvestment rates, PI, paybacks, EAA, LCC, EUAC, ROI, and NIST BLCC's net savings, SIR and
// AIRR. Then NIST BLCC 5.3's example FEMPEnergy through the engine with the bundled schedule
// model. The decimals were worked in Python from the formulas in the comments.
#include "engine_fixture.hpp"

#include <cmath>
#include <limits>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

namespace eqroi::test {
namespace {

using V = std::vector<double>;

/// What an absent optional measure compares as: NaN, so the EXPECT_NEAR fails.
constexpr double kAbsent = std::numeric_limits<double>::quiet_NaN();

void expect_series(const V& actual, const V& expected, double tolerance = 1e-8) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k)
        EXPECT_NEAR(actual[k], expected[k], tolerance) << "period " << k;
}

/// kTaxedStudy with MIRR's own rates: finance 6 %, reinvestment 8 %.
std::string taxed_with_mirr_rates() {
    std::string text = kTaxedStudy;
    const std::string anchor = "tax_rate = 0.25\n";
    text.replace(text.find(anchor), anchor.size(),
                 anchor + "mirr_finance_rate = 0.06\nmirr_reinvest_rate = 0.08\n");
    return text;
}

// kTaxedStudy (5 years at 10 %, 25 % tax), worked in engine_test.cpp:
//   buy after tax  {-107000, 10625, 2625, 11125, 11125, 21750}
//   buy before tax {-107000, 5000, -3000, 5000, 5000, 27000}   (no tax.income_tax line)
//   keep after tax {0, -22500 x 5}, before tax {0, -30000 x 5}
//   (A/P, 10 %, 5) = 0.1 x 1.1^5 / (1.1^5 - 1) = 0.2637974808.
// Costs for LCC (every line but the savings, a benefit): buy's capital -105000 at 0 and +20000
// at 5, upkeep -10000 a year, overhaul -8000 at 2, deposit -2000 / +2000, and after tax the
// income tax {0, 5625, 5625, 6125, 6125, -5250}.

TEST_F(EngineTest, EveryMeasureOfAnAlternativeAfterAndBeforeTax) {
    const StudyResult r = Engine(parse(taxed_with_mirr_rates()), registry()).run();
    EXPECT_DOUBLE_EQ(r.rates.finance_rate, 0.06);
    EXPECT_DOUBLE_EQ(r.rates.reinvest_rate, 0.08);
    const AlternativeResult& buy = r.alternatives[1];
    const Measures& m = buy.measures;
    expect_series(buy.net, {-107000, 10625, 2625, 11125, 11125, 21750});
    expect_series(buy.pre_tax_net, {-107000, 5000, -3000, 5000, 5000, 27000});

    // After tax.
    EXPECT_NEAR(m.npv, -65709.5469758027, 1e-8);
    ASSERT_TRUE(m.irr);
    EXPECT_NEAR(m.irr.value_or(kAbsent), -0.15500719197806706, 1e-10);
    // MIRR: the only outflow is the 107000 at 0; inflows compounded at 8 % to year 5:
    // 10625 x 1.08^4 + 2625 x 1.08^3 + 11125 x 1.08^2 + 11125 x 1.08 + 21750 = 64503.1392;
    // (64503.1392 / 107000)^(1/5) - 1 = -9.627 %.
    ASSERT_TRUE(m.mirr);
    EXPECT_NEAR(m.mirr.value_or(kAbsent), -0.09626851123694247, 1e-12);
    // PI = 1 + NPV / 107000 = 0.385892; EAA = NPV x 0.2637975 = -17334.01.
    ASSERT_TRUE(m.profitability_index);
    EXPECT_NEAR(m.profitability_index.value_or(kAbsent), 0.3858920843382925, 1e-12);
    EXPECT_NEAR(m.annual_value, -17334.012956380724, 1e-8);
    // LCC = -PV(net - savings) = -(-65709.55 - 15000 x 3.790787) = 122571.35; EUAC = 32334.01
    // (= EAA + the savings' 15000 a year, as it should).
    EXPECT_NEAR(m.lcc, 122571.34851692943, 1e-8);
    EXPECT_NEAR(m.euac, 32334.012956380717, 1e-8);
    // ROI = (sum of flows -49750 / 5 years) / 107000 = -9.299 %.
    ASSERT_TRUE(m.roi);
    EXPECT_NEAR(m.roi.value_or(kAbsent), -49750.0 / 5 / 107000, 1e-15);
    EXPECT_FALSE(m.payback);
    EXPECT_FALSE(m.discounted_payback);

    // Before tax: {-107000, 5000, -3000, 5000, 5000, 27000}.
    const Measures& p = buy.pre_tax;
    EXPECT_NEAR(p.npv, -80997.36729359024, 1e-8);
    EXPECT_NEAR(p.irr.value_or(kAbsent), -0.20174241323037773, 1e-10);
    // MIRR: outflows at 6 %: 107000 + 3000 / 1.06^2 = 109669.9893; inflows at 8 %:
    // 5000 (1.08^4 + 1.08^2 + 1.08) + 27000 = 45034.4448; (45034.4448 / 109669.9893)^(1/5) - 1.
    ASSERT_TRUE(p.mirr);
    EXPECT_NEAR(p.mirr.value_or(kAbsent), -0.16306563161125132, 1e-12);
    EXPECT_NEAR(p.profitability_index.value_or(kAbsent), 0.24301525893840897, 1e-12);
    EXPECT_NEAR(p.annual_value, -21366.901443055798, 1e-8);
    EXPECT_NEAR(p.lcc, 137859.16883471695, 1e-8);
    EXPECT_NEAR(p.euac, 36366.90144305579, 1e-8);
    // ROI = (sum -68000 / 5) / 107000 = -12.710 %.
    EXPECT_NEAR(p.roi.value_or(kAbsent), -68000.0 / 5 / 107000, 1e-15);

    // keep: only costs. No IRR, no MIRR (no inflow), no PI or ROI (nothing invested at 0).
    const AlternativeResult& keep = r.alternatives[0];
    EXPECT_NEAR(keep.measures.npv, -85292.70231169007, 1e-8);
    EXPECT_FALSE(keep.measures.irr);
    EXPECT_FALSE(keep.measures.mirr);
    EXPECT_FALSE(keep.measures.profitability_index);
    EXPECT_FALSE(keep.measures.roi);
    EXPECT_NEAR(keep.measures.lcc, 85292.70231169007, 1e-8);  // 22500 x 3.790787
    EXPECT_NEAR(keep.measures.euac, 22500, 1e-8);
    EXPECT_NEAR(keep.measures.annual_value, -22500, 1e-8);
    EXPECT_NEAR(keep.pre_tax.lcc, 113723.60308225342, 1e-8);  // 30000 x 3.790787
    EXPECT_NEAR(keep.pre_tax.euac, 30000, 1e-8);
}

TEST_F(EngineTest, EveryMeasureOfTheIncrementAndTheBlccSavings) {
    const StudyResult r = Engine(parse(taxed_with_mirr_rates()), registry()).run();
    const AlternativeResult& buy = r.alternatives[1];

    // After tax, the increment buy - keep = {-107000, 33125, 25125, 33625, 33625, 44250}.
    const Measures& m = buy.vs_baseline;
    EXPECT_NEAR(m.npv, 19583.155335887364, 1e-8);
    EXPECT_NEAR(m.irr.value_or(kAbsent), 0.1653253859463527, 1e-10);
    // MIRR: inflows at 8 % to year 5: 33125 x 1.08^4 + 25125 x 1.08^3 + 33625 x 1.08^2 +
    // 33625 x 1.08 + 44250 = 196501.6608; (196501.6608 / 107000)^(1/5) - 1 = 12.927 %.
    ASSERT_TRUE(m.mirr);
    EXPECT_NEAR(m.mirr.value_or(kAbsent), 0.12926661612293144, 1e-12);
    // PI = 1 + 19583.16 / 107000 = 1.18302.
    EXPECT_NEAR(m.profitability_index.value_or(kAbsent), 1.18302014332605, 1e-12);
    EXPECT_NEAR(m.annual_value, 5165.98704361926, 1e-8);
    // LCC of the increment = LCC buy - LCC keep = 122571.35 - 85292.70 = 37278.65.
    EXPECT_NEAR(m.lcc, 37278.64620523935, 1e-8);
    EXPECT_NEAR(m.euac, 9834.01295638073, 1e-8);
    // ROI = (62750 / 5) / 107000 = 11.729 %. Payback 3 + 15125 / 33625.
    EXPECT_NEAR(m.roi.value_or(kAbsent), 62750.0 / 5 / 107000, 1e-15);
    EXPECT_NEAR(m.payback.value_or(kAbsent), 3.449814126394052, 1e-12);
    EXPECT_NEAR(m.discounted_payback.value_or(kAbsent), 4.287257231638419, 1e-10);

    // Before tax, the increment = {-107000, 35000, 27000, 35000, 35000, 57000}.
    const Measures& p = buy.vs_baseline_pre_tax;
    EXPECT_NEAR(p.npv, 32726.23578866318, 1e-8);
    EXPECT_NEAR(p.irr.value_or(kAbsent), 0.20373830980600605, 1e-10);
    // MIRR: (217253.3376 / 107000)^(1/5) - 1.
    EXPECT_NEAR(p.mirr.value_or(kAbsent), 0.15216992818692332, 1e-12);
    EXPECT_NEAR(p.profitability_index.value_or(kAbsent), 1.305852670922086, 1e-12);
    EXPECT_NEAR(p.annual_value, 8633.09855694418, 1e-8);
    EXPECT_NEAR(p.lcc, 24135.56575246353, 1e-8);  // 137859.17 - 113723.60
    EXPECT_NEAR(p.euac, 6366.901443055809, 1e-8);
    // ROI = (sum 82000 / 5) / 107000 = 15.327 %. Cumulative -107000, -72000, -45000, -10000,
    // +25000: payback 3 + 10000 / 35000.
    EXPECT_NEAR(p.roi.value_or(kAbsent), 82000.0 / 5 / 107000, 1e-15);
    EXPECT_NEAR(p.payback.value_or(kAbsent), 3 + 10000.0 / 35000, 1e-12);
    EXPECT_NEAR(p.discounted_payback.value_or(kAbsent), 4.075334561403509, 1e-10);

    // NIST BLCC savings. Investment lines: the capital lines (-105000 at 0, +20000 at 5) and the
    // capitalised overhaul (-8000 at 2): PV as a cost 105000 + 8000 / 1.21 - 20000 / 1.61051 =
    // 99193.14; keep has none. Operating: everything else (upkeep, savings, the not-taxed
    // deposit, and after tax the income tax):
    //   buy after tax  -PV{-2000, 10625, 10625, 11125, 11125, 1750} = -33483.60
    //   keep after tax -PV{0, -22500 x 5}                            =  85292.70
    //   operating savings 85292.70 + 33483.60 = 118776.30; SIR = 118776.30 / 99193.14 = 1.19742;
    //   AIRR = 1.1 x 1.19742^(1/5) - 1 = 14.036 %; net savings = 118776.30 - 99193.14
    //   = 19583.16 = the incremental NPV.
    const Savings& s = buy.savings;
    EXPECT_NEAR(s.pv_added_investment, 99193.14378675079, 1e-8);
    EXPECT_NEAR(s.pv_operating_savings, 118776.29912263816, 1e-8);
    EXPECT_NEAR(s.net_savings, 19583.155335887364, 1e-8);
    EXPECT_NEAR(s.net_savings, m.npv, 1e-8);
    ASSERT_TRUE(s.sir);
    EXPECT_NEAR(s.sir.value_or(kAbsent), 1.197424485083243, 1e-12);
    ASSERT_TRUE(s.airr);
    EXPECT_NEAR(s.airr.value_or(kAbsent), 0.14036088417104353, 1e-12);
    // Before tax: operating buy -PV{-2000, 5000 x 4, 7000} = -18195.78, keep 113723.60:
    // savings 131919.38; SIR 1.32992; AIRR 16.455 %; net savings 32726.24.
    const Savings& sp = buy.savings_pre_tax;
    EXPECT_NEAR(sp.pv_added_investment, 99193.14378675079, 1e-8);
    EXPECT_NEAR(sp.pv_operating_savings, 131919.37957541397, 1e-8);
    EXPECT_NEAR(sp.net_savings, 32726.23578866318, 1e-8);
    EXPECT_NEAR(sp.net_savings, p.npv, 1e-8);
    EXPECT_NEAR(sp.sir.value_or(kAbsent), 1.3299243731907449, 1e-12);
    EXPECT_NEAR(sp.airr.value_or(kAbsent), 0.16454982435316645, 1e-12);

    // The baseline against itself: nothing.
    const AlternativeResult& keep = r.alternatives[0];
    EXPECT_EQ(keep.savings.net_savings, 0.0);
    EXPECT_FALSE(keep.savings.sir);
    EXPECT_FALSE(keep.vs_baseline.mirr);
}

// --- NIST BLCC 5.3, example FEMPEnergy ---------------------------------------------------------

/// The test models (upkeep: a flat yearly cost) and the bundled schedule model.
class BlccExample : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        registry_ = std::make_unique<PluginRegistry>(TrustPolicy::trust_everything());
        registry_->load_file(ENGINE_TEST_PLUGIN);
        registry_->load_file(SCHEDULE_PLUGIN);
    }
    static void TearDownTestSuite() { registry_.reset(); }
    static inline std::unique_ptr<PluginRegistry> registry_;
};

/// -PV of a line: its costs, positive, at the result's own discount factors.
double pv_cost(const AlternativeResult& a, const std::string& key) {
    for (const Line& line : a.lines)
        if (line.key == key)
            return -std::inner_product(line.amounts.begin(), line.amounts.end(),
                                       a.discount_factors.begin(), 0.0);
    ADD_FAILURE() << "no line " << key << " in " << a.id;
    return 0;
}

// NIST BLCC 5.3 (FEMP analysis), ready-to-run example FEMPEnergy: 15-year study, 3 % real
// discount rate, end-of-year discounting, constant dollars, no tax. Published present values:
//   base case:   maintenance 50 a year 597; cleaning 200 in year 10 149; fan replacement 600 in
//                year 10 446;
//   alternative: maintenance 100 a year 1,194; overhaul 600 in year 8 474.
// By hand: (P/A, 3 %, 15) = (1 - 1.03^-15) / 0.03 = 11.937935; 1.03^-10 = 0.744094;
// 1.03^-8 = 0.789409:
//   50 x 11.937935 = 596.90; 200 x 0.744094 = 148.82; 600 x 0.744094 = 446.46;
//   100 x 11.937935 = 1193.79; 600 x 0.789409 = 473.65.
// LCC base 1192.17, alternative 1667.44; the alternative's net savings -475.27.
// The upkeep model carries the yearly maintenance, schedule.expense the cleaning and
// schedule.capital_spend (an investment, like BLCC's replacement costs) the fan and overhaul.
TEST_F(BlccExample, FempEnergyPresentValuesAndLcc) {
    const Study study = parse_study(R"toml(
[study]
name = "FEMPEnergy (NIST BLCC 5.3 example)"
horizon_years = 15
discount_rate = 0.03
dollars = "constant"
baseline = "base"

[[alternative]]
id = "base"
[alternative.models.upkeep]
yearly_cost = 50
[alternative.models.schedule]
expense = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 200]
capital_spend = [0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 600]

[[alternative]]
id = "alternative"
[alternative.models.upkeep]
yearly_cost = 100
[alternative.models.schedule]
capital_spend = [0, 0, 0, 0, 0, 0, 0, 0, 600]
)toml",
                                    "fempenergy.toml", *registry_);
    const StudyResult r = Engine(study, *registry_).run();
    ASSERT_EQ(r.alternatives.size(), 2u);
    const AlternativeResult& base = r.alternatives[0];
    const AlternativeResult& alt = r.alternatives[1];
    for (std::size_t k = 0; k <= 15; ++k)
        EXPECT_NEAR(base.discount_factors[k], std::pow(1.03, -static_cast<double>(k)), 1e-15);

    const double annuity = (1 - std::pow(1.03, -15)) / 0.03;  // 11.937935086776077
    EXPECT_NEAR(pv_cost(base, "upkeep.upkeep"), 50 * annuity, 1e-9);
    EXPECT_NEAR(pv_cost(base, "upkeep.upkeep"), 597, 0.5);
    EXPECT_NEAR(pv_cost(base, "schedule.expense"), 200 * std::pow(1.03, -10), 1e-9);
    EXPECT_NEAR(pv_cost(base, "schedule.expense"), 149, 0.5);
    EXPECT_NEAR(pv_cost(base, "schedule.capital_spend"), 600 * std::pow(1.03, -10), 1e-9);
    EXPECT_NEAR(pv_cost(base, "schedule.capital_spend"), 446, 0.5);
    EXPECT_NEAR(pv_cost(alt, "upkeep.upkeep"), 100 * annuity, 1e-9);
    EXPECT_NEAR(pv_cost(alt, "upkeep.upkeep"), 1194, 0.5);
    EXPECT_NEAR(pv_cost(alt, "schedule.capital_spend"), 600 * std::pow(1.03, -8), 1e-9);
    EXPECT_NEAR(pv_cost(alt, "schedule.capital_spend"), 474, 0.5);

    // LCC = the sum of those present values; EUAC = LCC x (A/P, 3 %, 15) = LCC / 11.937935.
    EXPECT_NEAR(base.measures.lcc, 1192.1718862561838, 1e-9);
    EXPECT_NEAR(alt.measures.lcc, 1667.439049265969, 1e-9);
    EXPECT_NEAR(base.measures.npv, -1192.1718862561838, 1e-9);  // no benefits: NPV = -LCC
    EXPECT_NEAR(base.measures.euac, 1192.1718862561838 / annuity, 1e-9);  // 99.86
    EXPECT_NEAR(alt.measures.euac, 1667.439049265969 / annuity, 1e-9);    // 139.68
    EXPECT_EQ(base.rank, 1);
    EXPECT_EQ(alt.rank, 2);

    // Against the base case: operating savings (50 - 100) x 11.937935 + 148.82 = -448.08, added
    // investment 473.65 - 446.46 = 27.19, net savings -475.27. SIR = -448.08 / 27.19 = -16.48:
    // the alternative does not pay; no AIRR for a negative SIR.
    EXPECT_NEAR(alt.savings.pv_operating_savings, -448.07797135945884, 1e-9);
    EXPECT_NEAR(alt.savings.pv_added_investment, 27.189191650326336, 1e-9);
    EXPECT_NEAR(alt.savings.net_savings, -475.26716300978524, 1e-9);
    EXPECT_NEAR(alt.vs_baseline.npv, -475.26716300978524, 1e-9);
    ASSERT_TRUE(alt.savings.sir);
    EXPECT_NEAR(alt.savings.sir.value_or(kAbsent), -16.480003419082188, 1e-9);
    EXPECT_FALSE(alt.savings.airr);
}

}  // namespace
}  // namespace eqroi::test
