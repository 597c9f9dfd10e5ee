#include "count_spin_box.hpp"

#include <QLineEdit>

#include <algorithm>

namespace eqroi::studio {

CountSpinBox::CountSpinBox(QWidget* parent) : QAbstractSpinBox(parent) {
    setAccelerated(true);
    setCorrectionMode(QAbstractSpinBox::CorrectToPreviousValue);
    connect(lineEdit(), &QLineEdit::textEdited, this, &CountSpinBox::on_text_edited);
    // Leaving the field shows the value in its usual form ("20000" -> "20,000").
    connect(this, &QAbstractSpinBox::editingFinished, this,
            [this] { lineEdit()->setText(text_of(value_)); });
    lineEdit()->setText(text_of(value_));
}

QString CountSpinBox::text_of(std::uint64_t v) const {
    QString digits = QString::number(v);
    if (!grouping_) return digits;
    for (qsizetype at = digits.size() - 3; at > 0; at -= 3) digits.insert(at, QLatin1Char(','));
    return digits;
}

bool CountSpinBox::parse(const QString& text, std::uint64_t* out) {
    QString digits;
    for (QChar c : text) {
        if (c == QLatin1Char(',') || c.isSpace()) continue;
        if (!c.isDigit()) return false;
        digits += c;
    }
    if (digits.isEmpty()) return false;
    bool ok = false;
    const qulonglong v = digits.toULongLong(&ok);  // false past 2^64 - 1
    if (!ok) return false;
    *out = v;
    return true;
}

void CountSpinBox::set_value(std::uint64_t v) {
    v = std::clamp(v, min_, max_);
    const bool changed = v != value_;
    value_ = v;
    lineEdit()->setText(text_of(v));
    if (changed) emit value_changed(v);
}

void CountSpinBox::set_range(std::uint64_t minimum, std::uint64_t maximum) {
    min_ = minimum;
    max_ = std::max(minimum, maximum);
    set_value(value_);
}

void CountSpinBox::set_grouping(bool on) {
    grouping_ = on;
    lineEdit()->setText(text_of(value_));
}

void CountSpinBox::on_text_edited(const QString& text) {
    std::uint64_t v = 0;
    if (parse(text, &v) && v >= min_ && v <= max_ && v != value_) {
        value_ = v;
        emit value_changed(v);
    }
}

void CountSpinBox::stepBy(int steps) {
    std::uint64_t v = value_;
    const std::uint64_t by = step_ * static_cast<std::uint64_t>(steps < 0 ? -steps : steps);
    if (steps < 0) v = v - min_ > by ? v - by : min_;  // no wrap below the minimum
    else v = max_ - v > by ? v + by : max_;
    set_value(v);
    selectAll();
}

QAbstractSpinBox::StepEnabled CountSpinBox::stepEnabled() const {
    StepEnabled e = StepNone;
    if (value_ > min_) e |= StepDownEnabled;
    if (value_ < max_) e |= StepUpEnabled;
    return e;
}

QValidator::State CountSpinBox::validate(QString& input, int&) const {
    if (input.trimmed().isEmpty()) return QValidator::Intermediate;
    std::uint64_t v = 0;
    if (!parse(input, &v)) {
        // Digits that overflow are invalid; anything else with a foreign character too.
        return QValidator::Invalid;
    }
    return v >= min_ && v <= max_ ? QValidator::Acceptable : QValidator::Intermediate;
}

void CountSpinBox::fixup(QString& input) const { input = text_of(value_); }

}  // namespace eqroi::studio
