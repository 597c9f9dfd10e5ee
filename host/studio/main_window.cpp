// The main window's views and how they follow the document: outline -> tree and form at once,
// then core's outcome -> results, problems and the form's errors. Menus and actions are in
// main_window_actions.cpp.
#include "main_window.hpp"

#include "charts/charts_panel.hpp"
#include "forms.hpp"
#include "plugins_dialog.hpp"
#include "recent_files.hpp"
#include "risk_panel.hpp"

#include <QCloseEvent>
#include <QDir>
#include <QDockWidget>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QLocale>
#include <QScrollArea>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTreeView>
#include <QUndoStack>
#include <QVBoxLayout>

namespace eqroi::studio {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

QString money_text(double amount, const QString& currency) {
    const QString number = QLocale().toString(amount, 'f', 0);
    return currency.isEmpty() ? number : number + QLatin1Char(' ') + currency;
}

MainWindow::MainWindow(QWidget* parent)
    : QMainWindow(parent),
      document_(new StudyDocument(this)),
      recomputer_(new Recomputer(this)) {
    // Plugins of the current directory until a study is opened (then: of its directory).
    plugins_ = load_plugins(std::filesystem::current_path());
    recomputer_->set_plugins(plugins_.registry);
    build_views();
    build_menus();
    set_recover_prompt({});
    save_prompt_ = [this](const QString& file) {
        return QMessageBox::warning(
            this, tr("Unsaved changes"),
            tr("%1 has changes that are not saved. Save them?").arg(file),
            QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel, QMessageBox::Save);
    };
    connect(document_, &StudyDocument::text_changed, this, &MainWindow::on_text_changed);
    connect(document_, &StudyDocument::modified_changed, this, &MainWindow::update_title);
    connect(document_, &StudyDocument::path_changed, this, [this] {
        // Another file (or the same under a new name): nothing of the previous outcome may be
        // shown against it. Its own outcome follows its text_changed.
        study_.reset();
        result_.reset();
        diagnostics_.clear();
        risk_->reset();
        first_outcome_ = true;
        update_title();
    });
    connect(document_, &StudyDocument::autosave_failed, this,
            [this](const QString& m) { report(tr("Autosave failed: %1").arg(m)); });
    connect(recomputer_, &Recomputer::finished, this, &MainWindow::on_outcome);
    update_title();
    update_actions();
    resize(1400, 900);
}

MainWindow::~MainWindow() {
    // Results must not arrive into half-destroyed views.
    recomputer_->disconnect(this);
    document_->disconnect(this);
}

StudyForm* MainWindow::form() const noexcept { return form_.data(); }

void MainWindow::set_recover_prompt(StudyDocument::RecoverPrompt prompt) {
    if (!prompt) {
        prompt = [this](const QString& autosave, const QDateTime& when) {
            return QMessageBox::question(
                       this, tr("Recover unsaved edits?"),
                       tr("Edits to this study were saved automatically on %1 but never saved to "
                          "the file (the studio may have been closed unexpectedly).\n\n"
                          "Recover them? (%2)")
                           .arg(QLocale().toString(when, QLocale::LongFormat), autosave),
                       QMessageBox::Yes | QMessageBox::No, QMessageBox::Yes) == QMessageBox::Yes;
        };
    }
    document_->set_recover_prompt(std::move(prompt));
}

void MainWindow::build_views() {
    tree_model_ = new StudyTreeModel(this);
    tree_ = new QTreeView;
    tree_->setModel(tree_model_);
    tree_->setHeaderHidden(true);
    tree_->setSelectionMode(QAbstractItemView::SingleSelection);
    connect(tree_->selectionModel(), &QItemSelectionModel::currentChanged, this,
            &MainWindow::on_tree_selection);

    form_area_ = new QScrollArea;
    form_area_->setWidgetResizable(true);
    form_area_->setFrameShape(QFrame::NoFrame);

    summary_ = new QLabel;
    summary_->setObjectName(QStringLiteral("summary"));
    summary_->setWordWrap(true);
    summary_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    charts_ = new ChartsPanel;

    auto* results = new QWidget;
    auto* results_layout = new QVBoxLayout(results);
    results_layout->setContentsMargins(0, 0, 0, 0);
    results_layout->addWidget(summary_);
    results_layout->addWidget(charts_, 1);

    // The risk analysis beside the deterministic results: same place, same study.
    risk_ = new RiskPanel;
    results_tabs_ = new QTabWidget;
    results_tabs_->setObjectName(QStringLiteral("results_tabs"));
    results_tabs_->setDocumentMode(true);
    results_tabs_->addTab(results, tr("Results"));
    results_tabs_->addTab(risk_, tr("Risk"));
    connect(risk_, &RiskPanel::state_changed, this, &MainWindow::update_actions);

    centre_ = new QSplitter(Qt::Vertical);
    centre_->addWidget(form_area_);
    centre_->addWidget(results_tabs_);
    centre_->setStretchFactor(0, 1);
    centre_->setStretchFactor(1, 1);
    centre_->setSizes({400, 500});

    auto* main = new QSplitter(Qt::Horizontal);
    main->addWidget(tree_);
    main->addWidget(centre_);
    main->setStretchFactor(1, 1);
    main->setSizes({300, 1100});
    setCentralWidget(main);

    problems_ = new QListWidget;
    problems_->setObjectName(QStringLiteral("problems"));
    problems_->setWordWrap(true);
    problems_dock_ = new QDockWidget(tr("Problems"), this);
    problems_dock_->setObjectName(QStringLiteral("problems_dock"));
    problems_dock_->setWidget(problems_);
    addDockWidget(Qt::BottomDockWidgetArea, problems_dock_);
    problems_dock_->hide();
    // Double-clicking a problem shows the item it is about.
    connect(problems_, &QListWidget::itemActivated, this, [this](QListWidgetItem* item) {
        const auto field = outline_.field_at(item->data(Qt::UserRole).toInt());
        if (!field) return;
        if (field->section == Section::study) select(NodeRef{NodeKind::study, {}, {}});
        else if (field->section == Section::model)
            select(NodeRef{NodeKind::model, field->alternative, field->model});
        else select(NodeRef{NodeKind::alternative, field->alternative, {}});
    });
    statusBar()->showMessage(tr("Open a study (File > Open)"));
}

bool MainWindow::open_file(const QString& path) {
    if (!maybe_save()) return false;
    const QFileInfo info(path);
    // The trust policy depends on the study's directory (its eqroi-trust.toml).
    const std::filesystem::path dir = info.absoluteDir().absolutePath().toStdString();
    if (plugins_.study_directory != dir) {
        plugins_ = load_plugins(dir);
        recomputer_->set_plugins(plugins_.registry);
    }
    QString error;
    if (!document_->open(path, &error)) {
        report(error);
        problems_->clear();
        problems_->addItem(error);
        problems_dock_->show();
        RecentFiles::remove(path);
        update_recent_menu();
        return false;
    }
    RecentFiles::add(document_->path());
    update_recent_menu();
    return true;
}

bool MainWindow::save() {
    if (!document_->is_open()) return save_as_dialog();
    QString error;
    if (!document_->save(&error)) {
        report(tr("Not saved: %1").arg(error));
        return false;
    }
    statusBar()->showMessage(tr("Saved %1").arg(document_->path()), 5000);
    return true;
}

bool MainWindow::save_as(const QString& path) {
    QString error;
    if (!document_->save_as(path, &error)) {
        report(tr("Not saved: %1").arg(error));
        return false;
    }
    RecentFiles::add(document_->path());
    update_recent_menu();
    on_text_changed();  // the file name in messages changed
    return true;
}

void MainWindow::on_text_changed() {
    const std::string file = document_->path().toStdString();
    // Core starts on the new text first, so it works while the tree and form follow here.
    recomputer_->request(document_->text().text(), file);
    outline_ = StudyOutline::read(document_->text().text(), file);
    if (!outline_.valid_toml) diagnostics_ = {outline_.syntax_error};
    if (tree_model_->update(outline_, plugins_.registry.get(), diagnostics_)) {
        tree_->expandAll();
        if (!select(selected_)) select(NodeRef{NodeKind::study, {}, {}});
    }
    if (form_signature() != form_signature_) show_form();
    else refresh_form();
    update_actions();
}

void MainWindow::on_outcome(const std::shared_ptr<const RecomputeOutcome>& outcome) {
    if (outcome->study) study_ = outcome->study;
    result_ = outcome->result;
    diagnostics_ = outcome->diagnostics;
    if (result_)
        charts_->set_result(*result_, q(result_->settings.currency));
    else
        charts_->clear();
    // The risk run needs a study that evaluates; one that does not keeps the last run shown.
    risk_->set_study(result_ ? outcome->study : nullptr, plugins_.registry,
                     diagnostics_.empty() ? QString() : q(diagnostics_.front().to_string()));
    tree_model_->update(outline_, plugins_.registry.get(), diagnostics_);
    refresh_form();
    show_problems();
    show_summary();
    last_update_ms_ = recomputer_->elapsed_ms();
    last_compute_ms_ = outcome->compute_ns / 1e6;
    // The first outcome of a file includes loading it and drawing every chart afresh; the
    // figure that matters while editing is the one after each edit.
    if (result_ && first_outcome_)
        statusBar()->showMessage(tr("Opened %1: computed in %2 ms")
                                     .arg(document_->file_name())
                                     .arg(last_update_ms_, 0, 'f', 0));
    else if (result_)
        statusBar()->showMessage(tr("Recomputed in %1 ms").arg(last_update_ms_, 0, 'f', 0));
    else
        statusBar()->showMessage(tr("%n problem(s): %1", nullptr, static_cast<int>(diagnostics_.size()))
                                     .arg(diagnostics_.empty() ? QString() : q(diagnostics_.front().to_string())));
    first_outcome_ = false;
    update_actions();
    emit results_shown(last_update_ms_);
}

void MainWindow::show_problems() {
    problems_->clear();
    for (const Diagnostic& d : diagnostics_) {
        auto* item = new QListWidgetItem(q(d.to_string()), problems_);
        item->setData(Qt::UserRole, d.where.line);
        item->setForeground(QColor(0xc6, 0x28, 0x28));
    }
    for (const std::string& p : plugins_.problems)
        problems_->addItem(tr("Plugins: %1").arg(q(p)));
    if (!diagnostics_.empty() && problems_dock_->isHidden()) {
        problems_dock_->show();
        resizeDocks({problems_dock_}, {140}, Qt::Vertical);  // a few lines, not half the window
    } else if (diagnostics_.empty()) {
        problems_dock_->hide();
    }
}

void MainWindow::show_summary() {
    if (!result_) {
        summary_->setText(diagnostics_.empty() ? QString()
                                               : tr("No results: the study has %n problem(s), "
                                                    "listed under Problems.", nullptr,
                                                    static_cast<int>(diagnostics_.size())));
        return;
    }
    const QString currency = q(result_->settings.currency);
    QStringList parts;
    for (const AlternativeResult& a : result_->alternatives) {
        QString s = QStringLiteral("<b>%1</b> %2").arg(q(a.name).toHtmlEscaped(),
                                                         money_text(a.measures.npv, currency));
        if (a.is_baseline) s += tr(" (baseline)");
        else if (a.rank == 1) s += tr(" (highest NPV)");
        parts << s;
    }
    summary_->setText(tr("NPV at %1 %: ").arg(result_->settings.discount_rate * 100, 0, 'g', 4) +
                      parts.join(QStringLiteral(" &nbsp;\u00b7&nbsp; ")));
}

void MainWindow::on_tree_selection() {
    const NodeRef node = tree_model_->node(tree_->currentIndex());
    if (!tree_->currentIndex().isValid() || node == selected_) return;
    selected_ = node;
    show_form();
    update_actions();
}

bool MainWindow::select(const NodeRef& node) {
    const QModelIndex index = tree_model_->index_of(node);
    if (!index.isValid()) return false;
    selected_ = node;
    tree_->setCurrentIndex(index);  // on_tree_selection sees the same node: no second form
    show_form();
    update_actions();
    return true;
}

QString MainWindow::form_signature() const {
    // What a form is built from: when it changes, the form is built again; otherwise it is
    // only refreshed (keeping the user's focus and scroll position).
    QString s = QStringLiteral("%1|%2|%3|").arg(static_cast<int>(selected_.kind))
                    .arg(q(selected_.alternative), q(selected_.model));
    if (const WrittenValue* c = outline_.study.find("currency")) s += q(c->text);
    if (const OutlineAlternative* a = outline_.find(selected_.alternative)) {
        s += QLatin1Char('|') + q(a->name);
        for (const auto& m : a->models) s += QLatin1Char('|') + q(m.id);
        for (const auto& k : a->equipment.keys) s += QLatin1Char('|') + q(k.key);
    }
    return s;
}

void MainWindow::show_form() {
    // The old form may be the sender of the edit that got us here: delete it later.
    if (form_) {
        form_area_->takeWidget();
        form_->hide();
        form_->deleteLater();
    }
    form_signature_ = form_signature();
    StudyForm* form = nullptr;
    if (!document_->is_open() || !outline_.valid_toml) {
        form_ = nullptr;
        return;
    }
    const PluginRegistry& registry = *plugins_.registry;
    switch (selected_.kind) {
        case NodeKind::study: form = new StudySettingsForm(document_, outline_, nullptr); break;
        case NodeKind::alternative:
            form = new AlternativeForm(document_, outline_, registry, selected_.alternative, nullptr);
            break;
        case NodeKind::model:
            form = new ModelForm(document_, outline_, registry, selected_.alternative,
                                 selected_.model, nullptr);
            break;
    }
    connect(form, &StudyForm::edit_failed, this, &MainWindow::report);
    form_ = form;
    form_area_->setWidget(form);
    refresh_form();
}

void MainWindow::refresh_form() {
    if (!form_) return;
    FormContext context;
    context.outline = &outline_;
    context.study = study_.get();
    context.registry = plugins_.registry.get();
    context.diagnostics = &diagnostics_;
    form_->refresh(context);
}

void MainWindow::update_title() {
    if (!document_->is_open()) {
        setWindowTitle(tr("eqroi studio"));
        return;
    }
    setWindowTitle(tr("%1[*] \u2014 eqroi studio").arg(document_->file_name()));
    setWindowModified(document_->is_modified());
}

void MainWindow::report(const QString& message) { statusBar()->showMessage(message); }

bool MainWindow::maybe_save() {
    if (!document_->is_modified()) return true;
    switch (save_prompt_(document_->file_name())) {
        case QMessageBox::Save: return save();
        case QMessageBox::Discard: document_->discard(); return true;
        default: return false;
    }
}

void MainWindow::closeEvent(QCloseEvent* event) {
    if (maybe_save())
        event->accept();
    else
        event->ignore();
}

PluginsDialog* MainWindow::show_plugins() {
    auto* dialog = new PluginsDialog(plugins_, this);
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    dialog->show();
    return dialog;
}

}  // namespace eqroi::studio
