// Helpers shared by the loader tests: where the fault plugins are, evaluating a model on given
// inputs, and the check that the good plugin still works.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/registry.hpp>

#include <dlfcn.h>
#include <gtest/gtest.h>

#include <filesystem>
#include <string>
#include <vector>

namespace loader_test {

namespace fs = std::filesystem;

inline fs::path fault_dir() { return fs::path(EQROI_FAULT_PLUGIN_DIR); }
inline fs::path plugin(const std::string& name) { return fault_dir() / (name + ".so"); }

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

/// True when the dynamic linker still has `file` mapped (RTLD_NOLOAD opens nothing new).
inline bool is_loaded(const fs::path& file) {
    void* handle = dlopen(file.c_str(), RTLD_NOW | RTLD_NOLOAD);
    if (!handle) return false;
    dlclose(handle);  // NOLOAD still took a reference
    return true;
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
