// `eqroi plugins`: list and show the loaded models, verify and trust a plugin file, scaffold a
// new plugin project. The parsing lives in plugins_cmd.cpp, each subcommand's work in its own
// file: plugins_cmd.cpp (list, show), plugins_verify.cpp (verify, trust), scaffold.cpp (new),
// probe.cpp (the hidden `probe` run in a child process by verify and trust).
#pragma once

#include "plugin_loading.hpp"

#include <filesystem>
#include <memory>
#include <string>

namespace CLI {
class App;
}

namespace eqroi::cli {

/// The `plugins` command and its subcommands, added to the top-level app on construction.
/// After app.parse(), chosen() says whether the user picked one, and run() does it. Keep the
/// object alive until run() returns: CLI11 writes the parsed values into it.
class PluginsCommand {
public:
    explicit PluginsCommand(CLI::App& app);
    ~PluginsCommand();
    PluginsCommand(const PluginsCommand&) = delete;
    PluginsCommand& operator=(const PluginsCommand&) = delete;

    /// True when the parsed command line was `eqroi plugins ...`.
    bool chosen() const;

    /// Runs the chosen subcommand and returns its exit code (0 ok, 1 failed, 2 bad input).
    /// Throws UsageError, InputError or PluginError for main() to report.
    int run() const;

private:
    struct State;
    std::unique_ptr<State> state_;
};

// ---- the subcommands (for PluginsCommand::run) ----

/// `plugins list`: every loaded model, grouped by plugin file with its trust status and SHA-256.
int plugins_list(const PluginSearch& search);
/// `plugins show MODEL`: one model with its plugin, trust status, plugin-info, parameters with
/// their help, and output lines with their help.
int plugins_show(const PluginSearch& search, const std::string& model);
/// `plugins verify FILE`: size, SHA-256, trust status under the current directory's policy and
/// the self-description read in a child process. "text" or "json".
int plugins_verify(const std::filesystem::path& file, const std::string& format);
/// `plugins trust FILE`: verifies in a child process, then approves the file in
/// `project_dir`/eqroi-trust.toml, or in the user's list when `user`.
int plugins_trust(const std::filesystem::path& file, const std::filesystem::path& project_dir,
                  bool user);
/// `plugins new NAME`: writes the plugin project template into `dir` (default ./NAME).
int plugins_new(const std::string& name, const std::filesystem::path& dir,
                const std::string& vendor);

}  // namespace eqroi::cli
