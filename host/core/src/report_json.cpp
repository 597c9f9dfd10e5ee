// The report for programs: every figure of the result, per period, as JSON. Keys that scripts
// already read (study.*, alternatives[].measures.npv / irr / payback_years..., lines, net,
// cumulative, discounted, cumulative_discounted, incremental, tax.depreciation /
// tax.taxable_income / tax.gain_on_disposal) keep their names and meaning; the issue-3 figures
// are added beside them.
#include "report_detail.hpp"

#include <nlohmann/json.hpp>

namespace eqroi::report_detail {
namespace {

using nlohmann::ordered_json;

ordered_json optional_json(const std::optional<double>& v) {
    return v ? ordered_json(*v) : ordered_json(nullptr);
}

ordered_json measures_json(const Measures& m) {
    ordered_json j;
    j["npv"] = m.npv;
    j["irr"] = optional_json(m.irr);
    j["irr_roots"] = irr_roots_of(m);
    j["irr_sign_changes"] = m.sign_changes;
    // More than one root: no single IRR. (Before issue 3 this said "more than one sign
    // change"; the engine now tells the roots apart.)
    j["irr_ambiguous"] = m.irr_ambiguous || irr_roots_of(m).size() > 1;
    j["mirr"] = optional_json(m.mirr);
    j["profitability_index"] = optional_json(m.profitability_index);
    j["payback_years"] = optional_json(m.payback);
    j["discounted_payback_years"] = optional_json(m.discounted_payback);
    j["annual_value"] = m.annual_value;
    j["lcc"] = m.lcc;
    j["euac"] = m.euac;
    j["roi"] = optional_json(m.roi);
    return j;
}

ordered_json savings_json(const Savings& s) {
    return {{"net_savings", s.net_savings},
            {"pv_operating_savings", s.pv_operating_savings},
            {"pv_added_investment", s.pv_added_investment},
            {"sir", optional_json(s.sir)},
            {"airr", optional_json(s.airr)}};
}

ordered_json units_json(const std::vector<CapitalUnit>& units) {
    ordered_json out = ordered_json::array();
    for (const CapitalUnit& u : units)
        out.push_back({{"bought", u.bought},
                       {"cost", u.cost},
                       {"retired", u.retired},
                       {"in_service_at_end", u.in_service_at_end},
                       {"value_at_exit", u.value_at_exit},
                       {"residual_from_user", u.residual_from_user},
                       {"salvage_as_written", u.salvage_as_written},
                       {"book_value_at_exit", u.book_value_at_exit},
                       {"gain_on_disposal", u.gain_on_disposal}});
    return out;
}

ordered_json loan_json(const std::vector<LoanPeriod>& loan) {
    ordered_json out = ordered_json::array();
    for (const LoanPeriod& p : loan)
        out.push_back({{"period", p.period},
                       {"payment", p.payment},
                       {"interest", p.interest},
                       {"principal", p.principal},
                       {"balance", p.balance}});
    return out;
}

ordered_json rates_json(const StudyRates& r) {
    return {{"discount_rate", r.discount_rate}, {"nominal", r.nominal},
            {"real", r.real},                   {"per_period", r.per_period},
            {"finance_rate", r.finance_rate},   {"reinvest_rate", r.reinvest_rate}};
}

ordered_json alternative_json(const AlternativeResult& a) {
    ordered_json ja;
    ja["id"] = a.id;
    ja["name"] = a.name;
    ja["is_baseline"] = a.is_baseline;
    ja["rank"] = a.rank;
    ja["has_financing"] = has_financing(a);
    ja["measures"] = measures_json(a.measures);
    ja["pre_tax"] = measures_json(a.pre_tax);
    ja["vs_baseline"] = measures_json(a.vs_baseline);
    ja["vs_baseline_pre_tax"] = measures_json(a.vs_baseline_pre_tax);
    // The baseline saves nothing against itself: null rather than a row of zeros.
    ja["savings"] = a.is_baseline ? ordered_json(nullptr) : savings_json(a.savings);
    ja["savings_pre_tax"] = a.is_baseline ? ordered_json(nullptr) : savings_json(a.savings_pre_tax);
    ordered_json lines = ordered_json::array();
    for (const auto& l : a.lines)
        lines.push_back({{"key", l.key},
                         {"label", l.label},
                         {"source", l.source},
                         {"category", report_category(l)},
                         {"tax_treatment", tax_treatment_name(l.tax_treatment)},
                         {"is_capital", l.is_capital},
                         {"amounts", l.amounts},
                         {"escalation_index", l.escalation_index}});
    ja["lines"] = std::move(lines);
    ja["pre_tax_net"] = a.pre_tax_net;
    ja["net"] = a.net;
    ja["cumulative"] = a.cumulative;
    ja["discount_factors"] = a.discount_factors;
    ja["discounted"] = a.discounted;
    ja["cumulative_discounted"] = a.cumulative_discounted;
    ja["incremental"] = a.incremental;
    // "tax" was already an object of per-period series; the income tax per period (positive =
    // paid) joins them as "income_tax".
    ja["tax"] = {{"depreciation_method", a.depreciation_method},
                 {"depreciation", a.depreciation},
                 {"taxable_income", a.taxable_income},
                 {"income_tax", a.tax},
                 {"gain_on_disposal", a.gain_on_disposal}};
    ja["units"] = units_json(a.units);
    ja["loan"] = loan_json(a.loan);
    return ja;
}

}  // namespace

std::string render_json(const StudyResult& r) {
    const auto& s = r.settings;
    ordered_json j;
    const std::string start = start_date_text(s);
    bool levered = false;
    for (const auto& a : r.alternatives) levered = levered || has_financing(a);
    j["study"] = {{"name", s.name},
                  {"currency", s.currency},
                  {"start_date", start.empty() ? ordered_json(nullptr) : ordered_json(start)},
                  {"horizon_years", s.horizon_years},
                  {"periods", period_label(s)},
                  {"periods_per_year", s.periods_per_year()},
                  {"discount_rate", s.discount_rate},
                  {"discount_rate_kind", s.dollars == Dollars::constant ? "real" : "nominal"},
                  {"inflation", s.inflation},
                  {"tax_rate", s.tax_rate},
                  {"baseline", r.baseline},
                  {"timing", timing_key(s.timing)},
                  {"dollars", dollars_key(s.dollars)},
                  {"mirr_finance_rate", optional_json(s.finance_rate)},
                  {"mirr_reinvest_rate", optional_json(s.reinvest_rate)},
                  {"financing", levered ? "levered" : "unlevered"},
                  {"ranking", "npv, mutually exclusive"},
                  {"sign_convention", "costs negative, benefits positive"}};
    j["rates"] = rates_json(r.rates);
    ordered_json alts = ordered_json::array();
    for (const auto& a : r.alternatives) alts.push_back(alternative_json(a));
    j["alternatives"] = std::move(alts);
    return j.dump(2) + "\n";
}

}  // namespace eqroi::report_detail
