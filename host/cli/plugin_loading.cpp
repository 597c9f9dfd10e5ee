// Finding and loading plugins for run, check, plugins list and plugins show, under the trust
// policy of the study's directory.
#include "plugin_loading.hpp"

#include "cli_common.hpp"

#include <eqroi/core/trust.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>

namespace fs = std::filesystem;

namespace eqroi::cli {

void add_search_options(CLI::App* cmd, PluginSearch& search) {
    cmd->add_option("--plugin-dir", search.plugin_dirs,
                    "Directory searched for plugins first (repeatable); then EQROI_PLUGIN_PATH, "
                    "then the bundled directory")
        ->allow_extra_args(false);  // one directory per flag: never swallow the study path
    cmd->add_flag("--allow-untrusted", search.allow_untrusted,
                  "Also load plugin files that no trust list approves, for this run only (the "
                  "bundled plugins and approved files always load; see `eqroi plugins trust`)");
}

fs::path study_directory(const std::string& study_file) {
    fs::path dir = fs::path(study_file).parent_path();
    return dir.empty() ? fs::path(".") : dir;
}

bool is_untrusted_refusal(const PluginError& e) { return e.untrusted(); }

std::string untrusted_note(std::size_t count) {
    return fmt::format("note: {} plugin{} refused as untrusted (see above); after checking where "
                       "{} from, approve {} with `eqroi plugins trust FILE` or pass "
                       "--allow-untrusted",
                       count, count == 1 ? " was" : "s were", count == 1 ? "it comes" : "they come",
                       count == 1 ? "it" : "them");
}

LoadedPlugins load_plugins(const PluginSearch& search, const fs::path& trust_dir) {
    std::vector<fs::path> dirs;
    for (const auto& d : search.plugin_dirs) {
        if (!fs::is_directory(d))
            throw UsageError(fmt::format("--plugin-dir {}: no such directory", d));
        dirs.emplace_back(d);
    }
    LoadedPlugins loaded{
        PluginRegistry(TrustPolicy::for_study(trust_dir, search.allow_untrusted)), 0};
    loaded.registry.load_directories(PluginRegistry::search_path(dirs));
    for (const auto& e : loaded.registry.errors()) {
        if (is_untrusted_refusal(e)) {
            ++loaded.untrusted_refused;
            fmt::print(stderr, "warning: plugin refused: {}\n", e.what());
        } else {
            fmt::print(stderr, "warning: plugin skipped: {}\n", e.what());
        }
    }
    std::fflush(stderr);
    return loaded;
}

std::string trust_text(const TrustDecision& d) {
    switch (d.status) {
        case TrustStatus::bundled: return "bundled (trusted by its install location)";
        case TrustStatus::listed: {
            if (!d.entry) return "trusted";
            std::string s = "trusted by " + d.entry->where.file;
            if (d.entry->where.line > 0) s += ":" + std::to_string(d.entry->where.line);
            if (!d.entry->approved.empty()) s += " (approved " + d.entry->approved + ")";
            return s;
        }
        case TrustStatus::allowed_untrusted:
            return "untrusted, loaded for this run only (--allow-untrusted)";
        case TrustStatus::untrusted: break;
    }
    return "untrusted";
}

void rethrow_with_trust_note(const InputError& e, const LoadedPlugins& plugins) {
    bool unknown_model = false;
    for (const auto& d : e.diagnostics())
        if (d.message.find("unknown model '") != std::string::npos) unknown_model = true;
    if (!unknown_model || plugins.untrusted_refused == 0) throw e;
    auto diagnostics = e.diagnostics();
    diagnostics.push_back({SourcePos{}, untrusted_note(plugins.untrusted_refused)});
    throw InputError(std::move(diagnostics));
}

}  // namespace eqroi::cli
