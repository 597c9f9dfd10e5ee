// One row of a form: a label, an editor that fits the value (spin box with the declared range
// and unit, check box, choice list, per-period list), where the shown value comes from, a reset
// button and the error the study has at this key.
#pragma once

#include "study_outline.hpp"

#include <QDoubleSpinBox>
#include <QObject>
#include <QString>
#include <QStringList>

#include <optional>

QT_BEGIN_NAMESPACE
class QGridLayout;
class QLabel;
class QToolButton;
class QWidget;
QT_END_NAMESPACE

namespace eqroi::studio {

/// What a field edits and how: from a plugin's parameter descriptor, or from the study format
/// for the study and capital keys.
struct FieldSpec {
    enum class Kind { number, integer, boolean, choice, per_period, text };
    FieldRef ref;
    Kind kind = Kind::number;
    QString label;
    QString unit;   ///< shown after the value ("EUR/yr", "h"); "" for none
    QString help;   ///< tooltip
    QStringList choices;
    double minimum = -1e15, maximum = 1e15;
    /// Only model parameters can go back to inherited (StudyText::remove_model_value).
    bool resettable = false;
};

/// What a field shows now.
struct FieldState {
    /// As written in the field's own table; nullopt when the file does not give it.
    std::optional<StudyValue> written;
    /// The value that applies when it is not written here, and where it comes from
    /// ("from the equipment block", "from the study", "default"); nullopt = none ("required").
    std::optional<StudyValue> inherited;
    QString inherited_from;
    /// The study's problem at this key (a diagnostic's full text, as the CLI prints it).
    QString error;
};

/// A QDoubleSpinBox that shows numbers as written ("9000", "0.015"), not padded to its
/// decimals.
class NumberSpinBox : public QDoubleSpinBox {
    Q_OBJECT
public:
    explicit NumberSpinBox(QWidget* parent = nullptr);
    QString textFromValue(double value) const override;
};

/// The widgets of one field, placed in row `row` of a form's grid: label | editor | source |
/// reset, and the error under them. Editors commit when the user finishes (Enter, focus out,
/// arrow step, toggle), never while typing, so each change is one undo step.
class FieldRow : public QObject {
    Q_OBJECT
public:
    FieldRow(FieldSpec spec, QGridLayout* grid, int row, QWidget* parent);

    const FieldSpec& spec() const noexcept { return spec_; }
    /// Shows a state; emits nothing.
    void set_state(const FieldState& state);
    /// For the choice of a study's baseline: the alternative ids change with the study.
    void set_choices(const QStringList& choices);
    QWidget* editor() const noexcept { return editor_; }
    QLabel* error_label() const noexcept { return error_; }
    QLabel* source_label() const noexcept { return source_; }
    QToolButton* reset_button() const noexcept { return reset_; }

signals:
    /// The user set a value.
    void edited(const eqroi::studio::FieldRef& field, const eqroi::StudyValue& value);
    /// The user asked for the inherited value back.
    void reset_requested(const eqroi::studio::FieldRef& field);

private:
    void build_editor(QWidget* parent);
    void show_value(const StudyValue& value);
    void mark(bool inherited, const QString& error);
    void commit_per_period();

    FieldSpec spec_;
    QWidget* editor_ = nullptr;
    QLabel* label_ = nullptr;
    QLabel* source_ = nullptr;
    QToolButton* reset_ = nullptr;
    QLabel* error_ = nullptr;
    QString local_error_;  ///< a per-period list that is not numbers (checked before core)
};

}  // namespace eqroi::studio
