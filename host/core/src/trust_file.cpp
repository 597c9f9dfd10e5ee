// The trust list file: reading it with file:line:col diagnostics, appending an entry atomically.
#include "trust_file.hpp"

#include "plugin_bytes.hpp"  // detail::Fd

#include <eqroi/core/diagnostics.hpp>

#include <fmt/format.h>
#include <toml++/toml.h>

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <random>
#include <stdexcept>
#include <system_error>
#include <tuple>

namespace eqroi::trust_file {

namespace fs = std::filesystem;

const char* const kNewFileHeader =
    "# Plugins approved for eqroi. Each [[plugin]] approves one plugin file by the SHA-256 of\n"
    "# its bytes (`sha256sum FILE`) for the vendor it declares; any other plugin outside the\n"
    "# bundled directory is refused before it is loaded. `eqroi plugins trust FILE` adds an\n"
    "# entry; delete an entry to withdraw the approval.\n";

namespace {

constexpr std::array<const char*, 6> kKeys = {"sha256", "vendor",  "name",
                                              "version", "file", "approved"};

std::string os_error(int err) { return std::generic_category().message(err); }

SourcePos at(const std::string& file, const toml::source_region& r) {
    return SourcePos{file, static_cast<int>(r.begin.line), static_cast<int>(r.begin.column)};
}

std::string type_name(const toml::node& n) {
    switch (n.type()) {
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a number";
        case toml::node_type::boolean: return "true/false";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        case toml::node_type::array: return "an array";
        case toml::node_type::table: return "a table";
        default: return "nothing";
    }
}

// Reads one file's [[plugin]] tables, collecting every problem.
class Reader {
public:
    explicit Reader(std::string file) : file_(std::move(file)) {}

    void root(const toml::table& root) {
        for (auto&& [key, node] : root) {
            if (key.str() != "plugin") {
                unknown_key(key, "a trust list (which holds [[plugin]] tables)", {"plugin"});
                continue;
            }
            const toml::array* items = node.as_array();
            if (!items || !(items->empty() || items->is_array_of_tables())) {
                error(node.source(), "'plugin' expects [[plugin]] tables, one per approved "
                                     "plugin file, got " + type_name(node));
                continue;
            }
            for (const auto& item : *items) entry(*item.as_table());
        }
    }

    std::vector<TrustEntry> result() {
        if (problems_.empty()) return std::move(entries_);
        // Tables iterate in key order; the user reads the file top down.
        std::stable_sort(problems_.begin(), problems_.end(),
                         [](const Diagnostic& a, const Diagnostic& b) {
                             return std::tie(a.where.line, a.where.column) <
                                    std::tie(b.where.line, b.where.column);
                         });
        throw InputError(std::move(problems_));
    }

private:
    void error(const toml::source_region& r, std::string message) {
        problems_.push_back({at(file_, r), std::move(message)});
    }

    void unknown_key(const toml::key& key, const std::string& where,
                     const std::vector<std::string>& candidates) {
        std::string msg = "unknown key '" + std::string(key.str()) + "' in " + where;
        if (auto near = nearest(std::string(key.str()), candidates); !near.empty()) {
            msg += "; did you mean '" + near + "'?";
        } else {
            msg += "; valid keys:";
            for (const auto& c : candidates) msg += " " + c;
        }
        error(key.source(), msg);
    }

    void entry(const toml::table& t) {
        TrustEntry e;
        e.where = at(file_, t.source());
        const toml::node* sha = nullptr;
        const toml::node* vendor = nullptr;
        for (auto&& [key, v] : t) {
            const std::string k(key.str());
            if (k == "approved" && v.is_date()) {  // approved = 2026-11-21, unquoted
                const toml::date d = v.as_date()->get();
                e.approved = fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day);
                continue;
            }
            std::string* field = k == "sha256"    ? &e.sha256
                                 : k == "vendor"  ? &e.vendor
                                 : k == "name"    ? &e.name
                                 : k == "version" ? &e.version
                                 : k == "file"    ? &e.file
                                 : k == "approved" ? &e.approved
                                                   : nullptr;
            if (!field) {
                unknown_key(key, "[[plugin]]", {kKeys.begin(), kKeys.end()});
                continue;
            }
            if (!v.is_string()) {
                error(v.source(), "'" + k + "' expects a string, got " + type_name(v));
                continue;
            }
            *field = v.as_string()->get();
            if (k == "sha256") sha = &v;
            if (k == "vendor") vendor = &v;
        }
        bool ok = true;
        if (!sha) {
            ok = false;
            if (!t.contains("sha256"))
                error(t.source(), "missing required key 'sha256' in [[plugin]] (the SHA-256 of "
                                  "the approved file, as `sha256sum FILE` prints it)");
        } else if (e.sha256 = lowercase(e.sha256); !is_sha256(e.sha256)) {
            ok = false;
            error(sha->source(), fmt::format("'sha256' = \"{}\" is not a SHA-256: it must be 64 "
                                             "hex digits (0-9, a-f), as `sha256sum FILE` prints "
                                             "it; got {} characters",
                                             e.sha256, e.sha256.size()));
        }
        if (!vendor) {
            ok = false;
            if (!t.contains("vendor"))
                error(t.source(), "missing required key 'vendor' in [[plugin]] (the vendor the "
                                  "plugin declares, checked when it loads)");
        } else if (e.vendor.empty()) {
            ok = false;
            error(vendor->source(), "'vendor' is empty: it must be the vendor the plugin "
                                    "declares, checked when it loads");
        }
        if (ok) entries_.push_back(std::move(e));
    }

    std::string file_;
    std::vector<TrustEntry> entries_;
    std::vector<Diagnostic> problems_;
};

// A TOML basic string: "...", with quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view s) {
    std::string out = "\"";
    for (const char c : s) {
        switch (c) {
            case '"': out += "\\\""; break;
            case '\\': out += "\\\\"; break;
            case '\b': out += "\\b"; break;
            case '\t': out += "\\t"; break;
            case '\n': out += "\\n"; break;
            case '\f': out += "\\f"; break;
            case '\r': out += "\\r"; break;
            default:
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f)
                    out += fmt::format("\\u{:04X}", static_cast<unsigned char>(c));
                else
                    out += c;  // UTF-8 passes through (checked by valid_utf8)
        }
    }
    return out + '"';
}

void write_all(int fd, const std::string& text, const std::string& name) {
    const char* p = text.data();
    std::size_t left = text.size();
    while (left > 0) {
        const ssize_t n = ::write(fd, p, left);
        if (n < 0 && errno == EINTR) continue;
        if (n <= 0)
            throw std::runtime_error(name + ": cannot write: " + os_error(n < 0 ? errno : EIO));
        p += n;
        left -= static_cast<std::size_t>(n);
    }
}

}  // namespace

std::optional<std::string> read_text(const fs::path& file) {
    auto fail = [&](int err) {
        return InputError({Diagnostic{SourcePos{file.string(), 0, 0},
                                      "cannot read the trust list: " + os_error(err)}});
    };
    const int raw = ::open(file.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY);
    if (raw < 0) {
        if (errno == ENOENT) return std::nullopt;  // no list yet: nothing approved there
        throw fail(errno);
    }
    const detail::Fd fd(raw);
    std::string text;
    char buffer[16384];
    while (true) {
        const ssize_t n = ::read(fd.get(), buffer, sizeof buffer);
        if (n < 0 && errno == EINTR) continue;
        if (n < 0) throw fail(errno);
        if (n == 0) break;
        text.append(buffer, static_cast<std::size_t>(n));
    }
    return text;
}

std::vector<TrustEntry> parse(std::string_view text, const std::string& file) {
    toml::table root;
    try {
        root = toml::parse(text, std::string_view(file));
    } catch (const toml::parse_error& e) {
        throw InputError({Diagnostic{at(file, e.source()), std::string(e.description())}});
    }
    Reader reader(file);
    reader.root(root);
    return reader.result();
}

std::string entry_block(const TrustEntry& e) {
    std::string out = "[[plugin]]\n";
    out += "sha256 = " + toml_string(e.sha256) + "\n";
    out += "vendor = " + toml_string(e.vendor) + "\n";
    if (!e.name.empty()) out += "name = " + toml_string(e.name) + "\n";
    if (!e.version.empty()) out += "version = " + toml_string(e.version) + "\n";
    if (!e.file.empty()) out += "file = " + toml_string(e.file) + "\n";
    if (!e.approved.empty()) out += "approved = " + toml_string(e.approved) + "\n";
    return out;
}

void write_atomically(const fs::path& target, const std::string& text) {
    const std::string name = target.string();
    fs::path dir = target.parent_path();
    if (dir.empty()) dir = ".";
    std::error_code ec;
    fs::create_directories(dir, ec);
    if (ec)
        throw std::runtime_error(fmt::format("{}: cannot create the directory {}: {}", name,
                                             dir.string(), ec.message()));
    struct stat old {};
    const bool existed = ::stat(target.c_str(), &old) == 0;

    // O_EXCL on a random name: never write into someone else's file. Mode 0666 lets the umask
    // decide for a new list; an existing list keeps its own bits (fchmod below).
    std::random_device random;
    fs::path tmp_path;
    detail::Fd tmp;
    for (int attempt = 0; attempt < 100 && !tmp.valid(); ++attempt) {
        tmp_path = dir / fmt::format(".{}.{:08x}.tmp", target.filename().string(), random());
        const int fd = ::open(tmp_path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0666);
        if (fd >= 0)
            tmp = detail::Fd(fd);
        else if (errno != EEXIST)
            throw std::runtime_error(fmt::format("{}: cannot create a temporary file in {}: {}",
                                                 name, dir.string(), os_error(errno)));
    }
    if (!tmp.valid())
        throw std::runtime_error(name + ": cannot find a free temporary file name beside it");
    struct RemoveUnlessRenamed {
        const fs::path& path;
        bool renamed = false;
        ~RemoveUnlessRenamed() {
            if (!renamed) ::unlink(path.c_str());
        }
    } cleanup{tmp_path};

    write_all(tmp.get(), text, name);
    if (existed && ::fchmod(tmp.get(), old.st_mode & 07777) != 0)
        throw std::runtime_error(name + ": cannot keep its permissions: " + os_error(errno));
    if (::fsync(tmp.get()) != 0)
        throw std::runtime_error(name + ": cannot flush to disk: " + os_error(errno));
    // A close error is the last chance to hear of a failed write (NFS).
    if (::close(tmp.release()) != 0)
        throw std::runtime_error(name + ": cannot write: " + os_error(errno));
    if (::rename(tmp_path.c_str(), target.c_str()) != 0)
        throw std::runtime_error(name + ": cannot replace it: " + os_error(errno));
    cleanup.renamed = true;

    // The rename lives in the directory: flush it too, or a crash may bring back the old list.
    if (const int d = ::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC); d >= 0) {
        const detail::Fd dir_fd(d);
        if (::fsync(dir_fd.get()) != 0 && errno != EINVAL)  // EINVAL: no directory sync there
            throw std::runtime_error(name + ": written, but flushing its directory failed: " +
                                     os_error(errno));
    }
}

std::string lowercase(std::string s) {
    for (char& c : s)
        if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
    return s;
}

bool is_sha256(std::string_view s) noexcept {
    return s.size() == 64 && std::all_of(s.begin(), s.end(), [](char c) {
               return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'f');
           });
}

bool valid_utf8(std::string_view s) noexcept {
    std::size_t i = 0;
    while (i < s.size()) {
        const auto b = static_cast<unsigned char>(s[i]);
        std::size_t len;
        char32_t cp;
        if (b < 0x80) { ++i; continue; }
        if ((b & 0xe0) == 0xc0) len = 2, cp = b & 0x1f;
        else if ((b & 0xf0) == 0xe0) len = 3, cp = b & 0x0f;
        else if ((b & 0xf8) == 0xf0) len = 4, cp = b & 0x07;
        else return false;
        if (i + len > s.size()) return false;
        for (std::size_t k = 1; k < len; ++k) {
            const auto c = static_cast<unsigned char>(s[i + k]);
            if ((c & 0xc0) != 0x80) return false;
            cp = (cp << 6) | (c & 0x3f);
        }
        static constexpr char32_t kMin[] = {0, 0, 0x80, 0x800, 0x10000};
        if (cp < kMin[len] || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return false;
        i += len;
    }
    return true;
}

bool contains(const std::vector<TrustEntry>& entries, std::string_view sha256) noexcept {
    return std::any_of(entries.begin(), entries.end(),
                       [&](const TrustEntry& e) { return e.sha256 == sha256; });
}

bool same_fields(const TrustEntry& a, const TrustEntry& b) noexcept {
    return a.sha256 == b.sha256 && a.vendor == b.vendor && a.name == b.name &&
           a.version == b.version && a.file == b.file && a.approved == b.approved;
}

}  // namespace eqroi::trust_file
