// Trust before load, as a user meets it through the command: a plugin file that no trust list
// approves is refused before any of its code runs, with its file, SHA-256 and how to approve it;
// `eqroi plugins trust` approves it in the project's list beside the study or in the user's
// list, keeping what the list already holds; --allow-untrusted loads it for one run.
//
// Every SHA-256 is compared with coreutils' `sha256sum`. The plugins are build products copied
// into a fresh directory per test: the loader suite's good.so (vendor "eqroi tests", plugin
// "good plugin" 1.0.0, model test_good) and this suite's on-load plugins (plugins/).
#include "cli_support.hpp"

#include <regex>

namespace cli_test {
namespace {

const fs::path kFaultDir = EQROI_FAULT_PLUGIN_DIR;
const fs::path kOnLoadDir = EQROI_ON_LOAD_PLUGIN_DIR;

// test_good with hours = 250 and its default rate 2.5 (tests/loader/fault_plugins/good.cpp):
//   service = -250 x 2.5 = -625 per year, saving = +250 x 0.1 = +25 per year -> net -600 per year
//   NPV over 3 years at 10 % = -600 x (1/1.1 + 1/1.1^2 + 1/1.1^3)
//                            = -600 x (0.909091 + 0.826446 + 0.751315) = -600 x 2.486852
//                            = -1,492.11
constexpr double kGoodNpv = -1492.11;
const std::string kGoodStudy = "[study]\nhorizon_years = 3\ndiscount_rate = 0.1\n\n"
                               "[[alternative]]\nid = \"only\"\n"
                               "[alternative.models.test_good]\nhours = 250\n";

/// A temp directory with plugins/good.so (a copy of the loader suite's) and study/good.toml.
struct GoodSetup {
    TempDir dir;
    fs::path plugins = dir.path() / "plugins";
    fs::path plugin = plugins / "good.so";
    fs::path study_dir = dir.path() / "study";
    fs::path study = study_dir / "good.toml";

    GoodSetup() {
        fs::create_directories(plugins);
        fs::create_directories(study_dir);
        fs::copy_file(kFaultDir / "good.so", plugin);
        std::ofstream(study) << kGoodStudy;
    }
};

double npv_of_only(const CliRun& r) {
    const json report = json::parse(r.out);
    return alternative(report, "only").at("measures").at("npv").get<double>();
}

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

TEST(CliTrust, UntrustedPluginIsRefusedNamingFileHashAndHowToApprove) {
    GoodSetup s;
    const std::string sha = sha256sum(s.plugin);
    const CliRun r = run_eqroi({"run", s.study.string(), "--plugin-dir", s.plugins.string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_TRUE(contains(r.err, "warning: plugin refused: " + s.plugin.string() +
                                    ": not trusted (SHA-256 " + sha + ")"))
        << r.err;
    // The hint names the list beside the study, since that is the one `run` reads.
    const std::string hint = "`eqroi plugins trust " + s.plugin.string() + " --project " +
                             s.study.parent_path().string() + "`";
    EXPECT_TRUE(contains(r.err, hint)) << r.err;
    EXPECT_TRUE(contains(r.err, "--allow-untrusted")) << r.err;
    // The study then fails on the model the refused file would have provided, and says why.
    EXPECT_TRUE(contains(r.err, "unknown model 'test_good'")) << r.err;
    EXPECT_TRUE(contains(r.err, "note: 1 plugin was refused as untrusted (see above)")) << r.err;

    // Doing exactly what the hint says (from another directory) makes the study run.
    {
        const CliRun approve = run_eqroi({"plugins", "trust", s.plugin.string(), "--project",
                                          s.study.parent_path().string()});
        EXPECT_EQ(approve.exit_code, 0) << approve.err;
        const CliRun again = run_eqroi({"run", s.study.string(), "--plugin-dir",
                                        s.plugins.string(), "--format", "json"});
        EXPECT_EQ(again.exit_code, 0) << again.err;
        fs::remove(s.study.parent_path() / "eqroi-trust.toml");  // the checks below need it gone
    }

    // `check` and `plugins show` apply the same policy.
    const CliRun c = run_eqroi({"check", s.study.string(), "--plugin-dir", s.plugins.string()});
    EXPECT_EQ(c.exit_code, 2) << c.err;
    EXPECT_TRUE(contains(c.err, "not trusted (SHA-256 " + sha + ")")) << c.err;
    const CliRun show = run_eqroi({"plugins", "show", "test_good", "--plugin-dir",
                                   s.plugins.string()});
    EXPECT_EQ(show.exit_code, 2) << show.err;
    EXPECT_TRUE(contains(show.err, "unknown model 'test_good'")) << show.err;
    EXPECT_TRUE(contains(show.err, "note: 1 plugin was refused as untrusted")) << show.err;
}

TEST(CliTrust, AllowUntrustedLoadsForOneRunAndSaysSo) {
    GoodSetup s;
    const CliRun r = run_eqroi({"run", s.study.string(), "--plugin-dir", s.plugins.string(),
                                "--allow-untrusted", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NEAR(npv_of_only(r), kGoodNpv, kMoney);

    const CliRun list = run_eqroi({"plugins", "list", "--plugin-dir", s.plugins.string(),
                                   "--allow-untrusted"});
    ASSERT_EQ(list.exit_code, 0) << list.err;
    EXPECT_TRUE(contains(list.out, s.plugin.string() + ": untrusted, loaded for this run only "
                                                       "(--allow-untrusted), SHA-256 " +
                                       sha256sum(s.plugin)))
        << list.out;
}

TEST(CliTrust, RefusedPluginRunsNoCodeAtAll) {
    // marker_on_load.so creates $EQROI_TEST_MARKER from its library constructor, which dlopen
    // runs before the host can call anything: refused, it must leave no marker.
    TempDir dir;
    const fs::path marker = dir.path() / "marker";
    const fs::path plugins = kOnLoadDir / "marker";
    const RunOptions env{{{"EQROI_TEST_MARKER", marker.string()}}, {}};
    const CliRun refused = run_eqroi({"plugins", "list", "--plugin-dir", plugins.string()}, env);
    EXPECT_EQ(refused.exit_code, 0) << refused.err;
    EXPECT_TRUE(contains(refused.err, "warning: plugin refused: " +
                                          (plugins / "marker_on_load.so").string()))
        << refused.err;
    EXPECT_FALSE(contains(refused.out, "test_on_load")) << refused.out;
    EXPECT_FALSE(fs::exists(marker)) << "the refused plugin's constructor ran";

    // The same file with --allow-untrusted is loaded, so its constructor runs: the test would
    // notice a marker plugin that never writes its marker.
    const CliRun allowed = run_eqroi(
        {"plugins", "list", "--plugin-dir", plugins.string(), "--allow-untrusted"}, env);
    EXPECT_EQ(allowed.exit_code, 0) << allowed.err;
    EXPECT_TRUE(contains(allowed.out, "test_on_load")) << allowed.out;
    EXPECT_EQ(read_text(marker), "loaded\n");
}

TEST(CliTrust, ProjectTrustListBesideTheStudy) {
    GoodSetup s;
    const std::string sha = sha256sum(s.plugin);
    const CliRun t = run_eqroi({"plugins", "trust", s.plugin.string(), "--project",
                                s.study_dir.string()});
    ASSERT_EQ(t.exit_code, 0) << t.err;
    const fs::path list = s.study_dir / "eqroi-trust.toml";
    EXPECT_TRUE(contains(t.out, "approved " + s.plugin.string() + " (SHA-256 " + sha +
                                    ", 'good plugin' 1.0.0 by eqroi tests (ABI 1.1))"))
        << t.out;
    EXPECT_TRUE(contains(t.out, "in " + list.string())) << t.out;

    // The entry: the hash of the approved bytes, what the plugin declares, the file's name and
    // today's date.
    const std::string text = read_text(list);
    EXPECT_TRUE(contains(text, "[[plugin]]")) << text;
    EXPECT_TRUE(contains(text, "sha256 = \"" + sha + "\"")) << text;
    EXPECT_TRUE(contains(text, "vendor = \"eqroi tests\"")) << text;
    EXPECT_TRUE(contains(text, "name = \"good plugin\"")) << text;
    EXPECT_TRUE(contains(text, "version = \"1.0.0\"")) << text;
    EXPECT_TRUE(contains(text, "file = \"good.so\"")) << text;
    const std::regex date("approved = \"20[0-9]{2}-[01][0-9]-[0-3][0-9]\"");
    EXPECT_TRUE(std::regex_search(text, date)) << text;

    // The study beside that list now runs without any flag, with the model's numbers.
    const CliRun r = run_eqroi({"run", s.study.string(), "--plugin-dir", s.plugins.string(),
                                "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    EXPECT_NEAR(npv_of_only(r), kGoodNpv, kMoney);

    // The list applies to its own directory only: a study elsewhere still refuses the file.
    const fs::path other = s.dir.write("elsewhere.toml", kGoodStudy);
    const CliRun elsewhere = run_eqroi({"run", other.string(), "--plugin-dir", s.plugins.string()});
    EXPECT_EQ(elsewhere.exit_code, 2) << elsewhere.err;

    // `plugins list` from the study's directory names the list and line that approve it.
    const CliRun l = run_eqroi({"plugins", "list", "--plugin-dir", s.plugins.string()},
                               RunOptions{{}, s.study_dir});
    ASSERT_EQ(l.exit_code, 0) << l.err;
    const std::string head = s.plugin.string() + ": trusted by " + list.string() + ":";
    const auto at = l.out.find(head);
    ASSERT_NE(at, std::string::npos) << l.out;
    const std::string row = l.out.substr(at, l.out.find('\n', at) - at);
    const std::regex where(R"(\.toml:[0-9]+ \(approved [0-9]{4}-[0-9]{2}-[0-9]{2}\), )");
    EXPECT_TRUE(std::regex_search(row, where)) << row;
    EXPECT_TRUE(contains(row, "SHA-256 " + sha)) << row;
}

TEST(CliTrust, UserTrustListAppliesToEveryStudy) {
    GoodSetup s;
    // The user's list does not exist yet, nor its directory: `trust --user` creates both.
    const fs::path user_list = s.dir.path() / "config" / "eqroi" / "trust.toml";
    const RunOptions env{{{"EQROI_USER_TRUST_FILE", user_list.string()}}, {}};
    const CliRun t = run_eqroi({"plugins", "trust", s.plugin.string(), "--user"}, env);
    ASSERT_EQ(t.exit_code, 0) << t.err;
    EXPECT_TRUE(contains(read_text(user_list), "sha256 = \"" + sha256sum(s.plugin) + "\""));
    EXPECT_FALSE(fs::exists(s.study_dir / "eqroi-trust.toml"));

    const CliRun r = run_eqroi({"run", s.study.string(), "--plugin-dir", s.plugins.string(),
                                "--format", "json"},
                               env);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NEAR(npv_of_only(r), kGoodNpv, kMoney);
    // Without the user's list (another user), the same run is refused.
    EXPECT_EQ(run_eqroi({"run", s.study.string(), "--plugin-dir", s.plugins.string()}).exit_code,
              2);
}

TEST(CliTrust, TrustKeepsTheListsBytesAndIsIdempotent) {
    GoodSetup s;
    const fs::path list = s.study_dir / "eqroi-trust.toml";
    const std::string before = "# Plugins approved for the line 3 study.\n"
                               "# Reviewed by the maintenance planning team, see ticket 4711.\n";
    std::ofstream(list, std::ios::binary) << before;

    const CliRun first = run_eqroi({"plugins", "trust", s.plugin.string(), "--project",
                                    s.study_dir.string()});
    ASSERT_EQ(first.exit_code, 0) << first.err;
    const std::string after_first = read_text(list);
    EXPECT_EQ(after_first.substr(0, before.size()), before) << after_first;
    EXPECT_GT(after_first.size(), before.size());

    const CliRun second = run_eqroi({"plugins", "trust", s.plugin.string(), "--project",
                                     s.study_dir.string()});
    EXPECT_EQ(second.exit_code, 0) << second.err;
    EXPECT_TRUE(contains(second.out, list.string() + " already approves " + s.plugin.string()))
        << second.out;
    EXPECT_EQ(read_text(list), after_first);
    // Nothing left behind by the atomic rewrite (no temporary files).
    EXPECT_EQ(std::distance(fs::directory_iterator(s.study_dir), fs::directory_iterator()), 2);
}

TEST(CliTrust, CrashingOrInvalidPluginsAreNotApproved) {
    TempDir dir;
    const fs::path list = dir.path() / "eqroi-trust.toml";
    const CliRun crash = run_eqroi({"plugins", "trust",
                                    (kOnLoadDir / "crash" / "crash_on_load.so").string(),
                                    "--project", dir.path().string()});
    EXPECT_EQ(crash.exit_code, 1) << crash.err;
    EXPECT_TRUE(contains(crash.err, "crashed while loading: signal 11")) << crash.err;
    EXPECT_TRUE(contains(crash.err, "not approved")) << crash.err;
    EXPECT_FALSE(fs::exists(list));

    const CliRun text = run_eqroi({"plugins", "trust", (kFaultDir / "not_a_library.so").string(),
                                   "--project", dir.path().string()});
    EXPECT_EQ(text.exit_code, 2) << text.err;
    EXPECT_TRUE(contains(text.err, "not a shared library (no ELF header)")) << text.err;
    EXPECT_FALSE(fs::exists(list));

    // --project and --user together, or a --project that is no directory: bad input.
    EXPECT_EQ(run_eqroi({"plugins", "trust", (kFaultDir / "good.so").string(), "--project",
                         dir.path().string(), "--user"})
                  .exit_code,
              2);
    const CliRun missing = run_eqroi({"plugins", "trust", (kFaultDir / "good.so").string(),
                                      "--project", (dir.path() / "nope").string()});
    EXPECT_EQ(missing.exit_code, 2);
    EXPECT_TRUE(contains(missing.err, "no such directory")) << missing.err;
    EXPECT_TRUE(dir.entries().empty());
}

TEST(CliTrust, BundledPluginsAreTrustedByTheirLocation) {
    // No flag, no list: the bundled plugins load (the example studies in the other suites run
    // the same way), and `plugins list` says why, with each file's SHA-256.
    const CliRun r = run_eqroi({"plugins", "list"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const fs::path bundled = fs::path(EQROI_EXE).parent_path().parent_path() / "lib/eqroi/plugins";
    for (const char* name : {"maintenance.so", "downtime.so"}) {
        const fs::path file = fs::canonical(bundled / name);
        EXPECT_TRUE(contains(r.out, file.string() + ": bundled (trusted by its install location), "
                                                    "SHA-256 " + sha256sum(file)))
            << name << "\n" << r.out;
    }
}

}  // namespace
}  // namespace cli_test
