#include "harness.hpp"

#include <gtest/gtest.h>

using namespace models_test;

// ---- spare_parts -------------------------------------------------------------------------

TEST(SpareParts, SharesOfThePurchasePrice) {
    Inputs in;
    in.values = {{"purchase_price", 200000}, {"initial_kit_share", 0.05},
                 {"consumption_share_per_year", 0.02}, {"carrying_rate", 0.25},
                 {"obsolete_share", 0.3}};
    const Result r = evaluate(load_model("spare_parts"), in, 4);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // Kit 0.05 x 200000 = 10000 at the purchase date.
    EXPECT_AMOUNT(r.at("initial_kit", 0), -10000.0);
    for (uint32_t k = 1; k <= 4; ++k) {
        EXPECT_EQ(r.at("initial_kit", k), 0.0);
        EXPECT_AMOUNT(r.at("consumption", k), -4000.0);    // 0.02 x 200000
        EXPECT_AMOUNT(r.at("carrying_cost", k), -2500.0);  // 0.25 x 10000
    }
    EXPECT_EQ(r.at("consumption", 0), 0.0);
    // At the end 70 % of the kit is still usable: +7000, and only in the last period.
    for (uint32_t k = 0; k < 4; ++k) EXPECT_EQ(r.at("stock_recovery", k), 0.0);
    EXPECT_AMOUNT(r.at("stock_recovery", 4), 7000.0);
}

TEST(SpareParts, KitIsWorkingCapitalOnItsOwnLines) {
    // README "Output lines" / "Why working capital": the kit tied up at period 0 and the usable
    // stock recovered at N are working capital, each on its own line and neither taxed.
    const eqroi_model& model = load_model("spare_parts");
    Result r;
    r.model = &model;
    const eqroi_line_desc& kit = model.lines[r.line_index("initial_kit")];
    const eqroi_line_desc& recovery = model.lines[r.line_index("stock_recovery")];
    EXPECT_STREQ(kit.label, "Spares stock tied up (working capital)");
    EXPECT_STREQ(recovery.label, "Spares stock recovered (working capital)");
    EXPECT_EQ(kit.tax_treatment, static_cast<uint32_t>(EQROI_TAX_NOT_TAXED));
    EXPECT_EQ(recovery.tax_treatment, static_cast<uint32_t>(EQROI_TAX_NOT_TAXED));
    EXPECT_NE(r.line_index("initial_kit"), r.line_index("stock_recovery"));
}

TEST(SpareParts, ExplicitAmountsWinOverSharesAndEscalate) {
    Inputs in;
    in.values = {{"purchase_price", 200000}, {"initial_kit_value", 15000},
                 {"consumption_per_year", 3000}, {"carrying_rate", 0.25},
                 {"obsolete_share", 0.3}, {"escalation", 0.1}};
    const Result r = evaluate(load_model("spare_parts"), in, 2);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    EXPECT_AMOUNT(r.at("initial_kit", 0), -15000.0);   // bought at today's price
    EXPECT_AMOUNT(r.at("consumption", 1), -3300.0);    // 3000 x 1.1
    EXPECT_AMOUNT(r.at("consumption", 2), -3630.0);    // 3000 x 1.21
    EXPECT_AMOUNT(r.at("carrying_cost", 1), -4125.0);  // 0.25 x 15000 x 1.1
    EXPECT_AMOUNT(r.at("carrying_cost", 2), -4537.5);  // 0.25 x 15000 x 1.21
    EXPECT_AMOUNT(r.at("stock_recovery", 2), 12705.0);  // 0.7 x 15000 x 1.21
}

// ---- downtime ----------------------------------------------------------------------------

namespace {

// 2 shifts x 8 h x 250 days = 4000 scheduled hours; MTBF 400 h gives 10 failures a year,
// MTTR 3 h gives 30 h of unplanned downtime; 20 h of planned downtime; 5 units scrapped at
// each restart, 12 each.
Inputs two_shifts() {
    Inputs in;
    in.values = {{"shifts_per_day", 2},
                 {"hours_per_shift", 8},
                 {"days_per_year", 250},
                 {"mtbf_hours", 400},
                 {"mttr_hours", 3},
                 {"planned_downtime_hours_per_year", 20},
                 {"output_value_per_hour", 500},
                 {"operators", 2},
                 {"operator_wage", 30},
                 {"overtime_premium", 0.5},
                 {"scrap_units_per_restart", 5},
                 {"scrap_unit_cost", 12}};
    return in;
}

}  // namespace

TEST(Downtime, LostOutput) {
    Inputs in = two_shifts();
    in.values["cost_method"] = 0;  // lost_output
    const Result r = evaluate(load_model("downtime"), in, 2);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    for (uint32_t k = 1; k <= 2; ++k) {
        EXPECT_AMOUNT(r.at("unplanned", k), -15000.0);    // 30 h x 500
        EXPECT_AMOUNT(r.at("planned", k), -10000.0);      // 20 h x 500
        EXPECT_AMOUNT(r.at("restart_scrap", k), -600.0);  // 10 x 5 x 12
    }
    EXPECT_EQ(r.at("unplanned", 0), 0.0);
}

TEST(Downtime, Overtime) {
    Inputs in = two_shifts();
    in.values["cost_method"] = 1;  // overtime
    const Result r = evaluate(load_model("downtime"), in, 2);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // An hour made up in overtime: 2 operators x 30 x 1.5 = 90.
    for (uint32_t k = 1; k <= 2; ++k) {
        EXPECT_AMOUNT(r.at("unplanned", k), -2700.0);     // 30 h x 90
        EXPECT_AMOUNT(r.at("planned", k), -1800.0);       // 20 h x 90
        EXPECT_AMOUNT(r.at("restart_scrap", k), -600.0);  // scrap does not depend on the method
    }
}

TEST(Downtime, LostOutputIsTheDefaultMethod) {
    const Result r = evaluate(load_model("downtime"), two_shifts(), 1);
    EXPECT_AMOUNT(r.at("unplanned", 1), -15000.0);
}

TEST(Downtime, MonthlyWithEscalation) {
    Inputs in = two_shifts();
    in.values["escalation"] = 0.12;
    const Result r = evaluate(load_model("downtime"), in, 12, 12);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    // 15000 a year = 1250 a month; after 12 months escalated by exactly 1.12: 1400.
    EXPECT_AMOUNT(r.at("unplanned", 12), -1400.0);
}

TEST(Downtime, MoreThanADayOfShiftsIsRejected) {
    Inputs in = two_shifts();
    in.values["shifts_per_day"] = 3;
    in.values["hours_per_shift"] = 9;  // 27 h a day
    const Result r = evaluate(load_model("downtime"), in, 1);
    EXPECT_EQ(r.status, EQROI_STATUS_INVALID_PARAMETER);
    EXPECT_NE(r.error.find("24 h"), std::string::npos) << r.error;
}

TEST(Downtime, BatchMixesBothMethods) {
    std::vector<Inputs> trials(3, two_shifts());
    trials[1].values["cost_method"] = 1;
    trials[2].values["mtbf_hours"] = 800;  // 5 failures, 15 h: 7500 lost output, scrap 300
    const Result r = evaluate(load_model("downtime"), trials, 1);
    ASSERT_EQ(r.status, EQROI_STATUS_OK) << r.error;
    EXPECT_AMOUNT(r.at(0, "unplanned", 1), -15000.0);
    EXPECT_AMOUNT(r.at(1, "unplanned", 1), -2700.0);
    EXPECT_AMOUNT(r.at(2, "unplanned", 1), -7500.0);
    EXPECT_AMOUNT(r.at(2, "restart_scrap", 1), -300.0);
    EXPECT_AMOUNT(r.at(2, "planned", 1), -10000.0);
}
