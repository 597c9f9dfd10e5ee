// `eqroi plugins`: the subcommands' options, and `list` and `show` (plugins_cmd.hpp).
#include "plugins_cmd.hpp"

#include "cli_common.hpp"
#include "describe.hpp"
#include "probe.hpp"

#include <eqroi/core/diagnostics.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

namespace fs = std::filesystem;

namespace eqroi::cli {

struct PluginsCommand::State {
    CLI::App* plugins = nullptr;
    enum class Which { none, list, show, verify, trust, new_project, probe } which = Which::none;
    PluginSearch search;
    std::string model;
    std::string file;
    std::string format = "text";
    std::string project_dir;
    bool user = false;
    std::string name, dir, vendor = "Example Vendor";
};

PluginsCommand::PluginsCommand(CLI::App& app) : state_(std::make_unique<State>()) {
    State& s = *state_;
    using Which = State::Which;
    s.plugins = app.add_subcommand(
        "plugins", "List, inspect, verify and approve cost-model plugins; start a new one");
    s.plugins->require_subcommand(1);

    auto* list = s.plugins->add_subcommand(
        "list", "List every loaded model and its parameters, with each plugin file's trust "
                "status and SHA-256");
    add_search_options(list, s.search);
    list->callback([&s] { s.which = Which::list; });

    auto* show = s.plugins->add_subcommand(
        "show", "Describe one model: plugin, trust status, parameters and lines with their help");
    show->add_option("model", s.model, "Model id")->required();
    add_search_options(show, s.search);
    show->callback([&s] { s.which = Which::show; });

    auto* verify = s.plugins->add_subcommand(
        "verify", "Check a plugin file before trusting it: SHA-256, trust status, and its "
                  "self-description, read by loading it in a separate process");
    verify->footer(
        "The file is loaded in a short-lived separate process, so a library that crashes or hangs "
        "while loading is reported and cannot harm this one. That is isolation, not a sandbox: "
        "the library's code does run there, with your rights (it could read or change your "
        "files). Verify files whose origin you know.\n\nExit 0 when it loads, whatever its trust "
        "status (verify informs, it does not approve); 1 when it crashes, hangs (limit: "
        "EQROI_PROBE_TIMEOUT_SECONDS, default 20 s) or changes while being verified; 2 when it is "
        "not a valid plugin.");
    verify->add_option("file", s.file, "The plugin file (.so)")->required();
    verify->add_option("--format", s.format, "Output format: text or json")->capture_default_str();
    verify->callback([&s] { s.which = Which::verify; });

    auto* trust = s.plugins->add_subcommand(
        "trust", "Approve a plugin file in a trust list, after verifying it as `plugins verify` "
                 "does");
    trust->footer(
        "A file that crashes, hangs or is not a valid plugin is not approved (exit 1 or 2). The "
        "entry holds the file's SHA-256, the vendor, name and version it declares, its file name "
        "and today's date. The project list is eqroi-trust.toml in the studies' directory "
        "(review and commit it with the studies); the user list is "
        "$XDG_CONFIG_HOME/eqroi/trust.toml or ~/.config/eqroi/trust.toml. The list is rewritten "
        "through a temporary file and a rename, keeping every line already in it; a file already "
        "approved there leaves it unchanged.");
    trust->add_option("file", s.file, "The plugin file (.so)")->required();
    auto* project = trust->add_option(
        "--project", s.project_dir,
        "Approve in DIR/eqroi-trust.toml, DIR being the studies' directory (default: the "
        "current directory)");
    trust->add_flag("--user", s.user,
                    "Approve in your own list ($XDG_CONFIG_HOME/eqroi/trust.toml or "
                    "~/.config/eqroi/trust.toml), for every study you run")
        ->excludes(project);
    trust->callback([&s] { s.which = Which::trust; });

    auto* create = s.plugins->add_subcommand(
        "new", "Start a vendor plugin project: CMake project, model source, model test, example "
               "study and README, ready to build against the installed SDK");
    create->add_option("name", s.name,
                       "Plugin and model name, lower_snake_case (e.g. acme_coolant)")
        ->required();
    create->add_option("--dir", s.dir, "Directory to create (default: ./NAME); must not exist or "
                                       "be empty");
    create->add_option("--vendor", s.vendor, "The vendor the plugin declares")
        ->capture_default_str();
    create->callback([&s] { s.which = Which::new_project; });

    // The child process of verify and trust (probe.hpp). Hidden: not for users.
    auto* probe = s.plugins->add_subcommand("probe", "");
    probe->group("");
    probe->add_option("file", s.file)->required();
    probe->callback([&s] { s.which = Which::probe; });
}

PluginsCommand::~PluginsCommand() = default;

bool PluginsCommand::chosen() const { return state_->which != State::Which::none; }

int PluginsCommand::run() const {
    const State& s = *state_;
    switch (s.which) {
        case State::Which::list: return plugins_list(s.search);
        case State::Which::show: return plugins_show(s.search, s.model);
        case State::Which::verify: return plugins_verify(s.file, s.format);
        case State::Which::trust: return plugins_trust(s.file, s.project_dir, s.user);
        case State::Which::new_project:
            return plugins_new(s.name, s.dir.empty() ? fs::path(s.name) : fs::path(s.dir),
                               s.vendor);
        case State::Which::probe: return run_probe(s.file);
        case State::Which::none: break;
    }
    throw UsageError("plugins: no subcommand chosen");
}

namespace {

/// "/.../maintenance.so: bundled (trusted by its install location), SHA-256 9f86..."
std::string file_line(const Model& m) {
    return fmt::format("{}: {}, SHA-256 {}", m.file().string(), trust_text(m.origin().trust),
                       m.origin().sha256.empty() ? "?" : m.origin().sha256);
}

}  // namespace

int plugins_list(const PluginSearch& search) {
    // `plugins` commands have no study: the current directory's eqroi-trust.toml applies.
    const LoadedPlugins loaded = load_plugins(search, fs::current_path());
    const auto& models = loaded.registry.models();
    if (models.empty()) {
        fmt::print("no plugin models found; searched:\n");
        for (const auto& d : PluginRegistry::search_path({search.plugin_dirs.begin(),
                                                          search.plugin_dirs.end()}))
            fmt::print("  {}\n", d.string());
        return kOk;
    }
    const fs::path* last_file = nullptr;
    for (const auto& m : models) {
        // Models of one library are consecutive (load order): one file line per library.
        if (!last_file || *last_file != m.file()) {
            const auto plugin = describe_plugin(m);
            fmt::print("{}{}\n  plugin {}\n", last_file ? "\n" : "", file_line(m),
                       plugin_title(plugin));
            last_file = &m.file();
        }
        const auto model = describe_model(m);
        fmt::print("{}  {}\n{}", m.id(), printable(m.descriptor().name), params_text(model, false));
    }
    return kOk;
}

int plugins_show(const PluginSearch& search, const std::string& id) {
    const LoadedPlugins loaded = load_plugins(search, fs::current_path());
    const Model* m = loaded.registry.find(id);
    if (!m) {
        const auto ids = loaded.registry.ids();
        const std::string near = nearest(id, ids);
        std::string all;
        for (const auto& i : ids) all += (all.empty() ? "" : ", ") + i;
        std::string message =
            fmt::format("unknown model '{}'{}; available: {}", id,
                        near.empty() ? "" : "; did you mean '" + near + "'?", all);
        if (loaded.untrusted_refused > 0)
            message += "\n" + untrusted_note(loaded.untrusted_refused);
        throw UsageError(message);
    }
    const auto plugin = describe_plugin(*m);
    const auto model = describe_model(*m);
    const PluginOrigin& origin = m->origin();
    fmt::print("{}: {}\n{}\n\nplugin:   {}\nfile:     {}\ntrust:    {}\nSHA-256:  {}\n{}",
               m->id(), printable(m->descriptor().name),
               printable(m->descriptor().description, true), plugin_title(plugin),
               m->file().string(), trust_text(origin.trust),
               origin.sha256.empty() ? "?" : origin.sha256, plugin_info_text(plugin, ""));
    fmt::print("\nparameters:\n{}\noutput lines:\n{}", params_text(model, true),
               lines_text(model, true));
    return kOk;
}

}  // namespace eqroi::cli
