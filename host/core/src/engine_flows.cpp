// The batch: capital lines + model lines -> depreciation and income tax -> net flows ->
// measures, for many parameter sets at once. This is the Monte Carlo hot path: buffers are
// allocated once per call, each model is called once per chunk of trials, and nothing is
// allocated per trial.
#include "engine_detail.hpp"

#include <eqroi/core/finance.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace eqroi::engine_detail {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

Line capital_line(const char* key, const char* label, eqroi_tax_treatment tax, std::size_t width,
                  std::size_t period, double amount) {
    Line line;
    line.key = key;
    line.label = label;
    line.source = "capital";
    line.category = EQROI_CATEGORY_OTHER;
    line.tax_treatment = tax;
    line.is_capital = true;
    line.amounts.assign(width, 0.0);
    line.amounts[period] = amount;
    return line;
}

/// The capital side as signed lines, only those that are not zero. Price, installation and
/// commissioning are the depreciable basis; salvage enters tax through the gain on disposal, so
/// it is "capitalised" too. Trade-in and disposal of the old machine are not taxed: the old
/// machine's book value is unknown (a documented limitation).
std::vector<Line> capital_lines(const Capital& c, std::size_t periods) {
    const std::size_t w = periods + 1;
    std::vector<Line> lines;
    auto add = [&](double amount, const char* key, const char* label, eqroi_tax_treatment tax,
                   std::size_t period) {
        if (amount != 0) lines.push_back(capital_line(key, label, tax, w, period, amount));
    };
    add(-c.price, "capital.price", "Purchase price", EQROI_TAX_CAPITALISED, 0);
    add(-c.installation, "capital.installation", "Installation", EQROI_TAX_CAPITALISED, 0);
    add(-c.commissioning, "capital.commissioning", "Commissioning", EQROI_TAX_CAPITALISED, 0);
    add(c.trade_in, "capital.trade_in", "Trade-in of the old machine", EQROI_TAX_NOT_TAXED, 0);
    add(-c.disposal_cost, "capital.disposal_cost", "Removal of the old machine",
        EQROI_TAX_NOT_TAXED, 0);
    add(c.salvage_value, "capital.salvage_value", "Salvage value", EQROI_TAX_CAPITALISED, periods);
    return lines;
}

/// Straight-line depreciation of a capitalised model line: an amount a at period j (a < 0 is
/// spending) is deducted as -a/life in each period j+1 .. j+life, cut at the study end; what is
/// left on the books at N is written off there (it lowers the gain on disposal). Over the study
/// the deductions and the write-off add up to exactly a.
inline void depreciate(const double* row, std::size_t periods, std::size_t life, double* taxable,
                       double* depreciation, double* book_at_end) {
    for (std::size_t j = 0; j <= periods; ++j) {
        const double a = row[j];
        if (a == 0) continue;
        const double per_period = -a / static_cast<double>(life);
        const std::size_t count = std::min(life, periods - j);
        for (std::size_t k = j + 1; k <= j + count; ++k) taxable[k] -= per_period;
        const double remaining = -a - static_cast<double>(count) * per_period;
        taxable[periods] -= remaining;
        if (depreciation) {
            for (std::size_t k = j + 1; k <= j + count; ++k) depreciation[k] += per_period;
            *book_at_end += remaining;
        }
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

FlowMeasures measure(const double* flows, std::size_t count, double rate, int periods_per_year) {
    const std::span<const double> f(flows, count);
    const double ppy = periods_per_year;
    FlowMeasures m{finance::npv(rate, f), kNone, kNone, kNone};
    // The discount rate is the natural anchor when the IRR is not unique.
    if (auto r = finance::irr(f, rate))
        m.irr = periods_per_year == 1 ? *r : std::pow(1 + *r, ppy) - 1;
    if (auto p = finance::payback(f)) m.payback = *p / ppy;
    if (auto p = finance::discounted_payback(rate, f)) m.discounted_payback = *p / ppy;
    return m;
}

BatchResult evaluate(const Study& study, const ResolvedAlternative& alt, uint32_t trials,
                     const std::vector<ParamOverride>& overrides, Detail* detail) {
    const StudySettings& s = study.settings;
    const Capital& capital = alt.source->capital;
    const auto periods = static_cast<std::size_t>(std::max(s.period_count(), 0));
    const std::size_t width = periods + 1;
    const int ppy = s.periods_per_year();
    const double rate = finance::period_rate(s.discount_rate, ppy);
    const bool taxed = s.tax_rate > 0;

    BatchResult result;
    result.trials = trials;
    result.periods = static_cast<uint32_t>(periods);
    result.net.assign(std::size_t{trials} * width, 0.0);
    result.npv.assign(trials, 0.0);
    result.irr.assign(trials, kNone);
    result.payback.assign(trials, kNone);
    result.discounted_payback.assign(trials, kNone);
    if (trials == 0) return result;

    // What every trial shares: the capital flows, and their depreciation and gain on disposal.
    std::vector<double> base_net(width, 0.0), base_taxable(width, 0.0), capital_depreciation(width, 0.0);
    // The same signs as capital_lines(), without building labelled lines for every batch.
    base_net[0] = -capital.price - capital.installation - capital.commissioning +
                  capital.trade_in - capital.disposal_cost;
    base_net[periods] += capital.salvage_value;
    const int life_years = capital.depreciation_years > 0 ? capital.depreciation_years : s.horizon_years;
    const std::size_t life = std::max<std::size_t>(1, static_cast<std::size_t>(life_years) * ppy);
    double capital_book_at_end = 0;
    if (taxed) {
        const double basis = capital.price + capital.installation + capital.commissioning;
        const double per_period = basis / static_cast<double>(life);
        const std::size_t count = std::min(life, periods);
        for (std::size_t k = 1; k <= count; ++k) capital_depreciation[k] = per_period;
        capital_book_at_end = basis - static_cast<double>(count) * per_period;
        for (std::size_t k = 0; k < width; ++k) base_taxable[k] = -capital_depreciation[k];
        base_taxable[periods] += capital.salvage_value - capital_book_at_end;
    }

    // Parameters: an overridden one points into the override, the others into a buffer that
    // repeats the resolved value for a whole chunk.
    const auto map = map_overrides(alt, trials, width, overrides);
    const uint32_t chunk = std::min(trials, Engine::batch_chunk);
    std::vector<std::vector<const double*>> pointers(alt.models.size());
    std::vector<std::vector<eqroi_tax_treatment>> treatments(alt.models.size());
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
        for (uint32_t l = 0; l < rm.model.descriptor().line_count; ++l)
            treatments[m].push_back(rm.model.line(l).tax_treatment);
    }
    std::vector<double> out(std::size_t{chunk} * max_lines * width);
    std::vector<double> taxable(taxed ? std::size_t{chunk} * width : 0);

    eqroi_timing timing{};
    timing.struct_size = sizeof(eqroi_timing);
    timing.periods = static_cast<uint32_t>(periods);
    timing.periods_per_year = static_cast<uint32_t>(ppy);
    timing.start_year = s.start_date.year;
    timing.start_month = s.start_date.month;
    timing.start_day = s.start_date.day;

    if (detail) {
        detail->lines = capital_lines(capital, periods);
        detail->depreciation = capital_depreciation;
        detail->taxable_income.assign(width, 0.0);
        detail->gain_on_disposal = 0;
    }
    double lines_book_at_end = 0;  // capitalised model lines of trial 0, for the detail

    for (uint32_t first = 0; first < trials; first += chunk) {
        const uint32_t n = std::min(chunk, trials - first);
        double* net = result.net.data() + std::size_t{first} * width;
        for (uint32_t t = 0; t < n; ++t) {
            std::copy(base_net.begin(), base_net.end(), net + t * width);
            if (taxed) std::copy(base_taxable.begin(), base_taxable.end(), taxable.begin() + t * width);
        }

        for (std::size_t m = 0; m < alt.models.size(); ++m) {
            const Model& model = alt.models[m].model;
            for (std::size_t p = 0; p < map[m].size(); ++p)
                if (const ParamOverride* o = map[m][p])
                    pointers[m][p] = o->values.data() +
                                     std::size_t{first} * (is_per_period(model.param(p)) ? width : 1);
            model.evaluate(timing, n, pointers[m].data(), out.data());

            // Trial by trial, so the trial's net and taxable rows stay in L1 while its lines
            // (contiguous in `out`) stream past.
            const std::size_t line_count = treatments[m].size();
            for (uint32_t t = 0; t < n; ++t) {
                const double* rows = out.data() + t * line_count * width;
                double* net_t = net + t * width;
                double* taxable_t = taxed ? taxable.data() + t * width : nullptr;
                const bool trial0 = detail && first == 0 && t == 0;
                for (std::size_t l = 0; l < line_count; ++l) {
                    const double* row = rows + l * width;
                    const eqroi_tax_treatment treatment =
                        taxed ? treatments[m][l] : eqroi_tax_treatment{EQROI_TAX_NOT_TAXED};
                    if (treatment == EQROI_TAX_DEDUCTIBLE) {
                        add_to_both(row, width, net_t, taxable_t);
                        continue;
                    }
                    add_to(row, width, net_t);
                    if (treatment == EQROI_TAX_CAPITALISED) {
                        depreciate(row, periods, life, taxable_t,
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
                    line.amounts.assign(out.data() + l * width, out.data() + (l + 1) * width);
                    detail->lines.push_back(std::move(line));
                }
            }
        }

        if (taxed) {
            for (std::size_t i = 0; i < std::size_t{n} * width; ++i) net[i] -= s.tax_rate * taxable[i];
            if (detail && first == 0) {
                detail->taxable_income.assign(taxable.begin(), taxable.begin() + width);
                detail->gain_on_disposal =
                    capital.salvage_value - capital_book_at_end - lines_book_at_end;
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
            const FlowMeasures fm = measure(net + t * width, width, rate, ppy);
            result.npv[first + t] = fm.npv;
            result.irr[first + t] = fm.irr;
            result.payback[first + t] = fm.payback;
            result.discounted_payback[first + t] = fm.discounted_payback;
        }
    }
    return result;
}

}  // namespace eqroi::engine_detail
