// eqroi/testing.hpp on plugins written as plain C descriptors (as a C author writes them), each
// broken on purpose in one way: every fault is reported with the host's words
// (host/core/src/registry.cpp), a fault-free plugin and an ABI 1.0 one have no problem, and a
// C evaluate that writes outside its output or leaves a bad message is caught.
#include <eqroi/testing.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <cstring>
#include <functional>
#include <limits>
#include <stdexcept>
#include <string>
#include <vector>

namespace {

using eqroi::testing::Outcome;
using eqroi::testing::PluginUnderTest;
using eqroi::testing::Result;
using Problems = std::vector<std::string>;

// What evaluate does, set by each test (the tests run one after another).
enum class Mode { normal, nan, past_end, before_start, unterminated_message, throws };
Mode g_mode = Mode::normal;

// cost[k] = -hours x count, benefit[k] = +10 when flag, for k = 1..N.
eqroi_status c_evaluate(const eqroi_model*, const eqroi_timing* timing, const eqroi_batch* batch) {
    const std::size_t width = timing->periods + 1;
    double* out = batch->out;
    for (uint32_t t = 0; t < batch->trial_count; ++t) {
        double* cost = out + (std::size_t{t} * batch->line_count + 0) * width;
        double* benefit = out + (std::size_t{t} * batch->line_count + 1) * width;
        for (std::size_t k = 1; k < width; ++k) {
            cost[k] = -batch->params[0][t] * batch->params[3][t];
            benefit[k] = batch->params[2][t] != 0 ? 10.0 : 0.0;
        }
    }
    const std::size_t n = std::size_t{batch->trial_count} * batch->line_count * width;
    switch (g_mode) {
        case Mode::normal: break;
        case Mode::nan: out[width + 2] = std::nan(""); break;  // line 1 (benefit), period 2
        case Mode::past_end: out[n] = 1.0; break;
        case Mode::before_start: out[-2] = 1.0; break;
        case Mode::unterminated_message:
            std::memset(batch->error, 'x', batch->error_capacity);  // no NUL at all
            return EQROI_STATUS_EVALUATION_FAILED;
        case Mode::throws: throw std::runtime_error("escaped");
    }
    return EQROI_STATUS_OK;
}

#define PARAM(flags, key, choices, def, min, max)                                           \
    eqroi_param_desc {                                                                      \
        sizeof(eqroi_param_desc), flags, key, "Label", "h", "Help.", choices, def, min, max \
    }

// A fault-free plugin, rebuilt before each test and then broken by it.
struct Descriptors {
    std::vector<eqroi_param_desc> params = {
        PARAM(0, "hours", nullptr, 100, 0, 10000),
        PARAM(EQROI_PARAM_CHOICE | EQROI_PARAM_INTEGER, "method", "a|b|c", 0, 0, 2),
        PARAM(EQROI_PARAM_BOOLEAN | EQROI_PARAM_INTEGER, "flag", nullptr, 0, 0, 1),
        PARAM(EQROI_PARAM_INTEGER, "count", nullptr, 2, 0, 10)};
    std::vector<eqroi_line_desc> lines = {
        {sizeof(eqroi_line_desc), EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE, "cost", "Cost",
         "Hours times count."},
        {sizeof(eqroi_line_desc), EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE, "benefit",
         "Benefit", nullptr}};
    eqroi_model model{sizeof(eqroi_model), 4,       2,       "test_c_model", "C model",
                      "A C model.",        nullptr, nullptr, &c_evaluate,    nullptr};
    eqroi_model second{};
    std::vector<const eqroi_model*> models;
    eqroi_plugin_info info{sizeof(eqroi_plugin_info), "https://example.com", nullptr, "MIT"};
    eqroi_plugin plugin{
        EQROI_ABI_MAJOR, EQROI_ABI_MINOR, sizeof(eqroi_plugin), 1, "Test", "C plugin", "1.0.0",
        nullptr,         nullptr};
    bool refuse = false;

    // Points the descriptors at each other (after a test changed the vectors).
    const eqroi_plugin* link() {
        model.params = params.empty() ? nullptr : params.data();
        model.lines = lines.empty() ? nullptr : lines.data();
        models = {&model};
        if (second.struct_size) {  // a second model sharing the first one's arrays
            second.params = model.params;
            second.lines = model.lines;
            models.push_back(&second);
        }
        plugin.models = models.data();
        return refuse ? nullptr : &plugin;
    }
};
Descriptors g;

const void* get_extension(const eqroi_plugin*, const char* id) {
    return std::strcmp(id, EQROI_EXT_PLUGIN_INFO) == 0 ? &g.info : nullptr;
}

const eqroi_plugin* entry(uint32_t, uint32_t) { return g.link(); }

// The problems of the fault-free plugin after `breaking` changes it.
Problems problems_after(const std::function<void(Descriptors&)>& breaking) {
    g = Descriptors{};
    g_mode = Mode::normal;
    breaking(g);
    return PluginUnderTest(&entry).problems();
}

TEST(TestingDescriptors, FaultFreeCPluginHasNoProblem) {
    EXPECT_EQ(problems_after([](Descriptors&) {}), Problems{});
    EXPECT_EQ(problems_after([](Descriptors& d) { d.plugin.get_extension = &get_extension; }),
              Problems{});
}

struct Fault {
    const char* what;
    std::function<void(Descriptors&)> breaking;
    Problems expected;
};

TEST(TestingDescriptors, EachFaultIsReportedInTheHostsWords) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::string m = "model 'test_c_model': ";
    const std::vector<Fault> faults = {
        {"ABI major 2",
         [](Descriptors& d) { d.plugin.abi_major = 2; },
         {"built for plugin ABI 2.1; this host supports ABI 1.x (up to 1.1)"}},
        {"entry refuses",
         [](Descriptors& d) { d.refuse = true; },
         {"the entry function refused to load (returned NULL)"}},
        // ABI 1.0's eqroi_plugin: 4 uint32_t (16 bytes), 3 strings (24), models and
        // get_extension (16): 56 bytes.
        {"short plugin struct",
         [](Descriptors& d) { d.plugin.struct_size = 48; },
         {"plugin struct_size 48 is smaller than ABI 1.0's 56"}},
        {"no vendor",
         [](Descriptors& d) { d.plugin.vendor = nullptr; },
         {"vendor, name or version is a null pointer"}},
        {"no model", [](Descriptors& d) { d.plugin.model_count = 0; }, {"declares no model"}},
        {"short plugin-info",
         [](Descriptors& d) {
             d.plugin.get_extension = &get_extension;
             d.info.struct_size = 4;
         },
         {"extension eqroi.plugin-info/1 declares struct_size 4 (needs >= 32)"}},
        // eqroi_model of ABI 1.0: 3 uint32_t + padding (16), 3 strings (24), 2 arrays (16),
        // evaluate and plugin_data (16): 72 bytes.
        {"short model struct",
         [](Descriptors& d) { d.model.struct_size = 64; },
         {"model #0 declares struct_size 64 (ABI 1.0 needs >= 72)"}},
        {"model id",
         [](Descriptors& d) { d.model.id = "Test-Model"; },
         {"model 'Test-Model': model #0 has an invalid id (lower_snake_case, a-z 0-9 _)"}},
        {"no name",
         [](Descriptors& d) { d.model.name = nullptr; },
         {m + "name or description is a null pointer"}},
        {"no evaluate",
         [](Descriptors& d) { d.model.evaluate = nullptr; },
         {m + "evaluate is a null pointer"}},
        {"no params array",
         [](Descriptors& d) { d.params.clear(); },
         {m + "params is a null pointer but param_count > 0"}},
        {"no line",
         [](Descriptors& d) {
             d.lines.clear();
             d.model.line_count = 0;
         },
         {m + "declares no output line"}},
        {"no lines array",
         [](Descriptors& d) { d.lines.clear(); },
         {m + "lines is a null pointer"}},
        {"param key",
         [](Descriptors& d) { d.params[0].key = "Hours"; },
         {m + "parameter #0 has an invalid key"}},
        {"param help",
         [](Descriptors& d) { d.params[0].help = nullptr; },
         {m + "parameter 'hours': label, unit or help is a null pointer"}},
        {"param twice",
         [](Descriptors& d) { d.params[3].key = "hours"; },
         {m + "parameter key 'hours' is declared twice"}},
        {"min > max",
         [](Descriptors& d) {
             d.params[0].min_value = 10;
             d.params[0].max_value = 5;
             d.params[0].default_value = 7;
         },
         {m + "parameter 'hours': min 10 is greater than max 5",
          m + "parameter 'hours': default 7 is outside [10, 5]"}},
        {"default outside",
         [](Descriptors& d) { d.params[0].default_value = 20000; },
         {m + "parameter 'hours': default 20000 is outside [0, 10000]"}},
        {"required: no default needed",
         [](Descriptors& d) {
             d.params[0].flags = EQROI_PARAM_REQUIRED;
             d.params[0].default_value = -1;
         },
         {}},
        {"not finite",
         [nan](Descriptors& d) { d.params[0].max_value = nan; },
         {m + "parameter 'hours': min, max and default must be finite"}},
        {"integer default",
         [](Descriptors& d) { d.params[3].default_value = 2.5; },
         {m + "parameter 'count': is an integer but its default 2.5 is not a whole number"}},
        {"boolean range",
         [](Descriptors& d) { d.params[2].max_value = 2; },
         {m + "parameter 'flag': is a boolean but its range [0, 2] is not within [0, 1]"}},
        {"no choices",
         [](Descriptors& d) { d.params[1].choices = nullptr; },
         {m + "parameter 'method': is a choice without choices"}},
        {"empty choice",
         [](Descriptors& d) { d.params[1].choices = "a||c"; },
         {m + "parameter 'method': choices \"a||c\" contain an empty name"}},
        {"choice range",
         [](Descriptors& d) { d.params[1].max_value = 3; },
         {m + "parameter 'method': is a choice of 3 names, so its range must be within [0, 2], "
              "not [0, 3]"}},
        // sizeof(eqroi_param_desc): 2 uint32_t (8), 5 strings (40), 3 doubles (24) = 72.
        {"param sizes differ",
         [](Descriptors& d) { d.params[1].struct_size = 80; },
         {m + "parameter #1 declares struct_size 80, but #0 declares 72: every element of the "
              "array must have the same size"}},
        {"param size garbage",
         [](Descriptors& d) { d.params[0].struct_size = 0xdeadbeefu; },
         {m + "parameter struct_size 3735928559 is not a valid size (ABI 1.0 needs at least 72, "
              "a multiple of 8)"}},
        {"line key",
         [](Descriptors& d) { d.lines[1].key = ""; },
         {m + "line #1 has an invalid key"}},
        {"line label",
         [](Descriptors& d) { d.lines[0].label = nullptr; },
         {m + "line 'cost': label is a null pointer"}},
        {"line twice",
         [](Descriptors& d) { d.lines[1].key = "cost"; },
         {m + "line key 'cost' is declared twice"}},
        {"category",
         [](Descriptors& d) { d.lines[0].category = EQROI_CATEGORY_COUNT_V1; },
         {m + "line 'cost': unknown category 10"}},
        {"tax treatment",
         [](Descriptors& d) { d.lines[0].tax_treatment = 3; },
         {m + "line 'cost': unknown tax treatment 3"}},
        {"model twice",
         [](Descriptors& d) {
             d.second = d.model;
             d.plugin.model_count = 2;
         },
         {m + "model id is declared twice in this plugin"}},
        // Unlike the host, which stops at the first, every fault is listed, in the host's order.
        {"three at once",
         [](Descriptors& d) {
             d.plugin.version = nullptr;
             d.params[2].max_value = 2;
             d.lines[1].category = 99;
         },
         {"vendor, name or version is a null pointer",
          m + "parameter 'flag': is a boolean but its range [0, 2] is not within [0, 1]",
          m + "line 'benefit': unknown category 99"}},
    };
    for (const Fault& f : faults) EXPECT_EQ(problems_after(f.breaking), f.expected) << f.what;
}

// A plugin built against ABI 1.0: eqroi_line_desc without `help` (32 bytes, not 40). It loads,
// and the help it does not have reads as NULL; nothing past its 32 bytes is read.
TEST(TestingDescriptors, Abi10PluginWithShorterLinesLoadsAndEvaluates) {
    struct line_v1_0 {
        uint32_t struct_size;
        eqroi_category category;
        eqroi_tax_treatment tax_treatment;
        const char* key;
        const char* label;
    };
    static_assert(sizeof(line_v1_0) == 32 && sizeof(eqroi_line_desc) == 40);
    static const line_v1_0 short_lines[2] = {
        {sizeof(line_v1_0), EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE, "cost", "Cost"},
        {sizeof(line_v1_0), EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE, "benefit", "Benefit"}};
    g = Descriptors{};
    g_mode = Mode::normal;
    g.plugin.abi_minor = 0;
    g.link();
    const PluginUnderTest p([](uint32_t, uint32_t) -> const eqroi_plugin* {
        g.link();
        g.model.lines = reinterpret_cast<const eqroi_line_desc*>(short_lines);
        return &g.plugin;
    });
    ASSERT_EQ(p.problems(), Problems{});
    const auto& model = p.model("test_c_model");
    ASSERT_EQ(model.lines.size(), 2u);
    EXPECT_STREQ(model.lines[1].key, "benefit");  // read with the plugin's stride, 32
    EXPECT_EQ(model.lines[1].help, nullptr);
    // hours 50 x count 3 = 150 a period; flag true: +10.
    const Result r = p.evaluate("test_c_model", {{"hours", 50}, {"count", 3}, {"flag", true}}, 2);
    ASSERT_TRUE(r.ok()) << r.message();
    EXPECT_EQ(r.line("cost"), (std::vector<double>{0, -150, -150}));
    EXPECT_EQ(r.line("benefit"), (std::vector<double>{0, 10, 10}));
}

Result evaluate_in_mode(Mode mode) {
    g = Descriptors{};
    const PluginUnderTest p(&entry);
    g_mode = mode;
    Result r = p.evaluate("test_c_model", {}, 3);  // 3 periods, 2 lines: 8 amounts
    g_mode = Mode::normal;
    return r;
}

TEST(TestingDescriptors, CEvaluateFaultsAreCaught) {
    const Result ok = evaluate_in_mode(Mode::normal);
    ASSERT_TRUE(ok.ok()) << ok.message();
    EXPECT_EQ(ok.line("cost"), (std::vector<double>{0, -200, -200, -200}));  // 100 h x 2

    const Result nan = evaluate_in_mode(Mode::nan);
    EXPECT_EQ(nan.outcome(), Outcome::non_finite);
    EXPECT_EQ(nan.message(),
              "model 'test_c_model': evaluate wrote a non-finite amount (nan) to "
              "line 'benefit', period 2, trial 0");

    const Result past = evaluate_in_mode(Mode::past_end);
    EXPECT_EQ(past.outcome(), Outcome::wrote_out_of_bounds);
    EXPECT_EQ(past.message(),
              "model 'test_c_model': evaluate wrote outside its output array, at "
              "index 8 (out holds trial_count x line_count x (periods + 1) = 8 "
              "amounts)");
    const Result before = evaluate_in_mode(Mode::before_start);
    EXPECT_EQ(before.outcome(), Outcome::wrote_out_of_bounds);
    EXPECT_NE(before.message().find("at index -2 "), std::string::npos) << before.message();

    // 1024 'x' and no NUL: cut to the buffer's 1023 characters, as the host does.
    const Result message = evaluate_in_mode(Mode::unterminated_message);
    EXPECT_EQ(message.status(), EQROI_STATUS_EVALUATION_FAILED);
    EXPECT_EQ(message.plugin_message(), std::string(1023, 'x'));

    const Result threw = evaluate_in_mode(Mode::throws);
    EXPECT_EQ(threw.outcome(), Outcome::threw);
    EXPECT_EQ(threw.message(),
              "model 'test_c_model': evaluate let a C++ exception escape the C boundary");
}

TEST(TestingDescriptors, PluginWithProblemsIsNeverEvaluated) {
    g = Descriptors{};
    g.lines[0].category = 42;
    const PluginUnderTest p(&entry);
    try {
        p.evaluate("test_c_model", {}, 1);
        ADD_FAILURE() << "a refused plugin was evaluated";
    } catch (const std::logic_error& e) {
        EXPECT_STREQ(e.what(),
                     "the host refuses this plugin, so it never evaluates it:\n"
                     "model 'test_c_model': line 'cost': unknown category 42");
    }
}

}  // namespace
