// Which plugin files may be loaded: trust lists, SHA-256 and the policy the registry applies
// before a library is opened with dlopen (which runs its constructors).
//
// A plugin file is trusted when
//   - it lies directly in one of the policy's trusted directories (the bundled plugins'
//     install location, `<exe dir>/../lib/eqroi/plugins`), or
//   - its SHA-256 is listed in a trust list: the project's `eqroi-trust.toml` beside the
//     study, or the user's `$XDG_CONFIG_HOME/eqroi/trust.toml` (`~/.config/eqroi/trust.toml`).
// Anything else is refused before any of its code runs, unless the user allows untrusted
// plugins for this run (`--allow-untrusted`).
//
// A trust list, as `eqroi plugins trust` writes it:
//
//     # Plugins approved for this project.
//     [[plugin]]
//     sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08"
//     vendor = "ACME Service"          # as the plugin declares itself; checked after loading
//     name = "ACME uptime contract"    # informational from here on
//     version = "1.0.0"
//     file = "acme_uptime_contract.so"
//     approved = "2026-11-21"
#pragma once

#include <eqroi/core/diagnostics.hpp>

#include <cstddef>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eqroi {

/// SHA-256 of a byte range, as 64 lowercase hex digits.
std::string sha256_hex(const void* data, std::size_t size);

/// One approved plugin file.
struct TrustEntry {
    std::string sha256;  ///< 64 lowercase hex digits: the identity of the approved bytes
    std::string vendor;  ///< the vendor the plugin declares; a mismatch after loading is refused
    std::string name, version, file, approved;  ///< informational (what the approver saw)
    SourcePos where;     ///< the entry's place in its trust file
};

/// The entries of one or more trust files.
class TrustList {
public:
    /// Reads a trust file. An absent file is an empty list (not an error). A malformed file, an
    /// unknown key (with the nearest valid one) or a sha256 that is not 64 hex digits throws
    /// InputError with file:line:col.
    static TrustList read(const std::filesystem::path& file);

    /// Adds another list's entries (the first entry for a hash wins).
    void merge(const TrustList& other);
    /// The entry approving this SHA-256 (lowercase hex), or nullptr.
    const TrustEntry* find(std::string_view sha256) const noexcept;
    const std::vector<TrustEntry>& entries() const noexcept { return entries_; }
    /// The files read, in order (absent ones included: they are where approvals would go).
    const std::vector<std::filesystem::path>& files() const noexcept { return files_; }

private:
    std::vector<TrustEntry> entries_;
    std::vector<std::filesystem::path> files_;
};

/// `<dir>/eqroi-trust.toml`: the project-level list beside a study.
std::filesystem::path project_trust_file(const std::filesystem::path& study_dir);
/// The user-level list: $EQROI_USER_TRUST_FILE if set (tests), else
/// $XDG_CONFIG_HOME/eqroi/trust.toml, else $HOME/.config/eqroi/trust.toml; empty when none
/// of these variables is set.
std::filesystem::path user_trust_file();

/// Appends an entry to a trust file, keeping every byte already there (comments included):
/// writes the new content to a temporary file in the same directory, flushes it and renames it
/// over the old one, so a reader sees the old or the new list, never a half-written one.
/// Creates the file (and its directory) when absent. Returns false, writing nothing, when the
/// file already approves this SHA-256. Throws std::runtime_error when it cannot write.
bool add_trust_entry(const std::filesystem::path& trust_file, const TrustEntry& entry);

/// Why a file may (or may not) be loaded.
enum class TrustStatus {
    bundled,            ///< in a trusted directory (install location of the bundled plugins)
    listed,             ///< its SHA-256 is in a trust list
    allowed_untrusted,  ///< not trusted, loaded because the user passed --allow-untrusted
    untrusted,          ///< not trusted: refused
};

struct TrustDecision {
    TrustStatus status = TrustStatus::untrusted;
    /// The trust list entry for `listed` (nullopt otherwise).
    std::optional<TrustEntry> entry;
    bool loadable() const noexcept { return status != TrustStatus::untrusted; }
};

/// "bundled", "trusted", "untrusted (allowed)", "untrusted".
const char* trust_status_name(TrustStatus s) noexcept;

/// What the registry applies to every file before it is opened.
struct TrustPolicy {
    /// Plugins directly inside these directories are trusted by location.
    std::vector<std::filesystem::path> trusted_directories;
    TrustList list;
    bool allow_untrusted = false;
    /// The directory whose eqroi-trust.toml would approve a refused file (the study's): named
    /// in the refusal's `eqroi plugins trust FILE --project DIR` hint. Empty: no project.
    std::filesystem::path project_directory;

    /// The safe default: only the bundled plugins' directory (PluginRegistry::bundled_directory).
    static TrustPolicy bundled_only();
    /// The bundled directory, the project list beside `study_dir` (if not empty) and the user
    /// list: what `eqroi run` and `eqroi check` use. Throws InputError for a malformed list.
    static TrustPolicy for_study(const std::filesystem::path& study_dir, bool allow_untrusted);
    /// Loads anything, marked allowed_untrusted unless bundled: for tests and benchmarks that
    /// load their own build products.
    static TrustPolicy trust_everything();

    /// The decision for a file whose bytes hash to `sha256`. Directories are compared after
    /// resolving symlinks, so a link into the bundled directory is not bundled.
    TrustDecision decide(const std::filesystem::path& file, std::string_view sha256) const;
};

/// The refusal of an untrusted plugin: a PluginError whose reason names the hash and how to
/// approve the file (`eqroi plugins trust FILE`, with `--project DIR` when `project_directory`
/// is not the current directory).
class UntrustedPluginError : public PluginError {
public:
    UntrustedPluginError(const std::string& file, std::string sha256,
                         const std::filesystem::path& project_directory = {});
    const std::string& sha256() const noexcept { return sha256_; }

private:
    std::string sha256_;
};

}  // namespace eqroi
