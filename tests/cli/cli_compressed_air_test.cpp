// configs/examples/compressed_air.toml through `eqroi run`: a 15-year constant-dollar,
// mid-period study in which a 7-year compressor is replaced twice and still has a residual
// value at the end, a VSD compressor is bought with a loan, and another is leased. The capital
// and financing figures are worked by hand below; the running costs come from the models and
// are covered by their own tests.
#include "cli_support.hpp"

#include <cmath>
#include <map>

namespace cli_test {
namespace {

std::map<std::string, std::vector<double>> lines_of(const json& a) {
    std::map<std::string, std::vector<double>> lines;
    for (const auto& l : a.at("lines")) lines[l.at("key")] = l.at("amounts").get<std::vector<double>>();
    return lines;
}

/// The periods where a line is not zero.
std::vector<std::size_t> nonzero(const std::vector<double>& amounts) {
    std::vector<std::size_t> k;
    for (std::size_t i = 0; i < amounts.size(); ++i)
        if (amounts[i] != 0) k.push_back(i);
    return k;
}

TEST(CliCompressedAir, SevenYearLifeIsReplacedTwiceAndHasAResidualValue) {
    // fixed_speed: basis 38,000 + 6,000 = 44,000 (2027 euros), life 7 years in a 15-year study:
    // units bought at 0, 7 and 14. Constant dollars, so general inflation cancels and only the
    // capital.price escalation of 0.5 %/yr above inflation remains:
    //   replacement at 7:  44,000 x 1.005^7  = 45,563.29;  at 14: 44,000 x 1.005^14 = 47,182.13
    //   salvage at 7:       3,000 x 1.005^7  =  3,106.59;  at 14:  3,000 x 1.005^14 =  3,216.96
    // Residual value at 15 of the unit bought at 14 (1 of its 7 years used), drawn in money
    // terms and deflated (inflation g = 2.5 %):
    //   cost_14 = 47,182.13 x 1.025^14; salvage at 21 = 3,000 x 1.005^21 x 1.025^21
    //   value_15 = cost_14 + (salvage_21 - cost_14) x 1/7, in 2027 euros / 1.025^15 = 40,007.33
    const json report = run_json(example("compressed_air"));
    EXPECT_EQ(report.at("study").at("horizon_years").get<int>(), 15);
    const json& a = alternative(report, "fixed_speed");
    auto lines = lines_of(a);
    EXPECT_EQ(nonzero(lines.at("capital.replacement")), (std::vector<std::size_t>{7, 14}));
    EXPECT_NEAR(lines.at("capital.replacement")[7], -45563.29, kMoney);
    EXPECT_NEAR(lines.at("capital.replacement")[14], -47182.13, kMoney);
    EXPECT_EQ(nonzero(lines.at("capital.salvage_value")), (std::vector<std::size_t>{7, 14}));
    EXPECT_NEAR(lines.at("capital.salvage_value")[7], 3106.59, kMoney);
    EXPECT_NEAR(lines.at("capital.salvage_value")[14], 3216.96, kMoney);
    EXPECT_EQ(nonzero(lines.at("capital.residual_value")), (std::vector<std::size_t>{15}));
    EXPECT_NEAR(lines.at("capital.residual_value")[15], 40007.33, kMoney);

    const json& units = a.at("units");
    ASSERT_EQ(units.size(), 3u);
    EXPECT_EQ(units[2].at("bought").get<int>(), 14);
    EXPECT_TRUE(units[2].at("in_service_at_end").get<bool>());
    // MACRS 7-year, first unit: year 1 is 14.29 % of 44,000 = 6,287.60 in 2028 money,
    // 6,287.60 / 1.025 = 6,134.24 in 2027 euros. At its retirement in year 7 the book value is
    // the last 4.46 % (Pub. 946 A-1: no half-year in the year of disposal in this model):
    // 1,962.40 / 1.025^7 = 1,650.90; gain = 3,106.59 - 1,650.90 = 1,455.69.
    EXPECT_NEAR(a.at("tax").at("depreciation")[1].get<double>(), 6134.24, kMoney);
    EXPECT_NEAR(units[0].at("book_value_at_exit").get<double>(), 1650.90, kMoney);
    EXPECT_NEAR(units[0].at("gain_on_disposal").get<double>(), 1455.69, kMoney);
}

TEST(CliCompressedAir, LoanIsAmortisedInMoneyAndDeflated) {
    // vsd: 50,000 at 6 % over 5 years, level payments: 50,000 x 0.06 / (1 - 1.06^-5)
    // = 11,869.82 a year in money (Excel -PMT(6%, 5, 50000)). Interest of year 1 = 3,000.00.
    // In 2027 euros: payment_1 = 11,869.82 / 1.025 = 11,580.31, interest_1 = 3,000 / 1.025
    // = 2,926.83, principal_1 = 8,653.48; payment_5 = 11,869.82 / 1.025^5 = 10,491.19.
    const json report = run_json(example("compressed_air"));
    const json& a = alternative(report, "vsd");
    auto lines = lines_of(a);
    EXPECT_NEAR(lines.at("financing.loan_proceeds")[0], 50000.00, kMoney);
    EXPECT_NEAR(lines.at("financing.loan_interest")[1], -2926.83, kMoney);
    EXPECT_NEAR(lines.at("financing.loan_principal")[1], -8653.48, kMoney);
    EXPECT_EQ(nonzero(lines.at("financing.loan_interest")),
              (std::vector<std::size_t>{1, 2, 3, 4, 5}));
    const json& loan = a.at("loan");
    ASSERT_EQ(loan.size(), 6u);
    EXPECT_NEAR(loan[1].at("payment").get<double>(), 11580.31, kMoney);
    EXPECT_NEAR(loan[5].at("payment").get<double>(), 10491.19, kMoney);
    EXPECT_NEAR(loan[5].at("balance").get<double>(), 0.0, kMoney);
    EXPECT_TRUE(a.at("has_financing").get<bool>());
}

TEST(CliCompressedAir, LeaseIsPaidInAdvanceAndDeflated) {
    // lease_vsd: 11,800 a year in advance (periods 0..14), fixed in money: 11,800 / 1.025^k.
    const json report = run_json(example("compressed_air"));
    auto lines = lines_of(alternative(report, "lease_vsd"));
    const auto& lease = lines.at("financing.lease_payment");
    EXPECT_NEAR(lease[0], -11800.00, kMoney);
    EXPECT_NEAR(lease[1], -11512.20, kMoney);
    EXPECT_NEAR(lease[14], -11800 / std::pow(1.025, 14), kMoney);
    EXPECT_EQ(lease[15], 0.0);
}

TEST(CliCompressedAir, ExplainShowsMidPeriodFactorsAndTheReplacements) {
    const CliRun r = run_eqroi({"run", "--explain", example("compressed_air")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    // Mid-period at 5 % real: the factor of year 1 is 1 / 1.05^0.5 = 0.97590007.
    EXPECT_NE(r.out.find("0.97590007"), std::string::npos);
    EXPECT_NE(r.out.find("mid period"), std::string::npos);
    EXPECT_NE(r.out.find("constant"), std::string::npos);
    EXPECT_NE(r.out.find("NPV = F_0 + sum over k >= 1 of F_k x 1/(1 + i)^(k - 0.5)"), std::string::npos);
    EXPECT_NE(r.out.find("AIRR"), std::string::npos);
    EXPECT_NE(r.out.find("45,563.29"), std::string::npos);  // the first replacement
    EXPECT_NE(r.out.find("40,007.33"), std::string::npos);  // the residual value
    // --explain is text: with JSON it is refused (exit 2), JSON carries the per-period detail.
    const CliRun j = run_eqroi({"run", "--explain", "--format", "json", example("compressed_air")});
    EXPECT_EQ(j.exit_code, 2);
    EXPECT_NE(j.err.find("--explain"), std::string::npos) << j.err;
}

}  // namespace
}  // namespace cli_test
