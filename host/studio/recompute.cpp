#include "recompute.hpp"

#include <eqroi/core/trust.hpp>

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrent>

namespace eqroi::studio {

LoadedPlugins load_plugins(const std::filesystem::path& study_directory) {
    LoadedPlugins loaded;
    loaded.study_directory = study_directory;
    TrustPolicy policy;
    try {
        policy = TrustPolicy::for_study(study_directory, false);
    } catch (const InputError& e) {
        // A broken trust list must not leave the user without the bundled models; it is shown
        // in the plugins view.
        for (const auto& d : e.diagnostics()) loaded.problems.push_back(d.to_string());
        loaded.problems.push_back("only the bundled plugins are trusted until this is fixed");
        policy = TrustPolicy::bundled_only();
    } catch (const std::exception& e) {
        loaded.problems.push_back(e.what());
        policy = TrustPolicy::bundled_only();
    }
    auto registry = std::make_shared<PluginRegistry>(std::move(policy));
    try {
        registry->load_directories(PluginRegistry::search_path({}));
    } catch (const std::exception& e) {
        loaded.problems.push_back(e.what());
    }
    loaded.registry = std::move(registry);
    return loaded;
}

std::shared_ptr<const RecomputeOutcome> compute(quint64 generation, const std::string& text,
                                                const std::filesystem::path& file,
                                                const PluginRegistry& registry) {
    auto out = std::make_shared<RecomputeOutcome>();
    out->generation = generation;
    QElapsedTimer clock;
    clock.start();
    try {
        auto study = std::make_shared<const Study>(parse_study(text, file, registry));
        out->study = study;
        const Engine engine(*study, registry);
        out->result = std::make_shared<const StudyResult>(engine.run());
    } catch (const InputError& e) {
        out->diagnostics = e.diagnostics();
    } catch (const std::exception& e) {
        // EvaluationError (a model failed at run time) and anything unexpected: no position.
        out->diagnostics.push_back(Diagnostic{SourcePos{file.string(), 0, 0}, e.what()});
    }
    out->compute_ns = clock.nsecsElapsed();
    return out;
}

Recomputer::Recomputer(QObject* parent) : QObject(parent) { since_request_.start(); }

Recomputer::~Recomputer() {
    // The worker holds its own copies (text, registry), but finishing here keeps plugin calls
    // from outliving the window that asked for them.
    for (auto* watcher : findChildren<QFutureWatcherBase*>()) watcher->waitForFinished();
}

quint64 Recomputer::request(std::string text, std::filesystem::path file) {
    ++generation_;
    since_request_.restart();
    Job job{generation_, std::move(text), std::move(file)};
    if (running_)
        pending_ = std::move(job);
    else
        start(std::move(job));
    return generation_;
}

double Recomputer::elapsed_ms() const { return since_request_.nsecsElapsed() / 1e6; }

void Recomputer::start(Job job) {
    running_ = true;
    auto* watcher = new QFutureWatcher<std::shared_ptr<const RecomputeOutcome>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        on_done(watcher->result());
    });
    auto registry = registry_;
    watcher->setFuture(QtConcurrent::run([job = std::move(job), registry] {
        if (!registry) {
            auto out = std::make_shared<RecomputeOutcome>();
            out->generation = job.generation;
            out->diagnostics.push_back(Diagnostic{{}, "no plugins loaded"});
            return std::shared_ptr<const RecomputeOutcome>(out);
        }
        return compute(job.generation, job.text, job.file, *registry);
    }));
}

void Recomputer::on_done(std::shared_ptr<const RecomputeOutcome> outcome) {
    running_ = false;
    if (pending_) {
        Job next = std::move(*pending_);
        pending_.reset();
        start(std::move(next));
    }
    if (outcome->generation == generation_) emit finished(outcome);
}

void Recomputer::wait_until_idle() {
    while (busy()) {
        for (auto* watcher : findChildren<QFutureWatcherBase*>()) watcher->waitForFinished();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
}

}  // namespace eqroi::studio
