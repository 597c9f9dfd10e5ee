// Loading a plugin file in a short-lived child process to read its self-description, so a
// library that crashes, hangs or misbehaves while loading cannot take the caller with it.
//
// What this is and is not: the child is `eqroi` itself (/proc/self/exe) running the hidden
// command `eqroi plugins probe FILE`, which loads the file with TrustPolicy::trust_everything()
// and writes its description as JSON. The library's code DOES run there, with the user's
// rights: it can read and write the user's files and open connections. The child protects the
// caller (its memory, its open files, its exit status) from a faulty library, and bounds the
// time and CPU a library may take; it is not a sandbox against a hostile one. Verify files whose
// origin you know; trust only those.
//
// The child: stdin from /dev/null, stdout and stderr through pipes (read together, each capped),
// no other descriptor of the caller, no core dump (RLIMIT_CORE 0), RLIMIT_CPU 10 s, its own
// process group (killed whole when it is done or out of time), and killed if the caller dies.
// The caller waits at most EQROI_PROBE_TIMEOUT_SECONDS (default 20 s) of wall-clock time.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <filesystem>
#include <string>

namespace eqroi::cli {

/// How the child ended and what it said.
struct ProbeResult {
    enum class Outcome {
        described,     ///< loaded; `report` holds the description
        refused,       ///< the host's checks rejected it (PluginError); `report["error"]`
        crashed,       ///< killed by a signal while loading (`signal`); `report` set when it
                       ///< had described itself first (it crashed while being unloaded)
        timed_out,     ///< still running after the wall-clock limit; killed
        no_report,     ///< exited without a readable description (`exit_status`)
        not_started,   ///< the child could not be started (`message`)
    };
    Outcome outcome = Outcome::not_started;
    int signal = 0;         ///< for crashed
    int exit_status = 0;    ///< for no_report
    double timeout_seconds = 0;  ///< the limit that applied
    nlohmann::json report;  ///< the child's JSON (described, refused; crashed after describing)
    std::string message;    ///< for not_started
    std::string plugin_output;  ///< what the library wrote to stdout/stderr while loading
                                ///< (capped, as it came: print it through printable())
};

/// Runs `eqroi plugins probe FILE` in a child process and waits for it (at most the wall-clock
/// limit). Never throws for anything the plugin does; the caller decides what each outcome
/// means to the user. Call from the main thread of a process that has started no other thread
/// that holds a lock the child might need (the child only execs).
ProbeResult probe_in_child(const std::filesystem::path& file);

/// The hidden `eqroi plugins probe FILE` itself (in the child): loads the file, writes the JSON
/// to what was stdout and sends everything the library prints to stderr, so the library cannot
/// mix its output into the report. Returns the exit status (0 when a report was written).
int run_probe(const std::filesystem::path& file);

/// The wall-clock limit: EQROI_PROBE_TIMEOUT_SECONDS when set to a positive number (tests use 2),
/// else 20 s.
double probe_timeout_seconds();

/// "Segmentation fault" for 11: the system's name of a signal.
std::string signal_name(int signal);

}  // namespace eqroi::cli
