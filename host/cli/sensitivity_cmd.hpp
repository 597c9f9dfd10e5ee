// `eqroi sensitivity STUDY`: which uncertain input matters most and where the decision flips
// (issue 6, point 5). Parses the flags, runs eqroi::risk::analyse_sensitivity, prints
// render_sensitivity; the figures live in core.
//
// Exit codes: 0 done; 1 a model failed; 2 bad input (flags, study file, a study without any
// [[uncertain]] table, plugins).
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace eqroi::cli {

/// The `sensitivity` command, added to the top-level app on construction. After app.parse(),
/// chosen() says whether the user picked it, and run() does it. Keep the object alive until
/// run() returns: CLI11 writes the parsed values into it.
class SensitivityCommand {
public:
    explicit SensitivityCommand(CLI::App& app);
    ~SensitivityCommand();
    SensitivityCommand(const SensitivityCommand&) = delete;
    SensitivityCommand& operator=(const SensitivityCommand&) = delete;

    /// True when the parsed command line was `eqroi sensitivity ...`.
    bool chosen() const;

    /// Loads the plugins and the study, computes the tornado, spider, break-even values and
    /// rank correlations, and prints them on standard output. Returns kOk. Throws UsageError
    /// (a bad flag), InputError (the study, or a study with no [[uncertain]] table), PluginError
    /// or EvaluationError for main() to report.
    int run() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eqroi::cli
