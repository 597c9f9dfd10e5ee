// The full set of measures of a deterministic run: what finance checks in Excel (NPV, IRR,
// MIRR, PI, payback, EAA, ROI) and what NIST BLCC reports (LCC, EUAC, SIR, AIRR). The batch
// (engine_flows.cpp) computes only the few that risk analysis needs.
#include "engine_detail.hpp"

#include <algorithm>
#include <cmath>
#include <span>

namespace eqroi {

bool is_investment(const Line& line) {
    if (line.source == "financing")
        return line.key == "financing.loan_proceeds" || line.key == "financing.loan_principal";
    return line.source == "capital" || line.tax_treatment == EQROI_TAX_CAPITALISED;
}

std::string report_category(const Line& line) {
    if (line.is_capital) return "capital";
    if (line.source == "tax") return "tax";
    if (line.source == "financing") return "financing";
    return category_name(line.category);
}

std::vector<LccPart> lcc_by_category(const AlternativeResult& a) {
    std::vector<LccPart> parts;
    for (const Line& line : a.lines) {
        if (line.category == EQROI_CATEGORY_BENEFIT) continue;  // LCC counts costs only
        if (std::all_of(line.amounts.begin(), line.amounts.end(), [](double v) { return v == 0; }))
            continue;
        const std::string category = report_category(line);
        auto part = std::find_if(parts.begin(), parts.end(),
                                 [&](const LccPart& p) { return p.category == category; });
        if (part == parts.end()) part = parts.insert(parts.end(), LccPart{category, 0.0});
        part->present_cost -= line.present_value;
    }
    return parts;
}

}  // namespace eqroi

namespace eqroi::engine_detail {
namespace {

std::optional<double> value_or_none(double v) {
    return std::isnan(v) ? std::nullopt : std::optional<double>(v);
}

/// A per-period rate as a yearly one.
double yearly(double per_period, int ppy) {
    return ppy == 1 ? per_period : std::pow(1 + per_period, ppy) - 1;
}

/// -PV of the chosen lines (costs positive, money received negative).
double pv_as_cost(const AlternativeResult& a, bool after_tax, bool investment,
                  const StudyRates& rates, finance::Timing timing) {
    const std::vector<double> flows = sum_lines(a, [&](const Line& line) {
        return is_investment(line) == investment && (after_tax || line.source != "tax");
    });
    return -finance::npv(rates.per_period, flows, timing);
}

}  // namespace

StudyRates study_rates(const StudySettings& s) {
    StudyRates r;
    r.discount_rate = s.discount_rate;
    if (s.dollars == Dollars::constant) {
        r.real = s.discount_rate;
        r.nominal = (1 + s.discount_rate) * (1 + s.inflation) - 1;
    } else {
        r.nominal = s.discount_rate;
        r.real = (1 + s.discount_rate) / (1 + s.inflation) - 1;
    }
    r.per_period = finance::period_rate(s.discount_rate, s.periods_per_year());
    r.finance_rate = s.finance_rate.value_or(s.discount_rate);
    r.reinvest_rate = s.reinvest_rate.value_or(s.discount_rate);
    return r;
}

double present_value(const std::vector<double>& amounts, const std::vector<double>& factors) {
    double pv = 0;
    for (std::size_t k = 0; k < amounts.size() && k < factors.size(); ++k)
        pv += amounts[k] * factors[k];
    return pv;
}

double life_cycle_cost(const AlternativeResult& a, bool after_tax) {
    // One sum of the same parts the breakdown shows, so chart and measure cannot disagree.
    double lcc = 0;
    for (const LccPart& part : lcc_by_category(a))
        if (after_tax || part.category != "tax") lcc += part.present_cost;
    return lcc;
}

Measures full_measures(const std::vector<double>& flows, double lcc, const StudySettings& s,
                       const StudyRates& rates) {
    const int ppy = s.periods_per_year();
    const FlowMeasures fm = measure(flows.data(), flows.size(), rates.per_period, ppy, s.timing);
    Measures m;
    m.npv = fm.npv;
    m.payback = value_or_none(fm.payback);
    m.discounted_payback = value_or_none(fm.discounted_payback);

    const finance::IrrAnalysis irr = finance::irr_analysis(flows, s.timing);
    m.sign_changes = irr.sign_changes;
    m.irr_ambiguous = irr.ambiguous;
    for (double root : irr.roots) m.irr_roots.push_back(yearly(root, ppy));
    m.irr = value_or_none(fm.irr);

    if (auto r = finance::mirr(flows, finance::period_rate(rates.finance_rate, ppy),
                               finance::period_rate(rates.reinvest_rate, ppy)))
        m.mirr = yearly(*r, ppy);
    m.profitability_index = finance::profitability_index(rates.per_period, flows, s.timing);

    // Equivalent annual amounts: yearly, at the yearly rate over the study's years.
    m.annual_value = finance::equivalent_annual(m.npv, s.discount_rate, s.horizon_years);
    m.lcc = lcc;
    m.euac = finance::equivalent_annual(m.lcc, s.discount_rate, s.horizon_years);

    // Simple ROI as a manager quotes it: average yearly net gain over the investment.
    if (!flows.empty() && flows[0] < 0) {
        double total = 0;
        for (double f : flows) total += f;
        m.roi = total / s.horizon_years / -flows[0];
    }
    return m;
}

Savings savings(const AlternativeResult& alt, const AlternativeResult& base, bool after_tax,
                const StudySettings& s, const StudyRates& rates) {
    Savings v;
    v.pv_operating_savings = pv_as_cost(base, after_tax, false, rates, s.timing) -
                             pv_as_cost(alt, after_tax, false, rates, s.timing);
    v.pv_added_investment = pv_as_cost(alt, after_tax, true, rates, s.timing) -
                            pv_as_cost(base, after_tax, true, rates, s.timing);
    v.net_savings = v.pv_operating_savings - v.pv_added_investment;
    if (v.pv_added_investment > 0) {
        v.sir = v.pv_operating_savings / v.pv_added_investment;
        v.airr = finance::airr(*v.sir, s.discount_rate, s.horizon_years);
    }
    return v;
}

}  // namespace eqroi::engine_detail
