// `eqroi plugins verify FILE`: the file's size and SHA-256 (compared with `sha256sum` and the
// file system), its trust status here, and the self-description read in a child process; a
// plugin that crashes or hangs while loading is reported with exit 1 and the command itself
// (like this test, which runs it) carries on; a file that is no valid plugin is exit 2.
#include "cli_support.hpp"

namespace cli_test {
namespace {

const fs::path kFaultDir = EQROI_FAULT_PLUGIN_DIR;
const fs::path kOnLoadDir = EQROI_ON_LOAD_PLUGIN_DIR;

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

/// Runs in a fresh directory so that no eqroi-trust.toml around the build tree counts.
CliRun verify(const std::vector<std::string>& args, std::map<std::string, std::string> env = {}) {
    static TempDir cwd;
    std::vector<std::string> all{"plugins", "verify"};
    all.insert(all.end(), args.begin(), args.end());
    return run_eqroi(all, RunOptions{std::move(env), cwd.path()});
}

TEST(CliVerify, GoodPluginShowsHashTrustAndSelfDescription) {
    const fs::path file = kFaultDir / "good.so";
    const CliRun r = verify({file.string()});
    // Untrusted, but valid: exit 0 (verify informs, it does not approve).
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "file:     " + file.string() + "\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "size:     " + std::to_string(fs::file_size(file)) + " bytes\n"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "SHA-256:  " + sha256sum(file) + "\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "trust:    untrusted\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "eqroi plugins trust " + file.string())) << r.out;
    // good.cpp: EQROI_PLUGIN("eqroi tests", "good plugin", "1.0.0", Good), built against ABI 1.1;
    // model test_good with hours (default 1000, 0 .. 8760) and rate (2.5, 0 .. 1000).
    EXPECT_TRUE(contains(r.out, "plugin:   'good plugin' 1.0.0 by eqroi tests (ABI 1.1)\n"))
        << r.out;
    EXPECT_TRUE(contains(r.out, "model test_good: Good model\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "Service cost and a small saving.")) << r.out;
    const auto rate = r.out.find("    rate ");
    ASSERT_NE(rate, std::string::npos) << r.out;
    const std::string rate_row = r.out.substr(rate, r.out.find('\n', rate) - rate);
    EXPECT_TRUE(contains(rate_row, "currency/h")) << rate_row;
    EXPECT_TRUE(contains(rate_row, "default 2.5")) << rate_row;
    EXPECT_TRUE(contains(rate_row, "range 0 .. 1000")) << rate_row;
    EXPECT_TRUE(contains(r.out, "Service rate: Cost per hour.")) << r.out;
    EXPECT_TRUE(contains(r.out, "saving")) << r.out;
    EXPECT_EQ(r.err, "");
}

TEST(CliVerify, JsonCarriesTheSameFacts) {
    const fs::path file = kFaultDir / "good.so";
    const CliRun r = verify({file.string(), "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j.at("outcome"), "described");
    EXPECT_EQ(j.at("sha256"), sha256sum(file));
    EXPECT_EQ(j.at("size").get<std::uintmax_t>(), fs::file_size(file));
    EXPECT_EQ(j.at("trust").at("status"), "untrusted");
    EXPECT_EQ(j.at("plugin").at("vendor"), "eqroi tests");
    EXPECT_EQ(j.at("plugin").at("version"), "1.0.0");
    EXPECT_EQ(j.at("plugin").at("abi_minor"), 1);
    ASSERT_EQ(j.at("models").size(), 1u);
    const json& model = j.at("models")[0];
    EXPECT_EQ(model.at("id"), "test_good");
    EXPECT_EQ(model.at("params")[1].at("key"), "rate");
    EXPECT_DOUBLE_EQ(model.at("params")[1].at("default").get<double>(), 2.5);
    EXPECT_DOUBLE_EQ(model.at("params")[0].at("max").get<double>(), 8760);
    EXPECT_EQ(model.at("lines")[1].at("category"), "benefit");
}

TEST(CliVerify, BundledPluginIsTrustedByLocation) {
    const fs::path file = fs::canonical(fs::path(EQROI_EXE).parent_path().parent_path() /
                                        "lib/eqroi/plugins/maintenance.so");
    const CliRun r = verify({file.string()});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(contains(r.out, "SHA-256:  " + sha256sum(file) + "\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "trust:    bundled (trusted by its install location)\n")) << r.out;
    EXPECT_TRUE(contains(r.out, "model maintenance: Maintenance\n")) << r.out;
    EXPECT_FALSE(contains(r.out, "eqroi plugins trust")) << r.out;
}

TEST(CliVerify, PluginCrashingWhileLoadingIsReportedAndTheCallerSurvives) {
    const fs::path file = kOnLoadDir / "crash" / "crash_on_load.so";
    const CliRun r = verify({file.string()});
    // eqroi itself exits normally with 1 (a crash of eqroi would read 128 + 11 here), and this
    // test process, which ran it, is still here to check.
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(contains(r.err, file.string() + ": the plugin crashed while loading: signal 11 "
                                                 "(Segmentation fault); nothing of it ran in "
                                                 "this process"))
        << r.err;
    // What could be learnt without running it is still there.
    EXPECT_TRUE(contains(r.out, "SHA-256:  " + sha256sum(file) + "\n")) << r.out;
    EXPECT_FALSE(contains(r.out, "plugin:   ")) << r.out;

    const CliRun j = verify({file.string(), "--format", "json"});
    EXPECT_EQ(j.exit_code, 1) << j.err;
    const json report = json::parse(j.out);
    EXPECT_EQ(report.at("outcome"), "crashed");
    EXPECT_EQ(report.at("signal"), 11);
}

TEST(CliVerify, PluginHangingWhileLoadingIsStoppedAfterTheTimeout) {
    const fs::path file = kOnLoadDir / "hang" / "hang_on_load.so";
    const CliRun r = verify({file.string()}, {{"EQROI_PROBE_TIMEOUT_SECONDS", "2"}});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_TRUE(contains(r.err, file.string() + ": the plugin did not finish loading within 2 s "
                                                 "and was stopped"))
        << r.err;
}

TEST(CliVerify, FilesThatAreNoValidPluginAreBadInput) {
    const CliRun text = verify({(kFaultDir / "not_a_library.so").string()});
    EXPECT_EQ(text.exit_code, 2) << text.err;
    EXPECT_TRUE(contains(text.err, "not_a_library.so: not a shared library (no ELF header)"))
        << text.err;
    // The hash is still shown: it is computed by eqroi, not the plugin.
    EXPECT_TRUE(contains(text.out, "SHA-256:  " + sha256sum(kFaultDir / "not_a_library.so")))
        << text.out;

    const CliRun abi2 = verify({(kFaultDir / "abi_major_2.so").string()});
    EXPECT_EQ(abi2.exit_code, 2) << abi2.err;
    EXPECT_TRUE(contains(abi2.err, "built for plugin ABI 2.0; this host supports ABI 1.x"))
        << abi2.err;

    const CliRun missing = verify({(kFaultDir / "no_such_plugin.so").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_TRUE(contains(missing.err, "no_such_plugin.so: no such file")) << missing.err;
    EXPECT_EQ(verify({(kFaultDir / "good.so").string(), "--format", "xml"}).exit_code, 2);
}

TEST(CliVerify, HelpSaysItIsIsolationNotASandbox) {
    const CliRun r = run_eqroi({"plugins", "verify", "--help"});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_TRUE(contains(r.out, "not a sandbox")) << r.out;
    // The child's own command is not offered to users.
    EXPECT_FALSE(contains(run_eqroi({"plugins", "--help"}).out, "probe"));
}

}  // namespace
}  // namespace cli_test
