// The main window's menus and what their actions do: file handling, structure edits (each one
// StudyDocument edit, so one undo step), exports and the plugins view.
#include "main_window.hpp"

#include "charts/chart_export.hpp"
#include "charts/charts_panel.hpp"
#include "charts/review_pack.hpp"
#include "plugins_dialog.hpp"
#include "recent_files.hpp"
#include "risk_panel.hpp"

#include <QAction>
#include <QApplication>
#include <QDockWidget>
#include <QFileDialog>
#include <QFileInfo>
#include <QInputDialog>
#include <QKeySequence>
#include <QMenuBar>
#include <QStatusBar>
#include <QInputDialog>
#include <QSplitter>
#include <QTabWidget>
#include <QTreeView>
#include <QUndoStack>

#include <QtCharts/QChartView>

#include <set>

namespace eqroi::studio {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
const QString kStudyFilter = QObject::tr("Study files (*.toml);;All files (*)");
}  // namespace

void MainWindow::build_menus() {
    QMenu* file = menuBar()->addMenu(tr("&File"));
    file->addAction(tr("&Open..."), QKeySequence::Open, this, &MainWindow::open_dialog);
    recent_menu_ = file->addMenu(tr("Open &Recent"));
    save_action_ = file->addAction(tr("&Save"), QKeySequence::Save, this, [this] { save(); });
    save_as_action_ = file->addAction(tr("Save &As..."), QKeySequence::SaveAs, this,
                                      [this] { save_as_dialog(); });
    file->addSeparator();
    export_actions_ << file->addAction(tr("Export Chart as &PNG..."), this,
                                       [this] { export_chart_dialog(false); });
    export_actions_ << file->addAction(tr("Export Chart as S&VG..."), this,
                                       [this] { export_chart_dialog(true); });
    export_actions_ << file->addAction(tr("Export Review &Pack (PDF)..."), this,
                                       &MainWindow::export_report_dialog);
    file->addSeparator();
    file->addAction(tr("&Quit"), QKeySequence::Quit, this, &QWidget::close);
    update_recent_menu();

    QMenu* edit = menuBar()->addMenu(tr("&Edit"));
    QAction* undo = document_->undo_stack()->createUndoAction(this, tr("&Undo"));
    undo->setShortcut(QKeySequence::Undo);
    QAction* redo = document_->undo_stack()->createRedoAction(this, tr("&Redo"));
    redo->setShortcut(QKeySequence::Redo);
    edit->addAction(undo);
    edit->addAction(redo);
    edit->addSeparator();
    add_alternative_action_ =
        edit->addAction(tr("Add &Alternative..."), this, &MainWindow::add_alternative_dialog);
    duplicate_action_ = edit->addAction(tr("&Duplicate Alternative"), this, [this] {
        duplicate_alternative(selected_.alternative);
    });
    remove_alternative_action_ = edit->addAction(tr("Remove Alternative..."), this,
                                                 &MainWindow::remove_alternative_dialog);
    edit->addSeparator();
    add_model_action_ = edit->addAction(tr("Add &Model..."), this, &MainWindow::add_model_dialog);
    remove_model_action_ = edit->addAction(tr("Remove Model"), this, [this] {
        remove_model(selected_.alternative, selected_.model);
    });

    QMenu* view = menuBar()->addMenu(tr("&View"));
    view->addAction(problems_dock_->toggleViewAction());
    view->addAction(tr("Expand &Tree"), this, [this] { tree_->expandAll(); });
    all_charts_action_ = view->addAction(tr("&All Charts at Once"));
    all_charts_action_->setCheckable(true);
    all_charts_action_->setShortcut(tr("Ctrl+Shift+A"));
    connect(all_charts_action_, &QAction::toggled, this, [this](bool on) { show_all_charts(on); });

    QMenu* analysis = menuBar()->addMenu(tr("&Analysis"));
    run_risk_action_ = analysis->addAction(tr("Run &Risk Analysis"), this,
                                           [this] { run_risk_analysis(); });
    run_risk_action_->setShortcut(tr("Ctrl+R"));
    cancel_risk_action_ = analysis->addAction(tr("&Cancel Risk Analysis"), this,
                                              [this] { risk_->cancel(); });
    analysis->addAction(tr("Show Risk &Tab"), this, [this] { show_risk_tab(); });

    QMenu* help = menuBar()->addMenu(tr("&Help"));
    help->addAction(tr("&Plugins..."), this, [this] { show_plugins(); });
    help->addAction(tr("&About eqroi studio"), this, [this] {
        QMessageBox::about(this, tr("About eqroi studio"),
                           tr("eqroi studio compares equipment purchases with cost models from "
                              "plugins. Every figure comes from the eqroi engine, the same as "
                              "the eqroi command line tool.\n\nGPL-3.0."));
    });
}

void MainWindow::update_actions() {
    const bool open = document_->is_open();
    const bool has_alternative = selected_.kind != NodeKind::study && outline_.find(selected_.alternative);
    save_action_->setEnabled(open);
    save_as_action_->setEnabled(open);
    add_alternative_action_->setEnabled(open && outline_.valid_toml);
    duplicate_action_->setEnabled(has_alternative);
    remove_alternative_action_->setEnabled(has_alternative);
    add_model_action_->setEnabled(has_alternative);
    remove_model_action_->setEnabled(has_alternative && selected_.kind == NodeKind::model);
    for (QAction* a : export_actions_) a->setEnabled(result_ != nullptr);
    if (run_risk_action_) {  // the Risk tab may report a change before the menus exist
        run_risk_action_->setEnabled(risk_->can_run());
        cancel_risk_action_->setEnabled(risk_->running());
    }
}

void MainWindow::update_recent_menu() {
    recent_menu_->clear();
    const QStringList files = RecentFiles::list();
    for (const QString& f : files)
        recent_menu_->addAction(QFileInfo(f).fileName() + QStringLiteral("  \u2014  ") + f, this,
                                [this, f] { open_file(f); });
    if (!files.isEmpty()) {
        recent_menu_->addSeparator();
        recent_menu_->addAction(tr("Clear Menu"), this, [this] {
            RecentFiles::clear();
            update_recent_menu();
        });
    }
    recent_menu_->setEnabled(!files.isEmpty());
}

void MainWindow::open_dialog() {
    const QString dir = document_->is_open() ? QFileInfo(document_->path()).absolutePath() : QString();
    const QString path = QFileDialog::getOpenFileName(this, tr("Open Study"), dir, kStudyFilter);
    if (path.isEmpty()) return;
    if (!open_file(path) && !statusBar()->currentMessage().isEmpty())
        QMessageBox::warning(this, tr("Cannot open"), statusBar()->currentMessage());
}

bool MainWindow::save_as_dialog() {
    const QString path = QFileDialog::getSaveFileName(this, tr("Save Study As"), document_->path(),
                                                      kStudyFilter);
    return !path.isEmpty() && save_as(path);
}

// ---- structure edits ----------------------------------------------------------------------

std::string MainWindow::new_alternative_id(const QString& name) const {
    // lower_snake_case of the name, made unique: "Buy machine C" -> "buy_machine_c".
    std::string id;
    for (QChar c : name.toLower()) {
        if ((c >= QLatin1Char('a') && c <= QLatin1Char('z')) || (c >= QLatin1Char('0') && c <= QLatin1Char('9')))
            id += static_cast<char>(c.unicode());
        else if (!id.empty() && id.back() != '_')
            id += '_';
    }
    while (!id.empty() && id.back() == '_') id.pop_back();
    if (id.empty()) id = "alternative";
    std::string unique = id;
    for (int n = 2; outline_.find(unique); ++n) unique = id + "_" + std::to_string(n);
    return unique;
}

bool MainWindow::add_alternative(const QString& name) {
    const std::string id = new_alternative_id(name);
    QString error;
    if (!document_->edit(tr("Add alternative %1").arg(name),
                         [&](StudyText& t) { t.add_alternative(id, name.toStdString()); }, &error)) {
        report(error);
        return false;
    }
    select(NodeRef{NodeKind::alternative, id, {}});
    return true;
}

bool MainWindow::duplicate_alternative(const std::string& source) {
    const OutlineAlternative* alt = outline_.find(source);
    if (!alt) return false;
    const QString name = tr("%1 (copy)").arg(q(alt->name.empty() ? source : alt->name));
    const std::string id = new_alternative_id(q(source) + QStringLiteral(" copy"));
    QString error;
    if (!document_->edit(tr("Duplicate alternative %1").arg(q(source)),
                         [&](StudyText& t) { t.duplicate_alternative(source, id, name.toStdString()); },
                         &error)) {
        report(error);
        return false;
    }
    select(NodeRef{NodeKind::alternative, id, {}});
    return true;
}

bool MainWindow::remove_alternative(const std::string& id) {
    QString error;
    if (!document_->edit(tr("Remove alternative %1").arg(q(id)),
                         [&](StudyText& t) { t.remove_alternative(id); }, &error)) {
        report(error);
        return false;
    }
    select(NodeRef{NodeKind::study, {}, {}});
    return true;
}

bool MainWindow::add_model(const std::string& alternative, const std::string& model) {
    QString error;
    if (!document_->edit(tr("Add model %1 to %2").arg(q(model), q(alternative)),
                         [&](StudyText& t) { t.add_model(alternative, model); }, &error)) {
        report(error);
        return false;
    }
    select(NodeRef{NodeKind::model, alternative, model});
    return true;
}

bool MainWindow::remove_model(const std::string& alternative, const std::string& model) {
    QString error;
    if (!document_->edit(tr("Remove model %1 from %2").arg(q(model), q(alternative)),
                         [&](StudyText& t) { t.remove_model(alternative, model); }, &error)) {
        report(error);
        return false;
    }
    select(NodeRef{NodeKind::alternative, alternative, {}});
    return true;
}

void MainWindow::add_alternative_dialog() {
    bool ok = false;
    const QString name = QInputDialog::getText(this, tr("Add Alternative"),
                                               tr("Name of the new alternative:"),
                                               QLineEdit::Normal, tr("New alternative"), &ok);
    if (ok && !name.trimmed().isEmpty()) add_alternative(name.trimmed());
}

void MainWindow::remove_alternative_dialog() {
    const std::string id = selected_.alternative;
    if (id.empty()) return;
    if (QMessageBox::question(this, tr("Remove Alternative"),
                              tr("Remove the alternative '%1' and all its tables? (Edit > Undo "
                                 "brings it back.)")
                                  .arg(q(id))) == QMessageBox::Yes)
        remove_alternative(id);
}

void MainWindow::add_model_dialog() {
    const OutlineAlternative* alt = outline_.find(selected_.alternative);
    if (!alt) return;
    QStringList available;
    for (const Model& m : plugins_.registry->models())
        if (!alt->find_model(m.id()))
            available << QStringLiteral("%1 \u2014 %2").arg(q(m.id()), QString::fromUtf8(m.descriptor().name));
    if (available.isEmpty()) {
        report(tr("'%1' already uses every loaded model").arg(q(alt->id)));
        return;
    }
    bool ok = false;
    const QString choice = QInputDialog::getItem(this, tr("Add Model"),
                                                 tr("Model to add to '%1':").arg(q(alt->id)),
                                                 available, 0, false, &ok);
    if (ok) add_model(alt->id, choice.section(QStringLiteral(" \u2014 "), 0, 0).toStdString());
}

// ---- exports ------------------------------------------------------------------------------

QString MainWindow::suggested_export(const QString& what, const QString& suffix) const {
    const QFileInfo study(document_->path());
    QString name = what.toLower();
    name.replace(QLatin1Char(' '), QLatin1Char('_'));
    return study.absoluteDir().filePath(study.completeBaseName() + QLatin1Char('_') + name +
                                        QLatin1Char('.') + suffix);
}

bool MainWindow::export_chart(int index, const QString& path, bool svg) {
    const QList<QChartView*> views = charts_->chart_views();
    if (!result_ || index < 0 || index >= views.size()) {
        report(tr("No chart to export: the study has no results"));
        return false;
    }
    QString error;
    const bool ok = svg ? export_chart_svg(views[index], path, &error)
                        : export_chart_png(views[index], path, &error);
    report(ok ? tr("Wrote %1").arg(path) : error);
    return ok;
}

bool MainWindow::export_review_pack(const QString& path) {
    if (!result_ || !study_) {
        report(tr("No review pack: the study has no results"));
        return false;
    }
    QString error;
    const bool ok = write_review_pack(path, *study_, *result_, *charts_, &error);
    report(ok ? tr("Wrote %1").arg(path) : error);
    return ok;
}

bool MainWindow::export_risk_chart(int index, const QString& path, bool svg) {
    const QList<QChartView*> views = risk_->chart_views();
    if (!risk_->shown() || index < 0 || index >= views.size()) {
        report(tr("No risk chart to export: run the risk analysis first (Analysis > Run Risk "
                  "Analysis)"));
        return false;
    }
    QString error;
    const bool ok = svg ? export_chart_svg(views[index], path, &error)
                        : export_chart_png(views[index], path, &error);
    report(ok ? tr("Wrote %1").arg(path) : error);
    return ok;
}

void MainWindow::export_chart_dialog(bool svg) {
    if (results_tabs_->currentWidget() == risk_) {
        // The Risk tab shows four charts at once: the user says which.
        if (!risk_->shown()) {
            report(tr("No risk chart to export: run the risk analysis first"));
            return;
        }
        bool ok = false;
        const QStringList titles = risk_->chart_titles();
        const QString title = QInputDialog::getItem(this, tr("Export Chart"), tr("Chart:"), titles,
                                                    0, false, &ok);
        if (!ok) return;
        const int index = static_cast<int>(titles.indexOf(title));
        const QString path = QFileDialog::getSaveFileName(
            this, svg ? tr("Export Chart as SVG") : tr("Export Chart as PNG"),
            suggested_export(tr("risk ") + title, svg ? "svg" : "png"),
            svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
        if (!path.isEmpty() && !export_risk_chart(index, path, svg))
            QMessageBox::warning(this, tr("Export failed"), statusBar()->currentMessage());
        return;
    }
    // The chart of the current tab (the measures tab exports its NPV chart); with all charts
    // on one tab, the user says which.
    int index = charts_->currentIndex();
    if (!result_) {
        report(tr("No chart to export: the study has no results"));
        return;
    }
    if (charts_->all_at_once()) {
        bool ok = false;
        const QStringList titles = charts_->chart_titles();
        const QString title = QInputDialog::getItem(this, tr("Export Chart"), tr("Chart:"), titles,
                                                    0, false, &ok);
        if (!ok) return;
        index = static_cast<int>(titles.indexOf(title));
    }
    const QString path = QFileDialog::getSaveFileName(
        this, svg ? tr("Export Chart as SVG") : tr("Export Chart as PNG"),
        suggested_export(charts_->chart_titles().value(index), svg ? "svg" : "png"),
        svg ? tr("SVG images (*.svg)") : tr("PNG images (*.png)"));
    if (!path.isEmpty() && !export_chart(index, path, svg))
        QMessageBox::warning(this, tr("Export failed"), statusBar()->currentMessage());
}

void MainWindow::export_report_dialog() {
    if (!result_) {
        report(tr("No review pack: the study has no results"));
        return;
    }
    const QString path = QFileDialog::getSaveFileName(this, tr("Export Review Pack"),
                                                      suggested_export(tr("review pack"), "pdf"),
                                                      tr("PDF documents (*.pdf)"));
    if (!path.isEmpty() && !export_review_pack(path))
        QMessageBox::warning(this, tr("Export failed"), statusBar()->currentMessage());
}

}  // namespace eqroi::studio

namespace eqroi::studio {

void MainWindow::show_all_charts(bool on) {
    if (all_charts_action_ && all_charts_action_->isChecked() != on) {
        all_charts_action_->setChecked(on);  // comes back here through toggled
        return;
    }
    charts_->set_all_at_once(on);
    if (on) results_tabs_->setCurrentIndex(0);
    // The results tabs are the lower pane of the centre splitter.
    const int h = centre_->height();
    centre_->setSizes(on ? QList<int>{h / 4, h - h / 4} : QList<int>{h * 4 / 9, h - h * 4 / 9});
}

void MainWindow::show_risk_tab() {
    results_tabs_->setCurrentWidget(risk_);
    // Four charts and a table: three quarters of the height, as View > All Charts at Once.
    const int h = centre_->height();
    if (centre_->sizes().value(1) < h * 2 / 3) centre_->setSizes({h / 4, h - h / 4});
}

bool MainWindow::run_risk_analysis() {
    show_risk_tab();
    return risk_->run();
}

}  // namespace eqroi::studio
