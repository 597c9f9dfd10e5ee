// `eqroi sensitivity`: the tornado, break-even values and rank correlations of a small study
// through the bundled operations model, checked against a hand calculation, the shape of each
// output format, and the refusals (no [[uncertain]] table, bad flags) with exit code 2.
#include "cli_support.hpp"

#include <charconv>

namespace cli_test {
namespace {

/// Five years at 10 %, no inflation, no tax. Energy is the only cost: rated power x load (1) x
/// 2,000 hours x energy price, so keep (20 kW) pays 40,000 p a year and buy (5 kW) pays
/// 10,000 p after a 50,000 purchase. The price p is a guess, uniform between 0.10 and 0.50.
/// With a = (P/A, 10 %, 5) = 3.7907867694084505:
///   NPV(keep) = -40,000 p a              (-30,326.29 at p = 0.20)
///   NPV(buy)  = -50,000 - 10,000 p a     (-57,581.57 at p = 0.20)
/// keep is preferred at base. P10 = 0.14 and P90 = 0.46:
///   NPV(keep) = -21,228.41 and -69,750.48, swing 0.32 x 40,000 a = 48,522.07
///   NPV(buy)  = -55,307.10 and -67,437.62, swing 0.32 x 10,000 a = 12,130.52
/// buy overtakes keep where 30,000 p a = 50,000: p = 0.439662468 (buy - keep's NPV = 0 there).
const std::string kEnergyStudy = R"(
[study]
name = "Energy price"
horizon_years = 5
discount_rate = 0.10
baseline = "keep"

[[alternative]]
id = "keep"
[alternative.equipment]
operating_hours_per_year = 2000
operators = 0
[alternative.models.operations]
rated_power_kw = 20
load_factor = 1
energy_price = 0.20

[[alternative]]
id = "buy"
[alternative.capital]
price = 50000
[alternative.equipment]
operating_hours_per_year = 2000
operators = 0
[alternative.models.operations]
rated_power_kw = 5
load_factor = 1
energy_price = 0.20

[[uncertain]]
name = "energy_price"
model = "operations"
parameter = "energy_price"
distribution = "uniform"
min = 0.10
max = 0.50
)";

/// The shortest text that reads back as the same double (std::to_chars without a format).
std::string shortest(double v) {
    char buf[64];
    const auto end = std::to_chars(buf, buf + sizeof buf, v).ptr;
    return std::string(buf, end);
}

json sensitivity_json(const fs::path& study, std::vector<std::string> extra = {}) {
    std::vector<std::string> args{"sensitivity", study.string(), "--format", "json"};
    args.insert(args.end(), extra.begin(), extra.end());
    const CliRun r = run_eqroi(args);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.err, "");
    return json::parse(r.out);
}

TEST(CliSensitivity, JsonFiguresMatchTheHandCalculation) {
    TempDir dir;
    const fs::path study = dir.write("energy.toml", kEnergyStudy);
    const json j = sensitivity_json(study);
    EXPECT_EQ(j.at("alternatives"), json({"keep", "buy"}));
    EXPECT_NEAR(j.at("base").at("npv").at("keep").get<double>(), -30326.294155267606, 1e-6);
    EXPECT_NEAR(j.at("base").at("npv").at("buy").get<double>(), -57581.5735388169, 1e-6);
    EXPECT_EQ(j.at("base").at("preferred"), "keep");

    const json& t = j.at("tornado");
    EXPECT_EQ(t.at("swing"), "percentiles");
    EXPECT_EQ(t.at("focus"), "keep");
    ASSERT_EQ(t.at("bars").size(), 1u);
    const json& bar = t.at("bars")[0];
    EXPECT_EQ(bar.at("input"), "energy_price");
    EXPECT_NEAR(bar.at("base").get<double>(), 0.20, 1e-15);
    EXPECT_NEAR(bar.at("low").at("values").at("keep").get<double>(), 0.14, 1e-12);
    EXPECT_NEAR(bar.at("high").at("values").at("buy").get<double>(), 0.46, 1e-12);
    EXPECT_NEAR(bar.at("low").at("npv").at("keep").get<double>(), -21228.405908687328, 1e-6);
    EXPECT_NEAR(bar.at("high").at("npv").at("keep").get<double>(), -69750.47655711549, 1e-6);
    EXPECT_NEAR(bar.at("low").at("npv").at("buy").get<double>(), -55307.10147717183, 1e-6);
    EXPECT_NEAR(bar.at("high").at("npv").at("buy").get<double>(), -67437.61913927888, 1e-6);
    EXPECT_NEAR(bar.at("swing").at("keep").get<double>(), 48522.07064842817, 1e-6);
    EXPECT_NEAR(bar.at("swing").at("buy").get<double>(), 12130.517662107042, 1e-6);
    EXPECT_EQ(bar.at("low").at("preferred"), "keep");   // -21,228 > -55,307
    EXPECT_EQ(bar.at("high").at("preferred"), "buy");   // -67,438 > -69,750

    ASSERT_EQ(j.at("break_even").size(), 1u);
    const json& be = j.at("break_even")[0];
    EXPECT_EQ(be.at("searched"), json({0.10, 0.50}));
    // Costs only: no NPV reaches 0 in range (null), but buy pays off against keep above 0.4397.
    EXPECT_TRUE(be.at("npv_zero").at("keep").is_null());
    EXPECT_TRUE(be.at("npv_zero").at("buy").is_null());
    EXPECT_TRUE(be.at("vs_baseline_zero").at("keep").is_null());
    ASSERT_EQ(be.at("vs_baseline_zero").at("buy").size(), 1u);
    EXPECT_NEAR(be.at("vs_baseline_zero").at("buy")[0].at("value").get<double>(),
                0.43966246799124203, 1e-12);
    EXPECT_EQ(be.at("vs_baseline_zero").at("buy")[0].at("direction"), "rises");
    ASSERT_EQ(be.at("choice_changes").size(), 1u);
    EXPECT_NEAR(be.at("choice_changes")[0].at("value").get<double>(), 0.43966246799124203, 1e-12);
    EXPECT_EQ(be.at("choice_changes")[0].at("below"), "keep");
    EXPECT_EQ(be.at("choice_changes")[0].at("above"), "buy");

    // Both NPVs fall strictly with the price: rho = -1 for each, over the default 10,000 trials
    // and seed 1.
    const json& rank = j.at("rank_correlation");
    EXPECT_EQ(rank.at("trials"), 10000);
    EXPECT_EQ(rank.at("seed"), 1);
    EXPECT_NEAR(rank.at("rho").at("energy_price").at("keep").get<double>(), -1.0, 1e-12);
    EXPECT_NEAR(rank.at("rho").at("energy_price").at("buy").get<double>(), -1.0, 1e-12);

    // The spider walks P5 .. P95: NPV(keep) = -40,000 (0.10 + 0.40 q) a.
    const json& points = j.at("spider").at("lines")[0].at("points");
    ASSERT_EQ(points.size(), 7u);
    for (const json& p : points) {
        const double q = p.at("level").get<double>();
        EXPECT_NEAR(p.at("npv").at("keep").get<double>(), -40000 * (0.10 + 0.40 * q) * 3.7907867694084505,
                    1e-6);
    }
}

TEST(CliSensitivity, BreakEvenFedBackToRunGivesEqualNpvs) {
    // The issue's check through the command line: the break-even price written into the study
    // and evaluated by `eqroi run` gives buy's NPV less keep's = 0 within 1e-6.
    TempDir dir;
    const json j = sensitivity_json(dir.write("energy.toml", kEnergyStudy), {"--trials", "0"});
    const double p = j.at("break_even")[0].at("vs_baseline_zero").at("buy")[0].at("value");
    std::string text = kEnergyStudy;
    for (std::size_t at = text.find("energy_price = 0.20"); at != std::string::npos;
         at = text.find("energy_price = 0.20", at))
        text.replace(at, 19, "energy_price = " + shortest(p));
    const json run = run_json(dir.write("fed_back.toml", text).string());
    const double keep = alternative(run, "keep").at("measures").at("npv");
    const double buy = alternative(run, "buy").at("measures").at("npv");
    EXPECT_LE(std::abs(buy - keep), 1e-6) << "price " << p;
    // The report's own incremental NPV (buy over the baseline keep) is that difference.
    EXPECT_LE(std::abs(alternative(run, "buy").at("vs_baseline").at("npv").get<double>()), 1e-6);
    // Not a vacuous zero: the NPVs themselves are -40,000 x 0.43966 x a = -66,666.67 each.
    EXPECT_NEAR(keep, -66666.666666666, 1e-4);
}

TEST(CliSensitivity, PercentSwingAndTrialsZero) {
    TempDir dir;
    const fs::path study = dir.write("energy.toml", kEnergyStudy);
    const json j = sensitivity_json(study, {"--percent", "25", "--trials", "0"});
    const json& bar = j.at("tornado").at("bars")[0];
    EXPECT_EQ(j.at("tornado").at("swing"), "percent");
    EXPECT_EQ(j.at("tornado").at("percent"), 25);
    // 0.20 -/+ 25 % = 0.15 / 0.25: NPV(keep) = -40,000 x 0.15 a = -22,744.72 and -37,907.87.
    EXPECT_NEAR(bar.at("low").at("values").at("keep").get<double>(), 0.15, 1e-15);
    EXPECT_NEAR(bar.at("low").at("npv").at("keep").get<double>(), -22744.720616450704, 1e-6);
    EXPECT_NEAR(bar.at("high").at("npv").at("keep").get<double>(), -37907.867694084505, 1e-6);
    EXPECT_TRUE(j.at("rank_correlation").is_null());
    EXPECT_EQ(j.at("spider").at("swing"), "percent");
}

TEST(CliSensitivity, TableMarkdownAndCsvShapes) {
    TempDir dir;
    const fs::path study = dir.write("energy.toml", kEnergyStudy);
    const CliRun table = run_eqroi({"sensitivity", study.string(), "--trials", "500"});
    ASSERT_EQ(table.exit_code, 0) << table.err;
    for (const char* part :
         {"Sensitivity: Energy price", "Tornado: NPV of keep (preferred at base)", "P10", "P90",
          "48,522", "Spider: NPV of keep", "Break-even values", "0.439662 (- to +)",
          "Where the preferred alternative (highest NPV) changes", "(keep below, buy above)",
          "Rank correlation of each input with NPV", "500 Monte Carlo trials", "-1.000"})
        EXPECT_NE(table.out.find(part), std::string::npos) << part << "\n" << table.out;

    const CliRun md = run_eqroi({"sensitivity", study.string(), "--format", "md", "--trials", "0"});
    ASSERT_EQ(md.exit_code, 0) << md.err;
    EXPECT_EQ(md.out.rfind("# Sensitivity: Energy price\n", 0), 0u);
    EXPECT_NE(md.out.find("## Tornado"), std::string::npos);
    EXPECT_NE(md.out.find("| energy_price |"), std::string::npos);
    EXPECT_EQ(md.out.find("Rank correlation"), std::string::npos);

    const CliRun csv = run_eqroi({"sensitivity", study.string(), "--format", "csv", "--trials", "100"});
    ASSERT_EQ(csv.exit_code, 0) << csv.err;
    std::istringstream lines(csv.out);
    std::string line;
    std::getline(lines, line);
    EXPECT_EQ(line, "section,input,alternative,setting,input_value,npv,rho");
    std::map<std::string, int> sections;
    while (std::getline(lines, line)) {
        EXPECT_EQ(std::count(line.begin(), line.end(), ','), 6) << line;
        ++sections[line.substr(0, line.find(','))];
    }
    EXPECT_EQ(sections["base"], 2);
    EXPECT_EQ(sections["tornado"], 4);            // P10 and P90, two alternatives
    EXPECT_EQ(sections["spider"], 14);            // 7 levels, two alternatives
    EXPECT_EQ(sections["npv_zero"], 2);           // "none in range" for each
    EXPECT_EQ(sections["vs_baseline_zero"], 1);   // buy against keep
    EXPECT_EQ(sections["choice_change"], 1);
    EXPECT_EQ(sections["rank_correlation"], 2);
}

TEST(CliSensitivity, StudyWithoutUncertainInputsIsBadInput) {
    TempDir dir;
    std::string text = kEnergyStudy;
    text.erase(text.find("[[uncertain]]"));
    const fs::path study = dir.write("plain.toml", text);
    const CliRun r = run_eqroi({"sensitivity", study.string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find(study.string() + ":1:1: the study has no [[uncertain]] table"),
              std::string::npos)
        << r.err;
}

TEST(CliSensitivity, BadFlagsAreBadInput) {
    TempDir dir;
    const fs::path study = dir.write("energy.toml", kEnergyStudy);
    const std::vector<std::pair<std::vector<std::string>, std::string>> cases = {
        {{"--swing", "p5-p95"}, "--swing p5-p95: expected p10-p90 or percent"},
        {{"--percent", "0"}, "--percent 0: expected a percentage above 0"},
        {{"--swing", "p10-p90", "--percent", "10"}, "use it with --swing percent"},
        {{"--trials", "1"}, "--trials 1: expected 0 (no rank correlations) or 2 .."},
        {{"--alternative", "lease"}, "--alternative lease: the study has no such alternative (it "
                                     "has keep, buy)"},
        {{"--format", "xml"}, "--format xml: expected table, json, csv or md"},
    };
    for (const auto& [flags, message] : cases) {
        std::vector<std::string> args{"sensitivity", study.string()};
        args.insert(args.end(), flags.begin(), flags.end());
        const CliRun r = run_eqroi(args);
        EXPECT_EQ(r.exit_code, 2) << flags[0];
        EXPECT_NE(r.err.find(message), std::string::npos) << r.err;
    }
    // --alternative picks the tornado's focus.
    const json j = sensitivity_json(study, {"--alternative", "buy", "--trials", "0"});
    EXPECT_EQ(j.at("tornado").at("focus"), "buy");
}

}  // namespace
}  // namespace cli_test
