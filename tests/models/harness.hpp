// A tiny stand-in for the host, so the bundled models can be tested without eqroi_core: it
// dlopen()s a plugin, calls its entry function, fills a batch the way the host does
// (declared defaults, values checked against the declared range, per-period values padded
// with zeros, output zero-filled) and calls evaluate.
#pragma once

#include <eqroi/plugin.h>

#include <dlfcn.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <map>
#include <stdexcept>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace models_test {

/// Plugin files of the bundled models, passed in by CMake ($<TARGET_FILE:...>).
inline const std::vector<std::pair<std::string, std::string>>& bundled_plugins() {
    static const std::vector<std::pair<std::string, std::string>> list = {
        {"maintenance", EQROI_PLUGIN_MAINTENANCE}, {"training", EQROI_PLUGIN_TRAINING},
        {"spare_parts", EQROI_PLUGIN_SPARE_PARTS}, {"downtime", EQROI_PLUGIN_DOWNTIME},
        {"operations", EQROI_PLUGIN_OPERATIONS},   {"benefits", EQROI_PLUGIN_BENEFITS},
        {"schedule", EQROI_PLUGIN_SCHEDULE},
    };
    return list;
}

/// Opens the plugin file once and keeps it open for the whole test run, because the
/// descriptors live inside the library.
inline const eqroi_plugin& load_plugin(const std::string& path) {
    static std::map<std::string, const eqroi_plugin*> loaded;
    if (auto it = loaded.find(path); it != loaded.end()) return *it->second;
    void* handle = dlopen(path.c_str(), RTLD_NOW | RTLD_LOCAL);
    if (!handle) throw std::runtime_error("dlopen " + path + ": " + dlerror());
    auto entry = reinterpret_cast<eqroi_entry_fn>(dlsym(handle, EQROI_ENTRY_SYMBOL));
    if (!entry) throw std::runtime_error(path + " has no " EQROI_ENTRY_SYMBOL);
    const eqroi_plugin* plugin = entry(EQROI_ABI_MAJOR, EQROI_ABI_MINOR);
    if (!plugin) throw std::runtime_error(path + ": entry function returned NULL");
    loaded.emplace(path, plugin);
    return *plugin;
}

inline std::string plugin_path(std::string_view model_id) {
    for (const auto& [id, path] : bundled_plugins())
        if (id == model_id) return path;
    throw std::runtime_error("no bundled plugin for model " + std::string(model_id));
}

/// The model `id` from its bundled plugin.
inline const eqroi_model& load_model(std::string_view id) {
    const eqroi_plugin& plugin = load_plugin(plugin_path(id));
    for (uint32_t i = 0; i < plugin.model_count; ++i)
        if (std::string_view(plugin.models[i]->id) == id) return *plugin.models[i];
    throw std::runtime_error("plugin does not contain model " + std::string(id));
}

/// One trial's inputs by key; anything not given takes the declared default.
struct Inputs {
    std::map<std::string, double> values;
    std::map<std::string, std::vector<double>> series;  ///< per-period parameters
};

struct Result {
    eqroi_status status = EQROI_STATUS_OK;
    std::string error;
    const eqroi_model* model = nullptr;
    uint32_t periods = 0;
    std::vector<double> out;  ///< out[(trial * line_count + line) * (periods + 1) + period]

    uint32_t line_index(std::string_view key) const {
        for (uint32_t l = 0; l < model->line_count; ++l)
            if (key == model->lines[l].key) return l;
        throw std::runtime_error("model has no line " + std::string(key));
    }
    /// Amount of line `key` at the end of period `k` (0 = purchase date) for one trial.
    double at(uint32_t trial, std::string_view key, uint32_t k) const {
        if (k > periods) throw std::out_of_range("period past the study");
        return out[(static_cast<std::size_t>(trial) * model->line_count + line_index(key)) *
                       (periods + 1) +
                   k];
    }
    double at(std::string_view key, uint32_t k) const { return at(0, key, k); }
};

inline uint32_t param_index(const eqroi_model& model, std::string_view key) {
    for (uint32_t p = 0; p < model.param_count; ++p)
        if (key == model.params[p].key) return p;
    throw std::runtime_error(std::string(model.id) + " has no parameter " + std::string(key));
}

/// Evaluates a batch of trials. Throws (failing the test) on a key the model does not have, a
/// value outside the declared range, or a non-finite output after an OK status: the checks
/// the host makes.
inline Result evaluate(const eqroi_model& model, const std::vector<Inputs>& trials,
                       uint32_t periods, uint32_t periods_per_year = 1) {
    const std::size_t n = trials.size();
    const std::size_t width = periods + 1;
    std::vector<std::vector<double>> columns(model.param_count);
    for (uint32_t p = 0; p < model.param_count; ++p) {
        const eqroi_param_desc& d = model.params[p];
        const bool per_period = (d.flags & EQROI_PARAM_PER_PERIOD) != 0;
        columns[p].assign(per_period ? n * width : n, per_period ? 0.0 : d.default_value);
        if (per_period && d.default_value != 0.0)
            throw std::runtime_error("harness pads series with 0, not the default");
    }
    for (std::size_t t = 0; t < n; ++t) {
        for (const auto& [key, value] : trials[t].values) {
            const uint32_t p = param_index(model, key);
            if (model.params[p].flags & EQROI_PARAM_PER_PERIOD)
                throw std::runtime_error(key + " is per period: give it in Inputs::series");
            columns[p][t] = value;
        }
        for (const auto& [key, values] : trials[t].series) {
            const uint32_t p = param_index(model, key);
            if (!(model.params[p].flags & EQROI_PARAM_PER_PERIOD) || values.size() > width)
                throw std::runtime_error(key + ": not per period, or longer than the study");
            for (std::size_t k = 0; k < values.size(); ++k) columns[p][t * width + k] = values[k];
        }
    }
    std::vector<const double*> params(model.param_count);
    for (uint32_t p = 0; p < model.param_count; ++p) {
        const eqroi_param_desc& d = model.params[p];
        for (double v : columns[p])
            if (!(v >= d.min_value && v <= d.max_value))
                throw std::runtime_error(std::string(d.key) + " = " + std::to_string(v) +
                                         " is outside the declared range");
        params[p] = columns[p].data();
    }

    Result r;
    r.model = &model;
    r.periods = periods;
    r.out.assign(n * model.line_count * width, 0.0);
    char error[256] = "";
    const eqroi_timing timing{sizeof(eqroi_timing), periods, periods_per_year, 2025, 1, 1};
    const eqroi_batch batch{sizeof(eqroi_batch), static_cast<uint32_t>(n), model.param_count,
                            model.line_count,    params.data(),          r.out.data(),
                            error,               sizeof error};
    r.status = model.evaluate(&model, &timing, &batch);
    r.error = error;
    if (r.status == EQROI_STATUS_OK)
        for (double v : r.out)
            if (!std::isfinite(v)) throw std::runtime_error("model left a non-finite amount");
    return r;
}

/// Amounts are compared to hand calculations to 1e-9 relative: far below a cent, far above
/// the rounding of pow and of escalation by repeated multiplication.
inline double tolerance(double expected) { return 1e-9 * std::max(1.0, std::abs(expected)); }
#define EXPECT_AMOUNT(actual, expected) \
    EXPECT_NEAR((actual), (expected), ::models_test::tolerance(expected))

/// One trial.
inline Result evaluate(const eqroi_model& model, const Inputs& inputs, uint32_t periods,
                       uint32_t periods_per_year = 1) {
    return evaluate(model, std::vector<Inputs>{inputs}, periods, periods_per_year);
}

}  // namespace models_test
