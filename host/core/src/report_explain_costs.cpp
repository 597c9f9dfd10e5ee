// The explanation's blocks that need the lines, not only the net flow: income tax per period,
// LCC and EUAC (every cost line's present value), and NIST BLCC's savings against the baseline
// (investment and operating lines, SIR, AIRR). As in report_explain.cpp, the arithmetic shown
// is redone from the engine's lines and factors and must land on the engine's figure.
#include "report_detail.hpp"

#include <fmt/format.h>

#include <cmath>

namespace eqroi::report_detail {
namespace {

/// Gains on disposal per period: each unit's at the period it leaves; what the total has
/// beyond the units' (the write-off of capitalised model lines still on the books) at N.
std::vector<double> gains_by_period(const AlternativeResult& a, std::size_t width) {
    std::vector<double> gains(width, 0.0);
    if (width == 0) return gains;
    double of_units = 0;
    for (const CapitalUnit& u : a.units) {
        if (u.retired < width) gains[u.retired] += u.gain_on_disposal;
        of_units += u.gain_on_disposal;
    }
    gains[width - 1] += a.gain_on_disposal - of_units;
    return gains;
}

}  // namespace

std::string explain_tax(const ExplainContext& x, const AlternativeResult& a) {
    const double rate = x.result.settings.tax_rate;
    const std::size_t width = a.net.size();
    std::string out = fmt::format("\n--- Income tax: {} of taxable income{} ---\n", pct(rate),
                                  a.depreciation_method.empty()
                                      ? ""
                                      : fmt::format(", depreciation {}", a.depreciation_method));
    if (a.taxable_income.size() != width || a.depreciation.size() != width)
        return out + "(the engine gave no tax detail for this alternative)\n";
    out += fmt::format("taxable income = deductible lines - tax depreciation + gain on disposal; "
                       "tax = {} x taxable income (a negative tax is a saving); the cash line "
                       "'Income tax' is -tax\n",
                       pct(rate));
    std::vector<double> deductible(width, 0.0);
    for (const Line& l : a.lines) {
        if (l.source == "tax" || l.tax_treatment != EQROI_TAX_DEDUCTIBLE) continue;
        for (std::size_t k = 0; k < width && k < l.amounts.size(); ++k)
            deductible[k] += l.amounts[k];
    }
    const std::vector<double> gains = gains_by_period(a, width);
    const Line* tax_line = income_tax_line(a);
    Table t{{"k", "deductible lines", "- tax depreciation", "+ gain on disposal",
             "= taxable income", fmt::format("tax = {} x taxable income", pct(rate))},
            {true, true, true, true, true, true},
            {}};
    for (std::size_t k = 0; k < width; ++k) {
        std::optional<double> engine_tax;
        if (a.tax.size() == width) engine_tax = a.tax[k];
        else if (tax_line && tax_line->amounts.size() == width) engine_tax = -tax_line->amounts[k];
        t.rows.push_back({std::to_string(k), money2(deductible[k]), money2(a.depreciation[k]),
                          money2(gains[k]),
                          settle(deductible[k] - a.depreciation[k] + gains[k],
                                 a.taxable_income[k], Figure::money),
                          settle(rate * a.taxable_income[k], engine_tax, Figure::money)});
    }
    out += indent(t.text());
    if (gains.back() != 0 && a.units.empty() == false) {
        double of_units = 0;
        for (const CapitalUnit& u : a.units) of_units += u.gain_on_disposal;
        if (a.gain_on_disposal != of_units)
            out += fmt::format("  the gain at k = {} includes {} for capitalised model lines "
                               "written off at the end\n",
                               width - 1, money2(a.gain_on_disposal - of_units));
    }
    return out;
}

namespace {

/// The lines LCC counts (all but benefits; before tax, all but income tax too) as a table of
/// present values; returns their sum.
double lcc_lines(const ExplainContext& x, const AlternativeResult& a, bool pre_tax,
                 std::string& out) {
    Table t{{"line", "key", "PV = sum amount_k x factor_k"}, {false, false, true}, {}};
    double sum = 0, benefits = 0;
    int zero = 0;
    for (const Line& l : a.lines) {
        if (pre_tax && l.source == "tax") continue;
        const double pv = present_value(x, l.amounts);
        if (l.category == EQROI_CATEGORY_BENEFIT) {
            benefits += pv;
            continue;
        }
        if (all_zero(l.amounts)) {
            ++zero;
            continue;
        }
        sum += pv;
        t.rows.push_back({l.label, l.key, money2(pv)});
    }
    out += indent(t.text());
    if (benefits != 0)
        out += fmt::format("  (benefit lines left out: PV {})\n", money2(benefits));
    if (zero > 0) out += fmt::format("  ({} line{} zero in every period left out)\n", zero,
                                     zero == 1 ? "" : "s");
    return sum;
}

std::string euac_line(const ExplainContext& x, const Measures& m) {
    return fmt::format("EUAC = LCC x (A/P, {}, {}) = {} x {} = {}\n", pct(x.yearly_rate),
                       x.years, money2(m.lcc), factor_text(x.recovery),
                       settle(m.lcc * x.recovery, m.euac, Figure::money, "none", " per year"));
}

}  // namespace

std::string explain_lcc(const ExplainContext& x, const AlternativeResult& a, bool pre_tax) {
    std::string out = fmt::format("LCC = -(sum of the PVs of every line but benefits{}):\n",
                                  pre_tax ? " and income tax" : "");
    const double sum = lcc_lines(x, a, pre_tax, out);
    const Measures& m = pre_tax ? a.pre_tax : a.measures;
    out += fmt::format("  = -({}) = {}\n", money2(sum), settle(-sum, m.lcc, Figure::money));
    return out + euac_line(x, m);
}

std::string explain_lcc_increment(const ExplainContext& x, const AlternativeResult& a,
                                  const AlternativeResult& base, bool pre_tax) {
    const Measures& own = pre_tax ? a.pre_tax : a.measures;
    const Measures& theirs = pre_tax ? base.pre_tax : base.measures;
    const Measures& inc = pre_tax ? a.vs_baseline_pre_tax : a.vs_baseline;
    std::string out = fmt::format(
        "LCC of the increment = LCC('{}') - LCC('{}') (each explained above) = {} = {}\n",
        a.id, base.id, difference_text(own.lcc, theirs.lcc),
        settle(own.lcc - theirs.lcc, inc.lcc, Figure::money));
    return out + euac_line(x, inc);
}

namespace {

/// The lines of one side of SIR (investment or operating) of one alternative, as costs
/// (PV x -1); returns their sum.
double cost_lines(const ExplainContext& x, const AlternativeResult& a, bool investment,
                  bool pre_tax, Table& t) {
    double sum = 0;
    for (const Line& l : a.lines) {
        if (pre_tax && l.source == "tax") continue;
        if (is_investment(l) != investment || all_zero(l.amounts)) continue;
        const double cost = -present_value(x, l.amounts);
        sum += cost;
        t.rows.push_back({a.id, l.label, money2(cost)});
    }
    t.rows.push_back({a.id, "total", money2(sum)});
    return sum;
}

}  // namespace

std::string explain_savings(const ExplainContext& x, const AlternativeResult& a,
                            const AlternativeResult& base, bool pre_tax) {
    const Savings& sv = pre_tax ? a.savings_pre_tax : a.savings;
    const Measures& inc = pre_tax ? a.vs_baseline_pre_tax : a.vs_baseline;
    std::string out = fmt::format(
        "Savings against the baseline (NIST BLCC){}: present values as costs (PV x -1, a cost "
        "is positive)\n",
        pre_tax ? ", before tax" : "");
    out += "Investment lines (capital, capitalised model lines, loan proceeds and principal):\n";
    Table invest{{"alternative", "line", "PV as cost"}, {false, false, true}, {}};
    const double inv_a = cost_lines(x, a, true, pre_tax, invest);
    const double inv_b = cost_lines(x, base, true, pre_tax, invest);
    out += indent(invest.text());
    out += "Operating lines (every other line" + std::string(pre_tax ? " but income tax" : "") +
           "):\n";
    Table operating{{"alternative", "line", "PV as cost"}, {false, false, true}, {}};
    const double op_a = cost_lines(x, a, false, pre_tax, operating);
    const double op_b = cost_lines(x, base, false, pre_tax, operating);
    out += indent(operating.text());
    const double added = inv_a - inv_b, saved = op_b - op_a;
    out += fmt::format("PV added investment I = {} = {}\n", difference_text(inv_a, inv_b),
                       settle(added, sv.pv_added_investment, Figure::money));
    out += fmt::format("PV operating savings S = {} = {}\n", difference_text(op_b, op_a),
                       settle(saved, sv.pv_operating_savings, Figure::money));
    out += fmt::format("Net savings = S - I = {} = {} (the incremental NPV above: {})\n",
                       difference_text(sv.pv_operating_savings, sv.pv_added_investment),
                       settle(sv.pv_operating_savings - sv.pv_added_investment, sv.net_savings,
                              Figure::money),
                       money2(inc.npv));
    if (sv.pv_added_investment <= 0) {
        out += fmt::format("SIR: {}\n",
                           settle(std::nullopt, sv.sir, Figure::ratio,
                                  "none: the added investment is not positive (I <= 0)"));
        return out + fmt::format("AIRR: {}\n", settle(std::nullopt, sv.airr, Figure::rate,
                                                      "none: there is no SIR"));
    }
    const double sir = sv.pv_operating_savings / sv.pv_added_investment;
    out += fmt::format("SIR = S / I = {} / {} = {}\n", money2(sv.pv_operating_savings),
                       money2(sv.pv_added_investment), settle(sir, sv.sir, Figure::ratio));
    if (!sv.sir || *sv.sir <= 0)
        return out + fmt::format("AIRR: {}\n", settle(std::nullopt, sv.airr, Figure::rate,
                                                      "none: SIR is not positive"));
    const double root = std::pow(*sv.sir, 1.0 / x.years);
    out += fmt::format("AIRR = (1 + r) x SIR^(1/N) - 1, r = {} per year, N = {} years\n"
                       "  = (1 + {}) x {}^(1/{}) - 1 = {} x {} - 1 = {}\n",
                       pct(x.yearly_rate), x.years, pct(x.yearly_rate), show(*sv.sir, Figure::ratio),
                       x.years, factor_text(1 + x.yearly_rate), factor_text(root),
                       settle((1 + x.yearly_rate) * root - 1, sv.airr, Figure::rate));
    return out;
}

}  // namespace eqroi::report_detail
