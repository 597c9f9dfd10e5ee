// `eqroi risk STUDY`: the Monte Carlo run of a study's [[uncertain]] inputs (issue 6). Parses
// the flags, runs eqroi::risk::run_risk, prints render_risk; the statistics live in core.
//
// Exit codes: 0 the run finished (all trials, or stopped at the standard-error target);
// 130 (128 + SIGINT, the shell's convention) stopped by Ctrl-C: the statistics of the trials
// done are still printed, and the text says how many; 1 a model failed; 2 bad input.
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace eqroi::cli {

/// Exit code of a run stopped by Ctrl-C (its partial statistics were printed).
constexpr int kInterrupted = 130;

/// The `risk` command, added to the top-level app on construction. After app.parse(),
/// chosen() says whether the user picked it, and run() does it. Keep the object alive until
/// run() returns: CLI11 writes the parsed values into it.
class RiskCommand {
public:
    explicit RiskCommand(CLI::App& app);
    ~RiskCommand();
    RiskCommand(const RiskCommand&) = delete;
    RiskCommand& operator=(const RiskCommand&) = delete;

    /// True when the parsed command line was `eqroi risk ...`.
    bool chosen() const;

    /// Loads the plugins and the study, runs the trials and prints the statistics on standard
    /// output (a progress bar on standard error when it is a terminal). Ctrl-C during the run
    /// stops it after the blocks being evaluated; returns kOk or kInterrupted. Throws
    /// UsageError, InputError, PluginError or EvaluationError for main() to report.
    int run() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eqroi::cli
