// Live results: each edit's text is parsed and evaluated by host/core off the GUI thread; only
// the newest text's outcome reaches the views.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <QElapsedTimer>
#include <QObject>
#include <QStringList>

#include <filesystem>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace eqroi::studio {

/// The plugins a study may use: the registry under the trust policy of the study's directory
/// (bundled plugins, the project's eqroi-trust.toml, the user's list), with what went wrong.
struct LoadedPlugins {
    std::shared_ptr<const PluginRegistry> registry;  ///< never null
    std::filesystem::path study_directory;
    /// Problems outside the registry's own errors(): a malformed trust list (the registry then
    /// trusts only the bundled plugins).
    std::vector<std::string> problems;
};

/// Loads every plugin on the search path (EQROI_PLUGIN_PATH, then the bundled directory) under
/// TrustPolicy::for_study(study_directory, false). Never throws: failures are in `problems`
/// and in registry->errors().
LoadedPlugins load_plugins(const std::filesystem::path& study_directory);

/// What one recompute found. Shared read-only between the worker that made it and the views.
struct RecomputeOutcome {
    quint64 generation = 0;
    /// The study, when the text is a valid study (else null).
    std::shared_ptr<const Study> study;
    /// The engine's result, when the study is valid and evaluation succeeded (else null).
    std::shared_ptr<const StudyResult> result;
    /// InputError's diagnostics (file:line:col), or one without position for an evaluation
    /// error. Empty when `result` is set.
    std::vector<Diagnostic> diagnostics;
    qint64 compute_ns = 0;  ///< parse + engine time on the worker
};

/// Runs parse_study + Engine::run on a worker thread (QtConcurrent), one at a time: a request
/// made while one runs waits, and a newer request replaces a waiting one, so the views get the
/// newest text's outcome and never a stale one. Lives on the GUI thread.
class Recomputer : public QObject {
    Q_OBJECT
public:
    explicit Recomputer(QObject* parent = nullptr);
    ~Recomputer() override;  ///< waits for a running computation

    void set_plugins(std::shared_ptr<const PluginRegistry> registry) {
        registry_ = std::move(registry);
    }
    /// Queues the text of an edit; returns its generation. The clock for elapsed_ms() starts now.
    quint64 request(std::string text, std::filesystem::path file);
    quint64 latest_generation() const noexcept { return generation_; }
    bool busy() const noexcept { return running_ || pending_.has_value(); }
    /// Milliseconds since the newest request (the edit): the window reads it once the views show
    /// the outcome, for "recomputed in 7 ms".
    double elapsed_ms() const;

    /// Blocks until the computation in flight and any waiting one are done and delivered
    /// (tests; the window never waits).
    void wait_until_idle();

signals:
    /// The outcome of the newest request, on the GUI thread.
    void finished(std::shared_ptr<const eqroi::studio::RecomputeOutcome> outcome);

private:
    struct Job {
        quint64 generation;
        std::string text;
        std::filesystem::path file;
    };
    void start(Job job);
    void on_done(std::shared_ptr<const RecomputeOutcome> outcome);

    std::shared_ptr<const PluginRegistry> registry_;
    quint64 generation_ = 0;
    bool running_ = false;
    std::optional<Job> pending_;
    QElapsedTimer since_request_;
};

/// The computation itself, synchronous (the worker's body; the tests' independent check uses
/// parse_study and Engine directly instead).
std::shared_ptr<const RecomputeOutcome> compute(quint64 generation, const std::string& text,
                                                const std::filesystem::path& file,
                                                const PluginRegistry& registry);

}  // namespace eqroi::studio
