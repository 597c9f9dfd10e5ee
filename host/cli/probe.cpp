// The child-process probe of a plugin file (probe.hpp): the parent's fork/exec/wait and the
// child's `eqroi plugins probe FILE`.
#include "probe.hpp"

#include "describe.hpp"

#include <eqroi/core/registry.hpp>
#include <eqroi/core/trust.hpp>

#include <fcntl.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/resource.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cmath>
#include <csignal>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <thread>
#include <vector>

namespace fs = std::filesystem;
using nlohmann::json;

namespace eqroi::cli {

namespace {

constexpr double kDefaultTimeoutSeconds = 20;
constexpr rlim_t kCpuSeconds = 10;  ///< RLIMIT_CPU of the child: SIGXCPU after this much CPU
constexpr std::size_t kReportCap = 8u << 20;  ///< the JSON description; a big plugin is < 1 MiB
constexpr std::size_t kOutputCap = 64u << 10;  ///< what the library itself prints
/// After the child has exited, how long we keep reading pipes that something it started may
/// hold open.
constexpr auto kDrainGrace = std::chrono::milliseconds(500);

/// Moves a descriptor to 3 or above (close-on-exec), so that setting up the child's 0, 1 and 2
/// can never overwrite it, even when the caller was started with one of them closed.
int above_stdio(int fd) {
    if (fd < 0 || fd > 2) return fd;
    const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, 3);
    ::close(fd);
    return moved;
}

/// In the forked child: only async-signal-safe calls from here to exec (the parent may hold
/// locks, e.g. malloc's, that no longer have an owner in the child).
[[noreturn]] void exec_probe(pid_t parent, int null_fd, int out_fd, int err_fd,
                             char* const* argv, char* const* envp) {
    ::setpgid(0, 0);  // its own group: on timeout we kill whatever the library started too
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);  // and it dies with the caller
    if (::getppid() != parent) ::_exit(127);
    if (::dup2(null_fd, STDIN_FILENO) < 0 || ::dup2(out_fd, STDOUT_FILENO) < 0 ||
        ::dup2(err_fd, STDERR_FILENO) < 0)
        ::_exit(127);
    const rlimit no_core{0, 0};
    ::setrlimit(RLIMIT_CORE, &no_core);
    const rlimit cpu{kCpuSeconds, kCpuSeconds + 2};  // SIGXCPU, then SIGKILL at the hard limit
    ::setrlimit(RLIMIT_CPU, &cpu);
    ::closefrom(3);  // nothing of the caller's open files reaches the library
    for (int s = 1; s < NSIG; ++s) ::signal(s, SIG_DFL);  // an ignored signal survives exec
    sigset_t none;
    ::sigemptyset(&none);
    ::sigprocmask(SIG_SETMASK, &none, nullptr);
    ::execve("/proc/self/exe", argv, envp);
    ::_exit(127);
}

/// Reads what is there from one pipe into `sink`, keeping at most `cap` bytes (the rest is read
/// and dropped, so the child never blocks on a full pipe). Closes it at end of file.
void drain(pollfd& p, std::string& sink, std::size_t cap, bool& truncated) {
    if (p.fd < 0 || !(p.revents & (POLLIN | POLLHUP | POLLERR))) return;
    char buffer[65536];
    const ssize_t n = ::read(p.fd, buffer, sizeof buffer);
    if (n > 0) {
        const std::size_t room = sink.size() < cap ? cap - sink.size() : 0;
        sink.append(buffer, std::min(room, static_cast<std::size_t>(n)));
        if (static_cast<std::size_t>(n) > room) truncated = true;
    } else if (n == 0 || (errno != EINTR && errno != EAGAIN)) {
        ::close(p.fd);
        p.fd = -1;
    }
}

void write_all(int fd, const std::string& text) {
    std::size_t done = 0;
    while (done < text.size()) {
        const ssize_t n = ::write(fd, text.data() + done, text.size() - done);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0) return;
        done += static_cast<std::size_t>(n);
    }
}

}  // namespace

double probe_timeout_seconds() {
    if (const char* env = std::getenv("EQROI_PROBE_TIMEOUT_SECONDS"); env && *env) {
        char* end = nullptr;
        const double s = std::strtod(env, &end);
        if (end && *end == '\0' && std::isfinite(s) && s > 0) return s;
    }
    return kDefaultTimeoutSeconds;
}

std::string signal_name(int signal) {
    const char* name = ::strsignal(signal);
    return name ? name : "unknown signal";
}

/// The child's environment: ours, except that in a build with AddressSanitizer the child's
/// sanitizer must leave fatal signals alone. Otherwise it catches a crashing constructor's
/// SIGSEGV, prints its report and exits with status 1, and the crash would read as a plugin
/// that ended the process rather than one that crashed.
std::vector<std::string> child_environment() {
    std::vector<std::string> env;
    for (char** e = environ; e && *e; ++e) env.emplace_back(*e);
#if defined(__SANITIZE_ADDRESS__)
    const std::string keep_signals =
        "handle_segv=0:handle_sigbus=0:handle_sigfpe=0:handle_sigill=0:handle_abort=0";
    bool found = false;
    for (auto& e : env)
        if (e.rfind("ASAN_OPTIONS=", 0) == 0) e += ":" + keep_signals, found = true;
    if (!found) env.push_back("ASAN_OPTIONS=" + keep_signals);
#endif
    return env;
}

ProbeResult probe_in_child(const fs::path& file) {
    ProbeResult result;
    result.timeout_seconds = probe_timeout_seconds();

    // Everything the child needs is prepared here: after fork it may only exec.
    std::string path = file.string();
    if (!path.empty() && path[0] == '-') path = "./" + path;  // never read as an option
    std::vector<std::string> args{"eqroi", "plugins", "probe", path};
    std::vector<char*> argv;
    for (auto& a : args) argv.push_back(a.data());
    argv.push_back(nullptr);

    std::vector<std::string> env = child_environment();
    std::vector<char*> envp;
    for (auto& e : env) envp.push_back(e.data());
    envp.push_back(nullptr);

    int out_pipe[2] = {-1, -1}, err_pipe[2] = {-1, -1};
    if (::pipe2(out_pipe, O_CLOEXEC) != 0 || ::pipe2(err_pipe, O_CLOEXEC) != 0) {
        result.message = std::string("cannot create a pipe: ") + std::strerror(errno);
        for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
            if (fd >= 0) ::close(fd);
        return result;
    }
    int fds[5] = {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1],
                  ::open("/dev/null", O_RDONLY | O_CLOEXEC)};
    for (int& fd : fds) fd = above_stdio(fd);
    auto close_all = [&] {
        for (int& fd : fds)
            if (fd >= 0) ::close(fd), fd = -1;
    };
    if (fds[4] < 0 || fds[0] < 0 || fds[1] < 0 || fds[2] < 0 || fds[3] < 0) {
        result.message = std::string("cannot open /dev/null or a pipe: ") + std::strerror(errno);
        close_all();
        return result;
    }
    ::signal(SIGCHLD, SIG_DFL);  // an inherited SIG_IGN would make the child unwaitable

    const pid_t parent = ::getpid();
    const pid_t pid = ::fork();
    if (pid < 0) {
        result.message = std::string("cannot start a child process: ") + std::strerror(errno);
        close_all();
        return result;
    }
    if (pid == 0) exec_probe(parent, fds[4], fds[1], fds[3], argv.data(), envp.data());

    for (int i : {1, 3, 4}) ::close(fds[i]), fds[i] = -1;
    pollfd pipes[2] = {{fds[0], POLLIN, 0}, {fds[2], POLLIN, 0}};
    fds[0] = fds[2] = -1;  // owned by `pipes` from here
    std::string report_text;
    bool report_truncated = false, output_truncated = false;

    using Clock = std::chrono::steady_clock;
    const auto deadline =
        Clock::now() + std::chrono::duration_cast<Clock::duration>(
                           std::chrono::duration<double>(result.timeout_seconds));
    bool exited = false, timed_out = false;
    Clock::time_point exited_at;
    for (;;) {
        siginfo_t info{};
        // WNOWAIT: the child stays a zombie, so its pid (the group id) cannot be reused before
        // we kill the group below.
        if (!exited && ::waitid(P_PID, static_cast<id_t>(pid), &info,
                                WEXITED | WNOHANG | WNOWAIT) == 0 && info.si_pid == pid) {
            exited = true;
            exited_at = Clock::now();
        }
        const bool pipes_open = pipes[0].fd >= 0 || pipes[1].fd >= 0;
        const auto now = Clock::now();
        if (exited && (!pipes_open || now - exited_at > kDrainGrace)) break;
        if (!exited && now >= deadline) {
            timed_out = true;
            ::kill(-pid, SIGKILL);
            ::kill(pid, SIGKILL);
            while (::waitid(P_PID, static_cast<id_t>(pid), &info, WEXITED | WNOWAIT) != 0 &&
                   errno == EINTR) {
            }
            exited = true;
            exited_at = Clock::now();
            continue;
        }
        // Short slices: the child's exit is noticed within 50 ms even while a pipe stays open.
        const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - now);
        const int slice = static_cast<int>(std::clamp<long long>(left.count(), 1, 50));
        if (!pipes_open) {
            std::this_thread::sleep_for(std::chrono::milliseconds(slice));
            continue;
        }
        if (::poll(pipes, 2, slice) < 0 && errno != EINTR) break;
        drain(pipes[0], report_text, kReportCap, report_truncated);
        drain(pipes[1], result.plugin_output, kOutputCap, output_truncated);
    }
    ::kill(-pid, SIGKILL);  // whatever the library left running in the child's group
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    for (auto& p : pipes)
        if (p.fd >= 0) ::close(p.fd);
    if (output_truncated) result.plugin_output += "\n[... more output dropped]\n";

    json report = report_truncated ? json() : json::parse(report_text, nullptr, false);
    const bool reported = report.is_object() && report.contains("eqroi_probe");
    if (timed_out) {
        result.outcome = ProbeResult::Outcome::timed_out;
    } else if (WIFSIGNALED(status)) {
        result.outcome = ProbeResult::Outcome::crashed;
        result.signal = WTERMSIG(status);
        if (reported) result.report = std::move(report);  // it crashed after describing itself
    } else {
        result.exit_status = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
        if (result.exit_status == 0 && reported) {
            result.outcome = report.value("loaded", false) ? ProbeResult::Outcome::described
                                                           : ProbeResult::Outcome::refused;
            result.report = std::move(report);
        } else {
            result.outcome = ProbeResult::Outcome::no_report;
        }
    }
    return result;
}

int run_probe(const fs::path& file) {
    // The real stdout is kept for the report; from here on, whatever the library prints goes
    // to stderr, so it cannot mix into (or pass itself off as) the description.
    std::fflush(stdout);
    const int report_fd = ::fcntl(STDOUT_FILENO, F_DUPFD_CLOEXEC, 3);
    if (report_fd < 0 || ::dup2(STDERR_FILENO, STDOUT_FILENO) < 0) return 3;

    json report = {{"eqroi_probe", 1}, {"file", file.string()}};
    try {
        PluginRegistry registry(TrustPolicy::trust_everything());
        registry.load_file(file);
        const auto& models = registry.models();
        if (models.empty()) throw PluginError(file.string(), "", "declares no model");
        json described = json::array();
        for (const auto& m : models) described.push_back(describe_model(m));
        report["loaded"] = true;
        // The hash of the very bytes the registry loaded; the parent compares it with its own.
        report["sha256"] = models.front().origin().sha256;
        report["plugin"] = describe_plugin(models.front());
        report["models"] = std::move(described);
    } catch (const PluginError& e) {
        report["loaded"] = false;
        report["error"] = e.what();
        report["reason"] = e.reason();
    } catch (const std::exception& e) {
        report["loaded"] = false;
        report["error"] = file.string() + ": " + e.what();
        report["reason"] = e.what();
    }
    // A plugin's strings need not be valid UTF-8: replace what is not, rather than fail.
    write_all(report_fd, report.dump(-1, ' ', false, json::error_handler_t::replace) + "\n");
    ::close(report_fd);
    return 0;
}

}  // namespace eqroi::cli
