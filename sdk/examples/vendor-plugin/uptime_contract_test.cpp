// Tests of ACME's uptime contract model without eqroi: the built uptime_contract.so is loaded as
// eqroi loads it (eqroi/testing.hpp), its self-description checked by eqroi's rules, and its
// amounts compared with the hand calculations below (README.md works the first one out).
// `ctest` runs it with the path of the built plugin as its argument.
#include <eqroi/testing.hpp>

#include <cstdio>
#include <string>

namespace {

using eqroi::testing::Checks;
using eqroi::testing::Inputs;
using eqroi::testing::Outcome;
using eqroi::testing::PluginUnderTest;
using eqroi::testing::Result;

const char* const kModel = "acme_uptime_contract";

// The uptime_contract alternative of uptime_study.toml: 2 shifts x 8 h x 250 days = 4000
// scheduled hours, MTBF 400 h, MTTR 3 h, 3 %/yr escalation.
Inputs contract() {
    return {{"contract_fee_per_year", 12000},
            {"guaranteed_availability", 0.995},
            {"credit_per_excess_hour", 400},
            {"credit_cap_fraction", 0.25},
            {"shifts_per_day", 2},
            {"hours_per_shift", 8},
            {"days_per_year", 250},
            {"mtbf_hours", 400},
            {"mttr_hours", 3},
            {"escalation", 0.03}};
}

Inputs with(Inputs inputs, const std::string& key, eqroi::testing::Value value) {
    inputs.insert_or_assign(key, std::move(value));
    return inputs;
}

}  // namespace

int main(int argc, char** argv) {
    if (argc != 2) {
        std::fprintf(stderr, "usage: %s <path of uptime_contract.so>\n", argv[0]);
        return 2;
    }
    Checks check;
    const PluginUnderTest plugin(argv[1]);
    if (!check.no_problems(plugin)) return check.exit_code();
    check.that(std::string(plugin.plugin().vendor) == "ACME Service", "vendor");
    check.that(plugin.model(kModel).params.size() == 10, "10 parameters");

    // The study's figures. f_k = 1.03^k = 1.03, 1.0609, 1.092727.
    //   expected downtime = 4000 / 400 x 3 = 30 h; allowed = (1 - 0.995) x 4000 = 20 h
    //   excess = 10 h; credit = min(10 x 400, 0.25 x 12000) = min(4000, 3000) = 3000 (the cap)
    //   fee_k    = -12000 x f_k -> -12360.00, -12730.80, -13112.72
    //   credit_k =  +3000 x f_k ->   3090.00,   3182.70,   3278.18
    const Result r = plugin.evaluate(kModel, contract(), 3);
    check.ok(r);
    check.series(r.line("contract_fee"), {0, -12360.00, -12730.80, -13112.724}, "fee");
    check.series(r.line("availability_credit"), {0, 3090.00, 3182.70, 3278.181}, "credit");

    // No cap (a full year's fee): the credit is the 4000 of the 10 excess hours x 400:
    //   4000 x f_k -> 4120.00, 4243.60, 4370.908
    const Result uncapped = plugin.evaluate(kModel, with(contract(), "credit_cap_fraction", 1), 3);
    check.ok(uncapped);
    check.series(uncapped.line("availability_credit"), {0, 4120.00, 4243.60, 4370.908},
                 "credit without cap");

    // A 99 % guarantee allows (1 - 0.99) x 4000 = 40 h, more than the 30 expected: no credit.
    const Result met =
        plugin.evaluate(kModel, with(contract(), "guaranteed_availability", 0.99), 3);
    check.ok(met);
    check.series(met.line("availability_credit"), {0, 0, 0, 0}, "guarantee met");

    // Monthly periods, no escalation: a twelfth each month, 12000 / 12 = 1000 of fee and
    // 3000 / 12 = 250 of credit, in every one of the 24 months.
    const Result monthly = plugin.evaluate(kModel, with(contract(), "escalation", 0), 24, 12);
    check.ok(monthly);
    check.near(monthly.line("contract_fee")[1], -1000, "fee, month 1");
    check.near(monthly.line("contract_fee")[24], -1000, "fee, month 24");
    check.near(monthly.line("availability_credit")[24], 250, "credit, month 24");

    // Two trials in one batch, no escalation, 100 per excess hour (the cap of 3000 does not
    // bind): MTTR 3 h -> 30 - 20 = 10 excess h -> 1000; MTTR 4 h -> 40 - 20 = 20 h -> 2000.
    const Inputs base = with(with(contract(), "escalation", 0), "credit_per_excess_hour", 100);
    const Result batch = plugin.evaluate_batch(kModel, {base, with(base, "mttr_hours", 4)}, 2);
    check.ok(batch);
    check.series(batch.line("availability_credit", 0), {0, 1000, 1000}, "trial 0 credit");
    check.series(batch.line("availability_credit", 1), {0, 2000, 2000}, "trial 1 credit");

    // The fee has no default: eqroi refuses a study without it before the model runs.
    Inputs no_fee = contract();
    no_fee.erase("contract_fee_per_year");
    const Result missing = plugin.evaluate(kModel, no_fee, 3);
    check.that(missing.outcome() == Outcome::inputs_refused, "fee missing: refused");
    check.contains(missing.message(), "'contract_fee_per_year' is required");

    // 3 shifts x 9 h = 27 h a day: each value is within its range, together they are not.
    // The model refuses them with "invalid parameter" and says why.
    const Result day = plugin.evaluate(
        kModel, with(with(contract(), "shifts_per_day", 3), "hours_per_shift", 9), 3);
    check.that(day.status() == EQROI_STATUS_INVALID_PARAMETER, "27 h a day: invalid parameter");
    check.contains(day.plugin_message(),
                   "shifts_per_day x hours_per_shift is 27.000000 h, more than the 24 h of a day");
    return check.exit_code();
}
