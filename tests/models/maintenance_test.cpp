#include "harness.hpp"

#include <gtest/gtest.h>

#include <cmath>

using namespace models_test;

namespace {

const eqroi_model& maintenance() { return load_model("maintenance"); }

// The worked example of the issue: a 2-year-old machine running 4000 h/yr, Weibull beta = 2,
// eta = 10000 h; a repair costs 500 parts + 4 h x 50/h = 700.
Inputs worked_example() {
    Inputs in;
    in.values = {{"operating_hours_per_year", 4000}, {"age_years", 2},
                 {"weibull_shape", 2},               {"weibull_scale_hours", 10000},
                 {"repair_parts_cost", 500},         {"repair_labor_hours", 4},
                 {"repair_labor_rate", 50},          {"preventive_cost_per_year", 1000},
                 {"preventive_cost_per_hour", 0.5},  {"overhaul_cost", 10000},
                 {"overhaul_interval_years", 2}};
    return in;
}

}  // namespace

TEST(Maintenance, WorkedExampleYearly) {
    const Result r = evaluate(maintenance(), worked_example(), 3);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // Cumulative hours T_k = (2 + k) x 4000: 8000, 12000, 16000, 20000.
    // (T/eta)^2 = 0.64, 1.44, 2.56, 4.00, so failures per year 0.80, 1.12, 1.44,
    // times 700 per repair: 560, 784, 1008.
    EXPECT_AMOUNT(r.at("corrective", 1), -560.0);
    EXPECT_AMOUNT(r.at("corrective", 2), -784.0);
    EXPECT_AMOUNT(r.at("corrective", 3), -1008.0);
    // Preventive: 1000 + 0.5 x 4000 = 3000 per year.
    for (uint32_t k = 1; k <= 3; ++k) EXPECT_AMOUNT(r.at("preventive", k), -3000.0);
    // Overhaul every 2 years: only at the end of year 2.
    EXPECT_EQ(r.at("overhaul", 1), 0.0);
    EXPECT_AMOUNT(r.at("overhaul", 2), -10000.0);
    EXPECT_EQ(r.at("overhaul", 3), 0.0);
    // No contract, nothing at the purchase date.
    for (uint32_t k = 0; k <= 3; ++k) EXPECT_EQ(r.at("service_contract", k), 0.0);
    for (const char* line : {"preventive", "corrective", "overhaul"})
        EXPECT_EQ(r.at(line, 0), 0.0) << line;
}

TEST(Maintenance, EscalationCompoundsFromTheStartDate) {
    Inputs in = worked_example();
    in.values["escalation"] = 0.03;
    const Result r = evaluate(maintenance(), in, 3);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // Factors 1.03, 1.0609, 1.092727.
    EXPECT_AMOUNT(r.at("preventive", 1), -3090.0);     // 3000 x 1.03
    EXPECT_AMOUNT(r.at("preventive", 3), -3278.181);   // 3000 x 1.092727
    EXPECT_AMOUNT(r.at("corrective", 1), -576.8);      // 560 x 1.03
    EXPECT_AMOUNT(r.at("corrective", 2), -831.7456);   // 784 x 1.0609
    EXPECT_AMOUNT(r.at("corrective", 3), -1101.468816);  // 1008 x 1.092727
    EXPECT_AMOUNT(r.at("overhaul", 2), -10609.0);      // 10000 x 1.0609
}

TEST(Maintenance, ServiceContractReplacesPreventiveWork) {
    Inputs in = worked_example();
    in.values["service_contract"] = 1;
    in.values["service_contract_fee"] = 2400;
    Result r = evaluate(maintenance(), in, 2);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    for (uint32_t k = 1; k <= 2; ++k) {
        EXPECT_AMOUNT(r.at("service_contract", k), -2400.0);
        EXPECT_EQ(r.at("preventive", k), 0.0);
        EXPECT_FALSE(std::signbit(r.at("preventive", k))) << "a zero cost is +0, not -0";
    }
    // Repairs are still paid: 0.80 x 700.
    EXPECT_AMOUNT(r.at("corrective", 1), -560.0);

    in.values["service_contract_covers_repairs"] = 1;
    r = evaluate(maintenance(), in, 2);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    EXPECT_EQ(r.at("corrective", 1), 0.0);
    EXPECT_AMOUNT(r.at("service_contract", 1), -2400.0);

    // "Covers repairs" means nothing without a contract.
    in.values["service_contract"] = 0;
    r = evaluate(maintenance(), in, 2);
    EXPECT_AMOUNT(r.at("corrective", 1), -560.0);
    EXPECT_AMOUNT(r.at("preventive", 1), -3000.0);
    EXPECT_EQ(r.at("service_contract", 1), 0.0);
}

TEST(Maintenance, OverhaulInTheLastPeriodCanBeLeftOut) {
    Inputs in = worked_example();
    in.values["overhaul_interval_years"] = 3;
    Result r = evaluate(maintenance(), in, 3);
    EXPECT_AMOUNT(r.at("overhaul", 3), -10000.0);
    in.values["overhaul_at_study_end"] = 0;
    r = evaluate(maintenance(), in, 3);
    EXPECT_EQ(r.at("overhaul", 3), 0.0);
}

TEST(Maintenance, OverhaulsMoreOftenThanOncePerPeriodAddUp) {
    Inputs in = worked_example();
    in.values["overhaul_interval_years"] = 0.5;
    const Result r = evaluate(maintenance(), in, 2);
    // Due at 0.5, 1.0, 1.5, 2.0 years: two in each yearly period.
    EXPECT_AMOUNT(r.at("overhaul", 1), -20000.0);
    EXPECT_AMOUNT(r.at("overhaul", 2), -20000.0);
}

TEST(Maintenance, MonthlyPeriods) {
    Inputs in;
    in.values = {{"operating_hours_per_year", 6000}, {"age_years", 0},
                 {"weibull_shape", 2},               {"weibull_scale_hours", 10000},
                 {"repair_parts_cost", 1000},        {"preventive_cost_per_year", 1200},
                 {"overhaul_cost", 5000},            {"overhaul_interval_years", 1},
                 {"escalation", 0.12}};
    const Result r = evaluate(maintenance(), in, 24, 12);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // 500 h per month. Month 1: (500/10000)^2 = 0.0025 failures x 1000 = 2.5, escalated by
    // 1.12^(1/12) = 1.0094887929: 2.52372198.
    EXPECT_AMOUNT(r.at("corrective", 1), -2.5 * 1.009488792934583);
    // Month 12: (6000/10000)^2 - (5500/10000)^2 = 0.36 - 0.3025 = 0.0575 failures, 57.5,
    // escalated by exactly 1.12 after twelve months: 64.4.
    EXPECT_AMOUNT(r.at("corrective", 12), -64.4);
    // Preventive 1200/yr = 100 per month: 100 x 1.0094887929 in month 1, 112 in month 12,
    // 125.44 in month 24.
    EXPECT_AMOUNT(r.at("preventive", 1), -100.9488792934583);
    EXPECT_AMOUNT(r.at("preventive", 12), -112.0);
    EXPECT_AMOUNT(r.at("preventive", 24), -125.44);
    // A yearly overhaul falls in months 12 and 24 only.
    for (uint32_t k = 1; k <= 24; ++k) {
        if (k == 12) EXPECT_AMOUNT(r.at("overhaul", k), -5600.0);     // 5000 x 1.12
        else if (k == 24) EXPECT_AMOUNT(r.at("overhaul", k), -6272.0);  // 5000 x 1.2544
        else EXPECT_EQ(r.at("overhaul", k), 0.0) << "month " << k;
    }
}

TEST(Maintenance, MonthlyCorrectiveSumsToTheYearlyFigureWithoutEscalation) {
    Inputs in = worked_example();
    const Result monthly = evaluate(maintenance(), in, 12, 12);
    double year = 0;
    for (uint32_t k = 1; k <= 12; ++k) year += monthly.at("corrective", k);
    // Same 0.80 failures in the first year however it is sliced: 560.
    EXPECT_AMOUNT(year, -560.0);
}

TEST(Maintenance, BatchOfTrialsKeepsEachTrialsInputs) {
    std::vector<Inputs> trials(3, worked_example());
    // Trial 1: constant failure rate (beta = 1), eta 5000 h, new machine at 2000 h/yr:
    // 2000/5000 = 0.4 failures per year, x 700 = 280. Preventive 1000 + 0.5 x 2000 = 2000.
    trials[1].values["weibull_shape"] = 1;
    trials[1].values["weibull_scale_hours"] = 5000;
    trials[1].values["age_years"] = 0;
    trials[1].values["operating_hours_per_year"] = 2000;
    // Trial 2: machine idle, no overhaul: only the fixed preventive 1000 remains.
    trials[2].values["operating_hours_per_year"] = 0;
    trials[2].values["overhaul_interval_years"] = 0;
    const Result r = evaluate(maintenance(), trials, 3);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;

    EXPECT_AMOUNT(r.at(0, "corrective", 2), -784.0);
    EXPECT_AMOUNT(r.at(0, "preventive", 2), -3000.0);
    EXPECT_AMOUNT(r.at(0, "overhaul", 2), -10000.0);
    for (uint32_t k = 1; k <= 3; ++k) {
        EXPECT_AMOUNT(r.at(1, "corrective", k), -280.0);
        EXPECT_AMOUNT(r.at(1, "preventive", k), -2000.0);
        EXPECT_EQ(r.at(2, "corrective", k), 0.0);
        EXPECT_AMOUNT(r.at(2, "preventive", k), -1000.0);
        EXPECT_EQ(r.at(2, "overhaul", k), 0.0);
    }
    EXPECT_AMOUNT(r.at(1, "overhaul", 2), -10000.0);
}

TEST(Maintenance, WeibullShapesOtherThanTwo) {
    // New machine (age 0), repair 100 each, nothing else.
    std::vector<Inputs> trials(3);
    for (Inputs& in : trials)
        in.values = {{"age_years", 0}, {"weibull_scale_hours", 10000}, {"repair_parts_cost", 100}};
    // beta 1.5 at 8000 h/yr: T/eta = 0.8, 1.6.
    trials[0].values["weibull_shape"] = 1.5;
    trials[0].values["operating_hours_per_year"] = 8000;
    // beta 3 at 5000 h/yr: T/eta = 0.5, 1.0. Failures 0.125, then 1 - 0.125 = 0.875.
    trials[1].values["weibull_shape"] = 3;
    trials[1].values["operating_hours_per_year"] = 5000;
    // beta 0.5 (infant mortality) at 2500 h/yr: T/eta = 0.25, 0.5. Failures 0.5, then
    // sqrt(0.5) - 0.5 = 0.2071067812.
    trials[2].values["weibull_shape"] = 0.5;
    trials[2].values["operating_hours_per_year"] = 2500;
    const Result r = evaluate(maintenance(), trials, 2);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // Trial 0: 0.8^1.5 = 0.7155417528, 1.6^1.5 = 2.0238577025; difference 1.3083159497.
    EXPECT_AMOUNT(r.at(0, "corrective", 1), -71.55417527999329);
    EXPECT_AMOUNT(r.at(0, "corrective", 2), -130.83159497078302);
    EXPECT_AMOUNT(r.at(1, "corrective", 1), -12.5);
    EXPECT_AMOUNT(r.at(1, "corrective", 2), -87.5);
    EXPECT_AMOUNT(r.at(2, "corrective", 1), -50.0);
    EXPECT_AMOUNT(r.at(2, "corrective", 2), -20.71067811865475);
}
