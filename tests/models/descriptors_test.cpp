// What every bundled plugin says about itself: the host and the studio build their checks and
// forms from these descriptors, and the READMEs must document every key.
#include "harness.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <fstream>
#include <iterator>
#include <set>
#include <sstream>

using namespace models_test;

namespace {

bool is_snake_case(std::string_view key) {
    if (key.empty() || !(key[0] >= 'a' && key[0] <= 'z')) return false;
    for (char c : key)
        if (!((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_')) return false;
    return true;
}

std::string read_readme(const std::string& model) {
    std::ifstream in(std::string(EQROI_PLUGINS_SOURCE_DIR) + "/" + model + "/README.md");
    return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

}  // namespace

TEST(Descriptors, EachPluginIsOneEqroiModelAtVersion100) {
    for (const auto& [id, path] : bundled_plugins()) {
        SCOPED_TRACE(id);
        const eqroi_plugin& plugin = load_plugin(path);
        EXPECT_EQ(plugin.abi_major, 1u);
        EXPECT_EQ(plugin.struct_size, sizeof(eqroi_plugin));
        EXPECT_STREQ(plugin.vendor, "eqroi");
        EXPECT_STREQ(plugin.version, "1.0.0");
        // "spare_parts" -> "eqroi spare parts"
        std::string expected_name = "eqroi " + id;
        for (char& c : expected_name)
            if (c == '_') c = ' ';
        EXPECT_EQ(std::string(plugin.name), expected_name);
        ASSERT_EQ(plugin.model_count, 1u);
        EXPECT_STREQ(plugin.models[0]->id, id.c_str());
        EXPECT_NE(plugin.models[0]->evaluate, nullptr);
        EXPECT_GT(std::string(plugin.models[0]->description).size(), 40u);
    }
}

TEST(Descriptors, EntryRefusesAnotherAbiMajor) {
    void* handle = dlopen(plugin_path("maintenance").c_str(), RTLD_NOW | RTLD_LOCAL);
    ASSERT_NE(handle, nullptr);
    auto entry = reinterpret_cast<eqroi_entry_fn>(dlsym(handle, EQROI_ENTRY_SYMBOL));
    ASSERT_NE(entry, nullptr);
    EXPECT_EQ(entry(2, 0), nullptr);
    EXPECT_NE(entry(1, 7), nullptr);  // a newer minor host still loads a 1.0 plugin
    dlclose(handle);
}

TEST(Descriptors, ParametersAreSane) {
    for (const auto& [id, path] : bundled_plugins()) {
        const eqroi_model& model = load_model(id);
        std::set<std::string> keys;
        ASSERT_GT(model.param_count, 0u);
        for (uint32_t p = 0; p < model.param_count; ++p) {
            const eqroi_param_desc& d = model.params[p];
            SCOPED_TRACE(id + "." + d.key);
            EXPECT_EQ(d.struct_size, sizeof(eqroi_param_desc));
            EXPECT_TRUE(is_snake_case(d.key));
            EXPECT_TRUE(keys.insert(d.key).second) << "duplicate key";
            ASSERT_NE(d.label, nullptr);
            EXPECT_FALSE(std::string(d.label).empty());
            ASSERT_NE(d.unit, nullptr);  // "" is allowed for a pure number
            ASSERT_NE(d.help, nullptr);
            // A help text says where to find the value, which takes more than a few words.
            EXPECT_GE(std::string(d.help).size(), 40u);
            EXPECT_TRUE(std::isfinite(d.min_value) && std::isfinite(d.max_value) &&
                        std::isfinite(d.default_value));
            EXPECT_LE(d.min_value, d.default_value);
            EXPECT_LE(d.default_value, d.max_value);
            EXPECT_FALSE(d.flags & EQROI_PARAM_REQUIRED) << "every bundled input has a default";
            if (d.flags & EQROI_PARAM_CHOICE) {
                ASSERT_NE(d.choices, nullptr);
                const std::string choices = d.choices;
                const auto names = 1 + std::count(choices.begin(), choices.end(), '|');
                EXPECT_EQ(d.min_value, 0.0);
                EXPECT_EQ(d.max_value, static_cast<double>(names - 1));
            } else {
                EXPECT_EQ(d.choices, nullptr);
            }
            if (d.flags & EQROI_PARAM_BOOLEAN) {
                EXPECT_TRUE(d.default_value == 0.0 || d.default_value == 1.0);
                EXPECT_EQ(d.max_value, 1.0);
            }
        }
    }
}

TEST(Descriptors, LinesAreSane) {
    for (const auto& [id, path] : bundled_plugins()) {
        const eqroi_model& model = load_model(id);
        std::set<std::string> keys;
        ASSERT_GT(model.line_count, 0u);
        for (uint32_t l = 0; l < model.line_count; ++l) {
            const eqroi_line_desc& d = model.lines[l];
            SCOPED_TRACE(id + "." + d.key);
            EXPECT_EQ(d.struct_size, sizeof(eqroi_line_desc));
            EXPECT_TRUE(is_snake_case(d.key));
            EXPECT_TRUE(keys.insert(d.key).second) << "duplicate line";
            EXPECT_FALSE(std::string(d.label).empty());
            EXPECT_LT(d.category, static_cast<uint32_t>(EQROI_CATEGORY_COUNT_V1));
            EXPECT_LT(d.tax_treatment, static_cast<uint32_t>(EQROI_TAX_COUNT_V1));
        }
    }
}

TEST(Descriptors, LineCategoriesAndTaxAsDocumented) {
    struct Expect {
        const char* model;
        const char* line;
        eqroi_category category;
        eqroi_tax_treatment tax;
    };
    const Expect expected[] = {
        {"maintenance", "preventive", EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE},
        {"maintenance", "service_contract", EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE},
        {"training", "ramp_up_loss", EQROI_CATEGORY_TRAINING, EQROI_TAX_DEDUCTIBLE},
        // The spares kit is working capital (plugins/spare_parts/README.md, "Why working
        // capital"): tied up at period 0 and recovered at N, neither taxed; what is used up is.
        {"spare_parts", "initial_kit", EQROI_CATEGORY_SPARE_PARTS, EQROI_TAX_NOT_TAXED},
        {"spare_parts", "consumption", EQROI_CATEGORY_SPARE_PARTS, EQROI_TAX_DEDUCTIBLE},
        {"spare_parts", "carrying_cost", EQROI_CATEGORY_SPARE_PARTS, EQROI_TAX_DEDUCTIBLE},
        {"spare_parts", "stock_recovery", EQROI_CATEGORY_SPARE_PARTS, EQROI_TAX_NOT_TAXED},
        {"downtime", "restart_scrap", EQROI_CATEGORY_DOWNTIME, EQROI_TAX_DEDUCTIBLE},
        {"operations", "energy", EQROI_CATEGORY_ENERGY, EQROI_TAX_DEDUCTIBLE},
        {"operations", "consumables", EQROI_CATEGORY_CONSUMABLES, EQROI_TAX_DEDUCTIBLE},
        {"operations", "operating_labor", EQROI_CATEGORY_LABOR, EQROI_TAX_DEDUCTIBLE},
        {"benefits", "overtime_avoided", EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE},
        {"schedule", "expense", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE},
        {"schedule", "lease_payment", EQROI_CATEGORY_LEASE, EQROI_TAX_DEDUCTIBLE},
        {"schedule", "income", EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE},
        {"schedule", "capital_spend", EQROI_CATEGORY_OTHER, EQROI_TAX_CAPITALISED},
    };
    for (const Expect& e : expected) {
        SCOPED_TRACE(std::string(e.model) + "." + e.line);
        const eqroi_model& model = load_model(e.model);
        Result r;
        r.model = &model;
        const eqroi_line_desc& d = model.lines[r.line_index(e.line)];
        EXPECT_EQ(d.category, e.category);
        EXPECT_EQ(d.tax_treatment, e.tax);
    }
}

// A key shared through the [equipment] block must mean the same thing in every model, or one
// value would be out of range (or defaulted differently) in some of them.
TEST(Descriptors, SharedKeysAgreeAcrossModels) {
    std::map<std::string, std::pair<std::string, const eqroi_param_desc*>> first;
    for (const auto& [id, path] : bundled_plugins()) {
        const eqroi_model& model = load_model(id);
        for (uint32_t p = 0; p < model.param_count; ++p) {
            const eqroi_param_desc& d = model.params[p];
            auto [it, inserted] = first.try_emplace(d.key, id, &d);
            if (inserted) continue;
            SCOPED_TRACE(std::string(d.key) + " in " + id + " vs " + it->second.first);
            const eqroi_param_desc& o = *it->second.second;
            EXPECT_STREQ(d.unit, o.unit);
            EXPECT_EQ(d.default_value, o.default_value);
            EXPECT_EQ(d.min_value, o.min_value);
            EXPECT_EQ(d.max_value, o.max_value);
            EXPECT_EQ(d.flags, o.flags);
        }
    }
    // The shared keys and units the issue fixes.
    const std::map<std::string, std::string> shared_units = {
        {"purchase_price", "currency"},      {"operating_hours_per_year", "h/yr"},
        {"age_years", "years"},              {"operator_wage", "currency/h"},
        {"operators", "people"},             {"output_value_per_hour", "currency/h"},
        {"escalation", "fraction/yr"},
    };
    for (const auto& [key, unit] : shared_units) {
        SCOPED_TRACE(key);
        ASSERT_TRUE(first.count(key));
        EXPECT_EQ(std::string(first[key].second->unit), unit);
    }
    EXPECT_EQ(first["operating_hours_per_year"].second->max_value, 8760.0);
    EXPECT_EQ(first["escalation"].second->min_value, -0.5);
    EXPECT_EQ(first["escalation"].second->max_value, 1.0);
    EXPECT_EQ(first["escalation"].second->default_value, 0.0);
}

TEST(Descriptors, EveryPricedModelHasEscalation) {
    for (const auto& [id, path] : bundled_plugins()) {
        if (id == "schedule") continue;  // actual amounts, never escalated
        SCOPED_TRACE(id);
        EXPECT_NO_THROW(param_index(load_model(id), "escalation"));
    }
    EXPECT_THROW(param_index(load_model("schedule"), "escalation"), std::runtime_error);
}

TEST(Descriptors, ReadmeDocumentsEveryParameterAndLine) {
    for (const auto& [id, path] : bundled_plugins()) {
        SCOPED_TRACE(id);
        const std::string readme = read_readme(id);
        ASSERT_FALSE(readme.empty()) << "plugins/" << id << "/README.md missing";
        const eqroi_model& model = load_model(id);
        for (uint32_t p = 0; p < model.param_count; ++p) {
            const std::string row = "| `" + std::string(model.params[p].key) + "` |";
            EXPECT_NE(readme.find(row), std::string::npos) << "no table row for " << row;
        }
        for (uint32_t l = 0; l < model.line_count; ++l) {
            const std::string row = "| `" + std::string(model.lines[l].key) + "` |";
            EXPECT_NE(readme.find(row), std::string::npos) << "no table row for " << row;
        }
    }
}
