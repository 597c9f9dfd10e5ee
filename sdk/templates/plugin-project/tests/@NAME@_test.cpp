// Tests of the @NAME@ model without eqroi: the built plugin file is loaded as eqroi loads it,
// its self-description is checked by the rules eqroi applies, and evaluations are compared with
// calculations done by hand. `ctest` runs it with the path of the built plugin as argument.
#include <eqroi/testing.hpp>

#include <cstdio>
#include <string>

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <path of the built @NAME@ plugin>\n", argv[0]);
        return 2;
    }
    eqroi::testing::Checks check;
    const eqroi::testing::PluginUnderTest plugin(argv[1]);
    // Anything eqroi would refuse the plugin for (ids, keys, ranges, defaults...): none.
    if (!check.no_problems(plugin)) return check.exit_code();

    // By hand, 3 yearly periods, 5 %/yr escalation (f_k = 1.05^k):
    //   units per year = 0.25 units/h x 4000 h = 1000
    //   consumption_k  = -1000 x 4.00 x f_k   -> -4200.00, -4410.00, -4630.50
    //   first fill     = -120 x 4.00 at index 0 -> -480.00
    //   disposal_k     = -1000 x 0.50 x f_k   -> -525.00, -551.25, -578.8125
    const eqroi::testing::Inputs inputs = {
        {"usage_per_hour", 0.25},       {"unit_price", 4.00},
        {"operating_hours_per_year", 4000}, {"first_fill_units", 120},
        {"disposal_cost_per_unit", 0.50},   {"escalation", 0.05}};
    const eqroi::testing::Result r = plugin.evaluate("@NAME@", inputs, 3);
    check.ok(r);
    check.series(r.line("consumption"), {0, -4200.00, -4410.00, -4630.50}, "consumption");
    check.series(r.line("first_fill"), {-480.00, 0, 0, 0}, "first fill");
    check.series(r.line("disposal"), {0, -525.00, -551.25, -578.8125}, "disposal");

    // Paid in advance, and the supplier takes the used units back: each year's units are paid
    // at its start at the prices of that date, -1000 x 4.00 x f_(k-1) at index k - 1:
    // -4000.00, -4200.00, -4410.00, then nothing at the end; no disposal.
    eqroi::testing::Inputs advance = inputs;
    advance.erase("disposal_cost_per_unit");
    advance.insert_or_assign("payment", "in_advance");
    advance.insert_or_assign("supplier_takes_back", true);
    const eqroi::testing::Result a = plugin.evaluate("@NAME@", advance, 3);
    check.ok(a);
    check.series(a.line("consumption"), {-4000.00, -4200.00, -4410.00, 0}, "paid in advance");
    check.series(a.line("disposal"), {0, 0, 0, 0}, "taken back");

    // In a risk run eqroi evaluates many trials per call: each trial's amounts must be the same
    // in a batch as alone (a model whose inputs never vary is called once for all trials).
    for (const std::string& problem :
         eqroi::testing::batch_dependence(plugin, "@NAME@", {inputs, advance, {{"unit_price", 9}}}, 3))
        check.that(false, problem);

    // No unit price: eqroi refuses the study before the model runs.
    const eqroi::testing::Result missing = plugin.evaluate("@NAME@", {{"usage_per_hour", 1}}, 3);
    check.that(missing.outcome() == eqroi::testing::Outcome::inputs_refused, "unit_price missing");
    check.contains(missing.message(), "'unit_price' is required");

    // Contradicting inputs: the model says which and why.
    const eqroi::testing::Result both = plugin.evaluate(
        "@NAME@", {{"unit_price", 4}, {"supplier_takes_back", true}, {"disposal_cost_per_unit", 1}},
        3);
    check.that(both.status() == EQROI_STATUS_INVALID_PARAMETER, "take-back with a disposal cost");
    check.contains(both.plugin_message(), "supplier_takes_back is true");
    return check.exit_code();
}
