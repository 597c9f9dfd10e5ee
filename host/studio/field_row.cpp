#include "field_row.hpp"

#include <QCheckBox>
#include <QComboBox>
#include <QGridLayout>
#include <QLabel>
#include <QLineEdit>
#include <QLocale>
#include <QSignalBlocker>
#include <QSpinBox>
#include <QToolButton>
#include <QWheelEvent>

#include <algorithm>
#include <climits>
#include <cmath>

namespace eqroi::studio {

namespace {

constexpr double kWidest = 1e15;  // beyond this a spin box is unusable; ranges are clipped

double clip(double x) { return std::clamp(x, -kWidest, kWidest); }

int to_int(double x) {
    return static_cast<int>(std::clamp(x, static_cast<double>(INT_MIN), static_cast<double>(INT_MAX)));
}

const double* number_of(const StudyValue& v) { return std::get_if<double>(&v); }

/// An editor that takes the mouse wheel only once the user has clicked into it: scrolling
/// down a long form must scroll the form, not change the values it passes over. An ignored
/// wheel event goes on to the scroll area.
template <class Editor>
class WheelWhenFocused : public Editor {
public:
    explicit WheelWhenFocused(QWidget* parent) : Editor(parent) { this->setFocusPolicy(Qt::StrongFocus); }

protected:
    void wheelEvent(QWheelEvent* event) override {
        if (this->hasFocus())
            Editor::wheelEvent(event);
        else
            event->ignore();
    }
};

}  // namespace

NumberSpinBox::NumberSpinBox(QWidget* parent) : QDoubleSpinBox(parent) {
    setDecimals(10);
    setGroupSeparatorShown(false);
}

QString NumberSpinBox::textFromValue(double value) const {
    // 15 significant digits: what the study file holds, without the spin box's zero padding.
    QString s = locale().toString(value, 'g', 15);
    s.remove(locale().groupSeparator());
    return s;
}

FieldRow::FieldRow(FieldSpec spec, QGridLayout* grid, int row, QWidget* parent)
    : QObject(parent), spec_(std::move(spec)) {
    label_ = new QLabel(spec_.label, parent);
    label_->setToolTip(spec_.help);
    build_editor(parent);
    editor_->setObjectName(QString::fromStdString(spec_.ref.key));
    editor_->setMinimumWidth(spec_.kind == FieldSpec::Kind::per_period ? 320 : 200);
    editor_->setMaximumWidth(spec_.kind == FieldSpec::Kind::per_period ? 640 : 320);
    editor_->setToolTip(spec_.help);
    label_->setBuddy(editor_);
    source_ = new QLabel(parent);
    source_->setObjectName(QString::fromStdString(spec_.ref.key) + QStringLiteral("_source"));
    source_->setStyleSheet(QStringLiteral("color: palette(dark); font-style: italic;"));
    reset_ = new QToolButton(parent);
    reset_->setText(tr("Reset"));
    reset_->setToolTip(tr("Remove this value from the model's table: the value inherited from "
                          "the equipment block, the study or the model's default applies again"));
    reset_->setVisible(spec_.resettable);
    reset_->setEnabled(false);
    connect(reset_, &QToolButton::clicked, this, [this] { emit reset_requested(spec_.ref); });
    error_ = new QLabel(parent);
    error_->setObjectName(QString::fromStdString(spec_.ref.key) + QStringLiteral("_error"));
    error_->setWordWrap(true);
    error_->setTextInteractionFlags(Qt::TextSelectableByMouse);
    error_->setStyleSheet(QStringLiteral("color: #c62828;"));
    error_->hide();
    grid->addWidget(label_, row, 0);
    grid->addWidget(editor_, row, 1);
    grid->addWidget(source_, row, 2);
    grid->addWidget(reset_, row, 3);
    grid->addWidget(error_, row + 1, 1, 1, 3);
}

void FieldRow::build_editor(QWidget* parent) {
    using Kind = FieldSpec::Kind;
    const QString suffix = spec_.unit.isEmpty() ? QString() : QStringLiteral(" ") + spec_.unit;
    switch (spec_.kind) {
        case Kind::number: {
            auto* box = new WheelWhenFocused<NumberSpinBox>(parent);
            box->setRange(clip(spec_.minimum), clip(spec_.maximum));
            box->setSuffix(suffix);
            box->setKeyboardTracking(false);
            box->setAccelerated(true);
            box->setSingleStep(spec_.maximum <= 1 ? 0.01 : 1);
            connect(box, &QDoubleSpinBox::valueChanged, this,
                    [this](double v) { emit edited(spec_.ref, StudyValue{v}); });
            editor_ = box;
            break;
        }
        case Kind::integer: {
            auto* box = new WheelWhenFocused<QSpinBox>(parent);
            box->setRange(to_int(spec_.minimum), to_int(spec_.maximum));
            box->setSuffix(suffix);
            box->setKeyboardTracking(false);
            connect(box, &QSpinBox::valueChanged, this,
                    [this](int v) { emit edited(spec_.ref, StudyValue{static_cast<double>(v)}); });
            editor_ = box;
            break;
        }
        case Kind::boolean: {
            auto* box = new QCheckBox(parent);
            connect(box, &QCheckBox::clicked, this,
                    [this](bool on) { emit edited(spec_.ref, StudyValue{on}); });
            editor_ = box;
            break;
        }
        case Kind::choice: {
            auto* box = new WheelWhenFocused<QComboBox>(parent);
            box->addItems(spec_.choices);
            connect(box, &QComboBox::activated, this, [this, box](int i) {
                emit edited(spec_.ref, StudyValue{box->itemText(i).toStdString()});
            });
            editor_ = box;
            break;
        }
        case Kind::per_period: {
            auto* line = new QLineEdit(parent);
            line->setToolTip(spec_.help);
            connect(line, &QLineEdit::editingFinished, this, &FieldRow::commit_per_period);
            editor_ = line;
            break;
        }
        case Kind::text: {
            auto* line = new QLineEdit(parent);
            connect(line, &QLineEdit::editingFinished, this, [this, line] {
                if (!line->isModified()) return;
                line->setModified(false);
                emit edited(spec_.ref, StudyValue{line->text().toStdString()});
            });
            editor_ = line;
            break;
        }
    }
}

void FieldRow::commit_per_period() {
    auto* line = static_cast<QLineEdit*>(editor_);
    if (!line->isModified()) return;
    line->setModified(false);
    std::vector<double> values;
    const QStringList parts = line->text().split(QLatin1Char(','), Qt::SkipEmptyParts);
    for (const QString& part : parts) {
        bool ok = false;
        const double x = QLocale::c().toDouble(part.trimmed(), &ok);
        if (!ok || !std::isfinite(x)) {
            local_error_ = tr("'%1' is not a number: write one value per period, separated by "
                              "commas (period 0 first)")
                               .arg(part.trimmed());
            mark(false, local_error_);
            return;
        }
        values.push_back(x);
    }
    local_error_.clear();
    emit edited(spec_.ref, StudyValue{std::move(values)});
}

void FieldRow::set_choices(const QStringList& choices) {
    auto* box = qobject_cast<QComboBox*>(editor_);
    if (!box || choices == spec_.choices) return;
    spec_.choices = choices;
    const QSignalBlocker block(box);
    const QString current = box->currentText();
    box->clear();
    box->addItems(choices);
    box->setCurrentIndex(choices.indexOf(current));
}

void FieldRow::set_state(const FieldState& state) {
    const QSignalBlocker block(editor_);
    const bool inherited = !state.written.has_value();
    // A number nobody gives shows a dash (the spin box's special text at its minimum) rather
    // than a made-up 0; the first step or typed value becomes the written one.
    auto* spin = qobject_cast<QAbstractSpinBox*>(editor_);
    const bool unset = !state.written && !state.inherited;
    if (spin) spin->setSpecialValueText(unset ? QStringLiteral("\u2014") : QString());
    if (state.written)
        show_value(*state.written);
    else if (state.inherited)
        show_value(*state.inherited);
    else
        show_value(spin ? StudyValue{clip(spec_.minimum)} : StudyValue{std::string()});

    QString source;
    if (inherited)
        source = state.inherited || !state.inherited_from.isEmpty() ? state.inherited_from
                                                                    : tr("not set");
    else if (spec_.resettable && state.inherited)
        source = tr("set here");
    source_->setText(source);
    if (spec_.resettable && state.written && state.inherited)
        source_->setToolTip(tr("Reset gives %1 (%2)")
                                .arg(QString::fromStdString(display_text(*state.inherited)),
                                     state.inherited_from));
    else
        source_->setToolTip(QString());
    reset_->setEnabled(spec_.resettable && !inherited);
    local_error_.clear();
    mark(inherited, state.error);
}

void FieldRow::show_value(const StudyValue& value) {
    using Kind = FieldSpec::Kind;
    const double* x = number_of(value);
    switch (spec_.kind) {
        case Kind::number: {
            auto* box = static_cast<QDoubleSpinBox*>(editor_);
            if (!x) break;
            // A value outside the declared range (a hand-edited file) is shown as written, with
            // the study's error next to it, rather than silently clamped.
            box->setRange(std::min(clip(spec_.minimum), *x), std::max(clip(spec_.maximum), *x));
            box->setValue(*x);
            break;
        }
        case Kind::integer: {
            auto* box = static_cast<QSpinBox*>(editor_);
            if (!x) break;
            const int v = to_int(*x);
            box->setRange(std::min(to_int(spec_.minimum), v), std::max(to_int(spec_.maximum), v));
            box->setValue(v);
            break;
        }
        case Kind::boolean: {
            auto* box = static_cast<QCheckBox*>(editor_);
            if (auto b = std::get_if<bool>(&value)) box->setChecked(*b);
            else if (x) box->setChecked(*x != 0);
            break;
        }
        case Kind::choice: {
            auto* box = static_cast<QComboBox*>(editor_);
            if (auto s = std::get_if<std::string>(&value))
                box->setCurrentIndex(box->findText(QString::fromStdString(*s)));
            else if (x)
                box->setCurrentIndex(to_int(*x));
            break;
        }
        case Kind::per_period:
        case Kind::text: {
            auto* line = static_cast<QLineEdit*>(editor_);
            line->setText(QString::fromStdString(display_text(value)));
            line->setModified(false);
            break;
        }
    }
}

void FieldRow::mark(bool inherited, const QString& error) {
    const QString shown = local_error_.isEmpty() ? error : local_error_;
    QString style;
    if (inherited) style += QStringLiteral("color: palette(dark); font-style: italic;");
    if (!shown.isEmpty()) style += QStringLiteral("border: 2px solid #c62828;");
    editor_->setStyleSheet(style);
    error_->setText(shown);
    error_->setVisible(!shown.isEmpty());
}

}  // namespace eqroi::studio
