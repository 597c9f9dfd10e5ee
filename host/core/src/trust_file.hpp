// Private to trust.cpp: the trust list file format (TOML, see trust.hpp), read with file:line:col
// diagnostics and appended to without touching what is already there.
#pragma once

#include <eqroi/core/trust.hpp>

#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eqroi::trust_file {

/// The first lines of a trust file `eqroi plugins trust` creates.
extern const char* const kNewFileHeader;

/// The file's bytes, or nullopt when it does not exist. Throws InputError (naming the file)
/// when it exists but cannot be read.
std::optional<std::string> read_text(const std::filesystem::path& file);

/// The entries of a trust file's text, in file order. Every problem (TOML syntax, unknown key
/// with the nearest valid one, missing or empty sha256/vendor, a sha256 that is not 64 hex
/// digits, a value of the wrong type) is reported at its file:line:col in one InputError.
/// sha256 comes back in lowercase.
std::vector<TrustEntry> parse(std::string_view text, const std::string& file);

/// `[[plugin]]` and its keys, each string TOML-escaped; empty optional fields are left out.
std::string entry_block(const TrustEntry& entry);

/// Writes `text` to a temporary file beside `target`, flushes it to disk and renames it over
/// `target` (keeping an existing file's permission bits), then flushes the directory. Creates
/// the directory when absent. Throws std::runtime_error naming `target`; leaves no temporary.
void write_atomically(const std::filesystem::path& target, const std::string& text);

std::string lowercase(std::string s);
/// 64 lowercase hex digits.
bool is_sha256(std::string_view s) noexcept;
/// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF): TOML
/// text must be, so a string that is not could not be written into a trust file.
bool valid_utf8(std::string_view s) noexcept;
bool contains(const std::vector<TrustEntry>& entries, std::string_view sha256) noexcept;
/// Same sha256, vendor, name, version, file and approved (the position is not compared).
bool same_fields(const TrustEntry& a, const TrustEntry& b) noexcept;

}  // namespace eqroi::trust_file
