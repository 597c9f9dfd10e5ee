// The plugin SDK as a vendor meets it: `cmake --install <this build> --component sdk` into an
// empty prefix, then the out-of-tree example sdk/examples/vendor-plugin (ACME's uptime
// contract) configured with find_package(eqroi-sdk 1.1) against that prefix only, built with
// the same compiler, its own test (eqroi/testing.hpp) run by ctest, installed into a prefix of
// its own, and run by `eqroi run --plugin-dir`. The figures are the hand calculation of
// sdk/examples/vendor-plugin/README.md. (The project `eqroi plugins new` writes is followed
// from its README in cli_plugins_new_test.cpp, and built with -Werror in tests/sdk.)
#include "cli_support.hpp"

#include <fcntl.h>

namespace cli_test {
namespace {

const fs::path kBuildDir = EQROI_BUILD_DIR;
const fs::path kVendorExample = EQROI_VENDOR_EXAMPLE_DIR;

/// Runs a program (not through a shell) with its output in `log`; returns the exit code.
int run_logged(const std::vector<std::string>& args, const fs::path& log) {
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, log.c_str(),
                                     O_WRONLY | O_CREAT | O_APPEND, 0644);
    posix_spawn_file_actions_adddup2(&actions, STDOUT_FILENO, STDERR_FILENO);
    std::vector<std::string> text = args;
    std::vector<char*> argv;
    for (auto& a : text) argv.push_back(a.data());
    argv.push_back(nullptr);
    pid_t pid = 0;
    const int spawned = ::posix_spawn(&pid, argv[0], &actions, nullptr, argv.data(), environ);
    posix_spawn_file_actions_destroy(&actions);
    if (spawned != 0) return -1;
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

/// Checks that the configuring CMake is there; the only reason these tests may skip.
bool have_cmake() { return fs::exists(EQROI_CMAKE_COMMAND); }

/// `cmake --install <this build> --component sdk --prefix <prefix>`; fails the test on error.
void install_sdk(const fs::path& prefix, const fs::path& log) {
    const int rc = run_logged({EQROI_CMAKE_COMMAND, "--install", kBuildDir.string(), "--component",
                               "sdk", "--prefix", prefix.string()},
                              log);
    ASSERT_EQ(rc, 0) << read_text(log);
}

/// Configures, builds and installs a CMake project with this build's compiler and generator.
void build_and_install(const fs::path& source, const fs::path& build, const fs::path& sdk_prefix,
                       const fs::path& install_prefix, const fs::path& log) {
    std::vector<std::string> configure{EQROI_CMAKE_COMMAND,
                                       "-S", source.string(),
                                       "-B", build.string(),
                                       "-G", EQROI_CMAKE_GENERATOR,
                                       "-DCMAKE_BUILD_TYPE=RelWithDebInfo",
                                       "-DCMAKE_CXX_COMPILER=" EQROI_CXX_COMPILER,
                                       "-DCMAKE_PREFIX_PATH=" + sdk_prefix.string()};
    if (std::string(EQROI_MAKE_PROGRAM) != "")
        configure.push_back("-DCMAKE_MAKE_PROGRAM=" EQROI_MAKE_PROGRAM);
    ASSERT_EQ(run_logged(configure, log), 0) << read_text(log);
    ASSERT_EQ(run_logged({EQROI_CMAKE_COMMAND, "--build", build.string(), "--config",
                          "RelWithDebInfo"},
                         log),
              0)
        << read_text(log);
    ASSERT_EQ(run_logged({EQROI_CMAKE_COMMAND, "--install", build.string(), "--config",
                          "RelWithDebInfo", "--prefix", install_prefix.string()},
                         log),
              0)
        << read_text(log);
}

/// `ctest` in a built project (ctest lives next to the configuring cmake); fails the test when
/// a test fails, and returns ctest's output.
std::string run_ctest(const fs::path& build, const fs::path& log) {
    const fs::path ctest = fs::path(EQROI_CMAKE_COMMAND).parent_path() / "ctest";
    const int rc = run_logged({ctest.string(), "--test-dir", build.string(), "--output-on-failure",
                               "-C", "RelWithDebInfo"},
                              log);
    const std::string out = read_text(log);
    EXPECT_EQ(rc, 0) << out;
    return out;
}

TEST(CliVendorSdk, InstallPutsHeadersCMakePackageAndPkgConfigInThePrefix) {
    if (!have_cmake()) GTEST_SKIP() << "cmake not found at " << EQROI_CMAKE_COMMAND;
    TempDir dir;
    const fs::path prefix = dir.path() / "sdk";
    ASSERT_NO_FATAL_FAILURE(install_sdk(prefix, dir.path() / "install.log"));

    for (const char* file : {"include/eqroi/plugin.h", "include/eqroi/plugin.hpp",
                             "include/eqroi/testing.hpp", "include/eqroi/ext/plugin_info.h",
                             "lib/cmake/eqroi-sdk/eqroi-sdkConfig.cmake",
                             "lib/cmake/eqroi-sdk/eqroi-sdkConfigVersion.cmake",
                             "lib/cmake/eqroi-sdk/eqroi-sdk-functions.cmake",
                             "share/pkgconfig/eqroi-sdk.pc"})
        EXPECT_TRUE(fs::is_regular_file(prefix / file)) << file;
    // Only the SDK: no host headers, no executables, no plugins in an SDK install.
    EXPECT_FALSE(fs::exists(prefix / "include/eqroi/core"));
    EXPECT_FALSE(fs::exists(prefix / "bin"));
    EXPECT_FALSE(fs::exists(prefix / "lib/eqroi"));

    // The SDK's version is the plugin ABI of plugin.h: 1.1. The .pc finds the prefix from its
    // own place, so the install may be moved.
    const std::string pc = read_text(prefix / "share/pkgconfig/eqroi-sdk.pc");
    EXPECT_NE(pc.find("\nVersion: 1.1.0\n"), std::string::npos) << pc;
    EXPECT_NE(pc.find("prefix=${pcfiledir}/../.."), std::string::npos) << pc;
    EXPECT_NE(pc.find("Cflags: -I${includedir}"), std::string::npos) << pc;

    // SameMajorVersion: a project asking for major 2 does not get this SDK, one asking for 1
    // gets eqroi::sdk (include dir in the prefix) and eqroi_add_plugin.
    const fs::path probe = dir.path() / "probe";
    fs::create_directories(probe);
    dir.write("probe/CMakeLists.txt",
              "cmake_minimum_required(VERSION 3.22)\n"
              "project(probe NONE)\n"
              "find_package(eqroi-sdk 2 QUIET)\n"
              "message(STATUS \"major 2 found: [${eqroi-sdk_FOUND}]\")\n"
              "find_package(eqroi-sdk 1 REQUIRED)\n"
              "get_target_property(inc eqroi::sdk INTERFACE_INCLUDE_DIRECTORIES)\n"
              "message(STATUS \"version [${eqroi-sdk_VERSION}] include [${inc}]\")\n"
              "if(COMMAND eqroi_add_plugin)\n"
              "  message(STATUS \"eqroi_add_plugin defined\")\n"
              "endif()\n");
    const fs::path log = dir.path() / "probe.log";
    ASSERT_EQ(run_logged({EQROI_CMAKE_COMMAND, "-S", probe.string(), "-B",
                          (probe / "build").string(), "-DCMAKE_PREFIX_PATH=" + prefix.string()},
                         log),
              0)
        << read_text(log);
    const std::string out = read_text(log);
    EXPECT_NE(out.find("major 2 found: [0]"), std::string::npos) << out;
    EXPECT_NE(out.find("version [1.1.0] include [" + (prefix / "include").string() + "]"),
              std::string::npos)
        << out;
    EXPECT_NE(out.find("eqroi_add_plugin defined"), std::string::npos) << out;
}

// sdk/examples/vendor-plugin/uptime_study.toml, worked by hand (as in the example's README).
// 3 yearly periods, discount 8 %, inflation 3 % (every model's escalation): f_k = 1.03^k,
// v_k = 1 / 1.08^k. No tax. Both alternatives: 2 shifts x 8 h x 250 days = 4000 scheduled h,
// MTBF 400 h -> 10 failures/yr; a lost hour costs 1500 (downtime's lost_output).
//
// own_maintenance: MTTR 4 h -> 40 h/yr; downtime.unplanned = -40 x 1500 = -60,000 f_k
//   k  f_k       net          v_k       net x v_k
//   1  1.03      -61,800.00   0.925926  -57,222.22
//   2  1.0609    -63,654.00   0.857339  -54,573.05
//   3  1.092727  -65,563.62   0.793832  -52,046.52      NPV = -163,841.78
//
// uptime_contract: MTTR 3 h -> 30 h/yr expected downtime
//   downtime.unplanned = -30 x 1500 = -45,000 f_k
//   contract_fee       = -12,000 f_k
//   allowed downtime   = (1 - 0.995) x 4000 = 20 h; excess = 30 - 20 = 10 h
//   credit             = min(10 h x 400, 0.25 x 12,000) = min(4,000, 3,000) = +3,000 f_k (cap)
//   k  unplanned    fee         credit     net          v_k       net x v_k
//   1  -46,350.00   -12,360.00  3,090.00   -55,620.00   0.925926  -51,500.00
//   2  -47,740.50   -12,730.80  3,182.70   -57,288.60   0.857339  -49,115.74
//   3  -49,172.72   -13,112.72  3,278.18   -59,007.26   0.793832  -46,841.86
//   NPV = -147,457.60. Against own maintenance the contract saves 60,000 - 54,000 = 6,000 f_k
//   a year: 5,722.22 + 5,457.30 + 5,204.65 = +16,384.18 (= -147,457.60 + 163,841.78).
TEST(CliVendorSdk, OutOfTreeVendorPluginBuildsAgainstTheInstalledSdkAndRuns) {
    if (!have_cmake()) GTEST_SKIP() << "cmake not found at " << EQROI_CMAKE_COMMAND;
    TempDir dir;
    const fs::path sdk_prefix = dir.path() / "sdk";
    const fs::path vendor_prefix = dir.path() / "vendor";
    ASSERT_NO_FATAL_FAILURE(install_sdk(sdk_prefix, dir.path() / "install.log"));
    ASSERT_NO_FATAL_FAILURE(build_and_install(kVendorExample, dir.path() / "vendor-build",
                                              sdk_prefix, vendor_prefix,
                                              dir.path() / "vendor.log"));

    // The example's own test (uptime_contract_test.cpp, eqroi/testing.hpp, no host) passes.
    const std::string tests = run_ctest(dir.path() / "vendor-build", dir.path() / "ctest.log");
    EXPECT_NE(tests.find("100% tests passed, 0 tests failed out of 1"), std::string::npos)
        << tests;

    // eqroi_add_plugin: no "lib" prefix, installed where a host looks for plugins; the test
    // executable is not installed.
    const fs::path plugin_dir = vendor_prefix / "lib/eqroi/plugins";
    ASSERT_TRUE(fs::is_regular_file(plugin_dir / "uptime_contract.so"))
        << read_text(dir.path() / "vendor.log");
    EXPECT_FALSE(fs::exists(vendor_prefix / "bin"));

    // Nobody approved this freshly built file: loaded for this one run only.
    const CliRun r = run_eqroi({"run", (kVendorExample / "uptime_study.toml").string(),
                                "--plugin-dir", plugin_dir.string(), "--allow-untrusted",
                                "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    const json report = json::parse(r.out);

    const json& own = alternative(report, "own_maintenance");
    expect_series(own.at("net"), {0.0, -61800.00, -63654.00, -65563.62}, "own_maintenance net");
    EXPECT_NEAR(own.at("measures").at("npv").get<double>(), -163841.78, kMoney);

    const json& contract = alternative(report, "uptime_contract");
    std::map<std::string, std::vector<double>> lines;
    for (const auto& l : contract.at("lines"))
        lines[l.at("key")] = l.at("amounts").get<std::vector<double>>();
    ASSERT_EQ(lines.count("acme_uptime_contract.contract_fee"), 1u) << r.out.substr(0, 2000);
    expect_series(json(lines.at("acme_uptime_contract.contract_fee")),
                  {0.0, -12360.00, -12730.80, -13112.72}, "contract fee");
    expect_series(json(lines.at("acme_uptime_contract.availability_credit")),
                  {0.0, 3090.00, 3182.70, 3278.18}, "availability credit (capped)");
    // The shared [equipment] keys reached the bundled downtime model too (MTTR 3 h there).
    expect_series(json(lines.at("downtime.unplanned")), {0.0, -46350.00, -47740.50, -49172.72},
                  "downtime with the contract");
    expect_series(contract.at("net"), {0.0, -55620.00, -57288.60, -59007.26},
                  "uptime_contract net");
    EXPECT_NEAR(contract.at("measures").at("npv").get<double>(), -147457.60, kMoney);
    EXPECT_NEAR(contract.at("vs_baseline").at("npv").get<double>(), 16384.18, kMoney);
}

}  // namespace
}  // namespace cli_test
