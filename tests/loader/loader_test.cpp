// One test per plugin fault: each must give a PluginError or EvaluationError naming the file,
// the model (where there is one) and the reason, and leave the host able to load and evaluate
// the good plugin afterwards, with the right numbers.
#include "loader_support.hpp"

#include <cmath>

namespace loader_test {
namespace {

using eqroi::EvaluationError;
using eqroi::PluginError;
using eqroi::PluginRegistry;

PluginError load_error(PluginRegistry& registry, const fs::path& file) {
    try {
        registry.load_file(file);
    } catch (const PluginError& e) {
        return e;
    }
    ADD_FAILURE() << file << " loaded, but it should have been refused";
    return PluginError("", "", "");
}

std::string evaluation_error(const eqroi::Model& model, const eqroi_timing& t,
                             const std::vector<std::vector<double>>& values) {
    try {
        evaluate(model, t, values);
    } catch (const EvaluationError& e) {
        return e.what();
    }
    ADD_FAILURE() << model.id() << " evaluated, but it should have failed";
    return "";
}

TEST(LoaderFault, MissingFile) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("does_not_exist");
    const PluginError e = load_error(registry, file);
    EXPECT_EQ(e.file(), file.string());
    EXPECT_EQ(e.model(), "");
    EXPECT_STREQ(e.what(), (file.string() + ": no such file").c_str());
    EXPECT_TRUE(registry.models().empty());
    expect_good_plugin_works(registry);
}

TEST(LoaderFault, TextFileNamedSo) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("not_a_library");
    ASSERT_TRUE(fs::is_regular_file(file));
    const PluginError e = load_error(registry, file);
    EXPECT_EQ(e.file(), file.string());
    EXPECT_STREQ(e.what(), (file.string() + ": not a shared library (no ELF header)").c_str());
    expect_good_plugin_works(registry);
}

TEST(LoaderFault, NoEntrySymbol) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("no_entry");
    const PluginError e = load_error(registry, file);
    EXPECT_EQ(e.file(), file.string());
    EXPECT_EQ(e.reason(), "no entry symbol 'eqroi_plugin_entry': not an eqroi plugin (or built "
                          "without EQROI_EXPORT)");
    EXPECT_FALSE(is_loaded(file));
    expect_good_plugin_works(registry);
}

TEST(LoaderFault, AbiMajor2) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("abi_major_2");
    const PluginError e = load_error(registry, file);
    EXPECT_STREQ(e.what(), (file.string() + ": built for plugin ABI 2.0; this host supports "
                                            "ABI 1.x (up to 1.1)")
                               .c_str());
    EXPECT_EQ(registry.find("test_abi_major_2"), nullptr);
    EXPECT_FALSE(is_loaded(file));
    expect_good_plugin_works(registry);
}

TEST(LoaderFault, DuplicateIdWithinOnePlugin) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("duplicate_id");
    const PluginError e = load_error(registry, file);
    EXPECT_EQ(e.model(), "test_duplicate");
    EXPECT_STREQ(e.what(), (file.string() + ": model 'test_duplicate': model id is declared "
                                            "twice in this plugin")
                               .c_str());
    // The first of the two was valid, but nothing of a refused library is kept.
    EXPECT_EQ(registry.find("test_duplicate"), nullptr);
    EXPECT_TRUE(registry.models().empty());
    EXPECT_FALSE(is_loaded(file));
    expect_good_plugin_works(registry);
}

TEST(LoaderFault, DuplicateIdAcrossPlugins) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    ASSERT_NO_THROW(registry.load_file(plugin("good")));
    const fs::path twin = plugin("good_twin");
    const PluginError e = load_error(registry, twin);
    EXPECT_EQ(e.file(), twin.string());
    EXPECT_EQ(e.model(), "test_good");
    EXPECT_STREQ(e.what(), (twin.string() + ": model 'test_good': model id is already provided "
                                            "by " + plugin("good").string())
                               .c_str());
    EXPECT_EQ(registry.models().size(), 1u);
    EXPECT_FALSE(is_loaded(twin));
    expect_good_plugin_works(registry);  // still good.so's numbers, not the twin's -1
}

TEST(LoaderFault, ParameterMinGreaterThanMax) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("min_gt_max");
    const PluginError e = load_error(registry, file);
    EXPECT_EQ(e.model(), "test_min_gt_max");
    EXPECT_EQ(e.reason(), "parameter 'hours': min 10 is greater than max 5");
    EXPECT_STREQ(e.what(), (file.string() + ": model 'test_min_gt_max': parameter 'hours': min "
                                            "10 is greater than max 5")
                               .c_str());
    EXPECT_EQ(registry.find("test_min_gt_max"), nullptr);
    EXPECT_FALSE(is_loaded(file));
    expect_good_plugin_works(registry);
}

TEST(LoaderFault, EvaluateReturnsErrorStatus) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("eval_error");
    ASSERT_NO_THROW(registry.load_file(file));
    const eqroi::Model* model = registry.find("test_eval_error");
    ASSERT_NE(model, nullptr);
    // The plugin formats params[0][0] = 250 into its message.
    EXPECT_EQ(evaluation_error(*model, timing(3, 1), {{250}}),
              file.string() + ": model 'test_eval_error': evaluate returned status 2 "
                              "(evaluation failed): 250 hours exceed the service interval");
    expect_good_plugin_works(registry);
    // Loading good.so grew models(): pointers from find() are stale, look the model up again.
    model = registry.find("test_eval_error");
    ASSERT_NE(model, nullptr);
    // A failed batch is not a broken model: the same call fails the same way again.
    EXPECT_EQ(evaluation_error(*model, timing(1, 1), {{7}}),
              file.string() + ": model 'test_eval_error': evaluate returned status 2 "
                              "(evaluation failed): 7 hours exceed the service interval");
}

TEST(LoaderFault, EvaluateWritesNaN) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("eval_nan");
    ASSERT_NO_THROW(registry.load_file(file));
    const eqroi::Model* model = registry.find("test_eval_nan");
    ASSERT_NE(model, nullptr);
    EXPECT_EQ(evaluation_error(*model, timing(3, 1), {{100}}),
              file.string() + ": model 'test_eval_nan': evaluate wrote a non-finite amount (nan) "
                              "to line 'cost', period 2, trial 0");
    expect_good_plugin_works(registry);
}

TEST(LoaderFault, EvaluateWritesInfinityInLastTrial) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("eval_inf");
    ASSERT_NO_THROW(registry.load_file(file));
    const eqroi::Model* model = registry.find("test_eval_inf");
    ASSERT_NE(model, nullptr);
    // Three trials; the plugin poisons period 3 of the last one (trial 2) only.
    EXPECT_EQ(evaluation_error(*model, timing(4, 1), {{100, 200, 300}}),
              file.string() + ": model 'test_eval_inf': evaluate wrote a non-finite amount (inf) "
                              "to line 'cost', period 3, trial 2");
    expect_good_plugin_works(registry);
}

TEST(LoaderFault, CxxExceptionInsidePluginHppModel) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    const fs::path file = plugin("eval_throw");
    ASSERT_NO_THROW(registry.load_file(file));
    const eqroi::Model* model = registry.find("test_eval_throw");
    ASSERT_NE(model, nullptr);
    EXPECT_EQ(evaluation_error(*model, timing(2, 1), {{100}}),
              file.string() + ": model 'test_eval_throw': evaluate returned status 3 (internal "
                              "error in the plugin): spare parts table has no row for 100 hours");
    expect_good_plugin_works(registry);
}

TEST(LoaderFault, EveryFailureInOneRegistryThenGoodStillWorks) {
    // The same registry through every load fault in a row: nothing half-loaded piles up.
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    for (const char* bad : {"does_not_exist", "not_a_library", "no_entry", "abi_major_2",
                            "duplicate_id", "min_gt_max"}) {
        EXPECT_THROW(registry.load_file(plugin(bad)), PluginError) << bad;
        EXPECT_TRUE(registry.models().empty()) << bad;
    }
    expect_good_plugin_works(registry);
    EXPECT_EQ(registry.ids(), std::vector<std::string>{"test_good"});
}

TEST(LoaderStride, LargerStructSizesFromALaterMinorReadByStride) {
    PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
    ASSERT_NO_THROW(registry.load_file(plugin("wide_structs")));
    const eqroi::Model* model = registry.find("test_wide");
    ASSERT_NE(model, nullptr);
    // The plugin reports the next minor and a struct 8 bytes longer than ours; it still loads.
    EXPECT_EQ(model->plugin().abi_major, 1u);
    EXPECT_EQ(model->plugin().abi_minor, uint32_t{EQROI_ABI_MINOR} + 1);
    EXPECT_EQ(model->plugin().model_count, 1u);
    EXPECT_STREQ(model->plugin().version, "1.1.0");
    const eqroi_model& desc = model->descriptor();
    ASSERT_EQ(desc.param_count, 3u);
    ASSERT_EQ(desc.line_count, 2u);
    EXPECT_STREQ(desc.name, "Wide model");
    // Read with a stride of sizeof(eqroi_param_desc) the second and third entries would land
    // 8 and 16 bytes early, inside the previous element: keys and numbers would be wrong.
    EXPECT_EQ(model->param(0).struct_size, sizeof(eqroi_param_desc) + sizeof(double));
    EXPECT_STREQ(model->param(0).key, "hours");
    EXPECT_STREQ(model->param(1).key, "rate");
    EXPECT_STREQ(model->param(2).key, "share");
    EXPECT_EQ(model->param(1).flags, uint32_t{EQROI_PARAM_INTEGER});
    EXPECT_EQ(model->param(2).flags, 0u);
    EXPECT_EQ(model->param(0).default_value, 2000);
    EXPECT_EQ(model->param(0).max_value, 8760);
    EXPECT_EQ(model->param(1).default_value, 3);
    EXPECT_EQ(model->param(1).min_value, 1);
    EXPECT_EQ(model->param(1).max_value, 50);
    EXPECT_EQ(model->param(2).default_value, 0.5);
    EXPECT_EQ(model->param(2).max_value, 1);
    EXPECT_STREQ(model->param(2).unit, "fraction");
    EXPECT_EQ(model->param_index("share"), 2);
    EXPECT_STREQ(model->line(0).key, "energy");
    EXPECT_EQ(model->line(0).category, uint32_t{EQROI_CATEGORY_ENERGY});
    EXPECT_STREQ(model->line(1).key, "labour");
    EXPECT_EQ(model->line(1).category, uint32_t{EQROI_CATEGORY_LABOR});
    EXPECT_EQ(model->line(1).tax_treatment, uint32_t{EQROI_TAX_NOT_TAXED});
    EXPECT_STREQ(model->line(1).label, "Labour");

    // energy[k] = -hours * rate * share = -2000 * 3 * 0.5 = -3000; labour[k] = -rate = -3.
    const auto out = evaluate(*model, timing(2, 1), {{2000}, {3}, {0.5}});
    EXPECT_EQ(out, (std::vector<double>{0, -3000, -3000, 0, -3, -3}));
    expect_good_plugin_works(registry);
}

}  // namespace
}  // namespace loader_test
