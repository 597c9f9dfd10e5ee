// Trust decisions for plugin files: SHA-256, trust lists and the policy.
#include <eqroi/core/registry.hpp>
#include <eqroi/core/trust.hpp>

#include "trust_file.hpp"

#include <fmt/format.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <system_error>
#include <utility>

namespace eqroi {

namespace fs = std::filesystem;

std::string sha256_hex(const void* data, std::size_t size) {
    unsigned char digest[EVP_MAX_MD_SIZE];
    unsigned int length = 0;
    if (EVP_Digest(data, size, digest, &length, EVP_sha256(), nullptr) != 1 || length != 32)
        throw std::runtime_error("SHA-256: OpenSSL's EVP_Digest failed");
    static const char hex[] = "0123456789abcdef";
    std::string out(64, '0');
    for (unsigned i = 0; i < 32; ++i) {
        out[2 * i] = hex[digest[i] >> 4];
        out[2 * i + 1] = hex[digest[i] & 0xf];
    }
    return out;
}

fs::path project_trust_file(const fs::path& study_dir) {
    return (study_dir.empty() ? fs::path(".") : study_dir) / "eqroi-trust.toml";
}

fs::path user_trust_file() {
    if (const char* f = std::getenv("EQROI_USER_TRUST_FILE"); f && *f) return f;
    if (const char* x = std::getenv("XDG_CONFIG_HOME"); x && *x)
        return fs::path(x) / "eqroi" / "trust.toml";
    if (const char* h = std::getenv("HOME"); h && *h)
        return fs::path(h) / ".config" / "eqroi" / "trust.toml";
    return {};
}

const char* trust_status_name(TrustStatus s) noexcept {
    switch (s) {
        case TrustStatus::bundled: return "bundled";
        case TrustStatus::listed: return "trusted";
        case TrustStatus::allowed_untrusted: return "untrusted (allowed)";
        case TrustStatus::untrusted: return "untrusted";
    }
    return "untrusted";
}

TrustPolicy TrustPolicy::bundled_only() {
    TrustPolicy p;
    if (fs::path dir = PluginRegistry::bundled_directory(); !dir.empty())
        p.trusted_directories.push_back(std::move(dir));
    return p;
}

TrustPolicy TrustPolicy::trust_everything() {
    TrustPolicy p = bundled_only();
    p.allow_untrusted = true;
    return p;
}

namespace {
fs::path canonical_or_self(const fs::path& p) {
    std::error_code ec;
    fs::path c = fs::canonical(p, ec);
    return ec ? p.lexically_normal() : c;
}
}  // namespace

TrustDecision TrustPolicy::decide(const fs::path& file, std::string_view sha256) const {
    TrustDecision d;
    const fs::path parent = canonical_or_self(file).parent_path();
    for (const auto& dir : trusted_directories) {
        if (!dir.empty() && canonical_or_self(dir) == parent) {
            d.status = TrustStatus::bundled;
            return d;
        }
    }
    if (const TrustEntry* e = list.find(sha256)) {
        d.status = TrustStatus::listed;
        d.entry = *e;
        return d;
    }
    d.status = allow_untrusted ? TrustStatus::allowed_untrusted : TrustStatus::untrusted;
    return d;
}

namespace {
std::string approval_hint(const std::string& file, const fs::path& project) {
    if (project.empty())
        return fmt::format("`eqroi plugins trust {}` (adds it to eqroi-trust.toml in the current "
                           "directory; --user for your own list)", file);
    const bool here = project == "." || project == "./";
    return fmt::format("`eqroi plugins trust {}{}` (adds it to {}; --user for your own list "
                       "instead)",
                       file, here ? "" : " --project " + project.string(),
                       project_trust_file(project).string());
}
}  // namespace

UntrustedPluginError::UntrustedPluginError(const std::string& file, std::string sha256,
                                           const fs::path& project_directory)
    : PluginError(file, "",
                  fmt::format("not trusted (SHA-256 {}): refused before loading, none of its code "
                              "ran. Check where the file comes from, then approve it with {}, or "
                              "pass --allow-untrusted for one run",
                              sha256, approval_hint(file, project_directory))),
      sha256_(std::move(sha256)) {
    untrusted_ = true;
}

TrustPolicy TrustPolicy::for_study(const fs::path& study_dir, bool allow_untrusted) {
    TrustPolicy p = bundled_only();
    p.allow_untrusted = allow_untrusted;
    p.project_directory = study_dir.empty() ? fs::path(".") : study_dir;
    // project_trust_file maps an empty study_dir (a study named without a directory) to ".".
    p.list = TrustList::read(project_trust_file(study_dir));
    if (const fs::path user = user_trust_file(); !user.empty()) p.list.merge(TrustList::read(user));
    return p;
}

TrustList TrustList::read(const fs::path& file) {
    TrustList list;
    list.files_.push_back(file);
    if (const auto text = trust_file::read_text(file))
        list.entries_ = trust_file::parse(*text, file.string());
    return list;
}

void TrustList::merge(const TrustList& other) {
    for (const auto& e : other.entries_)
        if (!find(e.sha256)) entries_.push_back(e);
    files_.insert(files_.end(), other.files_.begin(), other.files_.end());
}

const TrustEntry* TrustList::find(std::string_view sha256) const noexcept {
    for (const auto& e : entries_)
        if (e.sha256 == sha256) return &e;
    return nullptr;
}

bool add_trust_entry(const fs::path& trust_file, const TrustEntry& entry) {
    using namespace trust_file;
    TrustEntry e = entry;
    e.sha256 = lowercase(e.sha256);
    if (!is_sha256(e.sha256))
        throw std::runtime_error(fmt::format("{}: cannot approve \"{}\": not a SHA-256 (64 hex "
                                             "digits)", trust_file.string(), entry.sha256));
    if (e.vendor.empty())
        throw std::runtime_error(trust_file.string() + ": cannot approve a plugin without a "
                                                       "vendor");
    const std::pair<const char*, const std::string*> fields[] = {
        {"vendor", &e.vendor}, {"name", &e.name}, {"version", &e.version}, {"file", &e.file},
        {"approved", &e.approved}};
    for (const auto& [key, value] : fields)
        if (!valid_utf8(*value))  // TOML is UTF-8 text: such a list could not be read back
            throw std::runtime_error(fmt::format("{}: cannot approve: its {} is not valid UTF-8 "
                                                 "text", trust_file.string(), key));

    // Write through a link to its target (a trust file kept with one's dotfiles), rather than
    // replace the link with a file.
    fs::path target = trust_file;
    std::error_code ec;
    if (fs::is_symlink(trust_file, ec)) {
        target = fs::canonical(trust_file, ec);
        if (ec)
            throw std::runtime_error(fmt::format("{}: is a link to a file that cannot be reached: "
                                                 "{}", trust_file.string(), ec.message()));
    }
    const std::optional<std::string> old = read_text(target);
    const std::string name = target.string();
    if (old && contains(parse(*old, name), e.sha256)) return false;  // parse: malformed throws

    std::string text = old.value_or(kNewFileHeader);
    if (!text.empty() && text.back() != '\n') text += '\n';
    if (!text.empty()) text += '\n';
    text += entry_block(e);
    // Never write what could not be read back: the new text must parse and give this entry.
    const auto entries = parse(text, name);
    if (entries.empty() || !same_fields(entries.back(), e))
        throw std::runtime_error(name + ": the new entry would not read back as written "
                                        "(nothing was written)");
    write_atomically(target, text);
    return true;
}

}  // namespace eqroi
