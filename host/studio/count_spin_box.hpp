// A spin box for whole numbers beyond int: the risk run's trial count (up to 10^10) and seed
// (any unsigned 64-bit value), which QSpinBox would silently clip at 2^31 - 1.
#pragma once

#include <QAbstractSpinBox>

#include <cstdint>

namespace eqroi::studio {

/// Shows its value with ',' between thousands ("20,000"); accepts digits with or without the
/// commas. Steps by single_step(). GUI thread only.
class CountSpinBox : public QAbstractSpinBox {
    Q_OBJECT
public:
    explicit CountSpinBox(QWidget* parent = nullptr);

    /// The value typed so far (the last acceptable one while the text is incomplete).
    std::uint64_t value() const noexcept { return value_; }
    /// Clamps to the range, shows it, emits value_changed when it changed.
    void set_value(std::uint64_t v);
    void set_range(std::uint64_t minimum, std::uint64_t maximum);
    std::uint64_t minimum() const noexcept { return min_; }
    std::uint64_t maximum() const noexcept { return max_; }
    void set_single_step(std::uint64_t step) { step_ = step; }
    /// Thousands separators in the text (trials: yes; a seed is an identifier: no).
    void set_grouping(bool on);

    void stepBy(int steps) override;
    QValidator::State validate(QString& input, int& pos) const override;
    void fixup(QString& input) const override;

signals:
    void value_changed(std::uint64_t value);

protected:
    StepEnabled stepEnabled() const override;

private:
    QString text_of(std::uint64_t v) const;
    /// The number in `text` (commas and spaces ignored); false when it is not one.
    static bool parse(const QString& text, std::uint64_t* out);
    void on_text_edited(const QString& text);

    std::uint64_t value_ = 0;
    std::uint64_t min_ = 0;
    std::uint64_t max_ = UINT64_MAX;
    std::uint64_t step_ = 1;
    bool grouping_ = true;
};

}  // namespace eqroi::studio
