// The engine's front: parameter resolution, the deterministic run (a batch of one through the
// same path as Monte Carlo), and the comparison against the baseline.
#include "engine_detail.hpp"

#include <eqroi/core/finance.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace eqroi {
namespace {

std::vector<double> minus(const std::vector<double>& a, const std::vector<double>& b) {
    std::vector<double> d(a.size());
    for (std::size_t k = 0; k < a.size(); ++k) d[k] = a[k] - b[k];
    return d;
}

/// Index of the baseline: the id the study names, else the first alternative.
std::size_t baseline_index(const Study& study) {
    const std::string& id = study.settings.baseline;
    if (id.empty()) return 0;
    for (std::size_t a = 0; a < study.alternatives.size(); ++a)
        if (study.alternatives[a].id == id) return a;
    throw InputError({Diagnostic{study.settings.where,
                                 fmt::format("baseline '{}' is not an alternative of the study", id)}});
}

}  // namespace

Engine::Engine(const Study& study, const PluginRegistry& registry) : study_(study) {
    const std::size_t width = static_cast<std::size_t>(std::max(study.settings.period_count(), 0)) + 1;
    std::vector<Diagnostic> problems;
    resolved_.reserve(study.alternatives.size());
    for (const Alternative& alt : study.alternatives) {
        ResolvedAlternative ra;
        ra.source = &alt;
        for (const ModelUse& use : alt.models) {
            const Model* model = registry.find(use.model);
            if (!model) {
                problems.push_back({use.where, fmt::format("alternative '{}': unknown model '{}'",
                                                           alt.id, use.model)});
                continue;
            }
            ResolvedModel rm{*model, {}};
            const uint32_t count = model->descriptor().param_count;
            rm.params.reserve(count);
            for (uint32_t p = 0; p < count; ++p) {
                const eqroi_param_desc& desc = model->param(p);
                std::optional<ResolvedValue> v = resolve_param(study, alt, use, desc);
                if (!v) {
                    problems.push_back({use.where, fmt::format("alternative '{}', model '{}': "
                                                               "'{}' is required",
                                                               alt.id, use.model, desc.key)});
                    continue;
                }
                // resolve_param gives periods + 1 values for a per-period parameter; be exact
                // here so the batch can copy without checking.
                if (desc.flags & EQROI_PARAM_PER_PERIOD) {
                    if (v->values.size() == 1) v->values.assign(width, v->values[0]);
                    v->values.resize(width, 0.0);
                } else {
                    v->values.resize(1, desc.default_value);
                }
                rm.params.push_back(std::move(v->values));
            }
            ra.models.push_back(std::move(rm));
        }
        resolved_.push_back(std::move(ra));
    }
    if (!problems.empty()) throw InputError(std::move(problems));
    prepared_.reserve(resolved_.size());
    for (const ResolvedAlternative& ra : resolved_) prepared_.push_back(engine_detail::prepare(study, ra));
}

BatchResult Engine::run_batch(std::size_t alt, uint32_t trials,
                              const std::vector<ParamOverride>& overrides) const {
    if (alt >= resolved_.size())
        throw std::out_of_range(fmt::format("alternative {} of {}", alt, resolved_.size()));
    return engine_detail::evaluate(study_, resolved_[alt], *prepared_[alt], trials, overrides, nullptr);
}

void Engine::run_batch(std::size_t alt, uint32_t trials, const std::vector<ParamOverride>& overrides,
                       const BatchMeasures& measures, BatchResult& result) const {
    if (alt >= resolved_.size())
        throw std::out_of_range(fmt::format("alternative {} of {}", alt, resolved_.size()));
    engine_detail::evaluate(study_, resolved_[alt], *prepared_[alt], trials, overrides, nullptr,
                            measures, result);
}

StudyResult Engine::run() const {
    const StudySettings& s = study_.settings;
    const StudyRates rates = engine_detail::study_rates(s);

    StudyResult result;
    result.settings = s;
    result.rates = rates;
    result.alternatives.reserve(resolved_.size());
    for (std::size_t a = 0; a < resolved_.size(); ++a) {
        const ResolvedAlternative& ra = resolved_[a];
        engine_detail::Detail detail;
        BatchResult batch = engine_detail::evaluate(study_, ra, *prepared_[a], 1, {}, &detail);

        AlternativeResult r;
        r.id = ra.source->id;
        r.name = ra.source->name;
        r.lines = std::move(detail.lines);
        r.net = std::move(batch.net);
        r.pre_tax_net = std::move(detail.pre_tax_net);
        const std::size_t width = r.net.size();
        r.cumulative.resize(width);
        r.discount_factors.resize(width);
        r.discounted.resize(width);
        r.cumulative_discounted.resize(width);
        double cumulative = 0, cumulative_discounted = 0;
        for (std::size_t k = 0; k < width; ++k) {
            r.discount_factors[k] = finance::discount_factor(rates.per_period, k, s.timing);
            cumulative += r.net[k];
            r.discounted[k] = r.net[k] * r.discount_factors[k];
            cumulative_discounted += r.discounted[k];
            r.cumulative[k] = cumulative;
            r.cumulative_discounted[k] = cumulative_discounted;
        }
        for (Line& line : r.lines)
            line.present_value = engine_detail::present_value(line.amounts, r.discount_factors);
        r.measures = engine_detail::full_measures(r.net, engine_detail::life_cycle_cost(r, true),
                                                  s, rates);
        // The batch and the full measures take the same path; keep the batch's NPV exactly.
        r.measures.npv = batch.npv[0];
        r.pre_tax = engine_detail::full_measures(
            r.pre_tax_net, engine_detail::life_cycle_cost(r, false), s, rates);
        r.depreciation_method = std::string(depreciation::method_name(ra.source->capital.depreciation));
        r.depreciation = std::move(detail.depreciation);
        r.taxable_income = std::move(detail.taxable_income);
        r.tax.assign(width, 0.0);
        for (std::size_t k = 0; k < width && k < r.taxable_income.size(); ++k)
            r.tax[k] = s.tax_rate * r.taxable_income[k];
        r.gain_on_disposal = detail.gain_on_disposal;
        r.units = std::move(detail.units);
        r.loan = std::move(detail.loan);
        result.alternatives.push_back(std::move(r));
    }
    if (result.alternatives.empty()) return result;

    // Comparison: the incremental flow of choosing each alternative over the baseline.
    const std::size_t base = baseline_index(study_);
    result.baseline = result.alternatives[base].id;
    const AlternativeResult& b = result.alternatives[base];
    const std::vector<double> base_net = b.net, base_pre_tax = b.pre_tax_net;
    const double base_lcc = b.measures.lcc, base_lcc_pre_tax = b.pre_tax.lcc;
    for (std::size_t a = 0; a < result.alternatives.size(); ++a) {
        AlternativeResult& r = result.alternatives[a];
        r.incremental = minus(r.net, base_net);
        r.is_baseline = a == base;
        if (r.is_baseline) continue;  // vs_baseline and savings stay all zero / none
        // The increment's LCC is the difference of the two LCCs, as the report explains it.
        r.vs_baseline = engine_detail::full_measures(r.incremental, r.measures.lcc - base_lcc,
                                                     s, rates);
        r.vs_baseline_pre_tax = engine_detail::full_measures(
            minus(r.pre_tax_net, base_pre_tax), r.pre_tax.lcc - base_lcc_pre_tax, s, rates);
        r.savings = engine_detail::savings(r, result.alternatives[base], true, s, rates);
        r.savings_pre_tax = engine_detail::savings(r, result.alternatives[base], false, s, rates);
    }

    // Mutually exclusive choice: rank by NPV, highest first; equal NPVs keep file order.
    std::vector<std::size_t> order(result.alternatives.size());
    std::iota(order.begin(), order.end(), 0);
    std::stable_sort(order.begin(), order.end(), [&](std::size_t x, std::size_t y) {
        return result.alternatives[x].measures.npv > result.alternatives[y].measures.npv;
    });
    for (std::size_t pos = 0; pos < order.size(); ++pos)
        result.alternatives[order[pos]].rank = static_cast<int>(pos + 1);
    return result;
}

}  // namespace eqroi
