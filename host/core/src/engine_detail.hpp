// Internals shared by engine.cpp (the deterministic run and the comparison),
// engine_flows.cpp (the batch: capital plan + model lines -> tax -> net -> measures) and
// engine_measures.cpp (the full set of measures of one result).
#pragma once

#include <eqroi/core/engine.hpp>
#include <eqroi/core/finance.hpp>

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

/// The rates a study is evaluated at (yearly rates as the study gives them, converted).
StudyRates study_rates(const StudySettings& settings);

/// The measures of one flow series, as the batch stores them: NaN = none / not reached /
/// ambiguous. `rate` is per period; irr and paybacks come back per year.
struct FlowMeasures {
    double npv, irr, payback, discounted_payback;
};
FlowMeasures measure(const double* flows, std::size_t count, double rate, int periods_per_year,
                     finance::Timing timing);

/// Every measure of a flow series. `costs` is the same series without the benefit lines
/// (for LCC and EUAC).
Measures full_measures(const std::vector<double>& flows, const std::vector<double>& costs,
                       const StudySettings& settings, const StudyRates& rates);

/// The NIST BLCC savings of `alt` against `base` (after tax, or pre-tax without the tax line).
Savings savings(const AlternativeResult& alt, const AlternativeResult& base, bool after_tax,
                const StudySettings& settings, const StudyRates& rates);

/// The one code path of the engine: `trials` parameter sets of one alternative. With `detail`
/// (used by run() with trials == 1) it also records every line of trial 0 and the tax detail.
BatchResult evaluate(const Study& study, const ResolvedAlternative& alternative, uint32_t trials,
                     const std::vector<ParamOverride>& overrides, Detail* detail);

}  // namespace eqroi::engine_detail
