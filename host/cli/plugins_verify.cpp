// `eqroi plugins verify FILE` and `eqroi plugins trust FILE` (plugins_cmd.hpp): what the user
// sees before deciding to trust a plugin file, and the approval itself.
#include "cli_common.hpp"
#include "describe.hpp"
#include "plugins_cmd.hpp"
#include "probe.hpp"

#include <eqroi/core/trust.hpp>

#include <fmt/format.h>

#include <csignal>
#include <cstdio>
#include <ctime>
#include <fstream>
#include <iterator>
#include <optional>

namespace fs = std::filesystem;
using nlohmann::json;

namespace eqroi::cli {

namespace {

/// The file as the user's policy sees it: its bytes' size and SHA-256.
struct FileDigest {
    std::uintmax_t size = 0;
    std::string sha256;
};

FileDigest digest_file(const fs::path& file) {
    std::error_code ec;
    if (!fs::exists(file, ec)) throw UsageError(fmt::format("{}: no such file", file.string()));
    if (!fs::is_regular_file(file, ec))
        throw UsageError(fmt::format("{}: not a regular file", file.string()));
    std::ifstream in(file, std::ios::binary);
    if (!in) throw UsageError(fmt::format("{}: cannot be read", file.string()));
    const std::string bytes{std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
    if (in.bad()) throw UsageError(fmt::format("{}: read error", file.string()));
    return {bytes.size(), sha256_hex(bytes.data(), bytes.size())};
}

/// What a failed probe means for the user, and the exit code (1: crashed, hung, changed or
/// did not report; 2: not a valid plugin). nullopt when the plugin described itself and the
/// bytes it loaded are the ones hashed here.
struct Failure {
    int exit_code;
    std::string outcome;  ///< for --format json: crashed, timed_out, no_report, invalid, changed
    std::string message;
};

std::optional<Failure> failure_of(const ProbeResult& r, const fs::path& file,
                                  const FileDigest& digest) {
    const std::string f = file.string();
    switch (r.outcome) {
        case ProbeResult::Outcome::described: {
            const std::string loaded = r.report.value("sha256", "");
            if (loaded == digest.sha256) return std::nullopt;
            return Failure{kEvaluationFailed, "changed",
                           fmt::format("{}: the file changed while being verified (SHA-256 {} "
                                       "here, {} as loaded in the child process); verify it "
                                       "again once it no longer changes",
                                       f, digest.sha256, loaded.empty() ? "unknown" : loaded)};
        }
        case ProbeResult::Outcome::refused:
            return Failure{kBadInput, "invalid",
                           printable(r.report.value("error", f + ": not a valid plugin"))};
        case ProbeResult::Outcome::crashed: {
            if (r.signal == SIGXCPU)
                return Failure{kEvaluationFailed, "crashed",
                               fmt::format("{}: the plugin used more than 10 s of CPU time while "
                                           "loading and was stopped (signal {}, {}); nothing of "
                                           "it ran in this process",
                                           f, r.signal, signal_name(r.signal))};
            return Failure{kEvaluationFailed, "crashed",
                           fmt::format("{}: the plugin crashed while {}: signal {} ({}); nothing "
                                       "of it ran in this process",
                                       f, r.report.is_object() ? "being unloaded" : "loading",
                                       r.signal, signal_name(r.signal))};
        }
        case ProbeResult::Outcome::timed_out:
            return Failure{kEvaluationFailed, "timed_out",
                           fmt::format("{}: the plugin did not finish loading within {:g} s and "
                                       "was stopped; nothing of it ran in this process",
                                       f, r.timeout_seconds)};
        case ProbeResult::Outcome::no_report:
            // 127 is also what the child returns when it cannot start eqroi again.
            return Failure{kEvaluationFailed, "no_report",
                           fmt::format("{}: the process loading the plugin ended (exit status "
                                       "{}) without describing it: the library ended it while "
                                       "loading{}",
                                       f, r.exit_status,
                                       r.exit_status == 127
                                           ? ", or eqroi could not start itself (/proc/self/exe)"
                                           : "")};
        case ProbeResult::Outcome::not_started:
            return Failure{kEvaluationFailed, "not_started",
                           fmt::format("{}: cannot verify: {}", f, r.message)};
    }
    return Failure{kEvaluationFailed, "no_report", f + ": cannot verify"};
}

/// The library's own output while it was loaded, shown as its (not eqroi's) words.
void print_plugin_output(const ProbeResult& r) {
    if (r.plugin_output.empty()) return;
    std::string text = printable(r.plugin_output, true);
    if (text.back() != '\n') text += '\n';
    fmt::print(stderr, "output of the plugin while it was loaded:\n{}", text);
}

/// For an untrusted file: what happens to it and how to approve it, indented under "trust:".
std::string trust_advice(const fs::path& file) {
    const std::string f = file.string();
    return fmt::format("          eqroi refuses to load it: no trust list approves this SHA-256.\n"
                       "          After checking where it comes from, approve it with\n"
                       "            eqroi plugins trust {0}                 "
                       "(eqroi-trust.toml here)\n"
                       "            eqroi plugins trust {0} --project DIR   "
                       "(beside the studies in DIR)\n"
                       "            eqroi plugins trust {0} --user          (your own list)\n"
                       "          or load it for one run with --allow-untrusted.\n",
                       f);
}

json trust_json(const TrustDecision& d) {
    json j = {{"status", trust_status_name(d.status)}};
    if (d.entry) {
        j["trust_file"] = d.entry->where.file;
        j["line"] = d.entry->where.line;
        j["vendor"] = d.entry->vendor;
        j["approved"] = d.entry->approved;
    }
    return j;
}

/// The warning when a trust list approves the hash for another vendor than the plugin
/// declares: the registry refuses it after loading.
std::string vendor_mismatch(const TrustDecision& d, const ProbeResult& r) {
    if (d.status != TrustStatus::listed || !d.entry || d.entry->vendor.empty() ||
        !r.report.contains("plugin"))
        return {};
    const std::string declared = r.report["plugin"].value("vendor", "");
    if (declared == d.entry->vendor) return {};
    return fmt::format("warning: {}:{} approves this file for vendor '{}', but it declares "
                       "'{}': eqroi will refuse it",
                       d.entry->where.file, d.entry->where.line, printable(d.entry->vendor),
                       printable(declared));
}

std::string replace_newlines(std::string text, const std::string& with) {
    for (auto at = text.find('\n'); at != std::string::npos; at = text.find('\n', at + with.size()))
        text.replace(at, 1, with);
    return text;
}

/// The plugin and each model as the child process described them.
std::string description_text(const json& report) {
    const json& plugin = report.at("plugin");
    std::string s = fmt::format("plugin:   {}\n{}", plugin_title(plugin),
                                plugin_info_text(plugin, ""));
    for (const auto& m : report.value("models", json::array())) {
        s += fmt::format("\nmodel {}: {}\n", printable(m.value("id", "")),
                         printable(m.value("name", "")));
        const std::string description = printable(m.value("description", ""), true);
        if (!description.empty()) s += "  " + replace_newlines(description, "\n  ") + "\n";
        s += fmt::format("  parameters:\n{}  output lines:\n{}", params_text(m, true),
                         lines_text(m, true));
    }
    return s;
}

std::string today() {
    const std::time_t now = std::time(nullptr);
    std::tm local{};
    localtime_r(&now, &local);
    char text[16];
    std::strftime(text, sizeof text, "%Y-%m-%d", &local);
    return text;
}

}  // namespace

int plugins_verify(const fs::path& file, const std::string& format) {
    if (format != "text" && format != "json")
        throw UsageError(fmt::format("--format {}: expected text or json", format));
    const FileDigest digest = digest_file(file);
    // No study here: the current directory's eqroi-trust.toml and the user's list apply, as
    // for `eqroi run` of a study in this directory.
    const TrustPolicy policy = TrustPolicy::for_study(fs::current_path(), false);
    const TrustDecision decision = policy.decide(file, digest.sha256);
    const ProbeResult probe = probe_in_child(file);
    const auto failure = failure_of(probe, file, digest);
    const std::string mismatch = failure ? std::string() : vendor_mismatch(decision, probe);

    if (format == "json") {
        json out = {{"file", file.string()},
                    {"size", digest.size},
                    {"sha256", digest.sha256},
                    {"trust", trust_json(decision)},
                    {"outcome", failure ? failure->outcome : "described"}};
        if (failure) {
            out["message"] = failure->message;
            if (probe.outcome == ProbeResult::Outcome::crashed) out["signal"] = probe.signal;
        } else {
            out["plugin"] = probe.report.at("plugin");
            out["models"] = probe.report.value("models", json::array());
        }
        if (!mismatch.empty()) out["warning"] = mismatch;
        fmt::print("{}\n", out.dump(2, ' ', false, json::error_handler_t::replace));
    } else {
        fmt::print("file:     {}\nsize:     {} bytes\nSHA-256:  {}\ntrust:    {}\n{}",
                   file.string(), digest.size, digest.sha256, trust_text(decision),
                   decision.status == TrustStatus::untrusted ? trust_advice(file) : "");
        if (!failure)
            fmt::print("\n{}\n(described by a separate process that loaded the file and has "
                       "ended; see `eqroi plugins verify --help`)\n",
                       description_text(probe.report));
    }
    std::fflush(stdout);
    print_plugin_output(probe);
    if (!mismatch.empty()) fmt::print(stderr, "{}\n", mismatch);
    if (failure) {
        fmt::print(stderr, "{}\n", failure->message);
        return failure->exit_code;
    }
    return kOk;
}

int plugins_trust(const fs::path& file, const fs::path& project_dir, bool user) {
    fs::path trust_file;
    if (user) {
        trust_file = user_trust_file();
        if (trust_file.empty())
            throw UsageError("--user: no place for your trust list: set HOME, XDG_CONFIG_HOME or "
                             "EQROI_USER_TRUST_FILE");
    } else {
        const fs::path dir = project_dir.empty() ? fs::path(".") : project_dir;
        if (!fs::is_directory(dir))
            throw UsageError(fmt::format("--project {}: no such directory", dir.string()));
        trust_file = project_trust_file(dir);
    }
    const FileDigest digest = digest_file(file);
    const ProbeResult probe = probe_in_child(file);
    if (const auto failure = failure_of(probe, file, digest)) {
        print_plugin_output(probe);
        fmt::print(stderr, "{}\nnot approved: {} is unchanged\n", failure->message,
                   trust_file.string());
        return failure->exit_code;
    }
    const json& plugin = probe.report.at("plugin");
    TrustEntry entry;
    entry.sha256 = digest.sha256;
    entry.vendor = plugin.value("vendor", "");
    entry.name = plugin.value("name", "");
    entry.version = plugin.value("version", "");
    entry.file = file.filename().string();
    entry.approved = today();

    bool added = false;
    try {
        added = add_trust_entry(trust_file, entry);
    } catch (const std::exception& e) {
        throw UsageError(e.what());
    }
    const std::string what = fmt::format("{} (SHA-256 {}, {})", file.string(), digest.sha256,
                                         plugin_title(plugin));
    if (added)
        fmt::print("approved {}\nin {}\n", what, trust_file.string());
    else
        fmt::print("{} already approves {}; unchanged\n", trust_file.string(), what);
    return kOk;
}

}  // namespace eqroi::cli
