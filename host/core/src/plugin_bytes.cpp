// Reading a plugin file once and loading exactly those bytes (see plugin_bytes.hpp).
#include "plugin_bytes.hpp"

#include <eqroi/core/diagnostics.hpp>

#include <fmt/format.h>

#include <dlfcn.h>
#include <fcntl.h>
#include <link.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <system_error>

#ifndef MFD_EXEC  // Linux 6.3: say explicitly that the memory file will be mapped executable
#define MFD_EXEC 0x0010U
#endif

namespace eqroi::detail {

namespace fs = std::filesystem;

void Fd::reset() noexcept {
    if (fd_ >= 0) ::close(fd_);
    fd_ = -1;
}

namespace {

std::string os_error(int err) { return std::generic_category().message(err); }

std::string proc_fd_path(int fd) { return "/proc/self/fd/" + std::to_string(fd); }

bool has_elf_magic(const std::vector<unsigned char>& b) {
    return b.size() >= 4 && b[0] == 0x7f && b[1] == 'E' && b[2] == 'L' && b[3] == 'F';
}

// Copies `bytes` into a new sealed memory file; an invalid Fd when the system offers none
// (no memfd_create, forbidden by a seccomp filter, or non-executable memory files enforced).
Fd sealed_memory_copy(const std::vector<unsigned char>& bytes, const std::string& file) {
    // The label shows in /proc/<pid>/maps ("/memfd:eqroi-plugin:good.so (deleted)"), so whoever
    // reads a memory map or a core dump can tell which plugin a mapping is. At most 249 bytes.
    const std::string label =
        ("eqroi-plugin:" + fs::path(file).filename().string()).substr(0, 240);
    int fd = ::memfd_create(label.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING | MFD_EXEC);
    if (fd < 0 && errno == EINVAL)  // a kernel before 6.3 does not know MFD_EXEC
        fd = ::memfd_create(label.c_str(), MFD_CLOEXEC | MFD_ALLOW_SEALING);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOSYS || err == EPERM || err == EACCES || err == EINVAL) return Fd();
        throw PluginError(file, "", "cannot create a memory copy to load: " + os_error(err));
    }
    Fd memfd(fd);
    const unsigned char* p = bytes.data();
    std::size_t left = bytes.size();
    while (left > 0) {
        const ssize_t n = ::write(memfd.get(), p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw PluginError(file, "", "cannot write its memory copy: " +
                                            os_error(n < 0 ? errno : EIO));
        p += n;
        left -= static_cast<std::size_t>(n);
    }
    // Nobody else holds this descriptor, but another process of the same user could open
    // /proc/<pid>/fd/N: after the seals nobody can change the copy, not even us.
    if (::fcntl(memfd.get(), F_ADD_SEALS, F_SEAL_SHRINK | F_SEAL_GROW | F_SEAL_WRITE | F_SEAL_SEAL) != 0)
        throw PluginError(file, "", "cannot seal its memory copy: " + os_error(errno));
    return memfd;
}

// True when dlopen(name) would hand back a library loaded earlier under the same name instead
// of opening the file behind it (glibc compares a requested name with the names of the loaded
// libraries before it opens anything). A library loaded through /proc/self/fd/N keeps that
// name after its descriptor is closed, and the next plugin's descriptor may get the same N.
// RTLD_NOLOAD maps and runs nothing.
bool name_taken_by_another_library(const std::string& name) {
    void* handle = ::dlopen(name.c_str(), RTLD_LAZY | RTLD_NOLOAD);
    if (!handle) {
        ::dlerror();  // clear the message; not loaded is the answer we hoped for
        return false;
    }
    // A handle also comes back when the very same file (same inode) is loaded already, which
    // only the fallback can meet: that is the same library, which dlopen shares as it always
    // did. Only a loaded library *named* like our path is another one.
    link_map* map = nullptr;
    const bool same_name = ::dlinfo(handle, RTLD_DI_LINKMAP, &map) == 0 && map &&
                           map->l_name && name == map->l_name;
    ::dlclose(handle);  // RTLD_NOLOAD took a reference
    return same_name;
}

}  // namespace

PluginBytes read_plugin_file(const fs::path& path) {
    const std::string file = path.string();
    PluginBytes out;
    std::error_code ec;
    out.canonical = fs::canonical(path, ec);
    if (ec) {
        if (ec == std::errc::no_such_file_or_directory) throw PluginError(file, "", "no such file");
        throw PluginError(file, "", "cannot open: " + ec.message());
    }
    // O_NOFOLLOW: the canonical path has no link left, so a link here appeared just now.
    // O_NONBLOCK: a FIFO put in the file's place must not hang us; fstat then refuses it.
    const int fd = ::open(out.canonical.c_str(),
                          O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK | O_NOFOLLOW);
    if (fd < 0) {
        const int err = errno;
        if (err == ENOENT) throw PluginError(file, "", "no such file");
        throw PluginError(file, "", "cannot open: " + os_error(err));
    }
    out.fd = Fd(fd);
    struct stat st {};
    if (::fstat(out.fd.get(), &st) != 0)
        throw PluginError(file, "", "cannot open: " + os_error(errno));
    if (!S_ISREG(st.st_mode)) throw PluginError(file, "", "not a regular file");
    if (static_cast<unsigned long long>(st.st_size) > kMaxPluginBytes)
        throw PluginError(file, "", fmt::format("is {} bytes; a plugin larger than 1 GiB is "
                                                "refused", st.st_size));

    // Read to the end rather than trusting st_size: the file may grow or shrink meanwhile,
    // and what counts is what was read.
    out.bytes.resize(static_cast<std::size_t>(st.st_size) + 1);
    std::size_t used = 0;
    while (true) {
        if (used == out.bytes.size()) {
            if (used > kMaxPluginBytes)
                throw PluginError(file, "", "is larger than 1 GiB; a plugin that large is "
                                            "refused");
            out.bytes.resize(std::min(out.bytes.size() * 2, kMaxPluginBytes + 1));
        }
        const ssize_t n = ::read(out.fd.get(), out.bytes.data() + used, out.bytes.size() - used);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw PluginError(file, "", "cannot read: " + os_error(errno));
        if (n == 0) break;
        used += static_cast<std::size_t>(n);
    }
    out.bytes.resize(used);
    if (!has_elf_magic(out.bytes))
        throw PluginError(file, "", "not a shared library (no ELF header)");
    return out;
}

LoadablePath loadable_path(PluginBytes& plugin, const std::string& file) {
    LoadablePath out;
    out.memfd_ = sealed_memory_copy(plugin.bytes, file);
    out.memory_copy_ = out.memfd_.valid();
    // Without memory files, load through the descriptor the bytes were read from: the same
    // inode, so renaming another file over the path since the check changes nothing. (Writing
    // into the file in place would still show through, which the memory copy rules out; that
    // takes write permission on the plugin file itself.)
    int fd = out.memory_copy_ ? out.memfd_.get() : plugin.fd.get();
    out.path_ = proc_fd_path(fd);
    struct stat st {};
    if (::stat(out.path_.c_str(), &st) != 0)
        throw PluginError(file, "", "cannot be loaded: /proc is not available (plugins are "
                                    "loaded through /proc/self/fd, so the bytes checked are "
                                    "the bytes loaded)");
    // Move to a descriptor number no loaded library is named after; the numbers left behind
    // stay open until the load is done, so they cannot come back.
    for (int attempt = 0; name_taken_by_another_library(out.path_); ++attempt) {
        if (attempt == 64)
            throw PluginError(file, "", "cannot be loaded: every descriptor number tried is "
                                        "the name of a library loaded earlier");
        const int moved = ::fcntl(fd, F_DUPFD_CLOEXEC, fd + 1);
        if (moved < 0)
            throw PluginError(file, "", "cannot be loaded: no file descriptor left: " +
                                            os_error(errno));
        out.spare_.emplace_back(moved);
        fd = moved;
        out.path_ = proc_fd_path(fd);
    }
    return out;
}

}  // namespace eqroi::detail
