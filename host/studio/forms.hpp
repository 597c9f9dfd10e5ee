// The forms of the editor: study settings, an alternative (name, capital, shared equipment
// values) and a model of an alternative (generated from the plugin's parameter descriptors).
// Each form is a thin view: it shows the document's text (through the outline), what core
// resolved (resolve_param) and core's diagnostics, and turns each user change into one
// StudyDocument edit.
#pragma once

#include "field_row.hpp"
#include "study_outline.hpp"

#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <QString>
#include <QWidget>

#include <string>
#include <vector>

QT_BEGIN_NAMESPACE
class QGridLayout;
class QLabel;
QT_END_NAMESPACE

namespace eqroi::studio {

class StudyDocument;

/// What a form shows, valid for the duration of refresh().
struct FormContext {
    const StudyOutline* outline = nullptr;   ///< of the current text; never null
    /// The latest valid study (possibly of an earlier text when the current one has errors);
    /// null when none was ever valid. Used for inherited values (resolve_param).
    const Study* study = nullptr;
    const PluginRegistry* registry = nullptr;  ///< never null
    const std::vector<Diagnostic>* diagnostics = nullptr;  ///< of the current text; never null
};

/// "EUR/yr" for "currency/yr" in a EUR study; "" for a fraction (0.05 is shown as 0.05).
QString unit_text(const std::string& unit, const std::string& currency);

/// Base of the three forms: a title, an error line for the table itself, and rows of fields.
class StudyForm : public QWidget {
    Q_OBJECT
public:
    StudyForm(StudyDocument* document, QWidget* parent);

    /// Shows the current values, sources and errors; never emits edits.
    virtual void refresh(const FormContext& context) = 0;

    const std::vector<FieldRow*>& rows() const noexcept { return rows_; }
    /// The first row editing `key` (nullptr when none).
    FieldRow* row(const std::string& key) const;
    /// The error shown for the form's table itself (a missing required value, an unknown model).
    QLabel* table_error() const noexcept { return table_error_; }

signals:
    /// An edit StudyText refused (its message), for the status bar.
    void edit_failed(const QString& message);

protected:
    FieldRow* add_row(FieldSpec spec);
    void add_heading(const QString& text);
    void set_title(const QString& title, const QString& subtitle);
    /// The diagnostics at `field` (a key, or the table itself when key is empty), one per line.
    static QString errors_at(const FormContext& context, const FieldRef& field);
    /// Sets each row's error and the table-level error for `table`.
    void show_table_error(const FormContext& context, const FieldRef& table);

    StudyDocument* document_;

private:
    void apply(const FieldRef& field, const StudyValue& value);
    void reset(const FieldRef& field);

    QLabel* title_ = nullptr;
    QLabel* subtitle_ = nullptr;
    QLabel* table_error_ = nullptr;
    QGridLayout* grid_ = nullptr;
    int next_row_ = 0;
    std::vector<FieldRow*> rows_;
};

/// [study]: name, currency, horizon, periods, rates, tax, baseline and conventions.
class StudySettingsForm : public StudyForm {
    Q_OBJECT
public:
    StudySettingsForm(StudyDocument* document, const StudyOutline& outline, QWidget* parent);
    void refresh(const FormContext& context) override;
};

/// One alternative: its name, [alternative.capital] and the [alternative.equipment] values its
/// models share (keys already written, and keys declared by more than one of its models).
class AlternativeForm : public StudyForm {
    Q_OBJECT
public:
    AlternativeForm(StudyDocument* document, const StudyOutline& outline,
                    const PluginRegistry& registry, std::string alternative, QWidget* parent);
    void refresh(const FormContext& context) override;

private:
    std::string alternative_;
};

/// One model of an alternative, a row per parameter of the plugin's descriptor: the value
/// written in the model's table, else the inherited one (equipment block, study, declared
/// default) marked as such, with Reset to go back to inherited.
class ModelForm : public StudyForm {
    Q_OBJECT
public:
    ModelForm(StudyDocument* document, const StudyOutline& outline, const PluginRegistry& registry,
              std::string alternative, std::string model, QWidget* parent);
    void refresh(const FormContext& context) override;

private:
    std::string alternative_, model_;
    bool known_ = false;  ///< the registry has the model
};

}  // namespace eqroi::studio
