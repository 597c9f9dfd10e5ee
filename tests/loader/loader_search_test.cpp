// Where plugins are looked for, which one wins a model id, loading whole directories, and that
// a refused library is really unloaded.
#include "loader_support.hpp"

#include <cstdlib>

namespace loader_test {
namespace {

using eqroi::PluginError;
using eqroi::PluginRegistry;

/// Sets or unsets EQROI_PLUGIN_PATH for one test and restores it afterwards.
class PluginPathEnv {
public:
    explicit PluginPathEnv(const char* value) {
        if (const char* old = std::getenv("EQROI_PLUGIN_PATH")) old_ = old, had_ = true;
        if (value)
            setenv("EQROI_PLUGIN_PATH", value, 1);
        else
            unsetenv("EQROI_PLUGIN_PATH");
    }
    ~PluginPathEnv() {
        if (had_)
            setenv("EQROI_PLUGIN_PATH", old_.c_str(), 1);
        else
            unsetenv("EQROI_PLUGIN_PATH");
    }

private:
    std::string old_;
    bool had_ = false;
};

/// Two directories each holding one library that declares test_good: good.so in `first`
/// (service -2500 per year at the defaults' inputs below) and good_twin.so in `second` (-1).
struct CompetingDirs {
    TempDir first{"first"}, second{"second"};
    CompetingDirs() {
        fs::copy_file(plugin("good"), first.path() / "good.so");
        fs::copy_file(plugin("good_twin"), second.path() / "good_twin.so");
    }
};

/// The first output of test_good's first line for period 1: -2500 from good.so (hours 1000,
/// rate 2.5, yearly), -1 from good_twin.so. Inputs are the model's own defaults.
double first_service_amount(const eqroi::Model& model) {
    std::vector<std::vector<double>> values;
    for (uint32_t p = 0; p < model.descriptor().param_count; ++p)
        values.push_back({model.param(p).default_value});
    return evaluate(model, timing(1, 1), values).at(1);
}

std::vector<PluginError> errors_under(const PluginRegistry& registry, const fs::path& dir) {
    std::vector<PluginError> out;
    for (const auto& e : registry.errors())
        if (fs::path(e.file()).parent_path() == dir) out.push_back(e);
    return out;
}

TEST(LoaderSearch, PluginDirsThenEnvironmentThenBundled) {
    PluginPathEnv env("/env/a::/env/b:");  // empty entries are skipped
    const auto dirs = PluginRegistry::search_path({"/cli/x", "/cli/y"});
    ASSERT_EQ(dirs.size(), 5u);
    EXPECT_EQ(dirs[0], "/cli/x");
    EXPECT_EQ(dirs[1], "/cli/y");
    EXPECT_EQ(dirs[2], "/env/a");
    EXPECT_EQ(dirs[3], "/env/b");
    // Last, the bundled directory next to this executable (build tree mirrors install tree).
    const fs::path exe_dir = fs::read_symlink("/proc/self/exe").parent_path();
    const fs::path installed = exe_dir / ".." / "lib" / "eqroi" / "plugins";
    EXPECT_EQ(dirs[4], fs::is_directory(installed) ? fs::weakly_canonical(installed)
                                                   : exe_dir / "plugins");
}

TEST(LoaderSearch, WithoutEnvironmentOnlyPluginDirsAndBundled) {
    PluginPathEnv env(nullptr);
    const auto dirs = PluginRegistry::search_path({"/cli/x"});
    ASSERT_EQ(dirs.size(), 2u);
    EXPECT_EQ(dirs[0], "/cli/x");
    EXPECT_EQ(dirs[1].filename(), "plugins");
}

TEST(LoaderSearch, FirstDirectoryWinsAndTheDuplicateIsRecorded) {
    CompetingDirs d;
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    registry.load_directories({d.first.path(), d.second.path()});
    const eqroi::Model* model = registry.find("test_good");
    ASSERT_NE(model, nullptr);
    EXPECT_EQ(model->file(), d.first.path() / "good.so");
    EXPECT_EQ(first_service_amount(*model), -2500);  // -1000 h * 2.5 /h
    ASSERT_EQ(registry.errors().size(), 1u);
    EXPECT_STREQ(registry.errors()[0].what(),
                 ((d.second.path() / "good_twin.so").string() +
                  ": model 'test_good': model id is already provided by " +
                  (d.first.path() / "good.so").string())
                     .c_str());
    EXPECT_FALSE(is_loaded(d.second.path() / "good_twin.so"));
}

TEST(LoaderSearch, OrderReversedTheOtherWins) {
    CompetingDirs d;
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    registry.load_directories({d.second.path(), d.first.path()});
    const eqroi::Model* model = registry.find("test_good");
    ASSERT_NE(model, nullptr);
    EXPECT_EQ(model->file(), d.second.path() / "good_twin.so");
    EXPECT_EQ(first_service_amount(*model), -1);  // the twin's flat -1
    ASSERT_EQ(registry.errors().size(), 1u);
    EXPECT_EQ(registry.errors()[0].file(), (d.first.path() / "good.so").string());
    EXPECT_EQ(registry.errors()[0].reason(),
              "model id is already provided by " + (d.second.path() / "good_twin.so").string());
}

TEST(LoaderSearch, PluginDirBeatsEnvironment) {
    CompetingDirs d;
    PluginPathEnv env(d.second.path().c_str());
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    registry.load_directories(PluginRegistry::search_path({d.first.path()}));
    ASSERT_NE(registry.find("test_good"), nullptr);
    EXPECT_EQ(registry.find("test_good")->file(), d.first.path() / "good.so");
    ASSERT_EQ(errors_under(registry, d.second.path()).size(), 1u);
    EXPECT_TRUE(errors_under(registry, d.first.path()).empty());
}

TEST(LoaderSearch, EnvironmentEntriesInTheirOrder) {
    CompetingDirs d;
    const std::string path = d.second.path().string() + ":" + d.first.path().string();
    PluginPathEnv env(path.c_str());
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    registry.load_directories(PluginRegistry::search_path({}));
    ASSERT_NE(registry.find("test_good"), nullptr);
    EXPECT_EQ(registry.find("test_good")->file(), d.second.path() / "good_twin.so");
    EXPECT_EQ(first_service_amount(*registry.find("test_good")), -1);
    ASSERT_EQ(errors_under(registry, d.first.path()).size(), 1u);
}

TEST(LoaderSearch, SameDirectoryTwiceOrASymlinkIsNotADuplicate) {
    CompetingDirs d;
    TempDir links("links");
    fs::create_symlink(d.first.path() / "good.so", links.path() / "good_link.so");
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    registry.load_directories({d.first.path(), d.first.path() / ".", links.path()});
    EXPECT_TRUE(registry.errors().empty()) << registry.errors()[0].what();
    EXPECT_EQ(registry.ids(), std::vector<std::string>{"test_good"});
    expect_good_plugin_works(registry, d.first.path() / "good.so");
}

TEST(LoaderSearch, AbsentDirectoryIsSkippedAFileIsReported) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    registry.load_directories({fault_dir() / "no_such_dir", plugin("good")});
    ASSERT_EQ(registry.errors().size(), 1u);
    EXPECT_STREQ(registry.errors()[0].what(),
                 (plugin("good").string() + ": is on the plugin search path but is not a "
                                            "directory")
                     .c_str());
    EXPECT_TRUE(registry.models().empty());
}

TEST(LoaderDirectory, AllFaultPluginsLoadTheGoodOnesAndOneErrorPerBadFile) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    registry.load_directories({fault_dir()});
    // Loaded in file-name order; the evaluate faults load fine and fail only when called.
    EXPECT_EQ(registry.ids(),
              (std::vector<std::string>{"test_eval_error", "test_eval_inf", "test_eval_nan",
                                        "test_eval_throw", "test_good", "test_wide"}));
    const std::vector<std::pair<std::string, std::string>> expected = {
        {"abi_major_2", "built for plugin ABI 2.0; this host supports ABI 1.x (up to 1.1)"},
        {"duplicate_id", "model id is declared twice in this plugin"},
        {"good_twin", "model id is already provided by " + plugin("good").string()},
        {"min_gt_max", "parameter 'hours': min 10 is greater than max 5"},
        {"no_entry", "no entry symbol 'eqroi_plugin_entry': not an eqroi plugin (or built "
                     "without EQROI_EXPORT)"},
        {"not_a_library", "not a shared library (no ELF header)"}};
    ASSERT_EQ(registry.errors().size(), expected.size());
    for (std::size_t i = 0; i < expected.size(); ++i) {
        EXPECT_EQ(registry.errors()[i].file(), plugin(expected[i].first).string());
        EXPECT_EQ(registry.errors()[i].reason(), expected[i].second);
    }
    for (const char* refused : {"abi_major_2", "duplicate_id", "good_twin", "min_gt_max",
                                "no_entry"})
        EXPECT_FALSE(is_loaded(plugin(refused))) << refused;
    expect_good_plugin_works(registry);
}

TEST(LoaderLifetime, ARefusedLibraryIsUnloadedAndAModelKeepsItsLibrary) {
    eqroi::Model kept;
    {
        PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
        EXPECT_THROW(registry.load_file(plugin("min_gt_max")), PluginError);
        EXPECT_FALSE(is_loaded(plugin("min_gt_max")));
        EXPECT_EQ(registry.find("test_min_gt_max"), nullptr);
        ASSERT_NO_THROW(registry.load_file(plugin("good")));
        EXPECT_TRUE(is_loaded(plugin("good")));
        kept = *registry.find("test_good");
    }
    // The registry is gone; the copied handle still holds the library and evaluates:
    // service = -500 h * 2 /h = -1000 per year, saving = 500 * 0.1 = 50.
    EXPECT_TRUE(is_loaded(plugin("good")));
    EXPECT_EQ(evaluate(kept, timing(1, 1), {{500}, {2}}), (std::vector<double>{0, -1000, 0, 50}));
    kept = eqroi::Model();
    // Last handle gone: the library is unmapped, so plugin.hpp's static storage did not pin it
    // (no STB_GNU_UNIQUE symbol) and its destructors ran.
    EXPECT_FALSE(is_loaded(plugin("good")));
}

}  // namespace
}  // namespace loader_test
