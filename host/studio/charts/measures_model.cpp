#include "charts/measures_model.hpp"

#include "charts/result_figures.hpp"

#include <QBrush>
#include <QFont>

#include <cstdlib>

namespace eqroi::studio {
namespace {

/// A long alternative name on two lines (at the space nearest its middle), so that the
/// table's column headers show it whole.
QString two_lines(const QString& name) {
    if (name.size() <= 22) return name;
    qsizetype best = -1;
    for (qsizetype i = 0; i < name.size(); ++i)
        if (name[i] == QLatin1Char(' ') &&
            (best < 0 || std::abs(i - name.size() / 2) < std::abs(best - name.size() / 2)))
            best = i;
    if (best < 0) return name;
    return name.left(best) + QLatin1Char('\n') + name.mid(best + 1);
}

}  // namespace

MeasuresModel::MeasuresModel(QObject* parent) : QAbstractTableModel(parent) {}

void MeasuresModel::set_result(const eqroi::StudyResult& result, const QString& currency) {
    beginResetModel();
    columns_.clear();
    for (const auto* a : figures::ranked(result)) columns_.push_back(*a);
    currency_ = currency;
    baseline_ = result.baseline;
    taxed_ = result.settings.tax_rate > 0;
    endResetModel();
}

void MeasuresModel::clear() {
    beginResetModel();
    columns_.clear();
    endResetModel();
}

int MeasuresModel::column_of(const std::string& id) const {
    for (std::size_t c = 0; c < columns_.size(); ++c)
        if (columns_[c].id == id) return int(c);
    return -1;
}

QString MeasuresModel::row_label(Row row) {
    switch (row) {
    case rank: return tr("Rank (by NPV)");
    case npv: return tr("NPV");
    case irr: return tr("IRR");
    case mirr: return tr("MIRR");
    case payback: return tr("Payback");
    case discounted_payback: return tr("Discounted payback");
    case euac: return tr("EUAC");
    case lcc: return tr("LCC");
    case incremental_npv: return tr("Incremental NPV = net savings");
    case incremental_irr: return tr("Incremental IRR");
    case incremental_payback: return tr("Incremental payback");
    case incremental_discounted_payback: return tr("Incremental discounted payback");
    case sir: return tr("SIR");
    case airr: return tr("AIRR");
    case row_count: break;
    }
    return {};
}

QString MeasuresModel::text(Row row, int column) const {
    if (column < 0 || std::size_t(column) >= columns_.size()) return {};
    const eqroi::AlternativeResult& a = columns_[std::size_t(column)];
    const eqroi::Measures& m = a.measures;
    const eqroi::Measures& v = a.vs_baseline;
    const bool vs_row = row >= incremental_npv;
    if (vs_row && a.is_baseline) return row == incremental_npv ? tr("baseline") : QString();
    switch (row) {
    case rank: return QString::number(a.rank);
    case npv: return figures::money2(m.npv);
    case irr: return figures::irr_text(m);
    case mirr: return figures::percent(m.mirr);
    case payback: return figures::years(m.payback);
    case discounted_payback: return figures::years(m.discounted_payback);
    case euac: return figures::money2(m.euac);
    case lcc: return figures::money2(m.lcc);
    case incremental_npv: return figures::money2(v.npv);
    case incremental_irr: return figures::irr_text(v);
    case incremental_payback: return figures::years(v.payback);
    case incremental_discounted_payback: return figures::years(v.discounted_payback);
    case sir: return figures::ratio(a.savings.sir);
    case airr: return figures::percent(a.savings.airr);
    case row_count: break;
    }
    return {};
}

int MeasuresModel::rowCount(const QModelIndex& parent) const {
    return parent.isValid() || columns_.empty() ? 0 : row_count;
}

int MeasuresModel::columnCount(const QModelIndex& parent) const {
    return parent.isValid() ? 0 : int(columns_.size());
}

QVariant MeasuresModel::data(const QModelIndex& index, int role) const {
    if (!index.isValid() || index.row() >= row_count) return {};
    const Row row = static_cast<Row>(index.row());
    switch (role) {
    case Qt::DisplayRole: return text(row, index.column());
    case Qt::TextAlignmentRole: return int(Qt::AlignRight | Qt::AlignVCenter);
    case Qt::ToolTipRole: {
        const QString unit = (row == npv || row == euac || row == lcc || row == incremental_npv)
                                 ? QStringLiteral(" %1").arg(currency_)
                                 : QString();
        return QStringLiteral("%1, %2: %3%4")
            .arg(QString::fromStdString(columns_[std::size_t(index.column())].name),
                 row_label(row), text(row, index.column()), unit);
    }
    case Qt::FontRole:
        if (row == npv || row == rank) {
            QFont f;
            f.setBold(true);
            return f;
        }
        return {};
    default: return {};
    }
}

QVariant MeasuresModel::headerData(int section, Qt::Orientation orientation, int role) const {
    if (role == Qt::ToolTipRole && orientation == Qt::Vertical && section >= incremental_npv &&
        section < row_count)
        return tr("This alternative minus the baseline '%1'").arg(QString::fromStdString(baseline_));
    if (role != Qt::DisplayRole) return {};
    if (orientation == Qt::Horizontal) {
        if (section < 0 || std::size_t(section) >= columns_.size()) return {};
        const auto& a = columns_[std::size_t(section)];
        return two_lines(QString::fromStdString(a.name) +
                         (a.is_baseline ? tr(" (baseline)") : QString()));
    }
    if (section < 0 || section >= row_count) return {};
    QString label = row_label(static_cast<Row>(section));
    if (section == npv && taxed_) label += tr(" (after tax)");
    if ((section == npv || section == euac || section == lcc || section == incremental_npv) &&
        !currency_.isEmpty())
        label += QStringLiteral(", %1").arg(currency_);
    return label;
}

}  // namespace eqroi::studio
