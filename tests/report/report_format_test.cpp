// eqroi/core/format.hpp: the number formats, study labels and yearly views the CLI report and
// the studio share. Each expectation is the text written out by hand (the rounding rule:
// round half to even on the binary value, as printf does; the values here are not ties).
#include <eqroi/core/format.hpp>

#include <gtest/gtest.h>

#include <vector>

namespace {

namespace format = eqroi::format;

TEST(Format, GroupsThousandsAndRounds) {
    EXPECT_EQ(format::grouped(-1234567.891, 0), "-1,234,568");
    EXPECT_EQ(format::grouped(1234.5, 2), "1,234.50");
    EXPECT_EQ(format::grouped(999.996, 2), "1,000.00");  // the carry reaches a new group
    EXPECT_EQ(format::grouped(123456, 0), "123,456");     // no leading comma
    EXPECT_EQ(format::grouped(-0.001, 2), "0.00");        // rounds to zero: no minus sign
    EXPECT_EQ(format::grouped(-0.006, 2), "-0.01");
    EXPECT_EQ(format::money(1234567.891), "1,234,568");
    EXPECT_EQ(format::money2(1234567.891), "1,234,567.89");
    EXPECT_EQ(format::money2(-1171644.6408957555), "-1,171,644.64");
}

TEST(Format, RatesPaybacksAndRatios) {
    EXPECT_EQ(format::pct(0.1234), "12.34 %");
    EXPECT_EQ(format::pct(0.245, 1), "24.5 %");
    EXPECT_EQ(format::pct(-0.05), "-5.00 %");
    EXPECT_EQ(format::percent(0.09), "9.00 %");
    EXPECT_EQ(format::percent(std::nullopt), "none");
    EXPECT_EQ(format::years(7.0912), "7.09 yr");
    EXPECT_EQ(format::years(std::nullopt), "not reached");
    EXPECT_EQ(format::ratio(1.3456), "1.35");
    EXPECT_EQ(format::ratio(1.3456, 4), "1.3456");
    EXPECT_EQ(format::ratio(std::nullopt), "none");
}

TEST(Format, IrrIsARootNoneOrEveryRoot) {
    eqroi::Measures one;
    one.irr = 0.245;
    EXPECT_EQ(format::irr_text(one), "24.50 %");
    EXPECT_EQ(format::irr_roots_of(one), std::vector<double>{0.245});

    eqroi::Measures none;  // no sign change: no root
    EXPECT_EQ(format::irr_text(none), "none");
    EXPECT_TRUE(format::irr_roots_of(none).empty());

    // -100, +230, -132 at 10 % and 20 %: (1.1)(1.2) = 1.32, 1.1 + 1.2 = 2.3.
    eqroi::Measures two;
    two.irr_roots = {0.10, 0.20};
    two.irr_ambiguous = true;
    EXPECT_EQ(format::irr_text(two), "ambiguous: 10.00 %, 20.00 %");
}

TEST(Format, StudyLabels) {
    eqroi::StudySettings s;
    s.periods = eqroi::PeriodUnit::year;
    EXPECT_EQ(format::period_label(s), "yearly");
    EXPECT_EQ(format::period_noun(s), "year");
    s.periods = eqroi::PeriodUnit::month;
    EXPECT_EQ(format::period_label(s), "monthly");
    EXPECT_EQ(format::period_noun(s), "month");
    s.start_date = {};
    EXPECT_EQ(format::start_date_text(s), "");
    s.start_date.year = 2027;
    s.start_date.month = 1;
    s.start_date.day = 5;
    EXPECT_EQ(format::start_date_text(s), "2027-01-05");
}

TEST(Format, YearsOfAMonthlySeries) {
    // Two years of 3 "months" a year: period 0, then (1 + 2 + 3), then (4 + 5 + 6).
    const std::vector<double> v{10, 1, 2, 3, 4, 5, 6};
    EXPECT_EQ(format::by_year(v, 3), (std::vector<double>{10, 6, 15}));
    EXPECT_EQ(format::at_year_end(v, 3), (std::vector<double>{10, 3, 6}));
    EXPECT_EQ(format::by_year(v, 1), v);  // a yearly series is unchanged
    EXPECT_EQ(format::at_year_end(v, 1), v);
}

}  // namespace
