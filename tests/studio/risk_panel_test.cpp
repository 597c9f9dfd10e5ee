// The Risk tab: core's risk run off the GUI thread, shown as charts. Every figure on the tab is
// compared with an independent run of core (parse_study + InputBinding + run_risk / tornado on
// a registry of the test's own, the same settings): run_risk is bit-identical for any number of
// threads, so the markers and bars must equal core's numbers exactly. The run with the study's
// seed is also checked against `eqroi risk` (the CLI's printed table, whole euros).
#include "studio_fixture.hpp"

#include "charts/result_figures.hpp"
#include "charts/risk_bar_charts.hpp"
#include "charts/risk_distribution_charts.hpp"
#include "count_spin_box.hpp"
#include "risk_panel.hpp"

#include <eqroi/core/risk/analysis.hpp>
#include <eqroi/core/risk/inputs.hpp>
#include <eqroi/core/risk/sensitivity.hpp>

#include <QAction>
#include <QAreaSeries>
#include <QBarSet>
#include <QImage>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QMenuBar>
#include <QProgressBar>
#include <QPushButton>
#include <QScatterSeries>
#include <QSignalSpy>
#include <QTabWidget>
#include <QTableWidget>
#include <QTest>
#include <QToolTip>

#include <cmath>

namespace {

using eqroi::studio::RiskPanel;
namespace figures = eqroi::studio::figures;
namespace risk = eqroi::risk;

/// Core's own run of a study text: the study's [risk] options with `trials` and `seed`.
struct CoreRisk {
    eqroi::Study study;
    risk::RiskResult run;
    risk::Tornado tornado;
};

std::unique_ptr<CoreRisk> core_risk(const QString& file, std::uint64_t trials, std::uint64_t seed) {
    auto out = std::make_unique<CoreRisk>();
    const auto& plugins = studio_test::reference_plugins();
    out->study = eqroi::parse_study(studio_test::read(file), file.toStdString(), plugins);
    const eqroi::Engine engine(out->study, plugins);
    const risk::InputBinding binding(engine);
    risk::RiskOptions options = risk::options_from(out->study.risk, binding.names());
    options.trials = trials;
    options.seed = seed;
    options.threads = 1;  // the studio uses every core: the figures must not depend on it
    out->run = risk::run_risk(binding, options);
    out->tornado = risk::tornado(binding);
    return out;
}

class RiskTab : public studio_test::Studio {
protected:
    RiskPanel* panel() const { return window->risk(); }
    void wait_risk() {
        panel()->runner()->wait_until_idle();
        QCoreApplication::processEvents();
    }
    /// Opens a copy of the risk example and sets the spin boxes.
    QString open_risk_example(std::uint64_t trials, std::uint64_t seed) {
        const QString path = copy("cnc_replacement_risk.toml");
        EXPECT_TRUE(open(path));
        panel()->trials_box()->set_value(trials);
        panel()->seed_box()->set_value(seed);
        return path;
    }
};

TEST_F(RiskTab, RunShowsCoresPercentilesBestAndTornado) {
    const QString path = copy("cnc_replacement_risk.toml");
    ASSERT_TRUE(open(path));
    // Before any run: the study's [risk] values in the spin boxes (trials = 20000, seed = 2027),
    // its sampling named, and an invitation to run instead of charts.
    EXPECT_EQ(panel()->trials_box()->value(), 20000u);
    EXPECT_EQ(panel()->seed_box()->value(), 2027u);
    EXPECT_TRUE(panel()->explanation_shown());
    EXPECT_TRUE(panel()->explanation()->text().contains("7 uncertain inputs"))
        << panel()->explanation()->text().toStdString();
    EXPECT_TRUE(panel()->can_run());

    panel()->trials_box()->set_value(5000);  // the override: 5,000 of the study's 20,000
    ASSERT_TRUE(window->run_risk_analysis());
    EXPECT_EQ(window->results_tabs()->currentWidget(), panel());
    wait_risk();
    ASSERT_TRUE(panel()->shown() && panel()->shown()->result) << panel()->status()->text().toStdString();
    EXPECT_FALSE(panel()->explanation_shown());
    const risk::RiskResult& shown = *panel()->shown()->result;
    EXPECT_EQ(shown.trials_done, 5000u);
    EXPECT_EQ(shown.seed, 2027u);
    EXPECT_EQ(shown.sampling, risk::Method::latin_hypercube);  // the study's [risk] sampling
    EXPECT_FALSE(shown.cancelled);
    EXPECT_TRUE(panel()->status()->text().contains("5,000 of 5,000 trials"))
        << panel()->status()->text().toStdString();

    const auto core = core_risk(path, 5000, 2027);
    ASSERT_EQ(core->run.alternatives.size(), 3u);
    const std::size_t n = core->run.alternatives.size();
    for (std::size_t i = 0; i < n; ++i) {
        const risk::AlternativeRisk& a = core->run.alternatives[i];
        SCOPED_TRACE(a.id);
        // S-curve: the three markers at core's P10, P50, P90 and heights 10, 50, 90 %.
        QScatterSeries* marks = panel()->s_curve()->percentile_markers(i);
        ASSERT_NE(marks, nullptr);
        ASSERT_EQ(marks->count(), 3);
        EXPECT_EQ(marks->at(0), QPointF(a.npv.p10, 10));
        EXPECT_EQ(marks->at(1), QPointF(a.npv.p50, 50));
        EXPECT_EQ(marks->at(2), QPointF(a.npv.p90, 90));
        // The curve runs through core's percentiles: its middle point is quantile(0.5).
        QLineSeries* curve = panel()->s_curve()->curves()[qsizetype(i)];
        ASSERT_EQ(curve->count(), 201);
        EXPECT_EQ(curve->at(100).x(), a.npv_distribution.quantile(0.5));
        EXPECT_EQ(curve->at(100).y(), 50.0);
        // P(best): set i holds core's probability (in percent) in its own row only.
        QBarSet* set = panel()->best()->bar_sets()[qsizetype(i)];
        for (std::size_t c = 0; c < n; ++c)
            EXPECT_EQ(set->at(qsizetype(c)), c == n - 1 - i ? a.probability_best * 100 : 0.0);
        // The histogram's bins hold every trial once: the shares add up to 100 %.
        const QList<QPointF> outline = panel()->histogram()->areas()[qsizetype(i)]->upperSeries()->points();
        double total = 0;
        for (qsizetype k = 1; k + 1 < outline.size(); k += 2) total += outline[k].y();
        EXPECT_NEAR(total, 100.0, 1e-9);
        // The table's P50 is core's, as the CLI writes it.
        EXPECT_EQ(panel()->statistics_table()->item(int(i), 5)->text(), figures::money(a.npv.p50));
    }
    // The same run printed by `eqroi risk configs/examples/cnc_replacement_risk.toml --trials 5000`
    // (whole euros): keep P10 -1,190,910, P50 -1,175,401, P90 -1,161,409; buy_a -1,095,845,
    // -1,038,902, -979,149; P(best) buy_a 100.00 %.
    EXPECT_NEAR(shown.alternatives[0].npv.p10, -1190910, 0.5);
    EXPECT_NEAR(shown.alternatives[0].npv.p50, -1175401, 0.5);
    EXPECT_NEAR(shown.alternatives[0].npv.p90, -1161409, 0.5);
    EXPECT_NEAR(shown.alternatives[1].npv.p10, -1095845, 0.5);
    EXPECT_NEAR(shown.alternatives[1].npv.p50, -1038902, 0.5);
    EXPECT_NEAR(shown.alternatives[1].npv.p90, -979149, 0.5);
    EXPECT_EQ(panel()->best()->bar_sets()[1]->at(1), 100.0);

    // Tornado: core's bars in core's order (widest swing first, drawn on top), each from the
    // base NPV of the focus alternative (buy_a, preferred at base) to its NPV at P10 / P90.
    const risk::Tornado& t = core->tornado;
    ASSERT_EQ(t.bars.size(), 7u);
    EXPECT_EQ(t.base.alternatives[t.focus], "buy_a");
    const double base = t.base.npv[t.focus];
    for (std::size_t k = 0; k < t.bars.size(); ++k) {
        SCOPED_TRACE(t.bars[k].name);
        QAreaSeries* low = panel()->tornado()->low_bar(k);
        QAreaSeries* high = panel()->tornado()->high_bar(k);
        ASSERT_TRUE(low && high);
        EXPECT_EQ(low->upperSeries()->at(0).x(), base);
        EXPECT_EQ(low->upperSeries()->at(1).x(), t.bars[k].low.npv[t.focus]);
        EXPECT_EQ(high->upperSeries()->at(0).x(), base);
        EXPECT_EQ(high->upperSeries()->at(1).x(), t.bars[k].high.npv[t.focus]);
        if (k > 0) {
            EXPECT_LT(low->upperSeries()->at(0).y(),
                      panel()->tornado()->low_bar(k - 1)->upperSeries()->at(0).y());
        }
    }
    EXPECT_EQ(panel()->tornado()->low_bar(t.bars.size()), nullptr);
    studio_test::keep_screenshot(window.get(), QStringLiteral("risk_5000"));
}

TEST_F(RiskTab, SeedFromTheSpinBoxAndTheStudysTableByDefault) {
    // The study's own settings (20,000 trials, seed 2027, LHS, mtbf_a/mtbf_b correlated 0.6),
    // then seed 7 typed over them: each run equals core's run with those settings.
    const QString path = copy("cnc_replacement_risk.toml");
    ASSERT_TRUE(open(path));
    window->resize(1900, 1300);
    window->show();
    ASSERT_TRUE(window->run_risk_analysis());
    wait_risk();
    ASSERT_TRUE(panel()->shown() && panel()->shown()->result);
    const auto study_run = core_risk(path, 20000, 2027);
    const risk::RiskResult& shown = *panel()->shown()->result;
    EXPECT_EQ(shown.trials_done, 20000u);
    EXPECT_EQ(shown.seed, 2027u);
    for (std::size_t i = 0; i < shown.alternatives.size(); ++i) {
        EXPECT_EQ(panel()->s_curve()->percentile_markers(i)->at(1).x(), study_run->run.alternatives[i].npv.p50);
        EXPECT_EQ(panel()->best()->bar_sets()[qsizetype(i)]->at(qsizetype(shown.alternatives.size() - 1 - i)),
                  study_run->run.alternatives[i].probability_best * 100);
    }
    // The picture in the README (docs/studio-risk.png) is this window.
    studio_test::keep_screenshot(window.get(), QStringLiteral("studio-risk"));

    auto* seed_edit = panel()->seed_box()->findChild<QLineEdit*>();  // typed by the user
    ASSERT_NE(seed_edit, nullptr);
    seed_edit->selectAll();
    QTest::keyClicks(seed_edit, QStringLiteral("7"));
    EXPECT_EQ(panel()->seed_box()->value(), 7u);
    ASSERT_TRUE(panel()->run());
    wait_risk();
    const auto seed7 = core_risk(path, 20000, 7);
    EXPECT_EQ(panel()->shown()->result->seed, 7u);
    for (std::size_t i = 0; i < seed7->run.alternatives.size(); ++i)
        EXPECT_EQ(panel()->s_curve()->percentile_markers(i)->at(0).x(), seed7->run.alternatives[i].npv.p10);
    // Another seed draws other trials: keep's P10 moves.
    EXPECT_NE(seed7->run.alternatives[0].npv.p10, study_run->run.alternatives[0].npv.p10);
}

TEST_F(RiskTab, CancelShowsTheFinishedTrialsAndTheWindowStaysUsable) {
    const QString path = open_risk_example(50'000'000, 2027);
    QSignalSpy progress(panel()->runner(), &eqroi::studio::RiskRunner::progressed);
    ASSERT_TRUE(panel()->run());
    EXPECT_TRUE(panel()->running());
    EXPECT_TRUE(panel()->progress_bar()->isVisibleTo(panel()));
    EXPECT_TRUE(panel()->cancel_button()->isEnabled());
    EXPECT_FALSE(panel()->run_button()->isEnabled());
    // The first merged block reaches the GUI thread (a guard against a hang, not a timing).
    while (progress.isEmpty() || progress.last().at(0).toULongLong() == 0)
        ASSERT_TRUE(progress.wait(120'000)) << "no progress from the risk run";
    panel()->cancel();
    EXPECT_FALSE(panel()->cancel_button()->isEnabled());
    wait_risk();

    ASSERT_TRUE(panel()->shown() && panel()->shown()->result) << panel()->status()->text().toStdString();
    const risk::RiskResult& partial = *panel()->shown()->result;
    EXPECT_TRUE(partial.cancelled);
    EXPECT_EQ(partial.trials_requested, 50'000'000u);
    EXPECT_GT(partial.trials_done, 0u);
    EXPECT_LT(partial.trials_done, partial.trials_requested);
    EXPECT_EQ(partial.trials_done % 10'000, 0u);  // whole blocks only
    const QString expected = QStringLiteral("%1 of 50,000,000 trials")
                                 .arg(figures::grouped(double(partial.trials_done), 0));
    EXPECT_TRUE(panel()->status()->text().contains("Cancelled")) << panel()->status()->text().toStdString();
    EXPECT_TRUE(panel()->status()->text().contains(expected)) << panel()->status()->text().toStdString();
    // The finished blocks are the first blocks of the run, merged in order: the same statistics
    // as core's complete run of that many trials.
    const auto core = core_risk(path, partial.trials_done, 2027);
    for (std::size_t i = 0; i < core->run.alternatives.size(); ++i) {
        EXPECT_EQ(panel()->s_curve()->percentile_markers(i)->at(1).x(), core->run.alternatives[i].npv.p50);
        EXPECT_EQ(partial.alternatives[i].npv.mean, core->run.alternatives[i].npv.mean);
    }
    EXPECT_FALSE(panel()->running());
    EXPECT_FALSE(panel()->progress_bar()->isVisibleTo(panel()));
    EXPECT_TRUE(panel()->run_button()->isEnabled());

    // Usable: another run completes, and an edit is recomputed (and marks the run as of an
    // earlier version of the study).
    panel()->trials_box()->set_value(5000);
    ASSERT_TRUE(panel()->run());
    wait_risk();
    EXPECT_FALSE(panel()->shown()->result->cancelled);
    EXPECT_EQ(panel()->shown()->result->trials_done, 5000u);
    QSignalSpy shown(window.get(), &eqroi::studio::MainWindow::results_shown);
    ASSERT_TRUE(window->document()->edit("price", [](eqroi::StudyText& t) {
        t.set_capital_value("buy_a", "price", 390000.0);
    }));
    wait();
    EXPECT_FALSE(shown.isEmpty());
    EXPECT_TRUE(panel()->stale());
    EXPECT_TRUE(panel()->status()->text().contains("changed since this run"));
}

TEST_F(RiskTab, ClosingDuringARunStopsIt) {
    open_risk_example(50'000'000, 1);
    QSignalSpy progress(panel()->runner(), &eqroi::studio::RiskRunner::progressed);
    ASSERT_TRUE(panel()->run());
    while (progress.isEmpty() || progress.last().at(0).toULongLong() == 0)
        ASSERT_TRUE(progress.wait(120'000)) << "no progress from the risk run";
    window.reset();  // cancels and waits for the worker: no plugin call outlives the window
    SUCCEED();
}

TEST_F(RiskTab, OpeningAnotherFileDuringARunDropsIt) {
    open_risk_example(50'000'000, 1);
    QSignalSpy progress(panel()->runner(), &eqroi::studio::RiskRunner::progressed);
    ASSERT_TRUE(panel()->run());
    while (progress.isEmpty() || progress.last().at(0).toULongLong() == 0)
        ASSERT_TRUE(progress.wait(120'000)) << "no progress from the risk run";
    ASSERT_TRUE(open(copy("cnc_replacement.toml")));
    wait_risk();
    // The run of the previous file is not shown against this one.
    EXPECT_EQ(panel()->shown(), nullptr);
    EXPECT_TRUE(panel()->explanation_shown());
    EXPECT_TRUE(panel()->explanation()->text().contains("no uncertain inputs"));
}

TEST_F(RiskTab, ExportsARiskChart) {
    open_risk_example(5000, 2027);
    const QString png = dir.filePath(QStringLiteral("tornado.png"));
    EXPECT_FALSE(window->export_risk_chart(3, png, false));  // nothing run yet
    EXPECT_FALSE(QFile::exists(png));
    ASSERT_TRUE(panel()->run());
    wait_risk();
    ASSERT_TRUE(window->export_risk_chart(3, png, false));
    const QImage image(png);
    EXPECT_EQ(image.size(), QSize(1200, 700));  // chart_export's kExportSize
    EXPECT_FALSE(window->export_risk_chart(4, png, false));  // four charts: 0..3
}

TEST_F(RiskTab, StudyWithoutUncertainInputsIsExplained) {
    ASSERT_TRUE(open(copy("cnc_replacement.toml")));
    EXPECT_TRUE(panel()->explanation_shown());
    EXPECT_TRUE(panel()->explanation()->text().contains("no uncertain inputs"))
        << panel()->explanation()->text().toStdString();
    EXPECT_TRUE(panel()->explanation()->text().contains("[[uncertain]]"));
    EXPECT_FALSE(panel()->can_run());
    EXPECT_FALSE(panel()->run_button()->isEnabled());
    EXPECT_FALSE(window->run_risk_analysis());
    EXPECT_EQ(panel()->shown(), nullptr);
    // The menu action follows.
    QAction* action = nullptr;
    for (QAction* a : window->menuBar()->findChildren<QAction*>())
        if (a->text() == "Run &Risk Analysis") action = a;
    ASSERT_NE(action, nullptr);
    EXPECT_FALSE(action->isEnabled());
}

TEST_F(RiskTab, HoverShowsCoresValues) {
    const QString path = open_risk_example(5000, 2027);
    ASSERT_TRUE(panel()->run());
    wait_risk();
    const auto core = core_risk(path, 5000, 2027);
    const auto& buy_a = core->run.alternatives[1];
    QScatterSeries* marks = panel()->s_curve()->percentile_markers(1);
    emit marks->hovered(marks->at(1), true);
    EXPECT_TRUE(QToolTip::text().contains("P50 = " + figures::money(buy_a.npv.p50) + " EUR"))
        << QToolTip::text().toStdString();
    QAreaSeries* bar = panel()->tornado()->high_bar(0);
    emit bar->hovered(QPointF(), true);
    const auto& widest = core->tornado.bars[0];
    EXPECT_TRUE(QToolTip::text().contains(QString::fromStdString(widest.name) + " at P90"))
        << QToolTip::text().toStdString();
    EXPECT_TRUE(QToolTip::text().contains(figures::money(widest.high.npv[core->tornado.focus])))
        << QToolTip::text().toStdString();
    QToolTip::hideText();
}

TEST(CountSpinBox, HoldsCountsBeyondInt) {
    eqroi::studio::CountSpinBox box;
    box.set_range(1, 10'000'000'000ULL);
    box.set_value(5'000'000'000ULL);  // above 2^31 - 1, where QSpinBox would clip
    EXPECT_EQ(box.value(), 5'000'000'000ULL);
    EXPECT_EQ(box.text(), "5,000,000,000");
    box.set_value(20'000'000'000ULL);  // above the range: clamped to it
    EXPECT_EQ(box.value(), 10'000'000'000ULL);
    box.set_single_step(10'000);
    box.set_value(5);
    box.stepBy(-1);  // no wrap below the minimum
    EXPECT_EQ(box.value(), 1u);
    QString typed = QStringLiteral("12,345");
    int pos = 0;
    EXPECT_EQ(box.validate(typed, pos), QValidator::Acceptable);
    typed = QStringLiteral("12a");
    EXPECT_EQ(box.validate(typed, pos), QValidator::Invalid);
}

}  // namespace
