#include "charts/review_pack_tables.hpp"

#include "charts/measures_model.hpp"
#include "charts/result_figures.hpp"

#include <eqroi/core/registry.hpp>

#include <algorithm>

namespace eqroi::studio::pack {
namespace {

using figures::pct;

QString q(const std::string& s) { return QString::fromStdString(s); }

bool all_zero(const std::vector<double>& v) {
    return std::all_of(v.begin(), v.end(), [](double x) { return x == 0.0; });
}

/// The CLI's "Category" column: capital, tax, financing, or the model's category name.
QString category_word(const eqroi::Line& l) {
    if (l.is_capital) return QStringLiteral("capital");
    if (l.source == "tax") return QStringLiteral("tax");
    if (l.source == "financing") return QStringLiteral("financing");
    return QString::fromLatin1(eqroi::category_name(l.category));
}

}  // namespace

Table assumptions_table(const eqroi::Study& study, const eqroi::StudyResult& result) {
    const eqroi::StudySettings& s = result.settings;
    const bool constant = s.dollars == eqroi::Dollars::constant;
    const QString start = figures::start_date_text(s);
    Table t{{QStringLiteral("Assumption"), QStringLiteral("Value")}, {false, false}, {}, {}, {}, 1};
    auto row = [&](const QString& a, const QString& b) { t.rows.push_back({a, b}); };
    row(QStringLiteral("Study file"), QString::fromStdString(study.file.string()));
    row(QStringLiteral("Currency"), q(s.currency));
    row(QStringLiteral("Start date"), start.isEmpty() ? QStringLiteral("not set") : start);
    row(QStringLiteral("Horizon"),
        QStringLiteral("%1 years in %2 periods (periods 0 to %3)")
            .arg(s.horizon_years)
            .arg(figures::period_label(s))
            .arg(s.period_count()));
    QString rate = QStringLiteral("%1 per year, %2 (%3 %4 at %5 inflation)")
                       .arg(pct(s.discount_rate), constant ? "real" : "nominal",
                            constant ? "nominal" : "real",
                            pct(constant ? result.rates.nominal : result.rates.real),
                            pct(s.inflation));
    if (s.periods == eqroi::PeriodUnit::month)
        rate += QStringLiteral("; monthly flows at %1 per month").arg(pct(result.rates.per_period, 4));
    row(QStringLiteral("Discount rate"), rate);
    row(QStringLiteral("Inflation"), pct(s.inflation) + QStringLiteral(" per year"));
    row(QStringLiteral("Income tax rate"),
        s.tax_rate > 0 ? pct(s.tax_rate) + QStringLiteral(" (measures after tax)")
                       : QStringLiteral("0 % (no income tax)"));
    row(QStringLiteral("Dollars"),
        constant ? QStringLiteral("constant (purchasing power at the start; the rate is real)")
                 : QStringLiteral("nominal (amounts as they will be paid)"));
    row(QStringLiteral("Discounting"),
        s.timing == eqroi::finance::Timing::mid_period
            ? QStringLiteral("mid period (period 0, the purchase, at time 0)")
            : QStringLiteral("end of period (period 0, the purchase, at time 0)"));
    row(QStringLiteral("MIRR rates"), QStringLiteral("finance %1, reinvestment %2 per year")
                                          .arg(pct(result.rates.finance_rate),
                                               pct(result.rates.reinvest_rate)));
    const eqroi::AlternativeResult* base = figures::baseline_of(result);
    row(QStringLiteral("Baseline"),
        base ? QStringLiteral("%1 (%2)").arg(q(base->name), q(base->id)) : q(result.baseline));
    for (std::size_t i = 0; i < result.alternatives.size(); ++i)
        row(i == 0 ? QStringLiteral("Alternatives") : QString(),
            QStringLiteral("%1 (%2)").arg(q(result.alternatives[i].name), q(result.alternatives[i].id)));
    row(QStringLiteral("Signs"), QStringLiteral("costs negative, benefits positive"));
    return t;
}

Table comparison_table(const eqroi::StudyResult& result, const QString& currency) {
    MeasuresModel model;
    model.set_result(result, currency);
    Table t;
    t.header << QStringLiteral("Measure");
    t.right.push_back(false);
    for (int c = 0; c < model.columnCount(); ++c) {
        t.header << model.headerData(c, Qt::Horizontal).toString();  // long names on 2 lines
        t.right.push_back(true);
    }
    for (int r = 0; r < MeasuresModel::row_count; ++r) {
        QStringList cells{model.headerData(r, Qt::Vertical).toString()};
        for (int c = 0; c < model.columnCount(); ++c)
            cells << model.text(static_cast<MeasuresModel::Row>(r), c);
        t.rows.push_back(cells);
        t.bold.push_back(r == MeasuresModel::npv);
        t.rule_before.push_back(r == MeasuresModel::incremental_npv);
    }
    t.frozen = 1;
    return t;
}

Table cashflow_table(const eqroi::AlternativeResult& a, const eqroi::StudySettings& s) {
    const int ppy = s.periods_per_year();
    const bool taxed = s.tax_rate > 0;
    const std::vector<double> net = figures::by_year(a.net, ppy);
    Table t;
    t.header << (ppy == 1 ? QStringLiteral("Line") : QStringLiteral("Line (sum by year)"))
             << QStringLiteral("Category");
    t.right = {false, false};
    for (std::size_t y = 0; y < net.size(); ++y) {
        t.header << QStringLiteral("Year %1").arg(y);
        t.right.push_back(true);
    }
    t.frozen = 2;
    auto add = [&](const QString& label, const QString& category, const std::vector<double>& v,
                   int decimals = 0, bool bold = false, bool rule = false) {
        if (v.size() != net.size()) return;  // a series the engine left empty
        QStringList cells{label, category};
        for (double x : v) cells << figures::grouped(x, decimals);
        t.rows.push_back(cells);
        t.bold.push_back(bold);
        t.rule_before.push_back(rule);
    };
    const eqroi::Line* tax_line = nullptr;
    for (const eqroi::Line& l : a.lines) {
        if (l.key == "tax.income_tax") {
            tax_line = &l;
            continue;  // in the tax block below
        }
        if (all_zero(l.amounts)) continue;
        add(q(l.label), category_word(l), figures::by_year(l.amounts, ppy));
    }
    if (taxed) {
        const std::size_t first = t.rows.size();
        add(QStringLiteral("Tax depreciation (not cash)"), QStringLiteral("tax"),
            figures::by_year(a.depreciation, ppy));
        add(QStringLiteral("Taxable income"), QStringLiteral("tax"),
            figures::by_year(a.taxable_income, ppy));
        if (tax_line)
            add(QStringLiteral("Income tax"), QStringLiteral("tax"),
                figures::by_year(tax_line->amounts, ppy));
        add(QStringLiteral("Pre-tax net flow"), QString(), figures::by_year(a.pre_tax_net, ppy));
        if (t.rows.size() > first) t.rule_before[first] = true;
    }
    add(taxed ? QStringLiteral("After-tax net flow") : QStringLiteral("Net cash flow"), QString(),
        net, 0, true, true);
    add(QStringLiteral("Cumulative"), QString(), figures::at_year_end(a.cumulative, ppy));
    add(ppy == 1 ? QStringLiteral("Discount factor") : QStringLiteral("Discount factor (year end)"),
        QString(), figures::at_year_end(a.discount_factors, ppy), 6);
    add(QStringLiteral("Discounted"), QString(), figures::by_year(a.discounted, ppy));
    add(QStringLiteral("Cumulative discounted"), QString(),
        figures::at_year_end(a.cumulative_discounted, ppy), 0, true);
    return t;
}

}  // namespace eqroi::studio::pack
