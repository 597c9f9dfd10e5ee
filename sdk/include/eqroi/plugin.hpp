// eqroi plugin SDK: header-only C++ layer over plugin.h.
//
// SPDX-License-Identifier: MIT
//
// A vendor writes one class per model and one macro per library:
//
//     #include <eqroi/plugin.hpp>
//
//     class Coolant final : public eqroi::sdk::Model {
//     public:
//         enum Param : uint32_t { litres_per_hour, price_per_litre, hours };
//         enum Line : uint32_t { coolant };
//         eqroi::sdk::ModelSpec describe() const override {
//             eqroi::sdk::ModelSpec spec("acme_coolant", "Coolant", "Coolant bought each year.");
//             spec.number("litres_per_hour", "Coolant use", "l/h", 0.5, 0, 100, "From the datasheet.");
//             spec.number("price_per_litre", "Coolant price", "currency/l", 3, 0, 1000, "Supplier quote.");
//             spec.number("operating_hours_per_year", "Operating hours", "h/yr", 4000, 0, 8760,
//                         "Spindle hours per year.");
//             spec.line("coolant", "Coolant", EQROI_CATEGORY_CONSUMABLES, EQROI_TAX_DEDUCTIBLE);
//             return spec;
//         }
//         void evaluate(const eqroi::sdk::Batch& batch) const override {
//             for (uint32_t t = 0; t < batch.trials(); ++t) {
//                 double* out = batch.out(t, coolant);
//                 double yearly = batch.value(litres_per_hour, t) * batch.value(price_per_litre, t)
//                               * batch.value(hours, t);
//                 for (uint32_t k = 1; k <= batch.periods(); ++k)
//                     out[k] = -yearly * batch.period_years();
//             }
//         }
//     };
//
//     EQROI_PLUGIN("ACME", "ACME consumables", "1.0.0", Coolant)
//
// The layer owns every descriptor (built once, on the first call of the entry function, and
// kept until the library is unloaded), catches every exception at the boundary and turns it
// into a status and message, so nothing C++ crosses into the host.
//
// Threading: evaluate() is const and is called concurrently on different batches; keep no
// mutable state in the model object.
#ifndef EQROI_PLUGIN_HPP
#define EQROI_PLUGIN_HPP

#include <eqroi/ext/plugin_info.h>
#include <eqroi/plugin.h>

#include <cstdint>
#include <cstring>
#include <exception>
#include <memory>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

namespace eqroi::sdk {

/// Throw from evaluate() to report a problem with a status other than INTERNAL_ERROR.
class Error : public std::runtime_error {
public:
    Error(eqroi_status status, const std::string& message)
        : std::runtime_error(message), status_(status) {}
    eqroi_status status() const noexcept { return status_; }

private:
    eqroi_status status_;
};

/// A parameter value the model cannot work with.
inline Error invalid_parameter(const std::string& message) {
    return Error(EQROI_STATUS_INVALID_PARAMETER, message);
}

/// What a model declares about itself. Built by describe(); the layer copies it into the
/// C descriptors, so it may be a temporary.
class ModelSpec {
public:
    struct Param {
        std::string key, label, unit, help, choices;
        double default_value = 0, min_value = 0, max_value = 0;
        uint32_t flags = 0;
    };
    struct Line {
        std::string key, label;
        eqroi_category category = EQROI_CATEGORY_OTHER;
        eqroi_tax_treatment tax = EQROI_TAX_DEDUCTIBLE;
        std::string help;  // ABI 1.1; empty = none
    };

    ModelSpec(std::string id, std::string name, std::string description)
        : id(std::move(id)), name(std::move(name)), description(std::move(description)) {}

    /// A real number in [min, max] with a default.
    ModelSpec& number(std::string key, std::string label, std::string unit, double def,
                      double min, double max, std::string help, uint32_t flags = 0) {
        params.push_back({std::move(key), std::move(label), std::move(unit), std::move(help), "",
                          def, min, max, flags});
        return *this;
    }
    /// A whole number in [min, max].
    ModelSpec& integer(std::string key, std::string label, std::string unit, double def,
                       double min, double max, std::string help) {
        return number(std::move(key), std::move(label), std::move(unit), def, min, max,
                      std::move(help), EQROI_PARAM_INTEGER);
    }
    /// A number the study must give (no default).
    ModelSpec& required(std::string key, std::string label, std::string unit, double min,
                        double max, std::string help) {
        return number(std::move(key), std::move(label), std::move(unit), min, min, max,
                      std::move(help), EQROI_PARAM_REQUIRED);
    }
    /// true/false; 1.0 or 0.0 in the batch.
    ModelSpec& boolean(std::string key, std::string label, bool def, std::string help) {
        return number(std::move(key), std::move(label), "", def ? 1.0 : 0.0, 0, 1, std::move(help),
                      EQROI_PARAM_BOOLEAN | EQROI_PARAM_INTEGER);
    }
    /// One of several names ("a|b|c"); the batch holds the index. def is an index.
    ModelSpec& choice(std::string key, std::string label, std::string choices, uint32_t def,
                      std::string help) {
        std::size_t n = 1;
        for (char c : choices) n += (c == '|');
        number(std::move(key), std::move(label), "", def, 0, static_cast<double>(n - 1),
               std::move(help), EQROI_PARAM_CHOICE | EQROI_PARAM_INTEGER);
        params.back().choices = std::move(choices);
        return *this;
    }
    /// One value per period 0..N (an array in the study); def/min/max apply to each element.
    ModelSpec& series(std::string key, std::string label, std::string unit, double def,
                      double min, double max, std::string help) {
        return number(std::move(key), std::move(label), std::move(unit), def, min, max,
                      std::move(help), EQROI_PARAM_PER_PERIOD);
    }
    /// An output line. `help` (ABI 1.1, optional) says what the line holds and how it is
    /// worked out; reports and the studio show it.
    ModelSpec& line(std::string key, std::string label, eqroi_category category,
                    eqroi_tax_treatment tax, std::string help = {}) {
        lines.push_back({std::move(key), std::move(label), category, tax, std::move(help)});
        return *this;
    }

    std::string id, name, description;
    std::vector<Param> params;
    std::vector<Line> lines;
};

/// Read access to one batch's inputs and write access to its outputs. Valid only inside
/// evaluate(); indices are the declaration order of ModelSpec params and lines.
class Batch {
public:
    Batch(const eqroi_timing& timing, const eqroi_batch& batch) : timing_(timing), batch_(batch) {}

    uint32_t trials() const noexcept { return batch_.trial_count; }
    /// N: series run from index 0 (purchase) to N inclusive.
    uint32_t periods() const noexcept { return timing_.periods; }
    uint32_t periods_per_year() const noexcept { return timing_.periods_per_year; }
    /// Length of one period in years (1 or 1/12).
    double period_years() const noexcept { return 1.0 / timing_.periods_per_year; }
    const eqroi_timing& timing() const noexcept { return timing_; }

    /// Scalar parameter p of trial t.
    double value(uint32_t p, uint32_t t) const noexcept { return batch_.params[p][t]; }
    /// Per-period parameter p of trial t: periods() + 1 values.
    const double* series(uint32_t p, uint32_t t) const noexcept {
        return batch_.params[p] + static_cast<std::size_t>(t) * (timing_.periods + 1);
    }
    /// Output series of line l for trial t: periods() + 1 values, zero on entry.
    double* out(uint32_t t, uint32_t l) const noexcept {
        return batch_.out +
               (static_cast<std::size_t>(t) * batch_.line_count + l) * (timing_.periods + 1);
    }

private:
    const eqroi_timing& timing_;
    const eqroi_batch& batch_;
};

/// Base class of a model. One instance per library, shared by every thread.
class Model {
public:
    virtual ~Model() = default;
    virtual ModelSpec describe() const = 0;
    /// Fill batch.out for every trial; throw Error (or anything) to fail the batch.
    virtual void evaluate(const Batch& batch) const = 0;
};

namespace detail {

inline void write_error(const eqroi_batch* b, const char* message) noexcept {
    if (!b || !b->error || b->error_capacity == 0) return;
    std::size_t n = std::strlen(message);
    if (n >= b->error_capacity) {
        n = b->error_capacity - 1;
        // Cut before a UTF-8 continuation byte (10xxxxxx), never inside a character.
        while (n > 0 && (static_cast<unsigned char>(message[n]) & 0xC0u) == 0x80u) --n;
    }
    std::memcpy(b->error, message, n);
    b->error[n] = '\0';
}

inline eqroi_status evaluate_trampoline(const eqroi_model* m, const eqroi_timing* t,
                                        const eqroi_batch* b) noexcept {
    try {
        if (!m || !t || !b) return EQROI_STATUS_INTERNAL_ERROR;
        static_cast<const Model*>(m->plugin_data)->evaluate(Batch(*t, *b));
        return EQROI_STATUS_OK;
    } catch (const Error& e) {
        write_error(b, e.what());
        // A throw is a failure even if its status says OK: the output is incomplete.
        return e.status() != EQROI_STATUS_OK ? e.status() : EQROI_STATUS_INTERNAL_ERROR;
    } catch (const std::exception& e) {
        write_error(b, e.what());
        return EQROI_STATUS_INTERNAL_ERROR;
    } catch (...) {
        write_error(b, "unknown C++ exception inside the model");
        return EQROI_STATUS_INTERNAL_ERROR;
    }
}

/// Everything the C descriptors point into; lives until the library is unloaded.
struct Store {
    struct Entry {
        std::unique_ptr<Model> model;
        ModelSpec spec{"", "", ""};
        std::vector<eqroi_param_desc> params;
        std::vector<eqroi_line_desc> lines;
        eqroi_model desc{};
    };
    std::string vendor, name, version;
    std::string homepage, support, license;  // eqroi.plugin-info/1, when any is given
    eqroi_plugin_info info{};
    std::vector<std::unique_ptr<Entry>> entries;
    std::vector<const eqroi_model*> models;
    eqroi_plugin plugin{};

    void add(std::unique_ptr<Model> model) {
        auto e = std::make_unique<Entry>();
        e->spec = model->describe();
        e->model = std::move(model);
        for (const auto& p : e->spec.params) {
            eqroi_param_desc d{};
            d.struct_size = sizeof(eqroi_param_desc);
            d.flags = p.flags;
            d.key = p.key.c_str();
            d.label = p.label.c_str();
            d.unit = p.unit.c_str();
            d.help = p.help.c_str();
            d.choices = p.choices.empty() ? nullptr : p.choices.c_str();
            d.default_value = p.default_value;
            d.min_value = p.min_value;
            d.max_value = p.max_value;
            e->params.push_back(d);
        }
        for (const auto& l : e->spec.lines) {
            eqroi_line_desc d{};
            d.struct_size = sizeof(eqroi_line_desc);
            d.category = l.category;
            d.tax_treatment = l.tax;
            d.key = l.key.c_str();
            d.label = l.label.c_str();
            d.help = l.help.empty() ? nullptr : l.help.c_str();
            e->lines.push_back(d);
        }
        eqroi_model& m = e->desc;
        m.struct_size = sizeof(eqroi_model);
        m.param_count = static_cast<uint32_t>(e->params.size());
        m.line_count = static_cast<uint32_t>(e->lines.size());
        m.id = e->spec.id.c_str();
        m.name = e->spec.name.c_str();
        m.description = e->spec.description.c_str();
        m.params = e->params.empty() ? nullptr : e->params.data();
        m.lines = e->lines.empty() ? nullptr : e->lines.data();
        m.evaluate = &evaluate_trampoline;
        m.plugin_data = e->model.get();
        entries.push_back(std::move(e));
    }

    void finish() {
        for (const auto& e : entries) models.push_back(&e->desc);
        plugin.abi_major = EQROI_ABI_MAJOR;
        plugin.abi_minor = EQROI_ABI_MINOR;
        plugin.struct_size = sizeof(eqroi_plugin);
        plugin.model_count = static_cast<uint32_t>(models.size());
        plugin.vendor = vendor.c_str();
        plugin.name = name.c_str();
        plugin.version = version.c_str();
        plugin.models = models.data();
        const bool has_info = !homepage.empty() || !support.empty() || !license.empty();
        if (has_info) {
            info.struct_size = sizeof(eqroi_plugin_info);
            info.homepage = homepage.empty() ? nullptr : homepage.c_str();
            info.support = support.empty() ? nullptr : support.c_str();
            info.license = license.empty() ? nullptr : license.c_str();
            info_slot() = &info;
        }
        plugin.get_extension = has_info ? &get_extension : nullptr;
    }

    // One plugin per library (EQROI_PLUGIN is used once), and the library's symbols are
    // hidden, so one slot per library is enough for get_extension to find its data.
    static const eqroi_plugin_info*& info_slot() noexcept {
        static const eqroi_plugin_info* slot = nullptr;
        return slot;
    }
    static const void* get_extension(const eqroi_plugin*, const char* id) noexcept {
        if (id && std::strcmp(id, EQROI_EXT_PLUGIN_INFO) == 0) return info_slot();
        return nullptr;  // an id this layer does not implement
    }
};

/// Optional "eqroi.plugin-info/1" strings; empty ones are not reported.
struct Info {
    const char* homepage = "";
    const char* support = "";
    const char* license = "";
};

template <class... Models>
const eqroi_plugin* entry(const char* vendor, const char* name, const char* version,
                          const Info& extra, uint32_t host_major,
                          uint32_t /*host_minor*/) noexcept {
    if (host_major != EQROI_ABI_MAJOR) return nullptr;
    try {
        // Built once, thread-safely (C++11 magic statics), on the first call.
        // Destroyed when the library is unloaded, after the host's last call.
        static const std::unique_ptr<Store> store = [&] {
            auto s = std::make_unique<Store>();
            s->vendor = vendor;
            s->name = name;
            s->version = version;
            s->homepage = extra.homepage ? extra.homepage : "";
            s->support = extra.support ? extra.support : "";
            s->license = extra.license ? extra.license : "";
            (s->add(std::make_unique<Models>()), ...);
            s->finish();
            return s;
        }();
        return &store->plugin;
    } catch (...) {
        return nullptr;
    }
}

}  // namespace detail
}  // namespace eqroi::sdk

/// Defines the library's entry symbol for the listed model classes (each default-constructible
/// and derived from eqroi::sdk::Model). Use once per shared library.
#define EQROI_PLUGIN(vendor, name, version, ...)                                                \
    extern "C" EQROI_EXPORT const eqroi_plugin* eqroi_plugin_entry(uint32_t host_abi_major,     \
                                                                   uint32_t host_abi_minor) {   \
        return ::eqroi::sdk::detail::entry<__VA_ARGS__>(vendor, name, version,                  \
                                                        ::eqroi::sdk::detail::Info{},           \
                                                        host_abi_major, host_abi_minor);        \
    }

/// As EQROI_PLUGIN, and answers the "eqroi.plugin-info/1" extension (eqroi/ext/plugin_info.h)
/// with a homepage, a support contact and a licence, which users see before trusting the file:
///
///     EQROI_PLUGIN_WITH_INFO("ACME", "ACME consumables", "1.2.0", "https://acme.example/eqroi",
///                            "service@acme.example", "MIT", Coolant)
#define EQROI_PLUGIN_WITH_INFO(vendor, name, version, homepage, support, license, ...)          \
    extern "C" EQROI_EXPORT const eqroi_plugin* eqroi_plugin_entry(uint32_t host_abi_major,     \
                                                                   uint32_t host_abi_minor) {   \
        return ::eqroi::sdk::detail::entry<__VA_ARGS__>(                                        \
            vendor, name, version, ::eqroi::sdk::detail::Info{homepage, support, license},      \
            host_abi_major, host_abi_minor);                                                    \
    }

#endif  // EQROI_PLUGIN_HPP
