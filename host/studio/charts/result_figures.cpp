// The engine's figures in the studio's words: core's formats as QString, core's categories as
// the studio's CashCategory, and colours (see the header).
#include "charts/result_figures.hpp"

#include <eqroi/core/format.hpp>
#include <eqroi/core/registry.hpp>

#include <algorithm>
#include <cmath>

namespace eqroi::studio::figures {

namespace {
QString q(const std::string& s) { return QString::fromStdString(s); }
}  // namespace

QString grouped(double v, int decimals) { return q(eqroi::format::grouped(v, decimals)); }
QString money(double v) { return q(eqroi::format::money(v)); }
QString money2(double v) { return q(eqroi::format::money2(v)); }
QString pct(double rate, int decimals) { return q(eqroi::format::pct(rate, decimals)); }
QString percent(const std::optional<double>& rate) { return q(eqroi::format::percent(rate)); }
QString years(const std::optional<double>& y) { return q(eqroi::format::years(y)); }
QString ratio(const std::optional<double>& v) { return q(eqroi::format::ratio(v)); }
QString irr_text(const eqroi::Measures& m) { return q(eqroi::format::irr_text(m)); }

std::vector<const eqroi::AlternativeResult*> ranked(const eqroi::StudyResult& r) {
    std::vector<const eqroi::AlternativeResult*> out;
    for (const auto& a : r.alternatives) out.push_back(&a);
    std::stable_sort(out.begin(), out.end(), [](auto* x, auto* y) { return x->rank < y->rank; });
    return out;
}

const eqroi::AlternativeResult* baseline_of(const eqroi::StudyResult& r) {
    for (const auto& a : r.alternatives)
        if (a.is_baseline || a.id == r.baseline) return &a;
    return nullptr;
}

QColor alternative_color(const eqroi::StudyResult& r, std::size_t index) {
    // Colour-blind-safe hues (Okabe-Ito), the baseline in grey so the candidates stand out.
    static const QColor palette[] = {QColor(0x00, 0x72, 0xB2), QColor(0xD5, 0x5E, 0x00),
                                     QColor(0x00, 0x9E, 0x73), QColor(0xCC, 0x79, 0xA7),
                                     QColor(0xE6, 0x9F, 0x00), QColor(0x56, 0xB4, 0xE9),
                                     QColor(0xF0, 0xE4, 0x42)};
    if (index < r.alternatives.size() && r.alternatives[index].is_baseline)
        return QColor(0x55, 0x55, 0x55);
    std::size_t n = 0;  // index among the non-baseline alternatives
    for (std::size_t i = 0; i < index && i < r.alternatives.size(); ++i)
        if (!r.alternatives[i].is_baseline) ++n;
    return palette[n % std::size(palette)];
}

namespace {
CashCategory of_model_category(eqroi_category c) {
    switch (c) {
    case EQROI_CATEGORY_MAINTENANCE: return CashCategory::maintenance;
    case EQROI_CATEGORY_TRAINING: return CashCategory::training;
    case EQROI_CATEGORY_SPARE_PARTS: return CashCategory::spare_parts;
    case EQROI_CATEGORY_DOWNTIME: return CashCategory::downtime;
    case EQROI_CATEGORY_ENERGY: return CashCategory::energy;
    case EQROI_CATEGORY_LABOR: return CashCategory::labour;
    case EQROI_CATEGORY_CONSUMABLES: return CashCategory::consumables;
    case EQROI_CATEGORY_BENEFIT: return CashCategory::benefits;
    case EQROI_CATEGORY_LEASE: return CashCategory::lease;
    default: return CashCategory::other;
    }
}
}  // namespace

CashCategory category_named(const std::string& name) {
    if (name == "capital") return CashCategory::capital;
    if (name == "financing") return CashCategory::financing;
    if (name == "tax") return CashCategory::tax;
    // Core names a model's category with category_name(); find which one it is.
    for (int c = 0; c < EQROI_CATEGORY_COUNT_V1; ++c) {
        const auto category = static_cast<eqroi_category>(c);
        if (name == eqroi::category_name(category)) return of_model_category(category);
    }
    return CashCategory::other;
}

CashCategory category_of(const eqroi::Line& l) {
    // Core's rule, so a line is stacked under the category the CLI report gives it.
    return category_named(eqroi::report_category(l));
}

QString category_label(CashCategory c) {
    switch (c) {
    case CashCategory::capital: return QStringLiteral("Capital");
    case CashCategory::financing: return QStringLiteral("Financing");
    case CashCategory::maintenance: return QStringLiteral("Maintenance");
    case CashCategory::spare_parts: return QStringLiteral("Spare parts");
    case CashCategory::downtime: return QStringLiteral("Downtime");
    case CashCategory::energy: return QStringLiteral("Energy");
    case CashCategory::labour: return QStringLiteral("Labour");
    case CashCategory::consumables: return QStringLiteral("Consumables");
    case CashCategory::training: return QStringLiteral("Training");
    case CashCategory::lease: return QStringLiteral("Lease");
    case CashCategory::other: return QStringLiteral("Other");
    case CashCategory::benefits: return QStringLiteral("Benefits");
    case CashCategory::tax: return QStringLiteral("Income tax");
    }
    return QStringLiteral("Other");
}

QColor category_color(CashCategory c) {
    switch (c) {
    case CashCategory::capital: return QColor(0x3B, 0x4C, 0x8C);
    case CashCategory::financing: return QColor(0x7A, 0x68, 0xA6);
    case CashCategory::maintenance: return QColor(0xD5, 0x5E, 0x00);
    case CashCategory::spare_parts: return QColor(0xE6, 0x9F, 0x00);
    case CashCategory::downtime: return QColor(0xC0, 0x39, 0x2B);
    case CashCategory::energy: return QColor(0xF0, 0xE4, 0x42);
    case CashCategory::labour: return QColor(0xCC, 0x79, 0xA7);
    case CashCategory::consumables: return QColor(0x8C, 0x56, 0x4B);
    case CashCategory::training: return QColor(0x56, 0xB4, 0xE9);
    case CashCategory::lease: return QColor(0x17, 0xBE, 0xCF);
    case CashCategory::other: return QColor(0x99, 0x99, 0x99);
    case CashCategory::benefits: return QColor(0x00, 0x9E, 0x73);
    case CashCategory::tax: return QColor(0x44, 0x44, 0x44);
    }
    return Qt::gray;
}

std::vector<double> by_year(const std::vector<double>& v, int ppy) {
    return eqroi::format::by_year(v, ppy);
}

std::vector<double> at_year_end(const std::vector<double>& v, int ppy) {
    return eqroi::format::at_year_end(v, ppy);
}

std::vector<CategoryYears> yearly_by_category(const eqroi::AlternativeResult& a, int ppy) {
    std::vector<std::vector<double>> sums(kCashCategoryCount);
    for (const eqroi::Line& l : a.lines) {
        auto& s = sums[static_cast<int>(category_of(l))];
        if (s.size() < l.amounts.size()) s.resize(l.amounts.size(), 0.0);
        for (std::size_t k = 0; k < l.amounts.size(); ++k) s[k] += l.amounts[k];
    }
    std::vector<CategoryYears> out;
    for (int c = 0; c < kCashCategoryCount; ++c) {
        if (std::all_of(sums[c].begin(), sums[c].end(), [](double x) { return x == 0.0; }))
            continue;
        out.push_back({static_cast<CashCategory>(c), by_year(sums[c], ppy)});
    }
    return out;
}

LccBreakdown lcc_by_category(const eqroi::AlternativeResult& a) {
    // Core splits the LCC; the studio only files core's categories under its own (for the
    // legend's order and colours), adding up any that share one.
    LccBreakdown b;
    b.engine_lcc = a.measures.lcc;
    std::vector<double> cost(kCashCategoryCount, 0.0);
    std::vector<bool> present(kCashCategoryCount, false);
    for (const eqroi::LccPart& part : eqroi::lcc_by_category(a)) {
        const int c = static_cast<int>(category_named(part.category));
        cost[c] += part.present_cost;
        present[c] = true;
    }
    for (int c = 0; c < kCashCategoryCount; ++c) {
        if (!present[c]) continue;
        b.parts.push_back({static_cast<CashCategory>(c), cost[c]});
        b.sum += cost[c];
    }
    const double scale = std::max({1.0, std::fabs(b.engine_lcc), std::fabs(b.sum)});
    b.reconciles = std::fabs(b.sum - b.engine_lcc) <= 1e-9 * scale;
    return b;
}

QString period_label(const eqroi::StudySettings& s) { return q(eqroi::format::period_label(s)); }

QString start_date_text(const eqroi::StudySettings& s) {
    return q(eqroi::format::start_date_text(s));
}

}  // namespace eqroi::studio::figures
