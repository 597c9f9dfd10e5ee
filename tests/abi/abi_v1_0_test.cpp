// ABI proof 2: a plugin built against the ABI 1.0 header, with the shorter 1.0 structs, loads
// in this 1.1 host, its missing 1.1 fields read as NULL, and the host never reads a byte past
// a struct_size: every descriptor of v1_0_plugin.so ends at a page boundary before a guard page.
#include "abi_support.hpp"

#include <cstddef>
#include <cstring>
#include <string>
#include <vector>

namespace abi_test {
namespace {

// The 1.0 line struct ended after label; 1.1 appended help. If these fail, the plugin below no
// longer exercises a real 1.1 field.
constexpr std::size_t kLineSizeV1_0 = offsetof(eqroi_line_desc, label) + sizeof(const char*);
static_assert(kLineSizeV1_0 == 32);
static_assert(offsetof(eqroi_line_desc, help) == kLineSizeV1_0);
static_assert(sizeof(eqroi_line_desc) > kLineSizeV1_0);

const char* const kModelId = "abi_v1_0_service";

TEST(AbiV1_0, LoadsInThisHostAndReadsNothingPastItsStructs) {
    eqroi::PluginRegistry registry = abi_test::registry();
    // Any host read past a v1.0 struct (lines[2].help above all) would kill the test here.
    ASSERT_NO_THROW(registry.load_file(plugin("v1_0_plugin")));
    const eqroi::Model* model = registry.find(kModelId);
    ASSERT_NE(model, nullptr);

    const eqroi_plugin& p = model->plugin();
    EXPECT_EQ(p.abi_major, 1u);
    EXPECT_EQ(p.abi_minor, 0u);
    EXPECT_EQ(p.struct_size, sizeof(eqroi_plugin));  // unchanged from 1.0 to 1.1
    EXPECT_EQ(p.model_count, 1u);
    EXPECT_STREQ(p.vendor, "eqroi tests");
    EXPECT_STREQ(p.name, "ABI 1.0 plugin");
    EXPECT_STREQ(p.version, "1.0.0");
    // A 1.0 plugin knows no plugin-info/1: its get_extension answers NULL, so all is NULL.
    EXPECT_NE(p.get_extension, nullptr);
    EXPECT_EQ(model->plugin_info().struct_size, 0u);
    EXPECT_EQ(model->plugin_info().homepage, nullptr);
    EXPECT_EQ(model->plugin_info().support, nullptr);
    EXPECT_EQ(model->plugin_info().license, nullptr);

    const eqroi_model& d = model->descriptor();
    EXPECT_STREQ(d.name, "Spindle service (ABI 1.0)");
    ASSERT_EQ(d.param_count, 3u);
    ASSERT_EQ(d.line_count, 3u);
    const char* const param_keys[] = {"operating_hours_per_year", "service_rate", "spares_share"};
    const double defaults[] = {4000, 1.5, 0.25}, maxima[] = {8760, 100, 1};
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(model->param(i).struct_size, sizeof(eqroi_param_desc));
        EXPECT_STREQ(model->param(i).key, param_keys[i]);
        EXPECT_EQ(model->param(i).flags, 0u);
        EXPECT_EQ(model->param(i).default_value, defaults[i]);
        EXPECT_EQ(model->param(i).min_value, 0);
        EXPECT_EQ(model->param(i).max_value, maxima[i]);
    }
    EXPECT_STREQ(model->param(2).unit, "fraction");
    const char* const line_keys[] = {"service", "spares", "tool_deposit"};
    const char* const labels[] = {"Service contract", "Spare parts", "Tool holder deposit"};
    const uint32_t categories[] = {EQROI_CATEGORY_MAINTENANCE, EQROI_CATEGORY_SPARE_PARTS,
                                   EQROI_CATEGORY_OTHER};
    const uint32_t taxes[] = {EQROI_TAX_DEDUCTIBLE, EQROI_TAX_DEDUCTIBLE, EQROI_TAX_NOT_TAXED};
    for (std::size_t l = 0; l < 3; ++l) {
        SCOPED_TRACE(line_keys[l]);
        EXPECT_EQ(model->line(l).struct_size, kLineSizeV1_0);  // as the plugin declared it
        EXPECT_STREQ(model->line(l).key, line_keys[l]);
        EXPECT_STREQ(model->line(l).label, labels[l]);
        EXPECT_EQ(model->line(l).category, categories[l]);
        EXPECT_EQ(model->line(l).tax_treatment, taxes[l]);
        EXPECT_EQ(model->line(l).help, nullptr);  // the 1.1 field the plugin does not have
    }

    // The plugin instance the host loaded really handed out guarded copies, and the host read
    // those: each ends exactly at a page boundary. The model keeps its raw lines pointer in
    // plugin_data, which the host copies without reading.
    const eqroi_model* raw_model = p.models[0];
    EXPECT_TRUE(ends_at_page_boundary(p.models, sizeof(eqroi_model*)));
    EXPECT_TRUE(ends_at_page_boundary(raw_model, raw_model->struct_size));
    EXPECT_TRUE(ends_at_page_boundary(raw_model->params, 3 * sizeof(eqroi_param_desc)));
    EXPECT_TRUE(ends_at_page_boundary(d.plugin_data, 3 * kLineSizeV1_0));
    EXPECT_EQ(d.plugin_data, static_cast<const void*>(raw_model->lines));
    EXPECT_NE(static_cast<const void*>(d.lines), d.plugin_data);  // the host reads its copy
}

TEST(AbiV1_0, TheEntryFunctionPlacesThePluginStructBeforeAGuardPage) {
    // The host keeps only a copy of the plugin struct, so check where the same code puts it in
    // an instance the test opens itself.
    OpenedLibrary lib(plugin("v1_0_plugin"));
    ASSERT_TRUE(lib.is_open()) << dlerror();
    auto entry = lib.symbol<const eqroi_plugin*(uint32_t, uint32_t)>(EQROI_ENTRY_SYMBOL);
    ASSERT_NE(entry, nullptr);
    const eqroi_plugin* raw = entry(EQROI_ABI_MAJOR, EQROI_ABI_MINOR);
    ASSERT_NE(raw, nullptr) << "the plugin could not map its guard pages";
    EXPECT_EQ(raw->abi_minor, 0u);
    EXPECT_TRUE(ends_at_page_boundary(raw, raw->struct_size));
    EXPECT_TRUE(ends_at_page_boundary(raw->models, sizeof(eqroi_model*)));
    EXPECT_EQ(entry(EQROI_ABI_MAJOR, EQROI_ABI_MINOR), raw);  // placed once, then the same
}

TEST(AbiV1_0, EvaluatesWithHandCalculatedAmounts) {
    eqroi::PluginRegistry registry = abi_test::registry();
    ASSERT_NO_THROW(registry.load_file(plugin("v1_0_plugin")));
    const eqroi::Model* model = registry.find(kModelId);
    ASSERT_NE(model, nullptr);

    // Yearly, 2 periods, two trials: hours {2000, 3000}, rate {1.5, 2}, share {0.25, 0.5}.
    // service = -(hours / 1 * rate): -3000, -6000; spares = service * share: -750, -3000;
    // tool deposit -250 at purchase, +250 at period 2.
    const auto yearly = evaluate(*model, timing(2, 1), 2, {{2000, 3000}, {1.5, 2}, {0.25, 0.5}});
    EXPECT_EQ(yearly, (std::vector<double>{0, -3000, -3000, 0, -750, -750, -250, 0, 250,
                                           0, -6000, -6000, 0, -3000, -3000, -250, 0, 250}));

    // Monthly, 3 periods: hours 1200, rate 2, share 0.5: service = -(1200 / 12 * 2) = -200 a
    // month, spares = -100; deposit -250 at purchase, +250 at month 3.
    const auto monthly = evaluate(*model, timing(3, 12), 1, {{1200}, {2}, {0.5}});
    EXPECT_EQ(monthly,
              (std::vector<double>{0, -200, -200, -200, 0, -100, -100, -100, -250, 0, 0, 250}));
}

// The positive control: the guard page is really there. Reading the last byte of the plugin's
// lines[] array is fine; one byte further is a SIGSEGV. So is what a host that ignored
// struct_size would do: read lines[2] with its own, 1.1, stride and size.
TEST(AbiV1_0DeathTest, GuardPageFaultsOneBytePastTheLinesArray) {
    eqroi::PluginRegistry registry = abi_test::registry();
    ASSERT_NO_THROW(registry.load_file(plugin("v1_0_plugin")));
    const eqroi::Model* model = registry.find(kModelId);
    ASSERT_NE(model, nullptr);
    const auto* lines = static_cast<const volatile unsigned char*>(model->descriptor().plugin_data);
    ASSERT_NE(lines, nullptr);
    const std::size_t size = 3 * kLineSizeV1_0;

    const unsigned char first = lines[0];  // low byte of lines[0].struct_size (little-endian)
    EXPECT_EQ(first, kLineSizeV1_0);
    const unsigned char last = lines[size - 1];  // high byte of lines[2].label: still readable
    (void)last;
    EXPECT_SEGFAULT({ (void)lines[size]; });
    EXPECT_SEGFAULT(
        {
            eqroi_line_desc wrong;  // lines[2] at the host's stride: bytes 80..119 of 96
            std::memcpy(&wrong, const_cast<const unsigned char*>(lines) +
                                    2 * sizeof(eqroi_line_desc), sizeof wrong);
            const char* volatile help = wrong.help;  // the load a real host would do
            (void)help;
        });
}

}  // namespace
}  // namespace abi_test
