#include "harness.hpp"

#include <gtest/gtest.h>

using namespace models_test;

namespace {

const eqroi_model& training() { return load_model("training"); }

// Three operators at 40/h, 40 h of initial training, 6000 course fees and 1500 travel; ramp-up
// from 70 % over 18 months on a machine whose hour of output is worth 200, 4000 h/yr.
Inputs three_operators() {
    Inputs in;
    in.values = {{"operators", 3},
                 {"operator_wage", 40},
                 {"initial_training_hours", 40},
                 {"course_fees", 6000},
                 {"travel_cost", 1500},
                 {"ramp_up_start_efficiency", 0.7},
                 {"ramp_up_months", 18},
                 {"output_value_per_hour", 200},
                 {"operating_hours_per_year", 4000},
                 {"refresher_hours_per_year", 8},
                 {"refresher_fees_per_year", 500},
                 {"turnover_rate", 0.2}};
    return in;
}

}  // namespace

TEST(Training, YearlyHandCalculation) {
    const Result r = evaluate(training(), three_operators(), 3);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // Initial: 3 x 40 h x 40 + 6000 + 1500 = 4800 + 7500 = 12300, at the purchase date only.
    EXPECT_AMOUNT(r.at("initial_training", 0), -12300.0);
    for (uint32_t k = 1; k <= 3; ++k) EXPECT_EQ(r.at("initial_training", k), 0.0);
    // Ramp-up: loss rate at the start (1 - 0.7) x 200 x 4000 = 240000/yr, falling linearly to
    // 0 at M = 1.5 yr. Year 1: 240000 x (1 - 1/(2 x 1.5)) = 160000.
    // Year 2 (0.5 yr left): 240000 x (0.5 - (1.5^2 - 1^2)/3) = 240000 x 1/12 = 20000.
    // Together 180000 = 240000 x 1.5 / 2, the triangle.
    EXPECT_EQ(r.at("ramp_up_loss", 0), 0.0);
    EXPECT_AMOUNT(r.at("ramp_up_loss", 1), -160000.0);
    EXPECT_AMOUNT(r.at("ramp_up_loss", 2), -20000.0);
    EXPECT_EQ(r.at("ramp_up_loss", 3), 0.0);
    // Refresher: 3 x 8 h x 40 + 500 = 1460 per year.
    for (uint32_t k = 1; k <= 3; ++k) EXPECT_AMOUNT(r.at("refresher", k), -1460.0);
    // Turnover: 0.2 x 3 = 0.6 replacements a year, each trained like the first ones:
    // 40 h x 40 + 7500 / 3 = 1600 + 2500 = 4100, so 0.6 x 4100 = 2460 per year.
    for (uint32_t k = 1; k <= 3; ++k) EXPECT_AMOUNT(r.at("turnover_retraining", k), -2460.0);
}

TEST(Training, ExplicitRetrainingCostAndEscalation) {
    Inputs in = three_operators();
    in.values["retraining_cost_per_operator"] = 3000;
    in.values["escalation"] = 0.05;
    const Result r = evaluate(training(), in, 2);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    EXPECT_AMOUNT(r.at("initial_training", 0), -12300.0);  // period 0 is never escalated
    EXPECT_AMOUNT(r.at("ramp_up_loss", 1), -168000.0);     // 160000 x 1.05
    EXPECT_AMOUNT(r.at("ramp_up_loss", 2), -22050.0);      // 20000 x 1.1025
    EXPECT_AMOUNT(r.at("refresher", 1), -1533.0);          // 1460 x 1.05
    EXPECT_AMOUNT(r.at("refresher", 2), -1609.65);         // 1460 x 1.1025
    // 0.2 x 3 x 3000 = 1800 a year.
    EXPECT_AMOUNT(r.at("turnover_retraining", 1), -1890.0);  // 1800 x 1.05
    EXPECT_AMOUNT(r.at("turnover_retraining", 2), -1984.5);  // 1800 x 1.1025
}

TEST(Training, MonthlyRampUpIsExactPerMonth) {
    Inputs in;
    in.values = {{"operators", 2},
                 {"operator_wage", 30},
                 {"ramp_up_start_efficiency", 0.4},
                 {"ramp_up_months", 3},
                 {"output_value_per_hour", 100},
                 {"operating_hours_per_year", 4800},
                 {"refresher_fees_per_year", 1200},
                 {"turnover_rate", 0}};
    const Result r = evaluate(training(), in, 12, 12);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // A month at full output is worth 100 x 4800 / 12 = 40000; at the start 60 % of it is
    // lost (24000 a month), falling linearly to 0 after 3 months. The loss is linear within a
    // month, so a month's loss is the rate at its middle:
    // month 1: 24000 x (1 - 0.5/3) = 20000, month 2: 24000 x (1 - 1.5/3) = 12000,
    // month 3: 24000 x (1 - 2.5/3) = 4000; together 36000 = 24000 x 3 / 2.
    EXPECT_AMOUNT(r.at("ramp_up_loss", 1), -20000.0);
    EXPECT_AMOUNT(r.at("ramp_up_loss", 2), -12000.0);
    EXPECT_AMOUNT(r.at("ramp_up_loss", 3), -4000.0);
    for (uint32_t k = 4; k <= 12; ++k) EXPECT_EQ(r.at("ramp_up_loss", k), 0.0);
    // Refresher fees 1200/yr are spread as 100 a month; no turnover.
    for (uint32_t k = 1; k <= 12; ++k) {
        EXPECT_AMOUNT(r.at("refresher", k), -100.0);
        EXPECT_EQ(r.at("turnover_retraining", k), 0.0);
    }
    // Default 40 h of initial training: 2 x 40 x 30 = 2400.
    EXPECT_AMOUNT(r.at("initial_training", 0), -2400.0);
}

TEST(Training, RampUpEndingInsideAMonth) {
    Inputs in;
    in.values = {{"ramp_up_start_efficiency", 0.4}, {"ramp_up_months", 2.5},
                 {"output_value_per_hour", 100},    {"operating_hours_per_year", 4800},
                 {"initial_training_hours", 0},     {"turnover_rate", 0}};
    const Result r = evaluate(training(), in, 6, 12);
    // 24000 a month at the start, to 0 at 2.5 months. Month 3 covers months 2 to 2.5:
    // 24000 x (0.5 - (2.5^2 - 2^2) / (2 x 2.5)) = 24000 x (0.5 - 0.45) = 1200.
    EXPECT_AMOUNT(r.at("ramp_up_loss", 3), -1200.0);
    EXPECT_EQ(r.at("ramp_up_loss", 4), 0.0);
    // Whole ramp: 24000 x 2.5 / 2 = 30000.
    double total = 0;
    for (uint32_t k = 1; k <= 6; ++k) total += r.at("ramp_up_loss", k);
    EXPECT_AMOUNT(total, -30000.0);
}

TEST(Training, NoOperatorsNoTurnoverCost) {
    Inputs in = three_operators();
    in.values["operators"] = 0;
    const Result r = evaluate(training(), in, 1);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // Fees and travel remain (7500); nobody to train, refresh or replace.
    EXPECT_AMOUNT(r.at("initial_training", 0), -7500.0);
    EXPECT_AMOUNT(r.at("refresher", 1), -500.0);
    EXPECT_EQ(r.at("turnover_retraining", 1), 0.0);
}
