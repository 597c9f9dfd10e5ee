// The examples in docs/study-format.md must stay valid: each block marked with an HTML comment
// is parsed with the bundled models it uses.
#include <eqroi/core/study.hpp>
#include <eqroi/core/registry.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <sstream>
#include <string>

namespace eqroi::test {
namespace {

/// The ```toml block that follows the line holding `marker`.
std::string example_after(const std::string& marker) {
    std::ifstream in(STUDY_FORMAT_DOC);
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    auto at = doc.find(marker);
    if (at == std::string::npos) return "";
    auto open = doc.find("```toml\n", at);
    auto close = doc.find("```", open + 8);
    if (open == std::string::npos || close == std::string::npos) return "";
    return doc.substr(open + 8, close - open - 8);
}

#if defined(EQROI_PLUGIN_MAINTENANCE) && defined(EQROI_PLUGIN_DOWNTIME) && \
    defined(EQROI_PLUGIN_SCHEDULE)
PluginRegistry bundled() {
    PluginRegistry r;
    r.load_file(EQROI_PLUGIN_MAINTENANCE);
    r.load_file(EQROI_PLUGIN_DOWNTIME);
    r.load_file(EQROI_PLUGIN_SCHEDULE);
    return r;
}

TEST(StudyFormatDoc, MinimalExampleIsValid) {
    const std::string text = example_after("minimal-example");
    ASSERT_FALSE(text.empty());
    const PluginRegistry r = bundled();
    const Study s = parse_study(text, "minimal.toml", r);
    ASSERT_EQ(s.alternatives.size(), 2u);
    EXPECT_EQ(s.settings.baseline, "keep");
    EXPECT_DOUBLE_EQ(s.alternatives[1].capital.price, 250000);
}

TEST(StudyFormatDoc, FullerExampleIsValid) {
    const std::string text = example_after("full-example");
    ASSERT_FALSE(text.empty());
    const PluginRegistry r = bundled();
    const Study s = parse_study(text, "full.toml", r);
    ASSERT_EQ(s.alternatives.size(), 2u);
    const Alternative& buy = s.alternatives[1];
    ASSERT_EQ(buy.models.size(), 2u);
    EXPECT_EQ(buy.models[1].model, "schedule");
    // 10 yearly periods: expense resolves to 11 values, 4 written and 7 zeros.
    const Model* schedule = r.find("schedule");
    ASSERT_NE(schedule, nullptr);
    const auto& expense = schedule->descriptor().params[schedule->param_index("expense")];
    auto v = resolve_param(s, buy, buy.models[1], expense);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->values, (std::vector<double>{0, 1500, 1500, 1500, 0, 0, 0, 0, 0, 0, 0}));

    // The keys of issue 3, as the example writes them.
    EXPECT_EQ(s.settings.timing, finance::Timing::end_of_period);
    EXPECT_EQ(s.settings.dollars, Dollars::nominal);
    EXPECT_EQ(s.settings.finance_rate, 0.06);
    EXPECT_EQ(s.settings.reinvest_rate, 0.08);
    EXPECT_EQ(buy.capital.depreciation, depreciation::Method::macrs);
    EXPECT_EQ(buy.capital.depreciation_years, 7);
    EXPECT_DOUBLE_EQ(buy.financing.loan_amount, 150000);
    EXPECT_DOUBLE_EQ(buy.financing.loan_rate, 0.06);
    EXPECT_EQ(buy.financing.loan_term_years, 5);
    ASSERT_EQ(buy.escalation.size(), 2u);
    EXPECT_EQ(buy.escalation[0].line, "maintenance.service_contract");
    EXPECT_EQ(buy.escalation[0].yearly, std::vector<double>(10, 0.01));
    EXPECT_EQ(buy.escalation[1].line, "schedule.expense");
    EXPECT_EQ(buy.escalation[1].yearly, (std::vector<double>{0, 0, 0.05, 0, 0, 0, 0, 0, 0, 0}));
}

TEST(StudyFormatDoc, ReplacementExampleIsValid) {
    const std::string text = example_after("replacement-example");
    ASSERT_FALSE(text.empty());
    const PluginRegistry r = bundled();
    const Study s = parse_study(text, "replacement.toml", r);
    ASSERT_EQ(s.alternatives.size(), 1u);
    const Capital& c = s.alternatives[0].capital;
    EXPECT_EQ(c.depreciation, depreciation::Method::declining_balance);
    EXPECT_DOUBLE_EQ(c.declining_balance_factor, 1.5);
    EXPECT_EQ(c.depreciation_years, 5);
    EXPECT_EQ(c.life_years, 6);
    EXPECT_EQ(c.residual_value, 90000);
    ASSERT_EQ(s.alternatives[0].escalation.size(), 1u);
    EXPECT_EQ(s.alternatives[0].escalation[0].line, "capital.price");
    EXPECT_EQ(s.alternatives[0].escalation[0].yearly, std::vector<double>(10, 0.01));
}

TEST(StudyFormatDoc, LeaseExampleIsValid) {
    const std::string text = example_after("lease-example");
    ASSERT_FALSE(text.empty());
    const PluginRegistry r = bundled();
    const Study s = parse_study(text, "lease.toml", r);
    EXPECT_EQ(s.settings.dollars, Dollars::constant);
    EXPECT_EQ(s.settings.timing, finance::Timing::mid_period);
    ASSERT_EQ(s.alternatives.size(), 1u);
    const Alternative& lease = s.alternatives[0];
    EXPECT_DOUBLE_EQ(lease.financing.lease_payment, 38000);
    EXPECT_EQ(lease.financing.lease_term_years, 5);
    EXPECT_TRUE(lease.financing.lease_in_advance);
    EXPECT_FALSE(lease.financing.has_loan());
    // Constant dollars: the maintenance model's implied escalation is 0, not the 2 % inflation.
    const Model* maintenance = r.find("maintenance");
    ASSERT_NE(maintenance, nullptr);
    const auto& escalation =
        maintenance->descriptor().params[maintenance->param_index("escalation")];
    auto v = resolve_param(s, lease, lease.models[0], escalation);
    ASSERT_TRUE(v);
    EXPECT_EQ(v->values, std::vector<double>{0.0});
    ASSERT_EQ(lease.escalation.size(), 1u);
    EXPECT_EQ(lease.escalation[0].line, "maintenance.preventive");
    EXPECT_EQ(lease.escalation[0].yearly, std::vector<double>(5, 0.01));
}
#endif

}  // namespace
}  // namespace eqroi::test
