#include "risk_panel.hpp"

#include "charts/result_figures.hpp"
#include "charts/risk_bar_charts.hpp"
#include "charts/risk_distribution_charts.hpp"
#include "count_spin_box.hpp"

#include <QGridLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QProgressBar>
#include <QPushButton>
#include <QSplitter>
#include <QStackedWidget>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace eqroi::studio {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

/// The trials and seed a study's [risk] table gives (core's defaults where it is silent).
std::pair<std::uint64_t, std::uint64_t> study_values(const Study& study) {
    const eqroi::risk::RiskOptions defaults;
    return {study.risk.trials.value_or(defaults.trials), study.risk.seed.value_or(defaults.seed)};
}

/// Core's largest trial count (risk::RiskSettings: 1 .. 10^10).
constexpr std::uint64_t kMaxTrials = 10'000'000'000ULL;
/// Core's block: the run's granularity, so the spin box steps by it.
constexpr std::uint64_t kBlock = 10'000;

enum Column { kName, kBase, kMean, kSd, kP10, kP50, kP90, kLoss, kBest, kColumns };

}  // namespace

RiskPanel::RiskPanel(QWidget* parent) : QWidget(parent), runner_(new RiskRunner(this)) {
    build();
    connect(runner_, &RiskRunner::progressed, this, &RiskPanel::on_progress);
    connect(runner_, &RiskRunner::finished, this, &RiskPanel::on_finished);
    update_view();
}

RiskPanel::~RiskPanel() {
    // The runner (a child) cancels and waits in its destructor; its finished signal must not
    // reach views that are going.
    runner_->disconnect(this);
}

void RiskPanel::build() {
    trials_ = new CountSpinBox;
    trials_->setObjectName(QStringLiteral("risk_trials"));
    trials_->set_range(1, kMaxTrials);
    trials_->set_single_step(kBlock);
    trials_->set_value(eqroi::risk::RiskOptions{}.trials);
    trials_->setToolTip(tr("Number of trials (the study's [risk] trials unless you change it)"));
    trials_->setMinimumWidth(120);
    seed_ = new CountSpinBox;
    seed_->setObjectName(QStringLiteral("risk_seed"));
    seed_->set_grouping(false);
    seed_->set_value(eqroi::risk::RiskOptions{}.seed);
    seed_->setToolTip(tr("Random seed: the same seed and trials give the same figures, bit for "
                         "bit (the study's [risk] seed unless you change it)"));
    seed_->setMinimumWidth(90);
    settings_ = new QLabel;
    settings_->setObjectName(QStringLiteral("risk_settings"));
    study_values_button_ = new QPushButton(tr("Study's Values"));
    study_values_button_->setToolTip(tr("Trials and seed from the study's [risk] table"));
    connect(study_values_button_, &QPushButton::clicked, this, [this] {
        if (!study_) return;
        const auto [trials, seed] = study_values(*study_);
        trials_->set_value(trials);
        seed_->set_value(seed);
    });
    run_button_ = new QPushButton(tr("&Run"));
    run_button_->setObjectName(QStringLiteral("risk_run"));
    connect(run_button_, &QPushButton::clicked, this, [this] { run(); });
    cancel_button_ = new QPushButton(tr("Cancel"));
    cancel_button_->setObjectName(QStringLiteral("risk_cancel"));
    cancel_button_->setToolTip(tr("Stop after the trials in progress and show the statistics of "
                                  "those done"));
    connect(cancel_button_, &QPushButton::clicked, this, [this] { cancel(); });
    progress_ = new QProgressBar;
    progress_->setRange(0, 1000);
    progress_->setTextVisible(true);
    progress_->setMinimumWidth(260);

    auto* controls = new QHBoxLayout;
    controls->addWidget(new QLabel(tr("Trials:")));
    controls->addWidget(trials_);
    controls->addWidget(new QLabel(tr("Seed:")));
    controls->addWidget(seed_);
    controls->addWidget(study_values_button_);
    controls->addWidget(settings_, 1);
    controls->addWidget(progress_);
    controls->addWidget(run_button_);
    controls->addWidget(cancel_button_);

    status_ = new QLabel;
    status_->setObjectName(QStringLiteral("risk_status"));
    status_->setWordWrap(true);
    status_->setTextInteractionFlags(Qt::TextSelectableByMouse);

    explanation_ = new QLabel;
    explanation_->setObjectName(QStringLiteral("risk_explanation"));
    explanation_->setWordWrap(true);
    explanation_->setAlignment(Qt::AlignLeft | Qt::AlignTop);
    explanation_->setTextFormat(Qt::RichText);
    explanation_->setMargin(16);

    histogram_ = new NpvHistogramChart;
    s_curve_ = new NpvSCurveChart;
    best_ = new ProbabilityBestChart;
    tornado_ = new TornadoChart;
    auto* charts = new QWidget;
    auto* grid = new QGridLayout(charts);
    grid->setContentsMargins(0, 0, 0, 0);
    grid->setSpacing(4);
    grid->addWidget(histogram_, 0, 0);
    grid->addWidget(s_curve_, 0, 1);
    grid->addWidget(best_, 1, 0);
    grid->addWidget(tornado_, 1, 1);
    for (QChartView* v : chart_views()) v->setMinimumHeight(200);

    table_ = new QTableWidget(0, kColumns);
    table_->setObjectName(QStringLiteral("risk_statistics"));
    table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
    table_->setSelectionMode(QAbstractItemView::ContiguousSelection);
    table_->setAlternatingRowColors(true);
    table_->verticalHeader()->hide();
    table_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
    table_->horizontalHeader()->setSectionResizeMode(kName, QHeaderView::ResizeToContents);

    auto* split = new QSplitter(Qt::Vertical);
    split->addWidget(charts);
    split->addWidget(table_);
    split->setStretchFactor(0, 1);
    split->setStretchFactor(1, 0);
    split->setSizes({800, 130});

    pages_ = new QStackedWidget;
    pages_->addWidget(explanation_);
    pages_->addWidget(split);

    auto* layout = new QVBoxLayout(this);
    layout->setContentsMargins(4, 4, 4, 4);
    layout->addLayout(controls);
    layout->addWidget(status_);
    layout->addWidget(pages_, 1);
}

QList<QChartView*> RiskPanel::chart_views() const {
    return {histogram_, s_curve_, best_, tornado_};
}

QStringList RiskPanel::chart_titles() const {
    return {tr("NPV histogram"), tr("NPV S-curve"), tr("Probability of the best choice"),
            tr("Tornado")};
}

bool RiskPanel::explanation_shown() const { return pages_->currentWidget() == explanation_; }

bool RiskPanel::running() const { return runner_->running(); }

bool RiskPanel::can_run() const {
    return study_ && registry_ && !study_->uncertain.empty() && !runner_->running();
}

void RiskPanel::set_study(std::shared_ptr<const Study> study,
                          std::shared_ptr<const PluginRegistry> registry, const QString& problem) {
    study_ = std::move(study);
    registry_ = std::move(registry);
    problem_ = study_ ? QString() : problem;
    if (study_) {
        // The file's [risk] values win when the file changes them; otherwise the user's stay.
        const auto values = study_values(*study_);
        if (values != study_values_) {
            trials_->set_value(values.first);
            seed_->set_value(values.second);
            study_values_ = values;
        }
        if (shown_ && shown_->request.study != study_) stale_ = true;
        if (study_->uncertain.empty() && shown_) {
            // Nothing varies any more: a run of earlier inputs would only mislead.
            forget_outcome();
        }
    }
    update_view();
    emit state_changed();
}

void RiskPanel::reset() {
    // A run of the previous file ends after the blocks in flight; its outcome is not shown.
    discard_running_ = runner_->running();
    runner_->cancel();
    forget_outcome();
    failure_.clear();
    study_.reset();
    study_values_.reset();
    update_view();
    emit state_changed();
}

bool RiskPanel::run() {
    if (!can_run()) {
        status_->setText(runner_->running() ? tr("A risk analysis is already running.")
                                            : explanation_text());
        return false;
    }
    RiskRequest request;
    request.study = study_;
    request.registry = registry_;
    request.trials = trials_->value();
    request.seed = seed_->value();
    failure_.clear();
    runner_->start(std::move(request));
    on_progress(0, trials_->value());
    update_view();
    emit state_changed();
    return true;
}

void RiskPanel::cancel() {
    if (!runner_->running()) return;
    runner_->cancel();
    status_->setText(tr("Stopping after the trials in progress..."));
    update_view();
}

void RiskPanel::on_progress(quint64 done, quint64 total) {
    progress_->setValue(total ? static_cast<int>(std::llround(1000.0 * double(done) / double(total)))
                              : 0);
    progress_->setFormat(tr("%1 of %2 trials")
                             .arg(figures::grouped(double(done), 0), figures::grouped(double(total), 0)));
    if (runner_->running() && !runner_->cancelling())
        status_->setText(tr("Running %1 trials (%2)...")
                             .arg(figures::grouped(double(total), 0), settings_text()));
}

void RiskPanel::on_finished(const std::shared_ptr<const RiskOutcome>& outcome) {
    if (discard_running_) {
        discard_running_ = false;
    } else if (!outcome->error.empty()) {
        failure_ = tr("The risk analysis failed: %1").arg(q(outcome->error));
    } else if (outcome->result && outcome->result->trials_done == 0) {
        failure_ = tr("Cancelled before the first block of trials finished: no statistics.");
    } else {
        shown_ = outcome;
        stale_ = study_ != outcome->request.study;
        show_outcome();
    }
    update_view();
    emit state_changed();
    emit outcome_shown();
}

void RiskPanel::forget_outcome() {
    shown_.reset();
    stale_ = false;
    histogram_->clear();
    s_curve_->clear();
    best_->clear();
    tornado_->clear();
    table_->setRowCount(0);
}

void RiskPanel::show_outcome() {
    const RiskOutcome& o = *shown_;
    const eqroi::risk::RiskResult& r = *o.result;
    const QString currency = q(o.request.study->settings.currency);
    histogram_->set_run(r, o.pictures, currency);
    s_curve_->set_run(r, o.pictures, currency);
    best_->set_run(r);
    if (o.tornado) tornado_->set_tornado(*o.tornado, o.alternative_names, currency);
    else tornado_->clear();
    fill_table(r, currency);
}

void RiskPanel::fill_table(const eqroi::risk::RiskResult& r, const QString& currency) {
    const QString unit = currency.isEmpty() ? QString() : QStringLiteral(" (%1)").arg(currency);
    table_->setHorizontalHeaderLabels(
        {tr("Alternative"), tr("NPV at base") + unit, tr("Mean NPV") + unit,
         tr("Standard deviation"), tr("P10"), tr("P50"), tr("P90"), tr("P(NPV < 0)"),
         tr("P(best)")});
    table_->setRowCount(static_cast<int>(r.alternatives.size()));
    for (std::size_t i = 0; i < r.alternatives.size(); ++i) {
        const eqroi::risk::AlternativeRisk& a = r.alternatives[i];
        const auto& npv = a.npv;
        const QString cells[kColumns] = {
            risk_figures::alternative_label(r, i), figures::money(a.base_npv),
            figures::money(npv.mean), figures::money(npv.sd), figures::money(npv.p10),
            figures::money(npv.p50), figures::money(npv.p90), figures::pct(a.probability_loss, 1),
            figures::pct(a.probability_best, 1)};
        for (int c = 0; c < kColumns; ++c) {
            auto* item = new QTableWidgetItem(cells[c]);
            item->setTextAlignment(c == kName ? (Qt::AlignLeft | Qt::AlignVCenter)
                                              : (Qt::AlignRight | Qt::AlignVCenter));
            if (c == kName) item->setForeground(risk_figures::alternative_color(r, i).darker(115));
            table_->setItem(static_cast<int>(i), c, item);
        }
    }
    table_->resizeRowsToContents();
}

QString RiskPanel::settings_text() const {
    if (!study_) return {};
    const eqroi::risk::RiskSettings& s = study_->risk;
    QStringList parts;
    parts << (s.sampling.value_or(eqroi::risk::Method::monte_carlo) ==
                      eqroi::risk::Method::latin_hypercube
                  ? tr("Latin hypercube")
                  : tr("Monte Carlo"));
    if (s.correlation)
        parts << tr("%1 inputs correlated").arg(s.correlation->inputs.size());
    if (s.target_standard_error)
        parts << tr("stops when the standard error is at most %1")
                     .arg(figures::money(*s.target_standard_error));
    return parts.join(QStringLiteral(", "));
}

QString RiskPanel::explanation_text() const {
    if (!study_ && !problem_.isEmpty())
        return tr("The study has problems (listed under Problems); the risk analysis runs on a "
                  "valid study.<br><br>%1").arg(problem_.toHtmlEscaped());
    if (!study_)
        return tr("Open a study to analyse its risk (File > Open).");
    if (study_->uncertain.empty())
        return tr("<b>This study has no uncertain inputs, so there is nothing to vary.</b><br><br>"
                  "A risk analysis draws the figures that are guesses (an MTBF, a repair cost, "
                  "next year's volume, an energy price) from distributions, thousands of times, "
                  "and shows how likely each alternative is to lose money or to be the best "
                  "choice, and which guess matters most.<br><br>To run one, add an "
                  "<tt>[[uncertain]]</tt> table to the study file for each guess, naming the "
                  "parameter and its distribution, and optionally a <tt>[risk]</tt> table "
                  "(trials, seed, sampling). See docs/study-format.md, \"Risk analysis\", and the "
                  "example configs/examples/cnc_replacement_risk.toml.");
    QStringList names;
    for (const auto& u : study_->uncertain) names << q(u.name).toHtmlEscaped();
    return tr("This study has %1 uncertain %2: %3.<br><br>Press <b>Run</b> (or Analysis > "
              "Run Risk Analysis) to draw them and see the distribution of each alternative's "
              "NPV, its chance of being the best choice, and the tornado of the inputs.")
        .arg(names.size())
        .arg(names.size() == 1 ? tr("input") : tr("inputs"), names.join(QStringLiteral(", ")));
}

QString RiskPanel::outcome_text() const {
    if (!shown_ || !shown_->result) return {};
    const eqroi::risk::RiskResult& r = *shown_->result;
    const QString done = figures::grouped(double(r.trials_done), 0);
    const QString asked = figures::grouped(double(r.trials_requested), 0);
    QString text;
    if (r.cancelled)
        text = tr("<b>Cancelled:</b> statistics over %1 of %2 trials (%3).")
                   .arg(done, asked, risk_figures::run_text(r));
    else if (r.stopped_at_target)
        text = tr("Stopped at the standard-error target after %1 of %2 trials (%3).")
                   .arg(done, asked, risk_figures::run_text(r));
    else
        text = tr("%1 of %2 trials (%3), %4 s on %5 %6.")
                   .arg(done, asked, risk_figures::run_text(r))
                   .arg(shown_->seconds, 0, 'f', 2)
                   .arg(r.threads)
                   .arg(r.threads == 1 ? tr("thread") : tr("threads"));
    text += tr(" Percentiles within %1 percentile points of the exact ones.")
                .arg(r.alternatives.empty() ? 0.0
                                            : r.alternatives.front().npv.quantile_rank_error * 100,
                     0, 'g', 2);
    if (stale_) text += tr(" <b>The study has changed since this run: Run again to update.</b>");
    return text;
}

void RiskPanel::update_view() {
    const bool busy = runner_->running();
    run_button_->setEnabled(can_run());
    cancel_button_->setEnabled(busy && !runner_->cancelling());
    progress_->setVisible(busy);
    trials_->setEnabled(!busy);
    seed_->setEnabled(!busy);
    study_values_button_->setEnabled(!busy && study_);
    settings_->setText(study_ && !study_->uncertain.empty()
                           ? tr("Sampling: %1 (the study's [risk] table)").arg(settings_text())
                           : QString());
    const bool charts = shown_ && shown_->result;
    explanation_->setText(explanation_text());
    pages_->setCurrentWidget(charts ? pages_->widget(1) : explanation_);
    if (busy) return;  // the progress handler writes the status
    QString text = outcome_text();
    if (!failure_.isEmpty())
        text = QStringLiteral("<span style=\"color:#c62828\">%1</span>%2")
                   .arg(failure_.toHtmlEscaped(), text.isEmpty() ? QString() : QStringLiteral("<br>") + text);
    status_->setText(text);
}

}  // namespace eqroi::studio
