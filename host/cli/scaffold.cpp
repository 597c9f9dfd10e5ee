// `eqroi plugins new NAME`: a vendor plugin project from the embedded template
// (plugin_templates.hpp), written without ever overwriting a file.
#include "cli_common.hpp"
#include "plugin_templates.hpp"
#include "plugins_cmd.hpp"

#include <fmt/format.h>

#include <fcntl.h>
#include <stdio.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <cerrno>
#include <cstring>
#include <stdexcept>
#include <string_view>
#include <utility>
#include <vector>

namespace fs = std::filesystem;

namespace eqroi::cli {

namespace {

/// Model ids and file names: lower_snake_case, starting with a letter (plugin.h's rule for ids).
bool is_snake_case(const std::string& s) {
    if (s.empty() || s.size() > 64 || s[0] < 'a' || s[0] > 'z') return false;
    for (char c : s)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

/// The vendor goes into C++ and CMake string literals and a TOML file: refuse what would need
/// escaping there rather than write a project that does not build.
void check_vendor(const std::string& vendor) {
    if (vendor.empty() || vendor.size() > 100)
        throw UsageError("--vendor: give the vendor's name (1 to 100 characters)");
    for (char c : vendor) {
        const auto u = static_cast<unsigned char>(c);
        if (u < 0x20 || u == 0x7f || c == '"' || c == '\\' || c == '$' || c == '@')
            throw UsageError(fmt::format("--vendor '{}': quotes, backslashes, '$', '@' and control "
                                         "characters are not allowed in the vendor name",
                                         vendor));
    }
}

void replace_all(std::string& text, std::string_view placeholder, const std::string& value) {
    for (std::size_t at = text.find(placeholder); at != std::string::npos;
         at = text.find(placeholder, at + value.size()))
        text.replace(at, placeholder.size(), value);
}

/// A template file's path or content with @NAME@ and @VENDOR@ filled in.
std::string substitute(std::string_view text, const std::string& name, const std::string& vendor) {
    std::string out(text);
    replace_all(out, "@NAME@", name);
    replace_all(out, "@VENDOR@", vendor);
    return out;
}

mode_t file_mode() {
    const mode_t mask = ::umask(0);  // read the user's umask (the command is single-threaded)
    ::umask(mask);
    return 0666 & ~mask;
}

/// Writes a new file through a temporary in the same directory and a rename that refuses to
/// replace an existing file: a reader sees no file or the whole file, and nothing the user
/// already has is ever overwritten.
void write_new_file(const fs::path& file, const std::string& content, mode_t mode) {
    const fs::path dir = file.parent_path();
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw std::runtime_error(fmt::format("{}: cannot create: {}", dir.string(), ec.message()));
    std::string tmp = (dir / ("." + file.filename().string() + ".XXXXXX")).string();
    const int fd = ::mkstemp(tmp.data());
    if (fd < 0)
        throw std::runtime_error(fmt::format("{}: cannot create a temporary file: {}",
                                             dir.string(), std::strerror(errno)));
    bool ok = ::fchmod(fd, mode) == 0;
    for (std::size_t done = 0; ok && done < content.size();) {
        const ssize_t n = ::write(fd, content.data() + done, content.size() - done);
        if (n < 0 && errno == EINTR) continue;
        ok = n > 0;
        if (ok) done += static_cast<std::size_t>(n);
    }
    ok = ok && ::fsync(fd) == 0;
    const int write_errno = errno;
    ok = ::close(fd) == 0 && ok;
    if (!ok) {
        ::unlink(tmp.c_str());
        throw std::runtime_error(fmt::format("{}: cannot write: {}", file.string(),
                                             std::strerror(write_errno)));
    }
    if (::renameat2(AT_FDCWD, tmp.c_str(), AT_FDCWD, file.c_str(), RENAME_NOREPLACE) == 0) return;
    const int rename_errno = errno;
    // A file system without RENAME_NOREPLACE: a hard link also fails when the name exists.
    const bool no_noreplace = rename_errno == EINVAL || rename_errno == ENOSYS;
    if (no_noreplace && ::link(tmp.c_str(), file.c_str()) == 0) {
        ::unlink(tmp.c_str());
        return;
    }
    const int failed = no_noreplace ? errno : rename_errno;
    ::unlink(tmp.c_str());
    throw std::runtime_error(fmt::format("{}: {}", file.string(),
                                         failed == EEXIST ? "already exists; not overwritten"
                                                          : std::strerror(failed)));
}

/// The SDK prefix next to this eqroi when it was installed with its SDK (<prefix>/bin/eqroi and
/// <prefix>/lib/cmake/eqroi-sdk), else empty.
fs::path installed_sdk_prefix() {
    std::error_code ec;
    const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
    if (ec) return {};
    const fs::path prefix = exe.parent_path().parent_path();
    const bool has_sdk = fs::exists(prefix / "lib/cmake/eqroi-sdk/eqroi-sdkConfig.cmake", ec);
    return has_sdk ? prefix : fs::path();
}

/// A path for a shell command line: quoted when it holds anything but safe characters.
std::string shell_word(const std::string& s) {
    for (char c : s)
        if (!(std::isalnum(static_cast<unsigned char>(c)) || std::strchr("/._-+=:,", c)))
            return "'" + s + "'";  // the name and vendor checks keep quotes out of our paths
    return s;
}

}  // namespace

int plugins_new(const std::string& name, const fs::path& dir, const std::string& vendor) {
    if (!is_snake_case(name))
        throw UsageError(fmt::format("plugins new '{}': the name must be lower_snake_case: "
                                     "a-z, 0-9 and _, starting with a letter, at most 64 "
                                     "characters (e.g. acme_coolant)",
                                     name));
    check_vendor(vendor);
    const auto files = plugin_project_template();
    if (files.empty())
        throw std::runtime_error("this eqroi was built without the plugin project template "
                                 "(sdk/templates/plugin-project was empty at build time)");

    std::error_code ec;
    if (fs::exists(dir, ec)) {
        if (!fs::is_directory(dir, ec))
            throw UsageError(fmt::format("{}: exists and is not a directory; nothing written",
                                         dir.string()));
        if (!fs::is_empty(dir, ec))
            throw UsageError(fmt::format("{}: exists and is not empty; nothing written (choose a "
                                         "new or empty directory with --dir: plugins new never "
                                         "overwrites a file)",
                                         dir.string()));
    }
    const mode_t mode = file_mode();
    std::vector<fs::path> written;
    for (const auto& f : files) {
        const fs::path rel = substitute(f.path, name, vendor);
        try {
            write_new_file(dir / rel, substitute(f.content, name, vendor), mode);
        } catch (const std::exception& e) {
            throw UsageError(fmt::format("{}\n{} of {} files written before that", e.what(),
                                         written.size(), files.size()));
        }
        written.push_back(dir / rel);
    }

    // The steps of the template's README.md, sections 1 to 4, from inside the project.
    const fs::path sdk = installed_sdk_prefix();
    fmt::print("created {}: plugin '{}' by {} ({} files)\n", dir.string(), name, vendor,
               written.size());
    for (const auto& w : written) fmt::print("  {}\n", w.string());
    const std::string prefix = sdk.empty() ? "/opt/eqroi-sdk" : shell_word(sdk.string());
    const std::pair<std::string, std::string> steps[] = {
        {"cd " + shell_word(dir.string()), ""},
        {"cmake -S . -B build -DCMAKE_PREFIX_PATH=" + prefix, ""},
        {"cmake --build build", ""},
        {"ctest --test-dir build --output-on-failure", ""},
        {"eqroi run study.toml --plugin-dir build --allow-untrusted", "while you develop"},
        {"eqroi plugins trust build/" + name + ".so --project .", "approve this build"},
        {"eqroi run study.toml --plugin-dir build", "then without the flag"},
    };
    std::size_t width = 0;
    for (const auto& [command, why] : steps) width = std::max(width, command.size());
    fmt::print("\nnext steps ({} explains each):\n", (dir / "README.md").string());
    if (sdk.empty())
        fmt::print("  # once, the SDK (from an eqroi build, or shipped with an eqroi release):\n"
                   "  cmake --install <eqroi build dir> --component sdk --prefix /opt/eqroi-sdk\n");
    for (const auto& [command, why] : steps) {
        if (command.empty()) continue;
        if (why.empty())
            fmt::print("  {}\n", command);
        else
            fmt::print("  {:<{}}   # {}\n", command, width, why);
    }
    return kOk;
}

}  // namespace eqroi::cli
