// Level payments: Excel's PMT and the capital recovery factor, against Microsoft's documented
// results and the interest-factor tables of engineering-economy textbooks.
#include <eqroi/core/finance.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <stdexcept>

using namespace eqroi::finance;

TEST(Pmt, MicrosoftExamples) {
    // Microsoft Support, "PMT function" (support.microsoft.com/en-us/excel/functions/pmt-function):
    //   =PMT(8%/12, 10, 10000)        -> ($1,037.03)  monthly payment of a 10-month loan
    //   =PMT(8%/12, 10, 10000,, 1)    -> ($1,030.16)  same, payments at the start of each month
    //   =PMT(6%/12, 18*12, 0, 50000)  -> ($129.08)    monthly saving to have 50,000 in 18 years
    EXPECT_NEAR(pmt(0.08 / 12, 10, 10000), -1037.03, 0.005);
    EXPECT_NEAR(pmt(0.08 / 12, 10, 10000, 0, true), -1030.16, 0.005);
    EXPECT_NEAR(pmt(0.06 / 12, 18 * 12, 0, 50000), -129.08, 0.005);
}

TEST(Pmt, InAdvanceIsOnePeriodLessInterest) {
    // A payment at the start of a period is worth (1 + i) at its end: PMT(type 1) = PMT / (1 + i).
    const double i = 0.08 / 12;
    EXPECT_NEAR(pmt(i, 10, 10000, 0, true), pmt(i, 10, 10000) / (1 + i), 1e-9);
}

TEST(Pmt, ZeroRateSplitsTheAmountEvenly) {
    // Excel at rate 0: pv + pmt x nper + fv = 0, whatever the type.
    EXPECT_DOUBLE_EQ(pmt(0, 4, 1000), -250.0);
    EXPECT_DOUBLE_EQ(pmt(0, 4, 1000, 0, true), -250.0);
    EXPECT_DOUBLE_EQ(pmt(0, 4, 0, 1000), -250.0);
    EXPECT_DOUBLE_EQ(pmt(0, 4, 600, 400), -250.0);
}

TEST(Pmt, BadArgumentsAreRefused) {
    EXPECT_THROW(pmt(0.1, 0, 1000), std::invalid_argument);
    EXPECT_THROW(pmt(-1.0, 5, 1000), std::invalid_argument);
    EXPECT_THROW(pmt(std::nan(""), 5, 1000), std::invalid_argument);
    EXPECT_THROW(capital_recovery_factor(0.1, 0), std::invalid_argument);
}

TEST(CapitalRecoveryFactor, TextbookTable) {
    // (A/P, 10 %, 5) = 0.26380 in the 10 % compound-interest factor table of engineering-economy
    // textbooks (e.g. Sullivan, Wicks & Koelling, Engineering Economy, Appendix C).
    // By hand: 0.1 x 1.1^5 / (1.1^5 - 1) = 0.1 x 1.61051 / 0.61051 = 0.263797...
    EXPECT_NEAR(capital_recovery_factor(0.10, 5), 0.26380, 0.000005);
    EXPECT_NEAR(capital_recovery_factor(0.10, 5), 0.161051 / 0.61051, 1e-12);
    // i = 0: the amount spread evenly, 1/n.
    EXPECT_DOUBLE_EQ(capital_recovery_factor(0, 4), 0.25);
}

TEST(CapitalRecoveryFactor, TinyRateStaysAccurate) {
    // 0.0001 % a period over 360 periods. i (1+i)^n / ((1+i)^n - 1) worked in 40-digit decimal
    // arithmetic (Python mpmath) = 0.0027782791966664201205... ; the plain double formula
    // loses ~1e-15 to the cancellation in (1+i)^n - 1, so this checks the digits are kept.
    EXPECT_NEAR(capital_recovery_factor(1e-6, 360), 0.0027782791966664201205, 1e-17);
}

TEST(EquivalentAnnual, IsMinusPmt) {
    // EAA of 10,000 over 5 years at 10 %: 10,000 x 0.263797 = 2,637.97 = -PMT(10 %, 5, 10000).
    EXPECT_NEAR(equivalent_annual(10000, 0.10, 5), 2637.97, 0.005);
    EXPECT_NEAR(equivalent_annual(10000, 0.10, 5), -pmt(0.10, 5, 10000), 1e-9);
    EXPECT_NEAR(equivalent_annual(-500, 0.07, 12), -pmt(0.07, 12, -500), 1e-12);
}
