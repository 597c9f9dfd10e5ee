// The measures of every alternative side by side, as a table model: one column per
// alternative (in the engine's rank order), one row per measure. Text as the CLI report writes
// it ("12,345.67", "24.50 %", "none", "not reached", "ambiguous: ...").
#pragma once

#include <eqroi/core/engine.hpp>

#include <QAbstractTableModel>
#include <QString>

#include <vector>

namespace eqroi::studio {

/// Owned by MeasuresView (or a test); set_result() from the GUI thread.
class MeasuresModel : public QAbstractTableModel {
    Q_OBJECT
public:
    /// The rows, top to bottom. The first block is each alternative's own flow (after tax in a
    /// taxed study); the second is against the baseline (this alternative minus the baseline;
    /// the baseline's own column says "baseline" there).
    enum Row {
        rank,
        npv,
        irr,
        mirr,
        payback,
        discounted_payback,
        euac,
        lcc,
        incremental_npv,  ///< = net savings
        incremental_irr,
        incremental_payback,
        incremental_discounted_payback,
        sir,
        airr,
        row_count
    };

    explicit MeasuresModel(QObject* parent = nullptr);

    void set_result(const eqroi::StudyResult& result, const QString& currency);
    void clear();

    /// The column of alternative `id`, or -1.
    int column_of(const std::string& id) const;
    /// Label of a row: "NPV", "IRR", "Incremental NPV = net savings"...
    static QString row_label(Row row);
    /// The cell's text (what DisplayRole gives).
    QString text(Row row, int column) const;

    int rowCount(const QModelIndex& parent = {}) const override;
    int columnCount(const QModelIndex& parent = {}) const override;
    QVariant data(const QModelIndex& index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

private:
    std::vector<eqroi::AlternativeResult> columns_;  ///< in rank order (a copy: views outlive
                                                     ///< the worker's result)
    QString currency_;
    std::string baseline_;
    bool taxed_ = false;
};

}  // namespace eqroi::studio
