// configs/examples/palletising_robot.toml through `eqroi run`: the manual baseline and the
// leased robot cell, worked by hand from the model READMEs, and the table report's comparison.
#include "cli_support.hpp"

namespace cli_test {
namespace {

// Study: 8 yearly periods, discount rate 8 %, inflation 2.5 % (every model's escalation),
// tax 30 %. f_k = 1.025^k (escalation), v_k = 1 / 1.08^k (discount factor).
//
// ---- manual (the baseline) ----
// operations: operators 2, wage 31, H = 4000 h (equipment); no power, no consumables:
//   energy_k = consumables_k = 0
//   operating_labor_k = -2 x 4000 x 31 x f_k = -248,000 x f_k
// schedule: expense_k = -14,000 for k = 1..8 (schedule amounts are not escalated).
// No capital: no depreciation, no gain on disposal.
//   lines_k = -248,000 f_k - 14,000;  tax_k = -0.30 x lines_k;  net_k = lines_k + tax_k
//   k   f_k       lines      tax        capital    net          v_k       net x v_k
//   0   1.000000          0.00       0.00        0.00         0.00  1.000000         0.00
//   1   1.025000   -268,200.00  80,460.00        0.00  -187,740.00  0.925926  -173,833.33
//   2   1.050625   -274,555.00  82,366.50        0.00  -192,188.50  0.857339  -164,770.66
//   3   1.076891   -281,068.87  84,320.66        0.00  -196,748.21  0.793832  -156,185.07
//   4   1.103813   -287,745.60  86,323.68        0.00  -201,421.92  0.735030  -148,051.12
//   5   1.131408   -294,589.24  88,376.77        0.00  -206,212.47  0.680583  -140,344.74
//   6   1.159693   -301,603.97  90,481.19        0.00  -211,122.78  0.630170  -133,043.16
//   7   1.188686   -308,794.07  92,638.22        0.00  -216,155.85  0.583490  -126,124.86
//   8   1.218403   -316,163.92  94,849.18        0.00  -221,314.74  0.540269  -119,569.47
//   NPV = sum of net x v_k = -1,161,922.42
// Every flow is <= 0: no sign change, so no IRR (null); the cumulative flow never turns
// positive, so payback and discounted payback are not reached (null).
const std::vector<double> kManualNet{0.00,        -187740.00, -192188.50, -196748.21, -201421.92,
                                     -206212.47,  -211122.78, -216155.85, -221314.74};

// ---- lease_robot ----
// capital: installation 20,000 at k = 0 (capitalised): straight-line tax depreciation over
//   depreciation_years = 7: 20,000 / 7 = 2,857.14 in k = 1..7, book value 0 at k = 8; no
//   salvage, so no gain on disposal.
// operations (H 4000, operators 0.25, wage 31):
//   energy       -7 kW x 0.6 x 4000 h x 0.20      = -3,360.00 / yr
//   consumables  -1,500 (per year; 0 per hour)   = -1,500.00 / yr
//   labour       -0.25 x 4000 x 31               = -31,000.00 / yr
// training (operators 6, wage 31, 24 h, fees 3,000, V = 120, s = 0.85, 2 months):
//   initial_training_0 = -(6 x 24 x 31 + 3,000)  = -7,464.00 at k = 0 (not escalated)
//   ramp-up: L0 = (1 - 0.85) x 120 x 4000 = 72,000 / yr over M = 2/12 yr, all in year 1:
//     ramp_up_loss_1 = -72,000 x (M - M^2/(2M)) x f_1 = -72,000 x 1/12 x 1.025 = -6,150.00
//   refresher 0 (no hours, no fees)
//   turnover: c = 24 x 31 + 3,000 / 6 = 1,244; -0.1 x 6 x 1,244 = -746.40 / yr
// downtime: scheduled 2 x 8 x 250 = 4000 h; failures 4000 / 900 = 4.4444 / yr;
//   unplanned 4.4444 x 3 h = 13.3333 h; overtime cost 2 operators x 31 x (1 + 0) = 62 / h:
//   unplanned = -826.67 / yr; planned 0 h, no restart scrap.
// benefits: scrap_reduction +0.004 x 1,500,000 x 2.5 = +15,000.00 / yr
// schedule: lease_payment_k = -39,000 for k = 1..8 (not escalated).
// Escalated yearly base B = -3,360 - 1,500 - 31,000 - 746.40 - 826.67 + 15,000 = -22,433.07
//   lines_k = B f_k - 39,000 (k >= 1), plus -6,150 at k = 1, and -7,464 at k = 0
//   taxable_k = lines_k - depreciation_k;  tax_k = -0.30 x taxable_k
//   k   f_k       lines      deprec.     tax        capital    net          v_k       net x v_k
//   0   1.000000     -7,464.00       0.00    2,239.20  -20,000.00   -25,224.80  1.000000   -25,224.80
//   1   1.025000    -68,143.89   2,857.14   21,300.31        0.00   -46,843.58  0.925926   -43,373.69
//   2   1.050625    -62,568.74   2,857.14   19,627.77        0.00   -42,940.98  0.857339   -36,814.97
//   3   1.076891    -63,157.96   2,857.14   19,804.53        0.00   -43,353.43  0.793832   -34,415.35
//   4   1.103813    -63,761.91   2,857.14   19,985.72        0.00   -43,776.19  0.735030   -32,176.81
//   5   1.131408    -64,380.96   2,857.14   20,171.43        0.00   -44,209.53  0.680583   -30,088.26
//   6   1.159693    -65,015.48   2,857.14   20,361.79        0.00   -44,653.69  0.630170   -28,139.40
//   7   1.188686    -65,665.87   2,857.14   20,556.90        0.00   -45,108.96  0.583490   -26,320.65
//   8   1.218403    -66,332.51       0.00   19,899.75        0.00   -46,432.76  0.540269   -25,086.18
//   NPV = -281,640.09; all flows negative: IRR, payback and discounted payback none.
//   (k = 1 check: -22,433.07 x 1.025 - 39,000 - 6,150 = -68,143.89; taxable -71,001.04;
//    tax +21,300.31; net -46,843.58.)
const std::vector<double> kLeaseNet{-25224.80, -46843.58, -42940.98, -43353.43, -43776.19,
                                    -44209.53, -44653.69, -45108.96, -46432.76};

// ---- lease_robot minus manual (the incremental flow) ----
//   k   incremental   cumulative      discounted    cum. discounted
//   0     -25,224.80    -25,224.80     -25,224.80     -25,224.80
//   1     140,896.42    115,671.62     130,459.65     105,234.85
//   2     149,247.52    264,919.14     127,955.70     233,190.54
//   3     153,394.78    418,313.93     121,769.73     354,960.27
//   4     157,645.72    575,959.65     115,874.31     470,834.58
//   5     162,002.94    737,962.59     110,256.48     581,091.06
//   6     166,469.08    904,431.67     104,903.76     685,994.82
//   7     171,046.88  1,075,478.56      99,804.21     785,799.03
//   8     174,881.98  1,250,360.54      94,483.29     880,282.33
// Incremental NPV = 880,282.33 (= -281,640.09 - (-1,161,922.42)).
// One sign change, so one IRR: 5.6398990 (564 %/yr: 25,224.80 up front buys some 140,000 a year
// after tax). Check: at 5.6398990, -25,224.80 + 140,896.42 / 6.639899 + ... = 0.00.
// Payback: the cumulative turns positive in year 1: 25,224.80 / 140,896.42 = 0.1790308 yr.
// Discounted payback: 25,224.80 / 130,459.65 = 0.1933533 yr.
const std::vector<double> kLeaseIncremental{-25224.80, 140896.42, 149247.52, 153394.78, 157645.72,
                                            162002.94, 166469.08, 171046.88, 174881.98};

TEST(CliPalletising, ManualBaselineMatchesHandCalculation) {
    const json report = run_json(example("palletising_robot"));
    EXPECT_EQ(report.at("study").at("baseline"), "manual");
    const json& manual = alternative(report, "manual");
    EXPECT_TRUE(manual.at("is_baseline").get<bool>());
    expect_series(manual.at("net"), kManualNet, "manual net");
    const json& m = manual.at("measures");
    EXPECT_NEAR(m.at("npv").get<double>(), -1161922.42, kMoney);
    EXPECT_TRUE(m.at("irr").is_null());
    EXPECT_EQ(m.at("irr_sign_changes").get<int>(), 0);
    EXPECT_TRUE(m.at("payback_years").is_null());
    EXPECT_TRUE(m.at("discounted_payback_years").is_null());
    // The baseline against itself: nothing to compare.
    EXPECT_EQ(manual.at("vs_baseline").at("npv").get<double>(), 0.0);
    EXPECT_TRUE(manual.at("vs_baseline").at("irr").is_null());
}

TEST(CliPalletising, LeaseRobotMatchesHandCalculation) {
    const json report = run_json(example("palletising_robot"));
    const json& lease = alternative(report, "lease_robot");
    expect_series(lease.at("net"), kLeaseNet, "lease_robot net");

    // The lines the hand calculation names, at k = 0 and k = 1.
    std::map<std::string, std::vector<double>> lines;
    for (const auto& l : lease.at("lines")) lines[l.at("key")] = l.at("amounts").get<std::vector<double>>();
    EXPECT_NEAR(lines.at("capital.installation")[0], -20000.00, kMoney);
    EXPECT_NEAR(lines.at("training.initial_training")[0], -7464.00, kMoney);
    EXPECT_NEAR(lines.at("training.ramp_up_loss")[1], -6150.00, kMoney);
    EXPECT_NEAR(lines.at("operations.energy")[1], -3360.00 * 1.025, kMoney);
    EXPECT_NEAR(lines.at("downtime.unplanned")[1], -826.666667 * 1.025, kMoney);
    EXPECT_NEAR(lines.at("benefits.scrap_reduction")[1], 15000.00 * 1.025, kMoney);
    EXPECT_NEAR(lines.at("schedule.lease_payment")[8], -39000.00, kMoney);
    EXPECT_NEAR(lines.at("tax.income_tax")[0], 2239.20, kMoney);
    EXPECT_NEAR(lines.at("tax.income_tax")[8], 19899.75, kMoney);

    const json& m = lease.at("measures");
    EXPECT_NEAR(m.at("npv").get<double>(), -281640.09, kMoney);
    EXPECT_TRUE(m.at("irr").is_null());
    EXPECT_TRUE(m.at("payback_years").is_null());
    EXPECT_TRUE(m.at("discounted_payback_years").is_null());

    expect_series(lease.at("incremental"), kLeaseIncremental, "lease_robot incremental");
    const json& v = lease.at("vs_baseline");
    EXPECT_NEAR(v.at("npv").get<double>(), 880282.33, kMoney);
    ASSERT_FALSE(v.at("irr").is_null());
    EXPECT_NEAR(v.at("irr").get<double>(), 5.6398990, kRate);
    EXPECT_EQ(v.at("irr_sign_changes").get<int>(), 1);
    EXPECT_FALSE(v.at("irr_ambiguous").get<bool>());
    // The reported IRR is a root of the hand-calculated incremental flow: relative to the
    // 25,224.80 outlay, NPV(IRR) is nil.
    EXPECT_NEAR(npv_at(v.at("irr").get<double>(), kLeaseIncremental), 0.0, 0.05);
    EXPECT_NEAR(v.at("payback_years").get<double>(), 0.1790308, kYears);
    EXPECT_NEAR(v.at("discounted_payback_years").get<double>(), 0.1933533, kYears);
}

TEST(CliPalletising, RankingIsByNpv) {
    // Rank 1 = highest NPV. The hand-worked NPVs are lease_robot -281,640.09 and manual
    // -1,161,922.42; the bought cell (not worked here) ranks 2nd exactly when its NPV lies
    // between them, which is asserted alongside so the ranks are checked against the NPVs.
    const json report = run_json(example("palletising_robot"));
    EXPECT_EQ(alternative(report, "lease_robot").at("rank").get<int>(), 1);
    EXPECT_EQ(alternative(report, "robot").at("rank").get<int>(), 2);
    EXPECT_EQ(alternative(report, "manual").at("rank").get<int>(), 3);
    EXPECT_LT(alternative(report, "robot").at("measures").at("npv").get<double>(), -281640.09);
    EXPECT_GT(alternative(report, "robot").at("measures").at("npv").get<double>(), -1161922.42);
}

TEST(CliPalletising, TableShowsComparisonAndRanking) {
    const CliRun r = run_eqroi({"run", example("palletising_robot")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const std::string& t = r.out;
    EXPECT_NE(t.find("Comparison with the baseline 'manual'"), std::string::npos) << t;
    EXPECT_NE(t.find("ranked by NPV"), std::string::npos);
    // The hand-calculated figures as the table prints them (grouped, to the cent).
    EXPECT_NE(t.find("-281,640.09"), std::string::npos);
    EXPECT_NE(t.find("880,282.33"), std::string::npos);
    EXPECT_NE(t.find("-1,161,922.42"), std::string::npos);
    EXPECT_NE(t.find("563.99 %"), std::string::npos);  // 5.639899 as a percentage
    EXPECT_NE(t.find("0.18 yr"), std::string::npos);   // payback 0.179031
    // Ranking rows in rank order: lease (1), robot (2), manual (3, the baseline).
    const auto comparison = t.find("Comparison with the baseline");
    ASSERT_NE(comparison, std::string::npos);
    const auto first = t.find("\n1    Lease the robot cell", comparison);
    const auto second = t.find("\n2    Buy a palletising robot cell", comparison);
    const auto third = t.find("\n3    Palletise by hand", comparison);
    ASSERT_NE(first, std::string::npos) << t.substr(comparison);
    ASSERT_NE(second, std::string::npos) << t.substr(comparison);
    ASSERT_NE(third, std::string::npos) << t.substr(comparison);
    EXPECT_LT(first, second);
    EXPECT_LT(second, third);
    EXPECT_NE(t.find("baseline", third), std::string::npos);
}

}  // namespace
}  // namespace cli_test
