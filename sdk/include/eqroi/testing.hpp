// eqroi plugin SDK: header-only test helper for plugin authors.
//
// SPDX-License-Identifier: MIT
//
// Checks a plugin the way the eqroi host does, without the host: its self-description (every
// rule the host applies when it loads a library, with the host's wording) and its numbers
// (a hand-made batch, filled and range-checked as the host fills it from a study, evaluated,
// its status and amounts checked). C++17, headers of the SDK only, no test framework: use it
// from GoogleTest, Catch2, doctest or a plain main() (Checks, in <eqroi/testing/checks.hpp>, is
// enough for the last; do not rely on assert(), which a release build compiles away).
//
// Example: a test of the Coolant model shown at the top of <eqroi/plugin.hpp>, built as
// coolant.so (this very text is compiled and run by eqroi's own tests):
//
//     #include <eqroi/testing.hpp>
//
//     int main(int argc, char** argv) {
//         if (argc != 2) return 2;
//         eqroi::testing::Checks check;
//         // The built library, loaded as the host loads it (path from the build, e.g. CMake's
//         // $<TARGET_FILE:coolant>). Or PluginUnderTest plugin(&eqroi_plugin_entry) when the
//         // model's sources are compiled into the test.
//         const eqroi::testing::PluginUnderTest plugin(argv[1]);
//         check.no_problems(plugin);
//
//         // 0.5 l/h x 3 per litre x 4000 h (the declared default) = 6000 a year, a cost in
//         // each of 3 yearly periods and nothing at the purchase (index 0).
//         const eqroi::testing::Result r = plugin.evaluate(
//             "acme_coolant", {{"litres_per_hour", 0.5}, {"price_per_litre", 3}}, 3);
//         check.ok(r);
//         check.series(r.line("coolant"), {0, -6000, -6000, -6000}, "coolant, yearly");
//
//         // Monthly periods: a twelfth of the year in each, 2 years = 24 periods.
//         const eqroi::testing::Result m = plugin.evaluate(
//             "acme_coolant", {{"litres_per_hour", 0.5}, {"price_per_litre", 3}}, 24, 12);
//         check.ok(m);
//         check.near(m.line("coolant")[24], -500, "coolant, month 24");
//
//         // A value outside the declared range never reaches the model: the host refuses it.
//         const eqroi::testing::Result bad =
//             plugin.evaluate("acme_coolant", {{"litres_per_hour", -1}}, 3);
//         check.that(bad.outcome() == eqroi::testing::Outcome::inputs_refused, "refused");
//         check.contains(bad.message(), "'litres_per_hour' = -1 is outside 0 .. 100 l/h");
//         return check.exit_code();
//     }
//
// Ownership and lifetime: a PluginUnderTest owns the library it opened (closed in its
// destructor) and host-side copies of the descriptors; the strings in those copies point into
// the plugin and are valid while the PluginUnderTest lives. A Result owns copies of everything
// it holds (line keys, amounts, messages) and may outlive the PluginUnderTest. Nothing here is
// thread-safe; evaluate may be called any number of times.
//
// Not checked here, because only a study has it: a model id clashing with another plugin's,
// the study's inflation filled into a parameter named "escalation" and the capital price into
// "purchase_price" (here they take their declared defaults unless given), values from an
// [equipment] block, and trust (`eqroi plugins verify` shows what a user sees).
#ifndef EQROI_TESTING_HPP
#define EQROI_TESTING_HPP

// One concept per header, as plugin.h's extensions: include this one.
#include <eqroi/testing/detail.hpp>             // host wording of numbers, ids, suggestions
#include <eqroi/testing/result.hpp>             // Value, Inputs, Outcome, Result
#include <eqroi/testing/plugin_under_test.hpp>  // PluginUnderTest
#include <eqroi/testing/checks.hpp>             // Checks
#include <eqroi/testing/batch_independence.hpp>  // batch_dependence

#endif  // EQROI_TESTING_HPP
