// The studio's Risk tab: runs core's risk analysis of the study's [[uncertain]] inputs off the
// GUI thread (RiskRunner) with a progress bar and a Cancel button, and shows the outcome: the
// NPV histogram and S-curve (P10/P50/P90 marked) per alternative, the probability that each is
// the best choice, the tornado of the inputs, and a table of core's statistics. A study without
// [[uncertain]] inputs gets a short explanation instead. Every figure is core's.
#pragma once

#include "risk_runner.hpp"

#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <QList>
#include <QString>
#include <QStringList>
#include <QWidget>

#include <cstdint>
#include <memory>
#include <optional>

QT_BEGIN_NAMESPACE
class QChartView;
class QLabel;
class QProgressBar;
class QPushButton;
class QStackedWidget;
class QTableWidget;
QT_END_NAMESPACE

namespace eqroi::studio {

class CountSpinBox;
class NpvHistogramChart;
class NpvSCurveChart;
class ProbabilityBestChart;
class TornadoChart;

/// The Risk tab. The main window gives it each new valid study (set_study); the user (or the
/// window's "Run Risk Analysis" action) starts a run. Trials and seed come from the study's
/// [risk] table and may be overridden in the spin boxes; sampling, correlations and the stop
/// rule are the table's. GUI thread only. Destroying it cancels a run and waits for it.
class RiskPanel : public QWidget {
    Q_OBJECT
public:
    explicit RiskPanel(QWidget* parent = nullptr);
    ~RiskPanel() override;

    /// The newest study of the text (null when the text has problems: `problem` says which, and
    /// the last run stays shown) and the plugins it was validated against. The spin boxes take
    /// the study's [risk] trials and seed whenever those change in the file, and keep the
    /// user's values otherwise. A shown run of another version of the study is marked as such.
    void set_study(std::shared_ptr<const Study> study,
                   std::shared_ptr<const PluginRegistry> registry, const QString& problem = {});
    /// Another file: cancels a run and forgets the shown one.
    void reset();

    /// A valid study with [[uncertain]] inputs and no run under way.
    bool can_run() const;
    /// Starts a run with the spin boxes' trials and seed. False, with the reason in status(),
    /// when can_run() is false.
    bool run();
    /// Stops the run after the blocks in flight; the statistics of the finished ones are shown.
    void cancel();
    bool running() const;

    RiskRunner* runner() const noexcept { return runner_; }
    /// The outcome the charts show (null when none).
    std::shared_ptr<const RiskOutcome> shown() const noexcept { return shown_; }
    /// True when the charts show a run of an earlier version of the study.
    bool stale() const noexcept { return stale_; }

    CountSpinBox* trials_box() const noexcept { return trials_; }
    CountSpinBox* seed_box() const noexcept { return seed_; }
    QPushButton* run_button() const noexcept { return run_button_; }
    QPushButton* cancel_button() const noexcept { return cancel_button_; }
    QProgressBar* progress_bar() const noexcept { return progress_; }
    /// "20,000 trials, Latin hypercube, seed 2027 ...", "Cancelled: statistics over N of M
    /// trials", an error...
    QLabel* status() const noexcept { return status_; }
    /// The text shown instead of the charts (no study, no [[uncertain]], not run yet).
    QLabel* explanation() const noexcept { return explanation_; }
    bool explanation_shown() const;
    /// A row per alternative: core's base, mean, sd, P10, P50, P90 of NPV, P(NPV < 0), P(best).
    QTableWidget* statistics_table() const noexcept { return table_; }

    NpvHistogramChart* histogram() const noexcept { return histogram_; }
    NpvSCurveChart* s_curve() const noexcept { return s_curve_; }
    ProbabilityBestChart* best() const noexcept { return best_; }
    TornadoChart* tornado() const noexcept { return tornado_; }
    /// The four chart views (histogram, S-curve, P(best), tornado) and their titles.
    QList<QChartView*> chart_views() const;
    QStringList chart_titles() const;

signals:
    /// can_run() or running() changed (the window's actions follow).
    void state_changed();
    /// The views show a run's outcome (complete, cancelled or failed).
    void outcome_shown();

private:
    void build();
    void on_progress(quint64 done, quint64 total);
    void on_finished(const std::shared_ptr<const RiskOutcome>& outcome);
    void show_outcome();
    /// Drops the shown run and empties the charts.
    void forget_outcome();
    void fill_table(const eqroi::risk::RiskResult& r, const QString& currency);
    void update_view();
    QString explanation_text() const;
    QString outcome_text() const;
    QString settings_text() const;

    RiskRunner* runner_ = nullptr;
    std::shared_ptr<const Study> study_;
    std::shared_ptr<const PluginRegistry> registry_;
    QString problem_;
    /// The study's [risk] trials and seed last put into the spin boxes.
    std::optional<std::pair<std::uint64_t, std::uint64_t>> study_values_;
    std::shared_ptr<const RiskOutcome> shown_;
    bool stale_ = false;
    QString failure_;  ///< the last run's error, until the next run
    bool discard_running_ = false;  ///< reset() during a run: its outcome is of another file

    CountSpinBox* trials_ = nullptr;
    CountSpinBox* seed_ = nullptr;
    QLabel* settings_ = nullptr;
    QPushButton* study_values_button_ = nullptr;
    QPushButton* run_button_ = nullptr;
    QPushButton* cancel_button_ = nullptr;
    QProgressBar* progress_ = nullptr;
    QLabel* status_ = nullptr;
    QStackedWidget* pages_ = nullptr;
    QLabel* explanation_ = nullptr;
    QTableWidget* table_ = nullptr;
    NpvHistogramChart* histogram_ = nullptr;
    NpvSCurveChart* s_curve_ = nullptr;
    ProbabilityBestChart* best_ = nullptr;
    TornadoChart* tornado_ = nullptr;
};

}  // namespace eqroi::studio
