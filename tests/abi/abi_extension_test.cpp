// ABI proof 4: extension ids this host does not know are ignored (never even asked for), a
// known extension whose struct grew in a later revision is read up to the fields this host
// knows, and the 1.1 line help reaches Model::line().
#include "abi_support.hpp"

#include <eqroi/ext/plugin_info.h>

#include <string>
#include <vector>

namespace abi_test {
namespace {

TEST(AbiExtensions, UnknownIdsAreNeverAskedAndALongerPluginInfoIsRead) {
    TestLog log;  // get_extension logs every id it is asked for
    eqroi::PluginRegistry registry = abi_test::registry();
    ASSERT_NO_THROW(registry.load_file(plugin("future_extensions")));
    const eqroi::Model* model = registry.find("abi_future_extensions");
    ASSERT_NE(model, nullptr);

    // The host asked for what it knows, plugin-info/1, once, and for nothing else: not for
    // "eqroi.plugin-info/2" or "acme.future-thing/3", which the plugin would have answered
    // with a pointer into an unreadable page.
    EXPECT_EQ(log.lines(), std::vector<std::string>{"get_extension eqroi.plugin-info/1"});
    EXPECT_STREQ(EQROI_EXT_PLUGIN_INFO, "eqroi.plugin-info/1");

    // The plugin's plugin-info/1 is 8 bytes longer than ours (a field appended later): the host
    // kept the struct_size it declared and copied only the fields it knows.
    const eqroi_plugin_info& info = model->plugin_info();
    EXPECT_EQ(info.struct_size, sizeof(eqroi_plugin_info) + sizeof(const char*));
    EXPECT_STREQ(info.homepage, "https://tools.example/eqroi");
    EXPECT_STREQ(info.support, "support@tools.example");
    EXPECT_STREQ(info.license, "LicenseRef-Example-Tools");
    EXPECT_STREQ(model->plugin().vendor, "Example Tools");
    EXPECT_EQ(model->plugin().abi_minor, uint32_t{EQROI_ABI_MINOR});

    // Line help (ABI 1.1): the plugin's text, and NULL where it gives none.
    ASSERT_EQ(model->descriptor().line_count, 2u);
    EXPECT_EQ(model->line(0).struct_size, sizeof(eqroi_line_desc));
    EXPECT_STREQ(model->line(0).key, "training");
    EXPECT_STREQ(model->line(0).help, "Course fees for every operator, paid in the first period.");
    EXPECT_STREQ(model->line(1).key, "certification");
    EXPECT_EQ(model->line(1).help, nullptr);

    // And it runs. Yearly, 2 periods, 3 operators, fee 1200: training = -(3 * 1200) = -3600 in
    // period 1; certification = -(3 * 40 / 1) = -120 in periods 1 and 2.
    const auto out = evaluate(*model, timing(2, 1), 1, {{3}, {1200}});
    EXPECT_EQ(out, (std::vector<double>{0, -3600, 0, 0, -120, -120}));
}

}  // namespace
}  // namespace abi_test
