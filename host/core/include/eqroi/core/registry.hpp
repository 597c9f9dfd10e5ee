// Loading cost-model plugins (Boost.DLL) and validating what they declare.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/trust.hpp>
#include <eqroi/ext/plugin_info.h>
#include <eqroi/plugin.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace eqroi {

namespace detail {
struct ModelData;
}

/// Where a loaded library came from and why it was allowed to load.
struct PluginOrigin {
    std::string sha256;  ///< of the bytes that were loaded
    TrustDecision trust;
};

/// A validated model of a loaded plugin. Cheap to copy; keeps its library loaded as long as
/// any copy lives.
///
/// descriptor(), plugin() and the descriptor arrays are host-side copies normalised to this
/// host's struct layout (fields a shorter, older plugin struct lacks read as zero), so
/// `descriptor().params[p]` is safe whatever struct_size the plugin compiled with. Their strings
/// point into the plugin and stay valid as long as this handle lives.
class Model {
public:
    const std::string& id() const noexcept;
    const eqroi_model& descriptor() const noexcept;
    const eqroi_param_desc& param(std::size_t p) const noexcept { return descriptor().params[p]; }
    const eqroi_line_desc& line(std::size_t l) const noexcept { return descriptor().lines[l]; }
    const std::filesystem::path& file() const noexcept;
    const eqroi_plugin& plugin() const noexcept;
    /// The "eqroi.plugin-info/1" extension, normalised (all NULL when the plugin lacks it).
    const eqroi_plugin_info& plugin_info() const noexcept;
    const PluginOrigin& origin() const noexcept;

    /// Parameter index by key, or -1.
    int param_index(const std::string& key) const noexcept;

    /// Calls evaluate on one batch and checks the result: a status other than OK, or any
    /// non-finite amount, throws EvaluationError naming the file, the model and the reason.
    /// `out` must hold trial_count * line_count * (periods + 1) doubles; it is zero-filled here.
    void evaluate(const eqroi_timing& timing, uint32_t trial_count,
                  const double* const* params, double* out) const;

    /// evaluate() without the scan of `out` for non-finite amounts (a bad status still
    /// throws). For a caller that adds every amount into sums it checks itself, far fewer
    /// numbers than the lines: a NaN or an infinity survives addition (NaN + x, inf - inf are
    /// NaN), so a finite sum proves every amount finite. When a sum is not finite the caller
    /// runs the same batch through evaluate() to name the line (a trial's amounts depend only
    /// on its parameters: plugin.h, eqroi_evaluate_fn). The engine's batch loop is the one user.
    void evaluate_unchecked(const eqroi_timing& timing, uint32_t trial_count,
                            const double* const* params, double* out) const;

private:
    friend class PluginRegistry;
    std::shared_ptr<const detail::ModelData> d_;
};

/// All models found on the plugin search path. Not thread-safe for loading; a loaded
/// registry may be read and its models evaluated from any thread.
class PluginRegistry {
public:
    /// Trusts only the bundled plugins' directory (TrustPolicy::bundled_only()).
    PluginRegistry();
    explicit PluginRegistry(TrustPolicy policy);
    ~PluginRegistry();
    PluginRegistry(PluginRegistry&&) noexcept;
    PluginRegistry& operator=(PluginRegistry&&) noexcept;

    /// Search order: the given directories (`--plugin-dir`, in order), then every directory of
    /// the EQROI_PLUGIN_PATH environment variable (':'-separated), then the bundled directory
    /// next to the executable (`<exe dir>/../lib/eqroi/plugins`, else `<exe dir>/plugins`).
    /// The first plugin that declares a model id wins; a later duplicate is an error.
    static std::vector<std::filesystem::path> search_path(
        const std::vector<std::filesystem::path>& plugin_dirs);
    /// The bundled plugins' directory: `<exe dir>/../lib/eqroi/plugins` when it exists, else
    /// `<exe dir>/plugins` (canonical when it exists).
    static std::filesystem::path bundled_directory();

    const TrustPolicy& policy() const noexcept { return policy_; }

    /// Loads every shared library (*.so) in each directory. A library that fails is recorded
    /// in errors() and skipped; the others keep working.
    void load_directories(const std::vector<std::filesystem::path>& dirs);

    /// Loads one library; throws PluginError (file, model, reason) when it cannot be used.
    /// On error nothing of the library is kept. The file is opened once and hashed, the policy
    /// decides, and only then are the same bytes loaded (through /proc/self/fd): an untrusted
    /// file throws UntrustedPluginError and none of its code runs.
    void load_file(const std::filesystem::path& file);

    /// Every loaded model, in load order.
    const std::vector<Model>& models() const noexcept { return models_; }
    /// The model with this id, or nullptr. The pointer is invalidated by the next load; copy
    /// the Model (cheap) to keep it.
    const Model* find(const std::string& id) const noexcept;
    /// Ids of every loaded model (for "unknown model, available: ..." messages).
    std::vector<std::string> ids() const;
    /// Problems met by load_directories.
    const std::vector<PluginError>& errors() const noexcept { return errors_; }

private:
    TrustPolicy policy_;
    std::vector<Model> models_;
    std::vector<PluginError> errors_;
};

/// The names of a choice parameter, in index order: "lost_output|overtime" ->
/// {"lost_output", "overtime"}; empty for NULL.
std::vector<std::string> choice_names(const char* choices);

/// Human name of a category / tax treatment ("maintenance", "deductible").
const char* category_name(eqroi_category c) noexcept;
const char* tax_treatment_name(eqroi_tax_treatment t) noexcept;

}  // namespace eqroi
