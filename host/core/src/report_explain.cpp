// The explanation: every measure of the report as its formula with the numbers put in, so a
// reviewer can redo each figure on paper or in a spreadsheet without reading the code. It
// computes nothing new: the inputs are the engine's flows, discount factors and rates; the
// arithmetic shown is redone here and must land on the engine's figure (settle() flags it when
// it does not). This file: the frame and the measures of a flow series (NPV, IRR, MIRR, PI,
// payback, discounted payback, EAA, ROI); tax, LCC and the savings are in
// report_explain_costs.cpp.
#include "report_detail.hpp"

#include <eqroi/core/finance.hpp>
#include <eqroi/core/report.hpp>

#include <fmt/format.h>

#include <cmath>

namespace eqroi {

namespace report_detail {

std::string show(double v, Figure kind) {
    switch (kind) {
        case Figure::money: return money2(v);
        case Figure::rate: return pct(v);
        case Figure::years: return fmt::format("{:.2f} years", v);
        case Figure::ratio: return grouped(v, 6);
    }
    return {};
}

std::string factor_text(double f) { return fmt::format("{:.8f}", f); }

namespace {
/// Same figure, up to the arithmetic's rounding: half a cent for money (or 1e-9 relative for
/// large amounts), 1e-8 for rates, ratios and years.
bool same(double a, double b, Figure kind) {
    const double d = std::fabs(a - b);
    if (kind == Figure::money) return d <= 0.005 || d <= 1e-9 * std::max(std::fabs(a), std::fabs(b));
    return d <= 1e-8;
}
}  // namespace

std::string settle(std::optional<double> shown, std::optional<double> engine, Figure kind,
                   const std::string& none, const std::string& unit) {
    auto text = [&](const std::optional<double>& v) { return v ? show(*v, kind) + unit : none; };
    if (shown.has_value() == engine.has_value() && (!shown || same(*shown, *engine, kind)))
        return text(engine);
    return fmt::format("{} [DIFFERS: the engine reports {}]", text(shown), text(engine));
}

double present_value(const ExplainContext& x, const std::vector<double>& amounts) {
    double pv = 0;
    for (std::size_t k = 0; k < amounts.size() && k < x.factors.size(); ++k)
        pv += amounts[k] * x.factors[k];
    return pv;
}

std::string difference_text(double a, double b) {
    return b < 0 ? fmt::format("{} - ({})", money2(a), money2(b))
                 : fmt::format("{} - {}", money2(a), money2(b));
}

std::string indent(const std::string& text) {
    std::string out;
    std::size_t start = 0;
    while (start < text.size()) {
        const std::size_t end = text.find('\n', start);
        const std::size_t stop = end == std::string::npos ? text.size() : end + 1;
        out += "  " + text.substr(start, stop - start);
        start = stop;
    }
    return out;
}

}  // namespace report_detail

using namespace report_detail;

namespace {

/// "10.00 % per year", or for a monthly study "0.948879 % per month".
std::string period_rate_text(const ExplainContext& x, double per_period) {
    return x.ppy == 1 ? pct(per_period) + " per year"
                      : fmt::format("{} per {}", pct(per_period, 6), x.noun);
}

/// How a yearly rate becomes the per-period one, for a monthly study.
std::string monthly_note(const ExplainContext& x, double yearly) {
    if (x.ppy == 1) return "";
    return fmt::format(" = (1 + {})^(1/{}) - 1", pct(yearly), x.ppy);
}

/// A figure in periods as years: "2 + 300.00 / 500.00" stays as is in a yearly study and is
/// divided by 12 in a monthly one.
std::string in_years(const ExplainContext& x, const std::string& periods) {
    return x.ppy == 1 ? periods : fmt::format("({}) / {}", periods, x.ppy);
}

/// The per-period table of a series and its NPV. Fills the cumulative and cumulative
/// discounted series for the paybacks.
std::string explain_npv(const ExplainContext& x, const std::vector<double>& f, const Measures& m,
                        std::vector<double>& cumulative, std::vector<double>& cumulative_disc) {
    const bool mid = x.timing == finance::Timing::mid_period;
    std::string out = fmt::format(
        "NPV = {}, i = {}{} ({})\n",
        mid ? "F_0 + sum over k >= 1 of F_k x 1/(1 + i)^(k - 0.5)" : "sum F_k x 1/(1 + i)^k",
        period_rate_text(x, x.period_rate), monthly_note(x, x.yearly_rate),
        timing_words(x.timing));
    Table t{{"k", "F_k", "factor", "discounted", "cumulative C_k", "cum. discounted D_k"},
            {true, true, true, true, true, true},
            {}};
    double c = 0, d = 0, npv = 0;
    cumulative.assign(f.size(), 0.0);
    cumulative_disc.assign(f.size(), 0.0);
    for (std::size_t k = 0; k < f.size(); ++k) {
        const double disc = f[k] * x.factors[k];
        c += f[k];
        d += disc;
        npv += disc;
        cumulative[k] = c;
        cumulative_disc[k] = d;
        t.rows.push_back({std::to_string(k), money2(f[k]), factor_text(x.factors[k]), money2(disc),
                          money2(c), money2(d)});
    }
    out += indent(t.text());
    out += "  = " + settle(npv, m.npv, Figure::money) + "\n";
    return out;
}

std::string explain_irr(const ExplainContext& x, const std::vector<double>& f, const Measures& m) {
    const std::vector<double> roots = irr_roots_of(m);
    if (roots.empty()) {
        if (m.sign_changes == 0) return "IRR: none: the flow never changes sign\n";
        return fmt::format("IRR: none: the flow changes sign {} time{}, but NPV(r) has no root "
                           "above -100 %\n",
                           m.sign_changes, m.sign_changes == 1 ? "" : "s");
    }
    auto at = [&](double r) {
        std::string rate = pct(r) + " per year";
        if (x.ppy > 1)
            rate += fmt::format(" ({} per {})", pct(finance::period_rate(r, x.ppy), 6), x.noun);
        return rate;
    };
    auto check = [&](double r) {
        return money2(finance::npv(finance::period_rate(r, x.ppy), f, x.timing));
    };
    if (roots.size() == 1) {
        std::string out = fmt::format("IRR: NPV(r) = 0 at r = {}; check: NPV at {} = {}\n",
                                      at(roots[0]), pct(roots[0]), check(roots[0]));
        if (!m.irr || m.irr_ambiguous || !same(roots[0], *m.irr, Figure::rate))
            out += fmt::format("  [DIFFERS: the engine reports IRR {}]\n", percent(m.irr));
        return out;
    }
    std::string out = fmt::format("IRR: ambiguous: the flow changes sign {} times and NPV(r) = 0 "
                                  "at more than one rate:\n",
                                  m.sign_changes);
    for (double r : roots)
        out += fmt::format("  r = {}; check: NPV at {} = {}\n", at(r), pct(r), check(r));
    out += "  no single IRR: rank by NPV (MIRR below has one answer)\n";
    if (m.irr) out += fmt::format("  [DIFFERS: the engine reports IRR {}]\n", pct(*m.irr));
    return out;
}

std::string explain_mirr(const ExplainContext& x, const std::vector<double>& f, const Measures& m) {
    const StudyRates& rates = x.result.rates;
    const double fr = finance::period_rate(rates.finance_rate, x.ppy);
    const double rr = finance::period_rate(rates.reinvest_rate, x.ppy);
    const std::size_t n = f.size() - 1;
    double fv = 0, pv = 0;
    for (std::size_t k = 0; k < f.size(); ++k) {
        if (f[k] > 0) fv += f[k] * std::pow(1 + rr, static_cast<double>(n - k));
        if (f[k] < 0) pv += -f[k] / std::pow(1 + fr, static_cast<double>(k));
    }
    std::string out = fmt::format(
        "MIRR = (FV of inflows at the reinvestment rate / PV of outflows at the finance "
        "rate)^(1/n) - 1, n = {} {}s (Excel MIRR)\n",
        n, x.noun);
    if (x.ppy > 1)
        out += fmt::format("  rates per {}: finance (1 + {})^(1/{}) - 1 = {}, reinvestment "
                           "(1 + {})^(1/{}) - 1 = {}\n",
                           x.noun, pct(rates.finance_rate), x.ppy, pct(fr, 6),
                           pct(rates.reinvest_rate), x.ppy, pct(rr, 6));
    const std::string rr_text = x.ppy == 1 ? pct(rr) : pct(rr, 6);
    const std::string fr_text = x.ppy == 1 ? pct(fr) : pct(fr, 6);
    out += fmt::format("  FV of inflows  = sum over F_k > 0 of F_k x (1 + {})^(n - k) = {}\n",
                       rr_text, money2(fv));
    out += fmt::format("  PV of outflows = sum over F_k < 0 of -F_k / (1 + {})^k = {}\n",
                       fr_text, money2(pv));
    if (fv <= 0 || pv <= 0 || n < 1)
        return out + fmt::format("  = {}\n", settle(std::nullopt, m.mirr, Figure::rate,
                                                    fv <= 0 ? "none: the flow has no inflow"
                                                            : "none: the flow has no outflow"));
    const double per_period = std::pow(fv / pv, 1.0 / static_cast<double>(n)) - 1;
    if (x.ppy == 1)
        return out + fmt::format("  = ({} / {})^(1/{}) - 1 = {}\n", money2(fv), money2(pv), n,
                                 settle(per_period, m.mirr, Figure::rate));
    const double yearly = std::pow(1 + per_period, x.ppy) - 1;
    return out + fmt::format("  = ({} / {})^(1/{}) - 1 = {} per {}; per year (1 + {})^{} - 1 = {}\n",
                             money2(fv), money2(pv), n, pct(per_period, 6), x.noun,
                             pct(per_period, 6), x.ppy, settle(yearly, m.mirr, Figure::rate));
}

std::string explain_pi(const ExplainContext& x, const std::vector<double>& f, const Measures& m) {
    if (f[0] >= 0)
        return fmt::format("PI: {}\n", settle(std::nullopt, m.profitability_index, Figure::ratio,
                                              fmt::format("none: nothing is invested at k = 0 "
                                                          "(F_0 = {})",
                                                          money2(f[0]))));
    double pv = 0;
    for (std::size_t k = 1; k < f.size(); ++k) pv += f[k] * x.factors[k];
    return fmt::format("PI = PV(F_1..F_N) / -F_0 = {} / {} = {}\n", money2(pv), money2(-f[0]),
                       settle(pv / -f[0], m.profitability_index, Figure::ratio));
}

/// Payback on a flow (`step` = its per-period amounts, `cum` = their running sum): the last
/// period m the running sum is negative, then m + (-C_m) / step_{m+1}.
std::string explain_payback(const ExplainContext& x, const std::vector<double>& step,
                            const std::vector<double>& cum, const std::optional<double>& engine,
                            bool discounted) {
    const char* name = discounted ? "Discounted payback" : "Payback";
    const char* what = discounted ? "cumulative discounted flow" : "cumulative flow";
    const char* c = discounted ? "D" : "C";
    const std::string s = discounted ? "(F_{} x factor_{})" : "F_{}";
    std::size_t last = cum.size();
    for (std::size_t k = 0; k < cum.size(); ++k)
        if (cum[k] < 0) last = k;
    if (last == cum.size())
        return fmt::format("{}: {}: the {} is never negative\n", name,
                           settle(0.0, engine, Figure::years, "not reached"), what);
    if (last + 1 == cum.size())
        return fmt::format("{}: {}: the {} is still negative at the end ({}_{} = {})\n", name,
                           settle(std::nullopt, engine, Figure::years, "not reached"), what, c,
                           last, money2(cum[last]));
    const double periods = static_cast<double>(last) + -cum[last] / step[last + 1];
    const std::string term = fmt::format(fmt::runtime(s), last + 1, last + 1);
    return fmt::format(
        "{}: the {} is last negative at the end of {} {} ({}_{} = {}); {} = {} = {}\n", name, what,
        x.noun, last, c, last, money2(cum[last]),
        in_years(x, fmt::format("{} + {} / {}", last, money2(-cum[last]), term)),
        in_years(x, fmt::format("{} + {} / {}", last, money2(-cum[last]), money2(step[last + 1]))),
        settle(periods / x.ppy, engine, Figure::years, "not reached"));
}

std::string explain_eaa(const ExplainContext& x, const Measures& m) {
    const double i = x.yearly_rate;
    std::string ap;
    if (i == 0) {
        ap = fmt::format("(A/P, 0.00 %, {0}) = 1 / n = 1 / {0} = {1}", x.years,
                         factor_text(x.recovery));
    } else {
        const double g = std::pow(1 + i, x.years);
        ap = fmt::format("(A/P, {}, {}) = i(1 + i)^n / ((1 + i)^n - 1) = {} x {} / ({} - 1) = {}",
                         pct(i), x.years, fmt::format("{:.6f}", i), factor_text(g),
                         factor_text(g), factor_text(x.recovery));
    }
    return fmt::format("EAA = NPV x (A/P, i, n), i = {} per year, n = {} years\n  {}\n"
                       "  = {} x {} = {}\n",
                       pct(i), x.years, ap, money2(m.npv), factor_text(x.recovery),
                       settle(m.npv * x.recovery, m.annual_value, Figure::money, "none",
                              " per year"));
}

std::string explain_roi(const ExplainContext& x, const std::vector<double>& f, const Measures& m) {
    if (f[0] >= 0)
        return fmt::format("ROI: {}\n",
                           settle(std::nullopt, m.roi, Figure::rate,
                                  fmt::format("none: nothing is invested at k = 0 (F_0 = {})",
                                              money2(f[0]))));
    double total = 0;
    for (double v : f) total += v;
    return fmt::format("ROI = (sum F_k / years) / -F_0 = ({} / {}) / {} = {}\n", money2(total),
                       x.years, money2(-f[0]),
                       settle(total / x.years / -f[0], m.roi, Figure::rate));
}

/// Every measure of one flow series. `lcc` explains LCC and EUAC (they need the lines).
std::string explain_series(const ExplainContext& x, const std::string& title,
                           const std::vector<double>& f, const Measures& m,
                           const std::string& lcc) {
    std::string out = fmt::format("\n--- {} ---\n", title);
    if (f.empty() || f.size() != x.factors.size())
        return out + "(the engine gave no flow for this series)\n";
    std::vector<double> c, d;
    out += explain_npv(x, f, m, c, d);
    out += explain_irr(x, f, m);
    out += explain_mirr(x, f, m);
    out += explain_pi(x, f, m);
    out += explain_payback(x, f, c, m.payback, false);
    std::vector<double> discounted(f.size());
    for (std::size_t k = 0; k < f.size(); ++k) discounted[k] = f[k] * x.factors[k];
    out += explain_payback(x, discounted, d, m.discounted_payback, true);
    out += explain_eaa(x, m);
    out += lcc;
    out += explain_roi(x, f, m);
    return out;
}

std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d(std::min(a.size(), b.size()));
    for (std::size_t k = 0; k < d.size(); ++k) d[k] = a[k] - b[k];
    return d;
}

ExplainContext context_of(const StudyResult& r) {
    const StudySettings& s = r.settings;
    ExplainContext x(r);
    x.ppy = s.periods_per_year();
    x.years = s.horizon_years;
    x.yearly_rate = s.discount_rate;
    x.period_rate = r.rates.per_period;
    x.timing = s.timing;
    x.noun = period_noun(s);
    const std::size_t width = static_cast<std::size_t>(std::max(s.period_count(), 0)) + 1;
    for (const auto& a : r.alternatives)
        if (a.discount_factors.size() == width) {
            x.factors = a.discount_factors;
            break;
        }
    if (x.factors.empty())  // the engine did not record them: the same function it uses
        for (std::size_t k = 0; k < width; ++k)
            x.factors.push_back(finance::discount_factor(x.period_rate, k, x.timing));
    x.recovery = finance::capital_recovery_factor(x.yearly_rate, x.years);
    return x;
}

}  // namespace

std::string render_explain(const StudyResult& r) {
    const ExplainContext x = context_of(r);
    const StudySettings& s = r.settings;
    const bool taxed = s.tax_rate > 0;
    std::string out = fmt::format("Explain: {}\n", s.name);
    for (const auto& line : header_lines(r)) out += line + "\n";
    out += fmt::format(
        "\nEach figure of the report as its formula with the numbers put in. k counts {0}s "
        "from the purchase (k = 0) to N = {1}; F_k is the flow of {0} k; factor_k is the "
        "discount factor; C_k and D_k are the running sums of F_k and of F_k x factor_k. "
        "Yearly figures use years = {1} / {2} = {3}. Each block ends with '= figure', the "
        "figure the report shows; [DIFFERS ...] marks a figure the arithmetic above does not "
        "reproduce.\n",
        x.noun, x.factors.size() - 1, x.ppy, x.years);
    const AlternativeResult* base = baseline_of(r);
    for (const auto& a : r.alternatives) {
        out += fmt::format("\n=== {} ({}){} ===\n", a.name, a.id,
                           a.is_baseline ? ", the baseline" : "");
        if (taxed) out += explain_tax(x, a);
        out += explain_series(x, taxed ? "After tax: F_k = the after-tax net flow"
                                       : "F_k = the net cash flow",
                              a.net, a.measures, explain_lcc(x, a, false));
        if (taxed)
            out += explain_series(x, "Before tax: F_k = the pre-tax net flow (every line but "
                                     "income tax)",
                                  a.pre_tax_net, a.pre_tax, explain_lcc(x, a, true));
        if (a.is_baseline || !base) continue;
        const std::vector<double> inc =
            a.incremental.size() == a.net.size() ? a.incremental : minus(a.net, base->net);
        out += explain_series(x,
                              fmt::format("Choosing '{}' over the baseline '{}'{}: F_k = this "
                                          "flow minus the baseline's",
                                          a.id, base->id, taxed ? ", after tax" : ""),
                              inc, a.vs_baseline, explain_lcc_increment(x, a, *base, false));
        out += explain_savings(x, a, *base, false);
        if (taxed) {
            out += explain_series(x,
                                  fmt::format("Choosing '{}' over the baseline '{}', before "
                                              "tax: F_k = the pre-tax flows' difference",
                                              a.id, base->id),
                                  minus(a.pre_tax_net, base->pre_tax_net), a.vs_baseline_pre_tax,
                                  explain_lcc_increment(x, a, *base, true));
            out += explain_savings(x, a, *base, true);
        }
    }
    out += fmt::format("\nRanking: by NPV, mutually exclusive (choose the highest NPV, never the "
                       "highest IRR):");
    for (const auto* a : ranked(r))
        out += fmt::format(" {}. {} ({})", a->rank, a->id, money2(a->measures.npv));
    return out + "\n";
}

}  // namespace eqroi
