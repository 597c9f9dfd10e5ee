// Descriptor faults beyond the headline ones: each fault_<n>.so is descriptor_fault.c built
// with -DFAULT=n, and each must be refused with its own reason and leave nothing loaded.
#include "loader_support.hpp"

namespace loader_test {
namespace {

fs::path descriptor_fault(int n) {
    return fs::path(EQROI_DESCRIPTOR_FAULT_DIR) / ("fault_" + std::to_string(n) + ".so");
}

struct Case {
    int fault;
    std::string model, reason;
};

const std::vector<Case> kCases = {
    {1, "test_descriptor_fault",
     "parameter #1 declares struct_size 80, but #0 declares 72: every element of the array "
     "must have the same size"},
    {2, "test_descriptor_fault",
     "parameter struct_size 3735928559 is not a valid size (ABI 1.0 needs at least 72, a "
     "multiple of 8)"},
    {3, "test_descriptor_fault",
     "parameter 'method': is a choice of 2 names, so its range must be within [0, 1], not "
     "[0, 2]"},
    {4, "test_descriptor_fault", "parameter 'method': choices \"a||b\" contain an empty name"},
    {5, "test_descriptor_fault",
     "parameter 'hours': is an integer but its default 2.5 is not a whole number"},
    {6, "test_descriptor_fault",
     "parameter 'flag': is a boolean but its range [0, 2] is not within [0, 1]"},
    {7, "test_descriptor_fault", "line 'cost': unknown category 10"},
    {8, "test_descriptor_fault", "parameter 'hours': default 20000 is outside [0, 10000]"},
    {9, "", "the entry function refused to load (returned NULL)"},
    {10, "test_descriptor_fault", "evaluate is a null pointer"},
};

TEST(LoaderDescriptor, EachFaultRefusedWithItsReason) {
    // sizeof(eqroi_param_desc) = 2 * 4 (struct_size, flags) + 5 * 8 (strings) + 3 * 8 = 72.
    static_assert(sizeof(eqroi_param_desc) == 72);
    eqroi::PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    for (const Case& c : kCases) {
        const fs::path file = descriptor_fault(c.fault);
        try {
            registry.load_file(file);
            ADD_FAILURE() << file << " loaded";
        } catch (const eqroi::PluginError& e) {
            EXPECT_EQ(e.file(), file.string());
            EXPECT_EQ(e.model(), c.model) << file;
            EXPECT_EQ(e.reason(), c.reason) << file;
        }
        EXPECT_FALSE(is_loaded(file)) << file;
        EXPECT_TRUE(registry.models().empty());
    }
    expect_good_plugin_works(registry);
}

TEST(LoaderDescriptor, DirectoryOfDescriptorFaultsListedTwiceGivesOneErrorPerFile) {
    eqroi::PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path dir = EQROI_DESCRIPTOR_FAULT_DIR;
    registry.load_directories({dir, dir / "."});  // the same directory is read once
    ASSERT_EQ(registry.errors().size(), kCases.size());
    // Sorted by file name: fault_1, fault_10, fault_2, ...
    EXPECT_EQ(registry.errors()[0].file(), descriptor_fault(1).string());
    EXPECT_EQ(registry.errors()[1].file(), descriptor_fault(10).string());
    EXPECT_EQ(registry.errors()[1].reason(), "evaluate is a null pointer");
    EXPECT_TRUE(registry.models().empty());
    expect_good_plugin_works(registry);
}

}  // namespace
}  // namespace loader_test
