// How every `eqroi` command that loads plugins finds them and decides which it may load:
// the search options (--plugin-dir, --allow-untrusted), the trust policy of the study's
// directory, and the messages for plugins that were skipped or refused.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/registry.hpp>

#include <cstddef>
#include <filesystem>
#include <string>
#include <vector>

namespace CLI {
class App;
}

namespace eqroi::cli {

/// What the user said about where plugins are and whether untrusted ones may load. Filled by
/// CLI11 (add_search_options); read by load_plugins.
struct PluginSearch {
    std::vector<std::string> plugin_dirs;  ///< --plugin-dir, in order
    bool allow_untrusted = false;          ///< --allow-untrusted: load unapproved files this once
};

/// Adds --plugin-dir and --allow-untrusted to a command that loads plugins. `search` must
/// outlive the parse.
void add_search_options(CLI::App* cmd, PluginSearch& search);

/// A registry loaded from the search path, and how many files it refused as untrusted.
struct LoadedPlugins {
    PluginRegistry registry;
    std::size_t untrusted_refused = 0;
};

/// Loads every plugin of the search path under TrustPolicy::for_study(trust_dir, ...): the
/// bundled directory, `trust_dir`/eqroi-trust.toml and the user's trust list. Prints each
/// skipped library ("warning: plugin skipped: ...") and each refused one ("warning: plugin
/// refused: ...", with its SHA-256 and how to approve it) to stderr. Throws UsageError for a
/// --plugin-dir that is not a directory, InputError for a malformed trust list.
LoadedPlugins load_plugins(const PluginSearch& search, const std::filesystem::path& trust_dir);

/// The directory whose eqroi-trust.toml applies to a study file: the study's own directory
/// ("." for a bare file name).
std::filesystem::path study_directory(const std::string& study_file);

/// True when the registry refused this file because it is not trusted (an
/// UntrustedPluginError, which errors() keeps as a plain PluginError).
bool is_untrusted_refusal(const PluginError& e);

/// "note: 1 plugin was refused as untrusted (see above); approve it with ..." for `count`
/// refusals.
std::string untrusted_note(std::size_t count);

/// A trust decision in words: "bundled (trusted by its install location)", "trusted by
/// studies/eqroi-trust.toml:3 (approved 2026-11-21)", "untrusted, loaded for this run only
/// (--allow-untrusted)" or "untrusted".
std::string trust_text(const TrustDecision& d);

/// Rethrows `e` with the untrusted note appended when the study failed on an unknown model
/// while plugins were refused: the model the user expects may be in a refused file. Otherwise
/// rethrows `e` unchanged.
[[noreturn]] void rethrow_with_trust_note(const InputError& e, const LoadedPlugins& plugins);

}  // namespace eqroi::cli
