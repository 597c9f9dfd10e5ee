// Internals shared by engine.cpp (the deterministic run and the comparison) and
// engine_flows.cpp (the batch: capital + model lines -> tax -> net -> measures).
#pragma once

#include <eqroi/core/engine.hpp>

#include <vector>

namespace eqroi::engine_detail {

/// What the deterministic run shows beyond the batch numbers, for trial 0 of a batch.
struct Detail {
    std::vector<Line> lines;  ///< capital, model lines, then "tax.income_tax" when taxed
    std::vector<double> depreciation;
    std::vector<double> taxable_income;
    double gain_on_disposal = 0;
};

/// The measures of one flow series, as the batch stores them: NaN = none / not reached.
/// `rate` is per period; irr and paybacks come back per year.
struct FlowMeasures {
    double npv, irr, payback, discounted_payback;
};
FlowMeasures measure(const double* flows, std::size_t count, double rate, int periods_per_year);

/// The one code path of the engine: `trials` parameter sets of one alternative. With `detail`
/// (used by run() with trials == 1) it also records every line of trial 0 and the tax detail.
BatchResult evaluate(const Study& study, const ResolvedAlternative& alternative, uint32_t trials,
                     const std::vector<ParamOverride>& overrides, Detail* detail);

}  // namespace eqroi::engine_detail
