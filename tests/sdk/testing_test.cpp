// eqroi/testing.hpp with a model written on plugin.hpp and linked into this test: a good model
// has no problems, evaluations give the hand-calculated numbers, and inputs the host would
// refuse are refused with the host's words. Also a built plugin file loaded by path, and the
// Checks helper. C descriptors broken on purpose are in testing_descriptor_test.cpp.
#include <eqroi/plugin.hpp>
#include <eqroi/testing.hpp>

#include <gtest/gtest.h>

#include <cmath>
#include <limits>
#include <string>
#include <vector>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;
using eqroi::testing::Inputs;
using eqroi::testing::Outcome;
using eqroi::testing::PluginUnderTest;
using eqroi::testing::Result;

// Press dies and their running cost, with one parameter of every kind:
//   dies[k]    = -die_cost x dies_per_year x (1.5 if coated) x (1.1 if imported) x dt, k >= 1
//   running[k] = -hours_by_period[k] x cost_per_hour,                            k >= 1
class PressTooling final : public eqroi::sdk::Model {
public:
    enum Param : uint32_t {
        die_cost,
        dies_per_year,
        hours_by_period,
        cost_per_hour,
        coated,
        supplier
    };
    enum Line : uint32_t { dies, running };
    ModelSpec describe() const override {
        ModelSpec spec("acme_press_tooling", "Press tooling", "Dies and their running cost.");
        spec.required("die_cost", "Die cost", "currency", 0, 1e7, "Quote per die.");
        spec.integer("dies_per_year", "Dies per year", "1/yr", 1, 0, 100, "Dies worn out a year.");
        spec.series("hours_by_period", "Press hours", "h", 4000, 0, 8760, "Hours in each period.");
        spec.number("cost_per_hour", "Running cost", "currency/h", 2, 0, 1000,
                    "Lubricant, energy.");
        spec.boolean("coated", "Coated dies", false, "Coated dies cost half as much again.");
        spec.choice("supplier", "Supplier", "local|import", 0, "Imported dies carry 10 % freight.");
        spec.line("dies", "Dies", EQROI_CATEGORY_CONSUMABLES, EQROI_TAX_DEDUCTIBLE, "Dies bought.");
        spec.line("running", "Running cost", EQROI_CATEGORY_CONSUMABLES, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            const double factor =
                (b.value(coated, t) != 0 ? 1.5 : 1.0) * (b.value(supplier, t) == 1 ? 1.1 : 1.0);
            const double per_period =
                b.value(die_cost, t) * b.value(dies_per_year, t) * factor * b.period_years();
            const double* hours = b.series(hours_by_period, t);
            for (uint32_t k = 1; k <= b.periods(); ++k) {
                b.out(t, dies)[k] = 0.0 - per_period;
                b.out(t, running)[k] = 0.0 - hours[k] * b.value(cost_per_hour, t);
            }
        }
    }
};

// Fails as its `mode` asks: 1 an invalid parameter, 2 a NaN, 3 an exception not derived from
// eqroi::sdk::Error (plugin.hpp turns it into an internal error).
class Failing final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("acme_failing", "Failing", "Fails on request.");
        spec.integer("mode", "Mode", "", 0, 0, 3, "Which failure.");
        spec.line("cost", "Cost", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        switch (static_cast<int>(b.value(0, 0))) {
            case 1:
                throw eqroi::sdk::invalid_parameter("mode 1: the die is too large\nfor the press");
            case 2: b.out(0, 0)[b.periods()] = std::numeric_limits<double>::quiet_NaN(); return;
            case 3: throw std::runtime_error("tool table missing");
            default: return;
        }
    }
};

}  // namespace

EQROI_PLUGIN_WITH_INFO("ACME", "ACME tooling", "2.0.1", "https://acme.example/eqroi",
                       "service@acme.example", "MIT", PressTooling, Failing)

namespace {

const PluginUnderTest& plugin() {
    static const PluginUnderTest p(&eqroi_plugin_entry);
    return p;
}

std::vector<double> series(std::initializer_list<double> v) { return v; }

TEST(Testing, GoodPluginHasNoProblemsAndDescribesItself) {
    EXPECT_TRUE(plugin().problems().empty()) << plugin().problems().front();
    EXPECT_STREQ(plugin().plugin().vendor, "ACME");
    EXPECT_STREQ(plugin().plugin().version, "2.0.1");
    EXPECT_EQ(plugin().plugin().abi_minor, uint32_t{EQROI_ABI_MINOR});
    EXPECT_STREQ(plugin().plugin_info().support, "service@acme.example");
    ASSERT_EQ(plugin().models().size(), 2u);
    const auto& m = plugin().model("acme_press_tooling");
    ASSERT_EQ(m.params.size(), 6u);
    ASSERT_EQ(m.lines.size(), 2u);
    EXPECT_EQ(m.descriptor.params, m.params.data());  // the copy points at its own arrays
    EXPECT_TRUE(m.param("die_cost")->flags & EQROI_PARAM_REQUIRED);
    EXPECT_STREQ(m.line("dies")->help, "Dies bought.");
    EXPECT_EQ(m.line("running")->help, nullptr);  // no help: NULL, as 1.0 plugins read
    EXPECT_EQ(m.param("nope"), nullptr);
    try {
        plugin().model("acme_pres_tooling");
        ADD_FAILURE() << "an unknown model was found";
    } catch (const std::out_of_range& e) {
        EXPECT_STREQ(e.what(),
                     "no model 'acme_pres_tooling' in the plugin; its models: "
                     "acme_press_tooling, acme_failing");
    }
}

// die_cost 1000, 2 dies a year, coated (x 1.5), imported (x 1.1): 1000 x 2 x 1.65 = 3300 a
// year. Hours 4000, 3000, 2000 at 2.5 an hour: 10 000, 7500, 5000. Nothing at index 0.
TEST(Testing, EvaluateGivesTheHandCalculatedAmounts) {
    const Result r = plugin().evaluate("acme_press_tooling",
                                       {{"die_cost", 1000},
                                        {"dies_per_year", 2},
                                        {"coated", true},
                                        {"supplier", "import"},
                                        {"hours_by_period", {0, 4000, 3000, 2000}},
                                        {"cost_per_hour", 2.5}},
                                       3);
    ASSERT_TRUE(r.ok()) << r.message();
    EXPECT_EQ(r.message(), "");
    EXPECT_EQ(r.status(), EQROI_STATUS_OK);
    EXPECT_EQ(r.periods(), 3u);
    EXPECT_EQ(r.trials(), 1u);
    EXPECT_EQ(r.line_keys(), (std::vector<std::string>{"dies", "running"}));
    const std::vector<double> dies = r.line("dies");
    ASSERT_EQ(dies.size(), 4u);
    EXPECT_EQ(dies[0], 0.0);
    for (int k = 1; k <= 3; ++k) EXPECT_NEAR(dies[k], -3300.0, 1e-9) << k;
    EXPECT_EQ(r.line("running"), series({0, -10000, -7500, -5000}));
    const std::vector<double> total = r.total();
    EXPECT_NEAR(total[1], -13300.0, 1e-9);
    EXPECT_NEAR(total[3], -8300.0, 1e-9);
}

// Only the required die_cost: 1 die a year, uncoated, local; 4000 h (the default, in every
// period) x 2 an hour = 8000. The batch forms do the same: 1 for true, 1 for "import".
TEST(Testing, DefaultsFillWhatIsNotGivenAndBatchFormsAreAccepted) {
    const Result r = plugin().evaluate("acme_press_tooling", {{"die_cost", 1000}}, 2);
    ASSERT_TRUE(r.ok()) << r.message();
    EXPECT_EQ(r.line("dies"), series({0, -1000, -1000}));
    EXPECT_EQ(r.line("running"), series({0, -8000, -8000}));

    const Result b = plugin().evaluate("acme_press_tooling",
                                       {{"die_cost", 1000}, {"coated", 1}, {"supplier", 1}}, 1);
    ASSERT_TRUE(b.ok()) << b.message();
    EXPECT_NEAR(b.line("dies")[1], -1650.0, 1e-9);  // 1000 x 1.5 x 1.1
}

// A short series is padded with zeros (0 is within 0 .. 8760): running = 0, -8000, 0, 0.
TEST(Testing, ShortSeriesIsPaddedWithZeros) {
    const Result r = plugin().evaluate("acme_press_tooling",
                                       {{"die_cost", 1000}, {"hours_by_period", {0, 4000}}}, 3);
    ASSERT_TRUE(r.ok()) << r.message();
    EXPECT_EQ(r.line("running"), series({0, -8000, 0, 0}));
}

// Monthly periods: 1200 a year is 100 a month (dt = 1/12).
TEST(Testing, MonthlyPeriodsGiveEachPeriodItsShare) {
    const Result r = plugin().evaluate("acme_press_tooling", {{"die_cost", 1200}}, 24, 12);
    ASSERT_TRUE(r.ok()) << r.message();
    const std::vector<double> dies = r.line("dies");
    ASSERT_EQ(dies.size(), 25u);
    EXPECT_NEAR(dies[1], -100.0, 1e-9);
    EXPECT_NEAR(dies[24], -100.0, 1e-9);
}

// Three trials in one batch: trial t gets its own die cost, 1000 (t + 1).
TEST(Testing, BatchOfSeveralTrials) {
    const Result r = plugin().evaluate_batch(
        "acme_press_tooling", {{{"die_cost", 1000}}, {{"die_cost", 2000}}, {{"die_cost", 3000}}},
        2);
    ASSERT_TRUE(r.ok()) << r.message();
    ASSERT_EQ(r.trials(), 3u);
    EXPECT_EQ(r.line("dies", 0), series({0, -1000, -1000}));
    EXPECT_EQ(r.line("dies", 1), series({0, -2000, -2000}));
    EXPECT_EQ(r.line("dies", 2), series({0, -3000, -3000}));
    EXPECT_THROW(r.line("dies", 3), std::out_of_range);
}

struct Refusal {
    Inputs inputs;
    std::string message;
};

// Each is what `eqroi check` says about the same value in [alternative.models.acme_press_tooling]
// (host/core/src/study_values.cpp and study_readers.cpp word them).
TEST(Testing, InputsTheHostRefusesAreReportedInItsWords) {
    const double nan = std::numeric_limits<double>::quiet_NaN();
    const std::vector<Refusal> cases = {
        {{}, "model 'acme_press_tooling': 'die_cost' is required"},
        {{{"die_cost", 1000}, {"cost_per_hour", 2000}},
         "'cost_per_hour' = 2000 is outside 0 .. 1000 currency/h"},
        {{{"die_cost", -1}}, "'die_cost' = -1 is outside 0 .. 10000000 currency"},
        {{{"die_cost", 1000}, {"dies_per_year", 2.5}},
         "'dies_per_year' expects an integer, got a float (2.5)"},
        {{{"die_cost", 1000}, {"die_cots", 1000}},
         "unknown key 'die_cots' in [alternative.models.acme_press_tooling]; did you mean "
         "'die_cost'?"},
        {{{"die_cost", 1000}, {"supplier", "imprt"}},
         "unknown choice 'imprt' for 'supplier'; did you mean 'import'? choices: local, import"},
        {{{"die_cost", 1000}, {"supplier", 2}}, "'supplier' = 2 is outside 0 .. 1"},
        {{{"die_cost", 1000}, {"coated", "yes"}}, "'coated' expects true or false, got a string"},
        {{{"die_cost", 1000}, {"coated", 2}},
         "'coated' expects true or false (1 or 0 in the batch), got 2"},
        {{{"die_cost", 1000}, {"cost_per_hour", {1, 2}}},
         "'cost_per_hour' expects a number, got an array"},
        {{{"die_cost", 1000}, {"hours_by_period", 4000}},
         "'hours_by_period' expects an array of numbers, one per period 0..3, got an integer"},
        {{{"die_cost", 1000}, {"hours_by_period", {0, 1, 2, 3, 4}}},
         "'hours_by_period' has 5 values, more than the 4 periods 0..3 of the study"},
        {{{"die_cost", 1000}, {"hours_by_period", {0, 9000}}},
         "'hours_by_period'[1] = 9000 is outside 0 .. 8760 h"},
        {{{"die_cost", nan}}, "'die_cost' = nan is not a finite number"},
    };
    for (const Refusal& c : cases) {
        const Result r = plugin().evaluate("acme_press_tooling", c.inputs, 3);
        EXPECT_EQ(r.outcome(), Outcome::inputs_refused) << c.message;
        EXPECT_EQ(r.input_problems(), std::vector<std::string>{c.message});
        EXPECT_EQ(r.message(), c.message);
        EXPECT_EQ(r.status(), EQROI_STATUS_OK);  // the model was never called
        EXPECT_EQ(r.line("dies"), series({0, 0, 0, 0}));
    }
}

TEST(Testing, EveryRefusedInputIsListedAndTrialsAreNamed) {
    const Result r = plugin().evaluate_batch(
        "acme_press_tooling",
        {{{"die_cost", 1000}}, {{"cost_per_hour", -1}}, {{"die_cost", 1000}, {"coated", 3}}}, 1);
    EXPECT_EQ(r.outcome(), Outcome::inputs_refused);
    EXPECT_EQ(r.input_problems(),
              (std::vector<std::string>{
                  "trial 1: model 'acme_press_tooling': 'die_cost' is required",
                  "trial 1: 'cost_per_hour' = -1 is outside 0 .. 1000 currency/h",
                  "trial 2: 'coated' expects true or false (1 or 0 in the batch), got 3"}));
    EXPECT_EQ(r.message(),
              "trial 1: model 'acme_press_tooling': 'die_cost' is required\n"
              "trial 1: 'cost_per_hour' = -1 is outside 0 .. 1000 currency/h\n"
              "trial 2: 'coated' expects true or false (1 or 0 in the batch), got 3");
}

// plugin.hpp turns the model's exceptions into statuses; the result says what the host says.
TEST(Testing, FailuresOfTheModelAreReportedAsTheHostReportsThem) {
    const Result invalid = plugin().evaluate("acme_failing", {{"mode", 1}}, 2);
    EXPECT_EQ(invalid.outcome(), Outcome::failed);
    EXPECT_EQ(invalid.status(), EQROI_STATUS_INVALID_PARAMETER);
    EXPECT_EQ(invalid.plugin_message(), "mode 1: the die is too large\nfor the press");
    // The host prints no control character from a plugin: the newline becomes a space.
    EXPECT_EQ(invalid.message(),
              "model 'acme_failing': evaluate returned status 1 (invalid "
              "parameter): mode 1: the die is too large for the press");

    const Result nan = plugin().evaluate("acme_failing", {{"mode", 2}}, 2);
    EXPECT_EQ(nan.outcome(), Outcome::non_finite);
    EXPECT_EQ(nan.message(),
              "model 'acme_failing': evaluate wrote a non-finite amount (nan) "
              "to line 'cost', period 2, trial 0");

    const Result internal = plugin().evaluate("acme_failing", {{"mode", 3}}, 2);
    EXPECT_EQ(internal.status(), EQROI_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(internal.message(),
              "model 'acme_failing': evaluate returned status 3 (internal "
              "error in the plugin): tool table missing");

    EXPECT_TRUE(plugin().evaluate("acme_failing", {}, 2).ok());
}

TEST(Testing, MisuseIsAnExceptionNotAResult) {
    EXPECT_THROW(plugin().evaluate("acme_press_tooling", {{"die_cost", 1}}, 0),
                 std::invalid_argument);
    EXPECT_THROW(plugin().evaluate("acme_press_tooling", {{"die_cost", 1}}, 3, 4),
                 std::invalid_argument);
    EXPECT_THROW(plugin().evaluate_batch("acme_press_tooling", {}, 3), std::invalid_argument);
    EXPECT_THROW(plugin().evaluate("nope", {}, 3), std::out_of_range);
    const Result r = plugin().evaluate("acme_press_tooling", {{"die_cost", 1}}, 1);
    try {
        r.line("die");
        ADD_FAILURE() << "an unknown line was found";
    } catch (const std::out_of_range& e) {
        EXPECT_STREQ(e.what(),
                     "model 'acme_press_tooling' has no line 'die'; its lines: dies, "
                     "running");
    }
}

// The template's model (sdk/templates/plugin-project, built here as acme_coolant.so), loaded
// by path as the host loads it. 0.25 units/h x 4000 h = 1000 units at 4.00: 4000 a year, paid
// at the end of each year (in arrears) with no escalation.
TEST(Testing, BuiltPluginFileIsLoadedByPath) {
    const PluginUnderTest p{std::string(SDK_TEMPLATE_PLUGIN)};
    ASSERT_TRUE(p.problems().empty()) << p.problems().front();
    EXPECT_STREQ(p.plugin().vendor, "ACME");
    EXPECT_STREQ(p.plugin_info().license, "LicenseRef-Proprietary");
    const Result r = p.evaluate("acme_coolant", {{"usage_per_hour", 0.25}, {"unit_price", 4}}, 2);
    ASSERT_TRUE(r.ok()) << r.message();
    EXPECT_EQ(r.line("consumption"), series({0, -4000, -4000}));
    // Every line of the template has a help text (ABI 1.1).
    for (const auto& l : p.model("acme_coolant").lines) EXPECT_NE(l.help, nullptr) << l.key;
}

TEST(Testing, FileTheHostCannotLoadIsAProblemNamingIt) {
    const std::string missing = std::string(SDK_TEST_SOURCE_DIR) + "/no_such_plugin.so";
    EXPECT_EQ(PluginUnderTest(missing).problems(),
              std::vector<std::string>{missing + ": no such file"});
    const std::string dir = SDK_TEST_SOURCE_DIR;
    EXPECT_EQ(PluginUnderTest(dir).problems(),
              std::vector<std::string>{dir + ": not a regular file"});
    const std::string text = std::string(SDK_TEST_SOURCE_DIR) + "/CMakeLists.txt";
    EXPECT_EQ(PluginUnderTest(text).problems(),
              std::vector<std::string>{text + ": not a shared library (no ELF header)"});
    EXPECT_THROW(PluginUnderTest(text).evaluate("acme_coolant", {}, 1), std::logic_error);
}

TEST(Testing, NumbersAreWrittenAsTheHostWritesThem) {
    using eqroi::testing::detail::number_text;
    // fmt's "{}": shortest round trip, fixed notation for exponents -4..15.
    EXPECT_EQ(number_text(1e7), "10000000");
    EXPECT_EQ(number_text(1e15), "1000000000000000");
    EXPECT_EQ(number_text(1e16), "1e+16");
    EXPECT_EQ(number_text(0.0001), "0.0001");
    EXPECT_EQ(number_text(0.00001), "1e-05");
    EXPECT_EQ(number_text(2.5), "2.5");
    EXPECT_EQ(number_text(-0.03), "-0.03");
    EXPECT_EQ(number_text(0.1 + 0.2), "0.30000000000000004");
    EXPECT_EQ(number_text(-std::numeric_limits<double>::infinity()), "-inf");
    EXPECT_EQ(number_text(-std::numeric_limits<double>::quiet_NaN()), "-nan");
    EXPECT_EQ(number_text(-0.0), "-0");
}

TEST(Testing, ChecksCountFailuresAndSetTheExitCode) {
    eqroi::testing::Checks check;
    ::testing::internal::CaptureStderr();
    ::testing::internal::CaptureStdout();
    EXPECT_TRUE(check.series({0, -4200.004}, {0, -4200}, "within half a cent"));
    EXPECT_FALSE(check.near(-4200.01, -4200, "a cent off"));
    EXPECT_FALSE(check.series({0}, {0, 1}, "too short"));
    EXPECT_FALSE(check.contains("abc", "d"));
    EXPECT_EQ(check.exit_code(), 1);
    ::testing::internal::GetCapturedStdout();
    const std::string err = ::testing::internal::GetCapturedStderr();
    EXPECT_EQ(check.failures(), 3);
    EXPECT_NE(err.find("FAILED: a cent off: got -4200.01, expected -4200 (tolerance 0.005)"),
              std::string::npos)
        << err;
    EXPECT_NE(err.find("3 expectation(s) failed"), std::string::npos) << err;
    eqroi::testing::Checks good;
    EXPECT_TRUE(good.that(true, "true"));
    ::testing::internal::CaptureStdout();
    EXPECT_EQ(good.exit_code(), 0);
    ::testing::internal::GetCapturedStdout();
}

}  // namespace
