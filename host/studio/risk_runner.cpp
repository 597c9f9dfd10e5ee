#include "risk_runner.hpp"

#include <eqroi/core/engine.hpp>

#include <QCoreApplication>
#include <QFutureWatcher>
#include <QtConcurrent/QtConcurrent>

#include <exception>

namespace eqroi::studio {

eqroi::risk::RiskOptions risk_options(const RiskRequest& request,
                                      const std::vector<std::string>& input_names) {
    eqroi::risk::RiskOptions options = eqroi::risk::options_from(request.study->risk, input_names);
    options.trials = request.trials;
    options.seed = request.seed;
    options.threads = request.threads;
    return options;
}

std::shared_ptr<const RiskOutcome> run_request(
    const RiskRequest& request, const std::atomic<bool>* cancel,
    const std::function<void(const eqroi::risk::RiskProgress&)>& progress) {
    auto out = std::make_shared<RiskOutcome>();
    out->request = request;
    QElapsedTimer clock;
    clock.start();
    try {
        const Study& study = *request.study;
        for (const auto& a : study.alternatives) out->alternative_names.push_back(a.name.empty() ? a.id : a.name);
        const Engine engine(study, *request.registry);
        const eqroi::risk::InputBinding binding(engine);
        // The tornado first: a few batches, and a cancelled run still shows it.
        out->tornado = eqroi::risk::tornado(binding);
        eqroi::risk::RiskOptions options = risk_options(request, binding.names());
        options.cancel = cancel;
        options.progress = progress;
        out->result = eqroi::risk::run_risk(binding, options);
        out->pictures = risk_figures::npv_pictures(*out->result);
    } catch (const InputError& e) {
        out->error = e.diagnostics().empty() ? std::string(e.what())
                                             : e.diagnostics().front().to_string();
    } catch (const std::exception& e) {
        // EvaluationError (a model failed in a trial), a refused correlation matrix...
        out->error = e.what();
    }
    out->seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    return out;
}

RiskRunner::RiskRunner(QObject* parent)
    : QObject(parent), cancel_(std::make_shared<std::atomic<bool>>(false)) {}

RiskRunner::~RiskRunner() {
    // The worker calls plugins through the study's registry and posts progress to this object:
    // it must be over before either goes.
    cancel_->store(true);
    for (auto* watcher : findChildren<QFutureWatcherBase*>()) watcher->waitForFinished();
}

bool RiskRunner::start(RiskRequest request) {
    if (running_ || !request.study || !request.registry) return false;
    running_ = true;
    done_ = 0;
    total_ = request.trials;
    cancel_ = std::make_shared<std::atomic<bool>>(false);
    auto* watcher = new QFutureWatcher<std::shared_ptr<const RiskOutcome>>(this);
    connect(watcher, &QFutureWatcherBase::finished, this, [this, watcher] {
        watcher->deleteLater();
        running_ = false;
        outcome_ = watcher->result();
        if (outcome_->result) {
            done_ = outcome_->result->trials_done;
            total_ = outcome_->result->trials_requested;
        }
        emit finished(outcome_);
    });
    // Progress: from the worker to this object's thread, where the signal is emitted. The
    // destructor waits for the worker, so `this` outlives every call made here; calls still
    // queued when it goes are dropped with it.
    auto progress = [this](const eqroi::risk::RiskProgress& p) {
        const quint64 done = p.trials_done, total = p.trials_total;
        QMetaObject::invokeMethod(
            this,
            [this, done, total] {
                if (!running_) return;  // a late one after the outcome
                done_ = done;
                total_ = total;
                emit progressed(done, total);
            },
            Qt::QueuedConnection);
    };
    auto cancel = cancel_;
    watcher->setFuture(QtConcurrent::run([request = std::move(request), cancel, progress] {
        return run_request(request, cancel.get(), progress);
    }));
    return true;
}

void RiskRunner::cancel() {
    if (running_) cancel_->store(true);
}

void RiskRunner::wait_until_idle() {
    while (running_) {
        for (auto* watcher : findChildren<QFutureWatcherBase*>()) watcher->waitForFinished();
        QCoreApplication::processEvents(QEventLoop::AllEvents, 10);
    }
}

}  // namespace eqroi::studio
