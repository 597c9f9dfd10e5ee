// Flows on calendar dates: days_from_civil, Excel's XNPV and XIRR, against Microsoft's function
// help and hand calculations.
#include <eqroi/core/finance.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace eqroi::finance;
using V = std::vector<double>;
using D = std::vector<int>;

namespace {

/// The dates of the Excel XNPV / XIRR help example.
D excel_example_dates() {
    return {days_from_civil(2008, 1, 1), days_from_civil(2008, 3, 1), days_from_civil(2008, 10, 30),
            days_from_civil(2009, 2, 15), days_from_civil(2009, 4, 1)};
}

const V kExcelExampleValues{-10000, 2750, 4250, 3250, 2750};

}  // namespace

TEST(DaysFromCivil, KnownDates) {
    EXPECT_EQ(days_from_civil(1970, 1, 1), 0);
    EXPECT_EQ(days_from_civil(1970, 1, 2), 1);
    EXPECT_EQ(days_from_civil(1969, 12, 31), -1);
    // The Excel XIRR help: "January 1, 2008 is serial number 39448". Excel's serial of
    // 1 January 1970 is 25569 (DATE(1970,1,1)), so 39448 - 25569 = 13879.
    EXPECT_EQ(days_from_civil(2008, 1, 1), 13879);
    // 1 March 2000: 30 years of 365 days + 7 leap days (72, 76, 80, 84, 88, 92, 96) + 31 + 29
    // (2000 is a leap year: divisible by 400) = 10950 + 7 + 60 = 11017.
    EXPECT_EQ(days_from_civil(2000, 3, 1), 11017);
    // 1 January 1900: 70 years back, 17 leap years (1904..1968; 1900 is not one) -> -25567.
    EXPECT_EQ(days_from_civil(1900, 1, 1), -25567);
    // 2024 is a leap year: 366 days to 1 January 2025; 2025 is not: 365 to 2026.
    EXPECT_EQ(days_from_civil(2025, 1, 1) - days_from_civil(2024, 1, 1), 366);
    EXPECT_EQ(days_from_civil(2026, 1, 1) - days_from_civil(2025, 1, 1), 365);
    EXPECT_EQ(days_from_civil(2024, 3, 1) - days_from_civil(2024, 2, 28), 2);
}

TEST(DaysFromCivil, DatesThatDoNotExist) {
    EXPECT_THROW(days_from_civil(2023, 2, 29), std::invalid_argument);
    // Excel accepts 29 February 1900 (a Lotus 1-2-3 compatibility bug); it never existed.
    EXPECT_THROW(days_from_civil(1900, 2, 29), std::invalid_argument);
    EXPECT_NO_THROW(days_from_civil(2000, 2, 29));
    EXPECT_THROW(days_from_civil(2024, 13, 1), std::invalid_argument);
    EXPECT_THROW(days_from_civil(2024, 0, 1), std::invalid_argument);
    EXPECT_THROW(days_from_civil(2024, 4, 31), std::invalid_argument);
    EXPECT_THROW(days_from_civil(2024, 4, 0), std::invalid_argument);
}

TEST(Xnpv, ExcelHelpExample) {
    // support.microsoft.com, "XNPV function": -10000, 2750, 4250, 3250, 2750 on 1 Jan 2008,
    // 1 Mar 2008, 30 Oct 2008, 15 Feb 2009, 1 Apr 2009 at 9 %: XNPV = 2086.65
    // (2086.647602 in Python with exponents 60/365, 303/365, 411/365, 456/365).
    const double v = xnpv(0.09, kExcelExampleValues, excel_example_dates());
    EXPECT_NEAR(v, 2086.65, 0.005);
    EXPECT_NEAR(v, 2086.647602031535, 1e-8);
}

TEST(Xirr, ExcelHelpExample) {
    // support.microsoft.com, "XIRR function": same values and dates, XIRR = 0.373362535
    // (37.34 %); 0.37336253351883 by bisection in Python. Excel stops iterating when the
    // result is accurate to 0.000001 % (its help says so), hence the 1.5e-9 difference.
    const auto a = xirr_analysis(kExcelExampleValues, excel_example_dates());
    ASSERT_TRUE(a.irr);
    EXPECT_NEAR(*a.irr, 0.373362535, 1e-8);
    EXPECT_NEAR(*a.irr, 0.3733625335188314, 1e-12);
    EXPECT_NEAR(xnpv(*a.irr, kExcelExampleValues, excel_example_dates()), 0.0, 1e-8);
    EXPECT_EQ(a.sign_changes, 1);
    EXPECT_FALSE(a.ambiguous);
}

TEST(Xnpv, IssueExampleLeapYearAgainstPeriodNpv) {
    // The issue's example: -1000, 300, 400, 500 on 1 January 2024, 2025, 2026, 2027 at 10 %.
    // Days from the first: 0, 366, 731, 1096 (2024 is a leap year), so exponents 1.00274,
    // 2.00274, 3.00274 instead of 1, 2, 3:
    //   XNPV = -1000 + 300 / 1.1^(366/365) + 400 / 1.1^(731/365) + 500 / 1.1^(1096/365)
    //        = -1000 + 272.6561 + 330.4922 + 375.5593 = -21.29
    //   NPV  = -1000 + 300 / 1.1 + 400 / 1.21 + 500 / 1.331
    //        = -1000 + 272.7273 + 330.5785 + 375.6574 = -21.04
    const V flows{-1000, 300, 400, 500};
    const D days{days_from_civil(2024, 1, 1), days_from_civil(2025, 1, 1),
                 days_from_civil(2026, 1, 1), days_from_civil(2027, 1, 1)};
    const double dated = xnpv(0.10, flows, days), periodic = npv(0.10, flows);
    EXPECT_NEAR(dated, -21.29, 0.005);
    EXPECT_NEAR(dated, -21.29241162031701, 1e-9);
    EXPECT_NEAR(periodic, -21.04, 0.005);
    EXPECT_NEAR(periodic, -21.0368144252443, 1e-9);
}

TEST(Xnpv, YearsOf365DaysAreWholePeriods) {
    // 2021, 2022, 2023 have 365 days each: XNPV is the period NPV.
    const V flows{-1000, 300, 400, 500};
    const D days{days_from_civil(2021, 1, 1), days_from_civil(2022, 1, 1),
                 days_from_civil(2023, 1, 1), days_from_civil(2024, 1, 1)};
    EXPECT_NEAR(xnpv(0.10, flows, days), npv(0.10, flows), 1e-10);
    const auto a = xirr_analysis(flows, days);
    ASSERT_TRUE(a.irr);
    EXPECT_NEAR(*a.irr, *irr(flows), 1e-12);
}

TEST(Xnpv, DatesAfterTheFirstInAnyOrder) {
    // Excel: dates after the first may come in any order. The same flows shuffled (the first
    // stays first) give the same XNPV and XIRR.
    const D d = excel_example_dates();
    const V shuffled_values{-10000, 2750, 4250, 2750, 3250};
    const D shuffled_days{d[0], d[4], d[2], d[1], d[3]};
    EXPECT_NEAR(xnpv(0.09, shuffled_values, shuffled_days), 2086.647602031535, 1e-8);
    EXPECT_NEAR(*xirr_analysis(shuffled_values, shuffled_days).irr, 0.3733625335188314, 1e-12);
}

TEST(Xirr, SameDayFlowsAreSummedBeforeCountingSignChanges) {
    // -1000 on 1 Jan 2021, then 1100, -50 and +50 all on 1 Jan 2022: on that day the net is
    // 1100, one sign change, and -1000 + 1100 / (1 + r) = 0 gives exactly 10 %.
    const int d0 = days_from_civil(2021, 1, 1), d1 = days_from_civil(2022, 1, 1);
    const auto a = xirr_analysis(V{-1000, 1100, -50, 50}, D{d0, d1, d1, d1});
    EXPECT_EQ(a.sign_changes, 1);
    ASSERT_TRUE(a.irr);
    EXPECT_NEAR(*a.irr, 0.10, 1e-12);
}

TEST(Xirr, NoSignChangeIsNone) {
    // Excel: XIRR needs at least one positive and one negative value (#NUM! otherwise).
    const D d = excel_example_dates();
    const auto a = xirr_analysis(V{10000, 2750, 4250, 3250, 2750}, d);
    EXPECT_FALSE(a.irr);
    EXPECT_TRUE(a.roots.empty());
    EXPECT_EQ(a.sign_changes, 0);
    EXPECT_FALSE(xirr_analysis(V{}, D{}).irr);
}

TEST(Xirr, TwoRootsOnWholeYears) {
    // -100, 230, -132 a year (365 days) apart: the roots of -100 (1+r)^2 + 230 (1+r) - 132
    // = -100 (u - 1.1)(u - 1.2): 10 % and 20 %, both reported, no single IRR.
    const D d{days_from_civil(2021, 1, 1), days_from_civil(2022, 1, 1),
              days_from_civil(2023, 1, 1)};
    const auto a = xirr_analysis(V{-100, 230, -132}, d);
    ASSERT_EQ(a.roots.size(), 2u);
    EXPECT_NEAR(a.roots[0], 0.10, 1e-11);
    EXPECT_NEAR(a.roots[1], 0.20, 1e-11);
    EXPECT_TRUE(a.ambiguous);
    EXPECT_FALSE(a.irr);
}

TEST(Xnpv, BadInput) {
    const D d = excel_example_dates();
    // Sizes differ.
    EXPECT_THROW(xnpv(0.09, V{-10000, 2750}, d), std::invalid_argument);
    EXPECT_THROW(xirr_analysis(V{-10000, 2750}, d), std::invalid_argument);
    // A date before the first (Excel: #NUM!).
    const D early{d[1], d[0], d[2]};
    EXPECT_THROW(xnpv(0.09, V{-100, 50, 60}, early), std::invalid_argument);
    EXPECT_THROW(xirr_analysis(V{-100, 50, 60}, early), std::invalid_argument);
    // A rate at or below -100 %.
    EXPECT_THROW(xnpv(-1.0, kExcelExampleValues, d), std::invalid_argument);
    // The message says what is wrong.
    try {
        xnpv(0.09, V{-10000, 2750}, d);
        FAIL() << "no exception";
    } catch (const std::invalid_argument& e) {
        EXPECT_NE(std::string(e.what()).find("2 amounts but 5 dates"), std::string::npos)
            << e.what();
    }
    EXPECT_EQ(xnpv(0.09, V{}, D{}), 0.0);
}
