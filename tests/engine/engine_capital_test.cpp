// The capital side through the whole engine, worked by hand: a machine with a 7-year service
// life in a 15-year study (replacements, salvage, straight-line residual value, tax by straight
// line and by MACRS), and financing (a loan, a lease in advance and in arrears) with tax.
// Every expected number is written out below from docs/study-format.md ("[alternative.capital]",
// "[alternative.financing]"); the decimals were worked in Python from those formulas, not read
// from the engine.
#include "engine_fixture.hpp"

#include <cmath>
#include <numeric>
#include <string>
#include <vector>

namespace eqroi::test {
namespace {

using V = std::vector<double>;

void expect_series(const V& actual, const V& expected, double tolerance = 1e-8) {
    ASSERT_EQ(actual.size(), expected.size());
    for (std::size_t k = 0; k < expected.size(); ++k)
        EXPECT_NEAR(actual[k], expected[k], tolerance) << "period " << k;
}

/// A series of `width` zeros with the given (period, amount) entries.
V at(std::size_t width, std::initializer_list<std::pair<std::size_t, double>> entries) {
    V v(width, 0.0);
    for (const auto& [k, amount] : entries) v[k] = amount;
    return v;
}

/// A press bought for 70,000 + 5,000 installation that lasts 7 years, in a 15-year study at
/// 10 % nominal with 3 % inflation and 25 % tax; 7,000 salvage (today's prices); 4,000 upkeep
/// and 20,000 savings a year (flat, not escalated: the test models do not escalate).
/// `capital` is added to [alternative.capital], `tail` after the models.
std::string seven_year_press(const std::string& capital = "", const std::string& tail = "") {
    return R"(
[study]
horizon_years = 15
discount_rate = 0.10
inflation = 0.03
tax_rate = 0.25

[[alternative]]
id = "buy"
[alternative.capital]
price = 70000
installation = 5000
salvage_value = 7000
life_years = 7
)" + capital + R"(
[alternative.models.upkeep]
yearly_cost = 4000
[alternative.models.savings]
yearly_benefit = 20000
)" + tail;
}

// Units of the seven-year press (N = 15, L = 7): bought at 0, 7 and 14 (21 is past N).
//   basis = 70000 + 5000 = 75000 (today's prices); escalation index E_k = 1.03^k (x 1.01^k with
//   capital.price = 0.01).
//   unit 0: cost 75000, retired at 7 with salvage 7000 x E_7
//   unit 7: cost 75000 x E_7, retired at 14 with salvage 7000 x E_14
//   unit 14: cost 75000 x E_14, 1 of 7 years old at N: residual (straight line to its salvage at
//            the end of its life, period 21) = C14 + (7000 x E_21 - C14) x (15 - 14) / 7.
//   Tax life = life_years = 7 (depreciation_years not given). Straight line: C / 7 a year from the
//   year after purchase. Unit 0 takes 7 deductions (1..7) and is retired at 7 fully depreciated:
//   gain = salvage. Likewise unit 7 (8..14). Unit 14 takes one deduction (15): book 6/7 C14, gain
//   = residual - 6/7 C14 = 7000 x E_21 / 7.
//   Taxable = 20000 - 4000 - depreciation + gains; tax = -25 % x taxable.

TEST_F(EngineTest, SevenYearLifeInAFifteenYearStudyStraightLine) {
    const StudyResult r = Engine(parse(seven_year_press()), registry()).run();
    ASSERT_EQ(r.alternatives.size(), 1u);
    const AlternativeResult& buy = r.alternatives[0];
    ASSERT_EQ(buy.net.size(), 16u);

    const double c7 = 75000 * std::pow(1.03, 7);    // 92240.53990686526
    const double c14 = 75000 * std::pow(1.03, 14);  // 113444.2293641334
    const double s7 = 7000 * std::pow(1.03, 7);     // 8609.117057974092
    const double s14 = 7000 * std::pow(1.03, 14);   // 10588.128073985783
    const double s21 = 7000 * std::pow(1.03, 21);   // 13022.06200196648
    const double residual = c14 + (s21 - c14) / 7;  // 99098.2054552524
    EXPECT_NEAR(c7, 92240.53990686526, 1e-8);
    EXPECT_NEAR(residual, 99098.2054552524, 1e-8);

    expect_series(line(buy, "capital.price").amounts, at(16, {{0, -70000}}));
    expect_series(line(buy, "capital.installation").amounts, at(16, {{0, -5000}}));
    expect_series(line(buy, "capital.replacement").amounts, at(16, {{7, -c7}, {14, -c14}}));
    expect_series(line(buy, "capital.salvage_value").amounts, at(16, {{7, s7}, {14, s14}}));
    expect_series(line(buy, "capital.residual_value").amounts, at(16, {{15, residual}}));
    EXPECT_TRUE(line(buy, "capital.replacement").is_capital);
    EXPECT_TRUE(line(buy, "capital.replacement").escalation_index.empty());  // no capital.price

    ASSERT_EQ(buy.units.size(), 3u);
    const std::size_t bought[] = {0, 7, 14}, retired[] = {7, 14, 15};
    const double cost[] = {75000, c7, c14}, exit[] = {s7, s14, residual};
    const double book[] = {0, 0, c14 * 6 / 7};  // 0, 0, 97237.9108835429
    for (std::size_t u = 0; u < 3; ++u) {
        EXPECT_EQ(buy.units[u].bought, bought[u]) << u;
        EXPECT_EQ(buy.units[u].retired, retired[u]) << u;
        EXPECT_NEAR(buy.units[u].cost, cost[u], 1e-8) << u;
        EXPECT_NEAR(buy.units[u].value_at_exit, exit[u], 1e-8) << u;
        EXPECT_NEAR(buy.units[u].book_value_at_exit, book[u], 1e-8) << u;
        EXPECT_NEAR(buy.units[u].gain_on_disposal, exit[u] - book[u], 1e-8) << u;
        EXPECT_EQ(buy.units[u].in_service_at_end, u == 2) << u;
        EXPECT_FALSE(buy.units[u].residual_from_user) << u;
    }
    // Gain of the last unit = s21 / 7 = 1860.294571709499; all three 8609.12 + 10588.13 + 1860.29.
    EXPECT_NEAR(buy.units[2].gain_on_disposal, s21 / 7, 1e-8);
    EXPECT_NEAR(buy.gain_on_disposal, s7 + s14 + s21 / 7, 1e-8);

    // Depreciation: 75000 / 7 = 10714.29 in 1..7, c7 / 7 = 13177.22 in 8..14, c14 / 7 = 16206.32
    // at 15.
    V dep(16, 0.0);
    for (std::size_t k = 1; k <= 7; ++k) dep[k] = 75000.0 / 7;
    for (std::size_t k = 8; k <= 14; ++k) dep[k] = c7 / 7;
    dep[15] = c14 / 7;
    expect_series(buy.depreciation, dep);

    // Taxable = 16000 - depreciation + gains: 5285.71 in 1..6; 5285.71 + s7 = 13894.83 at 7;
    // 2822.78 in 8..13; 2822.78 + s14 = 13410.91 at 14; 16000 - 16206.32 + 1860.29 = 1653.98 at 15.
    V taxable(16, 0.0);
    for (std::size_t k = 1; k <= 15; ++k) taxable[k] = 16000 - dep[k];
    taxable[7] += s7;
    taxable[14] += s14;
    taxable[15] += s21 / 7;
    expect_series(buy.taxable_income, taxable);
    EXPECT_NEAR(buy.taxable_income[15], 1653.976091119015, 1e-8);
    // Over the study: 15 x 16000 - (75000 + c7 + c14) + s7 + s14 + residual = 77610.68.
    EXPECT_NEAR(std::accumulate(buy.taxable_income.begin(), buy.taxable_income.end(), 0.0),
                77610.68131621362, 1e-7);
    V tax(16);
    for (std::size_t k = 0; k < 16; ++k) tax[k] = -0.25 * taxable[k];
    expect_series(line(buy, "tax.income_tax").amounts, tax);

    // Net: -75000; 16000 + tax; at 7 and 14 also - replacement + salvage; at 15 + residual:
    // {-75000, 14678.57 x 6, -71105.13, 15294.30 x 6, -90208.83, 114684.71}.
    V net(16);
    for (std::size_t k = 0; k < 16; ++k) net[k] = (k ? 16000 : -75000) + tax[k];
    net[7] += -c7 + s7;
    net[14] += -c14 + s14;
    net[15] += residual;
    expect_series(buy.net, net);
    EXPECT_NEAR(buy.net[7], -71105.13068481327, 1e-8);
    EXPECT_NEAR(buy.net[15], 114684.71143247266, 1e-8);
    // NPV at 10 % of that net (Python): -9677.55158565953; before tax 419.2248538117856.
    EXPECT_NEAR(buy.measures.npv, -9677.55158565953, 1e-7);
    EXPECT_NEAR(buy.pre_tax.npv, 419.2248538117856, 1e-7);
}

TEST_F(EngineTest, SevenYearLifeWithTheMachinePriceEscalating) {
    // capital.price = 0.01 a year on top of 3 % inflation: E_k = (1.03 x 1.01)^k = 1.0403^k.
    const StudyResult r = Engine(parse(seven_year_press("", "[alternative.escalation]\n"
                                                            "capital.price = 0.01\n")),
                                 registry())
                              .run();
    const AlternativeResult& buy = r.alternatives[0];
    const double c7 = 75000 * std::pow(1.0403, 7);    // 98894.34373158771
    const double c14 = 75000 * std::pow(1.0403, 14);  // 130401.21629468563
    const double s7 = 7000 * std::pow(1.0403, 7);     // 9230.138748281519
    const double s14 = 7000 * std::pow(1.0403, 14);   // 12170.780187503991
    const double s21 = 7000 * std::pow(1.0403, 21);   // 16048.284257928228
    const double residual = c14 + (s21 - c14) / 7;    // 114065.08314657742
    EXPECT_NEAR(residual, 114065.08314657742, 1e-8);

    expect_series(line(buy, "capital.replacement").amounts, at(16, {{7, -c7}, {14, -c14}}));
    expect_series(line(buy, "capital.salvage_value").amounts, at(16, {{7, s7}, {14, s14}}));
    expect_series(line(buy, "capital.residual_value").amounts, at(16, {{15, residual}}));
    // The host escalation shows on the replacement line: 1.01^k (inflation is not in it).
    const Line& replacement = line(buy, "capital.replacement");
    ASSERT_EQ(replacement.escalation_index.size(), 16u);
    EXPECT_NEAR(replacement.escalation_index[7], std::pow(1.01, 7), 1e-12);
    EXPECT_NEAR(replacement.escalation_index[15], std::pow(1.01, 15), 1e-12);

    // Depreciation 10714.29 (1..7), c7 / 7 = 14127.76 (8..14), c14 / 7 = 18628.75 (15);
    // taxable at 15 = 16000 - 18628.75 + s21 / 7 (2292.61) = -336.13: a tax saving.
    EXPECT_NEAR(buy.depreciation[8], c7 / 7, 1e-8);
    EXPECT_NEAR(buy.depreciation[15], c14 / 7, 1e-8);
    EXPECT_NEAR(buy.units[2].gain_on_disposal, s21 / 7, 1e-8);
    EXPECT_NEAR(buy.taxable_income[7], 16000 - 75000.0 / 7 + s7, 1e-8);
    EXPECT_NEAR(buy.taxable_income[15], -336.1331481082052, 1e-8);
    // Net {-75000, 14678.57 x 6, -77293.17, 15531.94 x 6, -105741.19, 130149.12}; NPV at 10 %.
    EXPECT_NEAR(buy.net[7], -77293.16824180514, 1e-8);
    EXPECT_NEAR(buy.net[14], -105741.19030650094, 1e-8);
    EXPECT_NEAR(buy.net[15], 130149.11643360447, 1e-8);
    EXPECT_NEAR(buy.measures.npv, -12709.99280766621, 1e-7);
    EXPECT_NEAR(buy.pre_tax.npv, -3142.137622287759, 1e-7);
}

TEST_F(EngineTest, SevenYearLifeWithMacrsSevenYearClass) {
    // MACRS GDS 7-year class (IRS Pub. 946 Table A-1, half-year convention): 14.29, 24.49,
    // 17.49, 12.49, 8.93, 8.92, 8.93, 4.46 %. Each unit takes the table's rates up to its exit:
    //   unit 0: years 1..7 = 95.54 % of 75000; book at 7 = 4.46 % = 3345; gain = s7 - 3345.
    //   unit 7: periods 8..14 the same on c7; book 4.46 % c7 = 4113.93; gain = s14 - 4113.93.
    //   unit 14: 14.29 % of c14 at 15; book 85.71 % c14 = 97233.05; gain = residual - book.
    const StudyResult r = Engine(parse(seven_year_press("depreciation = \"macrs\"\n"
                                                        "depreciation_years = 7\n")),
                                 registry())
                              .run();
    const AlternativeResult& buy = r.alternatives[0];
    EXPECT_EQ(buy.depreciation_method, "macrs");
    const double c7 = 75000 * std::pow(1.03, 7), c14 = 75000 * std::pow(1.03, 14);
    const double s7 = 7000 * std::pow(1.03, 7), s14 = 7000 * std::pow(1.03, 14);
    const double residual = c14 + (7000 * std::pow(1.03, 21) - c14) / 7;
    const double rate[] = {0.1429, 0.2449, 0.1749, 0.1249, 0.0893, 0.0892, 0.0893};

    V dep(16, 0.0);
    for (std::size_t y = 0; y < 7; ++y) {
        dep[1 + y] += 75000 * rate[y];
        dep[8 + y] += c7 * rate[y];
    }
    dep[15] = c14 * 0.1429;
    expect_series(buy.depreciation, dep);
    // e.g. year 2: 24.49 % x 75000 = 18367.5; year 9: 24.49 % x c7 = 22589.71.
    EXPECT_NEAR(buy.depreciation[2], 18367.5, 1e-9);
    EXPECT_NEAR(buy.depreciation[9], 22589.708223191305, 1e-8);

    ASSERT_EQ(buy.units.size(), 3u);
    EXPECT_NEAR(buy.units[0].book_value_at_exit, 3345, 1e-8);
    EXPECT_NEAR(buy.units[0].gain_on_disposal, s7 - 3345, 1e-8);  // 5264.117057974092
    EXPECT_NEAR(buy.units[1].book_value_at_exit, 0.0446 * c7, 1e-8);  // 4113.928079846184
    EXPECT_NEAR(buy.units[1].gain_on_disposal, s14 - 0.0446 * c7, 1e-8);  // 6474.199994139599
    EXPECT_NEAR(buy.units[2].book_value_at_exit, 0.8571 * c14, 1e-7);  // 97233.04898799873
    EXPECT_NEAR(buy.units[2].gain_on_disposal, residual - 0.8571 * c14, 1e-7);  // 1865.156467
    EXPECT_NEAR(buy.gain_on_disposal, 5264.117057974092 + 6474.199994139599 + 1865.156467253677,
                1e-7);

    // Taxable = 16000 - depreciation + gains at 7, 14, 15: {0, 5282.5, -2367.5, 2882.5, 6632.5,
    // 9302.5, 9310, 14566.62, 2818.83, -6589.71, -132.87, 4479.16, 7762.92, 7772.14, 14237.12,
    // 1653.98}; the lines of cash (replacement, salvage, residual) are as with straight line.
    const V taxable = {0,        5282.5,   -2367.5,  2882.5,   6632.5,   9302.5,
                       9310,     14566.617057974092,  2818.826847308954, -6589.708223191305,
                       -132.87042971073424, 4479.156565632529, 7762.919786316932,
                       7772.143840307619,   14237.11978045653, 1653.976091119015};
    expect_series(buy.taxable_income, taxable, 1e-7);
    expect_series(line(buy, "capital.residual_value").amounts, at(16, {{15, residual}}));
    // NPV at 10 % of 16000 - 25 % x taxable and the capital cash: -8819.93 (straight line gave
    // -9677.55: MACRS deducts earlier). Before tax it is the same as with straight line.
    EXPECT_NEAR(buy.measures.npv, -8819.930961457954, 1e-7);
    EXPECT_NEAR(buy.pre_tax.npv, 419.2248538117856, 1e-7);
}

// --- Financing -------------------------------------------------------------------------------

/// 5 years at 10 %, 25 % tax: a 100,000 machine (straight line over the horizon, 20,000 a year)
/// that saves 40,000 a year, 60,000 of it borrowed at 8 % over 3 years (and over 7 years, longer
/// than the study).
const std::string kLoanStudy = R"(
[study]
horizon_years = 5
discount_rate = 0.10
tax_rate = 0.25

[[alternative]]
id = "loan"
[alternative.capital]
price = 100000
[alternative.financing]
loan_amount = 60000
loan_rate = 0.08
loan_term_years = 3
[alternative.models.savings]
yearly_benefit = 40000

[[alternative]]
id = "long_loan"
[alternative.capital]
price = 100000
[alternative.financing]
loan_amount = 60000
loan_rate = 0.08
loan_term_years = 7
[alternative.models.savings]
yearly_benefit = 40000
)";

TEST_F(EngineTest, LoanIsLeveredWithDeductibleInterest) {
    const StudyResult r = Engine(parse(kLoanStudy), registry()).run();
    const AlternativeResult& loan = r.alternatives[0];

    // Payment = 60000 x 0.08 / (1 - 1.08^-3) = 23282.010842779684 (Excel -PMT(8%, 3, 60000)).
    //   year 1: interest 60000 x 8 % = 4800, principal 18482.01, balance 41517.99
    //   year 2: interest 3321.44, principal 19960.57, balance 21557.42
    //   year 3: interest 1724.59, principal 21557.42 (settles the balance), balance 0
    const double payment = 23282.010842779684;
    ASSERT_EQ(loan.loan.size(), 4u);
    EXPECT_EQ(loan.loan[0].period, 0u);
    EXPECT_NEAR(loan.loan[0].balance, 60000, 1e-9);
    EXPECT_EQ(loan.loan[0].payment, 0.0);
    const double interest[] = {4800, 3321.4391325776255, 1724.5933957614611};
    const double principal[] = {18482.010842779684, 19960.571710202057, 21557.417447018262};
    const double balance[] = {41517.98915722032, 21557.417447018262, 0};
    for (std::size_t k = 1; k <= 3; ++k) {
        EXPECT_EQ(loan.loan[k].period, k);
        EXPECT_NEAR(loan.loan[k].payment, payment, 1e-8) << k;
        EXPECT_NEAR(loan.loan[k].interest, interest[k - 1], 1e-8) << k;
        EXPECT_NEAR(loan.loan[k].principal, principal[k - 1], 1e-8) << k;
        EXPECT_NEAR(loan.loan[k].balance, balance[k - 1], 1e-8) << k;
    }
    expect_series(line(loan, "financing.loan_proceeds").amounts, {60000, 0, 0, 0, 0, 0});
    expect_series(line(loan, "financing.loan_interest").amounts,
                  {0, -interest[0], -interest[1], -interest[2], 0, 0});
    expect_series(line(loan, "financing.loan_principal").amounts,
                  {0, -principal[0], -principal[1], -principal[2], 0, 0});
    EXPECT_EQ(line(loan, "financing.loan_interest").tax_treatment, EQROI_TAX_DEDUCTIBLE);
    EXPECT_EQ(line(loan, "financing.loan_principal").tax_treatment, EQROI_TAX_NOT_TAXED);

    // Taxable = 40000 - 20000 depreciation - interest: {0, 15200, 16678.56, 18275.41, 20000,
    // 20000}. The proceeds and principal are not taxed.
    expect_series(loan.taxable_income,
                  {0, 15200, 20000 - interest[1], 20000 - interest[2], 20000, 20000});
    // Net (the owners' flow): -100000 + 60000 = -40000; then 40000 - payment - 25 % x taxable:
    // {-40000, 12917.99, 12548.35, 12149.14, 35000, 35000}.
    expect_series(loan.net, {-40000, 12917.989157220316, 12548.348940364722, 12149.137506160641,
                             35000, 35000});
    EXPECT_NEAR(loan.measures.npv, 36879.70689232979, 1e-7);
    // Before tax: {-40000, 16717.99 x 3, 40000, 40000}.
    expect_series(loan.pre_tax_net, {-40000, 40000 - payment, 40000 - payment, 40000 - payment,
                                     40000, 40000});
    EXPECT_NEAR(loan.pre_tax.npv, 53732.55575785498, 1e-7);
}

TEST_F(EngineTest, LoanLongerThanTheStudyIsRepaidAtTheEnd) {
    const StudyResult r = Engine(parse(kLoanStudy), registry()).run();
    const AlternativeResult& loan = r.alternatives[1];
    // Payment = 60000 x 0.08 / (1 - 1.08^-7) = 11524.344085704624. Interest 4800, 4262.05,
    // 3681.07, 3053.61, 2375.95. Year 5's level payment repays 11524.34 - 2375.95 = 9148.40 of
    // the 29699.35 owed after year 4; the study ends there, so the other 20550.95 is repaid too:
    // principal 29699.35, payment 2375.95 + 29699.35 = 32075.30.
    ASSERT_EQ(loan.loan.size(), 6u);
    EXPECT_NEAR(loan.loan[1].payment, 11524.344085704624, 1e-8);
    EXPECT_NEAR(loan.loan[4].balance, 29699.352423277363, 1e-8);
    EXPECT_NEAR(loan.loan[5].interest, 2375.9481938621893, 1e-8);
    EXPECT_NEAR(loan.loan[5].principal, 29699.352423277363, 1e-8);
    EXPECT_NEAR(loan.loan[5].payment, 32075.300617139554, 1e-8);
    EXPECT_NEAR(loan.loan[5].balance, 0, 1e-9);
    // Net: 40000 - payment - 25 % x (20000 - interest):
    // {-40000, 24675.66, 24541.17, 24395.92, 24239.06, 3518.69}; NPV at 10 %.
    expect_series(loan.net, {-40000, 24675.655914295377, 24541.169032581285, 24395.923200330064,
                             24239.057701498747, 3518.686431325994});
    EXPECT_NEAR(loan.measures.npv, 39783.82051763697, 1e-7);
}

TEST_F(EngineTest, LeaseInAdvanceAndInArrearsWithTax) {
    // 25,000 a year for 4 years, deductible when paid, against 40,000 savings a year; 5 years at
    // 10 %, 25 % tax, nothing bought.
    const StudyResult r = Engine(parse(R"(
[study]
horizon_years = 5
discount_rate = 0.10
tax_rate = 0.25

[[alternative]]
id = "in_advance"
[alternative.financing]
lease_payment = 25000
lease_term_years = 4
lease_timing = "advance"
[alternative.models.savings]
yearly_benefit = 40000

[[alternative]]
id = "in_arrears"
[alternative.financing]
lease_payment = 25000
lease_term_years = 4
lease_timing = "arrears"
[alternative.models.savings]
yearly_benefit = 40000
)"),
                                        registry())
                                 .run();
    const AlternativeResult& advance = r.alternatives[0];
    const AlternativeResult& arrears = r.alternatives[1];

    // In advance: payments at 0..3. Taxable {-25000, 15000, 15000, 15000, 40000, 40000};
    // net = pre-tax - 25 % x taxable = {-18750, 11250, 11250, 11250, 30000, 30000}.
    const Line& paid_ahead = line(advance, "financing.lease_payment");
    expect_series(paid_ahead.amounts, {-25000, -25000, -25000, -25000, 0, 0});
    EXPECT_EQ(paid_ahead.category, EQROI_CATEGORY_LEASE);
    EXPECT_EQ(paid_ahead.tax_treatment, EQROI_TAX_DEDUCTIBLE);
    expect_series(advance.taxable_income, {-25000, 15000, 15000, 15000, 40000, 40000});
    expect_series(advance.net, {-18750, 11250, 11250, 11250, 30000, 30000});
    // NPV = -18750 + 11250 (1/1.1 + 1/1.21 + 1/1.331) + 30000 (1/1.4641 + 1/1.61051).
    EXPECT_NEAR(advance.measures.npv, 48345.12825129926, 1e-7);
    EXPECT_NEAR(advance.pre_tax.npv, 64460.17100173235, 1e-7);
    EXPECT_TRUE(advance.loan.empty());

    // In arrears: payments at 1..4; net {0, 11250 x 4, 30000}.
    expect_series(line(arrears, "financing.lease_payment").amounts,
                  {0, -25000, -25000, -25000, -25000, 0});
    expect_series(arrears.taxable_income, {0, 15000, 15000, 15000, 15000, 40000});
    expect_series(arrears.net, {0, 11250, 11250, 11250, 11250, 30000});
    EXPECT_NEAR(arrears.measures.npv, 54288.62596320419, 1e-7);
    EXPECT_NEAR(arrears.pre_tax.npv, 72384.83461760558, 1e-7);
    // Paying a year later is worth exactly the after-tax payments' time value:
    // 18750 x (1 - 1/1.4641) = 5943.50 more.
    EXPECT_NEAR(arrears.measures.npv - advance.measures.npv, 18750 * (1 - 1 / 1.4641), 1e-7);
}

}  // namespace
}  // namespace eqroi::test
