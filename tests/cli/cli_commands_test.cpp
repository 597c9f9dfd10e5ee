// `eqroi calc`, `eqroi plugins`, help, and the exit codes: 0 ok, 1 evaluation failed, 2 bad input.
#include "cli_support.hpp"

namespace cli_test {
namespace {

// ---- calc ----

TEST(CliCalc, ExcelIrrExample) {
    // Excel's documented IRR example: -100 then 39, 59, 55, 20 -> IRR 28.09484 %.
    // NPV at 10 %: -100 + 39/1.1 + 59/1.21 + 55/1.331 + 20/1.4641
    //   = -100 + 35.454545 + 48.760331 + 41.322314 + 13.660269 = 39.197459
    // Payback: cumulative -100, -61, -2, +53: 2 + 2/55 = 2.036364 periods.
    // Discounted: cumulative -100, -64.545455, -15.785124, +25.537190: 2 + 15.785124/41.322314
    //   = 2.382000 periods.
    const CliRun r = run_eqroi({"calc", "--rate", "0.1", "--flows=-100,39,59,55,20", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j.at("flows").get<std::vector<double>>(), (std::vector<double>{-100, 39, 59, 55, 20}));
    EXPECT_NEAR(j.at("npv").get<double>(), 39.197459, 1e-6);
    ASSERT_FALSE(j.at("irr").is_null());
    EXPECT_NEAR(j.at("irr").get<double>(), 0.2809484, 1e-6);
    EXPECT_EQ(j.at("irr_sign_changes").get<int>(), 1);
    EXPECT_FALSE(j.at("irr_ambiguous").get<bool>());
    EXPECT_NEAR(j.at("payback").get<double>(), 2.036364, 1e-6);
    EXPECT_NEAR(j.at("discounted_payback").get<double>(), 2.382, 1e-6);
}

TEST(CliCalc, TableFormat) {
    const CliRun r = run_eqroi({"calc", "--rate", "0.1", "--flows=-100,39,59,55,20"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("39.20"), std::string::npos) << r.out;       // NPV 39.197459
    EXPECT_NE(r.out.find("28.094842 %"), std::string::npos) << r.out; // IRR 0.28094842
    EXPECT_NE(r.out.find("2.0364 periods"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("2.3820 periods"), std::string::npos) << r.out;
}

TEST(CliCalc, NoSignChangeHasNoIrr) {
    // All positive: NPV at 10 % = 100 + 39/1.1 + 59/1.21 = 100 + 35.454545 + 48.760331
    // = 184.214876; no sign change, so no rate makes the NPV zero.
    const CliRun r = run_eqroi({"calc", "--rate", "0.1", "--flows=100,39,59", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_TRUE(j.at("irr").is_null());
    EXPECT_EQ(j.at("irr_sign_changes").get<int>(), 0);
    EXPECT_NEAR(j.at("npv").get<double>(), 184.214876, 1e-6);

    // All negative: no IRR, and the outlay is never paid back.
    const CliRun neg = run_eqroi({"calc", "--rate", "0.1", "--flows=-100,-10", "--format", "json"});
    ASSERT_EQ(neg.exit_code, 0) << neg.err;
    const json n = json::parse(neg.out);
    EXPECT_TRUE(n.at("irr").is_null());
    EXPECT_TRUE(n.at("payback").is_null());
    EXPECT_TRUE(n.at("discounted_payback").is_null());
    EXPECT_NEAR(n.at("npv").get<double>(), -100 - 10 / 1.1, 1e-9);
}

TEST(CliCalc, TwoSignChangesAreFlagged) {
    // -100, +230, -132 = -(1 - 1.1 x)(1 - 1.2 x) x 100 with x = 1/(1+r): roots at 10 % and 20 %.
    const CliRun r = run_eqroi({"calc", "--rate", "0.05", "--flows=-100,230,-132", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j.at("irr_sign_changes").get<int>(), 2);
    EXPECT_TRUE(j.at("irr_ambiguous").get<bool>());
    // Two roots: no single IRR is picked; both are listed.
    EXPECT_TRUE(j.at("irr").is_null());
    const auto roots = j.at("irr_roots").get<std::vector<double>>();
    ASSERT_EQ(roots.size(), 2u);
    EXPECT_NEAR(roots[0], 0.10, 1e-9);
    EXPECT_NEAR(roots[1], 0.20, 1e-9);
}

TEST(CliCalc, MalformedFlowsAreBadInput) {
    const char* bad[] = {"--flows=-100,abc,59", "--flows=-100,,59", "--flows=-100", "--flows=-100,1e999",
                         "--flows=-100,50x", "--flows="};
    for (const char* flows : bad) {
        const CliRun r = run_eqroi({"calc", "--rate", "0.1", flows});
        EXPECT_EQ(r.exit_code, 2) << flows << "\n" << r.out;
        EXPECT_NE(r.err.find("--flows"), std::string::npos) << flows << ": " << r.err;
        EXPECT_EQ(r.out, "") << flows;
    }
}

TEST(CliCalc, BadRateOrFormatIsBadInput) {
    EXPECT_EQ(run_eqroi({"calc", "--rate", "-1", "--flows=-100,50"}).exit_code, 2);
    EXPECT_EQ(run_eqroi({"calc", "--rate", "abc", "--flows=-100,50"}).exit_code, 2);
    EXPECT_EQ(run_eqroi({"calc", "--flows=-100,50"}).exit_code, 2);  // --rate is required
    const CliRun csv = run_eqroi({"calc", "--rate", "0.1", "--flows=-100,50", "--format", "csv"});
    EXPECT_EQ(csv.exit_code, 2);
    EXPECT_NE(csv.err.find("--format csv"), std::string::npos) << csv.err;
}

// ---- plugins ----

TEST(CliPlugins, ListShowsEveryBundledModel) {
    const CliRun r = run_eqroi({"plugins", "list"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");  // no plugin skipped
    // Each model starts a line with its id (the first one starts the output).
    const std::string listing = "\n" + r.out;
    for (const char* id : {"maintenance", "training", "spare_parts", "downtime", "operations",
                           "benefits", "schedule"})
        EXPECT_NE(listing.find(std::string("\n") + id + "  "), std::string::npos) << id;
    // A few parameter keys from the READMEs, with their declared defaults.
    EXPECT_NE(r.out.find("weibull_scale_hours"), std::string::npos);
    EXPECT_NE(r.out.find("ramp_up_start_efficiency"), std::string::npos);
    EXPECT_NE(r.out.find("obsolete_share"), std::string::npos);
    EXPECT_NE(r.out.find("lease_payment"), std::string::npos);
    EXPECT_NE(r.out.find("cost_method"), std::string::npos);
    EXPECT_NE(r.out.find("default \"lost_output\""), std::string::npos);
    EXPECT_NE(r.out.find("energy_extra_escalation"), std::string::npos);
    EXPECT_NE(r.out.find("scrap_rate_reduction"), std::string::npos);
    // Found through the binary's own location: <build>/bin/eqroi -> <build>/lib/eqroi/plugins.
    const fs::path bundled = fs::path(EQROI_EXE).parent_path().parent_path() / "lib/eqroi/plugins";
    EXPECT_NE(r.out.find((bundled / "maintenance.so").string()), std::string::npos) << r.out;
}

TEST(CliPlugins, ShowMaintenance) {
    const CliRun r = run_eqroi({"plugins", "show", "maintenance"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out.rfind("maintenance: Maintenance\n", 0), 0u) << r.out;
    // weibull_shape: default 1.5, range 0.1 .. 10 (README).
    const auto shape = r.out.find("weibull_shape");
    ASSERT_NE(shape, std::string::npos);
    const std::string shape_row = r.out.substr(shape, r.out.find('\n', shape) - shape);
    EXPECT_NE(shape_row.find("default 1.5"), std::string::npos) << shape_row;
    EXPECT_NE(shape_row.find("range 0.1 .. 10"), std::string::npos) << shape_row;
    // The four output lines, with category and tax treatment.
    const auto lines = r.out.find("output lines:");
    ASSERT_NE(lines, std::string::npos);
    const std::string tail = r.out.substr(lines);
    for (const char* key : {"preventive", "corrective", "overhaul", "service_contract"})
        EXPECT_NE(tail.find(std::string("    ") + key + " "), std::string::npos) << key;
    EXPECT_NE(tail.find("Preventive maintenance"), std::string::npos);
    EXPECT_NE(tail.find("deductible"), std::string::npos);
}

TEST(CliPlugins, ShowUnknownModelSuggests) {
    const CliRun r = run_eqroi({"plugins", "show", "maintenace"});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("unknown model 'maintenace'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("did you mean 'maintenance'?"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("available: benefits, downtime, maintenance"), std::string::npos) << r.err;
}

// ---- help, options, exit codes ----

TEST(CliUsage, HelpOnEveryCommandExitsZero) {
    const std::vector<std::vector<std::string>> commands = {
        {"--help"},           {"run", "--help"},  {"check", "--help"},
        {"calc", "--help"},   {"plugins", "--help"}, {"plugins", "list", "--help"},
        {"plugins", "show", "--help"}};
    for (const auto& c : commands) {
        const CliRun r = run_eqroi(c);
        std::string line;
        for (const auto& a : c) line += a + " ";
        EXPECT_EQ(r.exit_code, 0) << line << "\n" << r.err;
        EXPECT_NE(r.out.find("Usage"), std::string::npos) << line << "\n" << r.out;
    }
    // Each subcommand's help names its own options.
    EXPECT_NE(run_eqroi({"run", "--help"}).out.find("--out-dir"), std::string::npos);
    EXPECT_NE(run_eqroi({"calc", "--help"}).out.find("--flows"), std::string::npos);
}

TEST(CliUsage, UnknownOptionOrMissingCommandIsBadInput) {
    const CliRun bogus = run_eqroi({"run", example("palletising_robot"), "--bogus"});
    EXPECT_EQ(bogus.exit_code, 2);
    EXPECT_NE(bogus.err.find("--bogus"), std::string::npos) << bogus.err;
    EXPECT_EQ(bogus.out, "");
    EXPECT_EQ(run_eqroi({}).exit_code, 2);
    EXPECT_EQ(run_eqroi({"frobnicate"}).exit_code, 2);
    EXPECT_EQ(run_eqroi({"run"}).exit_code, 2);  // the study is required
}

TEST(CliUsage, MissingPluginDirIsBadInput) {
    for (const std::vector<std::string>& args :
         {std::vector<std::string>{"plugins", "list", "--plugin-dir", "/nonexistent"},
          std::vector<std::string>{"run", example("palletising_robot"), "--plugin-dir", "/nonexistent"},
          std::vector<std::string>{"check", example("palletising_robot"), "--plugin-dir", "/nonexistent"}}) {
        const CliRun r = run_eqroi(args);
        EXPECT_EQ(r.exit_code, 2) << args[0];
        EXPECT_NE(r.err.find("--plugin-dir /nonexistent"), std::string::npos) << r.err;
        EXPECT_EQ(r.out, "");
    }
}

TEST(CliUsage, ModelFailureAtEvaluationExitsOne) {
    // The downtime model rejects more than 24 scheduled hours a day (README: "shifts_per_day x
    // hours_per_shift above 24 h is rejected"): 3 x 9 = 27 h. Each value is within its own
    // declared range (0 .. 24), so the study loads and only evaluation fails.
    TempDir dir;
    const fs::path study = dir.write("long_day.toml", R"([study]
horizon_years = 5
discount_rate = 0.08

[[alternative]]
id = "three_long_shifts"
[alternative.models.downtime]
shifts_per_day = 3
hours_per_shift = 9
)");
    const CliRun r = run_eqroi({"run", study.string()});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "");  // no partial report
    EXPECT_NE(r.err.find("evaluation failed"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("downtime"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("24 h"), std::string::npos) << r.err;

    // `check` evaluates once too, so it finds the same problem instead of saying "ok".
    const CliRun c = run_eqroi({"check", study.string()});
    EXPECT_EQ(c.exit_code, 1) << c.err;
    EXPECT_EQ(c.out, "");
    EXPECT_NE(c.err.find("24 h"), std::string::npos) << c.err;

    // 3 x 8 = 24 h is a full day and allowed: the same study with 8-hour shifts runs.
    const fs::path ok = dir.write("full_day.toml", R"([study]
horizon_years = 5
discount_rate = 0.08

[[alternative]]
id = "three_shifts"
[alternative.models.downtime]
shifts_per_day = 3
hours_per_shift = 8
)");
    const CliRun full = run_eqroi({"run", ok.string(), "--format", "json"});
    EXPECT_EQ(full.exit_code, 0) << full.err;
}

TEST(CliUsage, Version) {
    const CliRun r = run_eqroi({"--version"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("eqroi 0.1.0"), std::string::npos) << r.out;
}

}  // namespace
}  // namespace cli_test
