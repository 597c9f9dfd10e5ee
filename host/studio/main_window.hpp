// The studio's main window: the tree of alternatives and models, the form of the selected item,
// the results (ChartsPanel; the risk analysis in RiskPanel, on the tab beside it) and the
// problems of the study. A thin view over StudyDocument (the text and its edits), Recomputer
// (core's results for the newest text) and RiskRunner (core's risk run, on demand).
#pragma once

#include "recompute.hpp"
#include "study_document.hpp"
#include "study_outline.hpp"
#include "study_tree_model.hpp"

#include <QMainWindow>
#include <QMessageBox>
#include <QPointer>

#include <functional>
#include <memory>
#include <vector>

QT_BEGIN_NAMESPACE
class QAction;
class QDockWidget;
class QLabel;
class QListWidget;
class QMenu;
class QScrollArea;
class QSplitter;
class QTabWidget;
class QTreeView;
QT_END_NAMESPACE

namespace eqroi::studio {

class ChartsPanel;
class PluginsDialog;
class RiskPanel;
class StudyForm;

/// "1,234,568 EUR": an amount as the window shows it, rounded to whole units in the user's
/// locale (the summary line; the charts format their own).
QString money_text(double amount, const QString& currency);

/// The application window. Owns the document, the recomputer, the loaded plugins and the views.
/// Every method is for the GUI thread.
class MainWindow : public QMainWindow {
    Q_OBJECT
public:
    explicit MainWindow(QWidget* parent = nullptr);
    ~MainWindow() override;

    /// Opens a study (after asking about unsaved edits). No dialog on failure: the message goes
    /// to the status bar and the problems list, and false is returned (the menu action also
    /// shows it in a message box).
    bool open_file(const QString& path);
    bool save();
    bool save_as(const QString& path);

    /// Structure edits without dialogs (the Edit menu asks for names, then calls these).
    /// False, with the reason in the status bar, when StudyText refuses.
    bool add_alternative(const QString& name);
    bool duplicate_alternative(const std::string& id);
    bool remove_alternative(const std::string& id);
    bool add_model(const std::string& alternative, const std::string& model);
    bool remove_model(const std::string& alternative, const std::string& model);

    /// Writes the chart of tab `index` of the results as PNG (or SVG), or the PDF review pack.
    /// False, with the reason in the status bar, when there are no results or writing fails.
    bool export_chart(int index, const QString& path, bool svg);
    /// The same for chart `index` of the Risk tab (RiskPanel::chart_views()); false, with the
    /// reason in the status bar, before a run has been shown.
    bool export_risk_chart(int index, const QString& path, bool svg);
    bool export_review_pack(const QString& path);

    /// Selects a tree item, which shows its form. False when the study has no such item.
    bool select(const NodeRef& node);
    NodeRef selected() const noexcept { return selected_; }

    /// Help > Plugins (non-modal; deleted on close).
    PluginsDialog* show_plugins();

    /// Asked on close or open with unsaved edits: Save, Discard or Cancel. The default shows a
    /// message box; tests answer directly.
    using SavePrompt = std::function<QMessageBox::StandardButton(const QString& file_name)>;
    void set_save_prompt(SavePrompt prompt) { save_prompt_ = std::move(prompt); }
    /// Asked when an autosave newer than the opened file exists (default: a message box).
    void set_recover_prompt(StudyDocument::RecoverPrompt prompt);

    StudyDocument* document() const noexcept { return document_; }
    Recomputer* recomputer() const noexcept { return recomputer_; }
    const LoadedPlugins& plugins() const noexcept { return plugins_; }
    const StudyOutline& outline() const noexcept { return outline_; }
    /// The newest outcome's result (null while the text has errors).
    std::shared_ptr<const StudyResult> result() const noexcept { return result_; }
    /// The newest valid study (may be of an earlier text when the current one has errors).
    std::shared_ptr<const Study> study() const noexcept { return study_; }
    /// The problems of the current text (file:line:col), as the CLI reports them.
    const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }
    /// Milliseconds from the last edit to its results shown, or -1 before the first.
    double last_update_ms() const noexcept { return last_update_ms_; }
    /// Of which parse_study + Engine::run on the worker.
    double last_compute_ms() const noexcept { return last_compute_ms_; }

    QTreeView* tree() const noexcept { return tree_; }
    StudyTreeModel* tree_model() const noexcept { return tree_model_; }
    StudyForm* form() const noexcept;
    QListWidget* problems_view() const noexcept { return problems_; }
    /// "NPV at 9 %: Keep ... −1,234 EUR · Buy A ... 5,678 EUR (best)".
    QLabel* summary() const noexcept { return summary_; }
    ChartsPanel* charts() const noexcept { return charts_; }
    /// The Risk tab (beside the deterministic results): the study's Monte Carlo run, on demand.
    RiskPanel* risk() const noexcept { return risk_; }
    /// The two result tabs: "Results" (summary and charts) and "Risk".
    QTabWidget* results_tabs() const noexcept { return results_tabs_; }
    /// Analysis > Run Risk Analysis: shows the Risk tab (given three quarters of the height)
    /// and starts a run with its trials and seed. False, with the reason on the tab, when the
    /// study cannot be run (no valid study, no [[uncertain]] inputs, a run under way).
    bool run_risk_analysis();
    void show_risk_tab();
    /// View > All Charts at Once: the four charts in one grid, given three quarters of the
    /// height (the form keeps the rest), or back to one chart per tab.
    void show_all_charts(bool on);

signals:
    /// Every view shows the newest outcome (results or problems); `ms` since the edit.
    void results_shown(double ms);

protected:
    void closeEvent(QCloseEvent* event) override;

private:
    void build_views();
    void build_menus();
    void on_text_changed();
    void on_outcome(const std::shared_ptr<const RecomputeOutcome>& outcome);
    void on_tree_selection();
    void show_form();
    void refresh_form();
    void show_problems();
    void show_summary();
    void update_title();
    void update_actions();
    void update_recent_menu();
    /// True when it is fine to replace or close the document (saved, discarded, or clean).
    bool maybe_save();
    void report(const QString& message);
    QString form_signature() const;
    std::string new_alternative_id(const QString& name) const;

    // Menu actions (dialogs, then the methods above).
    void open_dialog();
    bool save_as_dialog();
    void add_alternative_dialog();
    void remove_alternative_dialog();
    void add_model_dialog();
    void export_chart_dialog(bool svg);
    void export_report_dialog();
    /// `dir/study_<what>.<suffix>` beside the study.
    QString suggested_export(const QString& what, const QString& suffix) const;

    StudyDocument* document_ = nullptr;
    Recomputer* recomputer_ = nullptr;
    LoadedPlugins plugins_;
    StudyOutline outline_;
    std::shared_ptr<const Study> study_;
    std::shared_ptr<const StudyResult> result_;
    std::vector<Diagnostic> diagnostics_;
    double last_update_ms_ = -1;
    double last_compute_ms_ = -1;
    bool first_outcome_ = false;  ///< the next outcome is the first of a newly opened file
    NodeRef selected_;
    QString form_signature_;

    QTreeView* tree_ = nullptr;
    StudyTreeModel* tree_model_ = nullptr;
    QScrollArea* form_area_ = nullptr;
    QPointer<StudyForm> form_;
    QListWidget* problems_ = nullptr;
    QDockWidget* problems_dock_ = nullptr;
    QLabel* summary_ = nullptr;
    ChartsPanel* charts_ = nullptr;
    RiskPanel* risk_ = nullptr;
    QTabWidget* results_tabs_ = nullptr;
    QSplitter* centre_ = nullptr;  ///< form above, results below
    QAction* run_risk_action_ = nullptr;
    QAction* cancel_risk_action_ = nullptr;
    QMenu* recent_menu_ = nullptr;
    QAction* save_action_ = nullptr;
    QAction* all_charts_action_ = nullptr;
    QAction* save_as_action_ = nullptr;
    QAction* duplicate_action_ = nullptr;
    QAction* remove_alternative_action_ = nullptr;
    QAction* add_alternative_action_ = nullptr;
    QAction* add_model_action_ = nullptr;
    QAction* remove_model_action_ = nullptr;
    QList<QAction*> export_actions_;
    SavePrompt save_prompt_;
};

}  // namespace eqroi::studio
