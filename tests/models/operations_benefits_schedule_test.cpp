#include "harness.hpp"

#include <gtest/gtest.h>

using namespace models_test;

// ---- operations --------------------------------------------------------------------------

TEST(Operations, EnergyConsumablesAndLabour) {
    Inputs in;
    in.values = {{"operating_hours_per_year", 4000}, {"rated_power_kw", 50},
                 {"load_factor", 0.6},               {"energy_price", 0.15},
                 {"consumables_per_hour", 2},        {"consumables_per_year", 1500},
                 {"operators", 1.5},                 {"operator_wage", 35},
                 {"escalation", 0.02}};
    const Result r = evaluate(load_model("operations"), in, 2);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // Energy 50 kW x 0.6 x 4000 h x 0.15 = 18000; consumables 2 x 4000 + 1500 = 9500;
    // labour 1.5 x 4000 x 35 = 210000. Year 1 x 1.02, year 2 x 1.0404.
    EXPECT_AMOUNT(r.at("energy", 1), -18360.0);
    EXPECT_AMOUNT(r.at("consumables", 1), -9690.0);
    EXPECT_AMOUNT(r.at("operating_labor", 1), -214200.0);
    EXPECT_AMOUNT(r.at("energy", 2), -18727.2);
    EXPECT_AMOUNT(r.at("consumables", 2), -9883.8);
    EXPECT_AMOUNT(r.at("operating_labor", 2), -218484.0);
    for (const char* line : {"energy", "consumables", "operating_labor"})
        EXPECT_EQ(r.at(line, 0), 0.0) << line;
}

TEST(Operations, EnergyCanEscalateFasterThanTheRest) {
    Inputs in;
    in.values = {{"operating_hours_per_year", 4000}, {"rated_power_kw", 50},
                 {"load_factor", 0.6},               {"energy_price", 0.15},
                 {"operators", 1.5},                 {"operator_wage", 35},
                 {"escalation", 0.02},               {"energy_extra_escalation", 0.03}};
    const Result r = evaluate(load_model("operations"), in, 2);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // Energy grows by 1.02 x 1.03 = 1.0506 a year: 18000 x 1.0506^2 = 18000 x 1.10376036.
    EXPECT_AMOUNT(r.at("energy", 2), -19867.68648);
    EXPECT_AMOUNT(r.at("operating_labor", 2), -218484.0);  // still 210000 x 1.02^2
}

// ---- benefits ----------------------------------------------------------------------------

TEST(Benefits, AllPositive) {
    Inputs in;
    in.values = {{"operating_hours_per_year", 4000},
                 {"extra_units_per_hour", 3},
                 {"margin_per_unit", 2.5},
                 {"labor_hours_saved_per_year", 500},
                 {"operator_wage", 40},
                 {"scrap_rate_reduction", 0.03},
                 {"units_per_year", 100000},
                 {"scrap_unit_cost", 8},
                 {"overtime_hours_avoided_per_year", 200},
                 {"overtime_premium", 0.5}};
    const Result r = evaluate(load_model("benefits"), in, 3);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    for (uint32_t k = 1; k <= 3; ++k) {
        EXPECT_AMOUNT(r.at("throughput_gain", k), 30000.0);   // 3 x 4000 x 2.5
        EXPECT_AMOUNT(r.at("labor_saved", k), 20000.0);       // 500 x 40
        EXPECT_AMOUNT(r.at("scrap_reduction", k), 24000.0);   // 0.03 x 100000 x 8
        EXPECT_AMOUNT(r.at("overtime_avoided", k), 12000.0);  // 200 x 40 x 1.5
    }
    EXPECT_EQ(r.at("throughput_gain", 0), 0.0);
}

TEST(Benefits, EscalatedMonthly) {
    Inputs in;
    in.values = {{"labor_hours_saved_per_year", 1200}, {"operator_wage", 50},
                 {"escalation", 0.21}};
    const Result r = evaluate(load_model("benefits"), in, 24, 12);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // 1200 x 50 = 60000 a year, 5000 a month; x 1.21 after 12 months, x 1.4641 after 24.
    EXPECT_AMOUNT(r.at("labor_saved", 12), 6050.0);
    EXPECT_AMOUNT(r.at("labor_saved", 24), 7320.5);
    // Month 6 is half a year in: x 1.21^0.5 = 1.1, so 5500.
    EXPECT_AMOUNT(r.at("labor_saved", 6), 5500.0);
}

// ---- schedule ----------------------------------------------------------------------------

TEST(Schedule, AmountsPassThroughWithTheirSign) {
    Inputs in;
    in.series = {{"expense", {500, 0, 250}},  // shorter than the study: the rest is 0
                 {"lease_payment", {0, 1000, 1000, 1000, 1000, 1000}},
                 {"income", {0, 0, 2000, 2000, 0, 0}},
                 {"capital_spend", {0, 0, 0, 0, 0, 50000}}};
    const Result r = evaluate(load_model("schedule"), in, 5);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    EXPECT_AMOUNT(r.at("expense", 0), -500.0);
    EXPECT_AMOUNT(r.at("expense", 2), -250.0);
    EXPECT_EQ(r.at("expense", 3), 0.0);
    EXPECT_EQ(r.at("lease_payment", 0), 0.0);
    for (uint32_t k = 1; k <= 5; ++k) EXPECT_AMOUNT(r.at("lease_payment", k), -1000.0);
    EXPECT_AMOUNT(r.at("income", 2), 2000.0);
    EXPECT_AMOUNT(r.at("income", 3), 2000.0);
    EXPECT_EQ(r.at("income", 4), 0.0);
    EXPECT_AMOUNT(r.at("capital_spend", 5), -50000.0);
    EXPECT_EQ(r.at("capital_spend", 4), 0.0);
}

TEST(Schedule, BatchIndexesSeriesByTrial) {
    // Two trials with different series: trial t's values start at t x (periods + 1).
    std::vector<Inputs> trials(2);
    trials[0].series = {{"lease_payment", {0, 100, 200, 300}}};
    trials[1].series = {{"lease_payment", {7, 8, 9, 10}}, {"income", {0, 0, 0, 40}}};
    const Result r = evaluate(load_model("schedule"), trials, 3);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    for (uint32_t k = 0; k <= 3; ++k) {
        EXPECT_AMOUNT(r.at(0, "lease_payment", k), -100.0 * k);
        EXPECT_AMOUNT(r.at(1, "lease_payment", k), -(7.0 + k));
        EXPECT_EQ(r.at(0, "income", k), 0.0);
    }
    EXPECT_AMOUNT(r.at(1, "income", 3), 40.0);
}

TEST(Schedule, MonthlyAmountsAreNotEscalated) {
    Inputs in;
    in.series = {{"expense", std::vector<double>(13, 100.0)}};
    const Result r = evaluate(load_model("schedule"), in, 12, 12);
    for (uint32_t k = 0; k <= 12; ++k) EXPECT_AMOUNT(r.at("expense", k), -100.0);
}
