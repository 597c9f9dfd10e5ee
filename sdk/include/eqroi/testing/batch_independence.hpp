// eqroi plugin SDK, test helper: batch_dependence, whether a model's trials depend on each other.
//
// SPDX-License-Identifier: MIT
//
// Part of <eqroi/testing.hpp>, which is what a test includes; see there for the overview.
#ifndef EQROI_TESTING_BATCH_INDEPENDENCE_HPP
#define EQROI_TESTING_BATCH_INDEPENDENCE_HPP

#include <eqroi/testing/detail.hpp>
#include <eqroi/testing/plugin_under_test.hpp>
#include <eqroi/testing/result.hpp>

#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace eqroi::testing {

/// Evaluates `trials` in one batch, then each trial alone, and compares every amount bit for
/// bit. plugin.h (eqroi_evaluate_fn) requires that a trial's amounts depend only on its own
/// parameters and the timing: eqroi splits trials into batches as it likes, and a model whose
/// parameters are the same in every trial of a run is called once, for one trial, whose
/// amounts every trial then gets. A model that reads another trial's parameters, the batch
/// size, a counter or the clock breaks that, and its risk results would silently be wrong.
///
/// Returns an empty vector when the model keeps the rule; otherwise one message per trial
/// whose amounts differ, naming the first line and period that differ and both amounts
/// ("trial 2: line 'fee', period 1: -100 in the batch, -90 alone"), or the evaluation's own
/// message when the batch or a single trial is not ok. Pass at least two trials with
/// different parameters. Throws what PluginUnderTest::evaluate_batch throws.
inline std::vector<std::string> batch_dependence(const PluginUnderTest& plugin,
                                                 std::string_view model_id,
                                                 const std::vector<Inputs>& trials,
                                                 uint32_t periods, uint32_t periods_per_year = 1) {
    std::vector<std::string> problems;
    const Result batch = plugin.evaluate_batch(model_id, trials, periods, periods_per_year);
    if (!batch.ok()) return {"the batch of " + std::to_string(trials.size()) + " trials: " +
                             batch.message()};
    for (uint32_t t = 0; t < trials.size(); ++t) {
        const Result alone = plugin.evaluate(model_id, trials[t], periods, periods_per_year);
        const std::string trial = "trial " + std::to_string(t) + ": ";
        if (!alone.ok()) {
            problems.push_back(trial + "alone: " + alone.message());
            continue;
        }
        bool differs = false;
        for (uint32_t l = 0; l < batch.line_keys().size() && !differs; ++l) {
            const std::vector<double> in_batch = batch.line(l, t), by_itself = alone.line(l);
            for (std::size_t k = 0; k < in_batch.size(); ++k) {
                // Bit for bit: the same computation on the same inputs gives the same double.
                if (std::memcmp(&in_batch[k], &by_itself[k], sizeof(double)) == 0) continue;
                problems.push_back(trial + "line '" + batch.line_keys()[l] + "', period " +
                                   std::to_string(k) + ": " + detail::number_text(in_batch[k]) +
                                   " in the batch, " + detail::number_text(by_itself[k]) +
                                   " alone");
                differs = true;
                break;
            }
        }
    }
    return problems;
}

}  // namespace eqroi::testing

#endif  // EQROI_TESTING_BATCH_INDEPENDENCE_HPP
