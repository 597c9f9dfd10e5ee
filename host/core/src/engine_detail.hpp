// Internals shared by engine.cpp (the deterministic run and the comparison),
// engine_flows.cpp (the batch: capital plan + model lines -> tax -> net -> measures) and
// engine_measures.cpp (the full set of measures of one result).
#pragma once

#include "capital_plan.hpp"

#include <eqroi/core/engine.hpp>
#include <eqroi/core/finance.hpp>

#include <memory>
#include <vector>

namespace eqroi::engine_detail {

/// What the deterministic run shows beyond the batch numbers, for trial 0 of a batch.
struct Detail {
    std::vector<Line> lines;  ///< capital plan, model lines, then "tax.income_tax" when taxed
    std::vector<double> pre_tax_net;
    std::vector<double> depreciation;
    std::vector<double> taxable_income;
    double gain_on_disposal = 0;
    std::vector<CapitalUnit> units;
    std::vector<LoanPeriod> loan;
};

/// Period by period, the sum of the lines of `a` that `keep(line)` accepts (SIR's investment
/// and operating sides).
template <class Keep>
std::vector<double> sum_lines(const AlternativeResult& a, Keep keep) {
    std::vector<double> sum(a.net.size(), 0.0);
    for (const Line& line : a.lines) {
        if (!keep(line)) continue;
        for (std::size_t k = 0; k < sum.size() && k < line.amounts.size(); ++k)
            sum[k] += line.amounts[k];
    }
    return sum;
}

/// The rates a study is evaluated at (yearly rates as the study gives them, converted).
StudyRates study_rates(const StudySettings& settings);

/// The measures of one flow series, as the batch stores them: NaN = none / not reached /
/// ambiguous. `rate` is per period; irr and paybacks come back per year.
/// Only the measures `what` asks for are worked out (the others NaN); the NPV always.
struct FlowMeasures {
    double npv, irr, payback, discounted_payback;
};
FlowMeasures measure(const double* flows, std::size_t count, double rate, int periods_per_year,
                     finance::Timing timing, const BatchMeasures& what = {});

/// Every measure of a flow series. `lcc` is its life-cycle cost (life_cycle_cost(), or the
/// difference of two for an increment); EUAC is worked out from it.
Measures full_measures(const std::vector<double>& flows, double lcc,
                       const StudySettings& settings, const StudyRates& rates);

/// sum amounts[k] x factors[k] over the periods both have: a line's Line::present_value.
double present_value(const std::vector<double>& amounts, const std::vector<double>& factors);

/// The LCC of an alternative whose lines have their present values: the sum of its
/// lcc_by_category parts in order; before tax (after_tax false), without the "tax" part.
double life_cycle_cost(const AlternativeResult& a, bool after_tax);

/// The NIST BLCC savings of `alt` against `base` (after tax, or pre-tax without the tax line).
Savings savings(const AlternativeResult& alt, const AlternativeResult& base, bool after_tax,
                const StudySettings& settings, const StudyRates& rates);

/// How a capitalised model line is depreciated: the capital's method and tax life, each
/// amount from the period after it is spent.
struct LineDepreciation {
    /// deduction[m]: share of the amount deducted m + 1 periods after it is spent, in the
    /// study's dollars (nominal share x G_j / G_{j+1+m} in a constant-dollar study).
    std::vector<double> deduction;
    /// left[c]: nominal share still on the books after c deductions (1 - the first c shares).
    std::vector<double> left;
    /// to_end[j] = G_j / G_N: a nominal amount of period j's price level in period N's
    /// constant dollars (all 1 in a nominal study).
    std::vector<double> to_end;
};

/// What every trial of an alternative shares, worked out once when the Engine is built: the
/// capital plan (purchase, replacements, residual, financing, their depreciation and gains),
/// how capitalised model lines are depreciated, and the host escalation of each model line.
struct Prepared {
    CapitalPlan plan;
    LineDepreciation line_dep;
    /// line_index[model][line]: cumulative escalation per period, or empty for none.
    std::vector<std::vector<std::vector<double>>> line_index;
    std::vector<double> zeros;  ///< periods + 1 zeros (taxable base of an untaxed study)
};

/// Throws EvaluationError when the capital side is inconsistent.
std::shared_ptr<const Prepared> prepare(const Study& study, const ResolvedAlternative& alternative);

/// The one code path of the engine: `trials` parameter sets of one alternative. With `detail`
/// (used by run() with trials == 1) it also records every line of trial 0 and the tax detail.
/// Fills `result` (buffers reused when large enough: see Engine::run_batch) with the measures
/// `what` asks for.
void evaluate(const Study& study, const ResolvedAlternative& alternative,
              const Prepared& prepared, uint32_t trials,
              const std::vector<ParamOverride>& overrides, Detail* detail,
              const BatchMeasures& what, BatchResult& result);
/// The same, every measure, into a new result.
inline BatchResult evaluate(const Study& study, const ResolvedAlternative& alternative,
                            const Prepared& prepared, uint32_t trials,
                            const std::vector<ParamOverride>& overrides, Detail* detail) {
    BatchResult result;
    evaluate(study, alternative, prepared, trials, overrides, detail, BatchMeasures{}, result);
    return result;
}

}  // namespace eqroi::engine_detail
