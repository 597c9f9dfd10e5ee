// `eqroi calc`: the measures of a cash-flow series typed on the command line, for checking a
// figure against a spreadsheet or a textbook. Parses and validates, calls eqroi::finance,
// prints; the finance itself lives in core.
#pragma once

#include <memory>

namespace CLI {
class App;
}

namespace eqroi::cli {

/// The `calc` command and its measures (`calc npv`, `calc irr`, ... `calc xirr`), added to the
/// top-level app on construction. After app.parse(), chosen() says whether the user picked
/// `calc`, and run() does it. Keep the object alive until run() returns: CLI11 writes the
/// parsed values into it.
class CalcCommand {
public:
    explicit CalcCommand(CLI::App& app);
    ~CalcCommand();
    CalcCommand(const CalcCommand&) = delete;
    CalcCommand& operator=(const CalcCommand&) = delete;

    /// True when the parsed command line was `eqroi calc ...`.
    bool chosen() const;

    /// Prints the measures asked for on standard output and returns kOk, also when a measure
    /// does not exist for the series (no IRR, no MIRR): that is an answer, not an error.
    /// Throws UsageError (exit 2) for a missing, repeated or malformed option, naming it.
    int run() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

}  // namespace eqroi::cli
