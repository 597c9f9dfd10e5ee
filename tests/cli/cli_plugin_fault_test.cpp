// Faulty plugins as a user meets them through the command: a broken library on the search path
// is named with its reason and skipped (the other models keep working), a study that needs it
// is bad input (exit 2), and a model that fails while evaluating is exit 1 naming the file,
// the model and the reason. The fault plugins are the loader suite's (tests/loader): build
// products no trust list approves, so these runs pass --allow-untrusted (cli_trust_test.cpp
// covers what happens without it).
#include "cli_support.hpp"

#include <gtest/gtest.h>

namespace {
using namespace cli_test;

const std::string kFaultDir = EQROI_FAULT_PLUGIN_DIR;

std::string study_using(const std::string& model) {
    return "[study]\nhorizon_years = 3\ndiscount_rate = 0.1\n\n[[alternative]]\nid = \"only\"\n"
           "[alternative.models." + model + "]\nhours = 250\n";
}

TEST(CliPluginFaults, BrokenLibrariesAreNamedAndSkipped) {
    const CliRun r = run_eqroi({"plugins", "list", "--plugin-dir", kFaultDir, "--allow-untrusted"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.err.find("warning: plugin skipped: " + kFaultDir +
                         "/abi_major_2.so: built for plugin ABI 2.0; this host supports ABI 1.x"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find(kFaultDir + "/not_a_library.so: not a shared library (no ELF header)"),
              std::string::npos) << r.err;
    EXPECT_NE(r.err.find(kFaultDir + "/min_gt_max.so: model 'test_min_gt_max': parameter "
                                     "'hours': min 10 is greater than max 5"),
              std::string::npos) << r.err;
    // The good fault-directory model and the bundled ones are still there.
    EXPECT_NE(r.out.find("test_good"), std::string::npos);
    EXPECT_NE(r.out.find("maintenance"), std::string::npos);
}

TEST(CliPluginFaults, StudyNeedingARefusedModelIsBadInput) {
    TempDir dir;
    const auto study = dir.write("refused.toml", study_using("test_min_gt_max"));
    const CliRun r =
        run_eqroi({"run", study.string(), "--plugin-dir", kFaultDir, "--allow-untrusted"});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("min_gt_max.so: model 'test_min_gt_max'"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find("unknown model 'test_min_gt_max'"), std::string::npos) << r.err;
}

TEST(CliPluginFaults, ModelErrorAtEvaluationExitsOneNamingFileModelReason) {
    TempDir dir;
    const auto study = dir.write("error.toml", study_using("test_eval_error"));
    const CliRun r =
        run_eqroi({"run", study.string(), "--plugin-dir", kFaultDir, "--allow-untrusted"});
    EXPECT_EQ(r.exit_code, 1) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find(kFaultDir + "/eval_error.so: model 'test_eval_error': evaluate returned "
                                     "status 2 (evaluation failed): 250 hours exceed the service "
                                     "interval"),
              std::string::npos) << r.err;
}

TEST(CliPluginFaults, NonFiniteAmountsAndExceptionsExitOne) {
    TempDir dir;
    for (const std::string model : {"test_eval_nan", "test_eval_throw"}) {
        const auto study = dir.write(model + ".toml", study_using(model));
        const CliRun r =
        run_eqroi({"run", study.string(), "--plugin-dir", kFaultDir, "--allow-untrusted"});
        EXPECT_EQ(r.exit_code, 1) << model << ": " << r.err;
        EXPECT_NE(r.err.find("model '" + model + "'"), std::string::npos) << r.err;
    }
    const auto nan = run_eqroi({"run", (dir.path() / "test_eval_nan.toml").string(),
                                "--plugin-dir", kFaultDir, "--allow-untrusted"});
    EXPECT_NE(nan.err.find("non-finite amount (nan)"), std::string::npos) << nan.err;
    const auto thrown = run_eqroi({"run", (dir.path() / "test_eval_throw.toml").string(),
                                   "--plugin-dir", kFaultDir, "--allow-untrusted"});
    EXPECT_NE(thrown.err.find("internal error in the plugin"), std::string::npos) << thrown.err;
}

}  // namespace
