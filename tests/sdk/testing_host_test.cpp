// eqroi/testing.hpp against the host itself: every fault plugin of the loader suite
// (tests/loader/fault_plugins) is loaded by the host's PluginRegistry and by PluginUnderTest.
// Where the host refuses a file, testing.hpp's first problem is the host's message word for
// word; where the host loads it, testing.hpp finds no problem, and each model evaluated with its
// defaults ends the same way in both (same message, same amounts). So "the host would refuse
// it" in testing.hpp is checked against the host, not against a copy of its rules.
#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/trust.hpp>
#include <eqroi/testing.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace {

// The loader suite's files (tests/loader/CMakeLists.txt): named, not globbed, so a plugin added
// there for another purpose (one that crashes while loading, say) never runs in this process.
std::vector<std::string> fault_plugin_files() {
    std::vector<std::string> files;
    for (const char* name :
         {"good", "good_twin", "no_entry", "abi_major_2", "duplicate_id", "min_gt_max",
          "eval_error", "eval_nan", "eval_inf", "eval_throw", "wide_structs", "not_a_library"})
        files.push_back(std::string(SDK_FAULT_PLUGIN_DIR) + "/" + name + ".so");
    for (int n = 1; n <= 10; ++n)
        files.push_back(std::string(SDK_DESCRIPTOR_FAULT_DIR) + "/fault_" + std::to_string(n) +
                        ".so");
    return files;
}

// Evaluates one model of a loaded registry with its declared defaults, as the engine would for
// a study that gives no value: "" or the host's message.
std::string host_evaluate(const eqroi::Model& model, uint32_t periods, std::vector<double>& out) {
    const std::size_t width = std::size_t{periods} + 1;
    std::vector<std::vector<double>> values;
    for (uint32_t p = 0; p < model.descriptor().param_count; ++p) {
        const eqroi_param_desc& d = model.param(p);
        values.emplace_back((d.flags & EQROI_PARAM_PER_PERIOD) ? width : 1, d.default_value);
    }
    std::vector<const double*> pointers;
    for (const auto& v : values) pointers.push_back(v.data());
    eqroi_timing timing{};
    timing.struct_size = sizeof timing;
    timing.periods = periods;
    timing.periods_per_year = 1;
    timing.start_month = 1;
    timing.start_day = 1;
    out.assign(model.descriptor().line_count * width, 0.0);
    try {
        model.evaluate(timing, 1, pointers.data(), out.data());
        return "";
    } catch (const eqroi::EvaluationError& e) {
        return e.what();
    }
}

TEST(TestingAgreesWithHost, SameRefusalsSameEvaluations) {
    int refused = 0, evaluated = 0, failed = 0;
    for (const std::string& file : fault_plugin_files()) {
        SCOPED_TRACE(file);
        const eqroi::testing::PluginUnderTest plugin(file);
        eqroi::PluginRegistry registry{eqroi::TrustPolicy::trust_everything()};
        std::string host_refusal;
        try {
            registry.load_file(file);
        } catch (const eqroi::PluginError& e) {
            host_refusal = e.what();
        }
        if (!host_refusal.empty()) {
            ++refused;
            ASSERT_FALSE(plugin.problems().empty()) << "the host refuses: " << host_refusal;
            EXPECT_EQ(plugin.problems().front(), host_refusal);
            continue;
        }
        ASSERT_TRUE(plugin.problems().empty()) << plugin.problems().front();
        ASSERT_EQ(plugin.models().size(), registry.models().size());
        for (const eqroi::Model& model : registry.models()) {
            SCOPED_TRACE(model.id());
            std::vector<double> host_out;
            const std::string host_message = host_evaluate(model, 3, host_out);
            const eqroi::testing::Result r = plugin.evaluate(model.id(), {}, 3);
            ++evaluated;
            failed += !host_message.empty();
            EXPECT_EQ(r.message(), host_message);
            EXPECT_EQ(r.ok(), host_message.empty());
            if (!host_message.empty()) continue;
            std::vector<double> amounts;
            for (uint32_t l = 0; l < model.descriptor().line_count; ++l) {
                const std::vector<double> line = r.line(l, 0);
                amounts.insert(amounts.end(), line.begin(), line.end());
            }
            EXPECT_EQ(amounts, host_out);
        }
    }
    // Not a vacuous pass: the list holds refusals, evaluations and failing evaluations
    // (eval_error, eval_nan, eval_inf, eval_throw).
    EXPECT_GE(refused, 10);
    EXPECT_GE(evaluated, 6);
    EXPECT_GE(failed, 4);
}

}  // namespace
