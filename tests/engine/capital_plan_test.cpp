// The capital plan of an alternative against hand calculations written out below: purchases
// and replacements, salvage and residual value, tax depreciation and gains on disposal, a loan,
// a lease, a monthly study and a constant-dollar study. Amounts are checked to the cent
// (0.005) where the comment gives them rounded, exactly (1e-6) where it gives a formula.
#include "capital_plan.hpp"

#include <gtest/gtest.h>

#include <cmath>
#include <numeric>
#include <stdexcept>
#include <string>
#include <vector>

using namespace eqroi;
using namespace eqroi::engine_detail;
using V = std::vector<double>;

namespace {

constexpr double kCent = 0.005;

StudySettings study(int years, PeriodUnit unit = PeriodUnit::year, Dollars dollars = Dollars::nominal,
                    double inflation = 0) {
    StudySettings s;
    s.horizon_years = years;
    s.periods = unit;
    s.dollars = dollars;
    s.inflation = inflation;
    return s;
}

/// (1 + rate)^(k / ppy) for k = 0..N: the general index the engine passes, or a price escalation.
V index(double rate, const StudySettings& s) {
    V out(static_cast<std::size_t>(s.period_count()) + 1);
    for (std::size_t k = 0; k < out.size(); ++k)
        out[k] = std::pow(1 + rate, static_cast<double>(k) / s.periods_per_year());
    return out;
}

Alternative alternative() {
    Alternative a;
    a.id = "buy";
    a.name = "Buy";
    return a;
}

const Line* find(const CapitalPlan& plan, const std::string& key) {
    for (const Line& line : plan.lines)
        if (line.key == key) return &line;
    return nullptr;
}

/// The amounts of a line, or all zero when the plan left it out.
V amounts(const CapitalPlan& plan, const std::string& key) {
    const Line* line = find(plan, key);
    return line ? line->amounts : V(plan.net.size(), 0.0);
}

/// Only the listed periods carry an amount; every other one is exactly 0.
void expect_only(const V& row, const std::vector<std::pair<std::size_t, double>>& at, double tol,
                 const char* what) {
    V expected(row.size(), 0.0);
    for (auto [k, v] : at) expected[k] = v;
    ASSERT_EQ(row.size(), expected.size()) << what;
    for (std::size_t k = 0; k < row.size(); ++k)
        EXPECT_NEAR(row[k], expected[k], tol) << what << ", period " << k;
}

double sum(const V& v) { return std::accumulate(v.begin(), v.end(), 0.0); }

}  // namespace

// --- depreciation_fractions ----------------------------------------------------------------------

TEST(DepreciationFractions, YearlyScheduleSpreadOverItsPeriods) {
    // Straight line over 5 years, yearly: 0.2 x 5. Monthly: 60 periods of 0.2 / 12.
    const V yearly = depreciation_fractions(depreciation::Method::straight_line, 5, 2, 1);
    ASSERT_EQ(yearly.size(), 5u);
    for (double f : yearly) EXPECT_NEAR(f, 0.2, 1e-15);
    const V monthly = depreciation_fractions(depreciation::Method::straight_line, 5, 2, 12);
    ASSERT_EQ(monthly.size(), 60u);
    for (double f : monthly) EXPECT_NEAR(f, 0.2 / 12, 1e-15);
    // MACRS 7-year, monthly: 8 tax years x 12; months 1-12 each 14.29 % / 12, months 85-96 each
    // 4.46 % / 12 (Pub. 946 Table A-1); the whole adds up to 1.
    const V macrs = depreciation_fractions(depreciation::Method::macrs, 7, 2, 12);
    ASSERT_EQ(macrs.size(), 96u);
    EXPECT_NEAR(macrs[0], 0.1429 / 12, 1e-15);
    EXPECT_NEAR(macrs[11], 0.1429 / 12, 1e-15);
    EXPECT_NEAR(macrs[12], 0.2449 / 12, 1e-15);
    EXPECT_NEAR(macrs[95], 0.0446 / 12, 1e-15);
    EXPECT_NEAR(sum(macrs), 1.0, 1e-12);
    // Double declining over 5 years switches to straight line in year 4: 0.4, 0.24, 0.144, 0.108,
    // 0.108 (see depreciation_test), sum 1.
    const V db = depreciation_fractions(depreciation::Method::declining_balance, 5, 2, 1);
    const V by_hand{0.4, 0.24, 0.144, 0.108, 0.108};
    for (std::size_t y = 0; y < 5; ++y) EXPECT_NEAR(db[y], by_hand[y], 1e-12);
    EXPECT_THROW(depreciation_fractions(depreciation::Method::macrs, 8, 2, 1), std::invalid_argument);
}

// --- purchases, replacements, salvage and residual value ------------------------------------------

TEST(CapitalPlan, SevenYearLifeInFifteenYearStudy) {
    // Price 60,000 + installation 10,000 = 70,000 today; salvage 7,000 today; life 7 years;
    // 15-year nominal study; straight-line tax depreciation over the life (depreciation_years 0).
    // Prices rise 2 % a year: once as general inflation, once as an escalation of capital.price
    // over a flat general index; both give the same nominal amounts.
    //
    // Units (escalation factor 1.02^k):
    //   bought 0:  cost 70,000;                 retired 7, salvage 7,000 x 1.02^7  = 8,040.80
    //   bought 7:  cost 70,000 x 1.02^7  = 80,408.00; retired 14, salvage 7,000 x 1.02^14 = 9,236.35
    //   bought 14: cost 70,000 x 1.02^14 = 92,363.51; its life would end at 21, with salvage
    //              7,000 x 1.02^21 = 10,609.66; at 15 it is 1/7 through its life, so its residual
    //              value is 92,363.51 - (92,363.51 - 10,609.66) / 7 = 80,684.39.
    // Depreciation (each unit to zero over 7 years, from the period after purchase):
    //   periods 1-7: 70,000 / 7 = 10,000; 8-14: 80,408.00 / 7 = 11,486.86; 15: 92,363.51 / 7 =
    //   13,194.79, leaving a book value of 6/7 x 92,363.51 = 79,168.73 at 15.
    // Gains: 8,040.80 at 7 and 9,236.35 at 14 (book 0), 80,684.39 - 79,168.73 = 1,515.67 at 15.
    // Taxable: period 7: -10,000 + 8,040.80 = -1,959.20; 14: -11,486.86 + 9,236.35 = -2,250.51;
    //   15: -13,194.79 + 1,515.67 = -11,679.12.
    const StudySettings s = study(15);
    Alternative a = alternative();
    a.capital.price = 60000;
    a.capital.installation = 10000;
    a.capital.salvage_value = 7000;
    a.capital.life_years = 7;
    const V flat(16, 1.0), two_percent = index(0.02, s);
    for (bool as_price_escalation : {false, true}) {
        SCOPED_TRACE(as_price_escalation ? "capital.price escalation" : "general inflation");
        const CapitalPlan p = as_price_escalation ? plan_capital(s, a, flat, two_percent)
                                                  : plan_capital(s, a, two_percent, flat);
        ASSERT_EQ(p.units.size(), 3u);
        const std::size_t bought[] = {0, 7, 14}, retired[] = {7, 14, 15};
        const double cost[] = {70000, 80408.00, 92363.51}, value[] = {8040.80, 9236.35, 80684.39},
                     book[] = {0, 0, 79168.73}, gain[] = {8040.80, 9236.35, 1515.67};
        for (std::size_t u = 0; u < 3; ++u) {
            EXPECT_EQ(p.units[u].bought, bought[u]);
            EXPECT_EQ(p.units[u].retired, retired[u]);
            EXPECT_EQ(p.units[u].in_service_at_end, u == 2);
            EXPECT_FALSE(p.units[u].residual_from_user);
            EXPECT_NEAR(p.units[u].cost, cost[u], kCent) << u;
            EXPECT_NEAR(p.units[u].value_at_exit, value[u], kCent) << u;
            EXPECT_NEAR(p.units[u].book_value_at_exit, book[u], kCent) << u;
            EXPECT_NEAR(p.units[u].gain_on_disposal, gain[u], kCent) << u;
        }
        expect_only(amounts(p, "capital.price"), {{0, -60000}}, 1e-9, "price");
        expect_only(amounts(p, "capital.installation"), {{0, -10000}}, 1e-9, "installation");
        expect_only(amounts(p, "capital.replacement"), {{7, -80408.00}, {14, -92363.51}}, kCent,
                    "replacement");
        expect_only(amounts(p, "capital.salvage_value"), {{7, 8040.80}, {14, 9236.35}}, kCent,
                    "salvage");
        expect_only(amounts(p, "capital.residual_value"), {{15, 80684.39}}, kCent, "residual");
        // Exact: residual = cost x 6/7 + salvage at 21 / 7.
        EXPECT_NEAR(amounts(p, "capital.residual_value")[15],
                    70000 * std::pow(1.02, 14) * 6 / 7 + 7000 * std::pow(1.02, 21) / 7, 1e-6);
        for (std::size_t k = 1; k <= 15; ++k) {
            const double d = k <= 7 ? 10000 : k <= 14 ? 11486.86 : 13194.79;
            EXPECT_NEAR(p.depreciation[k], d, kCent) << k;
        }
        EXPECT_EQ(p.depreciation[0], 0.0);
        EXPECT_NEAR(p.taxable[7], -1959.20, kCent);
        EXPECT_NEAR(p.taxable[14], -2250.51, kCent);
        EXPECT_NEAR(p.taxable[15], -11679.12, kCent);
        EXPECT_NEAR(p.taxable[3], -10000, 1e-9);
        // net: -70,000 at 0; 8,040.80 - 80,408.00 = -72,367.20 at 7; 9,236.35 - 92,363.51 =
        // -83,127.16 at 14; 80,684.39 at 15.
        expect_only(p.net, {{0, -70000}, {7, -72367.20}, {14, -83127.16}, {15, 80684.39}}, kCent,
                    "net");
        // The escalation of capital.price shows on the lines it shaped.
        const Line* replacement = find(p, "capital.replacement");
        ASSERT_NE(replacement, nullptr);
        EXPECT_EQ(replacement->escalation_index.empty(), !as_price_escalation);
        EXPECT_TRUE(find(p, "capital.price")->escalation_index.empty());
        EXPECT_TRUE(p.loan.empty());
    }
}

TEST(CapitalPlan, Macrs7SoldInsideItsTaxLife) {
    // Price 90,000 + installation 10,000 = basis 100,000; MACRS 7-year property; no service
    // life (the machine lasts the 5-year study) and sold at 5 for 30,000.
    // Pub. 946 Table A-1, years 1-5: 14.29 + 24.49 + 17.49 + 12.49 + 8.93 = 77.69 %
    //   -> deductions 14,290, 24,490, 17,490, 12,490, 8,930 (77,690); book at 5 = 22,310.
    // Gain = sale - book = 30,000 - 22,310 = 7,690 (recapture), taxable at 5:
    //   -8,930 + 7,690 = -1,240.
    const StudySettings s = study(5);
    Alternative a = alternative();
    a.capital.price = 90000;
    a.capital.installation = 10000;
    a.capital.salvage_value = 30000;
    a.capital.depreciation = depreciation::Method::macrs;
    a.capital.depreciation_years = 7;
    const CapitalPlan p = plan_capital(s, a, V(6, 1.0), V(6, 1.0));
    expect_only(p.depreciation, {{1, 14290}, {2, 24490}, {3, 17490}, {4, 12490}, {5, 8930}}, 1e-6,
                "depreciation");
    ASSERT_EQ(p.units.size(), 1u);
    EXPECT_TRUE(p.units[0].in_service_at_end);
    EXPECT_NEAR(p.units[0].book_value_at_exit, 22310, 1e-6);
    EXPECT_NEAR(p.units[0].value_at_exit, 30000, 1e-9);
    EXPECT_NEAR(p.units[0].gain_on_disposal, 7690, 1e-6);
    EXPECT_NEAR(p.taxable[5], -1240, 1e-6);
    expect_only(amounts(p, "capital.salvage_value"), {{5, 30000}}, 1e-9, "salvage");
    EXPECT_EQ(find(p, "capital.residual_value"), nullptr);
}

TEST(CapitalPlan, RetirementAtALossAndALifeEndingAtTheHorizon) {
    // Price 10,000, MACRS 7-year, service life 3 years, 6-year study, salvage 2,000, no
    // escalation. Each unit deducts 1,429, 2,449, 1,749 (14.29, 24.49, 17.49 %), leaving a book
    // value of 4,373 when sold for 2,000: a loss of 2,373. Taxable at 3 and at 6:
    // -1,749 - 2,373 = -4,122.
    // The second unit's life ends exactly at the horizon (6): it is retired there at its salvage
    // value like the first, so the residual_value written (5,000, for a unit still in service)
    // does not apply and there is no residual line.
    const StudySettings s = study(6);
    Alternative a = alternative();
    a.capital.price = 10000;
    a.capital.salvage_value = 2000;
    a.capital.life_years = 3;
    a.capital.residual_value = 5000;
    a.capital.depreciation = depreciation::Method::macrs;
    a.capital.depreciation_years = 7;
    const CapitalPlan p = plan_capital(s, a, V(7, 1.0), V(7, 1.0));
    ASSERT_EQ(p.units.size(), 2u);
    for (const CapitalUnit& u : p.units) {
        EXPECT_FALSE(u.in_service_at_end);
        EXPECT_NEAR(u.book_value_at_exit, 4373, 1e-6);
        EXPECT_NEAR(u.gain_on_disposal, -2373, 1e-6);
    }
    EXPECT_EQ(p.units[1].bought, 3u);
    EXPECT_EQ(p.units[1].retired, 6u);
    expect_only(p.depreciation, {{1, 1429}, {2, 2449}, {3, 1749}, {4, 1429}, {5, 2449}, {6, 1749}},
                1e-6, "depreciation");
    expect_only(p.taxable, {{1, -1429}, {2, -2449}, {3, -4122}, {4, -1429}, {5, -2449}, {6, -4122}},
                1e-6, "taxable");
    expect_only(amounts(p, "capital.replacement"), {{3, -10000}}, 1e-9, "replacement");
    expect_only(amounts(p, "capital.salvage_value"), {{3, 2000}, {6, 2000}}, 1e-9, "salvage");
    EXPECT_EQ(find(p, "capital.residual_value"), nullptr);
}

TEST(CapitalPlan, ResidualValueAsWritten) {
    // Price 50,000, life 7, 10-year study, residual_value 20,000, straight line over 7 years.
    // The unit bought at 7 (50,000, no escalation) deducts 50,000 / 7 = 7,142.86 in 8, 9, 10:
    // book at 10 = 50,000 - 21,428.57 = 28,571.43; worth 20,000 -> a loss of 8,571.43.
    // The first unit retires at 7 with salvage 0: no salvage line, a gain of 0 - 0.
    const StudySettings s = study(10);
    Alternative a = alternative();
    a.capital.price = 50000;
    a.capital.life_years = 7;
    a.capital.residual_value = 20000;
    const CapitalPlan p = plan_capital(s, a, V(11, 1.0), V(11, 1.0));
    ASSERT_EQ(p.units.size(), 2u);
    EXPECT_TRUE(p.units[1].residual_from_user);
    EXPECT_NEAR(p.units[1].book_value_at_exit, 28571.43, kCent);
    EXPECT_NEAR(p.units[1].gain_on_disposal, -8571.43, kCent);
    EXPECT_NEAR(p.units[0].gain_on_disposal, 0, 1e-9);
    expect_only(amounts(p, "capital.residual_value"), {{10, 20000}}, 1e-9, "residual");
    EXPECT_EQ(find(p, "capital.salvage_value"), nullptr);
    EXPECT_NEAR(p.taxable[10], -7142.86 - 8571.43, kCent);
}

// --- financing --------------------------------------------------------------------------------

TEST(CapitalPlan, LoanAmortisationMatchesPmt) {
    // 10,000 at 8 % over 3 years, 5-year study. Payment = -PMT(8 %, 3, 10000) = 3,880.34.
    //   year 1: interest 10,000 x 8 % = 800.00, principal 3,080.34, balance 6,919.66
    //   year 2: interest 553.57, principal 3,326.76, balance 3,592.90
    //   year 3: interest 287.43, principal 3,592.90, balance 0
    // Interest is deductible (taxable -800.00, -553.57, -287.43), principal is not.
    const StudySettings s = study(5);
    Alternative a = alternative();
    a.financing.loan_amount = 10000;
    a.financing.loan_rate = 0.08;
    a.financing.loan_term_years = 3;
    const CapitalPlan p = plan_capital(s, a, V(6, 1.0), V(6, 1.0));
    const double payment = -finance::pmt(0.08, 3, 10000);
    EXPECT_NEAR(payment, 3880.34, kCent);
    ASSERT_EQ(p.loan.size(), 4u);
    EXPECT_EQ(p.loan[0].period, 0u);
    EXPECT_NEAR(p.loan[0].balance, 10000, 1e-9);
    const double interest[] = {800.00, 553.57, 287.43}, principal[] = {3080.34, 3326.76, 3592.90},
                 balance[] = {6919.66, 3592.90, 0};
    for (std::size_t k = 1; k <= 3; ++k) {
        EXPECT_EQ(p.loan[k].period, k);
        EXPECT_NEAR(p.loan[k].payment, payment, 1e-9) << k;
        EXPECT_NEAR(p.loan[k].interest, interest[k - 1], kCent) << k;
        EXPECT_NEAR(p.loan[k].principal, principal[k - 1], kCent) << k;
        EXPECT_NEAR(p.loan[k].balance, balance[k - 1], kCent) << k;
    }
    EXPECT_EQ(p.loan[3].balance, 0.0);
    expect_only(amounts(p, "financing.loan_proceeds"), {{0, 10000}}, 1e-9, "proceeds");
    expect_only(amounts(p, "financing.loan_interest"), {{1, -800}, {2, -553.57}, {3, -287.43}},
                kCent, "interest");
    expect_only(p.taxable, {{1, -800}, {2, -553.57}, {3, -287.43}}, kCent, "taxable");
    EXPECT_NEAR(sum(amounts(p, "financing.loan_principal")), -10000, 1e-9);
    // Net: +10,000 at 0, then the payments.
    expect_only(p.net, {{0, 10000}, {1, -payment}, {2, -payment}, {3, -payment}}, 1e-9, "net");
}

TEST(CapitalPlan, LoanLongerThanTheStudyIsRepaidAtTheEnd) {
    // 10,000 at 8 % over 5 years in a 3-year study. Payment -PMT(8 %, 5, 10000) = 2,504.56.
    //   year 1: interest 800.00, principal 1,704.56, balance 8,295.44
    //   year 2: interest 663.63, principal 1,840.93, balance 6,454.51
    //   year 3: interest 516.36, principal 1,988.20 + the 4,466.30 still owed = 6,454.51;
    //           payment 516.36 + 6,454.51 = 6,970.87
    // (check: 10,000 x 1.08^3 - 2,504.56 x (1.08^3 - 1) / 0.08 = 4,466.30 owed after 3 years).
    const StudySettings s = study(3);
    Alternative a = alternative();
    a.financing.loan_amount = 10000;
    a.financing.loan_rate = 0.08;
    a.financing.loan_term_years = 5;
    const CapitalPlan p = plan_capital(s, a, V(4, 1.0), V(4, 1.0));
    ASSERT_EQ(p.loan.size(), 4u);
    EXPECT_NEAR(p.loan[1].payment, 2504.56, kCent);
    EXPECT_NEAR(p.loan[2].interest, 663.63, kCent);
    EXPECT_NEAR(p.loan[3].interest, 516.36, kCent);
    EXPECT_NEAR(p.loan[3].principal, 6454.51, kCent);
    EXPECT_NEAR(p.loan[3].payment, 6970.87, kCent);
    EXPECT_EQ(p.loan[3].balance, 0.0);
    const double owed = 10000 * std::pow(1.08, 3) - 2504.564545668364 * (std::pow(1.08, 3) - 1) / 0.08;
    EXPECT_NEAR(p.loan[3].principal - (2504.564545668364 - p.loan[3].interest), owed, 1e-6);
    EXPECT_NEAR(sum(amounts(p, "financing.loan_principal")), -10000, 1e-9);
}

TEST(CapitalPlan, LeaseInAdvanceAndInArrears) {
    // 1,000 a year, 5-year study. A 3-year lease in advance pays at 0, 1, 2; in arrears at 1, 2,
    // 3. With no term (the horizon): 0..4 in advance, 1..5 in arrears. Deductible when paid.
    const StudySettings s = study(5);
    Alternative a = alternative();
    a.financing.lease_payment = 1000;
    a.financing.lease_term_years = 3;
    a.financing.lease_in_advance = true;
    CapitalPlan p = plan_capital(s, a, V(6, 1.0), V(6, 1.0));
    expect_only(amounts(p, "financing.lease_payment"), {{0, -1000}, {1, -1000}, {2, -1000}}, 1e-9,
                "3-year lease in advance");
    expect_only(p.taxable, {{0, -1000}, {1, -1000}, {2, -1000}}, 1e-9, "taxable in advance");
    const Line* lease = find(p, "financing.lease_payment");
    ASSERT_NE(lease, nullptr);
    EXPECT_EQ(lease->source, "financing");
    EXPECT_EQ(lease->category, eqroi_category{EQROI_CATEGORY_LEASE});
    EXPECT_EQ(lease->tax_treatment, eqroi_tax_treatment{EQROI_TAX_DEDUCTIBLE});
    EXPECT_FALSE(lease->is_capital);

    a.financing.lease_in_advance = false;
    p = plan_capital(s, a, V(6, 1.0), V(6, 1.0));
    expect_only(amounts(p, "financing.lease_payment"), {{1, -1000}, {2, -1000}, {3, -1000}}, 1e-9,
                "3-year lease in arrears");
    expect_only(p.taxable, {{1, -1000}, {2, -1000}, {3, -1000}}, 1e-9, "taxable in arrears");

    a.financing.lease_term_years = 0;
    p = plan_capital(s, a, V(6, 1.0), V(6, 1.0));
    expect_only(amounts(p, "financing.lease_payment"),
                {{1, -1000}, {2, -1000}, {3, -1000}, {4, -1000}, {5, -1000}}, 1e-9,
                "horizon lease in arrears");
    a.financing.lease_in_advance = true;
    p = plan_capital(s, a, V(6, 1.0), V(6, 1.0));
    expect_only(amounts(p, "financing.lease_payment"),
                {{0, -1000}, {1, -1000}, {2, -1000}, {3, -1000}, {4, -1000}}, 1e-9,
                "horizon lease in advance");
}

// --- monthly and constant-dollar studies ----------------------------------------------------------

TEST(CapitalPlan, MonthlyStudy) {
    // A 2-year study by months (24 periods). Price 12,000, straight line over 3 tax years,
    // sold at month 24 for 5,000. Each tax year's 4,000 is spread over its 12 months: 333.33 a
    // month in periods 1-24; book at 24 = 12,000 - 8,000 = 4,000; gain 1,000;
    // taxable at 24 = -333.33 + 1,000 = 666.67.
    // Loan 12,000 at 12 % a year over 1 year, monthly: rate 1.12^(1/12) - 1 = 0.948879 %;
    // month 1 interest 12,000 x 0.948879 % = 113.87; payment -PMT(0.948879 %, 12, 12000)
    // = 1,062.74 (12 of them repay the 12,000 exactly, by month 12).
    // Lease 500 a month in arrears for 1 year: months 1-12.
    const StudySettings s = study(2, PeriodUnit::month);
    Alternative a = alternative();
    a.capital.price = 12000;
    a.capital.salvage_value = 5000;
    a.capital.depreciation_years = 3;
    a.financing.loan_amount = 12000;
    a.financing.loan_rate = 0.12;
    a.financing.loan_term_years = 1;
    a.financing.lease_payment = 500;
    a.financing.lease_term_years = 1;
    a.financing.lease_in_advance = false;
    const CapitalPlan p = plan_capital(s, a, V(25, 1.0), V(25, 1.0));
    ASSERT_EQ(p.depreciation.size(), 25u);
    EXPECT_EQ(p.depreciation[0], 0.0);
    for (std::size_t k = 1; k <= 24; ++k) EXPECT_NEAR(p.depreciation[k], 4000.0 / 12, 1e-9) << k;
    EXPECT_NEAR(p.units[0].book_value_at_exit, 4000, 1e-6);
    EXPECT_NEAR(p.units[0].gain_on_disposal, 1000, 1e-6);

    const double rate = std::pow(1.12, 1.0 / 12) - 1;
    EXPECT_NEAR(rate, 0.00948879, 1e-8);
    ASSERT_EQ(p.loan.size(), 13u);
    EXPECT_NEAR(p.loan[1].interest, 113.87, kCent);
    EXPECT_NEAR(p.loan[1].payment, 1062.74, kCent);
    EXPECT_NEAR(p.loan[1].payment, -finance::pmt(rate, 12, 12000), 1e-9);
    EXPECT_EQ(p.loan[12].balance, 0.0);
    EXPECT_NEAR(sum(amounts(p, "financing.loan_principal")), -12000, 1e-9);
    const V interest = amounts(p, "financing.loan_interest");
    for (std::size_t k = 13; k <= 24; ++k) EXPECT_EQ(interest[k], 0.0) << k;

    const V lease = amounts(p, "financing.lease_payment");
    for (std::size_t k = 0; k <= 24; ++k) EXPECT_EQ(lease[k], k >= 1 && k <= 12 ? -500.0 : 0.0) << k;
    // Taxable at 24: depreciation and gain only (loan and lease are over).
    EXPECT_NEAR(p.taxable[24], 1000 - 4000.0 / 12, 1e-9);
    // Month 1: -333.33 depreciation - 113.87 interest - 500 lease.
    EXPECT_NEAR(p.taxable[1], -4000.0 / 12 - 12000 * rate - 500, 1e-9);
}

TEST(CapitalPlan, ConstantDollarStudyDeflatesNominalTaxItems) {
    // Constant dollars, inflation 3 %, 3 years; G_k = 1.03^k. Price 10,000 and salvage 1,000 are
    // in today's dollars; straight line over 3 years on the nominal cost.
    // Depreciation is 3,333.33 nominal a year, in constant dollars 3,333.33 / 1.03^k:
    //   3,236.25, 3,141.99, 3,050.47.
    // Salvage: 1,000 constant = 1,092.73 nominal at 3; book 0, so the gain is 1,000 constant.
    // Loan 10,000 at 8 % (nominal) over 3 years: nominal payment 3,880.34, interest 800.00,
    //   553.57, 287.43; in constant dollars payment 3,767.32, 3,657.59, 3,551.06 and interest
    //   776.70, 521.80, 263.04.
    // Taxable (constant): 1: -3,236.25 - 776.70 = -4,012.94; 2: -3,141.99 - 521.80 = -3,663.78;
    //   3: -3,050.47 + 1,000 - 263.04 = -2,313.51.
    const StudySettings s = study(3, PeriodUnit::year, Dollars::constant, 0.03);
    Alternative a = alternative();
    a.capital.price = 10000;
    a.capital.salvage_value = 1000;
    a.financing.loan_amount = 10000;
    a.financing.loan_rate = 0.08;
    a.financing.loan_term_years = 3;
    const CapitalPlan p = plan_capital(s, a, index(0.03, s), V(4, 1.0));
    expect_only(p.depreciation, {{1, 3236.25}, {2, 3141.99}, {3, 3050.47}}, kCent, "depreciation");
    expect_only(amounts(p, "capital.price"), {{0, -10000}}, 1e-9, "price");
    expect_only(amounts(p, "capital.salvage_value"), {{3, 1000}}, 1e-9, "salvage");
    EXPECT_NEAR(p.units[0].gain_on_disposal, 1000, 1e-9);
    expect_only(amounts(p, "financing.loan_interest"), {{1, -776.70}, {2, -521.80}, {3, -263.04}},
                kCent, "interest");
    EXPECT_NEAR(p.loan[1].payment, 3767.32, kCent);
    EXPECT_NEAR(p.loan[2].payment, 3657.59, kCent);
    EXPECT_NEAR(p.loan[3].payment, 3551.06, kCent);
    expect_only(p.taxable, {{1, -4012.94}, {2, -3663.78}, {3, -2313.51}}, kCent, "taxable");
    // Every line is in constant dollars, so net is their sum in constant dollars.
    for (std::size_t k = 0; k < 4; ++k) {
        double total = 0;
        for (const Line& line : p.lines) total += line.amounts[k];
        EXPECT_NEAR(p.net[k], total, 1e-9);
    }
}

TEST(CapitalPlan, ConstantDollarAmountsAsWrittenStayAsWritten) {
    // A service life with a written residual value comes out as written in a constant-dollar
    // study; a replacement is today's price times the escalation of capital.price only
    // (general inflation cancels): 10,000 x 1.01^2 at 2. A lease payment is a contract amount
    // fixed in money, like a loan's: 1,000 a year in arrears at 3 % inflation is
    // 1,000 / 1.03 = 970.87, 1,000 / 1.0609 = 942.60, 1,000 / 1.092727 = 915.14 constant dollars.
    const StudySettings s = study(3, PeriodUnit::year, Dollars::constant, 0.03);
    Alternative a = alternative();
    a.capital.price = 10000;
    a.capital.life_years = 2;
    a.capital.residual_value = 4000;
    a.financing.lease_payment = 1000;
    a.financing.lease_in_advance = false;
    const CapitalPlan p = plan_capital(s, a, index(0.03, s), index(0.01, s));
    expect_only(amounts(p, "financing.lease_payment"),
                {{1, -970.873786}, {2, -942.595909}, {3, -915.141659}}, 1e-6, "lease");
    expect_only(amounts(p, "capital.residual_value"), {{3, 4000}}, 1e-9, "residual");
    expect_only(amounts(p, "capital.replacement"), {{2, -10000 * 1.0201}}, 1e-9, "replacement");
}

// --- the lines themselves ---------------------------------------------------------------------

TEST(CapitalPlan, LinesInOrderWithTheirTreatment) {
    const StudySettings s = study(8);
    Alternative a = alternative();
    a.capital.price = 100;
    a.capital.installation = 10;
    a.capital.commissioning = 5;
    a.capital.trade_in = 20;
    a.capital.disposal_cost = 3;
    a.capital.salvage_value = 7;
    a.capital.life_years = 5;
    a.financing.loan_amount = 50;
    a.financing.loan_rate = 0.05;
    a.financing.loan_term_years = 4;
    a.financing.lease_payment = 2;
    const CapitalPlan p = plan_capital(s, a, V(9, 1.0), V(9, 1.0));
    struct Expect {
        const char* key;
        const char* source;
        eqroi_tax_treatment tax;
    };
    const Expect expected[] = {
        {"capital.price", "capital", EQROI_TAX_CAPITALISED},
        {"capital.installation", "capital", EQROI_TAX_CAPITALISED},
        {"capital.commissioning", "capital", EQROI_TAX_CAPITALISED},
        {"capital.trade_in", "capital", EQROI_TAX_NOT_TAXED},
        {"capital.disposal_cost", "capital", EQROI_TAX_NOT_TAXED},
        {"capital.replacement", "capital", EQROI_TAX_CAPITALISED},
        {"capital.salvage_value", "capital", EQROI_TAX_CAPITALISED},
        {"capital.residual_value", "capital", EQROI_TAX_CAPITALISED},
        {"financing.loan_proceeds", "financing", EQROI_TAX_NOT_TAXED},
        {"financing.loan_interest", "financing", EQROI_TAX_DEDUCTIBLE},
        {"financing.loan_principal", "financing", EQROI_TAX_NOT_TAXED},
        {"financing.lease_payment", "financing", EQROI_TAX_DEDUCTIBLE},
    };
    ASSERT_EQ(p.lines.size(), std::size(expected));
    for (std::size_t i = 0; i < p.lines.size(); ++i) {
        EXPECT_EQ(p.lines[i].key, expected[i].key);
        EXPECT_EQ(p.lines[i].source, expected[i].source) << expected[i].key;
        EXPECT_EQ(p.lines[i].tax_treatment, expected[i].tax) << expected[i].key;
        EXPECT_EQ(p.lines[i].is_capital, std::string(expected[i].source) == "capital") << expected[i].key;
        EXPECT_FALSE(p.lines[i].label.empty());
        EXPECT_EQ(p.lines[i].amounts.size(), 9u);
    }
    // Signs at 0: -100 - 10 - 5 + 20 - 3 + 50 (loan) - 2 (lease in advance) = -50.
    EXPECT_NEAR(p.net[0], -50, 1e-12);
    // Replacement at 5 (8 > 5), salvage of the first unit at 5, residual of the second at 8.
    EXPECT_NEAR(amounts(p, "capital.replacement")[5], -115, 1e-12);
    EXPECT_NEAR(amounts(p, "capital.salvage_value")[5], 7, 1e-12);
}

TEST(CapitalPlan, AllZeroLinesAreLeftOut) {
    // A bare price: one line, one unit, straight line over the 4-year horizon: 250 a year.
    const StudySettings s = study(4);
    Alternative a = alternative();
    a.capital.price = 1000;
    const CapitalPlan p = plan_capital(s, a, V(5, 1.0), V(5, 1.0));
    ASSERT_EQ(p.lines.size(), 1u);
    EXPECT_EQ(p.lines[0].key, "capital.price");
    expect_only(p.depreciation, {{1, 250}, {2, 250}, {3, 250}, {4, 250}}, 1e-9, "depreciation");
    EXPECT_TRUE(p.loan.empty());
    // Nothing at all: no line, zero rows of the right width.
    const CapitalPlan empty = plan_capital(s, alternative(), V(5, 1.0), V(5, 1.0));
    EXPECT_TRUE(empty.lines.empty());
    EXPECT_EQ(empty.net, V(5, 0.0));
    EXPECT_EQ(empty.taxable, V(5, 0.0));
}

TEST(CapitalPlan, BadInputIsAClearError) {
    const StudySettings s = study(5);
    Alternative a = alternative();
    a.capital.price = 1000;
    a.capital.depreciation = depreciation::Method::macrs;
    a.capital.depreciation_years = 4;  // not a MACRS class
    try {
        plan_capital(s, a, V(6, 1.0), V(6, 1.0));
        FAIL() << "expected std::invalid_argument";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("alternative 'buy'"), std::string::npos) << e.what();
        EXPECT_NE(std::string(e.what()).find("property class"), std::string::npos) << e.what();
    }
    Alternative loan = alternative();
    loan.financing.loan_amount = 1000;  // no term
    EXPECT_THROW(plan_capital(s, loan, V(6, 1.0), V(6, 1.0)), std::invalid_argument);
    EXPECT_THROW(plan_capital(s, alternative(), V(5, 1.0), V(6, 1.0)), std::invalid_argument);
    Alternative negative = alternative();
    negative.capital.price = -5;
    EXPECT_THROW(plan_capital(s, negative, V(6, 1.0), V(6, 1.0)), std::invalid_argument);
}
