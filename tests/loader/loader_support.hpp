// Helpers shared by the loader tests: where the fault plugins are, temporary directories and
// environment variables, evaluating a model on given inputs, whether a library is mapped, and
// the check that the good plugin still works.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/registry.hpp>

#include <gtest/gtest.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

namespace loader_test {

namespace fs = std::filesystem;

inline fs::path fault_dir() { return fs::path(EQROI_FAULT_PLUGIN_DIR); }
inline fs::path plugin(const std::string& name) { return fault_dir() / (name + ".so"); }

/// A fresh directory under the system's temp dir, removed with everything in it at the end.
class TempDir {
public:
    explicit TempDir(const std::string& name)
        : path_(fs::temp_directory_path() /
                ("eqroi_loader_" + std::to_string(getpid()) + "_" + name)) {
        fs::remove_all(path_);
        fs::create_directories(path_);
    }
    ~TempDir() {
        std::error_code ec;
        fs::remove_all(path_, ec);
    }
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const fs::path& path() const { return path_; }

private:
    fs::path path_;
};

/// Sets (or, with nullptr, unsets) an environment variable for one test; restores it after.
class ScopedEnv {
public:
    ScopedEnv(const char* name, const char* value) : name_(name) {
        if (const char* old = std::getenv(name)) old_ = old, had_ = true;
        if (value)
            setenv(name, value, 1);
        else
            unsetenv(name);
    }
    ~ScopedEnv() {
        if (had_)
            setenv(name_.c_str(), old_.c_str(), 1);
        else
            unsetenv(name_.c_str());
    }
    ScopedEnv(const ScopedEnv&) = delete;
    ScopedEnv& operator=(const ScopedEnv&) = delete;

private:
    std::string name_, old_;
    bool had_ = false;
};

inline eqroi_timing timing(uint32_t periods, uint32_t periods_per_year) {
    eqroi_timing t{};
    t.struct_size = sizeof t;
    t.periods = periods;
    t.periods_per_year = periods_per_year;
    t.start_year = 2025;
    t.start_month = 1;
    t.start_day = 1;
    return t;
}

/// Evaluates `model` on values[p][trial] (scalar parameters only) and returns the output,
/// out[(trial * lines + line) * (periods + 1) + period].
inline std::vector<double> evaluate(const eqroi::Model& model, const eqroi_timing& t,
                                    const std::vector<std::vector<double>>& values) {
    const uint32_t trials = values.empty() ? 1 : static_cast<uint32_t>(values[0].size());
    std::vector<const double*> params;
    for (const auto& v : values) params.push_back(v.data());
    std::vector<double> out(std::size_t{trials} * model.descriptor().line_count * (t.periods + 1),
                            -12345.0);  // evaluate must zero-fill; this shows it if not
    model.evaluate(t, trials, params.data(), out.data());
    return out;
}

/// /proc/self/maps: every file mapped into this process right now, one mapping per line.
inline std::string memory_map() {
    std::ifstream in("/proc/self/maps");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
}

/// True when /proc/self/maps has a mapping of `file` itself (its canonical path).
inline bool file_is_mapped(const fs::path& file) {
    std::error_code ec;
    const fs::path canonical = fs::weakly_canonical(file, ec);
    return memory_map().find(" " + (ec ? file : canonical).string() + "\n") != std::string::npos;
}

/// True when a library loaded from `file` is still mapped. The registry loads the bytes it
/// checked from a sealed memory copy labelled after the file's name, which /proc/self/maps
/// shows as "/memfd:eqroi-plugin:good.so (deleted)"; where memory files are not available,
/// from the file itself. (dlopen(file, RTLD_NOLOAD) cannot tell: the library was not opened
/// under that name.)
inline bool is_loaded(const fs::path& file) {
    const std::string label = "/memfd:eqroi-plugin:" + file.filename().string() + " (deleted)\n";
    return memory_map().find(label) != std::string::npos || file_is_mapped(file);
}

/// The host goes on working: good.so (`file`, a copy of it) loads into `registry` if not
/// already there and gives the numbers worked out by hand below.
inline void expect_good_plugin_works(eqroi::PluginRegistry& registry,
                                     const fs::path& file = plugin("good")) {
    if (!registry.find("test_good")) {
        ASSERT_NO_THROW(registry.load_file(file));
    }
    const eqroi::Model* good = registry.find("test_good");
    ASSERT_NE(good, nullptr);
    EXPECT_EQ(good->file(), file);

    // Yearly, 3 periods, two trials: hours {1000, 2000}, rate {2.5, 4}.
    // service[k] = -hours * rate: -1000 * 2.5 = -2500, -2000 * 4 = -8000;
    // saving[k] = hours * 0.1: 100, 200; period 0 stays 0 (zero-filled by the host).
    const auto out = evaluate(*good, timing(3, 1), {{1000, 2000}, {2.5, 4}});
    const std::vector<double> expected = {0, -2500, -2500, -2500, 0, 100, 100, 100,
                                          0, -8000, -8000, -8000, 0, 200, 200, 200};
    EXPECT_EQ(out, expected);

    // Monthly, 2 periods, hours 1200, rate 3: service = -1200 * 3 / 12 = -300 per month,
    // saving = 1200 * 0.1 / 12 = 10 per month.
    const auto monthly = evaluate(*good, timing(2, 12), {{1200}, {3}});
    ASSERT_EQ(monthly.size(), 6u);
    EXPECT_DOUBLE_EQ(monthly[0], 0);
    EXPECT_DOUBLE_EQ(monthly[1], -300);
    EXPECT_DOUBLE_EQ(monthly[2], -300);
    EXPECT_DOUBLE_EQ(monthly[3], 0);
    EXPECT_DOUBLE_EQ(monthly[4], 10);
    EXPECT_DOUBLE_EQ(monthly[5], 10);
}

}  // namespace loader_test
