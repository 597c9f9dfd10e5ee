// configs/examples/cnc_replacement.toml through `eqroi run --format json`: keeping the old
// machine (the baseline) and buying machine B (the simpler of the two purchases: its service
// contract covers the repairs, so there is no Weibull line), each worked by hand from the model
// READMEs, and the incremental measures of buying B instead of keeping the old machine.
#include "cli_support.hpp"

namespace cli_test {
namespace {

// Study: 10 yearly periods, discount rate 9 %, inflation 2 % (every model's escalation), tax
// 25 %. f_k = 1.02^k, v_k = 1 / 1.09^k. Downtime is made up in overtime for both: cost per lost
// hour = 1 operator x 42 x (1 + 0.5) = 63.
//
// ---- keep (the baseline): H = 3600 h, age 12 ----
// capital: salvage 6,000 at k = 10. Nothing to depreciate (no price), so the book value is 0
//   and the whole 6,000 is a taxable gain on disposal at k = 10.
// operations: energy -22 x 0.55 x 3600 x 0.19 = -8,276.40; consumables -4.5 x 3600 = -16,200;
//   labour -3600 x 42 = -151,200 (per year)
// maintenance: preventive -(9,000 + 1.5 x 3600) = -14,400 / yr
//   corrective: beta 2.2, eta 26,000, T_k = (12 + k) x 3600, cost per repair
//   3,500 + 16 x 65 = 4,540. k = 1: (46,800/26,000)^2.2 - (43,200/26,000)^2.2
//   = 3.644177 - 3.055786 = 0.588392 failures -> -0.588392 x 4,540 x 1.02 = -2,724.72;
//   failures k = 2..10: 0.645314, 0.703087, 0.761663, 0.821001, 0.881062, 0.941815, 1.003228,
//   1.065275, 1.127931 -> corrective_k = -3,048.09, -3,387.39, -3,743.00, -4,115.29, -4,504.68,
//   -4,911.60, -5,336.51, -5,779.88, -6,242.23
//   overhaul every 4 years: k = 4: -45,000 x 1.082432 = -48,709.45;
//   k = 8: -45,000 x 1.171659 = -52,724.67
// downtime: scheduled 2 x 7.5 x 240 = 3600 h; failures 3600 / 180 = 20; unplanned 20 x 6 h
//   = 120 h x 63 = -7,560; planned 60 h x 63 = -3,780; restart scrap 20 x 2 x 40 = -1,600 / yr
// spare_parts: no price, so the kit is 0.05 x 0 = 0; consumption -6,000 / yr; carrying 0;
//   nothing to recover.
// Escalated base B = -8,276.40 - 16,200 - 151,200 - 14,400 - 7,560 - 3,780 - 1,600 - 6,000
//   = -209,016.40;  lines_k = B f_k + corrective_k + overhaul_k
//   taxable_k = lines_k (+ gain 6,000 at k = 10); tax_k = -0.25 x taxable_k
//   k   f_k       lines      tax        capital    net          v_k       net x v_k
//   0   1.000000          0.00       0.00        0.00         0.00  1.000000         0.00
//   1   1.020000   -215,921.45  53,980.36        0.00  -161,941.09  0.917431  -148,569.81
//   2   1.040400   -220,508.75  55,127.19        0.00  -165,381.56  0.841680  -139,198.35
//   3   1.061208   -225,197.27  56,299.32        0.00  -168,897.95  0.772183  -130,420.21
//   4   1.082432   -278,698.52  69,674.63        0.00  -209,023.89  0.708425  -148,077.79
//   5   1.104081   -234,886.28  58,721.57        0.00  -176,164.71  0.649931  -114,494.98
//   6   1.126162   -239,891.09  59,972.77        0.00  -179,918.32  0.596267  -107,279.41
//   7   1.148686   -245,005.74  61,251.43        0.00  -183,754.30  0.547034  -100,519.90
//   8   1.171659   -302,957.20  75,739.30        0.00  -227,217.90  0.501866  -114,033.00
//   9   1.195093   -255,573.83  63,893.46        0.00  -191,680.37  0.460428   -88,254.97
//   10  1.218994   -261,032.06  63,758.01    6,000.00  -191,274.04  0.422411   -80,796.22
//   (k = 10: taxable -261,032.06 + 6,000 = -255,032.06, tax +63,758.01.)
//   NPV = -1,171,644.64; no sign change: IRR, payback, discounted payback none.
const std::vector<double> kKeepNet{0.00,        -161941.09, -165381.56, -168897.95,
                                   -209023.89,  -176164.71, -179918.32, -183754.30,
                                   -227217.90,  -191680.37, -191274.04};

// ---- buy_b: H = 3400 h, new ----
// capital: 240,000 + 15,000 + 4,000 = 259,000 at k = 0, less the trade-in +15,000 (not
//   taxed): -244,000. Depreciation 259,000 / 7 = 37,000 in k = 1..7; book 0 at k = 10, so
//   the 50,000 salvage is all gain, taxable at k = 10.
// operations: energy -20 x 0.55 x 3400 x 0.19 = -7,106; consumables -4.3 x 3400 = -14,620;
//   labour -3400 x 42 = -142,800 (per year)
// maintenance: service contract -11,000 / yr replaces preventive; it covers repairs, so
//   corrective = 0; overhaul every 6 years: k = 6 only: -25,000 x 1.126162 = -28,154.06
// training (operators 4, wage 42, 16 h, fees 1,500, V = 95, s = 0.9, 1 month):
//   initial_training_0 = -(4 x 16 x 42 + 1,500) = -4,188.00
//   ramp-up: L0 = 0.1 x 95 x 3400 = 32,300 / yr; M = 1/12: -32,300 x 1/24 x 1.02 = -1,372.75
//   turnover: c = 16 x 42 + 1,500 / 4 = 1,047; -0.1 x 4 x 1,047 = -418.80 / yr
// downtime: failures 3600 / 450 = 8; unplanned 8 x 5 h = 40 h x 63 = -2,520; planned 40 h x 63
//   = -2,520; restart scrap 8 x 2 x 40 = -640 (per year)
// spare_parts (purchase_price = 240,000): kit 0.02 x 240,000 = -4,800 at k = 0; consumption
//   -0.005 x 240,000 = -1,200 / yr; carrying -0.2 x 4,800 = -960 / yr; stock recovery at
//   k = 10: +0.5 x 4,800 x 1.218994 = +2,925.59. The kit and its recovery are working capital:
//   cash, but not taxed (the kit is not an expense).
// Escalated base B = -7,106 - 14,620 - 142,800 - 11,000 - 418.80 - 2,520 - 2,520 - 640
//   - 1,200 - 960 = -183,784.80;  lines_0 = -4,188 - 4,800 = -8,988
//   taxable_k = lines_k - depreciation_k (+ gain 50,000 at k = 10), less the working capital
//   (taxable_0 = -4,188; at k = 10 the 2,925.59 recovery is left out); tax_k = -0.25 x taxable_k
//   k   f_k       lines      deprec.     tax        capital    net          v_k       net x v_k
//   0   1.000000     -8,988.00       0.00    1,047.00 -244,000.00  -251,941.00  1.000000  -251,941.00
//   1   1.020000   -188,833.25  37,000.00   56,458.31        0.00  -132,374.93  0.917431  -121,444.89
//   2   1.040400   -191,209.71  37,000.00   57,052.43        0.00  -134,157.28  0.841680  -112,917.50
//   3   1.061208   -195,033.90  37,000.00   58,008.48        0.00  -137,025.43  0.772183  -105,808.77
//   4   1.082432   -198,934.58  37,000.00   58,983.64        0.00  -139,950.93  0.708425   -99,144.77
//   5   1.104081   -202,913.27  37,000.00   59,978.32        0.00  -142,934.95  0.649931   -92,897.91
//   6   1.126162   -235,125.60  37,000.00   68,031.40        0.00  -167,094.20  0.596267   -99,632.81
//   7   1.148686   -211,110.97  37,000.00   62,027.74        0.00  -149,083.22  0.547034   -81,553.63
//   8   1.171659   -215,333.19       0.00   53,833.30        0.00  -161,499.89  0.501866   -81,051.35
//   9   1.195093   -219,639.85       0.00   54,909.96        0.00  -164,729.89  0.460428   -75,846.22
//   10  1.218994   -221,107.06       0.00   43,508.16   50,000.00  -127,598.90  0.422411   -53,899.15
//   (k = 10: taxable -221,107.06 - 2,925.59 + 50,000 = -174,032.65, tax +43,508.16.)
//   NPV = -1,176,138.00; all flows negative: IRR, payback, discounted payback none.
const std::vector<double> kBuyBNet{-251941.00, -132374.93, -134157.28, -137025.43,
                                   -139950.93, -142934.95, -167094.20, -149083.22,
                                   -161499.89, -164729.89, -127598.90};

// ---- buy_b minus keep ----
//   k   incremental   cumulative      discounted    cum. discounted
//   0    -251,941.00   -251,941.00    -251,941.00    -251,941.00
//   1      29,566.16   -222,374.84      27,124.91    -224,816.09
//   2      31,224.28   -191,150.56      26,280.85    -198,535.23
//   3      31,872.53   -159,278.04      24,611.44    -173,923.80
//   4      69,072.95    -90,205.08      48,933.02    -124,990.77
//   5      33,229.76    -56,975.32      21,597.06    -103,393.71
//   6      12,824.12    -44,151.20       7,646.60     -95,747.10
//   7      34,671.08     -9,480.12      18,966.27     -76,780.84
//   8      65,718.01     56,237.89      32,981.66     -43,799.18
//   9      26,950.49     83,188.38      12,408.75     -31,390.43
//   10     63,675.14    146,863.51      26,897.07      -4,493.36
// Incremental NPV = -4,493.36 (= -1,176,138.00 + 1,171,644.64): B does not earn 9 %.
// One sign change; IRR = 0.0862262 (8.62 %, just under the 9 % discount rate, as the negative
//   NPV says): NPV at 8 % is positive, at 9 % -4,493.36; at 0.0862262 it is 0.00.
// Payback in year 8: 7 + 9,480.12 / 65,718.01 = 7.1442545 yr.
// Discounted payback: the cumulative discounted flow is still -4,493.36 at k = 10: not reached.
const std::vector<double> kBuyBIncremental{-251941.00, 29566.16, 31224.28, 31872.53,
                                           69072.95,   33229.76, 12824.12, 34671.08,
                                           65718.01,   26950.49, 63675.14};

TEST(CliCnc, KeepBaselineMatchesHandCalculation) {
    const json report = run_json(example("cnc_replacement"));
    EXPECT_EQ(report.at("study").at("baseline"), "keep");
    EXPECT_EQ(report.at("study").at("horizon_years").get<int>(), 10);
    const json& keep = alternative(report, "keep");
    EXPECT_TRUE(keep.at("is_baseline").get<bool>());
    expect_series(keep.at("net"), kKeepNet, "keep net");

    std::map<std::string, std::vector<double>> lines;
    for (const auto& l : keep.at("lines")) lines[l.at("key")] = l.at("amounts").get<std::vector<double>>();
    EXPECT_NEAR(lines.at("maintenance.corrective")[1], -2724.72, kMoney);
    EXPECT_NEAR(lines.at("maintenance.overhaul")[4], -48709.45, kMoney);
    EXPECT_NEAR(lines.at("maintenance.overhaul")[8], -52724.67, kMoney);
    EXPECT_NEAR(lines.at("capital.salvage_value")[10], 6000.00, kMoney);
    EXPECT_NEAR(lines.at("tax.income_tax")[10], 63758.01, kMoney);

    const json& m = keep.at("measures");
    EXPECT_NEAR(m.at("npv").get<double>(), -1171644.64, kMoney);
    EXPECT_TRUE(m.at("irr").is_null());
    EXPECT_TRUE(m.at("payback_years").is_null());
    EXPECT_TRUE(m.at("discounted_payback_years").is_null());
}

TEST(CliCnc, BuyBMatchesHandCalculation) {
    const json report = run_json(example("cnc_replacement"));
    const json& b = alternative(report, "buy_b");
    expect_series(b.at("net"), kBuyBNet, "buy_b net");

    std::map<std::string, std::vector<double>> lines;
    for (const auto& l : b.at("lines")) lines[l.at("key")] = l.at("amounts").get<std::vector<double>>();
    EXPECT_NEAR(lines.at("capital.trade_in")[0], 15000.00, kMoney);
    for (double repair : lines.at("maintenance.corrective")) EXPECT_EQ(repair, 0.0);
    EXPECT_NEAR(lines.at("maintenance.service_contract")[1], -11220.00, kMoney);
    EXPECT_NEAR(lines.at("maintenance.overhaul")[6], -28154.06, kMoney);
    EXPECT_NEAR(lines.at("training.ramp_up_loss")[1], -1372.75, kMoney);
    EXPECT_NEAR(lines.at("spare_parts.stock_recovery")[10], 2925.59, kMoney);
    EXPECT_NEAR(lines.at("tax.income_tax")[0], 1047.00, kMoney);

    const json& m = b.at("measures");
    EXPECT_NEAR(m.at("npv").get<double>(), -1176138.00, kMoney);
    EXPECT_TRUE(m.at("irr").is_null());
    EXPECT_TRUE(m.at("payback_years").is_null());

    expect_series(b.at("incremental"), kBuyBIncremental, "buy_b incremental");
    const json& v = b.at("vs_baseline");
    EXPECT_NEAR(v.at("npv").get<double>(), -4493.36, kMoney);
    ASSERT_FALSE(v.at("irr").is_null());
    EXPECT_NEAR(v.at("irr").get<double>(), 0.0862262, kRate);
    EXPECT_NEAR(npv_at(v.at("irr").get<double>(), kBuyBIncremental), 0.0, 0.05);
    EXPECT_EQ(v.at("irr_sign_changes").get<int>(), 1);
    EXPECT_NEAR(v.at("payback_years").get<double>(), 7.1442545, kYears);
    EXPECT_TRUE(v.at("discounted_payback_years").is_null());
    // Ranked below keep (-1,176,138.00 < -1,171,644.64).
    EXPECT_GT(b.at("rank").get<int>(), alternative(report, "keep").at("rank").get<int>());
}

TEST(CliCnc, TableShowsComparisonWithNotReached) {
    const CliRun r = run_eqroi({"run", example("cnc_replacement")});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const auto comparison = r.out.find("Comparison with the baseline 'keep'");
    ASSERT_NE(comparison, std::string::npos) << r.out;
    const std::string tail = r.out.substr(comparison);
    const auto row = tail.find("Buy machine B");
    ASSERT_NE(row, std::string::npos) << tail;
    const std::string b_row = tail.substr(row, tail.find('\n', row) - row);
    EXPECT_NE(b_row.find("-1,176,138.00"), std::string::npos) << b_row;
    EXPECT_NE(b_row.find("-4,493.36"), std::string::npos) << b_row;
    EXPECT_NE(b_row.find("8.62 %"), std::string::npos) << b_row;
    EXPECT_NE(b_row.find("7.14 yr"), std::string::npos) << b_row;
    EXPECT_NE(b_row.find("not reached"), std::string::npos) << b_row;
    // Rows are in rank order, and B's NPV is below keep's: keep's row comes first.
    const auto keep_row = tail.find("Keep the old machine, run overtime");
    ASSERT_NE(keep_row, std::string::npos) << tail;
    EXPECT_LT(keep_row, row);
    EXPECT_NE(tail.find("baseline", keep_row), std::string::npos);
}

}  // namespace
}  // namespace cli_test
