// The main window on bad studies (syntax error, unknown model, a value out of range): the
// error is shown where it belongs, with core's own file:line:col text, and the window stays
// usable. Also the plugins view and the structure edits (add, duplicate, remove).
#include "studio_fixture.hpp"

#include "field_row.hpp"
#include "forms.hpp"
#include "plugins_dialog.hpp"

#include <eqroi/core/trust.hpp>

#include <QCryptographicHash>
#include <QDoubleSpinBox>
#include <QLabel>
#include <QListWidget>
#include <QStatusBar>
#include <QTreeView>
#include <QTreeWidget>
#include <QUndoStack>

using namespace studio_test;
using eqroi::studio::NodeKind;
using eqroi::studio::NodeRef;

namespace {

TEST_F(Studio, SyntaxErrorIsShownAndTheWindowStaysUsable) {
    const QString bad = dir.filePath("broken.toml");
    const std::string text = "[study]\nname = \"unterminated\nhorizon_years = 10\n";
    ASSERT_TRUE(write(bad, text));
    ASSERT_TRUE(open(bad));  // the file is readable: it opens, to show its error
    EXPECT_EQ(window->result(), nullptr);
    const auto expected = core_diagnostics(text, QFileInfo(bad).absoluteFilePath());
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(shown_diagnostics(), expected);
    // file:line:col of the unterminated string (line 2).
    EXPECT_EQ(expected.front().rfind(QFileInfo(bad).absoluteFilePath().toStdString() + ":2:", 0), 0u)
        << expected.front();
    ASSERT_GE(window->problems_view()->count(), 1);
    EXPECT_EQ(window->problems_view()->item(0)->text().toStdString(), expected.front());
    EXPECT_NE(window->statusBar()->currentMessage().indexOf(QString::fromStdString(expected.front())), -1);

    // Still usable: another study opens and computes.
    ASSERT_TRUE(open(copy("palletising_robot.toml")));
    ASSERT_NE(window->result(), nullptr);
    EXPECT_TRUE(window->diagnostics().empty());
}

TEST_F(Studio, UnknownModelIsMarkedInTheTreeAndItsForm) {
    const QString path = copy("cnc_replacement.toml");
    std::string text = read(path);
    const std::string header = "[alternative.models.training]";  // first one: buy_a's
    ASSERT_NE(text.find(header), std::string::npos);
    text.replace(text.find(header), header.size(), "[alternative.models.trainig]");
    ASSERT_TRUE(write(path, text));
    ASSERT_TRUE(open(path));
    EXPECT_EQ(window->result(), nullptr);
    const auto expected = core_diagnostics(text, path);
    ASSERT_FALSE(expected.empty());
    EXPECT_EQ(shown_diagnostics(), expected);
    EXPECT_NE(expected.front().find("trainig"), std::string::npos) << expected.front();

    // The tree still shows the study, with the bad model marked and its message as tooltip.
    const QModelIndex item = window->tree_model()->index_of(NodeRef{NodeKind::model, "buy_a", "trainig"});
    ASSERT_TRUE(item.isValid());
    EXPECT_NE(item.data(Qt::ToolTipRole).toString().indexOf(QString::fromStdString(expected.front())), -1);
    ASSERT_TRUE(window->select(NodeRef{NodeKind::model, "buy_a", "trainig"}));
    EXPECT_NE(window->form()->table_error()->text().indexOf(QString::fromStdString(expected.front())), -1)
        << window->form()->table_error()->text().toStdString();
    keep_screenshot(window.get(), "unknown_model");

    // Fixing it is an edit like any other: rename back by removing and adding the model.
    ASSERT_TRUE(window->remove_model("buy_a", "trainig"));
    wait();
    ASSERT_NE(window->result(), nullptr) << ::testing::PrintToString(shown_diagnostics());
}

TEST_F(Studio, ValueOutOfRangeIsMarkedAtItsField) {
    const QString path = copy("cnc_replacement.toml");
    std::string text = read(path);
    const std::string from = "weibull_shape = 2.2 ";
    ASSERT_NE(text.find(from), std::string::npos);
    text.replace(text.find(from), from.size(), "weibull_shape = 12  ");  // declared 0.1 .. 10
    ASSERT_TRUE(write(path, text));
    ASSERT_TRUE(open(path));
    const auto expected = core_diagnostics(text, path);
    ASSERT_EQ(expected.size(), 1u);
    EXPECT_EQ(shown_diagnostics(), expected);
    ASSERT_TRUE(window->select(NodeRef{NodeKind::model, "keep", "maintenance"}));
    const eqroi::studio::FieldRow* row = window->form()->row("weibull_shape");
    ASSERT_NE(row, nullptr);
    EXPECT_EQ(row->error_label()->text().toStdString(), expected.front());
    EXPECT_FALSE(row->error_label()->isHidden());
    // Shown as written, not clamped to the range.
    EXPECT_EQ(static_cast<QDoubleSpinBox*>(row->editor())->value(), 12);
    // Other fields carry no error.
    EXPECT_TRUE(window->form()->row("overhaul_cost")->error_label()->isHidden());
    // With no valid study to resolve against, the equipment block as written is still shown
    // as what the model inherits (3600 h, not the declared default).
    const eqroi::studio::FieldRow* hours = window->form()->row("operating_hours_per_year");
    EXPECT_EQ(static_cast<QDoubleSpinBox*>(hours->editor())->value(), 3600);
    EXPECT_EQ(hours->source_label()->text(), QStringLiteral("from the equipment block"));
    keep_screenshot(window.get(), "value_out_of_range");

    // Typing a valid value clears it and the results come back.
    auto* box = static_cast<QDoubleSpinBox*>(row->editor());
    box->setValue(2.2);
    wait();
    EXPECT_TRUE(window->diagnostics().empty());
    EXPECT_TRUE(window->form()->row("weibull_shape")->error_label()->isHidden());
    ASSERT_NE(window->result(), nullptr);
}

TEST_F(Studio, ExportsNeedResultsAndWriteTheFiles) {
    const QString bad = dir.filePath("broken.toml");
    ASSERT_TRUE(write(bad, "[study\n"));
    ASSERT_TRUE(open(bad));
    EXPECT_FALSE(window->export_chart(0, dir.filePath("none.png"), false));
    EXPECT_FALSE(window->export_review_pack(dir.filePath("none.pdf")));
    EXPECT_FALSE(QFileInfo::exists(dir.filePath("none.png")));

    ASSERT_TRUE(open(copy("injection_moulding.toml")));
    ASSERT_TRUE(window->export_chart(0, dir.filePath("cumulative.png"), false));
    ASSERT_TRUE(window->export_chart(1, dir.filePath("yearly.svg"), true));
    ASSERT_TRUE(window->export_review_pack(dir.filePath("pack.pdf")));
    // Signatures: PNG's 8-byte magic, an SVG document, a PDF header and trailer.
    const std::string png = read(dir.filePath("cumulative.png"));
    EXPECT_EQ(png.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    EXPECT_NE(read(dir.filePath("yearly.svg")).find("<svg"), std::string::npos);
    const std::string pdf = read(dir.filePath("pack.pdf"));
    EXPECT_EQ(pdf.substr(0, 5), "%PDF-");
    EXPECT_NE(pdf.find("%%EOF"), std::string::npos);
}

TEST_F(Studio, PluginsViewListsTheBundledPlugins) {
    ASSERT_TRUE(open(copy("cnc_replacement.toml")));
    eqroi::studio::PluginsDialog* dialog = window->show_plugins();
    ASSERT_NE(dialog, nullptr);
    const QTreeWidget* tree = dialog->plugins_tree();
    ASSERT_EQ(tree->topLevelItemCount(), 7);
    QStringList models;
    for (int i = 0; i < tree->topLevelItemCount(); ++i) {
        const QTreeWidgetItem* plugin = tree->topLevelItem(i);
        EXPECT_EQ(plugin->text(eqroi::studio::PluginsDialog::TrustColumn), QStringLiteral("bundled"));
        EXPECT_FALSE(plugin->text(eqroi::studio::PluginsDialog::VendorColumn).isEmpty());
        EXPECT_FALSE(plugin->text(eqroi::studio::PluginsDialog::VersionColumn).isEmpty());
        // The SHA-256 shown is that of the file's bytes (hashed here with Qt, not core).
        QFile file(plugin->data(eqroi::studio::PluginsDialog::FileColumn, Qt::UserRole).toString());
        EXPECT_EQ(QFileInfo(file.fileName()).fileName(), plugin->text(eqroi::studio::PluginsDialog::FileColumn));
        ASSERT_TRUE(file.open(QIODevice::ReadOnly)) << file.fileName().toStdString();
        EXPECT_EQ(plugin->text(eqroi::studio::PluginsDialog::Sha256Column),
                  QString::fromLatin1(QCryptographicHash::hash(file.readAll(), QCryptographicHash::Sha256).toHex()));
        for (int m = 0; m < plugin->childCount(); ++m) {
            models << plugin->child(m)->text(0);
            EXPECT_GT(plugin->child(m)->childCount(), 0) << "parameters of " << models.back().toStdString();
        }
    }
    for (const char* id : {"maintenance", "training", "spare_parts", "downtime", "operations",
                           "benefits", "schedule"})
        EXPECT_EQ(models.filter(QStringLiteral("(%1)").arg(id)).size(), 1) << id;
    // Nothing failed to load.
    ASSERT_EQ(dialog->problems_list()->count(), 1);
    EXPECT_TRUE(dialog->problems_list()->item(0)->text().startsWith("None"));
    keep_screenshot(dialog, "plugins_dialog");
    dialog->close();
}

TEST_F(Studio, PluginsViewKeepsRefusedPluginsAndTrustListErrors) {
    // A vendor directory on EQROI_PLUGIN_PATH with a copy of a bundled plugin and a file that
    // is not a library, neither approved; and a trust list beside the study that is not TOML.
    QTemporaryDir vendor;
    ASSERT_TRUE(vendor.isValid());
    ASSERT_TRUE(QFile::copy(QStringLiteral(EQROI_BUILD_DIR "/lib/eqroi/plugins/maintenance.so"),
                            vendor.filePath("acme_copy.so")));
    ASSERT_TRUE(write(vendor.filePath("broken.so"), "not an ELF file"));
    ASSERT_TRUE(write(dir.filePath("eqroi-trust.toml"), "[[plugin]\nsha256 = \n"));
    const QString path = copy("cnc_replacement.toml");
    qputenv("EQROI_PLUGIN_PATH", vendor.path().toLocal8Bit());
    const bool opened = open(path);  // the study's directory: plugins are loaded again
    qunsetenv("EQROI_PLUGIN_PATH");
    ASSERT_TRUE(opened);
    // The bundled models still load and the study computes.
    ASSERT_NE(window->result(), nullptr) << ::testing::PrintToString(shown_diagnostics());

    eqroi::studio::PluginsDialog* dialog = window->show_plugins();
    QStringList problems;
    for (int i = 0; i < dialog->problems_list()->count(); ++i)
        problems << dialog->problems_list()->item(i)->text();
    // The malformed list, at its file:line:col, and what that means.
    EXPECT_EQ(problems.filter(dir.filePath("eqroi-trust.toml") + ":1:").size(), 1) << problems.join('\n').toStdString();
    EXPECT_EQ(problems.filter("only the bundled plugins are trusted").size(), 1);
    // The unapproved library refused before any of its code ran; the file that is not a
    // library failed (the registry checks the ELF header first); each named.
    EXPECT_EQ(problems.filter("Refused (untrusted)").filter("acme_copy.so").size(), 1)
        << problems.join('\n').toStdString();
    EXPECT_EQ(problems.filter("Failed: ").filter("broken.so").size(), 1)
        << problems.join('\n').toStdString();
    EXPECT_EQ(dialog->plugins_tree()->topLevelItemCount(), 7);
    // The window's problems list names the trust list too.
    bool listed = false;
    for (int i = 0; i < window->problems_view()->count(); ++i)
        listed |= window->problems_view()->item(i)->text().contains("eqroi-trust.toml");
    EXPECT_TRUE(listed);
    keep_screenshot(dialog, "plugins_dialog_problems");
    dialog->close();
}

TEST_F(Studio, AddDuplicateAndRemoveAreEditsWithFigures) {
    const QString path = copy("cnc_replacement.toml");
    const std::string original = read(path);
    ASSERT_TRUE(open(path));

    // A copy of buy_a computes exactly buy_a's NPV.
    ASSERT_TRUE(window->duplicate_alternative("buy_a"));
    wait();
    ASSERT_NE(window->result(), nullptr) << ::testing::PrintToString(shown_diagnostics());
    ASSERT_EQ(window->result()->alternatives.size(), 4u);
    EXPECT_DOUBLE_EQ(alternative(*window->result(), "buy_a_copy").measures.npv,
                     alternative(*window->result(), "buy_a").measures.npv);
    EXPECT_EQ(window->selected(), (NodeRef{NodeKind::alternative, "buy_a_copy", {}}));
    EXPECT_EQ(window->document()->text().text().rfind(original, 0), 0u);  // appended, not rewritten

    // Removing a model of the copy: core's figures for the new text.
    ASSERT_TRUE(window->remove_model("buy_a_copy", "benefits"));
    wait();
    ASSERT_NE(window->result(), nullptr);
    const eqroi::StudyResult reference = run_core(window->document()->text().text(), path);
    EXPECT_DOUBLE_EQ(alternative(*window->result(), "buy_a_copy").measures.npv,
                     alternative(reference, "buy_a_copy").measures.npv);
    EXPECT_NE(alternative(reference, "buy_a_copy").measures.npv,
              alternative(reference, "buy_a").measures.npv);
    EXPECT_FALSE(window->tree_model()->index_of(NodeRef{NodeKind::model, "buy_a_copy", "benefits"}).isValid());

    // A new alternative appears in the tree and the results.
    ASSERT_TRUE(window->add_alternative("Lease machine C"));
    wait();
    EXPECT_TRUE(window->tree_model()->index_of(NodeRef{NodeKind::alternative, "lease_machine_c", {}}).isValid());
    ASSERT_NE(window->result(), nullptr) << ::testing::PrintToString(shown_diagnostics());
    EXPECT_EQ(window->result()->alternatives.size(), 5u);

    // Three edits, three undo steps back to the file's text.
    EXPECT_EQ(window->document()->undo_stack()->count(), 3);
    for (int i = 0; i < 3; ++i) window->document()->undo_stack()->undo();
    wait();
    EXPECT_EQ(window->document()->text().text(), original);
    EXPECT_FALSE(window->isWindowModified());
    EXPECT_EQ(window->result()->alternatives.size(), 3u);
    EXPECT_FALSE(window->tree_model()->index_of(NodeRef{NodeKind::alternative, "buy_a_copy", {}}).isValid());
}

}  // namespace
