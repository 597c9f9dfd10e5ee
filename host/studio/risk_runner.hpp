// The studio's risk run: core's run_risk (and the tornado) on a worker thread, with progress
// and cancellation, for the Risk tab. No statistics here: the outcome is core's RiskResult and
// Tornado, plus the pictures read off core's NPV summaries (charts/risk_figures.hpp).
#pragma once

#include "charts/risk_figures.hpp"

#include <eqroi/core/registry.hpp>
#include <eqroi/core/risk/analysis.hpp>
#include <eqroi/core/risk/sensitivity.hpp>
#include <eqroi/core/study.hpp>

#include <QElapsedTimer>
#include <QObject>

#include <atomic>
#include <functional>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace eqroi::studio {

/// What a run is asked to do: a validated study (with [[uncertain]] inputs), the plugins it was
/// validated against, and the trials and seed (the study's [risk] values unless the user
/// changed them). Sampling, correlation and the stop rule are the study's [risk] table's.
struct RiskRequest {
    std::shared_ptr<const Study> study;
    std::shared_ptr<const PluginRegistry> registry;
    std::uint64_t trials = 10'000;
    std::uint64_t seed = 1;
    unsigned threads = 0;  ///< 0 = every core (the figures do not depend on it)
};

/// What a run gave. Shared read-only between the worker that made it and the views.
struct RiskOutcome {
    RiskRequest request;                       ///< what was asked (keeps the study alive)
    /// Core's statistics; nullopt when the run failed (see `error`). With `cancelled` set they
    /// are over the blocks finished before Cancel (RiskResult::trials_done).
    std::optional<eqroi::risk::RiskResult> result;
    /// Core's tornado (P10/P90 of each input, the others at base); computed before the trials,
    /// so a cancelled run has it too. nullopt when it failed.
    std::optional<eqroi::risk::Tornado> tornado;
    risk_figures::NpvPictures pictures;        ///< histogram and S-curve data of `result`
    std::vector<std::string> alternative_names;  ///< the study's, file order
    std::string error;                         ///< why the run failed ("" when it did not)
    double seconds = 0;                        ///< wall time of the run on the worker
};

/// The options core gets for a request: the study's [risk] table (risk::options_from) with the
/// request's trials, seed and threads. The test's independent run builds its own.
eqroi::risk::RiskOptions risk_options(const RiskRequest& request,
                                      const std::vector<std::string>& input_names);

/// Runs one request at a time off the GUI thread (QtConcurrent). Lives on the GUI thread; its
/// signals arrive there. Destroying it cancels a run and waits for it to stop.
class RiskRunner : public QObject {
    Q_OBJECT
public:
    explicit RiskRunner(QObject* parent = nullptr);
    ~RiskRunner() override;

    /// Starts a run. False (nothing started) while one runs or when the request has no study
    /// or registry.
    bool start(RiskRequest request);
    /// Asks the run to stop after the blocks in flight: core returns the statistics of every
    /// block finished (RiskResult::cancelled). Nothing when idle.
    void cancel();
    bool running() const noexcept { return running_; }
    /// cancel() was called on the run under way.
    bool cancelling() const noexcept { return running_ && cancel_->load(); }
    /// Trials done and asked for so far in the current (or last) run.
    std::uint64_t trials_done() const noexcept { return done_; }
    std::uint64_t trials_total() const noexcept { return total_; }
    /// The last run's outcome (null before the first).
    std::shared_ptr<const RiskOutcome> outcome() const noexcept { return outcome_; }

    /// Blocks until the run in flight has finished and its outcome was delivered (tests).
    void wait_until_idle();

signals:
    /// After each block core merges: trials done so far of those asked for.
    void progressed(quint64 done, quint64 total);
    /// The run ended (complete, stopped at its target, cancelled or failed).
    void finished(std::shared_ptr<const eqroi::studio::RiskOutcome> outcome);

private:
    bool running_ = false;
    std::uint64_t done_ = 0, total_ = 0;
    /// Shared with the worker, which may outlive a cancel() call by a block or two.
    std::shared_ptr<std::atomic<bool>> cancel_;
    std::shared_ptr<const RiskOutcome> outcome_;
};

/// The run itself, synchronous (the worker's body). `progress` is called on the calling thread
/// after each merged block (may be empty); `cancel` may be null.
std::shared_ptr<const RiskOutcome> run_request(
    const RiskRequest& request, const std::atomic<bool>* cancel,
    const std::function<void(const eqroi::risk::RiskProgress&)>& progress);

}  // namespace eqroi::studio
