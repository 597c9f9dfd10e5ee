// The study's conventions through the whole engine, worked by hand (docs/study-format.md, "How
// the engine uses these"): mid-period discounting, constant dollars (tax worked in nominal money,
// then deflated) and their equivalence with a nominal study, [alternative.escalation] on model
// lines (a rate, a year-by-year list, and exact monthly conversion), and run_batch giving the
// same NPV as run() on a study that uses them all. The decimals were worked in Python from the
// formulas in the comments, not read from the engine.
#include "engine_fixture.hpp"

#include <cmath>
#include <limits>
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

std::string replaced(std::string text, const std::string& from, const std::string& to) {
    const std::size_t at = text.find(from);
    EXPECT_NE(at, std::string::npos) << from;
    if (at != std::string::npos) text.replace(at, from.size(), to);
    return text;
}

// --- Mid-period discounting ------------------------------------------------------------------

TEST_F(EngineTest, MidPeriodDiscountingOfThePressStudy) {
    // kPressStudy (5 years at 10 %, no tax) with discounting = "mid_period": the flow of period
    // k >= 1 is discounted over k - 0.5 years, period 0 not at all.
    const Study study = parse(replaced(kPressStudy, "baseline = \"keep\"\n",
                                       "baseline = \"keep\"\ndiscounting = \"mid_period\"\n"));
    const StudyResult r = Engine(study, registry()).run();
    const AlternativeResult& keep = r.alternatives[0];
    const AlternativeResult& buy = r.alternatives[1];

    // d_k = 1 / 1.1^(k - 0.5): 1, 0.953463, 0.866784, 0.787986, 0.716351, 0.651228.
    const V d = {1, 0.9534625892455922, 0.8667841720414474, 0.7879856109467703,
                 0.7163505554061548, 0.6512277776419588};
    expect_series(buy.discount_factors, d, 1e-15);
    expect_series(keep.discount_factors, d, 1e-15);
    // buy: {-105000, 5000 x 4, 25000}: NPV = -105000 + 5000 (d1 + .. + d4) + 25000 d5.
    expect_series(buy.net, {-105000, 5000, 5000, 5000, 5000, 25000});
    for (std::size_t k = 0; k < 6; ++k) EXPECT_NEAR(buy.discounted[k], buy.net[k] * d[k], 1e-9);
    EXPECT_NEAR(buy.measures.npv, -72096.3909207512, 1e-8);
    EXPECT_NEAR(buy.cumulative_discounted.back(), buy.measures.npv, 1e-8);
    // keep: -30000 (d1 + .. + d5) = -119274.32 (end of period it was -113723.60).
    EXPECT_NEAR(keep.measures.npv, -119274.32115845771, 1e-8);

    // IRR: the rate where -105000 + sum F_k / (1 + r)^(k - 0.5) = 0 (bisection): -20.924 % for
    // buy; for the increment {-105000, 35000 x 4, 55000}, 29.036 % (23.096 % end of period:
    // flows that arrive half a year earlier earn more).
    ASSERT_TRUE(buy.measures.irr);
    EXPECT_NEAR(buy.measures.irr.value_or(kAbsent), -0.20924322969432846, 1e-9);
    expect_series(buy.incremental, {-105000, 35000, 35000, 35000, 35000, 55000});
    EXPECT_NEAR(buy.vs_baseline.npv, 47177.93023770649, 1e-8);
    ASSERT_TRUE(buy.vs_baseline.irr);
    EXPECT_NEAR(buy.vs_baseline.irr.value_or(kAbsent), 0.2903633155518398, 1e-9);

    // Discounted payback of the increment: discounted flows -105000, 33371.19, 30337.45,
    // 27579.50, 25072.27, 35817.53; cumulative after 3 years -13711.87, after 4 +11360.40:
    // 3 + 13711.87 / 25072.27 = 3.5469. The simple payback does not discount: exactly 3.
    ASSERT_TRUE(buy.vs_baseline.discounted_payback);
    EXPECT_NEAR(buy.vs_baseline.discounted_payback.value_or(kAbsent), 3.546893730743416, 1e-10);
    ASSERT_TRUE(buy.vs_baseline.payback);
    EXPECT_NEAR(buy.vs_baseline.payback.value_or(kAbsent), 3.0, 1e-12);

    // PI of the increment: (NPV + 105000) / 105000 = 152177.93 / 105000 = 1.44931.
    ASSERT_TRUE(buy.vs_baseline.profitability_index);
    EXPECT_NEAR(buy.vs_baseline.profitability_index.value_or(kAbsent), 1.4493136213114903, 1e-12);
    // LCC of buy (every line but the savings): 105000 + 10000 (d1 + .. + d5) - 20000 d5
    // = 131733.55; EUAC = LCC x (A/P, 10 %, 5) = 34750.98; EAA = NPV x (A/P) = -19018.85.
    EXPECT_NEAR(buy.measures.lcc, 131733.55149998007, 1e-8);
    EXPECT_NEAR(buy.measures.euac, 34750.97902183957, 1e-8);
    EXPECT_NEAR(buy.measures.annual_value, -19018.84629928731, 1e-8);
    EXPECT_NEAR(keep.measures.lcc, 119274.32115845771, 1e-8);
    // MIRR stays Excel's end-of-period MIRR at 10 % / 10 %: inflows compounded to year 5,
    // 35000 (1.1^4 + 1.1^3 + 1.1^2 + 1.1) + 55000 = 233678.50; (233678.50 / 105000)^(1/5) - 1
    // = 17.351 %, whatever the discounting.
    ASSERT_TRUE(buy.vs_baseline.mirr);
    EXPECT_NEAR(buy.vs_baseline.mirr.value_or(kAbsent), 0.17350755908283721, 1e-12);
}

// --- Constant dollars ------------------------------------------------------------------------

/// 5 years, real rate 5 %, inflation 3 %, 25 % tax, constant dollars: a 100,000 machine,
/// 20,000 salvage (constant dollars), 10,000 upkeep and 40,000 savings a year.
const std::string kConstantStudy = R"(
[study]
horizon_years = 5
discount_rate = 0.05
inflation = 0.03
tax_rate = 0.25
dollars = "constant"

[[alternative]]
id = "buy"
[alternative.capital]
price = 100000
salvage_value = 20000
[alternative.models.upkeep]
yearly_cost = 10000
[alternative.models.savings]
yearly_benefit = 40000
)";

TEST_F(EngineTest, ConstantDollarsDeflateTheNominalDepreciation) {
    const StudyResult r = Engine(parse(kConstantStudy), registry()).run();
    // (1 + nominal) = (1 + real)(1 + inflation) = 1.05 x 1.03 = 1.0815.
    EXPECT_NEAR(r.rates.real, 0.05, 1e-15);
    EXPECT_NEAR(r.rates.nominal, 0.0815, 1e-15);
    EXPECT_NEAR(r.rates.per_period, 0.05, 1e-15);
    const AlternativeResult& buy = r.alternatives[0];

    // The tax authority depreciates the historical cost, 100000 nominal, over the 5-year horizon:
    // 20000 nominal a year, which is 20000 / 1.03^k constant dollars: 19417.48, 18851.92,
    // 18302.83, 17769.74, 17252.18.
    V dep(6, 0.0);
    for (std::size_t k = 1; k <= 5; ++k) dep[k] = 20000 / std::pow(1.03, k);
    expect_series(buy.depreciation, dep);
    // The salvage of 20000 constant dollars is 20000 x 1.03^5 = 23185.48 nominal at 5, against
    // a book value of 0: the gain is 23185.48 nominal = 20000 constant.
    ASSERT_EQ(buy.units.size(), 1u);
    EXPECT_NEAR(buy.units[0].value_at_exit, 20000, 1e-8);
    EXPECT_NEAR(buy.units[0].gain_on_disposal, 20000, 1e-8);
    expect_series(line(buy, "capital.salvage_value").amounts, {0, 0, 0, 0, 0, 20000});

    // Taxable (constant dollars) = 40000 - 10000 - depreciation + gain:
    // {0, 10582.52, 11148.08, 11697.17, 12230.26, 32747.82}.
    expect_series(buy.taxable_income, {0, 10582.52427184466, 11148.081817324914,
                                       11697.166812936808, 12230.259041686226,
                                       32747.824312316723});
    // Net = -100000; 30000 - 25 % x taxable (+ 20000 at 5):
    // {-100000, 27354.37, 27212.98, 27075.71, 26942.44, 41813.04}.
    expect_series(buy.net, {-100000, 27354.368932038837, 27212.97954566877, 27075.7082967658,
                            26942.435239578444, 41813.04392192082});
    // NPV at the real 5 %: 29050.99. (With depreciation not deflated, 20000 a year, it would be
    // 30813.50: inflation erodes the tax shield.) Before tax: -100000 + 30000 x 4.329477 +
    // 20000 / 1.05^5 = 45554.82.
    EXPECT_NEAR(buy.measures.npv, 29050.991574530635, 1e-7);
    EXPECT_NEAR(buy.pre_tax.npv, 45554.823448293726, 1e-7);
}

/// A study written both ways: a 40,000 machine lasting 3 years (replaced at 3, 4,000 salvage,
/// straight-line residual at 5), a 20,000 loan at 6 % over 4 years, a 5,000 lease in arrears
/// for 3 years (both fixed in money), and a 10,000 running cost that follows general inflation
/// (the running model's escalation defaults to the inflation in a nominal study, 0 in a
/// constant-dollar one). Inflation 3 %; real rate 5 %, nominal 1.05 x 1.03 - 1 = 8.15 %.
std::string both_ways(bool constant, bool taxed) {
    return std::string(R"(
[study]
horizon_years = 5
inflation = 0.03
)") + (constant ? "dollars = \"constant\"\ndiscount_rate = 0.05\n"
                : "dollars = \"nominal\"\ndiscount_rate = 0.0815\n") +
           (taxed ? "tax_rate = 0.25\n" : "") + R"(
[[alternative]]
id = "buy"
[alternative.capital]
price = 40000
salvage_value = 4000
life_years = 3
[alternative.financing]
loan_amount = 20000
loan_rate = 0.06
loan_term_years = 4
lease_payment = 5000
lease_term_years = 3
lease_timing = "arrears"
[alternative.models.running]
yearly_cost = 10000
)";
}

// Nominal money (G_k = 1.03^k):
//   running -10000 G_k; price -40000 at 0; replacement -40000 G_3 and salvage 4000 G_3 at 3;
//   residual at 5 = C3 + (4000 G_6 - C3) x 2/3 with C3 = 40000 G_3;
//   loan +20000 at 0, payment 20000 x 0.06 / (1 - 1.06^-4) = 5771.83 at 1..4; lease -5000 at 1..3.
//   Taxed: straight line over the 3-year life (13333.33 at 1..3, C3 / 3 at 4, 5); gains 4000 G_3
//   at 3 and residual - C3 x 2/3 at 5; interest and lease deductible.
// The constant-dollar study must give that nominal net divided by G_k, and, discounted at the
// real rate, the same NPV as the nominal study at the nominal rate:
//   untaxed -114297.58705160189, taxed -87311.22577313546 (Python, nominal and deflated).
TEST_F(EngineTest, ConstantAndNominalStudiesAgree) {
    for (const bool taxed : {false, true}) {
        SCOPED_TRACE(taxed ? "taxed" : "untaxed");
        const StudyResult nominal = Engine(parse(both_ways(false, taxed)), registry()).run();
        const StudyResult constant = Engine(parse(both_ways(true, taxed)), registry()).run();
        const AlternativeResult& n = nominal.alternatives[0];
        const AlternativeResult& c = constant.alternatives[0];
        const double expected = taxed ? -87311.22577313546 : -114297.58705160189;
        EXPECT_NEAR(n.measures.npv, expected, 1e-7);
        EXPECT_NEAR(c.measures.npv, expected, 1e-7);
        for (std::size_t k = 0; k < 6; ++k)
            EXPECT_NEAR(c.net[k] * std::pow(1.03, k), n.net[k], 1e-8) << "period " << k;
        // The running cost: -10000 x 1.03^k nominal, -10000 constant.
        EXPECT_NEAR(line(n, "running.running").amounts[4], -10000 * std::pow(1.03, 4), 1e-8);
        EXPECT_NEAR(line(c, "running.running").amounts[4], -10000, 1e-8);
        // The replacement: 40000 x 1.03^3 nominal = 43709.08, 40000 constant.
        EXPECT_NEAR(line(n, "capital.replacement").amounts[3], -40000 * std::pow(1.03, 3), 1e-8);
        EXPECT_NEAR(line(c, "capital.replacement").amounts[3], -40000, 1e-8);
        // The lease, fixed in money: 5000 nominal, 5000 / 1.03^k constant.
        EXPECT_NEAR(line(c, "financing.lease_payment").amounts[2], -5000 / 1.0609, 1e-8);
    }
    // Untaxed nominal net: {-20000, -21071.83, -21380.83, -61037.27, -17026.92, 6161.09}.
    const StudyResult n = Engine(parse(both_ways(false, false)), registry()).run();
    expect_series(n.alternatives[0].net, {-20000, -21071.829847465466, -21380.829847465466,
                                          -61037.27184746546, -17026.91794746548,
                                          6161.0920477439995});
}

// --- [alternative.escalation] ----------------------------------------------------------------

TEST_F(EngineTest, EscalationRateAndYearlyListOnModelLines) {
    // Nominal, 2 % inflation, 8 %, 5 years. The running cost escalates by the inflation (its
    // own escalation) and 1 % more from [alternative.escalation]: -10000 x 1.02^k x 1.01^k.
    // The upkeep (flat in the model) gets the list 3 %, 5 %, 0, 10 %, 2 %: index 1, 1.03,
    // 1.0815, 1.0815, 1.18965, 1.213443.
    const StudyResult r = Engine(parse(R"(
[study]
horizon_years = 5
discount_rate = 0.08
inflation = 0.02

[[alternative]]
id = "run"
[alternative.models.running]
yearly_cost = 10000
[alternative.models.upkeep]
yearly_cost = 10000
[alternative.escalation]
running.running = 0.01
"upkeep.upkeep" = [0.03, 0.05, 0, 0.10, 0.02]
)"),
                                        registry())
                                 .run();
    const AlternativeResult& a = r.alternatives[0];
    const V list_index = {1, 1.03, 1.0815, 1.0815, 1.18965, 1.213443};
    V running(6, 0.0), upkeep(6, 0.0), rate_index(6);
    for (std::size_t k = 0; k < 6; ++k) {
        rate_index[k] = std::pow(1.01, k);
        if (k == 0) continue;
        running[k] = -10000 * std::pow(1.02, k) * std::pow(1.01, k);
        upkeep[k] = -10000 * list_index[k];
    }
    expect_series(line(a, "running.running").amounts, running);  // -10302, -10613.12, ...
    expect_series(line(a, "upkeep.upkeep").amounts, upkeep);     // -10300, -10815, -10815, ...
    expect_series(line(a, "running.running").escalation_index, rate_index, 1e-12);
    expect_series(line(a, "upkeep.upkeep").escalation_index, list_index, 1e-12);
    // NPV at 8 % of the two lines: -87891.37.
    EXPECT_NEAR(a.measures.npv, -87891.3668315428, 1e-7);
}

TEST_F(EngineTest, MonthlyEscalationIsCompoundedNotDividedByTwelve) {
    // Two years in months at 10 %; upkeep 12000 a year = 1000 a month. The list 12 %, 6 %:
    // month m of year 1 is x 1.12^(m/12), month m of year 2 x 1.12 x 1.06^((m - 12)/12).
    // Month 6: 1.12^0.5 = 1.058301 (not 1 + 6 x 1 % = 1.06); month 12: 1.12; month 18:
    // 1.12 x 1.06^0.5 = 1.153111; month 24: 1.12 x 1.06 = 1.1872. The scalar 12 % gives
    // 1.12^(m/12) throughout.
    const StudyResult r = Engine(parse(R"(
[study]
horizon_years = 2
periods = "monthly"
discount_rate = 0.10

[[alternative]]
id = "list"
[alternative.models.upkeep]
yearly_cost = 12000
[alternative.escalation]
upkeep.upkeep = [0.12, 0.06]

[[alternative]]
id = "rate"
[alternative.models.upkeep]
yearly_cost = 12000
[alternative.escalation]
upkeep.upkeep = 0.12
)"),
                                        registry())
                                 .run();
    const AlternativeResult& list = r.alternatives[0];
    const AlternativeResult& rate = r.alternatives[1];
    const Line& upkeep = line(list, "upkeep.upkeep");
    ASSERT_EQ(upkeep.amounts.size(), 25u);
    ASSERT_EQ(upkeep.escalation_index.size(), 25u);
    EXPECT_EQ(upkeep.escalation_index[0], 1.0);
    EXPECT_NEAR(upkeep.escalation_index[1], 1.009488792934583, 1e-12);
    EXPECT_NEAR(upkeep.escalation_index[6], 1.0583005244258363, 1e-12);
    EXPECT_NEAR(upkeep.escalation_index[12], 1.12, 1e-12);
    EXPECT_NEAR(upkeep.escalation_index[13], 1.1254516566331842, 1e-12);
    EXPECT_NEAR(upkeep.escalation_index[18], 1.153110575790544, 1e-12);
    EXPECT_NEAR(upkeep.escalation_index[24], 1.1872, 1e-12);
    EXPECT_NEAR(upkeep.amounts[6], -1058.3005244258363, 1e-9);
    EXPECT_NEAR(upkeep.amounts[24], -1187.2, 1e-9);
    // NPV at the monthly rate 1.1^(1/12) - 1 of -1000 x index_m, m = 1..24: -24094.02.
    EXPECT_NEAR(list.measures.npv, -24094.01525683926, 1e-7);

    const Line& flat_rate = line(rate, "upkeep.upkeep");
    EXPECT_NEAR(flat_rate.escalation_index[6], std::sqrt(1.12), 1e-12);
    EXPECT_NEAR(flat_rate.escalation_index[18], std::pow(1.12, 1.5), 1e-12);
    EXPECT_NEAR(flat_rate.amounts[18], -1000 * std::pow(1.12, 1.5), 1e-9);
}

// --- One code path: run_batch = run() ---------------------------------------------------------

/// 6 years, constant dollars (real 5 %, inflation 3 %), mid-period, 25 % tax: a 50,000 machine
/// lasting 4 years (replaced at 4, 5,000 salvage), 30,000 borrowed at 7 % over 3 years, 3,000
/// upkeep and 20,000 savings a year.
const std::string kEverythingStudy = R"(
[study]
horizon_years = 6
discount_rate = 0.05
inflation = 0.03
tax_rate = 0.25
dollars = "constant"
discounting = "mid_period"

[[alternative]]
id = "buy"
[alternative.capital]
price = 50000
salvage_value = 5000
life_years = 4
[alternative.financing]
loan_amount = 30000
loan_rate = 0.07
loan_term_years = 3
[alternative.models.upkeep]
yearly_cost = 3000
[alternative.models.savings]
yearly_benefit = 20000
)";

// By hand, nominal money first (G_k = 1.03^k), then / G_k:
//   unit 0: 50000, straight line over the 4-year life, 12500 at 1..4, retired at 4 with salvage
//     5000 G_4 = 5627.54 (book 0: gain 5627.54 nominal = 5000 constant);
//   unit 4: C4 = 50000 G_4 = 56275.44, 14068.86 at 5, 6; residual at 6 = C4 + (5000 G_8 - C4)
//     x 2/4 = 31304.65 nominal = 26217.15 constant; book C4 / 2: gain 2500 G_8 nominal;
//   loan: payment 30000 x 0.07 / (1 - 1.07^-3) = 11431.55 nominal at 1..3, interest 2100,
//     1447.79, 750.15;
//   taxable (nominal) = 17000 G_k - depreciation - interest + gains; tax 25 %;
//   net (constant) = {-20000, 5195.10, 5261.21, 5319.43, -30723.48, 15783.98, 41249.70};
//   NPV = -20000 + sum net_k / 1.05^(k - 0.5) = 12981.81.
TEST_F(EngineTest, BatchGivesTheRunNpvForEveryConvention) {
    const Study study = parse(kEverythingStudy);
    const Engine engine(study, registry());
    const StudyResult run = engine.run();
    const AlternativeResult& buy = run.alternatives[0];
    expect_series(buy.net, {-20000, 5195.09711606788, 5261.214916643453, 5319.429172950184,
                            -30723.477975263468, 15783.980582524273, 41249.69744438684});
    expect_series(line(buy, "capital.replacement").amounts, {0, 0, 0, 0, -50000, 0, 0});
    expect_series(line(buy, "capital.salvage_value").amounts, {0, 0, 0, 0, 5000, 0, 0});
    expect_series(line(buy, "capital.residual_value").amounts,
                  {0, 0, 0, 0, 0, 0, 26217.147728343858});
    EXPECT_NEAR(buy.loan[1].payment, 11431.549970450083 / 1.03, 1e-8);
    EXPECT_NEAR(buy.measures.npv, 12981.81048256447, 1e-7);

    // Three trials with the study's values, and one with 5000 more savings: after 25 % tax that
    // is 3750 constant dollars a year more, worth 3750 x sum_{k=1..6} 1.05^-(k - 0.5).
    const ResolvedAlternative& resolved = engine.alternatives()[0];
    ASSERT_EQ(resolved.models[1].model.id(), "savings");
    const auto param =
        static_cast<std::size_t>(resolved.models[1].model.param_index("yearly_benefit"));
    const BatchResult plain = engine.run_batch(0, 3);
    const BatchResult more = engine.run_batch(0, 2, {ParamOverride{1, param, {20000, 25000}}});
    for (uint32_t t = 0; t < 3; ++t) {
        EXPECT_DOUBLE_EQ(plain.npv[t], buy.measures.npv) << t;
        for (std::size_t k = 0; k < 7; ++k) EXPECT_DOUBLE_EQ(plain.net[t * 7 + k], buy.net[k]);
        EXPECT_EQ(std::isnan(plain.irr[t]), !buy.measures.irr);
        if (buy.measures.irr) EXPECT_DOUBLE_EQ(plain.irr[t], *buy.measures.irr);
        EXPECT_EQ(std::isnan(plain.discounted_payback[t]), !buy.measures.discounted_payback);
        if (buy.measures.discounted_payback)
            EXPECT_DOUBLE_EQ(plain.discounted_payback[t], *buy.measures.discounted_payback);
    }
    double annuity = 0;
    for (int k = 1; k <= 6; ++k) annuity += std::pow(1.05, -(k - 0.5));
    EXPECT_DOUBLE_EQ(more.npv[0], buy.measures.npv);
    EXPECT_NEAR(more.npv[1], 12981.81048256447 + 3750 * annuity, 1e-7);
}

}  // namespace
}  // namespace eqroi::test
