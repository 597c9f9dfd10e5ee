// Life-cycle cost of each alternative, broken down by category.
#pragma once

#include <eqroi/core/engine.hpp>

#include <QChartView>
#include <QString>
#include <QStringList>

QT_BEGIN_NAMESPACE
class QHorizontalStackedBarSeries;
QT_END_NAMESPACE

namespace eqroi::studio {

/// A horizontal bar per alternative (the first of the study on top), stacked by category:
/// the present value of its cost lines (figures::lcc_by_category, after tax; money received,
/// such as salvage or a tax saving, stacks to the left of zero). Each bar's label gives the
/// engine's LCC. When the parts do not add up to the engine's LCC the title says so.
/// Owned by ChartsPanel; GUI thread only.
class LccBreakdownChart : public QChartView {
    Q_OBJECT
public:
    explicit LccBreakdownChart(QWidget* parent = nullptr);

    void set_result(const eqroi::StudyResult& result, const QString& currency);
    void clear();

    /// The bars (one QBarSet per category; bar i is alternative_ids()[i]), or nullptr.
    QHorizontalStackedBarSeries* bars() const { return bars_; }
    /// The alternative of each bar, bottom to top.
    const QStringList& alternative_ids() const { return ids_; }
    /// Alternatives whose breakdown does not add up to the engine's LCC (empty when all do).
    const QStringList& unreconciled() const { return unreconciled_; }

private:
    QHorizontalStackedBarSeries* bars_ = nullptr;
    QStringList ids_;
    QStringList unreconciled_;
};

}  // namespace eqroi::studio
