// configs/examples/injection_moulding.toml through `eqroi run --format json`: the night-shift
// baseline and the new press, each worked by hand from the model READMEs, and the incremental
// measures of buying the press instead of running the night shift.
#include "cli_support.hpp"

namespace cli_test {
namespace {

// Study: 8 yearly periods, discount rate 10 %, inflation 2 % (every model's escalation), tax
// 30 %. f_k = 1.02^k, v_k = 1 / 1.10^k. H = 2000 h/yr for both alternatives.
//
// ---- night_shift (the baseline): no capital ----
// operations (operators 1.5, wage 47.5):
//   energy       -55 kW x 0.6 x 2000 x 0.17          = -11,220.00 / yr
//   consumables  -1.2 x 2000                          =  -2,400.00 / yr
//   labour       -1.5 x 2000 x 47.5                   = -142,500.00 / yr
// maintenance: preventive -(0 + 3.0 x 2000)           =  -6,000.00 / yr
//   corrective: age A = 9, beta 1.7, eta 30,000, T_k = (9 + k) x 2000, cost per repair
//   1,800 + 8 x 70 = 2,360; failures_k = (T_k/eta)^1.7 - (T_{k-1}/eta)^1.7:
//     k=1: 0.6667^1.7 - 0.6^1.7 = 0.501932 - 0.419621 = 0.082311 -> -0.082311 x 2,360 x 1.02
//          = -198.14;  then failures 0.088286, 0.094092, 0.099749, 0.105270, 0.110671,
//          0.115961, 0.121149 give corrective_k = -216.77, -235.65, -254.81, -274.30,
//          -294.13, -314.36, -334.99 (k = 2..8, x 2,360 x f_k)
//   no overhaul (interval 0)
// downtime: scheduled 1 x 8 x 250 = 2000 h; failures 2000 / 300 = 6.6667 / yr;
//   unplanned 6.6667 x 8 h = 53.33 h x 60 (lost output) = -3,200.00 / yr;
//   restart scrap 6.6667 x 60 x 0.35 = -140.00 / yr
// schedule: expense -18,000 in k = 1..8 (not escalated)
// Escalated base B = -11,220 - 2,400 - 142,500 - 6,000 - 3,200 - 140 = -165,460.00
//   lines_k = B f_k + corrective_k - 18,000;  tax_k = -0.30 x lines_k
//   k   f_k       lines      tax        capital    net          v_k       net x v_k
//   0   1.000000          0.00       0.00        0.00         0.00  1.000000         0.00
//   1   1.020000   -186,967.34  56,090.20        0.00  -130,877.14  0.909091  -118,979.22
//   2   1.040400   -190,361.36  57,108.41        0.00  -133,252.95  0.826446  -110,126.40
//   3   1.061208   -193,823.12  58,146.94        0.00  -135,676.19  0.751315  -101,935.53
//   4   1.082432   -197,354.04  59,206.21        0.00  -138,147.83  0.683013   -94,356.82
//   5   1.104081   -200,955.51  60,286.65        0.00  -140,668.85  0.620921   -87,344.29
//   6   1.126162   -204,628.97  61,388.69        0.00  -143,240.28  0.564474   -80,855.40
//   7   1.148686   -208,375.89  62,512.77        0.00  -145,863.12  0.513158   -74,850.84
//   8   1.171659   -212,197.75  63,659.33        0.00  -148,538.43  0.466507   -69,294.27
//   NPV = -737,742.78; no sign change: IRR, payback, discounted payback none.
const std::vector<double> kNightNet{0.00,       -130877.14, -133252.95, -135676.19, -138147.83,
                                    -140668.85, -143240.28, -145863.12, -148538.43};

// ---- new_press ----
// capital: 210,000 + 12,000 + 6,000 = 228,000 at k = 0, depreciated over 8 years: 28,500 in
//   k = 1..8, book value 0 at k = 8; salvage 45,000 at k = 8.
// schedule: expense -14,000 at k = 0 (deductible); capital_spend 26,000 at k = 2
//   (capitalised): depreciated 26,000 / 8 = 3,250 in k = 3..8 (six years fit in the study),
//   the 2 x 3,250 = 6,500 still on the books at k = 8 is written off there:
//   gain on disposal = 45,000 - 0 - 6,500 = 38,500 (taxable at k = 8).
// operations (operators 1, wage 38): energy -35 x 0.45 x 2000 x 0.17 = -5,355.00;
//   consumables -1.0 x 2000 = -2,000.00; labour -2000 x 38 = -76,000.00 (per year)
// maintenance: preventive -(2,500 + 0.8 x 2000) = -4,100.00 / yr;
//   corrective: A = 0, beta 1.5, eta 45,000, cost per repair 2,200 + 6 x 55 = 2,530:
//   failures_k = (2000k/45000)^1.5 - (2000(k-1)/45000)^1.5 = 0.009370, 0.017132, 0.022185,
//   0.026271, 0.029799, 0.032950, 0.035823, 0.038483 (k = 1..8); corrective_k =
//   -failures_k x 2,530 x f_k = -24.18, -45.09, -59.56, -71.95, -83.24, -93.88, -104.11, -114.07
//   overhaul every 5 years: k = 5 only: -15,000 x 1.104081 = -16,561.21
// training (operators 3, wage 38, 24 h, fees 3,500, V = 60, s = 0.85, 2 months):
//   initial_training_0 = -(3 x 24 x 38 + 3,500) = -6,236.00
//   ramp-up: L0 = 0.15 x 60 x 2000 = 18,000 / yr; M = 1/6 yr: -18,000 x 1/12 x 1.02 = -1,530.00
//   turnover: c = 24 x 38 + 3,500 / 3 = 2,078.67; -0.08 x 3 x 2,078.67 = -498.88 / yr
// downtime: failures 2000 / 800 = 2.5 / yr; unplanned 2.5 x 3 h x 60 = -450.00 / yr;
//   restart scrap 2.5 x 30 x 0.35 = -26.25 / yr
// spare_parts (purchase_price = capital price 210,000): kit 0.025 x 210,000 = -5,250.00 at
//   k = 0; consumption -0.01 x 210,000 = -2,100.00 / yr; carrying -0.15 x 5,250 = -787.50 / yr;
//   stock recovery at k = 8: +0.5 x 5,250 x 1.171659 = +3,075.61. The kit and its recovery
//   are working capital: cash, but not taxed (the kit is not an expense).
// Escalated base B = -5,355 - 2,000 - 76,000 - 4,100 - 498.88 - 450 - 26.25 - 2,100 - 787.50
//   = -91,317.63;  lines_0 = -6,236 - 5,250 - 14,000 = -25,486.00
//   lines_k = B f_k + corrective_k (+ overhaul at 5, ramp-up at 1, recovery at 8)
//   taxable_k = lines_k - depreciation_k (+ gain 38,500 at k = 8), less the working capital
//   (taxable_0 = -25,486 + 5,250 = -20,236; at k = 8 the 3,075.61 recovery is left out);
//   tax_k = -0.30 x taxable_k
//   k   f_k       lines      deprec.     tax        capital    net          v_k       net x v_k
//   0   1.000000    -25,486.00       0.00    6,070.80 -228,000.00  -247,415.20  1.000000  -247,415.20
//   1   1.020000    -94,698.16  28,500.00   36,959.45        0.00   -57,738.71  0.909091   -52,489.74
//   2   1.040400    -95,051.96  28,500.00   37,065.59  -26,000.00   -83,986.37  0.826446   -69,410.22
//   3   1.061208    -96,966.56  31,750.00   38,614.97        0.00   -58,351.59  0.751315   -43,840.42
//   4   1.082432    -98,917.08  31,750.00   39,200.13        0.00   -59,716.96  0.683013   -40,787.49
//   5   1.104081   -117,466.49  31,750.00   44,764.95        0.00   -72,701.54  0.620921   -45,141.94
//   6   1.126162   -102,932.36  31,750.00   40,404.71        0.00   -62,527.65  0.564474   -35,295.23
//   7   1.148686   -104,999.36  31,750.00   41,024.81        0.00   -63,974.55  0.513158   -32,829.06
//   8   1.171659   -104,031.63  31,750.00   30,107.17   45,000.00   -28,924.46  0.466507   -13,493.47
//   (k = 8: taxable = -104,031.63 - 3,075.61 - 31,750 + 38,500 = -100,357.24, tax +30,107.17.)
//   NPV = -580,702.76 (the engine, unrounded: -580,702.77); all flows negative: IRR, payback,
//   discounted payback none.
const std::vector<double> kPressNet{-247415.20, -57738.71, -83986.37, -58351.59, -59716.96,
                                    -72701.54,  -62527.65, -63974.55, -28924.46};

// ---- new_press minus night_shift ----
//   k   incremental   cumulative      discounted    cum. discounted
//   0    -247,415.20   -247,415.20    -247,415.20    -247,415.20
//   1      73,138.42   -174,276.78      66,489.47    -180,925.73
//   2      49,266.58   -125,010.20      40,716.18    -140,209.55
//   3      77,324.59    -47,685.61      58,095.11     -82,114.44
//   4      78,430.87     30,745.26      53,569.34     -28,545.10
//   5      67,967.31     98,712.57      42,202.35      13,657.26
//   6      80,712.62    179,425.19      45,560.17      59,217.42
//   7      81,888.57    261,313.76      42,021.78     101,239.21
//   8     119,613.97    380,927.73      55,800.80     157,040.01
// Incremental NPV = 157,040.01 (= -580,702.77 + 737,742.78).
// One sign change; IRR = 0.2430962 (24.31 %/yr): at that rate the discounted incremental flows
//   add up to 0.00 (bisection on NPV(r) between 0.10, NPV +157,040.01, and 0.30, NPV < 0).
// Payback in year 4: 3 + 47,685.61 / 78,430.87 = 3.6079954 yr.
// Discounted payback in year 5: 4 + 28,545.10 / 42,202.35 = 4.6763865 yr.
const std::vector<double> kPressIncremental{-247415.20, 73138.42, 49266.58, 77324.59, 78430.87,
                                            67967.31,   80712.62, 81888.57, 119613.97};

TEST(CliInjection, NightShiftBaselineMatchesHandCalculation) {
    const json report = run_json(example("injection_moulding"));
    EXPECT_EQ(report.at("study").at("baseline"), "night_shift");
    const json& night = alternative(report, "night_shift");
    EXPECT_TRUE(night.at("is_baseline").get<bool>());
    expect_series(night.at("net"), kNightNet, "night_shift net");
    const json& m = night.at("measures");
    EXPECT_NEAR(m.at("npv").get<double>(), -737742.78, kMoney);
    EXPECT_TRUE(m.at("irr").is_null());
    EXPECT_TRUE(m.at("payback_years").is_null());
    EXPECT_TRUE(m.at("discounted_payback_years").is_null());
    EXPECT_EQ(night.at("rank").get<int>(), 2);
}

TEST(CliInjection, NewPressMatchesHandCalculation) {
    const json report = run_json(example("injection_moulding"));
    const json& press = alternative(report, "new_press");
    expect_series(press.at("net"), kPressNet, "new_press net");

    std::map<std::string, std::vector<double>> lines;
    for (const auto& l : press.at("lines")) lines[l.at("key")] = l.at("amounts").get<std::vector<double>>();
    EXPECT_NEAR(lines.at("maintenance.overhaul")[5], -16561.21, kMoney);
    EXPECT_NEAR(lines.at("maintenance.corrective")[1], -24.18, kMoney);
    EXPECT_NEAR(lines.at("schedule.capital_spend")[2], -26000.00, kMoney);
    EXPECT_EQ(press.at("lines").back().at("key"), "tax.income_tax");
    EXPECT_NEAR(lines.at("tax.income_tax")[8], 30107.17, kMoney);  // includes the 38,500 gain
    EXPECT_NEAR(lines.at("spare_parts.stock_recovery")[8], 3075.61, kMoney);

    const json& m = press.at("measures");
    EXPECT_NEAR(m.at("npv").get<double>(), -580702.77, kMoney);
    EXPECT_TRUE(m.at("irr").is_null());
    EXPECT_TRUE(m.at("payback_years").is_null());
    EXPECT_EQ(press.at("rank").get<int>(), 1);

    expect_series(press.at("incremental"), kPressIncremental, "new_press incremental");
    const json& v = press.at("vs_baseline");
    EXPECT_NEAR(v.at("npv").get<double>(), 157040.01, kMoney);
    ASSERT_FALSE(v.at("irr").is_null());
    EXPECT_NEAR(v.at("irr").get<double>(), 0.2430962, kRate);
    EXPECT_NEAR(npv_at(v.at("irr").get<double>(), kPressIncremental), 0.0, 0.05);
    EXPECT_EQ(v.at("irr_sign_changes").get<int>(), 1);
    EXPECT_NEAR(v.at("payback_years").get<double>(), 3.6079954, kYears);
    EXPECT_NEAR(v.at("discounted_payback_years").get<double>(), 4.6763865, 1e-5);
}

TEST(CliInjection, TableShowsComparison) {
    const CliRun r = run_eqroi({"run", example("injection_moulding"), "--format", "table"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto comparison = r.out.find("Comparison with the baseline 'night_shift'");
    ASSERT_NE(comparison, std::string::npos) << r.out;
    const std::string tail = r.out.substr(comparison);
    // Rank 1 the press with its incremental figures, rank 2 the baseline.
    const auto press = tail.find("\n1    Buy a 180 t all-electric press");
    const auto night = tail.find("\n2    Run a night shift");
    ASSERT_NE(press, std::string::npos) << tail;
    ASSERT_NE(night, std::string::npos) << tail;
    EXPECT_LT(press, night);
    const std::string press_row = tail.substr(press, tail.find('\n', press + 1) - press);
    EXPECT_NE(press_row.find("-580,702.77"), std::string::npos) << press_row;
    EXPECT_NE(press_row.find("157,040.01"), std::string::npos) << press_row;
    EXPECT_NE(press_row.find("24.31 %"), std::string::npos) << press_row;
    EXPECT_NE(press_row.find("3.61 yr"), std::string::npos) << press_row;
    EXPECT_NE(press_row.find("4.68 yr"), std::string::npos) << press_row;
}

}  // namespace
}  // namespace cli_test
