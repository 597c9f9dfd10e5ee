// Rendering a risk run (risk/analysis.hpp) for people (table, Markdown) and programs (JSON,
// CSV). In core so that every front end writes the same figures the same way.
#pragma once

#include <eqroi/core/report.hpp>
#include <eqroi/core/risk/analysis.hpp>

#include <string>
#include <vector>

namespace eqroi::risk {

/// The run's statistics. `inputs` are the bound inputs (InputBinding::inputs(), for their
/// distributions), `settings` the study's (name, currency).
///   table / md: the run (trials done of asked, sampling, seed, how it ended: complete,
///     stopped at the standard-error target, or cancelled with the number of trials done), the
///     inputs and their distributions, then one column per alternative: NPV (base, mean, sd,
///     standard error, P5..P95, P(NPV < 0), P(best)), IRR (share without one), discounted
///     payback (share not reached) and LCC, with the percentiles' precision.
///   json: the same figures at full precision; NaN (no trial with a value) as null.
///   csv: one row per alternative, one column per figure.
/// Nothing in it depends on the number of threads, so two runs with the same seed and trials
/// render the same text.
std::string render_risk(const RiskResult& result, const std::vector<UncertainInput>& inputs,
                        const StudySettings& settings, ReportFormat format);

}  // namespace eqroi::risk
