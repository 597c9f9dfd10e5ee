// Loading plugins with Boost.DLL and checking everything they declare before anyone uses it.
#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/registry.hpp>

#include "non_finite.hpp"
#include "plugin_bytes.hpp"

#include <boost/dll/runtime_symbol_info.hpp>
#include <boost/dll/shared_library.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdlib>
#include <cstring>
#include <set>
#include <string_view>
#include <system_error>

namespace eqroi {

namespace fs = std::filesystem;

/// One loaded library and the host-side copy of its plugin descriptor.
struct PluginLibrary {
    fs::path file;
    boost::dll::shared_library lib;
    eqroi_plugin plugin{};  // normalised copy; strings point into lib
    eqroi_plugin_info info{};  // normalised copy of the extension, all NULL when absent
    PluginOrigin origin;
};

namespace detail {
struct ModelData {
    std::shared_ptr<const PluginLibrary> lib;
    const eqroi_model* raw = nullptr;  // the plugin's own, passed back to evaluate
    eqroi_model desc{};                // normalised copy, params/lines point below
    std::vector<eqroi_param_desc> params;
    std::vector<eqroi_line_desc> lines;
    std::string id;
};
}  // namespace detail

const std::string& Model::id() const noexcept { return d_->id; }
const eqroi_model& Model::descriptor() const noexcept { return d_->desc; }
const fs::path& Model::file() const noexcept { return d_->lib->file; }
const eqroi_plugin& Model::plugin() const noexcept { return d_->lib->plugin; }
const eqroi_plugin_info& Model::plugin_info() const noexcept { return d_->lib->info; }
const PluginOrigin& Model::origin() const noexcept { return d_->lib->origin; }

int Model::param_index(const std::string& key) const noexcept {
    for (std::size_t p = 0; p < d_->params.size(); ++p)
        if (key == d_->params[p].key) return static_cast<int>(p);
    return -1;
}

namespace {

const char* status_name(eqroi_status s) {
    switch (s) {
        case EQROI_STATUS_INVALID_PARAMETER: return "invalid parameter";
        case EQROI_STATUS_EVALUATION_FAILED: return "evaluation failed";
        case EQROI_STATUS_INTERNAL_ERROR: return "internal error in the plugin";
        default: return "unknown status";
    }
}

// Smallest struct sizes of ABI 1.0: a plugin may be longer (later minor), never shorter.
constexpr uint32_t kPluginSizeV1_0 = offsetof(eqroi_plugin, get_extension) + sizeof(void*);
constexpr uint32_t kModelSizeV1_0 = offsetof(eqroi_model, plugin_data) + sizeof(void*);
constexpr uint32_t kParamSizeV1_0 = offsetof(eqroi_param_desc, max_value) + sizeof(double);
constexpr uint32_t kLineSizeV1_0 = offsetof(eqroi_line_desc, label) + sizeof(void*);
constexpr uint32_t kPluginInfoSizeV1 = offsetof(eqroi_plugin_info, license) + sizeof(void*);

// Copies the first min(struct_size, sizeof(T)) bytes: never reads past what the plugin declared,
// and leaves fields an older plugin lacks zero.
template <class T>
T copy_struct(const void* src, uint32_t struct_size) {
    T out{};
    std::memcpy(&out, src, std::min<std::size_t>(struct_size, sizeof(T)));
    return out;
}

bool valid_id(const char* s) {
    if (!s || !*s) return false;
    for (const char* c = s; *c; ++c)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) return false;
    return true;
}

// `text` with every occurrence of `from` replaced by `to`.
std::string replace_all(std::string text, const std::string& from, const std::string& to) {
    if (from.empty()) return text;
    for (std::size_t at = text.find(from); at != std::string::npos;
         at = text.find(from, at + to.size()))
        text.replace(at, from.size(), to);
    return text;
}

// A string a plugin supplied, fit for a one-line message: control characters become spaces.
std::string printable(const char* s) {
    std::string out = s ? s : "";
    for (char& c : out)
        if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
    return out;
}

// Checks the struct_size of every element of a descriptor array and returns the stride to read
// it with: the first element's struct_size (plugin.h, lifecycle step 3). A later minor version
// may make the struct longer, never shorter; every element must agree, and the size must keep
// the elements aligned. The upper bound only catches garbage (an uninitialised struct_size),
// which would otherwise send the host reading far past the plugin's array.
template <class T>
uint32_t array_stride(const std::string& file, const std::string& model, const char* what,
                      const T* array, uint32_t count, uint32_t min_size) {
    constexpr uint32_t kMaxStructSize = 4096;
    const auto* base = reinterpret_cast<const unsigned char*>(array);
    uint32_t stride = 0;
    std::memcpy(&stride, base, sizeof stride);  // struct_size is the first field of each
    if (stride < min_size || stride > kMaxStructSize || stride % alignof(T) != 0)
        throw PluginError(file, model,
                          fmt::format("{} struct_size {} is not a valid size (ABI 1.0 needs at "
                                      "least {}, a multiple of {})",
                                      what, stride, min_size, alignof(T)));
    for (uint32_t i = 1; i < count; ++i) {
        uint32_t size = 0;
        std::memcpy(&size, base + std::size_t{i} * stride, sizeof size);
        if (size != stride)
            throw PluginError(file, model,
                              fmt::format("{} #{} declares struct_size {}, but #0 declares {}: "
                                          "every element of the array must have the same size",
                                          what, i, size, stride));
    }
    return stride;
}

// Range and flag consistency of one parameter (its key, label... are checked by the caller).
void check_param(const std::string& file, const std::string& model, const std::string& key,
                 const eqroi_param_desc& q) {
    auto fail = [&](const std::string& reason) {
        throw PluginError(file, model, fmt::format("parameter '{}': {}", key, reason));
    };
    if (!std::isfinite(q.min_value) || !std::isfinite(q.max_value) ||
        !std::isfinite(q.default_value))
        fail("min, max and default must be finite");
    if (q.min_value > q.max_value)
        fail(fmt::format("min {} is greater than max {}", q.min_value, q.max_value));
    const bool has_default = !(q.flags & EQROI_PARAM_REQUIRED);
    if (has_default && (q.default_value < q.min_value || q.default_value > q.max_value))
        fail(fmt::format("default {} is outside [{}, {}]", q.default_value, q.min_value,
                         q.max_value));
    if ((q.flags & EQROI_PARAM_INTEGER) && has_default &&
        q.default_value != std::floor(q.default_value))
        fail(fmt::format("is an integer but its default {} is not a whole number",
                         q.default_value));
    if ((q.flags & EQROI_PARAM_BOOLEAN) && (q.min_value < 0 || q.max_value > 1))
        fail(fmt::format("is a boolean but its range [{}, {}] is not within [0, 1]", q.min_value,
                         q.max_value));
    if (q.flags & EQROI_PARAM_CHOICE) {
        if (!q.choices || !*q.choices) fail("is a choice without choices");
        // An empty name ("a||b", "a|") is a typo in the plugin.
        const auto names = choice_names(q.choices);
        const std::size_t count = names.size();
        if (std::any_of(names.begin(), names.end(), [](const std::string& n) { return n.empty(); }))
            fail(fmt::format("choices \"{}\" contain an empty name", q.choices));
        if (q.min_value < 0 || q.max_value > static_cast<double>(count - 1))
            fail(fmt::format("is a choice of {} names, so its range must be within [0, {}], "
                             "not [{}, {}]",
                             count, count - 1, q.min_value, q.max_value));
    }
}

// Checks one model and builds its host-side copy; throws PluginError.
std::shared_ptr<detail::ModelData> check_model(const std::shared_ptr<const PluginLibrary>& lib,
                                               const eqroi_model* raw, std::size_t index) {
    const std::string file = lib->file.string();
    if (!raw) throw PluginError(file, "", fmt::format("model #{} is a null pointer", index));
    if (raw->struct_size < kModelSizeV1_0)
        throw PluginError(file, "",
                          fmt::format("model #{} declares struct_size {} (ABI 1.0 needs >= {})",
                                      index, raw->struct_size, kModelSizeV1_0));
    auto d = std::make_shared<detail::ModelData>();
    d->lib = lib;
    d->raw = raw;
    d->desc = copy_struct<eqroi_model>(raw, raw->struct_size);
    if (!valid_id(d->desc.id))
        throw PluginError(file, d->desc.id ? d->desc.id : "",
                          fmt::format("model #{} has an invalid id (lower_snake_case, a-z 0-9 _)",
                                      index));
    d->id = d->desc.id;
    const std::string& id = d->id;
    if (!d->desc.name || !d->desc.description)
        throw PluginError(file, id, "name or description is a null pointer");
    if (!d->desc.evaluate) throw PluginError(file, id, "evaluate is a null pointer");
    if (d->desc.param_count > 0 && !d->desc.params)
        throw PluginError(file, id, "params is a null pointer but param_count > 0");
    if (d->desc.line_count == 0) throw PluginError(file, id, "declares no output line");
    if (!d->desc.lines) throw PluginError(file, id, "lines is a null pointer");

    std::set<std::string> keys;
    if (d->desc.param_count > 0) {
        const uint32_t stride =
            array_stride<eqroi_param_desc>(file, id, "parameter", d->desc.params,
                                           d->desc.param_count, kParamSizeV1_0);
        const auto* base = reinterpret_cast<const unsigned char*>(d->desc.params);
        for (uint32_t p = 0; p < d->desc.param_count; ++p) {
            auto q = copy_struct<eqroi_param_desc>(base + std::size_t{p} * stride, stride);
            if (!valid_id(q.key))
                throw PluginError(file, id, fmt::format("parameter #{} has an invalid key", p));
            const std::string key = q.key;
            if (!q.label || !q.unit || !q.help)
                throw PluginError(file, id, fmt::format("parameter '{}': label, unit or help is "
                                                        "a null pointer", key));
            if (!keys.insert(key).second)
                throw PluginError(file, id,
                                  fmt::format("parameter key '{}' is declared twice", key));
            check_param(file, id, key, q);
            d->params.push_back(q);
        }
    }
    keys.clear();
    const uint32_t stride = array_stride<eqroi_line_desc>(file, id, "line", d->desc.lines,
                                                          d->desc.line_count, kLineSizeV1_0);
    const auto* base = reinterpret_cast<const unsigned char*>(d->desc.lines);
    for (uint32_t l = 0; l < d->desc.line_count; ++l) {
        auto q = copy_struct<eqroi_line_desc>(base + std::size_t{l} * stride, stride);
        if (!valid_id(q.key))
            throw PluginError(file, id, fmt::format("line #{} has an invalid key", l));
        if (!q.label)
            throw PluginError(file, id, fmt::format("line '{}': label is a null pointer", q.key));
        if (!keys.insert(q.key).second)
            throw PluginError(file, id, fmt::format("line key '{}' is declared twice", q.key));
        if (q.category >= EQROI_CATEGORY_COUNT_V1)
            throw PluginError(file, id, fmt::format("line '{}': unknown category {}", q.key,
                                                    q.category));
        if (q.tax_treatment >= EQROI_TAX_COUNT_V1)
            throw PluginError(file, id, fmt::format("line '{}': unknown tax treatment {}", q.key,
                                                    q.tax_treatment));
        d->lines.push_back(q);
    }
    d->desc.params = d->params.empty() ? nullptr : d->params.data();
    d->desc.lines = d->lines.data();
    return d;
}

}  // namespace

void Model::evaluate_unchecked(const eqroi_timing& timing, uint32_t trial_count,
                               const double* const* params, double* out) const {
    const std::size_t width = std::size_t{timing.periods} + 1;
    const std::size_t n = std::size_t{trial_count} * d_->lines.size() * width;
    std::fill(out, out + n, 0.0);
    if (trial_count == 0) return;  // the ABI promises the plugin at least one trial
    char error[1024];
    error[0] = '\0';
    eqroi_batch batch{};
    batch.struct_size = sizeof(eqroi_batch);
    batch.trial_count = trial_count;
    batch.param_count = static_cast<uint32_t>(d_->params.size());
    batch.line_count = static_cast<uint32_t>(d_->lines.size());
    batch.params = params;
    batch.out = out;
    batch.error = error;
    batch.error_capacity = sizeof error;
    eqroi_status status;
    try {
        status = d_->desc.evaluate(d_->raw, &timing, &batch);
    } catch (...) {  // a plugin not built on plugin.hpp let an exception escape
        throw EvaluationError(fmt::format("{}: model '{}': evaluate let a C++ exception escape "
                                          "the C boundary", file().string(), id()));
    }
    if (status != EQROI_STATUS_OK) {
        error[sizeof error - 1] = '\0';  // a careless plugin may not terminate it
        // The message goes to a terminal or a log line: no control characters from a plugin.
        for (char* c = error; *c; ++c)
            if (static_cast<unsigned char>(*c) < 0x20 || *c == 0x7f) *c = ' ';
        throw EvaluationError(fmt::format("{}: model '{}': evaluate returned status {} ({}): {}",
                                          file().string(), id(), status, status_name(status),
                                          *error ? error : "(no message)"));
    }
}

void Model::evaluate(const eqroi_timing& timing, uint32_t trial_count,
                     const double* const* params, double* out) const {
    evaluate_unchecked(timing, trial_count, params, out);
    const std::size_t width = std::size_t{timing.periods} + 1;
    const std::size_t n = std::size_t{trial_count} * d_->lines.size() * width;
    if (!detail::any_non_finite(out, n)) return;  // the hot path; the culprit only if needed
    for (std::size_t i = 0; i < n; ++i) {
        if (!std::isfinite(out[i])) {
            const std::size_t trial = i / (d_->lines.size() * width);
            const std::size_t line = (i / width) % d_->lines.size();
            throw EvaluationError(fmt::format(
                "{}: model '{}': evaluate wrote a non-finite amount ({}) to line '{}', period {}, "
                "trial {}",
                file().string(), id(), out[i], d_->lines[line].key, i % width, trial));
        }
    }
}

PluginRegistry::PluginRegistry() : policy_(TrustPolicy::bundled_only()) {}
PluginRegistry::PluginRegistry(TrustPolicy policy) : policy_(std::move(policy)) {}
PluginRegistry::~PluginRegistry() = default;
PluginRegistry::PluginRegistry(PluginRegistry&&) noexcept = default;
PluginRegistry& PluginRegistry::operator=(PluginRegistry&&) noexcept = default;

std::vector<fs::path> PluginRegistry::search_path(const std::vector<fs::path>& plugin_dirs) {
    std::vector<fs::path> dirs = plugin_dirs;
    if (const char* env = std::getenv("EQROI_PLUGIN_PATH")) {
        std::string s = env;
        std::size_t start = 0;
        while (start <= s.size()) {
            std::size_t end = s.find(':', start);
            if (end == std::string::npos) end = s.size();
            if (end > start) dirs.emplace_back(s.substr(start, end - start));
            start = end + 1;
        }
    }
    if (fs::path bundled = bundled_directory(); !bundled.empty()) dirs.push_back(bundled);
    return dirs;
}

fs::path PluginRegistry::bundled_directory() {
    std::error_code ec;
    const fs::path exe_dir = boost::dll::program_location(ec).parent_path();
    if (ec) return {};
    const fs::path installed = exe_dir / ".." / "lib" / "eqroi" / "plugins";
    if (fs::is_directory(installed, ec)) return fs::weakly_canonical(installed, ec);
    return exe_dir / "plugins";
}

void PluginRegistry::load_directories(const std::vector<fs::path>& dirs) {
    // The same directory can reach the search path twice (a --plugin-dir that is also the
    // bundled directory, a repeated EQROI_PLUGIN_PATH entry): reading it again would only turn
    // every plugin in it into a "model id is already provided" error against itself.
    std::set<fs::path> seen_dirs;
    // Likewise a library already loaded under another name (a symlink): dlopen hands back the
    // same handle, so it is the same plugin, not a competing one.
    std::set<fs::path> loaded_files;
    for (const auto& m : models_) {
        std::error_code ec;
        loaded_files.insert(fs::weakly_canonical(m.file(), ec));
    }
    for (const auto& dir : dirs) {
        std::error_code ec;
        const fs::file_status status = fs::status(dir, ec);
        if (!fs::exists(status)) continue;  // an absent search directory is normal
        if (!fs::is_directory(status)) {
            errors_.emplace_back(dir.string(), "", "is on the plugin search path but is not a "
                                                   "directory");
            continue;
        }
        fs::path canonical = fs::weakly_canonical(dir, ec);
        if (ec) canonical = dir;
        if (!seen_dirs.insert(canonical).second) continue;

        std::vector<fs::path> files;
        fs::directory_iterator it(dir, ec), end;
        if (ec) {
            errors_.emplace_back(dir.string(), "", "cannot list directory: " + ec.message());
            continue;
        }
        for (; !ec && it != end; it.increment(ec))
            if (it->path().extension() == ".so") files.push_back(it->path());
        if (ec) errors_.emplace_back(dir.string(), "", "cannot list directory: " + ec.message());
        std::sort(files.begin(), files.end());  // a deterministic load order, hence winner
        for (const auto& f : files) {
            std::error_code fec;
            const fs::path canonical_file = fs::weakly_canonical(f, fec);
            if (!fec && loaded_files.count(canonical_file)) continue;
            try {
                load_file(f);
                if (!fec) loaded_files.insert(canonical_file);
            } catch (const PluginError& e) {
                errors_.push_back(e);
            }
        }
    }
}

void PluginRegistry::load_file(const fs::path& path) {
    const std::string file = path.string();
    // Trust before load: dlopen runs the library's constructors, so the decision is taken on
    // the file's bytes, read once, before anything is opened as a library.
    detail::PluginBytes bytes = detail::read_plugin_file(path);
    auto lib = std::make_shared<PluginLibrary>();
    lib->file = path;  // the user's name in every message, never the /proc path loaded
    lib->origin.sha256 = sha256_hex(bytes.bytes.data(), bytes.bytes.size());
    lib->origin.trust = policy_.decide(bytes.canonical, lib->origin.sha256);
    if (!lib->origin.trust.loadable()) throw UntrustedPluginError(file, lib->origin.sha256, policy_.project_directory);

    // Then exactly those bytes are loaded, through /proc/self/fd: a file renamed over `path`
    // since it was read cannot take their place.
    {
        const detail::LoadablePath loadable = detail::loadable_path(bytes, file);
        bytes.bytes = {};  // copied where needed; a plugin can be large
        try {
            lib->lib.load(loadable.path(),
                          boost::dll::load_mode::rtld_now | boost::dll::load_mode::rtld_local);
        } catch (const std::exception& e) {
            // dlerror names what it opened: say the user's file instead.
            throw PluginError(file, "", fmt::format("cannot be loaded as a shared library: {}",
                                                    replace_all(e.what(), loadable.path(), file)));
        }
    }  // the descriptors close; the library's mappings keep what they need
    if (!lib->lib.has(EQROI_ENTRY_SYMBOL))
        throw PluginError(file, "", fmt::format("no entry symbol '{}': not an eqroi plugin "
                                                "(or built without EQROI_EXPORT)",
                                                EQROI_ENTRY_SYMBOL));
    auto entry = lib->lib.get<const eqroi_plugin*(uint32_t, uint32_t)>(EQROI_ENTRY_SYMBOL);
    const eqroi_plugin* raw = nullptr;
    try {
        raw = entry(EQROI_ABI_MAJOR, EQROI_ABI_MINOR);
    } catch (...) {  // a C++ exception must not cross the C boundary; say so rather than die
        throw PluginError(file, "", "the entry function threw a C++ exception");
    }
    if (!raw) throw PluginError(file, "", "the entry function refused to load (returned NULL)");
    if (raw->abi_major != EQROI_ABI_MAJOR)
        throw PluginError(file, "", fmt::format("built for plugin ABI {}.{}; this host supports "
                                                "ABI {}.x (up to {}.{})",
                                                raw->abi_major, raw->abi_minor, EQROI_ABI_MAJOR,
                                                EQROI_ABI_MAJOR, EQROI_ABI_MINOR));
    if (raw->struct_size < kPluginSizeV1_0)
        throw PluginError(file, "", fmt::format("plugin struct_size {} is smaller than ABI 1.0's "
                                                "{}", raw->struct_size, kPluginSizeV1_0));
    lib->plugin = copy_struct<eqroi_plugin>(raw, raw->struct_size);
    if (!lib->plugin.vendor || !lib->plugin.name || !lib->plugin.version)
        throw PluginError(file, "", "vendor, name or version is a null pointer");
    // A trust list approves bytes for a vendor: bytes approved as ACME's that now say they are
    // someone else's mean the approval was given for something else. Refused, although the
    // bytes are the approved ones (and their constructors have run: they were approved).
    if (const auto& entry = lib->origin.trust.entry;
        lib->origin.trust.status == TrustStatus::listed && entry &&
        entry->vendor != lib->plugin.vendor)
        throw PluginError(file, "", fmt::format("declares vendor \"{}\", but the trust list entry "
                                                "for its SHA-256 ({}:{}) approves vendor \"{}\": "
                                                "refused. If this is the plugin you meant to "
                                                "approve, correct the vendor there",
                                                printable(lib->plugin.vendor), entry->where.file,
                                                entry->where.line,
                                                printable(entry->vendor.c_str())));
    if (lib->plugin.model_count == 0 || !lib->plugin.models)
        throw PluginError(file, "", "declares no model");

    // Extensions: the host asks only for the ids it knows (plugin.h, get_extension).
    if (lib->plugin.get_extension) {
        const void* ext = nullptr;
        try {
            ext = lib->plugin.get_extension(raw, EQROI_EXT_PLUGIN_INFO);
        } catch (...) {
            throw PluginError(file, "", "get_extension threw a C++ exception");
        }
        if (ext) {
            const auto* info = static_cast<const eqroi_plugin_info*>(ext);
            if (info->struct_size < kPluginInfoSizeV1)
                throw PluginError(file, "", fmt::format("extension {} declares struct_size {} "
                                                        "(needs >= {})", EQROI_EXT_PLUGIN_INFO,
                                                        info->struct_size, kPluginInfoSizeV1));
            lib->info = copy_struct<eqroi_plugin_info>(info, info->struct_size);
        }
    }

    std::shared_ptr<const PluginLibrary> shared = lib;
    std::vector<Model> loaded;
    std::set<std::string> ids;
    for (uint32_t m = 0; m < lib->plugin.model_count; ++m) {
        Model model;
        model.d_ = check_model(shared, lib->plugin.models[m], m);
        if (!ids.insert(model.id()).second)
            throw PluginError(file, model.id(), "model id is declared twice in this plugin");
        if (const Model* other = find(model.id()))
            throw PluginError(file, model.id(),
                              fmt::format("model id is already provided by {}",
                                          other->file().string()));
        loaded.push_back(std::move(model));
    }
    // Only a fully valid library is kept; on any error above, `shared` unloads it.
    models_.insert(models_.end(), loaded.begin(), loaded.end());
}

const Model* PluginRegistry::find(const std::string& id) const noexcept {
    for (const auto& m : models_)
        if (m.id() == id) return &m;
    return nullptr;
}

std::vector<std::string> PluginRegistry::ids() const {
    std::vector<std::string> out;
    for (const auto& m : models_) out.push_back(m.id());
    return out;
}

std::vector<std::string> choice_names(const char* choices) {
    std::vector<std::string> names;
    if (!choices) return names;
    std::string_view rest(choices);
    while (true) {
        auto bar = rest.find('|');
        names.emplace_back(rest.substr(0, bar));
        if (bar == std::string_view::npos) break;
        rest.remove_prefix(bar + 1);
    }
    return names;
}

const char* category_name(eqroi_category c) noexcept {
    static const char* const names[] = {"other",  "maintenance", "training",    "spare_parts",
                                        "downtime", "energy",    "labor",       "consumables",
                                        "benefit", "lease"};
    return c < EQROI_CATEGORY_COUNT_V1 ? names[c] : "unknown";
}

const char* tax_treatment_name(eqroi_tax_treatment t) noexcept {
    static const char* const names[] = {"deductible", "capitalised", "not_taxed"};
    return t < EQROI_TAX_COUNT_V1 ? names[t] : "unknown";
}

}  // namespace eqroi
