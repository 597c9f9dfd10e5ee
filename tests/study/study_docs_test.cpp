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
}
#endif

}  // namespace
}  // namespace eqroi::test
