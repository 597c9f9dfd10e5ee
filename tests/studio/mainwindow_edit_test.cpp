// The main window on an example: a change made through a form shows core's figures for the
// edited study, saving changes exactly that value, undo/redo, dirty state, the close prompt,
// inherited values and Reset, stale results, and the recompute time on every example.
#include "studio_fixture.hpp"

#include "field_row.hpp"
#include "forms.hpp"

#include <QCheckBox>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QLineEdit>
#include <QSignalSpy>
#include <QSpinBox>
#include <QStatusBar>
#include <QTest>
#include <QToolButton>
#include <QUndoStack>

#include <algorithm>
#include <cmath>
#include <iostream>

using namespace studio_test;
using eqroi::studio::FieldRow;
using eqroi::studio::NodeKind;
using eqroi::studio::NodeRef;

namespace {

/// Types a number into a spin box as a user would (select all, type, Enter).
void type_into(QAbstractSpinBox* box, const QString& text) {
    box->selectAll();
    QTest::keyClicks(box, text);
    QTest::keyClick(box, Qt::Key_Return);
}

QAbstractSpinBox* spin(eqroi::studio::StudyForm* form, const std::string& key) {
    if (!form) return nullptr;
    FieldRow* row = form->row(key);
    return row ? qobject_cast<QAbstractSpinBox*>(row->editor()) : nullptr;
}

TEST_F(Studio, FormEditShowsCoreNpvAndSaveChangesOnlyThatValue) {
    const QString path = copy("cnc_replacement.toml");
    const std::string original = read(path);
    ASSERT_TRUE(open(path));
    ASSERT_NE(window->result(), nullptr) << ::testing::PrintToString(shown_diagnostics());
    const double keep_before = alternative(*window->result(), "keep").measures.npv;
    EXPECT_EQ(window->windowTitle(), QStringLiteral("cnc_replacement.toml[*] \u2014 eqroi studio"));
    EXPECT_FALSE(window->isWindowModified());

    // The keep alternative's overhaul: 45000 -> 52000, typed into the Maintenance form.
    ASSERT_TRUE(window->select(NodeRef{NodeKind::model, "keep", "maintenance"}));
    QAbstractSpinBox* box = spin(window->form(), "overhaul_cost");
    ASSERT_NE(box, nullptr);
    EXPECT_EQ(static_cast<QDoubleSpinBox*>(box)->value(), 45000);
    EXPECT_EQ(static_cast<QDoubleSpinBox*>(box)->suffix(), QStringLiteral(" EUR"));
    type_into(box, "52000");
    wait();

    // The text: only that value changed, its comment kept.
    std::string expected = original;
    const std::string from = "overhaul_cost = 45000             # spindle and ball-screw rebuild quote";
    const std::string to = "overhaul_cost = 52000             # spindle and ball-screw rebuild quote";
    ASSERT_NE(expected.find(from), std::string::npos);
    expected.replace(expected.find(from), from.size(), to);
    EXPECT_EQ(window->document()->text().text(), expected);
    EXPECT_TRUE(window->isWindowModified());

    // The NPV the window holds and shows is core's for the edited text.
    ASSERT_NE(window->result(), nullptr) << ::testing::PrintToString(shown_diagnostics());
    const eqroi::StudyResult reference = run_core(expected, path);
    const double keep_after = alternative(reference, "keep").measures.npv;
    EXPECT_DOUBLE_EQ(alternative(*window->result(), "keep").measures.npv, keep_after);
    for (const auto& a : reference.alternatives)
        EXPECT_DOUBLE_EQ(alternative(*window->result(), a.id).measures.npv, a.measures.npv) << a.id;
    EXPECT_NE(window->summary()->text().indexOf(eqroi::studio::money_text(keep_after, "EUR")), -1)
        << window->summary()->text().toStdString();
    // By hand: 7000 more at years 4 and 8 (interval 4), escalated 2 %/yr, 25 % tax relief,
    // discounted at 9 %: 7000 x 0.75 x (1.02^4/1.09^4 + 1.02^8/1.09^8) = 7112.90.
    EXPECT_NEAR(keep_before - keep_after, 7112.90, 0.01);
    EXPECT_NE(window->statusBar()->currentMessage().indexOf("Recomputed in"), -1);
    EXPECT_GE(window->last_update_ms(), 0);

    // Undo returns to the file's text (and figures), redo to the edit.
    window->document()->undo_stack()->undo();
    wait();
    EXPECT_EQ(window->document()->text().text(), original);
    EXPECT_FALSE(window->isWindowModified());
    EXPECT_DOUBLE_EQ(alternative(*window->result(), "keep").measures.npv, keep_before);
    EXPECT_EQ(static_cast<QDoubleSpinBox*>(spin(window->form(), "overhaul_cost"))->value(), 45000);
    window->document()->undo_stack()->redo();
    wait();
    EXPECT_EQ(window->document()->text().text(), expected);
    EXPECT_DOUBLE_EQ(alternative(*window->result(), "keep").measures.npv, keep_after);

    // Save: every other line byte-identical, comments kept.
    ASSERT_TRUE(window->save());
    EXPECT_FALSE(window->isWindowModified());
    const auto before = lines(original), after = lines(read(path));
    ASSERT_EQ(before.size(), after.size());
    int changed = 0;
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == after[i]) continue;
        ++changed;
        EXPECT_EQ(before[i], from);
        EXPECT_EQ(after[i], to);
    }
    EXPECT_EQ(changed, 1);
    EXPECT_EQ(read(path), expected);
}

TEST_F(Studio, InheritedValuesAreShownAndResetRemovesTheLine) {
    const QString path = copy("cnc_replacement.toml");
    const std::string original = read(path);
    ASSERT_TRUE(open(path));

    // keep's maintenance table does not give the operating hours: the equipment block does.
    ASSERT_TRUE(window->select(NodeRef{NodeKind::model, "keep", "maintenance"}));
    FieldRow* hours = window->form()->row("operating_hours_per_year");
    ASSERT_NE(hours, nullptr);
    EXPECT_EQ(static_cast<QDoubleSpinBox*>(hours->editor())->value(), 3600);
    EXPECT_EQ(hours->source_label()->text(), QStringLiteral("from the equipment block"));
    EXPECT_FALSE(hours->reset_button()->isEnabled());

    // buy_a writes overhaul_at_study_end = false; Reset takes the line out (default: true).
    ASSERT_TRUE(window->select(NodeRef{NodeKind::model, "buy_a", "maintenance"}));
    FieldRow* end = window->form()->row("overhaul_at_study_end");
    ASSERT_NE(end, nullptr);
    EXPECT_FALSE(static_cast<QCheckBox*>(end->editor())->isChecked());
    ASSERT_TRUE(end->reset_button()->isEnabled());
    end->reset_button()->click();
    wait();
    std::string expected = original;
    const std::string line = "overhaul_at_study_end = false     # no overhaul just before resale\n";
    ASSERT_NE(expected.find(line), std::string::npos);
    expected.erase(expected.find(line), line.size());
    EXPECT_EQ(window->document()->text().text(), expected);
    end = window->form()->row("overhaul_at_study_end");
    EXPECT_TRUE(static_cast<QCheckBox*>(end->editor())->isChecked());
    EXPECT_EQ(end->source_label()->text(), QStringLiteral("default"));
    ASSERT_NE(window->result(), nullptr);
    EXPECT_DOUBLE_EQ(alternative(*window->result(), "buy_a").measures.npv,
                     alternative(run_core(expected, path), "buy_a").measures.npv);

    // Toggling the check box writes it back: one more undo step.
    static_cast<QCheckBox*>(end->editor())->click();
    wait();
    EXPECT_NE(window->document()->text().text().find("overhaul_at_study_end = false"), std::string::npos);
    EXPECT_EQ(window->document()->undo_stack()->count(), 2);
}

TEST_F(Studio, PerPeriodValuesAreEditedAsAList) {
    const QString path = copy("injection_moulding.toml");
    const std::string original = read(path);
    ASSERT_TRUE(open(path));
    ASSERT_TRUE(window->select(NodeRef{NodeKind::model, "night_shift", "schedule"}));
    FieldRow* row = window->form()->row("expense");
    ASSERT_NE(row, nullptr);
    auto* line = qobject_cast<QLineEdit*>(row->editor());
    ASSERT_NE(line, nullptr);
    EXPECT_EQ(line->text(), QStringLiteral("0, 18000, 18000, 18000, 18000, 18000, 18000, 18000, 18000"));

    // Not a number: marked at the field, nothing written.
    line->setText(QStringLiteral("0, 18000, lots"));
    line->setModified(true);
    emit line->editingFinished();
    EXPECT_FALSE(row->error_label()->isHidden());
    EXPECT_NE(row->error_label()->text().indexOf("'lots' is not a number"), -1);
    EXPECT_EQ(window->document()->text().text(), original);

    line->setText(QStringLiteral("0, 18000, 19000"));
    line->setModified(true);
    emit line->editingFinished();
    wait();
    const auto* written = window->outline().find(
        eqroi::studio::FieldRef{eqroi::studio::Section::model, "night_shift", "schedule", "expense"});
    ASSERT_NE(written, nullptr);
    EXPECT_EQ(std::get<std::vector<double>>(*written->value), (std::vector<double>{0, 18000, 19000}));
    // Its comment and every other line are as they were.
    const auto before = lines(original), after = lines(window->document()->text().text());
    ASSERT_EQ(before.size(), after.size());
    for (std::size_t i = 0; i < before.size(); ++i) {
        if (before[i] == after[i]) continue;
        EXPECT_EQ(static_cast<int>(i) + 1, written->line);
        EXPECT_NE(after[i].find("# night supervisor allowance (HR)"), std::string::npos) << after[i];
    }
    ASSERT_NE(window->result(), nullptr) << ::testing::PrintToString(shown_diagnostics());
    EXPECT_DOUBLE_EQ(alternative(*window->result(), "night_shift").measures.npv,
                     alternative(run_core(window->document()->text().text(), path), "night_shift").measures.npv);
    EXPECT_TRUE(row->error_label()->isHidden());
}

TEST_F(Studio, OnlyTheNewestEditsResultIsShown) {
    const QString path = copy("cnc_replacement.toml");
    ASSERT_TRUE(open(path));
    ASSERT_TRUE(window->select(NodeRef{NodeKind::study, {}, {}}));
    // Five edits without waiting: results of the earlier texts may finish later than the
    // request of the next one; only the last text's may be shown.
    for (double rate : {0.05, 0.06, 0.07, 0.08, 0.11}) {
        auto* box = static_cast<QDoubleSpinBox*>(spin(window->form(), "discount_rate"));
        ASSERT_NE(box, nullptr);
        box->setValue(rate);
    }
    wait();
    ASSERT_NE(window->result(), nullptr);
    EXPECT_EQ(window->result()->settings.discount_rate, 0.11);
    const eqroi::StudyResult reference = run_core(window->document()->text().text(), path);
    for (const auto& a : reference.alternatives)
        EXPECT_DOUBLE_EQ(alternative(*window->result(), a.id).measures.npv, a.measures.npv);
    EXPECT_EQ(window->document()->undo_stack()->count(), 5);
}

TEST_F(Studio, ClosePromptCancelKeepsTheWindowAndSaveWrites) {
    const QString path = copy("cnc_replacement.toml");
    ASSERT_TRUE(open(path));
    window->show();
    ASSERT_TRUE(window->select(NodeRef{NodeKind::study, {}, {}}));
    keep_screenshot(window.get(), "study_settings");
    type_into(spin(window->form(), "tax_rate"), "0.3");
    wait();
    ASSERT_TRUE(window->isWindowModified());
    int asked = 0;
    window->set_save_prompt([&](const QString& file) {
        ++asked;
        EXPECT_EQ(file, QStringLiteral("cnc_replacement.toml"));
        return QMessageBox::Cancel;
    });
    EXPECT_FALSE(window->close());
    EXPECT_EQ(asked, 1);
    EXPECT_TRUE(window->isVisible());
    window->set_save_prompt([&](const QString&) {
        ++asked;
        return QMessageBox::Save;
    });
    EXPECT_TRUE(window->close());
    EXPECT_EQ(asked, 2);
    EXPECT_NE(read(path).find("tax_rate = 0.3"), std::string::npos);
    EXPECT_FALSE(QFileInfo::exists(window->document()->autosave_path()));
}

TEST_F(Studio, AutosaveIsOfferedBackAfterACrash) {
    const QString path = copy("compressed_air.toml");
    const std::string original = read(path);
    ASSERT_TRUE(open(path));
    window->document()->set_autosave_interval(20);
    ASSERT_TRUE(window->select(NodeRef{NodeKind::study, {}, {}}));
    QSignalSpy autosaved(window->document(), &eqroi::studio::StudyDocument::autosaved);
    type_into(spin(window->form(), "discount_rate"), "0.12");
    ASSERT_TRUE(autosaved.wait(10000));
    const std::string edited = window->document()->text().text();
    ASSERT_NE(edited, original);
    const QString autosave = window->document()->autosave_path();
    EXPECT_EQ(read(autosave), edited);
    window.reset();  // the "crash": gone without Save or Discard
    ASSERT_TRUE(QFileInfo::exists(autosave));
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_TRUE(f.setFileTime(QFileInfo(autosave).lastModified().addSecs(-60),
                              QFileDevice::FileModificationTime));
    f.close();

    window = std::make_unique<eqroi::studio::MainWindow>();
    window->set_save_prompt([](const QString&) { return QMessageBox::Discard; });
    int offered = 0;
    window->set_recover_prompt([&](const QString& file, const QDateTime&) {
        ++offered;
        EXPECT_EQ(file, autosave);
        return true;
    });
    ASSERT_TRUE(open(path));
    EXPECT_EQ(offered, 1);
    EXPECT_EQ(window->document()->text().text(), edited);
    EXPECT_TRUE(window->isWindowModified());
    ASSERT_NE(window->result(), nullptr);
    EXPECT_EQ(window->result()->settings.discount_rate, 0.12);
    EXPECT_EQ(read(path), original);  // recovered into the window, not yet into the file
}

TEST_F(Studio, RecentFilesListTheOpenedStudies) {
    const QString a = copy("cnc_replacement.toml");
    const QString b = copy("palletising_robot.toml");
    ASSERT_TRUE(open(a));
    ASSERT_TRUE(open(b));
    EXPECT_EQ(eqroi::studio::RecentFiles::list(), (QStringList{b, a}));
    ASSERT_TRUE(open(a));
    EXPECT_EQ(eqroi::studio::RecentFiles::list(), (QStringList{a, b}));
    // A file that no longer exists is not offered.
    QFile::remove(b);
    EXPECT_EQ(eqroi::studio::RecentFiles::list(), QStringList{a});
}

TEST_F(Studio, RecomputeTimeOnEveryExample) {
    // The figure the issue asks for (< 50 ms from an edit to the views updated), over five
    // edits per example. Printed and recorded, not asserted (a loaded machine must not fail
    // the suite); what is asserted is that each edit's figures are core's.
    for (const char* name : {"cnc_replacement.toml", "compressed_air.toml",
                             "injection_moulding.toml", "palletising_robot.toml"}) {
        const QString path = copy(name);
        ASSERT_TRUE(open(path)) << name;
        ASSERT_NE(window->result(), nullptr) << name << ::testing::PrintToString(shown_diagnostics());
        ASSERT_TRUE(window->select(NodeRef{NodeKind::study, {}, {}}));
        std::vector<double> ms, engine;
        for (int edit = 1; edit <= 5; ++edit) {
            auto* box = static_cast<QDoubleSpinBox*>(spin(window->form(), "discount_rate"));
            ASSERT_NE(box, nullptr);
            const double rate = box->value() + 0.005;
            box->setValue(rate);
            wait();
            ASSERT_NE(window->result(), nullptr) << name;
            EXPECT_DOUBLE_EQ(window->result()->settings.discount_rate, rate);
            const eqroi::StudyResult reference = run_core(window->document()->text().text(), path);
            for (const auto& a : reference.alternatives)
                EXPECT_DOUBLE_EQ(alternative(*window->result(), a.id).measures.npv, a.measures.npv);
            ms.push_back(window->last_update_ms());
            engine.push_back(window->last_compute_ms());
        }
        std::sort(ms.begin(), ms.end());
        std::sort(engine.begin(), engine.end());
        std::cout << "[ recompute ] " << name << ": median " << ms[2] << " ms, max " << ms[4]
                  << " ms from the edit to the views updated (5 edits); of which parse + engine "
                     "median "
                  << engine[2] << " ms\n";
        RecordProperty(std::string(name) + " median ms", std::to_string(ms[2]));
    }
}

}  // namespace
