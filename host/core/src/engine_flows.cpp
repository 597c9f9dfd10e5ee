// The batch: capital plan + model lines -> depreciation and income tax -> net flows ->
// measures, for many parameter sets at once. This is the Monte Carlo hot path: buffers are
// allocated once per call, each model is called once per chunk of trials, and nothing is
// allocated per trial.
#include "capital_plan.hpp"
#include "engine_detail.hpp"
#include "finance_detail.hpp"
#include "non_finite.hpp"

#include <eqroi/core/finance.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace eqroi::engine_detail {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

/// A capitalised model line's amount a at period j (a < 0 is spending) is deducted as
/// -a x deduction[m] at period j + 1 + m, cut at the study end; what is left on the books at N
/// is written off there (a loss on disposal: nothing is recovered). In a nominal study the
/// deductions and the write-off add up to exactly a.
inline void depreciate(const double* row, std::size_t periods, const LineDepreciation& dep,
                       double* taxable, double* depreciation, double* book_at_end) {
    for (std::size_t j = 0; j <= periods; ++j) {
        const double a = row[j];
        if (a == 0) continue;
        const std::size_t count = std::min(dep.deduction.size(), periods - j);
        for (std::size_t m = 0; m < count; ++m) {
            const double d = -a * dep.deduction[m];
            taxable[j + 1 + m] -= d;
            if (depreciation) depreciation[j + 1 + m] += d;
        }
        const double remaining = -a * dep.left[count] * dep.to_end[j];
        taxable[periods] -= remaining;
        if (depreciation) *book_at_end += remaining;
    }
}

// `out` (the plugin's rows) never overlaps the net and taxable buffers: say so, so the
// compiler vectorises without run-time overlap checks.
inline void add_to(const double* __restrict row, std::size_t n, double* __restrict net) {
    for (std::size_t k = 0; k < n; ++k) net[k] += row[k];
}
inline void add_to_both(const double* __restrict row, std::size_t n, double* __restrict net,
                        double* __restrict taxable) {
    for (std::size_t k = 0; k < n; ++k) {
        net[k] += row[k];
        taxable[k] += row[k];
    }
}

/// How the engine adds one line of a model: looked up once per call, not per trial.
struct LinePlan {
    const double* index = nullptr;  ///< cumulative escalation per period, or nullptr for none
    eqroi_tax_treatment treatment = EQROI_TAX_NOT_TAXED;  ///< NOT_TAXED in an untaxed study
    bool benefit = false;  ///< a benefit line: also summed for the LCC
};

bool is_per_period(const eqroi_param_desc& p) { return (p.flags & EQROI_PARAM_PER_PERIOD) != 0; }

/// Checks the overrides and maps them to [model][param] (nullptr = not overridden).
std::vector<std::vector<const ParamOverride*>> map_overrides(
    const ResolvedAlternative& alt, uint32_t trials, std::size_t width,
    const std::vector<ParamOverride>& overrides) {
    std::vector<std::vector<const ParamOverride*>> map(alt.models.size());
    for (std::size_t m = 0; m < alt.models.size(); ++m)
        map[m].assign(alt.models[m].params.size(), nullptr);
    for (const ParamOverride& o : overrides) {
        if (o.model >= alt.models.size() || o.param >= alt.models[o.model].params.size())
            throw std::out_of_range(fmt::format("override of model {} parameter {}: no such "
                                                "parameter in alternative '{}'",
                                                o.model, o.param, alt.source->id));
        const Model& model = alt.models[o.model].model;
        const eqroi_param_desc& desc = model.param(o.param);
        const std::size_t expected = std::size_t{trials} * (is_per_period(desc) ? width : 1);
        if (o.values.size() != expected)
            throw std::out_of_range(fmt::format("override of '{}.{}': {} values for {} trials "
                                                "(expected {})",
                                                model.id(), desc.key, o.values.size(), trials,
                                                expected));
        for (std::size_t v = 0; v < o.values.size(); ++v) {
            const double value = o.values[v];
            // The ABI promises plugins finite values within the declared range.
            if (!std::isfinite(value) || value < desc.min_value || value > desc.max_value)
                throw EvaluationError(fmt::format(
                    "alternative '{}', model '{}': parameter '{}' = {} (trial {}) is outside "
                    "{} .. {}",
                    alt.source->id, model.id(), desc.key, value,
                    v / (is_per_period(desc) ? width : 1), desc.min_value, desc.max_value));
        }
        map[o.model][o.param] = &o;
    }
    return map;
}

}  // namespace

FlowMeasures measure(const double* flows, std::size_t count, double rate, int periods_per_year,
                     finance::Timing timing, const BatchMeasures& what) {
    const std::span<const double> f(flows, count);
    const double ppy = periods_per_year;
    const bool end = timing == finance::Timing::end_of_period;
    FlowMeasures m{end ? finance::npv(rate, f) : finance::npv(rate, f, timing), kNone, kNone, kNone};
    if (!what.irr && !what.payback && !what.discounted_payback) return m;
    const int changes = finance::sign_changes(f);
    // All costs (the first flow negative, no sign change, so no flow positive): no IRR, and
    // the cumulative flow, discounted or not, is negative from period 0 to the end (adding a
    // flow <= 0 to a negative sum rounds to a sum no higher; a discount factor is positive and
    // finite at a rate >= 0), so neither payback is reached: what payback() and
    // discounted_payback() answer, without their walks. Every alternative that only costs money
    // takes this path in a risk run.
    if (changes == 0 && count > 0 && flows[0] < 0 && rate >= 0) return m;
    if (what.irr) {
        // One sign change: the unique root, by the fast path (finance::irr's, without counting
        // the sign changes again). Otherwise every root is looked for, and the IRR is reported
        // only when there is exactly one (never a silent pick).
        std::optional<double> r;
        if (end && changes == 1)
            r = finance::detail::single_root(finance::detail::EndOfPeriodSeries{f},
                                             rate > -0.99 && std::isfinite(rate) ? rate : 0.1);
        else if (changes > 0)
            r = finance::irr_analysis(f, timing).irr;
        if (r) m.irr = periods_per_year == 1 ? *r : std::pow(1 + *r, ppy) - 1;
    }
    if (what.payback)
        if (auto p = finance::payback(f)) m.payback = *p / ppy;
    if (what.discounted_payback)
        if (auto p = end ? finance::discounted_payback(rate, f)
                         : finance::discounted_payback(rate, f, timing))
            m.discounted_payback = *p / ppy;
    return m;
}

namespace {

/// Cumulative escalation index per period from yearly rates (rates[y] for study year y + 1):
/// index[k] = prod of (1 + rate) over the whole years before period k's time, times
/// (1 + that year's rate)^(fraction of the year) — exact for monthly periods, not rate / 12.
std::vector<double> escalation_index(const std::vector<double>& yearly, std::size_t periods,
                                     int ppy) {
    std::vector<double> index(periods + 1, 1.0);
    double whole_years = 1;  // index at the start of the current year
    for (std::size_t k = 1; k <= periods; ++k) {
        const std::size_t year = (k - 1) / static_cast<std::size_t>(ppy);  // 0-based study year
        const std::size_t into = k - year * static_cast<std::size_t>(ppy);  // 1..ppy
        const double rate = year < yearly.size() ? yearly[year] : (yearly.empty() ? 0 : yearly.back());
        index[k] = into == static_cast<std::size_t>(ppy)
                       ? whole_years * (1 + rate)
                       : whole_years * std::pow(1 + rate, static_cast<double>(into) / ppy);
        if (into == static_cast<std::size_t>(ppy)) whole_years = index[k];
    }
    return index;
}

const LineEscalation* find_escalation(const Alternative& alt, const std::string& line) {
    for (const LineEscalation& e : alt.escalation)
        if (e.line == line) return &e;
    return nullptr;
}

}  // namespace

std::shared_ptr<const Prepared> prepare(const Study& study, const ResolvedAlternative& alt) {
    const StudySettings& s = study.settings;
    const auto periods = static_cast<std::size_t>(std::max(s.period_count(), 0));
    const std::size_t width = periods + 1;
    const int ppy = s.periods_per_year();
    const bool constant = s.dollars == Dollars::constant;
    auto prepared = std::make_shared<Prepared>();
    prepared->zeros.assign(width, 0.0);
    // The general price level G_k relative to period 0 (constant-dollar conversions).
    std::vector<double> general(width, 1.0);
    for (std::size_t k = 0; k < width; ++k)
        general[k] = std::pow(1 + s.inflation, static_cast<double>(k) / ppy);
    std::vector<double> price_index(width, 1.0);
    if (const LineEscalation* e = find_escalation(*alt.source, "capital.price"))
        price_index = escalation_index(e->yearly, periods, ppy);

    try {
        prepared->plan = plan_capital(s, *alt.source, general, price_index);
    } catch (const std::invalid_argument& e) {
        throw EvaluationError(e.what());
    }

    // Capitalised model lines: by the same fractions as the capital (its method and tax life).
    LineDepreciation& line_dep = prepared->line_dep;
    {
        const std::vector<double>& nominal = prepared->plan.depreciation_fractions;
        line_dep.deduction.resize(nominal.size());
        line_dep.left.assign(nominal.size() + 1, 1.0);
        for (std::size_t m = 0; m < nominal.size(); ++m) {
            line_dep.deduction[m] = constant ? nominal[m] / std::pow(1 + s.inflation,
                                                                    static_cast<double>(m + 1) / ppy)
                                             : nominal[m];
            line_dep.left[m + 1] = line_dep.left[m] - nominal[m];
        }
        line_dep.to_end.assign(width, 1.0);
        if (constant)
            for (std::size_t j = 0; j < width; ++j) line_dep.to_end[j] = general[j] / general[periods];
    }

    // Host escalation of model lines ([alternative.escalation]): an index per line, or empty.
    std::vector<std::vector<std::vector<double>>> line_index(alt.models.size());
    for (std::size_t m = 0; m < alt.models.size(); ++m) {
        const Model& model = alt.models[m].model;
        line_index[m].resize(model.descriptor().line_count);
        for (uint32_t l = 0; l < model.descriptor().line_count; ++l)
            if (const LineEscalation* e =
                    find_escalation(*alt.source, model.id() + "." + model.line(l).key))
                line_index[m][l] = escalation_index(e->yearly, periods, ppy);
    }

    prepared->line_index = std::move(line_index);
    return prepared;
}

void evaluate(const Study& study, const ResolvedAlternative& alt, const Prepared& prepared,
              uint32_t trials, const std::vector<ParamOverride>& overrides, Detail* detail,
              const BatchMeasures& what, BatchResult& result) {
    const StudySettings& s = study.settings;
    const auto periods = static_cast<std::size_t>(std::max(s.period_count(), 0));
    const std::size_t width = periods + 1;
    const int ppy = s.periods_per_year();
    const double rate = finance::period_rate(s.discount_rate, ppy);
    const bool taxed = s.tax_rate > 0;

    // Every entry is written below (net: each trial's row starts as the capital plan's; the
    // measures: per trial), so a reused result is resized, not filled.
    result.trials = trials;
    result.periods = static_cast<uint32_t>(periods);
    result.net.resize(std::size_t{trials} * width);
    result.npv.resize(trials);
    result.irr.resize(trials);
    result.payback.resize(trials);
    result.discounted_payback.resize(trials);
    result.lcc.resize(trials);
    if (trials == 0) return;

    const CapitalPlan& plan = prepared.plan;
    const std::vector<double>& base_net = plan.net;
    const std::vector<double>& base_taxable = taxed ? plan.taxable : prepared.zeros;
    const LineDepreciation& line_dep = prepared.line_dep;
    const auto& line_index = prepared.line_index;

    // Parameters: an overridden one points into the override, the others into a buffer that
    // repeats the resolved value for a whole chunk.
    const auto map = map_overrides(alt, trials, width, overrides);
    const uint32_t chunk = std::min(trials, Engine::batch_chunk);
    std::vector<std::vector<const double*>> pointers(alt.models.size());
    std::vector<std::vector<LinePlan>> line_plans(alt.models.size());
    std::size_t max_lines = 0, repeated_size = 0;
    for (std::size_t m = 0; m < alt.models.size(); ++m)
        for (std::size_t p = 0; p < alt.models[m].params.size(); ++p)
            if (!map[m][p])
                repeated_size += std::size_t{chunk} * (is_per_period(alt.models[m].model.param(p)) ? width : 1);
    std::vector<double> repeated(repeated_size);  // one allocation for every parameter
    double* fill = repeated.data();
    for (std::size_t m = 0; m < alt.models.size(); ++m) {
        const ResolvedModel& rm = alt.models[m];
        pointers[m].resize(rm.params.size(), nullptr);
        for (std::size_t p = 0; p < rm.params.size(); ++p) {
            if (map[m][p]) continue;
            // The constructor made a per-period value exactly `width` long and a scalar one 1.
            const std::vector<double>& v = rm.params[p];
            pointers[m][p] = fill;
            if (is_per_period(rm.model.param(p))) {
                for (uint32_t t = 0; t < chunk; ++t, fill += width) std::copy(v.begin(), v.end(), fill);
            } else {
                fill = std::fill_n(fill, chunk, v[0]);
            }
        }
        max_lines = std::max<std::size_t>(max_lines, rm.model.descriptor().line_count);
        for (uint32_t l = 0; l < rm.model.descriptor().line_count; ++l) {
            const eqroi_line_desc& d = rm.model.line(l);
            LinePlan lp;
            lp.index = line_index[m][l].empty() ? nullptr : line_index[m][l].data();
            lp.treatment = taxed ? d.tax_treatment : eqroi_tax_treatment{EQROI_TAX_NOT_TAXED};
            lp.benefit = d.category == EQROI_CATEGORY_BENEFIT;
            line_plans[m].push_back(lp);
        }
    }
    std::vector<double> out(std::size_t{chunk} * max_lines * width);
    std::vector<double> taxable(taxed ? std::size_t{chunk} * width : 0);
    // Benefit lines, summed per trial: the LCC is every line but these (LCC = PV(benefits) -
    // NPV), so only studies with benefits pay for this buffer.
    bool has_benefits = false;
    for (const auto& plans : line_plans)
        for (const LinePlan& lp : plans) has_benefits = has_benefits || lp.benefit;
    std::vector<double> benefits(has_benefits ? std::size_t{chunk} * width : 0);
    // An escalated line's amounts, index applied: the plugin's rows stay as it wrote them, so
    // a non-finite sum can be traced back to the amount the plugin wrote (see below).
    std::vector<double> escalated(width);

    eqroi_timing timing{};
    timing.struct_size = sizeof(eqroi_timing);
    timing.periods = static_cast<uint32_t>(periods);
    timing.periods_per_year = static_cast<uint32_t>(ppy);
    timing.start_year = s.start_date.year;
    timing.start_month = s.start_date.month;
    timing.start_day = s.start_date.day;

    // A model none of whose parameters is overridden gets the same parameters in every trial,
    // hence the same amounts (a trial's amounts depend only on its parameters: plugin.h). It
    // is called once, for one trial, and that trial's lines are added to every trial, in the
    // same order as the others', so the sums are bit for bit those of calling it per chunk.
    // In a risk run this skips the models no uncertain input reaches. fixed_rows[m] is empty
    // for a model whose parameters vary.
    std::vector<std::vector<double>> fixed_rows(alt.models.size());
    for (std::size_t m = 0; m < alt.models.size(); ++m) {
        if (std::any_of(map[m].begin(), map[m].end(), [](const ParamOverride* o) { return o; }))
            continue;
        const Model& model = alt.models[m].model;
        fixed_rows[m].resize(line_plans[m].size() * width);
        model.evaluate(timing, 1, pointers[m].data(), fixed_rows[m].data());
    }

    if (detail) {
        // Untaxed, depreciation and gains mean nothing: the result shows zeros (the units keep
        // their book values for the record).
        detail->lines = plan.lines;
        detail->depreciation = taxed ? plan.depreciation : std::vector<double>(width, 0.0);
        detail->taxable_income.assign(width, 0.0);
        detail->gain_on_disposal = 0;
        if (taxed)
            for (const CapitalUnit& u : plan.units) detail->gain_on_disposal += u.gain_on_disposal;
        detail->units = plan.units;
        detail->loan = plan.loan;
    }
    double lines_book_at_end = 0;  // capitalised model lines of trial 0, for the detail

    for (uint32_t first = 0; first < trials; first += chunk) {
        const uint32_t n = std::min(chunk, trials - first);
        double* net = result.net.data() + std::size_t{first} * width;
        for (uint32_t t = 0; t < n; ++t) {
            std::copy(base_net.begin(), base_net.end(), net + t * width);
            if (taxed) std::copy(base_taxable.begin(), base_taxable.end(), taxable.begin() + t * width);
        }
        if (has_benefits) std::fill(benefits.begin(), benefits.end(), 0.0);

        for (std::size_t m = 0; m < alt.models.size(); ++m) {
            const Model& model = alt.models[m].model;
            const std::vector<LinePlan>& plans = line_plans[m];
            const std::size_t line_count = plans.size();
            const bool fixed = !fixed_rows[m].empty();
            if (!fixed) {
                for (std::size_t p = 0; p < map[m].size(); ++p)
                    if (const ParamOverride* o = map[m][p])
                        pointers[m][p] = o->values.data() +
                                         std::size_t{first} * (is_per_period(model.param(p)) ? width : 1);
                model.evaluate_unchecked(timing, n, pointers[m].data(), out.data());
            }
            const double* model_rows = fixed ? fixed_rows[m].data() : out.data();
            const std::size_t trial_stride = fixed ? 0 : line_count * width;

            // Trial by trial, so the trial's net and taxable rows stay in L1 while its lines
            // (contiguous in `out`) stream past.
            for (uint32_t t = 0; t < n; ++t) {
                const double* rows = model_rows + t * trial_stride;
                double* net_t = net + t * width;
                double* taxable_t = taxed ? taxable.data() + t * width : nullptr;
                const bool trial0 = detail && first == 0 && t == 0;
                for (std::size_t l = 0; l < line_count; ++l) {
                    const LinePlan& lp = plans[l];
                    const double* row = rows + l * width;
                    if (lp.index) {
                        for (std::size_t k = 0; k < width; ++k) escalated[k] = row[k] * lp.index[k];
                        row = escalated.data();
                    }
                    if (lp.benefit) add_to(row, width, benefits.data() + t * width);
                    if (lp.treatment == EQROI_TAX_DEDUCTIBLE) {
                        add_to_both(row, width, net_t, taxable_t);
                        continue;
                    }
                    add_to(row, width, net_t);
                    if (lp.treatment == EQROI_TAX_CAPITALISED) {
                        depreciate(row, periods, line_dep, taxable_t,
                                   trial0 ? detail->depreciation.data() : nullptr,
                                   &lines_book_at_end);
                    }
                }
            }
            if (detail && first == 0) {
                for (std::size_t l = 0; l < line_count; ++l) {
                    const eqroi_line_desc& d = model.line(l);
                    Line line;
                    line.key = model.id() + "." + d.key;
                    line.label = d.label;
                    line.source = model.id();
                    line.category = d.category;
                    line.tax_treatment = d.tax_treatment;
                    line.amounts.assign(model_rows + l * width, model_rows + (l + 1) * width);
                    if (plans[l].index)
                        for (std::size_t k = 0; k < width; ++k) line.amounts[k] *= plans[l].index[k];
                    line.escalation_index = line_index[m][l];
                    detail->lines.push_back(std::move(line));
                }
            }
        }

        // Every amount of every line went into the net flows, and a NaN or an infinity
        // survives addition and multiplication by the (finite) escalation index: finite net
        // flows prove the plugins wrote finite amounts, checking chunk x (periods + 1) numbers
        // instead of every line's. When they are not, the models run again with the checked
        // call, which names the line (a trial's amounts depend only on its parameters; the
        // fixed models' one trial was checked when it was made).
        if (eqroi::detail::any_non_finite(net, std::size_t{n} * width)) {
            for (std::size_t m = 0; m < alt.models.size(); ++m)
                if (fixed_rows[m].empty())
                    alt.models[m].model.evaluate(timing, n, pointers[m].data(), out.data());
            for (std::size_t i = 0; i < std::size_t{n} * width; ++i)
                if (!std::isfinite(net[i]))
                    throw EvaluationError(fmt::format(
                        "alternative '{}': the net cash flow of period {} is {} in trial {}: the "
                        "models' amounts are finite but their sum is not (an amount near the "
                        "largest number a double holds)",
                        alt.source->id, i % width, net[i], first + i / width));
        }

        if (detail && first == 0) detail->pre_tax_net.assign(net, net + width);
        if (taxed) {
            for (std::size_t i = 0; i < std::size_t{n} * width; ++i) net[i] -= s.tax_rate * taxable[i];
            if (detail && first == 0) {
                detail->taxable_income.assign(taxable.begin(), taxable.begin() + width);
                detail->gain_on_disposal -= lines_book_at_end;
                Line tax;
                tax.key = "tax.income_tax";
                tax.label = "Income tax";
                tax.source = "tax";
                tax.category = EQROI_CATEGORY_OTHER;
                tax.tax_treatment = EQROI_TAX_NOT_TAXED;
                tax.amounts.resize(width);
                // 0 - x rather than -x: no "-0" in reports when taxable income is 0.
                for (std::size_t k = 0; k < width; ++k) tax.amounts[k] = 0.0 - s.tax_rate * taxable[k];
                detail->lines.push_back(std::move(tax));
            }
        }

        for (uint32_t t = 0; t < n; ++t) {
            const FlowMeasures fm = measure(net + t * width, width, rate, ppy, s.timing, what);
            result.npv[first + t] = fm.npv;
            result.irr[first + t] = fm.irr;
            result.payback[first + t] = fm.payback;
            result.discounted_payback[first + t] = fm.discounted_payback;
            double pv_benefits = 0;
            if (has_benefits) {
                const std::span<const double> b(benefits.data() + t * width, width);
                pv_benefits = s.timing == finance::Timing::end_of_period
                                  ? finance::npv(rate, b)
                                  : finance::npv(rate, b, s.timing);
            }
            result.lcc[first + t] = pv_benefits - fm.npv;
        }
    }
}

}  // namespace eqroi::engine_detail
