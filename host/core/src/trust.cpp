// Trust decisions for plugin files: SHA-256, trust lists and the policy.
#include <eqroi/core/registry.hpp>
#include <eqroi/core/trust.hpp>

#include <fmt/format.h>
#include <openssl/evp.h>

#include <cstdlib>
#include <memory>
#include <stdexcept>
#include <system_error>

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

UntrustedPluginError::UntrustedPluginError(const std::string& file, std::string sha256)
    : PluginError(file, "",
                  fmt::format("not trusted (SHA-256 {}): refused before loading, none of its code "
                              "ran. Check where the file comes from, then approve it with "
                              "`eqroi plugins trust {}` (adds it to eqroi-trust.toml beside the "
                              "study; --user for your own list), or pass --allow-untrusted for "
                              "one run",
                              sha256, file)),
      sha256_(std::move(sha256)) {}

// TODO(issue 4, helper "trust-core"): TrustList::read / merge / find, add_trust_entry,
// TrustPolicy::for_study.
const TrustEntry* TrustList::find(std::string_view sha256) const noexcept {
    for (const auto& e : entries_)
        if (e.sha256 == sha256) return &e;
    return nullptr;
}

}  // namespace eqroi
