// Tax depreciation against Microsoft's documented Excel results and IRS Publication 946.
// Excel's examples show two decimals, so they are checked to half a cent (0.005).
#include <eqroi/core/depreciation.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <iterator>
#include <numeric>
#include <stdexcept>
#include <vector>

using namespace eqroi::depreciation;
using V = std::vector<double>;

namespace {
constexpr double kCent = 0.005;
}

// --- SLN, SYD: Microsoft's examples ------------------------------------------------------------

TEST(Sln, MicrosoftExample) {
    // Microsoft Support, "SLN function" (support.microsoft.com/en-us/excel/functions/sln-function):
    // cost 30,000, salvage 7,500, life 10 years: SLN = 2,250 per year.
    EXPECT_NEAR(sln(30000, 7500, 10), 2250.0, 1e-9);
    EXPECT_THROW(sln(30000, 7500, 0), std::invalid_argument);  // Excel: #DIV/0!
}

TEST(Syd, MicrosoftExample) {
    // Microsoft Support, "SYD function" (support.microsoft.com/en-us/excel/functions/syd-function):
    // cost 30,000, salvage 7,500, life 10: year 1 = 4,090.91, year 10 = 409.09.
    // (22,500 x 10 / 55 = 4,090.909..., 22,500 x 1 / 55 = 409.0909...)
    EXPECT_NEAR(syd(30000, 7500, 10, 1), 4090.91, kCent);
    EXPECT_NEAR(syd(30000, 7500, 10, 10), 409.09, kCent);
    EXPECT_THROW(syd(30000, 7500, 10, 11), std::invalid_argument);  // per > life: #NUM!
    EXPECT_THROW(syd(30000, 7500, 10, 0), std::invalid_argument);
}

// --- DDB: Microsoft's examples (cost 2,400, salvage 300, life 10 years) -------------------------

TEST(Ddb, MicrosoftExamples) {
    // Microsoft Support, "DDB function" (support.microsoft.com/en-us/excel/functions/ddb-function).
    EXPECT_NEAR(ddb(2400, 300, 3650, 1), 1.32, kCent);        // first day, factor 2
    EXPECT_NEAR(ddb(2400, 300, 120, 1, 2), 40.00, kCent);     // first month
    EXPECT_NEAR(ddb(2400, 300, 10, 1, 2), 480.00, kCent);     // first year
    EXPECT_NEAR(ddb(2400, 300, 10, 2, 1.5), 306.00, kCent);   // second year, factor 1.5
    EXPECT_NEAR(ddb(2400, 300, 10, 10), 22.12, kCent);        // tenth year
}

TEST(Ddb, NeverBelowSalvage) {
    // Tenth year by hand: book after 9 years = 2,400 x 0.8^9 = 322.1225; 20 % of it (64.42) would
    // take the book to 257.70 < 300, so only 322.1225 - 300 = 22.1225 is deducted.
    EXPECT_NEAR(ddb(2400, 300, 10, 10), 2400 * 0.134217728 - 300, 1e-9);
    // A rate of 100 % or more (factor 2, life 1) writes the asset down to salvage at once.
    EXPECT_NEAR(ddb(1000, 100, 1, 1), 900.0, 1e-12);
    EXPECT_THROW(ddb(2400, 300, 10, 0), std::invalid_argument);
    EXPECT_THROW(ddb(2400, 300, 10, 1, 0), std::invalid_argument);
}

// --- VDB: Microsoft's examples (cost 2,400, salvage 300, life 10 years) -------------------------

TEST(Vdb, MicrosoftExamples) {
    // Microsoft Support, "VDB function" (support.microsoft.com/en-us/excel/functions/vdb-function),
    // life given as 3,650 days, 120 months or 10 years.
    EXPECT_NEAR(vdb(2400, 300, 3650, 0, 1), 1.32, kCent);           // first day
    EXPECT_NEAR(vdb(2400, 300, 120, 0, 1), 40.00, kCent);           // first month
    EXPECT_NEAR(vdb(2400, 300, 10, 0, 1), 480.00, kCent);           // first year
    EXPECT_NEAR(vdb(2400, 300, 120, 6, 18), 396.31, kCent);         // months 6 to 18
    EXPECT_NEAR(vdb(2400, 300, 120, 6, 18, 1.5), 311.81, kCent);    // same, factor 1.5
    // First fiscal year, bought in the middle of its first quarter: 0.875 x 360 = 315.
    EXPECT_NEAR(vdb(2400, 300, 10, 0, 0.875, 1.5), 315.00, kCent);
}

TEST(Vdb, MonthsSixToEighteenByHand) {
    // No switch happens that early, so VDB is the fall of the pure declining balance:
    // 2,400 x ((59/60)^6 - (59/60)^18), and with factor 1.5, 2,400 x (0.9875^6 - 0.9875^18).
    EXPECT_NEAR(vdb(2400, 300, 120, 6, 18), 2400 * (std::pow(59.0 / 60, 6) - std::pow(59.0 / 60, 18)),
                1e-9);
    EXPECT_NEAR(vdb(2400, 300, 120, 6, 18, 1.5), 2400 * (std::pow(0.9875, 6) - std::pow(0.9875, 18)),
                1e-9);
}

TEST(Vdb, SwitchesToStraightLineAndNoSwitchDoesNot) {
    // Cost 1,000, salvage 0, life 5, factor 2 (40 %). By hand:
    //   year 1: DB 400 vs SL 1,000/5 = 200 -> 400, book 600
    //   year 2: DB 240 vs SL 600/4 = 150   -> 240, book 360
    //   year 3: DB 144 vs SL 360/3 = 120   -> 144, book 216
    //   year 4: DB 86.4 vs SL 216/2 = 108  -> switch: 108, then 108 in year 5 (total 1,000).
    // With no_switch, year 4 = 86.4 and year 5 = 0.4 x 129.6 = 51.84 (total 1,000 - 77.76).
    EXPECT_NEAR(vdb(1000, 0, 5, 3, 4), 108.0, 1e-9);
    EXPECT_NEAR(vdb(1000, 0, 5, 4, 5), 108.0, 1e-9);
    EXPECT_NEAR(vdb(1000, 0, 5, 0, 5), 1000.0, 1e-9);
    EXPECT_NEAR(vdb(1000, 0, 5, 3, 4, 2, true), 86.4, 1e-9);
    EXPECT_NEAR(vdb(1000, 0, 5, 4, 5, 2, true), 51.84, 1e-9);
    EXPECT_NEAR(vdb(1000, 0, 5, 0, 5, 2, true), 1000 - 77.76, 1e-9);
}

TEST(Vdb, FractionalPeriodsAreProRata) {
    // Within a period the deduction accrues in proportion to the time elapsed (the rule behind
    // Microsoft's 0.875 example). Cost 1,000, life 5: from 0.5 to 1.5 = half of year 1 (400)
    // and half of year 2 (240) = 320; from 3.5 to 5 = half of year 4 + year 5 = 54 + 108 = 162.
    EXPECT_NEAR(vdb(1000, 0, 5, 0.5, 1.5), 320.0, 1e-9);
    EXPECT_NEAR(vdb(1000, 0, 5, 3.5, 5), 162.0, 1e-9);
}

TEST(Vdb, BadArgumentsAreRefused) {
    EXPECT_THROW(vdb(2400, 300, 10, 0, 11), std::invalid_argument);   // end after life
    EXPECT_THROW(vdb(2400, 300, 10, 5, 4), std::invalid_argument);    // end before start
    EXPECT_THROW(vdb(2400, 300, 10, -1, 4), std::invalid_argument);
    EXPECT_THROW(vdb(300, 2400, 10, 0, 1), std::invalid_argument);    // salvage above cost
    EXPECT_THROW(vdb(2400, 300, 10, 0, 1, 0), std::invalid_argument); // factor 0
    EXPECT_THROW(vdb(2400, 300, 0, 0, 0), std::invalid_argument);     // no life
}

// --- MACRS: IRS Publication 946, Appendix A, Table A-1 (GDS, half-year convention) ---------------

TEST(Macrs, TableA1AsPublished) {
    // Pub. 946 Table A-1, the depreciation rate (%) for recovery years 1 .. class + 1.
    const std::vector<std::pair<int, V>> table{
        {3, {33.33, 44.45, 14.81, 7.41}},
        {5, {20.00, 32.00, 19.20, 11.52, 11.52, 5.76}},
        {7, {14.29, 24.49, 17.49, 12.49, 8.93, 8.92, 8.93, 4.46}},
        {10, {10.00, 18.00, 14.40, 11.52, 9.22, 7.37, 6.55, 6.55, 6.56, 6.55, 3.28}},
        {15, {5.00, 9.50, 8.55, 7.70, 6.93, 6.23, 5.90, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 5.90,
              5.91, 2.95}},
        {20, {3.750, 7.219, 6.677, 6.177, 5.713, 5.285, 4.888, 4.522, 4.462, 4.461, 4.462, 4.461,
              4.462, 4.461, 4.462, 4.461, 4.462, 4.461, 4.462, 4.461, 2.231}},
    };
    ASSERT_EQ(std::size(macrs_classes), table.size());
    for (std::size_t i = 0; i < table.size(); ++i) {
        const auto& [property_class, published] = table[i];
        EXPECT_EQ(macrs_classes[i], property_class);
        const V& ours = macrs_percentages(property_class);
        ASSERT_EQ(ours.size(), static_cast<std::size_t>(property_class + 1)) << property_class;
        for (std::size_t y = 0; y < published.size(); ++y)
            EXPECT_DOUBLE_EQ(ours[y], published[y]) << property_class << "-year, year " << y + 1;
        // Each published column adds up to 100 % (100.00, or 100.000 for 20-year property):
        // the rounding of the individual rates does not leave a cent of basis behind.
        EXPECT_NEAR(std::accumulate(ours.begin(), ours.end(), 0.0), 100.0, 1e-9) << property_class;
    }
}

TEST(Macrs, OtherClassesHaveNoTable) {
    EXPECT_TRUE(macrs_percentages(4).empty());
    EXPECT_TRUE(macrs_percentages(27).empty());
    EXPECT_THROW(schedule(Method::macrs, 10000, 0, 4), std::invalid_argument);
}

TEST(Schedule, Macrs7YearOf10000) {
    // 10,000 x Table A-1 7-year rates: 1,429, 2,449, 1,749, 1,249, 893, 892, 893, 446.
    const Schedule s = schedule(Method::macrs, 10000, 0, 7);
    const V expected{1429, 2449, 1749, 1249, 893, 892, 893, 446};
    ASSERT_EQ(s.yearly.size(), expected.size());
    for (std::size_t y = 0; y < expected.size(); ++y) EXPECT_NEAR(s.yearly[y], expected[y], 1e-9);
    // MACRS ignores salvage: the whole basis is recovered.
    const Schedule with_salvage = schedule(Method::macrs, 10000, 2000, 7);
    EXPECT_NEAR(std::accumulate(with_salvage.yearly.begin(), with_salvage.yearly.end(), 0.0), 10000,
                1e-9);
}

// --- schedule(): each method year by year ---------------------------------------------------------

TEST(Schedule, StraightLineAndSumOfYearsDigitsMatchExcel) {
    // Microsoft's SLN and SYD example asset: 30,000, salvage 7,500, 10 years.
    const Schedule sl = schedule(Method::straight_line, 30000, 7500, 10);
    ASSERT_EQ(sl.yearly.size(), 10u);
    for (double d : sl.yearly) EXPECT_NEAR(d, 2250.0, 1e-9);
    const Schedule sy = schedule(Method::sum_of_years_digits, 30000, 7500, 10);
    ASSERT_EQ(sy.yearly.size(), 10u);
    EXPECT_NEAR(sy.yearly.front(), 4090.91, kCent);
    EXPECT_NEAR(sy.yearly.back(), 409.09, kCent);
    // Both recover cost - salvage = 22,500.
    EXPECT_NEAR(std::accumulate(sl.yearly.begin(), sl.yearly.end(), 0.0), 22500, 1e-9);
    EXPECT_NEAR(std::accumulate(sy.yearly.begin(), sy.yearly.end(), 0.0), 22500, 1e-9);
}

TEST(Schedule, DecliningBalanceIsVdbYearByYear) {
    // Microsoft's DDB/VDB asset (2,400, salvage 300, 10 years, factor 2). By hand: 480, 384,
    // 307.20, 245.76, 196.61, 157.29, 125.83, 100.66, 80.53 (declining balance stays larger than
    // straight line on what is left), and year 10 stops at salvage: 22.12 = DDB(...,10).
    const Schedule s = schedule(Method::declining_balance, 2400, 300, 10, 2);
    ASSERT_EQ(s.yearly.size(), 10u);
    const V by_hand{480, 384, 307.2, 245.76, 196.608, 157.2864, 125.82912, 100.663296, 80.5306368,
                    22.1225472};
    for (std::size_t y = 0; y < 10; ++y) {
        EXPECT_NEAR(s.yearly[y], by_hand[y], 1e-6) << "year " << y + 1;
        EXPECT_NEAR(s.yearly[y], vdb(2400, 300, 10, y, y + 1.0), 1e-9) << "year " << y + 1;
    }
    EXPECT_NEAR(std::accumulate(s.yearly.begin(), s.yearly.end(), 0.0), 2100, 1e-9);
    // The switch to straight line: 1,000 over 5 years -> 400, 240, 144, 108, 108 (see VDB above).
    const Schedule switched = schedule(Method::declining_balance, 1000, 0, 5, 2);
    const V expected{400, 240, 144, 108, 108};
    for (std::size_t y = 0; y < 5; ++y) EXPECT_NEAR(switched.yearly[y], expected[y], 1e-9);
    // Factor 1.5 on the same asset (30 %): 300 (book 700), 210 (book 490), then in year 3
    // DB 147 < SL 490 / 3 = 163.33, so straight line: 163.33 in years 3, 4 and 5.
    const Schedule db150 = schedule(Method::declining_balance, 1000, 0, 5, 1.5);
    const V expected150{300, 210, 490.0 / 3, 490.0 / 3, 490.0 / 3};
    for (std::size_t y = 0; y < 5; ++y) EXPECT_NEAR(db150.yearly[y], expected150[y], 1e-9);
}

TEST(Schedule, BadInputIsRefused) {
    EXPECT_THROW(schedule(Method::straight_line, 1000, 0, 0), std::invalid_argument);
    EXPECT_THROW(schedule(Method::straight_line, 1000, 2000, 5), std::invalid_argument);
    EXPECT_THROW(schedule(Method::declining_balance, 1000, 0, 5, 0), std::invalid_argument);
    EXPECT_THROW(schedule(Method::sum_of_years_digits, -1, 0, 5), std::invalid_argument);
}

TEST(Method, NamesRoundTrip) {
    for (Method m : {Method::straight_line, Method::declining_balance, Method::sum_of_years_digits,
                     Method::macrs})
        EXPECT_EQ(parse_method(method_name(m)), m);
    EXPECT_FALSE(parse_method("double_declining"));
}
