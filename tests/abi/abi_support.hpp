// Helpers shared by the ABI proofs: where the test plugins are, a registry that loads them,
// evaluating a model on a hand-made batch, the log the test plugins write (test_log.h),
// opening a plugin ourselves to call its entry function, guard-page checks, and reading which
// compiler built a library (its ELF .comment section).
#pragma once

#include <eqroi/core/registry.hpp>
#include <eqroi/core/trust.hpp>

#include <dlfcn.h>
#include <elf.h>
#include <gtest/gtest.h>
#include <stdlib.h>
#include <unistd.h>

#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

namespace abi_test {

namespace fs = std::filesystem;

inline fs::path plugin(const std::string& name) {
    return fs::path(EQROI_ABI_PLUGIN_DIR) / (name + ".so");
}

/// The test plugins are build products, not bundled plugins: load them as the tests and
/// benchmarks do, without a trust list. The user's trust file is pointed somewhere that does
/// not exist, so nothing here can read or write the home directory whatever the policy does.
inline eqroi::PluginRegistry registry() {
    setenv("EQROI_USER_TRUST_FILE", "/nonexistent/eqroi-abi-test/trust.toml", 1);
    return eqroi::PluginRegistry{eqroi::TrustPolicy::trust_everything()};
}

inline std::size_t page_size() { return static_cast<std::size_t>(sysconf(_SC_PAGESIZE)); }

/// True when begin + size, one past the last byte of an object, is the start of a page.
inline bool ends_at_page_boundary(const void* begin, std::size_t size) {
    return (reinterpret_cast<std::uintptr_t>(begin) + size) % page_size() == 0;
}

/// `statement` dies of a segmentation fault (and not of anything else): a plain SIGSEGV, or
/// under AddressSanitizer, which catches the signal, its "SEGV on unknown address" report.
#if defined(__SANITIZE_ADDRESS__)
#define EXPECT_SEGFAULT(statement) EXPECT_DEATH(statement, "SEGV")
#else
#define EXPECT_SEGFAULT(statement) \
    EXPECT_EXIT(statement, ::testing::KilledBySignal(SIGSEGV), "")
#endif

inline eqroi_timing timing(uint32_t periods, uint32_t periods_per_year) {
    eqroi_timing t{};
    t.struct_size = sizeof t;
    t.periods = periods;
    t.periods_per_year = periods_per_year;
    t.start_year = 2026;
    t.start_month = 1;
    t.start_day = 1;
    return t;
}

/// Evaluates `model` through the host (Model::evaluate: status and finiteness checked) on
/// values[p], laid out as the batch wants them: trial_count values for a scalar parameter,
/// trial_count * (periods + 1) for a per-period one. Returns
/// out[(trial * lines + line) * (periods + 1) + period].
inline std::vector<double> evaluate(const eqroi::Model& model, const eqroi_timing& t,
                                    uint32_t trials,
                                    const std::vector<std::vector<double>>& values) {
    std::vector<const double*> params;
    for (const auto& v : values) params.push_back(v.data());
    std::vector<double> out(std::size_t{trials} * model.descriptor().line_count * (t.periods + 1),
                            -12345.0);  // Model::evaluate zero-fills; this shows it if not
    model.evaluate(t, trials, params.data(), out.data());
    return out;
}

/// One line of one trial out of an evaluate() result.
inline std::vector<double> series(const std::vector<double>& out, const eqroi::Model& model,
                                  const eqroi_timing& t, uint32_t trial, uint32_t line) {
    const std::size_t width = t.periods + 1;
    const auto first = out.begin() + static_cast<std::ptrdiff_t>(
                                         (std::size_t{trial} * model.descriptor().line_count +
                                          line) * width);
    return {first, first + static_cast<std::ptrdiff_t>(width)};
}

/// What the test plugins log through test_log.h while the host loads them: a file in a fresh
/// temporary directory, named to them by EQROI_ABI_TEST_LOG for the life of this object, after
/// which the variable is unset and the directory removed.
class TestLog {
public:
    TestLog() {
        std::string dir = (fs::temp_directory_path() / "eqroi_abi_test_XXXXXX").string();
        if (!mkdtemp(dir.data())) throw std::runtime_error("mkdtemp failed for " + dir);
        dir_ = dir;
        setenv("EQROI_ABI_TEST_LOG", (dir_ / "log.txt").c_str(), 1);
    }
    ~TestLog() {
        unsetenv("EQROI_ABI_TEST_LOG");
        std::error_code ec;
        fs::remove_all(dir_, ec);
    }
    TestLog(const TestLog&) = delete;
    TestLog& operator=(const TestLog&) = delete;

    /// Every line logged so far, in order.
    std::vector<std::string> lines() const {
        std::ifstream in(dir_ / "log.txt");
        std::vector<std::string> out;
        for (std::string line; std::getline(in, line);) out.push_back(line);
        return out;
    }

private:
    fs::path dir_;
};

/// A plugin opened by the test itself (RTLD_NOW | RTLD_LOCAL, as the host does), to call its
/// entry function directly. This is not the host's instance: the host loads a private copy of
/// the file's bytes (trust before load), so nothing is shared between the two but the code.
class OpenedLibrary {
public:
    explicit OpenedLibrary(const fs::path& file)
        : handle_(dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL)) {}
    ~OpenedLibrary() { close(); }
    OpenedLibrary(const OpenedLibrary&) = delete;
    OpenedLibrary& operator=(const OpenedLibrary&) = delete;

    bool is_open() const noexcept { return handle_ != nullptr; }
    /// The exported symbol, or nullptr.
    template <class T>
    T* symbol(const char* name) const {
        return handle_ ? reinterpret_cast<T*>(dlsym(handle_, name)) : nullptr;
    }
    void close() {
        if (handle_) dlclose(handle_);
        handle_ = nullptr;
    }

private:
    void* handle_;
};

/// The ELF .comment section of a 64-bit library: one "<compiler> version ..." string per
/// compiler that contributed an object (NULs turned into newlines); "" when there is none.
/// ADD_FAILURE on a file that is not a readable ELF64.
inline std::string elf_comment(const fs::path& file) {
    std::ifstream in(file, std::ios::binary);
    const std::vector<char> bytes{std::istreambuf_iterator<char>(in),
                                  std::istreambuf_iterator<char>()};
    Elf64_Ehdr header;
    if (bytes.size() < sizeof header || std::memcmp(bytes.data(), ELFMAG, SELFMAG) != 0 ||
        bytes[EI_CLASS] != ELFCLASS64) {
        ADD_FAILURE() << file << " is not a 64-bit ELF file";
        return {};
    }
    std::memcpy(&header, bytes.data(), sizeof header);
    auto section = [&](std::size_t i) {
        Elf64_Shdr s{};
        const std::size_t at = header.e_shoff + i * header.e_shentsize;
        if (at + sizeof s <= bytes.size()) std::memcpy(&s, bytes.data() + at, sizeof s);
        return s;
    };
    const Elf64_Shdr names = section(header.e_shstrndx);
    for (std::size_t i = 0; i < header.e_shnum; ++i) {
        const Elf64_Shdr s = section(i);
        const std::size_t name_at = names.sh_offset + s.sh_name;
        // ".comment" and its NUL, compared without reading past the file.
        if (name_at + sizeof ".comment" > bytes.size() ||
            std::memcmp(bytes.data() + name_at, ".comment", sizeof ".comment") != 0)
            continue;
        if (s.sh_offset + s.sh_size > bytes.size()) break;
        std::string text(bytes.data() + s.sh_offset, s.sh_size);
        for (char& c : text)
            if (c == '\0') c = '\n';
        return text;
    }
    return {};
}

}  // namespace abi_test
