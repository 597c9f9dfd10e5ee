// Results built by hand for the report tests. The numbers are worked out in the comments (and
// were cross-checked with a short Python script: bisection for the IRRs); the renderings must
// show them. Nothing here runs the engine: the report is tested against the contract of
// StudyResult, whatever the engine's state.
#pragma once

#include <eqroi/core/engine.hpp>
#include <eqroi/core/report.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <string>
#include <vector>

namespace report_test {

using eqroi::AlternativeResult;
using eqroi::Line;
using eqroi::Measures;
using eqroi::StudyResult;
using V = std::vector<double>;

inline Line line(const std::string& key, const std::string& label, const std::string& source,
                 eqroi_category category, eqroi_tax_treatment tax, V amounts,
                 bool is_capital = false) {
    Line l;
    l.key = key;
    l.label = label;
    l.source = source;
    l.category = category;
    l.tax_treatment = tax;
    l.is_capital = is_capital;
    l.amounts = std::move(amounts);
    return l;
}

/// The series that follow from `net` and the factors: cumulative, discounted, cumulative
/// discounted (a running sum and a product, the engine's contract; not under test here).
inline void fill_series(AlternativeResult& a, const V& factors) {
    a.discount_factors = factors;
    double c = 0, d = 0;
    for (std::size_t k = 0; k < a.net.size(); ++k) {
        c += a.net[k];
        d += a.net[k] * factors[k];
        a.cumulative.push_back(c);
        a.discounted.push_back(a.net[k] * factors[k]);
        a.cumulative_discounted.push_back(d);
    }
}

/// "Small press": 3 years, yearly, 10 % nominal (inflation 2 %), end of period, no tax.
/// Discount factors 1/1.1^k: 1, 0.90909091, 0.82644628, 0.75131480.
/// (A/P, 10 %, 3) = 0.1 x 1.331 / (1.331 - 1) = 0.1331 / 0.331 = 0.40211480.
///
/// buy (rank 1): price -1000 at 0; benefit 350, 450, 550; maintenance -50 each year.
///   F = -1000, 300, 400, 500.
///   NPV = -1000 + 272.73 + 330.58 + 375.66 = -21.036814 (-1000 + 300/1.1 + 400/1.21 + 500/1.331)
///   IRR = 8.896339 % (bisection; NPV there = 0)
///   MIRR at 10 %/10 %: FV of inflows = 300 x 1.21 + 400 x 1.1 + 500 = 1303;
///        PV of outflows = 1000; (1303 / 1000)^(1/3) - 1 = 9.223177 %
///   PI = (NPV + 1000) / 1000 = 978.963186 / 1000 = 0.978963
///   payback: C = -1000, -700, -300, 200: 2 + 300 / 500 = 2.6 years
///   discounted payback: D = -1000, -727.27, -396.69, -21.04: not reached
///   EAA = -21.036814 x 0.40211480 = -8.459215
///   LCC = price 1000 + maintenance 50 x (0.90909091 + 0.82644628 + 0.75131480) = 1000 + 124.342600
///       = 1124.342600 (the benefit, PV 1103.305785, is left out); EUAC = 1124.342600 x 0.40211480
///       = 452.114804
///   ROI = ((-1000 + 300 + 400 + 500) / 3) / 1000 = 66.67 / 1000 = 6.67 %
/// keep (baseline, rank 2): repairs -200 each year. F = 0, -200, -200, -200.
///   NPV = -200 x 2.486852 = -497.370398; no IRR (no sign change); MIRR none (no inflow);
///   PI none and ROI none (nothing invested at 0); paybacks not reached (C_3 = -600);
///   EAA = -497.370398 x 0.40211480 = -200.00; LCC = 497.370398; EUAC = 200.00.
/// buy over keep: F = -1000, 500, 600, 700.
///   NPV = -21.036814 + 497.370398 = 476.333584; IRR = 33.874971 % (bisection)
///   MIRR: FV = 500 x 1.21 + 600 x 1.1 + 700 = 1965; (1.965)^(1/3) - 1 = 25.252822 %
///   PI = 1476.333584 / 1000 = 1.476334
///   payback: C = -1000, -500, 100: 1 + 500 / 600 = 1.833333 years
///   discounted payback: D = -1000, -545.45, -49.59, 476.33; 2 + 49.586777 / 525.920361
///       = 2.094286 years
///   EAA = 476.333584 x 0.40211480 = 191.540785
///   LCC = 1124.342600 - 497.370398 = 626.972201; EUAC = 626.972201 x 0.40211480 = 252.114804
///   ROI = (800 / 3) / 1000 = 26.67 %
///   Savings: I = 1000 (price) - 0 = 1000; operating lines as costs: buy -(1103.305785
///   - 124.342600) = -978.963186, keep 497.370398; S = 497.370398 - (-978.963186) = 1476.333584;
///   net savings = S - I = 476.333584 (= incremental NPV); SIR = 1.476334;
///   AIRR = 1.1 x 1.476334^(1/3) - 1 = 1.1 x 1.13866201 - 1 = 25.252822 % (= the MIRR above,
///   as it must be when both reinvest at the discount rate).
inline StudyResult small_study() {
    StudyResult r;
    auto& s = r.settings;
    s.name = "Small press";
    s.currency = "EUR";
    s.horizon_years = 3;
    s.discount_rate = 0.10;
    s.inflation = 0.02;
    s.baseline = "keep";
    r.baseline = "keep";
    r.rates.discount_rate = 0.10;
    r.rates.nominal = 0.10;
    r.rates.real = 1.1 / 1.02 - 1;  // 7.843137 %
    r.rates.per_period = 0.10;
    r.rates.finance_rate = 0.10;
    r.rates.reinvest_rate = 0.10;
    const V factors{1, 1 / 1.1, 1 / 1.21, 1 / 1.331};
    const double ap = 0.1331 / 0.331;

    AlternativeResult buy;
    buy.id = "buy";
    buy.name = "Buy a new press";
    buy.lines = {line("capital.price", "Purchase price", "capital", EQROI_CATEGORY_OTHER,
                      EQROI_TAX_CAPITALISED, {-1000, 0, 0, 0}, true),
                 line("benefits.output", "Extra output", "benefits", EQROI_CATEGORY_BENEFIT,
                      EQROI_TAX_DEDUCTIBLE, {0, 350, 450, 550}),
                 line("maintenance.preventive", "Preventive maintenance", "maintenance",
                      EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE, {0, -50, -50, -50})};
    buy.net = {-1000, 300, 400, 500};
    buy.pre_tax_net = buy.net;
    fill_series(buy, factors);
    buy.incremental = {-1000, 500, 600, 700};
    Measures& m = buy.measures;
    m.npv = -1000 + 300 / 1.1 + 400 / 1.21 + 500 / 1.331;
    m.irr = 0.08896339469335;
    m.irr_roots = {0.08896339469335};
    m.sign_changes = 1;
    m.mirr = std::cbrt(1.303) - 1;
    m.profitability_index = (m.npv + 1000) / 1000;
    m.payback = 2.6;
    m.annual_value = m.npv * ap;
    m.lcc = 1000 + 50 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331);
    m.euac = m.lcc * ap;
    m.roi = (200.0 / 3) / 1000;
    buy.pre_tax = m;
    Measures& v = buy.vs_baseline;
    v.npv = m.npv + 200 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331);
    v.irr = 0.3387497097016257;
    v.irr_roots = {0.3387497097016257};
    v.sign_changes = 1;
    v.mirr = std::cbrt(1.965) - 1;
    v.profitability_index = (v.npv + 1000) / 1000;
    v.payback = 1 + 500.0 / 600;
    v.discounted_payback = 2 + (1000 - 500 / 1.1 - 600 / 1.21) / (700 / 1.331);
    v.annual_value = v.npv * ap;
    v.lcc = m.lcc - 200 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331);
    v.euac = v.lcc * ap;
    v.roi = (800.0 / 3) / 1000;
    buy.vs_baseline_pre_tax = v;
    auto& sv = buy.savings;
    sv.pv_added_investment = 1000;
    sv.pv_operating_savings = v.npv + 1000;
    sv.net_savings = v.npv;
    sv.sir = sv.pv_operating_savings / 1000;
    sv.airr = 1.1 * std::cbrt(*sv.sir) - 1;
    buy.savings_pre_tax = sv;
    buy.rank = 1;

    AlternativeResult keep;
    keep.id = "keep";
    keep.name = "Keep the old press";
    keep.lines = {line("maintenance.repairs", "Repairs", "maintenance",
                       EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE, {0, -200, -200, -200})};
    keep.net = {0, -200, -200, -200};
    keep.pre_tax_net = keep.net;
    fill_series(keep, factors);
    keep.incremental = {0, 0, 0, 0};
    Measures& k = keep.measures;
    k.npv = -200 * (1 / 1.1 + 1 / 1.21 + 1 / 1.331);
    k.annual_value = -200;
    k.lcc = -k.npv;
    k.euac = 200;
    keep.pre_tax = k;
    keep.is_baseline = true;
    keep.rank = 2;

    r.alternatives = {buy, keep};
    return r;
}

/// small_study() plus "swap", whose flow -1000, 2300, -1312.5, 0 changes sign twice:
/// NPV(r) x (1 + r)^2 / -1000 = x^2 - 2.3 x + 1.3125 with x = 1 + r, = (x - 1.05)(x - 1.25),
/// so NPV = 0 at 5 % and at 25 %. At 10 %: -1000 + 2300/1.1 - 1312.5/1.21 = 6.198347, the
/// highest NPV: swap ranks 1, buy 2, keep 3. Only the fields the tests read are set.
inline StudyResult with_ambiguous_irr() {
    StudyResult r = small_study();
    AlternativeResult swap;
    swap.id = "swap";
    swap.name = "Swap the tooling";
    swap.lines = {line("operations.contract", "Tooling contract", "operations",
                       EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE, {-1000, 2300, -1312.5, 0})};
    swap.net = {-1000, 2300, -1312.5, 0};
    swap.pre_tax_net = swap.net;
    fill_series(swap, r.alternatives[0].discount_factors);
    swap.measures.npv = -1000 + 2300 / 1.1 - 1312.5 / 1.21;
    swap.measures.irr_roots = {0.05, 0.25};
    swap.measures.irr_ambiguous = true;
    swap.measures.sign_changes = 2;
    swap.rank = 1;
    r.alternatives[0].rank = 2;
    r.alternatives[1].rank = 3;
    r.alternatives.push_back(swap);
    return r;
}

/// "Taxed press": 2 years, yearly, 10 %, tax rate 25 %, straight-line depreciation.
/// buy: price -1000 at 0 (capitalised, deducted 500 in years 1 and 2); benefit 800 a year
///   (deductible). Taxable income = 800 - 500 = 300 in years 1 and 2; tax = 25 % x 300 = 75;
///   cash line Income tax = 0, -75, -75.
///   Pre-tax F = -1000, 800, 800: NPV = -1000 + 727.272727 + 661.157025 = 388.429752.
///   After-tax F = -1000, 725, 725: NPV = -1000 + 659.090909 + 599.173554 = 258.264463.
/// keep (baseline): maintenance -100 a year (deductible): taxable income -100, tax -25 (a
///   saving), Income tax line +25; pre-tax F = 0, -100, -100; after-tax F = 0, -75, -75.
inline StudyResult taxed_study() {
    StudyResult r;
    auto& s = r.settings;
    s.name = "Taxed press";
    s.horizon_years = 2;
    s.discount_rate = 0.10;
    s.tax_rate = 0.25;
    s.baseline = "keep";
    r.baseline = "keep";
    r.rates = {0.10, 0.10, 0.10, 0.10, 0.10, 0.10};
    const V factors{1, 1 / 1.1, 1 / 1.21};

    AlternativeResult buy;
    buy.id = "buy";
    buy.name = "Buy";
    buy.lines = {line("capital.price", "Purchase price", "capital", EQROI_CATEGORY_OTHER,
                      EQROI_TAX_CAPITALISED, {-1000, 0, 0}, true),
                 line("benefits.output", "Extra output", "benefits", EQROI_CATEGORY_BENEFIT,
                      EQROI_TAX_DEDUCTIBLE, {0, 800, 800}),
                 line("tax.income_tax", "Income tax", "tax", EQROI_CATEGORY_OTHER,
                      EQROI_TAX_NOT_TAXED, {0, -75, -75})};
    buy.pre_tax_net = {-1000, 800, 800};
    buy.net = {-1000, 725, 725};
    fill_series(buy, factors);
    buy.depreciation_method = "straight_line";
    buy.depreciation = {0, 500, 500};
    buy.taxable_income = {0, 300, 300};
    buy.tax = {0, 75, 75};
    buy.measures.npv = -1000 + 725 / 1.1 + 725 / 1.21;
    buy.pre_tax.npv = -1000 + 800 / 1.1 + 800 / 1.21;
    buy.rank = 1;

    AlternativeResult keep;
    keep.id = "keep";
    keep.name = "Keep";
    keep.lines = {line("maintenance.repairs", "Repairs", "maintenance",
                       EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE, {0, -100, -100}),
                  line("tax.income_tax", "Income tax", "tax", EQROI_CATEGORY_OTHER,
                       EQROI_TAX_NOT_TAXED, {0, 25, 25})};
    keep.pre_tax_net = {0, -100, -100};
    keep.net = {0, -75, -75};
    fill_series(keep, factors);
    keep.depreciation = {0, 0, 0};
    keep.taxable_income = {0, -100, -100};
    keep.tax = {0, -25, -25};
    keep.measures.npv = -75 / 1.1 - 75 / 1.21;
    keep.pre_tax.npv = -100 / 1.1 - 100 / 1.21;
    keep.is_baseline = true;
    keep.rank = 2;
    r.alternatives = {buy, keep};
    return r;
}

/// Spaces collapsed, so a table row can be matched whatever the column widths.
inline std::string squeeze(const std::string& text) {
    std::string out;
    for (char c : text)
        if (c != ' ' || out.empty() || out.back() != ' ') out += c;
    return out;
}

/// Expects `needle` in `hay` and shows the whole text when it is missing.
#define EXPECT_HAS(hay, needle) \
    EXPECT_NE((hay).find(needle), std::string::npos) << "missing: " << (needle) << "\nin:\n" << (hay)

}  // namespace report_test
