// Runs the built `eqroi` binary as a child process and captures what a user would see:
// standard output, standard error and the exit code. Nothing here links eqroi's core, so the
// tests see the command exactly as it ships.
#pragma once

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <poll.h>
#include <spawn.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cmath>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <initializer_list>
#include <map>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

extern char** environ;

namespace cli_test {

namespace fs = std::filesystem;
using nlohmann::json;

struct CliRun {
    int exit_code = -1;
    std::string out;  ///< standard output
    std::string err;  ///< standard error
};

inline void print_to(const CliRun& r, std::ostream* os) {
    *os << "exit " << r.exit_code << "\n--- stdout ---\n" << r.out.substr(0, 2000)
        << "\n--- stderr ---\n" << r.err.substr(0, 2000);
}
inline void PrintTo(const CliRun& r, std::ostream* os) { print_to(r, os); }

/// How a test runs a program: environment variables to set for it (on top of the test's own
/// environment, minus the variables below) and the directory to start it in (default: the
/// test's).
struct RunOptions {
    std::map<std::string, std::string> env;
    fs::path cwd;
};

/// A user trust list that never exists: what every run sees unless the test gives one
/// (EQROI_USER_TRUST_FILE in RunOptions::env), so no test reads or writes the user's own
/// ~/.config/eqroi/trust.toml.
inline const char* kNoUserTrustFile = "/nonexistent/eqroi-cli-test/trust.toml";

/// The child's environment: the test's, without the variables that would make a run depend on
/// the developer's setup, plus `extra`.
inline std::vector<std::string> child_environment(const std::map<std::string, std::string>& extra) {
    std::map<std::string, std::string> vars;
    for (char** e = environ; *e; ++e) {
        const std::string entry = *e;
        const auto eq = entry.find('=');
        if (eq != std::string::npos) vars[entry.substr(0, eq)] = entry.substr(eq + 1);
    }
    // The bundled plugins must be found through the binary's own location, not a path the
    // developer happens to have set; the trust list and probe timeout are the test's choice.
    vars.erase("EQROI_PLUGIN_PATH");
    vars.erase("EQROI_PROBE_TIMEOUT_SECONDS");
    vars["EQROI_USER_TRUST_FILE"] = kNoUserTrustFile;
    for (const auto& [key, value] : extra) vars[key] = value;
    std::vector<std::string> env;
    for (const auto& [key, value] : vars) env.push_back(key + "=" + value);
    return env;
}

/// Runs `program args...` (argv[0] = program) and waits for it. Both pipes are drained
/// together (poll), so a child that writes a lot to one of them cannot block on a full pipe
/// while we read the other.
inline CliRun run_program(const std::string& program, const std::vector<std::string>& args,
                          const RunOptions& options = {}) {
    int out_pipe[2], err_pipe[2];
    if (::pipe(out_pipe) != 0 || ::pipe(err_pipe) != 0) throw std::runtime_error("pipe failed");
    posix_spawn_file_actions_t actions;
    posix_spawn_file_actions_init(&actions);
    posix_spawn_file_actions_adddup2(&actions, out_pipe[1], STDOUT_FILENO);
    posix_spawn_file_actions_adddup2(&actions, err_pipe[1], STDERR_FILENO);
    for (int fd : {out_pipe[0], out_pipe[1], err_pipe[0], err_pipe[1]})
        posix_spawn_file_actions_addclose(&actions, fd);
    if (!options.cwd.empty())
        posix_spawn_file_actions_addchdir_np(&actions, options.cwd.c_str());

    std::vector<std::string> argv_text{program};
    argv_text.insert(argv_text.end(), args.begin(), args.end());
    std::vector<char*> argv;
    for (auto& a : argv_text) argv.push_back(a.data());
    argv.push_back(nullptr);
    std::vector<std::string> env_text = child_environment(options.env);
    std::vector<char*> envp;
    for (auto& e : env_text) envp.push_back(e.data());
    envp.push_back(nullptr);

    pid_t pid = 0;
    const int spawned = ::posix_spawnp(&pid, program.c_str(), &actions, nullptr, argv.data(),
                                       envp.data());
    posix_spawn_file_actions_destroy(&actions);
    ::close(out_pipe[1]);
    ::close(err_pipe[1]);
    if (spawned != 0) {
        ::close(out_pipe[0]);
        ::close(err_pipe[0]);
        throw std::runtime_error("cannot start " + program);
    }

    CliRun run;
    pollfd fds[2] = {{out_pipe[0], POLLIN, 0}, {err_pipe[0], POLLIN, 0}};
    std::string* sinks[2] = {&run.out, &run.err};
    int open_count = 2;
    char buffer[65536];
    while (open_count > 0) {
        if (::poll(fds, 2, -1) < 0) {
            if (errno == EINTR) continue;
            break;
        }
        for (int i = 0; i < 2; ++i) {
            if (fds[i].fd < 0 || !(fds[i].revents & (POLLIN | POLLHUP | POLLERR))) continue;
            const ssize_t n = ::read(fds[i].fd, buffer, sizeof buffer);
            if (n > 0) {
                sinks[i]->append(buffer, static_cast<std::size_t>(n));
            } else if (n == 0 || errno != EINTR) {
                ::close(fds[i].fd);
                fds[i].fd = -1;
                --open_count;
            }
        }
    }
    int status = 0;
    while (::waitpid(pid, &status, 0) < 0 && errno == EINTR) {
    }
    run.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
    return run;
}

/// Runs `eqroi args...` as a user would (see run_program for the environment).
inline CliRun run_eqroi(const std::vector<std::string>& args, const RunOptions& options = {}) {
    return run_program(EQROI_EXE, args, options);
}

/// The SHA-256 of a file as coreutils' `sha256sum` computes it: the independent value every
/// hash eqroi prints is compared with.
inline std::string sha256sum(const fs::path& file) {
    const CliRun r = run_program("sha256sum", {file.string()});
    if (r.exit_code != 0 || r.out.size() < 64)
        throw std::runtime_error("sha256sum " + file.string() + " failed: " + r.err);
    return r.out.substr(0, 64);
}

inline std::string example(const std::string& stem) {
    return std::string(EQROI_EXAMPLES_DIR) + "/" + stem + ".toml";
}

inline std::string read_text(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

/// A fresh directory per test, removed afterwards.
class TempDir {
public:
    TempDir() {
        std::string tmpl = (fs::temp_directory_path() / "eqroi-cli-test-XXXXXX").string();
        if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
        path_ = tmpl;
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;

    const fs::path& path() const { return path_; }

    fs::path write(const std::string& name, const std::string& text) const {
        const fs::path file = path_ / name;
        std::ofstream(file, std::ios::binary) << text;
        return file;
    }

    std::vector<std::string> entries() const {
        std::vector<std::string> names;
        for (const auto& e : fs::directory_iterator(path_)) names.push_back(e.path().filename());
        std::sort(names.begin(), names.end());
        return names;
    }

private:
    fs::path path_;
};

/// `eqroi run STUDY --format json`, parsed; fails the test when the run does not succeed.
inline json run_json(const std::string& study) {
    const CliRun r = run_eqroi({"run", study, "--format", "json"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return json::parse(r.out);
}

inline const json& alternative(const json& report, const std::string& id) {
    for (const auto& a : report.at("alternatives"))
        if (a.at("id") == id) return a;
    throw std::out_of_range("no alternative '" + id + "' in the report");
}

/// NPV of a flow series at `rate`, period 0 undiscounted: used only to confirm that the IRR
/// eqroi reports is a root of the hand-calculated incremental flows.
inline double npv_at(double rate, const std::vector<double>& flows) {
    double sum = 0, factor = 1;
    for (double f : flows) {
        sum += f * factor;
        factor /= 1 + rate;
    }
    return sum;
}

/// Checks a per-period series to the cent.
inline void expect_series(const json& actual, const std::vector<double>& expected,
                          const std::string& what) {
    ASSERT_EQ(actual.size(), expected.size()) << what;
    for (std::size_t k = 0; k < expected.size(); ++k)
        EXPECT_NEAR(actual[k].get<double>(), expected[k], 0.01) << what << " period " << k;
}

constexpr double kMoney = 0.01;  ///< NPV tolerance, currency units
constexpr double kRate = 1e-6;   ///< IRR tolerance
constexpr double kYears = 1e-6;  ///< payback tolerance, years

}  // namespace cli_test
