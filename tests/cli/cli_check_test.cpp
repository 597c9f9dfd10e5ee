// `eqroi check`: the examples pass; a bad study exits 2 with `file:line:column: message` on
// standard error, pointing at the offending key or value.
#include "cli_support.hpp"

#include <regex>

namespace cli_test {
namespace {

TEST(CliCheck, ExamplesPass) {
    // Model uses counted from the files: cnc keep 4 (maintenance, downtime, operations,
    // spare_parts), buy_a 6 (+ training, benefits), buy_b 5 (+ training) = 15; injection
    // night_shift 4, new_press 6 = 10; palletising manual 2, robot 7, lease_robot 5 = 14.
    const struct {
        const char* stem;
        const char* summary;
    } examples[] = {
        {"cnc_replacement", "ok: 3 alternatives, 15 model uses, 10 years (10 periods)"},
        {"injection_moulding", "ok: 2 alternatives, 10 model uses, 8 years (8 periods)"},
        {"palletising_robot", "ok: 3 alternatives, 14 model uses, 8 years (8 periods)"},
    };
    for (const auto& e : examples) {
        const CliRun r = run_eqroi({"check", example(e.stem)});
        EXPECT_EQ(r.exit_code, 0) << e.stem << "\n" << r.err;
        EXPECT_EQ(r.err, "") << e.stem;
        EXPECT_EQ(r.out, example(e.stem) + ": " + e.summary + "\n");
    }
}

/// Writes `text` as bad.toml and runs `eqroi check` on it.
struct BadStudy {
    TempDir dir;
    fs::path file;
    CliRun run;
    explicit BadStudy(const std::string& text) {
        file = dir.write("bad.toml", text);
        run = run_eqroi({"check", file.string()});
    }
    /// The diagnostic for `line:column`, which must exist and say `message`.
    void expect(int line, int column, const std::string& message) const {
        const std::string where = file.string() + ":" + std::to_string(line) + ":" +
                                  std::to_string(column) + ": ";
        const auto at = run.err.find(where);
        ASSERT_NE(at, std::string::npos) << "no diagnostic at " << where << "\n" << run.err;
        const std::string text = run.err.substr(at + where.size(),
                                                run.err.find('\n', at) - at - where.size());
        EXPECT_NE(text.find(message), std::string::npos) << text;
    }
};

// A valid study with one alternative; the tests below spoil one thing each.
//   line 1 [study], 2 name, 3 horizon_years, 4 discount_rate, 5 [[alternative]], 6 id
std::string study_with(const std::string& horizon_line, const std::string& rate_line,
                       const std::string& alternative_tail = "") {
    return "[study]\nname = \"bad\"\n" + horizon_line + "\n" + rate_line +
           "\n[[alternative]]\nid = \"a\"\n" + alternative_tail;
}

TEST(CliCheck, AValidStudyPasses) {
    // The control for the cases below: the same file unspoilt.
    BadStudy s(study_with("horizon_years = 5", "discount_rate = 0.08",
                          "[alternative.models.maintenance]\nweibull_shape = 2\n"));
    EXPECT_EQ(s.run.exit_code, 0) << s.run.err;
    EXPECT_EQ(s.run.err, "");
}

TEST(CliCheck, UnknownKeyWithSuggestion) {
    BadStudy s(study_with("horizon_yeras = 5", "discount_rate = 0.08"));
    EXPECT_EQ(s.run.exit_code, 2);
    EXPECT_EQ(s.run.out, "");
    s.expect(3, 1, "unknown key 'horizon_yeras' in [study]; did you mean 'horizon_years'?");
    // The key it meant is then missing: reported at the [study] table.
    s.expect(1, 1, "missing required key 'horizon_years'");
}

TEST(CliCheck, UnknownModelParameterWithSuggestion) {
    BadStudy s(study_with("horizon_years = 5", "discount_rate = 0.08",
                          "[alternative.models.maintenance]\nweibul_shape = 2\n"));
    EXPECT_EQ(s.run.exit_code, 2);
    s.expect(8, 1, "unknown key 'weibul_shape' in [alternative.models.maintenance]; did you "
                   "mean 'weibull_shape'?");
}

TEST(CliCheck, WrongType) {
    BadStudy s(study_with("horizon_years = \"five\"", "discount_rate = 0.08"));
    EXPECT_EQ(s.run.exit_code, 2);
    s.expect(3, 17, "'horizon_years' expects an integer, got a string");
}

TEST(CliCheck, OutOfRangeValue) {
    BadStudy s(study_with("horizon_years = 5", "discount_rate = 12"));
    EXPECT_EQ(s.run.exit_code, 2);
    s.expect(4, 17, "'discount_rate' = 12 is outside -0.99 .. 10");
}

TEST(CliCheck, OutOfRangeModelParameter) {
    // weibull_shape is declared 0.1 .. 10 by the maintenance model.
    BadStudy s(study_with("horizon_years = 5", "discount_rate = 0.08",
                          "[alternative.models.maintenance]\nweibull_shape = 20\n"));
    EXPECT_EQ(s.run.exit_code, 2);
    s.expect(8, 17, "'weibull_shape' = 20 is outside 0.1 .. 10");
}

TEST(CliCheck, MissingRequiredValue) {
    BadStudy s("[study]\nname = \"bad\"\nhorizon_years = 5\n[[alternative]]\nid = \"a\"\n");
    EXPECT_EQ(s.run.exit_code, 2);
    s.expect(1, 1, "missing required key 'discount_rate' in [study]");
}

TEST(CliCheck, UnknownModelListsAvailableModels) {
    BadStudy s(study_with("horizon_years = 5", "discount_rate = 0.08",
                          "[alternative.models.maintenace]\n"));
    EXPECT_EQ(s.run.exit_code, 2);
    s.expect(7, 21, "unknown model 'maintenace'; did you mean 'maintenance'? available: "
                    "benefits, downtime, maintenance, operations, schedule, spare_parts, training");
}

TEST(CliCheck, UnknownChoiceWithSuggestion) {
    BadStudy s(study_with("horizon_years = 5", "discount_rate = 0.08",
                          "[alternative.models.downtime]\ncost_method = \"overtme\"\n"));
    EXPECT_EQ(s.run.exit_code, 2);
    s.expect(8, 15, "unknown choice 'overtme' for 'cost_method'; did you mean 'overtime'?");
}

TEST(CliCheck, NaNIsRejected) {
    BadStudy s(study_with("horizon_years = 5", "discount_rate = nan"));
    EXPECT_EQ(s.run.exit_code, 2);
    s.expect(4, 17, "'discount_rate' = nan is not a finite number");
}

TEST(CliCheck, HorizonOfZeroAndOfOneHundredAndOneAreRejected) {
    for (int horizon : {0, 101}) {
        BadStudy s(study_with("horizon_years = " + std::to_string(horizon), "discount_rate = 0.08"));
        EXPECT_EQ(s.run.exit_code, 2) << horizon;
        s.expect(3, 17, "'horizon_years' = " + std::to_string(horizon) + " is outside 1 .. 100");
    }
    // The bounds themselves are allowed.
    for (int horizon : {1, 100}) {
        BadStudy s(study_with("horizon_years = " + std::to_string(horizon), "discount_rate = 0.08"));
        EXPECT_EQ(s.run.exit_code, 0) << horizon << "\n" << s.run.err;
    }
}

TEST(CliCheck, EveryProblemIsReportedInFileOrder) {
    // Three problems in one file: all three reported, each as file:line:col, in line order.
    BadStudy s(study_with("horizon_years = 0", "discount_rate = nan",
                          "[alternative.models.maintenace]\n"));
    EXPECT_EQ(s.run.exit_code, 2);
    const std::string file = std::regex_replace(s.file.string(), std::regex(R"([.^$|()\[\]{}*+?\\])"),
                                                R"(\$&)");
    const std::regex diagnostic("^" + file + R"(:(\d+):(\d+): .+$)");
    std::vector<int> lines;
    std::istringstream err(s.run.err);
    for (std::string line; std::getline(err, line);) {
        std::smatch m;
        ASSERT_TRUE(std::regex_match(line, m, diagnostic)) << line;
        lines.push_back(std::stoi(m[1]));
    }
    EXPECT_EQ(lines, (std::vector<int>{3, 4, 7}));
}

TEST(CliCheck, MissingFileIsBadInput) {
    TempDir dir;
    const CliRun r = run_eqroi({"check", (dir.path() / "absent.toml").string()});
    EXPECT_EQ(r.exit_code, 2);
    EXPECT_NE(r.err.find("absent.toml"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace cli_test
