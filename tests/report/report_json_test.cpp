// The JSON report: the keys scripts already read, and the per-period detail and measures added
// for issue 3, on the hand-built results of report_fixture.hpp.
#include "report_fixture.hpp"

#include <nlohmann/json.hpp>

namespace report_test {
namespace {

using nlohmann::json;

json json_of(const StudyResult& r) {
    return json::parse(eqroi::render_report(r, eqroi::ReportFormat::json));
}

const json& alternative(const json& report, const std::string& id) {
    for (const auto& a : report.at("alternatives"))
        if (a.at("id") == id) return a;
    throw std::runtime_error("no alternative " + id);
}

void expect_series(const json& j, const V& expected, const char* what) {
    const auto got = j.get<V>();
    ASSERT_EQ(got.size(), expected.size()) << what;
    for (std::size_t k = 0; k < got.size(); ++k) EXPECT_NEAR(got[k], expected[k], 1e-6) << what << k;
}

TEST(ReportJson, KeysScriptsAlreadyReadAreKept) {
    const json j = json_of(small_study());
    EXPECT_EQ(j.at("study").at("baseline"), "keep");
    EXPECT_EQ(j.at("study").at("horizon_years"), 3);
    EXPECT_EQ(j.at("study").at("timing"), "end_of_period");
    const json& buy = alternative(j, "buy");
    EXPECT_EQ(buy.at("rank"), 1);
    EXPECT_FALSE(buy.at("is_baseline").get<bool>());
    EXPECT_NEAR(buy.at("measures").at("npv").get<double>(), -21.036814, 1e-6);
    EXPECT_NEAR(buy.at("measures").at("payback_years").get<double>(), 2.6, 1e-12);
    EXPECT_TRUE(buy.at("measures").at("discounted_payback_years").is_null());
    EXPECT_EQ(buy.at("measures").at("irr_sign_changes"), 1);
    EXPECT_FALSE(buy.at("measures").at("irr_ambiguous").get<bool>());
    EXPECT_NEAR(buy.at("vs_baseline").at("npv").get<double>(), 476.333584, 1e-6);
    expect_series(buy.at("net"), {-1000, 300, 400, 500}, "net");
    expect_series(buy.at("cumulative"), {-1000, -700, -300, 200}, "cumulative");
    expect_series(buy.at("incremental"), {-1000, 500, 600, 700}, "incremental");
    expect_series(buy.at("lines").at(2).at("amounts"), {0, -50, -50, -50}, "maintenance");
    EXPECT_EQ(buy.at("lines").at(1).at("category"), "benefit");
    EXPECT_TRUE(buy.at("tax").contains("depreciation"));
    EXPECT_TRUE(buy.at("tax").contains("taxable_income"));
    EXPECT_TRUE(buy.at("tax").contains("gain_on_disposal"));
}

TEST(ReportJson, PerPeriodDetail) {
    const json buy = alternative(json_of(small_study()), "buy");
    // 1/1.1^k; F_k x factor: 300/1.1 = 272.727273, 400/1.21 = 330.578512, 500/1.331 = 375.657400.
    expect_series(buy.at("discount_factors"), {1, 0.909090909, 0.826446281, 0.751314801}, "factors");
    expect_series(buy.at("discounted"), {-1000, 272.727273, 330.578512, 375.657400}, "discounted");
    expect_series(buy.at("cumulative_discounted"), {-1000, -727.272727, -396.694215, -21.036814},
                  "cumulative discounted");
    expect_series(buy.at("pre_tax_net"), {-1000, 300, 400, 500}, "pre-tax");
    EXPECT_TRUE(buy.at("lines").at(0).at("is_capital").get<bool>());
}

TEST(ReportJson, EveryMeasureAndTheSavings) {
    const json j = json_of(small_study());
    const json& m = alternative(j, "buy").at("measures");
    EXPECT_NEAR(m.at("mirr").get<double>(), 0.0922317711, 1e-9);         // 1.303^(1/3) - 1
    EXPECT_NEAR(m.at("profitability_index").get<double>(), 0.9789631856, 1e-9);
    EXPECT_NEAR(m.at("annual_value").get<double>(), -8.459214502, 1e-8); // NPV x 0.40211480
    EXPECT_NEAR(m.at("lcc").get<double>(), 1124.342600, 1e-6);
    EXPECT_NEAR(m.at("euac").get<double>(), 452.114804, 1e-6);
    EXPECT_NEAR(m.at("roi").get<double>(), 0.0666666667, 1e-9);
    ASSERT_EQ(m.at("irr_roots").size(), 1u);
    EXPECT_NEAR(m.at("irr_roots").at(0).get<double>(), 0.0889633947, 1e-9);
    const json& s = alternative(j, "buy").at("savings");
    EXPECT_NEAR(s.at("net_savings").get<double>(), 476.333584, 1e-6);
    EXPECT_NEAR(s.at("pv_added_investment").get<double>(), 1000, 1e-9);
    EXPECT_NEAR(s.at("pv_operating_savings").get<double>(), 1476.333584, 1e-6);
    EXPECT_NEAR(s.at("sir").get<double>(), 1.476333584, 1e-9);
    EXPECT_NEAR(s.at("airr").get<double>(), 0.2525282164, 1e-9);
    EXPECT_TRUE(alternative(j, "buy").contains("savings_pre_tax"));
    EXPECT_TRUE(alternative(j, "buy").contains("vs_baseline_pre_tax"));
    EXPECT_TRUE(alternative(j, "buy").contains("pre_tax"));
    // The baseline saves nothing against itself; its MIRR, PI and ROI do not exist.
    const json& keep = alternative(j, "keep");
    EXPECT_TRUE(keep.at("savings").is_null());
    EXPECT_TRUE(keep.at("savings_pre_tax").is_null());
    EXPECT_TRUE(keep.at("measures").at("mirr").is_null());
    EXPECT_TRUE(keep.at("measures").at("profitability_index").is_null());
    EXPECT_TRUE(keep.at("measures").at("roi").is_null());
    EXPECT_EQ(keep.at("measures").at("irr_roots").size(), 0u);
}

TEST(ReportJson, RatesAndStudyConventions) {
    const json j = json_of(small_study());
    EXPECT_NEAR(j.at("rates").at("real").get<double>(), 0.0784313725, 1e-9);  // 1.1/1.02 - 1
    EXPECT_NEAR(j.at("rates").at("per_period").get<double>(), 0.10, 1e-12);
    EXPECT_NEAR(j.at("rates").at("finance_rate").get<double>(), 0.10, 1e-12);
    EXPECT_EQ(j.at("study").at("dollars"), "nominal");
    EXPECT_EQ(j.at("study").at("discount_rate_kind"), "nominal");
    EXPECT_EQ(j.at("study").at("financing"), "unlevered");
}

TEST(ReportJson, AmbiguousIrr) {
    const json swap = alternative(json_of(with_ambiguous_irr()), "swap");
    EXPECT_TRUE(swap.at("measures").at("irr").is_null());
    EXPECT_TRUE(swap.at("measures").at("irr_ambiguous").get<bool>());
    expect_series(swap.at("measures").at("irr_roots"), {0.05, 0.25}, "roots");
}

TEST(ReportJson, TaxUnitsAndLoan) {
    StudyResult r = taxed_study();
    eqroi::CapitalUnit unit;
    unit.cost = 1000;
    unit.retired = 2;
    unit.in_service_at_end = true;
    r.alternatives[0].units = {unit};
    r.alternatives[0].loan = {{1, 576.19, 100, 476.19, 523.81}};  // 1000 at 10 % over 2 years
    const json buy = alternative(json_of(r), "buy");
    expect_series(buy.at("tax").at("income_tax"), {0, 75, 75}, "income tax");
    expect_series(buy.at("tax").at("depreciation"), {0, 500, 500}, "depreciation");
    expect_series(buy.at("tax").at("taxable_income"), {0, 300, 300}, "taxable income");
    EXPECT_EQ(buy.at("tax").at("depreciation_method"), "straight_line");
    EXPECT_NEAR(buy.at("pre_tax").at("npv").get<double>(), 388.429752, 1e-6);
    expect_series(buy.at("pre_tax_net"), {-1000, 800, 800}, "pre-tax");
    ASSERT_EQ(buy.at("units").size(), 1u);
    EXPECT_EQ(buy.at("units").at(0).at("retired"), 2);
    EXPECT_TRUE(buy.at("units").at(0).at("in_service_at_end").get<bool>());
    ASSERT_EQ(buy.at("loan").size(), 1u);
    EXPECT_NEAR(buy.at("loan").at(0).at("payment").get<double>(), 576.19, 1e-9);
    EXPECT_NEAR(buy.at("loan").at(0).at("balance").get<double>(), 523.81, 1e-9);
}

}  // namespace
}  // namespace report_test
