// eqroi plugin SDK, test helper: PluginUnderTest: a plugin loaded, its descriptors checked by the host's rules, its models
// evaluated on hand-made batches.
//
// SPDX-License-Identifier: MIT
//
// Part of <eqroi/testing.hpp>, which is what a test includes; see there for the overview.
#ifndef EQROI_TESTING_PLUGIN_UNDER_TEST_HPP
#define EQROI_TESTING_PLUGIN_UNDER_TEST_HPP

#include <eqroi/ext/plugin_info.h>
#include <eqroi/testing/detail.hpp>
#include <eqroi/testing/result.hpp>
#include <eqroi/plugin.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#if !defined(_WIN32)
#include <dlfcn.h>
#include <sys/stat.h>
#endif

namespace eqroi::testing {

/// One model as the host sees it: copies of its descriptors normalised to this header's struct
/// layout (fields an older plugin lacks read as zero/NULL). The strings point into the plugin,
/// valid while the PluginUnderTest that made this lives.
struct ModelDescription {
    std::string id;
    eqroi_model descriptor{};  // params/lines point into the vectors below
    std::vector<eqroi_param_desc> params;
    std::vector<eqroi_line_desc> lines;
    const eqroi_model* raw = nullptr;  // the plugin's own, passed back to evaluate

    /// The parameter / line with this key, or nullptr.
    const eqroi_param_desc* param(std::string_view key) const noexcept {
        for (const auto& p : params)
            if (key == p.key) return &p;
        return nullptr;
    }
    const eqroi_line_desc* line(std::string_view key) const noexcept {
        for (const auto& l : lines)
            if (key == l.key) return &l;
        return nullptr;
    }
};

/// A plugin loaded for testing: its descriptors checked as the host checks them, its models
/// evaluated on hand-made batches. Not copyable (it owns the library it opened); movable.
class PluginUnderTest {
public:
    /// From an entry function linked into the test: `PluginUnderTest p(&eqroi_plugin_entry);`
    /// (declare it in the test as `extern "C" EQROI_EXPORT const eqroi_plugin*
    /// eqroi_plugin_entry(uint32_t, uint32_t);`). Calls it once, as the host does.
    explicit PluginUnderTest(eqroi_entry_fn entry) { load(entry); }

#if !defined(_WIN32)
    /// From a built plugin file, opened as the host opens it (dlopen, RTLD_NOW | RTLD_LOCAL;
    /// closed by the destructor). Link the test with ${CMAKE_DL_LIBS}. A file that cannot be
    /// used is not an exception: problems() says why, as the host would.
    explicit PluginUnderTest(const std::string& file) : file_(file) {
        if (eqroi_entry_fn entry = open(file)) load(entry);
    }
#endif

    PluginUnderTest(const PluginUnderTest&) = delete;
    PluginUnderTest& operator=(const PluginUnderTest&) = delete;
    PluginUnderTest(PluginUnderTest&&) noexcept = default;
    PluginUnderTest& operator=(PluginUnderTest&&) noexcept = default;
    ~PluginUnderTest() = default;  // members first, then the library (declared first)

    /// Everything the host would refuse this plugin for, one human message each, in the host's
    /// words ("model 'x': parameter 'y': min 5 is greater than max 1"; prefixed by the file
    /// when loaded from one). Empty: the host loads it. Unlike the host, which stops at the
    /// first, every problem found is listed.
    const std::vector<std::string>& problems() const noexcept { return problems_; }

    /// The plugin descriptor, normalised (all zero when the entry function returned NULL).
    const eqroi_plugin& plugin() const noexcept { return plugin_; }
    /// The "eqroi.plugin-info/1" extension, normalised (all NULL when the plugin lacks it).
    const eqroi_plugin_info& plugin_info() const noexcept { return info_; }
    /// Every model that could be read, in declaration order.
    const std::vector<ModelDescription>& models() const noexcept { return models_; }
    /// One model by id; throws std::out_of_range naming the ids there are.
    const ModelDescription& model(std::string_view id) const {
        for (const auto& m : models_)
            if (m.id == id) return m;
        std::vector<std::string> ids;
        for (const auto& m : models_) ids.push_back(m.id);
        throw std::out_of_range("no model '" + std::string(id) + "' in the plugin; its models: " +
                                (ids.empty() ? "(none)" : detail::join(ids)));
    }

    /// Evaluates one trial over `periods` periods (1 or 12 per year), as the host does for a
    /// deterministic run: inputs resolved and range-checked, output zero-filled, status and
    /// amounts checked. Throws std::logic_error when problems() is not empty (the host never
    /// evaluates a plugin it refused), std::out_of_range for an unknown model,
    /// std::invalid_argument for periods == 0 or periods_per_year other than 1 or 12.
    /// Everything about the inputs and the model's behaviour is in the Result.
    Result evaluate(std::string_view model_id, const Inputs& inputs, uint32_t periods,
                    uint32_t periods_per_year = 1) const {
        return evaluate_batch(model_id, std::vector<Inputs>{inputs}, periods, periods_per_year);
    }

    /// As evaluate, for several trials in one call (a Monte Carlo batch): trial t of the result
    /// is trials[t]. The model sees every trial in one eqroi_batch, as the host calls it.
    Result evaluate_batch(std::string_view model_id, const std::vector<Inputs>& trials,
                          uint32_t periods, uint32_t periods_per_year = 1) const {
        if (!problems_.empty())
            throw std::logic_error("the host refuses this plugin, so it never evaluates it:\n" +
                                   detail::join(problems_, "\n"));
        const ModelDescription& m = model(model_id);
        if (trials.empty()) throw std::invalid_argument("evaluate_batch: no trial");
        if (periods == 0) throw std::invalid_argument("evaluate: a study has at least 1 period");
        if (periods_per_year != 1 && periods_per_year != 12)
            throw std::invalid_argument("evaluate: periods_per_year is 1 (yearly) or 12 (monthly)");

        const std::size_t width = std::size_t{periods} + 1;
        const std::size_t count = trials.size();
        Result r;
        r.model_id_ = m.id;
        r.trials_ = static_cast<uint32_t>(count);
        r.periods_ = periods;
        for (const auto& l : m.lines) r.line_keys_.emplace_back(l.key);
        const std::size_t n = count * m.lines.size() * width;
        r.out_.assign(n, 0.0);

        // Structure of arrays: values[p][trial] or values[p][trial * width + period].
        std::vector<std::vector<double>> values(m.params.size());
        for (std::size_t t = 0; t < count; ++t) {
            std::vector<std::string> found;
            resolve(m, trials[t], periods, values, found);
            for (auto& text : found)
                r.input_problems_.push_back(count > 1 ? "trial " + std::to_string(t) + ": " + text
                                                      : text);
        }
        if (!r.input_problems_.empty()) {
            r.outcome_ = Outcome::inputs_refused;
            r.message_ = detail::join(r.input_problems_, "\n");
            return r;
        }
        std::vector<const double*> pointers;
        for (const auto& v : values) pointers.push_back(v.data());

        // The output between guard values, to catch writes outside it.
        constexpr std::size_t kGuard = 64;
        constexpr uint64_t kGuardBits = 0x7ff8dead0000beefull;  // a quiet NaN no model computes
        double guard = 0;
        std::memcpy(&guard, &kGuardBits, sizeof guard);
        std::vector<double> buffer(n + 2 * kGuard, guard);
        double* out = buffer.data() + kGuard;
        std::fill(out, out + n, 0.0);
        auto is_guard = [&](std::size_t at) {
            uint64_t bits = 0;
            std::memcpy(&bits, &buffer[at], sizeof bits);
            return bits == kGuardBits;
        };
        std::vector<char> error(1024, '\0');  // the host's capacity

        eqroi_timing timing{};
        timing.struct_size = sizeof(eqroi_timing);
        timing.periods = periods;
        timing.periods_per_year = periods_per_year;
        timing.start_year = 0;  // a study without start_date: no calendar
        timing.start_month = 1;
        timing.start_day = 1;
        eqroi_batch batch{};
        batch.struct_size = sizeof(eqroi_batch);
        batch.trial_count = static_cast<uint32_t>(count);
        batch.param_count = static_cast<uint32_t>(m.params.size());
        batch.line_count = static_cast<uint32_t>(m.lines.size());
        batch.params = pointers.empty() ? nullptr : pointers.data();
        batch.out = out;
        batch.error = error.data();
        batch.error_capacity = static_cast<uint32_t>(error.size());

        const std::string who = prefix(m.id);
        eqroi_status status = EQROI_STATUS_OK;
        try {
            status = m.descriptor.evaluate(m.raw, &timing, &batch);
        } catch (...) {
            r.outcome_ = Outcome::threw;
            r.message_ = who + "evaluate let a C++ exception escape the C boundary";
            return r;
        }
        std::memcpy(r.out_.data(), out, n * sizeof(double));
        for (std::size_t g = 0; g < 2 * kGuard; ++g) {
            // Nearest the array first: index -1, -2... before it, then n, n + 1... after it.
            const std::size_t at = g < kGuard ? kGuard - 1 - g : kGuard + n + (g - kGuard);
            if (!is_guard(at)) {
                const long long index = static_cast<long long>(at) - static_cast<long long>(kGuard);
                r.outcome_ = Outcome::wrote_out_of_bounds;
                r.message_ = who + "evaluate wrote outside its output array, at index " +
                             std::to_string(index) + " (out holds trial_count x line_count x " +
                             "(periods + 1) = " + std::to_string(n) + " amounts)";
                return r;
            }
        }
        error.back() = '\0';  // a careless plugin may not terminate it; the host cuts it too
        r.status_ = status;
        r.plugin_message_ = error.data();
        if (status != EQROI_STATUS_OK) {
            std::string text = r.plugin_message_;
            for (char& c : text)  // the host prints no control characters from a plugin
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
            r.outcome_ = Outcome::failed;
            r.message_ = who + "evaluate returned status " + std::to_string(status) + " (" +
                         status_name(status) + "): " + (text.empty() ? "(no message)" : text);
            return r;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(out[i])) {
                r.outcome_ = Outcome::non_finite;
                r.message_ = who + "evaluate wrote a non-finite amount (" +
                             detail::number_text(out[i]) + ") to line '" +
                             r.line_keys_[(i / width) % m.lines.size()] + "', period " +
                             std::to_string(i % width) + ", trial " +
                             std::to_string(i / (m.lines.size() * width));
                return r;
            }
        }
        return r;
    }

private:
    struct Closer {
        void operator()(void* handle) const noexcept {
#if !defined(_WIN32)
            if (handle) ::dlclose(handle);
#else
            (void)handle;
#endif
        }
    };

    static const char* status_name(eqroi_status s) noexcept {
        switch (s) {
            case EQROI_STATUS_INVALID_PARAMETER: return "invalid parameter";
            case EQROI_STATUS_EVALUATION_FAILED: return "evaluation failed";
            case EQROI_STATUS_INTERNAL_ERROR: return "internal error in the plugin";
            default: return "unknown status";
        }
    }

    // "file: model 'id': ", as the host's PluginError begins.
    std::string prefix(const std::string& model) const {
        return (file_.empty() ? "" : file_ + ": ") +
               (model.empty() ? "" : "model '" + model + "': ");
    }
    void refuse(const std::string& reason) { problems_.push_back(prefix("") + reason); }
    void refuse(const std::string& model, const std::string& reason) {
        problems_.push_back(prefix(model) + reason);
    }

#if !defined(_WIN32)
    // The host's PluginRegistry::load_file up to the entry symbol; nullptr after a problem.
    eqroi_entry_fn open(const std::string& file) {
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0) return refuse("no such file"), nullptr;
        if (!S_ISREG(st.st_mode)) return refuse("not a regular file"), nullptr;
        unsigned char magic[4] = {};
        std::size_t got = 0;
        if (std::FILE* f = std::fopen(file.c_str(), "rb")) {
            got = std::fread(magic, 1, 4, f);
            std::fclose(f);
        }
        if (got != 4 || magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L' || magic[3] != 'F')
            return refuse("not a shared library (no ELF header)"), nullptr;
        library_.reset(::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL));
        if (!library_) {
            const char* why = ::dlerror();
            refuse(std::string("cannot be loaded as a shared library: ") +
                   (why ? why : "unknown reason"));
            return nullptr;
        }
        void* symbol = ::dlsym(library_.get(), EQROI_ENTRY_SYMBOL);
        if (!symbol) {
            refuse(std::string("no entry symbol '") + EQROI_ENTRY_SYMBOL +
                   "': not an eqroi plugin (or built without EQROI_EXPORT)");
            return nullptr;
        }
        eqroi_entry_fn entry = nullptr;
        static_assert(sizeof entry == sizeof symbol, "function and object pointers differ");
        std::memcpy(&entry, &symbol, sizeof entry);  // POSIX: dlsym's result is the function
        return entry;
    }
#endif

    // The host's PluginRegistry::load_file, after dlopen: the same checks in the same order,
    // each failure recorded instead of thrown.
    void load(eqroi_entry_fn entry) {
        if (!entry) return refuse("the entry function is a null pointer");
        const eqroi_plugin* raw = nullptr;
        try {
            raw = entry(EQROI_ABI_MAJOR, EQROI_ABI_MINOR);
        } catch (...) {
            return refuse("the entry function threw a C++ exception");
        }
        if (!raw) return refuse("the entry function refused to load (returned NULL)");
        if (raw->abi_major != EQROI_ABI_MAJOR)
            return refuse("built for plugin ABI " + std::to_string(raw->abi_major) + "." +
                          std::to_string(raw->abi_minor) + "; this host supports ABI " +
                          std::to_string(EQROI_ABI_MAJOR) + ".x (up to " +
                          std::to_string(EQROI_ABI_MAJOR) + "." + std::to_string(EQROI_ABI_MINOR) +
                          ")");
        if (raw->struct_size < detail::kPluginSizeV1_0)
            return refuse("plugin struct_size " + std::to_string(raw->struct_size) +
                          " is smaller than ABI 1.0's " + std::to_string(detail::kPluginSizeV1_0));
        plugin_ = detail::copy_struct<eqroi_plugin>(raw, raw->struct_size);
        if (!plugin_.vendor || !plugin_.name || !plugin_.version)
            refuse("vendor, name or version is a null pointer");
        if (plugin_.model_count == 0 || !plugin_.models) return refuse("declares no model");
        if (plugin_.get_extension) {
            const void* ext = nullptr;
            try {
                ext = plugin_.get_extension(raw, EQROI_EXT_PLUGIN_INFO);
            } catch (...) {
                refuse("get_extension threw a C++ exception");
            }
            if (ext) {
                const auto* info = static_cast<const eqroi_plugin_info*>(ext);
                if (info->struct_size < detail::kPluginInfoSizeV1)
                    refuse(std::string("extension ") + EQROI_EXT_PLUGIN_INFO +
                           " declares struct_size " + std::to_string(info->struct_size) +
                           " (needs >= " + std::to_string(detail::kPluginInfoSizeV1) + ")");
                else
                    info_ = detail::copy_struct<eqroi_plugin_info>(info, info->struct_size);
            }
        }
        std::set<std::string> ids;
        for (uint32_t i = 0; i < plugin_.model_count; ++i) {
            ModelDescription m;
            if (!check_model(plugin_.models[i], i, m)) continue;
            if (!m.id.empty() && !ids.insert(m.id).second)
                refuse(m.id, "model id is declared twice in this plugin");
            models_.push_back(std::move(m));
        }
        for (ModelDescription& kept : models_) {  // the copies' arrays, not the plugin's
            kept.descriptor.params = kept.params.empty() ? nullptr : kept.params.data();
            kept.descriptor.lines = kept.lines.empty() ? nullptr : kept.lines.data();
        }
    }

    // The stride of a descriptor array (its first element's struct_size), checked as the host
    // checks it; 0 after recording a problem.
    template <class T>
    uint32_t array_stride(const std::string& model, const char* what, const T* array,
                          uint32_t count, uint32_t min_size) {
        const auto* base = reinterpret_cast<const unsigned char*>(array);
        uint32_t stride = 0;
        std::memcpy(&stride, base, sizeof stride);
        if (stride < min_size || stride > detail::kMaxStructSize || stride % alignof(T) != 0) {
            refuse(model, std::string(what) + " struct_size " + std::to_string(stride) +
                              " is not a valid size (ABI 1.0 needs at least " +
                              std::to_string(min_size) + ", a multiple of " +
                              std::to_string(alignof(T)) + ")");
            return 0;
        }
        for (uint32_t i = 1; i < count; ++i) {
            uint32_t size = 0;
            std::memcpy(&size, base + std::size_t{i} * stride, sizeof size);
            if (size != stride) {
                refuse(model, std::string(what) + " #" + std::to_string(i) +
                                  " declares struct_size " + std::to_string(size) +
                                  ", but #0 declares " + std::to_string(stride) +
                                  ": every element of the array must have the same size");
                return 0;
            }
        }
        return stride;
    }

    // The host's check_param: range and flag consistency of one parameter.
    void check_param(const std::string& model, const std::string& key, const eqroi_param_desc& q) {
        const std::string who = "parameter '" + key + "': ";
        using detail::number_text;
        if (!std::isfinite(q.min_value) || !std::isfinite(q.max_value) ||
            !std::isfinite(q.default_value))
            return refuse(model, who + "min, max and default must be finite");
        if (q.min_value > q.max_value)
            refuse(model, who + "min " + number_text(q.min_value) + " is greater than max " +
                              number_text(q.max_value));
        const bool has_default = !(q.flags & EQROI_PARAM_REQUIRED);
        if (has_default && (q.default_value < q.min_value || q.default_value > q.max_value))
            refuse(model, who + "default " + number_text(q.default_value) + " is outside [" +
                              number_text(q.min_value) + ", " + number_text(q.max_value) + "]");
        if ((q.flags & EQROI_PARAM_INTEGER) && has_default &&
            q.default_value != std::floor(q.default_value))
            refuse(model, who + "is an integer but its default " + number_text(q.default_value) +
                              " is not a whole number");
        if ((q.flags & EQROI_PARAM_BOOLEAN) && (q.min_value < 0 || q.max_value > 1))
            refuse(model, who + "is a boolean but its range [" + number_text(q.min_value) + ", " +
                              number_text(q.max_value) + "] is not within [0, 1]");
        if (q.flags & EQROI_PARAM_CHOICE) {
            if (!q.choices || !*q.choices)
                return refuse(model, who + "is a choice without choices");
            const auto names = detail::choice_names(q.choices);
            if (std::any_of(names.begin(), names.end(),
                            [](const std::string& s) { return s.empty(); }))
                refuse(model, who + "choices \"" + q.choices + "\" contain an empty name");
            const std::size_t count = names.size();
            if (q.min_value < 0 || q.max_value > static_cast<double>(count - 1))
                refuse(model, who + "is a choice of " + std::to_string(count) +
                                  " names, so its range must be within [0, " +
                                  std::to_string(count - 1) + "], not [" +
                                  number_text(q.min_value) + ", " + number_text(q.max_value) + "]");
        }
    }

    // The host's check_model; false when the model cannot be read at all.
    bool check_model(const eqroi_model* raw, uint32_t index, ModelDescription& d) {
        const std::string n = std::to_string(index);
        if (!raw) return refuse("model #" + n + " is a null pointer"), false;
        if (raw->struct_size < detail::kModelSizeV1_0)
            return refuse("model #" + n + " declares struct_size " +
                          std::to_string(raw->struct_size) +
                          " (ABI 1.0 needs >= " + std::to_string(detail::kModelSizeV1_0) + ")"),
                   false;
        d.raw = raw;
        d.descriptor = detail::copy_struct<eqroi_model>(raw, raw->struct_size);
        const eqroi_model& m = d.descriptor;
        if (!detail::valid_id(m.id))
            refuse(m.id ? m.id : "",
                   "model #" + n + " has an invalid id (lower_snake_case, a-z 0-9 _)");
        d.id = m.id ? m.id : "";
        const std::string& id = d.id;
        if (!m.name || !m.description) refuse(id, "name or description is a null pointer");
        if (!m.evaluate) refuse(id, "evaluate is a null pointer");

        std::set<std::string> keys;
        if (m.param_count > 0 && !m.params) {
            refuse(id, "params is a null pointer but param_count > 0");
        } else if (m.param_count > 0) {
            const uint32_t stride =
                array_stride(id, "parameter", m.params, m.param_count, detail::kParamSizeV1_0);
            const auto* base = reinterpret_cast<const unsigned char*>(m.params);
            for (uint32_t p = 0; stride > 0 && p < m.param_count; ++p) {
                const auto q =
                    detail::copy_struct<eqroi_param_desc>(base + std::size_t{p} * stride, stride);
                d.params.push_back(q);
                if (!detail::valid_id(q.key)) {
                    refuse(id, "parameter #" + std::to_string(p) + " has an invalid key");
                    continue;
                }
                if (!q.label || !q.unit || !q.help)
                    refuse(id, "parameter '" + std::string(q.key) +
                                   "': label, unit or help is a null pointer");
                if (!keys.insert(q.key).second)
                    refuse(id, "parameter key '" + std::string(q.key) + "' is declared twice");
                check_param(id, q.key, q);
            }
        }
        keys.clear();
        if (m.line_count == 0) {
            refuse(id, "declares no output line");
        } else if (!m.lines) {
            refuse(id, "lines is a null pointer");
        } else {
            const uint32_t stride =
                array_stride(id, "line", m.lines, m.line_count, detail::kLineSizeV1_0);
            const auto* base = reinterpret_cast<const unsigned char*>(m.lines);
            for (uint32_t l = 0; stride > 0 && l < m.line_count; ++l) {
                const auto q =
                    detail::copy_struct<eqroi_line_desc>(base + std::size_t{l} * stride, stride);
                d.lines.push_back(q);
                if (!detail::valid_id(q.key)) {
                    refuse(id, "line #" + std::to_string(l) + " has an invalid key");
                    continue;
                }
                const std::string key = q.key;
                if (!q.label) refuse(id, "line '" + key + "': label is a null pointer");
                if (!keys.insert(key).second)
                    refuse(id, "line key '" + key + "' is declared twice");
                if (q.category >= EQROI_CATEGORY_COUNT_V1)
                    refuse(id,
                           "line '" + key + "': unknown category " + std::to_string(q.category));
                if (q.tax_treatment >= EQROI_TAX_COUNT_V1)
                    refuse(id, "line '" + key + "': unknown tax treatment " +
                                   std::to_string(q.tax_treatment));
            }
        }
        return true;
    }

    // One element (a scalar, or one period of a series) checked as a study value: the number it
    // becomes in the batch, or nullopt-like false with a problem.
    static bool element(const eqroi_param_desc& p, Value::Kind kind, double v,
                        const std::string& name, const std::string& subject, double& result,
                        std::vector<std::string>& found) {
        using detail::number_text;
        if (p.flags & EQROI_PARAM_CHOICE) {
            const auto names = detail::choice_names(p.choices);
            if (kind == Value::Kind::name) {
                for (std::size_t i = 0; i < names.size(); ++i)
                    if (names[i] == name) return result = static_cast<double>(i), true;
                const std::string near = detail::nearest(name, names);
                found.push_back("unknown choice '" + name + "' for " + subject +
                                (near.empty() ? "; " : "; did you mean '" + near + "'? ") +
                                "choices: " + detail::join(names));
                return false;
            }
            if (kind == Value::Kind::boolean) {
                found.push_back(subject + " expects a name (one of " + detail::join(names) +
                                "), got a boolean");
                return false;
            }
            // a number: the batch form, the 0-based index (checked below as an integer)
        } else if (kind == Value::Kind::name) {
            found.push_back(subject +
                            ((p.flags & EQROI_PARAM_BOOLEAN)   ? " expects true or false"
                             : (p.flags & EQROI_PARAM_INTEGER) ? " expects an integer"
                                                               : " expects a number") +
                            ", got a string");
            return false;
        } else if (kind == Value::Kind::boolean && !(p.flags & EQROI_PARAM_BOOLEAN)) {
            found.push_back(
                subject +
                ((p.flags & EQROI_PARAM_INTEGER) ? " expects an integer" : " expects a number") +
                ", got a boolean");
            return false;
        }
        if (!std::isfinite(v)) {
            found.push_back(subject + " = " + number_text(v) + " is not a finite number");
            return false;
        }
        if ((p.flags & EQROI_PARAM_BOOLEAN) && v != 0 && v != 1) {
            found.push_back(subject + " expects true or false (1 or 0 in the batch), got " +
                            number_text(v));
            return false;
        }
        if ((p.flags & (EQROI_PARAM_INTEGER | EQROI_PARAM_CHOICE)) && v != std::floor(v)) {
            found.push_back(subject + " expects an integer, got a float (" + number_text(v) + ")");
            return false;
        }
        if (v < p.min_value || v > p.max_value) {
            found.push_back(subject + " = " + number_text(v) + " is outside " +
                            detail::range_text(p.min_value, p.max_value, p.unit));
            return false;
        }
        result = v;
        return true;
    }

    // Fills one trial's values into the structure of arrays, as the host's resolve_param and
    // study reader do; problems go to `found`.
    static void resolve(const ModelDescription& m, const Inputs& inputs, uint32_t periods,
                        std::vector<std::vector<double>>& values, std::vector<std::string>& found) {
        std::vector<std::string> keys;
        for (const auto& p : m.params) keys.emplace_back(p.key);
        for (const auto& [key, value] : inputs) {
            if (m.param(key)) continue;
            const std::string near = detail::nearest(key, keys);
            found.push_back("unknown key '" + key + "' in [alternative.models." + m.id + "]" +
                            (near.empty() ? "" : "; did you mean '" + near + "'?"));
        }
        const std::size_t width = std::size_t{periods} + 1;
        for (std::size_t i = 0; i < m.params.size(); ++i) {
            const eqroi_param_desc& p = m.params[i];
            const bool per_period = (p.flags & EQROI_PARAM_PER_PERIOD) != 0;
            const std::string subject = detail::quoted(p.key);
            const auto given = inputs.find(p.key);
            if (given == inputs.end()) {
                if (p.flags & EQROI_PARAM_REQUIRED) {
                    found.push_back("model '" + m.id + "': " + subject + " is required");
                    continue;
                }
                values[i].insert(values[i].end(), per_period ? width : 1, p.default_value);
                continue;
            }
            const Value& v = given->second;
            const char* kind_words = (p.flags & EQROI_PARAM_BOOLEAN)   ? "true/false values"
                                     : (p.flags & EQROI_PARAM_CHOICE)  ? "names"
                                     : (p.flags & EQROI_PARAM_INTEGER) ? "integers"
                                                                       : "numbers";
            if (!per_period) {
                if (v.kind() == Value::Kind::series) {
                    found.push_back(subject +
                                    ((p.flags & EQROI_PARAM_BOOLEAN) ? " expects true or false"
                                     : (p.flags & EQROI_PARAM_CHOICE)
                                         ? " expects a name (one of " +
                                               detail::join(detail::choice_names(p.choices)) + ")"
                                     : (p.flags & EQROI_PARAM_INTEGER) ? " expects an integer"
                                                                       : " expects a number") +
                                    ", got an array");
                    continue;
                }
                double x = 0;
                const double number = v.numbers().empty() ? 0.0 : v.numbers()[0];
                if (element(p, v.kind(), number, v.name(), subject, x, found))
                    values[i].push_back(x);
                continue;
            }
            const std::string span = " 0.." + std::to_string(periods);
            if (v.kind() != Value::Kind::series) {
                found.push_back(subject + " expects an array of " + kind_words +
                                ", one per period" + span + ", got " + v.type_name());
                continue;
            }
            const std::vector<double>& series = v.numbers();
            bool good = true;
            if (series.size() > width) {
                found.push_back(subject + " has " + std::to_string(series.size()) +
                                " values, more than the " + std::to_string(width) + " periods" +
                                span + " of the study");
                good = false;
            }
            std::vector<double> row;
            for (std::size_t k = 0; k < series.size(); ++k) {
                double x = 0;
                if (element(p, Value::Kind::real, series[k], "",
                            subject + "[" + std::to_string(k) + "]", x, found))
                    row.push_back(x);
                else
                    good = false;
            }
            // Missing periods are zero; the host says so when zero is not an acceptable value.
            if (good && series.size() < width && (p.min_value > 0 || p.max_value < 0)) {
                found.push_back(subject + " has " + std::to_string(series.size()) +
                                " values; periods " + std::to_string(series.size()) + ".." +
                                std::to_string(periods) + " would be 0, outside " +
                                detail::range_text(p.min_value, p.max_value, p.unit) +
                                ": give all " + std::to_string(width));
                good = false;
            }
            if (!good) continue;
            row.resize(width, 0.0);
            values[i].insert(values[i].end(), row.begin(), row.end());
        }
    }

    // Declared first, destroyed last: every pointer into the plugin dies before the library.
    std::unique_ptr<void, Closer> library_;
    std::string file_;
    std::vector<std::string> problems_;
    eqroi_plugin plugin_{};
    eqroi_plugin_info info_{};
    std::vector<ModelDescription> models_;
};


}  // namespace eqroi::testing

#endif  // EQROI_TESTING_PLUGIN_UNDER_TEST_HPP
