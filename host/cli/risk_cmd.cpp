// `eqroi risk STUDY [--trials N] [--seed S] [--sampling mc|lhs] [--threads T] [--target-se X]
// [--format table|json|csv|md]`: flags override the study's [risk] table, which overrides the
// defaults (10,000 trials, seed 1, Monte Carlo, every core).
#include "risk_cmd.hpp"

#include "cli_common.hpp"
#include "plugin_loading.hpp"

#include <eqroi/core/engine.hpp>
#include <eqroi/core/format.hpp>
#include <eqroi/core/report.hpp>
#include <eqroi/core/risk/analysis.hpp>
#include <eqroi/core/risk/analysis_report.hpp>
#include <eqroi/core/study.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>
#include <string>
#include <unistd.h>

namespace eqroi::cli {
namespace {

/// Set by the SIGINT handler; read by the workers between blocks. A lock-free atomic is safe
/// to store from a signal handler.
std::atomic<bool> g_interrupted{false};
static_assert(std::atomic<bool>::is_always_lock_free);

extern "C" void on_sigint(int) { g_interrupted.store(true); }

/// Installs the Ctrl-C handler for the run's duration. SA_RESETHAND: a second Ctrl-C gets the
/// default action (the user insists: stop at once).
class InterruptGuard {
public:
    InterruptGuard() {
        g_interrupted.store(false);
        struct sigaction sa {};
        sa.sa_handler = on_sigint;
        sigemptyset(&sa.sa_mask);
        sa.sa_flags = SA_RESETHAND;
        sigaction(SIGINT, &sa, &previous_);
    }
    ~InterruptGuard() { sigaction(SIGINT, &previous_, nullptr); }
    InterruptGuard(const InterruptGuard&) = delete;
    InterruptGuard& operator=(const InterruptGuard&) = delete;

private:
    struct sigaction previous_ {};
};

/// A one-line progress bar on standard error, redrawn at most ten times a second.
class ProgressBar {
public:
    void update(const risk::RiskProgress& p) {
        const auto now = std::chrono::steady_clock::now();
        if (p.blocks_done != p.blocks_total && now - last_ < std::chrono::milliseconds(100)) return;
        last_ = now;
        const double done = p.trials_total ? static_cast<double>(p.trials_done) / p.trials_total : 1;
        const int width = 30;
        const int filled = static_cast<int>(done * width);
        fmt::print(stderr, "\r[{}{}] {:3.0f} % {} / {} trials{}", std::string(filled, '#'),
                   std::string(width - filled, '-'), done * 100,
                   format::grouped(static_cast<double>(p.trials_done), 0),
                   format::grouped(static_cast<double>(p.trials_total), 0),
                   g_interrupted.load() ? " (stopping...)" : "");
        std::fflush(stderr);
        drawn_ = true;
    }
    /// Erases the bar.
    void clear() {
        if (drawn_) fmt::print(stderr, "\r{}\r", std::string(78, ' '));
        drawn_ = false;
    }

private:
    std::chrono::steady_clock::time_point last_{};
    bool drawn_ = false;
};

}  // namespace

struct RiskCommand::State {
    CLI::App* cmd = nullptr;
    PluginSearch search;
    std::string study;
    std::string format = "table";
    std::optional<std::uint64_t> trials, seed;
    std::optional<std::string> sampling;
    std::optional<unsigned> threads;
    std::optional<double> target_se;
};

RiskCommand::RiskCommand(CLI::App& app) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.cmd = app.add_subcommand(
        "risk",
        "Monte Carlo risk analysis of a study's [[uncertain]] inputs: mean, spread and "
        "P5..P95 of NPV, IRR, discounted payback and LCC, P(NPV < 0), P(best). Ctrl-C stops "
        "after the current blocks and prints the trials done (exit 130)");
    s.cmd->add_option("study", s.study, "Study file (TOML) with [[uncertain]] tables")->required();
    s.cmd->add_option("--trials", s.trials,
                      "Number of trials (default: [risk] trials, else 10,000)");
    s.cmd->add_option("--seed", s.seed, "Random seed (default: [risk] seed, else 1)");
    s.cmd->add_option("--sampling", s.sampling,
                      "mc (Monte Carlo) or lhs (Latin hypercube); default: [risk] sampling, else mc");
    s.cmd->add_option("--threads", s.threads,
                      "Worker threads (default: every core); the figures do not depend on it");
    s.cmd->add_option("--target-se", s.target_se,
                      "Stop once the standard error of every mean NPV is at most this amount "
                      "(checked after each 10,000-trial block; --trials stays the cap)");
    s.cmd->add_option("--format", s.format, "Output format: table, json, csv or md")
        ->capture_default_str();
    add_search_options(s.cmd, s.search);
}

RiskCommand::~RiskCommand() = default;

bool RiskCommand::chosen() const { return state_->cmd->parsed(); }

int RiskCommand::run() const {
    const State& s = *state_;
    const ReportFormat format = format_of(s.format);
    if (s.trials && (*s.trials < 1 || *s.trials > 10'000'000'000ULL))
        throw UsageError(fmt::format("--trials {}: expected 1 .. 10,000,000,000", *s.trials));
    if (s.sampling && *s.sampling != "mc" && *s.sampling != "lhs")
        throw UsageError(fmt::format("--sampling {}: expected mc or lhs", *s.sampling));
    if (s.target_se && !(*s.target_se > 0))
        throw UsageError(fmt::format("--target-se {}: expected an amount above 0", *s.target_se));

    const LoadedPlugins plugins = load_plugins(s.search, study_directory(s.study));
    Study study;
    try {
        study = load_study(s.study, plugins.registry);
    } catch (const InputError& e) {
        rethrow_with_trust_note(e, plugins);
    }
    if (study.uncertain.empty())
        throw InputError({Diagnostic{SourcePos{s.study, 1, 1},
                                     "the study has no [[uncertain]] table, so nothing varies; add "
                                     "one per uncertain parameter (docs/study-format.md, \"Risk "
                                     "analysis\")"}});
    const Engine engine(study, plugins.registry);
    const risk::InputBinding binding(engine);

    risk::RiskOptions options = risk::options_from(study.risk, binding.names());
    if (s.trials) options.trials = *s.trials;
    if (s.seed) options.seed = *s.seed;
    if (s.sampling) options.sampling = *s.sampling == "mc" ? risk::Method::monte_carlo
                                                            : risk::Method::latin_hypercube;
    if (s.threads) options.threads = *s.threads;
    if (s.target_se) options.target_standard_error = *s.target_se;

    const bool terminal = isatty(STDERR_FILENO) == 1;
    ProgressBar bar;
    if (terminal) options.progress = [&](const risk::RiskProgress& p) { bar.update(p); };
    options.cancel = &g_interrupted;

    risk::RiskResult result;
    const auto start = std::chrono::steady_clock::now();
    {
        InterruptGuard guard;
        result = risk::run_risk(binding, options);
    }
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    bar.clear();
    fmt::print("{}", risk::render_risk(result, binding.inputs(), study.settings, format));
    std::fflush(stdout);
    if (terminal)
        fmt::print(stderr, "{} trials in {:.2f} s on {} thread{} ({} trials/s)\n",
                   format::grouped(static_cast<double>(result.trials_done), 0), seconds,
                   result.threads, result.threads == 1 ? "" : "s",
                   format::grouped(seconds > 0 ? result.trials_done / seconds : 0.0, 0));
    if (result.cancelled) {
        fmt::print(stderr, "eqroi risk: interrupted: statistics over {} of {} trials\n",
                   format::grouped(static_cast<double>(result.trials_done), 0),
                   format::grouped(static_cast<double>(result.trials_requested), 0));
        return kInterrupted;
    }
    return kOk;
}

}  // namespace eqroi::cli
