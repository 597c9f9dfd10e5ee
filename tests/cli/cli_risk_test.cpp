// `eqroi risk`: the risk analysis of example (a) with its [[uncertain]] tables
// (configs/examples/cnc_replacement_risk.toml) run as a user runs it. The same output whatever
// the threads, flags over the [risk] table, bad input with file:line:col and exit 2, and Ctrl-C
// printing the statistics of the trials done with exit 130.
#include "cli_support.hpp"

#include <fcntl.h>
#include <signal.h>

#include <chrono>
#include <thread>

namespace cli_test {
namespace {

const std::string kRiskExample = example("cnc_replacement_risk");

TEST(CliRisk, SameStatisticsOnOneAndTwoThreads) {
    const CliRun one = run_eqroi({"risk", kRiskExample, "--trials", "20000", "--threads", "1"});
    const CliRun two = run_eqroi({"risk", kRiskExample, "--trials", "20000", "--threads", "2"});
    ASSERT_EQ(one.exit_code, 0) << one.err;
    ASSERT_EQ(two.exit_code, 0) << two.err;
    EXPECT_EQ(one.err, "");  // no progress bar: standard error is not a terminal here
    EXPECT_EQ(one.out, two.out);
    // The run as the [risk] table sets it, and every section of statistics.
    for (const char* text :
         {"20,000 of 20,000 trials (Latin hypercube, seed 2027)\n", "\nNPV, EUR\n",
          "  P(NPV < 0)", "  P(best choice: highest NPV)",
          "\nVersus the baseline (keep): incremental NPV, EUR\n", "  P(better than keep)",
          "\nIncremental IRR, per year (trials that have one)\n",
          "\nIncremental discounted payback, years (trials that reach it)\n",
          "\nLife-cycle cost, EUR\n", "  Standard error of the mean", "  P5 ", "  P95 ",
          "  mtbf_a             buy_a: downtime.mtbf_hours                  triangular(min 400, "
          "mode 650, max 750)\n"})
        EXPECT_NE(one.out.find(text), std::string::npos) << text << "\n" << one.out;

    const CliRun json_one = run_eqroi({"risk", kRiskExample, "--trials", "20000", "--threads", "1",
                                       "--format", "json"});
    const CliRun json_two = run_eqroi({"risk", kRiskExample, "--trials", "20000", "--threads", "2",
                                       "--format", "json"});
    ASSERT_EQ(json_one.exit_code, 0) << json_one.err;
    EXPECT_EQ(json_one.out, json_two.out);
}

TEST(CliRisk, JsonAgreesWithTheDeterministicRun) {
    const CliRun r = run_eqroi({"risk", kRiskExample, "--trials", "10000", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json risk = json::parse(r.out);
    const json run = run_json(kRiskExample);
    EXPECT_EQ(risk["trials_done"], 10000);
    EXPECT_EQ(risk["seed"], 2027);
    EXPECT_EQ(risk["sampling"], "lhs");
    EXPECT_EQ(risk["baseline"], "keep");
    EXPECT_EQ(risk["inputs"].size(), 7u);
    ASSERT_EQ(risk["alternatives"].size(), 3u);
    double best = 0;
    for (const json& a : risk["alternatives"]) {
        // At base, every input at the study's value: the NPV `eqroi run` reports.
        const json& det = alternative(run, a["id"]);
        EXPECT_EQ(a["base_npv"].get<double>(), det["measures"]["npv"].get<double>()) << a["id"];
        EXPECT_EQ(a["npv"]["count"], 10000);
        const json& npv = a["npv"];
        for (const char* order : {"min", "p5", "p10", "p50", "p90", "p95", "max"})
            ASSERT_TRUE(npv[order].is_number()) << order;
        EXPECT_LE(npv["min"].get<double>(), npv["p5"].get<double>());
        EXPECT_LE(npv["p5"].get<double>(), npv["p10"].get<double>());
        EXPECT_LE(npv["p10"].get<double>(), npv["p50"].get<double>());
        EXPECT_LE(npv["p50"].get<double>(), npv["p90"].get<double>());
        EXPECT_LE(npv["p90"].get<double>(), npv["p95"].get<double>());
        EXPECT_LE(npv["p95"].get<double>(), npv["max"].get<double>());
        best += a["probability_best"].get<double>();
    }
    EXPECT_NEAR(best, 1.0, 1e-12);
    EXPECT_TRUE(risk["alternatives"][0]["vs_baseline"].is_null());  // keep is the baseline
    EXPECT_EQ(risk["alternatives"][1]["vs_baseline"]["npv"]["count"], 10000);
}

TEST(CliRisk, FlagsOverrideTheRiskTable) {
    const CliRun r = run_eqroi({"risk", kRiskExample, "--trials", "5000", "--seed", "5",
                                "--sampling", "mc", "--format", "json"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    const json j = json::parse(r.out);
    EXPECT_EQ(j["trials_requested"], 5000);
    EXPECT_EQ(j["seed"], 5);
    EXPECT_EQ(j["sampling"], "mc");

    // A target standard error far above the first block's: stops after it.
    const CliRun stop = run_eqroi({"risk", kRiskExample, "--trials", "100000", "--target-se",
                                   "100000", "--format", "json"});
    ASSERT_EQ(stop.exit_code, 0) << stop.err;
    const json s = json::parse(stop.out);
    EXPECT_EQ(s["trials_done"], 10000);
    EXPECT_EQ(s["stopped_at_target"], true);
    EXPECT_EQ(s["target_standard_error"], 100000.0);
}

TEST(CliRisk, BadInputExitsTwoWithThePlace) {
    TempDir dir;
    std::string text = read_text(kRiskExample);
    // mtbf_keep's distribution, misspelt.
    const auto at = text.find("distribution = \"pert\"        # the old machine's log");
    ASSERT_NE(at, std::string::npos);
    text.replace(at + 15, 6, "\"pret\"");
    const fs::path bad = dir.write("bad.toml", text);
    // The line of the replaced value, counted in the text.
    const auto line = 1 + std::count(text.begin(), text.begin() + text.find("\"pret\""), '\n');
    const CliRun r = run_eqroi({"risk", bad.string()});
    EXPECT_EQ(r.exit_code, 2) << r.err;
    EXPECT_EQ(r.out, "");
    EXPECT_EQ(r.err, bad.string() + ":" + std::to_string(line) +
                         ":16: unknown choice 'pret' for 'distribution'; did you mean 'pert'? "
                         "choices: uniform, triangular, pert, normal, lognormal, beta, weibull, "
                         "discrete, bernoulli, empirical\n");

    const CliRun none = run_eqroi({"risk", example("cnc_replacement")});
    EXPECT_EQ(none.exit_code, 2) << none.err;
    EXPECT_EQ(none.err, example("cnc_replacement") +
                            ":1:1: the study has no [[uncertain]] table, so nothing varies; add "
                            "one per uncertain parameter (docs/study-format.md, \"Risk "
                            "analysis\")\n");

    const CliRun flag = run_eqroi({"risk", kRiskExample, "--sampling", "latin"});
    EXPECT_EQ(flag.exit_code, 2) << flag.err;
    EXPECT_EQ(flag.err, "eqroi: --sampling latin: expected mc or lhs\n");
}

/// True once process `pid` catches SIGINT (bit 1 of SigCgt in /proc/PID/status): `eqroi risk`
/// installs its handler just before the trials start.
bool catches_sigint(pid_t pid) {
    std::ifstream status("/proc/" + std::to_string(pid) + "/status");
    std::string line;
    while (std::getline(status, line))
        if (line.rfind("SigCgt:", 0) == 0) return (std::stoull(line.substr(7), nullptr, 16) & 0x2) != 0;
    return false;
}

TEST(CliRisk, CtrlCPrintsTheTrialsDoneAndExits130) {
    // A billion trials: far more than can finish before the signal.
    TempDir dir;
    const fs::path out = dir.path() / "out.json", err = dir.path() / "err.txt";
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_addopen(&actions, STDOUT_FILENO, out.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    posix_spawn_file_actions_addopen(&actions, STDERR_FILENO, err.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0600);
    std::vector<std::string> argv_text{EQROI_EXE, "risk", kRiskExample, "--trials", "1000000000",
                                       "--format", "json"};
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_text = child_environment({});
    std::vector<char*> envp;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);
    pid_t pid = 0;
    ASSERT_EQ(::posix_spawn(&pid, EQROI_EXE, &actions, nullptr, argv.data(), envp.data()), 0);
    posix_spawn_file_actions_destroy(&actions);

    // Wait (up to a minute, on a loaded machine) for the handler, then press Ctrl-C.
    for (int i = 0; i < 6000 && !catches_sigint(pid); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    ASSERT_TRUE(catches_sigint(pid)) << read_text(err);
    ::kill(pid, SIGINT);
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    ASSERT_TRUE(WIFEXITED(status)) << "killed by signal " << WTERMSIG(status);
    EXPECT_EQ(WEXITSTATUS(status), 130);
    const json j = json::parse(read_text(out));
    EXPECT_EQ(j["cancelled"], true);
    EXPECT_EQ(j["trials_requested"], 1000000000);
    const auto done = j["trials_done"].get<std::uint64_t>();
    EXPECT_LT(done, 1000000000u);
    EXPECT_EQ(done % 10000, 0u);  // whole blocks
    EXPECT_EQ(j["alternatives"][0]["npv"]["count"], done);
    EXPECT_NE(read_text(err).find("eqroi risk: interrupted: statistics over "), std::string::npos)
        << read_text(err);
}

}  // namespace
}  // namespace cli_test
