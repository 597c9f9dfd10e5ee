// Private to registry.cpp: reading a plugin file exactly once, and handing those very bytes to
// dlopen, so the bytes the trust policy judged are the bytes that run (issue 4, "trust before
// load"). Nothing here runs any code of the plugin.
#pragma once

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

namespace eqroi::detail {

/// An open file descriptor, closed when this object goes.
class Fd {
public:
    Fd() = default;
    explicit Fd(int fd) noexcept : fd_(fd) {}
    Fd(Fd&& o) noexcept : fd_(std::exchange(o.fd_, -1)) {}
    Fd& operator=(Fd&& o) noexcept {
        if (this != &o) {
            reset();
            fd_ = std::exchange(o.fd_, -1);
        }
        return *this;
    }
    Fd(const Fd&) = delete;
    Fd& operator=(const Fd&) = delete;
    ~Fd() { reset(); }

    int get() const noexcept { return fd_; }
    bool valid() const noexcept { return fd_ >= 0; }
    /// Gives up ownership: the caller closes the descriptor.
    int release() noexcept { return std::exchange(fd_, -1); }
    void reset() noexcept;

private:
    int fd_ = -1;
};

/// The whole content of one plugin file, read through a single descriptor.
struct PluginBytes {
    std::filesystem::path canonical;   ///< where the file lies, symlinks resolved (trust decision)
    std::vector<unsigned char> bytes;  ///< the file's content: what is hashed and what is loaded
    Fd fd;                             ///< the descriptor they were read from (fallback load)
};

/// Largest plugin file read: a cost model is kilobytes to a few megabytes; anything near this
/// is not a plugin, and reading it whole would only exhaust memory.
inline constexpr std::size_t kMaxPluginBytes = std::size_t{1} << 30;  // 1 GiB

/// Opens `file` once (symlinks resolved first), checks that it is a regular file with an ELF
/// header and reads it whole. Throws PluginError naming `file` as the user wrote it:
/// "no such file", "not a regular file", "not a shared library (no ELF header)", "is larger
/// than 1 GiB", or the system's reason when it cannot be opened or read.
PluginBytes read_plugin_file(const std::filesystem::path& file);

/// A path under /proc/self/fd that dlopen can open and that holds exactly `plugin.bytes`:
/// a sealed, private memory file (memfd) holding a copy of them, or, where memfd is not
/// available, the descriptor the bytes were read from. Load the library while this object
/// lives, then let it go: the library's mappings keep what they need.
class LoadablePath {
public:
    /// "/proc/self/fd/N": give it to dlopen, never show it to the user.
    const std::string& path() const noexcept { return path_; }
    /// True for a sealed memory copy, false for the fallback through the file's descriptor.
    bool is_memory_copy() const noexcept { return memory_copy_; }

private:
    friend LoadablePath loadable_path(PluginBytes& plugin, const std::string& file);
    Fd memfd_;               // the memory copy (invalid in the fallback)
    std::vector<Fd> spare_;  // descriptors held so their numbers are not reused meanwhile
    std::string path_;
    bool memory_copy_ = false;
};

/// Builds the LoadablePath of `plugin` (whose bytes may be released afterwards). `file` is the
/// user's name of the plugin, for the memory file's label and for messages. Throws PluginError
/// when no such path can be made.
LoadablePath loadable_path(PluginBytes& plugin, const std::string& file);

}  // namespace eqroi::detail
