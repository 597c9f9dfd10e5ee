// `eqroi plugins new NAME`: the project it writes is the SDK's template
// (sdk/templates/plugin-project) with @NAME@ and @VENDOR@ filled in, it never overwrites
// anything, and a vendor who follows its README from scratch (SDK installed into an empty
// prefix, configure, build, the project's own test, approve the build, run the study) gets the
// figures worked out by hand below.
#include "cli_support.hpp"

namespace cli_test {
namespace {

const fs::path kTemplate = fs::path(EQROI_SOURCE_DIR) / "sdk" / "templates" / "plugin-project";

bool contains(const std::string& text, const std::string& part) {
    return text.find(part) != std::string::npos;
}

std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

/// Every regular file under `dir`, relative, sorted.
std::vector<std::string> files_under(const fs::path& dir) {
    std::vector<std::string> files;
    for (const auto& e : fs::recursive_directory_iterator(dir))
        if (e.is_regular_file()) files.push_back(fs::relative(e.path(), dir).string());
    std::sort(files.begin(), files.end());
    return files;
}

TEST(CliPluginsNew, WritesTheTemplateWithNameAndVendorFilledIn) {
    ASSERT_TRUE(fs::is_directory(kTemplate)) << kTemplate;
    TempDir dir;
    const fs::path project = dir.path() / "coolant";
    const CliRun r = run_eqroi({"plugins", "new", "acme_coolant", "--dir", project.string(),
                                "--vendor", "ACME Tools"});
    ASSERT_EQ(r.exit_code, 0) << r.err;

    // The same files as the template, names filled in, and each file's bytes the template's
    // with the two placeholders replaced (an independent substitution, here).
    const auto template_files = files_under(kTemplate);
    ASSERT_FALSE(template_files.empty());
    std::vector<std::string> expected;
    for (const auto& f : template_files)
        expected.push_back(replace_all(f, "@NAME@", "acme_coolant"));
    std::sort(expected.begin(), expected.end());
    EXPECT_EQ(files_under(project), expected);
    for (const auto& f : template_files) {
        const std::string want = replace_all(replace_all(read_text(kTemplate / f), "@NAME@",
                                                         "acme_coolant"),
                                             "@VENDOR@", "ACME Tools");
        const std::string got = read_text(project / replace_all(f, "@NAME@", "acme_coolant"));
        EXPECT_EQ(got, want) << f;
        EXPECT_FALSE(contains(got, "@NAME@") || contains(got, "@VENDOR@")) << f;
    }
    EXPECT_TRUE(fs::is_regular_file(project / "src" / "acme_coolant.cpp"));
    EXPECT_TRUE(contains(read_text(project / "src" / "acme_coolant.cpp"), "\"ACME Tools\""));

    // It names what it wrote and the README's steps.
    EXPECT_TRUE(contains(r.out, (project / "README.md").string())) << r.out;
    EXPECT_TRUE(contains(r.out, "cmake -S . -B build -DCMAKE_PREFIX_PATH=")) << r.out;
    EXPECT_TRUE(contains(r.out, "ctest --test-dir build")) << r.out;
    EXPECT_TRUE(contains(r.out, "eqroi plugins trust build/acme_coolant.so --project .")) << r.out;
    EXPECT_TRUE(contains(r.out, "eqroi run study.toml --plugin-dir build")) << r.out;

    // The default directory is ./NAME.
    const CliRun here = run_eqroi({"plugins", "new", "acme_filters"}, RunOptions{{}, dir.path()});
    EXPECT_EQ(here.exit_code, 0) << here.err;
    EXPECT_TRUE(fs::is_regular_file(dir.path() / "acme_filters" / "src" / "acme_filters.cpp"));
}

TEST(CliPluginsNew, NeverOverwritesAndRefusesBadNames) {
    TempDir dir;
    // A directory that is not empty: nothing written, the file there untouched.
    const fs::path busy = dir.path() / "busy";
    fs::create_directories(busy);
    std::ofstream(busy / "CMakeLists.txt") << "# mine\n";
    const CliRun r = run_eqroi({"plugins", "new", "acme_coolant", "--dir", busy.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_TRUE(contains(r.err, busy.string() + ": exists and is not empty; nothing written"))
        << r.err;
    EXPECT_EQ(files_under(busy), std::vector<std::string>{"CMakeLists.txt"});
    EXPECT_EQ(read_text(busy / "CMakeLists.txt"), "# mine\n");

    // A file where the directory should go.
    const fs::path file = dir.write("taken", "x");
    EXPECT_EQ(run_eqroi({"plugins", "new", "acme_coolant", "--dir", file.string()}).exit_code, 2);
    EXPECT_EQ(read_text(file), "x");

    // Names that are not lower_snake_case, and vendors that would break the generated sources.
    for (const char* name : {"AcmeCoolant", "1coolant", "acme-coolant", "_coolant", "acme coolant",
                             ""}) {
        const CliRun bad = run_eqroi({"plugins", "new", name, "--dir",
                                      (dir.path() / "never").string()});
        EXPECT_EQ(bad.exit_code, 2) << "'" << name << "'";
        EXPECT_TRUE(contains(bad.err, "lower_snake_case")) << bad.err;
    }
    for (const char* vendor : {"ACME \"Tools\"", "C:\\ACME", ""}) {
        const CliRun bad = run_eqroi({"plugins", "new", "acme_coolant", "--dir",
                                      (dir.path() / "never").string(), "--vendor", vendor});
        EXPECT_EQ(bad.exit_code, 2) << vendor;
    }
    EXPECT_FALSE(fs::exists(dir.path() / "never"));
}

// The template's study.toml, worked by hand: 5 yearly periods, discount 8 %, inflation 2 %,
// which fills the model's escalation (f_k = 1.02^k), no tax, no salvage.
//   keep: 0.8 units/h x 4000 h = 3200 units a year at 4.00 (-12,800) plus their disposal at
//     0.50 (-1,600), paid at the end of each year: net_k = -14,400 x 1.02^k, k = 1..5
//       -14,688.00  -14,981.76  -15,281.40  -15,587.02  -15,898.76
//     discounted at 1.08^k:
//       -13,600.00  -12,844.44  -12,130.86  -11,456.93  -10,820.43     NPV = -60,852.67
//   buy: price 20,000 and a first fill of 120 units x 4.00 = 480 at index 0; 0.25 x 4000 = 1000
//     units a year paid in advance (year k at index k - 1, price 4.00 x 1.02^(k-1)), taken back
//     by the supplier (no disposal):
//       index 0: -20,000 - 480 - 4,000 = -24,480.00; then -4,080.00 -4,161.60 -4,244.83 -4,329.73
//     discounted: -24,480.00 -3,777.78 -3,567.90 -3,369.68 -3,182.48      NPV = -38,377.84
//   buy against keep: -38,377.84 + 60,852.67 = +22,474.82 (the template README's figures).
TEST(CliPluginsNew, FollowingTheReadmeFromScratchGivesTheHandCalculatedNpv) {
    if (!fs::exists(EQROI_CMAKE_COMMAND))
        GTEST_SKIP() << "cmake not found at " << EQROI_CMAKE_COMMAND;
    TempDir dir;
    const fs::path sdk = dir.path() / "sdk";
    const fs::path project = dir.path() / "acme_coolant";
    const fs::path build = project / "build";
    auto cmake = [&](const std::vector<std::string>& args) {
        const CliRun r = run_program(EQROI_CMAKE_COMMAND, args);
        EXPECT_EQ(r.exit_code, 0) << r.out << r.err;
        return r.exit_code == 0;
    };

    // README 1: the SDK, into an empty prefix.
    ASSERT_TRUE(cmake({"--install", EQROI_BUILD_DIR, "--component", "sdk", "--prefix",
                       sdk.string()}));
    // `eqroi plugins new`.
    const CliRun created = run_eqroi({"plugins", "new", "acme_coolant", "--dir", project.string(),
                                      "--vendor", "ACME"});
    ASSERT_EQ(created.exit_code, 0) << created.err;
    // README 2: configure against that prefix only (with this build's compiler and generator),
    // build.
    std::vector<std::string> configure{"-S", project.string(), "-B", build.string(),
                                       "-G", EQROI_CMAKE_GENERATOR,
                                       "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
                                       "-DCMAKE_CXX_COMPILER=" EQROI_CXX_COMPILER,
                                       "-DCMAKE_PREFIX_PATH=" + sdk.string()};
    if (std::string(EQROI_MAKE_PROGRAM) != "")
        configure.push_back("-DCMAKE_MAKE_PROGRAM=" EQROI_MAKE_PROGRAM);
    ASSERT_TRUE(cmake(configure));
    ASSERT_TRUE(cmake({"--build", build.string()}));
    const fs::path plugin = build / "acme_coolant.so";
    ASSERT_TRUE(fs::is_regular_file(plugin));
    // README 3: the project's own test (eqroi/testing.hpp, no host) passes.
    const fs::path ctest = fs::path(EQROI_CMAKE_COMMAND).parent_path() / "ctest";
    const CliRun tests = run_program(ctest.string(), {"--test-dir", build.string(),
                                                      "--output-on-failure"});
    EXPECT_EQ(tests.exit_code, 0) << tests.out << tests.err;
    EXPECT_TRUE(contains(tests.out, "100% tests passed, 0 tests failed out of 1")) << tests.out;

    // README 4: a fresh build is refused until approved...
    const RunOptions in_project{{}, project};
    const CliRun refused = run_eqroi({"run", "study.toml", "--plugin-dir", "build"}, in_project);
    EXPECT_EQ(refused.exit_code, 2) << refused.err;
    EXPECT_TRUE(contains(refused.err, "not trusted (SHA-256 " + sha256sum(plugin) + ")"))
        << refused.err;
    // ...verify shows what the user is asked to approve, plugin-info included...
    const CliRun verified = run_eqroi({"plugins", "verify", "build/acme_coolant.so"}, in_project);
    EXPECT_EQ(verified.exit_code, 0) << verified.err;
    EXPECT_TRUE(contains(verified.out, "plugin:   'ACME acme_coolant' 0.1.0 by ACME (ABI 1.1)"))
        << verified.out;
    EXPECT_TRUE(contains(verified.out, "homepage: https://example.com/eqroi")) << verified.out;
    // ...then approved in the project's list, and the study runs without any flag.
    const CliRun trusted = run_eqroi({"plugins", "trust", "build/acme_coolant.so", "--project",
                                      "."},
                                     in_project);
    ASSERT_EQ(trusted.exit_code, 0) << trusted.err;
    EXPECT_TRUE(contains(read_text(project / "eqroi-trust.toml"), sha256sum(plugin)));

    const CliRun r = run_eqroi({"run", "study.toml", "--plugin-dir", "build", "--format", "json"},
                               in_project);
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const json report = json::parse(r.out);
    const json& keep = alternative(report, "keep");
    expect_series(keep.at("net"), {0.0, -14688.00, -14981.76, -15281.40, -15587.02, -15898.76},
                  "keep net");
    EXPECT_NEAR(keep.at("measures").at("npv").get<double>(), -60852.67, kMoney);
    const json& buy = alternative(report, "buy");
    expect_series(buy.at("net"), {-24480.00, -4080.00, -4161.60, -4244.83, -4329.73, 0.0},
                  "buy net");
    EXPECT_NEAR(buy.at("measures").at("npv").get<double>(), -38377.84, kMoney);
    EXPECT_NEAR(buy.at("vs_baseline").at("npv").get<double>(), 22474.82, kMoney);
}

}  // namespace
}  // namespace cli_test
