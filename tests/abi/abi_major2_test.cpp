// ABI proof 3: a plugin that declares ABI major 2 is refused with a message saying which
// versions this host supports, decided from the two fields every major keeps (abi_major,
// abi_minor): abi2_plugin.so makes only those 8 bytes readable. The registry keeps working.
#include "abi_support.hpp"

#include <eqroi/core/diagnostics.hpp>

#include <string>
#include <vector>

namespace abi_test {
namespace {

TEST(AbiMajor2, RefusedFromItsFirstEightBytesAndTheRegistryKeepsWorking) {
    const fs::path file = plugin("abi2_plugin");
    TestLog log;  // the entry function logs the version the host announces
    eqroi::PluginRegistry registry = abi_test::registry();
    std::string reason;
    try {
        // Reading anything past abi_minor (struct_size first of all) would be a SIGSEGV here.
        registry.load_file(file);
        ADD_FAILURE() << "a plugin of ABI 2.0 was loaded";
    } catch (const eqroi::PluginError& e) {
        EXPECT_EQ(e.file(), file.string());
        EXPECT_EQ(e.model(), "");
        reason = e.reason();
    }
    const std::string major = std::to_string(EQROI_ABI_MAJOR);
    const std::string supported = "this host supports ABI " + major + ".x (up to " + major +
                                  "." + std::to_string(EQROI_ABI_MINOR) + ")";
    EXPECT_EQ(reason, "built for plugin ABI 2.0; " + supported);  // 1.x (up to 1.1) today
    EXPECT_TRUE(registry.models().empty());
    EXPECT_TRUE(registry.ids().empty());

    // The entry function was called once, with this host's ABI version (1, 1 today).
    const std::string announced =
        "entry " + major + " " + std::to_string(EQROI_ABI_MINOR);
    EXPECT_EQ(log.lines(), std::vector<std::string>{announced});

    // The same registry still loads and runs a good plugin: the ABI 1.0 service model, monthly,
    // 1 period, hours 1200, rate 2, share 0.5: service -(1200 / 12 * 2) = -200,
    // spares -200 * 0.5 = -100, tool deposit -250 at purchase and +250 at month 1.
    ASSERT_NO_THROW(registry.load_file(plugin("v1_0_plugin")));
    EXPECT_EQ(registry.ids(), std::vector<std::string>{"abi_v1_0_service"});
    const auto out = evaluate(*registry.find("abi_v1_0_service"), timing(1, 12), 1,
                              {{1200}, {2}, {0.5}});
    EXPECT_EQ(out, (std::vector<double>{0, -200, 0, -100, -250, 250}));
}

// The positive control: what the entry function returns is 8 bytes at the end of a page, and
// the byte right after abi_minor is unreadable, so the test above would have died had the host
// read struct_size or anything else of a 1.x layout.
TEST(AbiMajor2DeathTest, ReadingPastTheTwoCommonFieldsFaults) {
    OpenedLibrary lib(plugin("abi2_plugin"));
    ASSERT_TRUE(lib.is_open()) << dlerror();
    auto entry = lib.symbol<const void*(uint32_t, uint32_t)>(EQROI_ENTRY_SYMBOL);
    ASSERT_NE(entry, nullptr);
    const auto* head = static_cast<const volatile uint32_t*>(entry(1, 1));
    ASSERT_NE(head, nullptr) << "the plugin could not map its guard page";
    EXPECT_TRUE(ends_at_page_boundary(const_cast<const uint32_t*>(head), 2 * sizeof(uint32_t)));
    const uint32_t abi_major = head[0], abi_minor = head[1];
    EXPECT_EQ(abi_major, 2u);
    EXPECT_EQ(abi_minor, 0u);
    EXPECT_SEGFAULT({ (void)head[2]; });  // where a 1.x plugin has struct_size
}

}  // namespace
}  // namespace abi_test
