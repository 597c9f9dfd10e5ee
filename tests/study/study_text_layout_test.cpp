// StudyText on layouts the examples do not have: Windows line ends, no newline at the end,
// a byte order mark, [study] missing or after the alternatives, lines inside a multi-line
// string that look like headers, comments at the end of the file and under a header.
#include "study_text_fixture.hpp"

#include <regex>

namespace eqroi::test {
namespace {

class StudyTextLayoutTest : public StudyTextTest {};

std::string crlf(const std::string& text) {
    return std::regex_replace(text, std::regex("\n"), "\r\n");
}

TEST_F(StudyTextLayoutTest, WindowsLineEndsStayWindowsLineEnds) {
    const std::string original = crlf(read("cnc_replacement.toml"));
    ASSERT_NE(original.find("\r\n"), std::string::npos);
    StudyText t(original, "cnc_replacement.toml");
    t.set_model_value("keep", "downtime", "mtbf_hours", 200.0);
    EXPECT_EQ(diff(original, t.text()).added,
              Lines{"mtbf_hours = 200                  # breakdown log: 20 stops of any kind in "
                    "3,600 h\r\n"});
    t.set_model_value("keep", "downtime", "mtbf_hours", 180.0);
    ASSERT_EQ(t.text(), original);

    t.set_model_value("buy_b", "maintenance", "preventive_cost_per_year", 3000.0);
    EXPECT_EQ(diff(original, t.text()).added, Lines{"preventive_cost_per_year = 3000\r\n"});
    EXPECT_TRUE(t.remove_model_value("buy_b", "maintenance", "preventive_cost_per_year"));
    t.add_model("keep", "training");
    const std::string keep_end = "carrying_rate = 0.0\r\n";
    const std::size_t at = original.find(keep_end) + keep_end.size();
    EXPECT_EQ(t.text(), original.substr(0, at) + "\r\n[alternative.models.training]\r\n" +
                            original.substr(at));
    t.remove_model("keep", "training");
    t.add_alternative("lease", "Lease");
    EXPECT_EQ(t.text(), original + "\r\n" + crlf(kRuler) +
                            "[[alternative]]\r\nid = \"lease\"\r\nname = \"Lease\"\r\n");
    EXPECT_EQ(parse(t.text()).alternatives.size(), 4u);
    t.remove_alternative("lease");
    EXPECT_EQ(t.text(), original);
}

TEST_F(StudyTextLayoutTest, NoNewlineAtTheEndOfTheFile) {
    const std::string original =
        "[study]\n"
        "horizon_years = 10\n"
        "discount_rate = 0.08\n"
        "\n"
        "[[alternative]]\n"
        "id = \"keep\"\n"
        "[alternative.models.maintenance]\n"
        "preventive_cost_per_year = 9000";
    StudyText t(original, "plain.toml");
    t.set_model_value("keep", "maintenance", "preventive_cost_per_year", 9500.0);
    EXPECT_EQ(t.text(), original.substr(0, original.size() - 4) + "9500");
    t.set_model_value("keep", "maintenance", "preventive_cost_per_year", 9000.0);
    t.set_model_value("keep", "maintenance", "repair_parts_cost", 2500.0);
    EXPECT_EQ(t.text(), original + "\nrepair_parts_cost = 2500");
    EXPECT_EQ(values(parse(t.text()), "keep", "maintenance", "repair_parts_cost"),
              std::vector<double>{2500});
    EXPECT_TRUE(t.remove_model_value("keep", "maintenance", "repair_parts_cost"));
    EXPECT_EQ(t.text(), original);

    // No blank line before this file's sub-tables, a blank line before its alternatives.
    t.add_model("keep", "downtime");
    EXPECT_EQ(t.text(), original + "\n[alternative.models.downtime]");
    t.remove_model("keep", "downtime");
    EXPECT_EQ(t.text(), original);
    t.add_alternative("buy", "");
    EXPECT_EQ(t.text(), original + "\n\n[[alternative]]\nid = \"buy\"");
    EXPECT_EQ(parse(t.text()).alternatives[1].name, "buy");
    t.remove_alternative("buy");
    EXPECT_EQ(t.text(), original);
}

TEST_F(StudyTextLayoutTest, AByteOrderMarkIsNotAColumn) {
    const std::string original =
        "\xEF\xBB\xBF"
        "alternative = [{ id = \"a\", models = { maintenance = { preventive_cost_per_year = 1 "
        "} } }]\n"
        "[study]\n"
        "horizon_years = 10\n"
        "discount_rate = 0.08\n";
    StudyText t(original, "bom.toml");
    t.set_model_value("a", "maintenance", "preventive_cost_per_year", 4000.0);
    EXPECT_EQ(t.text(),
              "\xEF\xBB\xBF"
              "alternative = [{ id = \"a\", models = { maintenance = { "
              "preventive_cost_per_year = 4000 } } }]\n"
              "[study]\n"
              "horizon_years = 10\n"
              "discount_rate = 0.08\n");
    EXPECT_EQ(values(parse(t.text()), "a", "maintenance", "preventive_cost_per_year"),
              std::vector<double>{4000});
}

TEST_F(StudyTextLayoutTest, StudyTableMissingOrAfterTheAlternatives) {
    const std::string alternatives =
        "[[alternative]]\n"
        "id = \"a\"\n"
        "[alternative.models.maintenance]\n"
        "preventive_cost_per_year = 100\n";
    StudyText t(alternatives, "nostudy.toml");
    t.set_study_value("horizon_years", 10.0);
    t.set_study_value("discount_rate", 0.08);
    EXPECT_EQ(t.text(), "[study]\nhorizon_years = 10\ndiscount_rate = 0.08\n" + alternatives);
    EXPECT_EQ(parse(t.text()).settings.horizon_years, 10);

    const std::string study_last =
        "[[alternative]]\n"
        "id = \"a\"\n"
        "\n"
        "[study]\n"
        "horizon_years = 10\n"
        "discount_rate = 0.08\n";
    StudyText u(study_last, "studylast.toml");
    u.set_model_value("a", "maintenance", "preventive_cost_per_year", 100.0);
    EXPECT_EQ(u.text(),
              "[[alternative]]\n"
              "id = \"a\"\n"
              "\n"
              "[alternative.models.maintenance]\n"
              "preventive_cost_per_year = 100\n"
              "\n"
              "[study]\n"
              "horizon_years = 10\n"
              "discount_rate = 0.08\n");
    u.set_study_value("tax_rate", 0.25);
    EXPECT_EQ(u.text().substr(u.text().size() - 16), "tax_rate = 0.25\n");
    const Study s = parse(u.text());
    EXPECT_EQ(s.settings.tax_rate, 0.25);
    EXPECT_EQ(values(s, "a", "maintenance", "preventive_cost_per_year"), std::vector<double>{100});
    u.remove_model("a", "maintenance");
    u.remove_study_value("tax_rate");
    EXPECT_EQ(u.text(), study_last);
}

// Lines of a multi-line string are not headers or keys; comments after a table's last key,
// at the end of the file, stay after it.
TEST_F(StudyTextLayoutTest, MultiLineStringsAndTrailingComments) {
    const std::string original =
        "[study]\n"
        "name = \"\"\"Replace\n"
        "[[alternative]]\n"
        "id = \"not a key\" # not a comment\n"
        "\"\"\"\n"
        "horizon_years = 10\n"
        "discount_rate = 0.08\n"
        "[[alternative]]\n"
        "id = \"a\"\n"
        "[alternative.models.maintenance]\n"
        "preventive_cost_per_year = 100\n"
        "# the end\n";
    StudyText t(original, "strings.toml");
    EXPECT_EQ(t.alternative_ids(), std::vector<std::string>{"a"});
    t.set_study_value("name", std::string("Replace\n[[alternative]]\n"));
    EXPECT_EQ(diff(original, t.text()).added, Lines{"name = \"Replace\\n[[alternative]]\\n\"\n"});
    t.set_model_value("a", "maintenance", "repair_parts_cost", 50.0);
    EXPECT_EQ(t.text().substr(t.text().find("preventive_cost")),
              "preventive_cost_per_year = 100\nrepair_parts_cost = 50\n# the end\n");
    const Study s = parse(t.text());
    EXPECT_EQ(s.settings.name, "Replace\n[[alternative]]\n");
    t.add_model("a", "downtime");
    EXPECT_EQ(t.text().substr(t.text().find("repair_parts_cost")),
              "repair_parts_cost = 50\n# the end\n[alternative.models.downtime]\n");
}

// A table whose header is followed only by a comment: a new key goes under the comment.
TEST_F(StudyTextLayoutTest, AKeyInATableThatHasOnlyAComment) {
    const std::string original = read("palletising_robot.toml");
    StudyText t(original, "palletising_robot.toml");
    t.set_model_value("manual", "operations", "consumables_per_year", 800.0);
    const LineDiff d = diff(original, t.text());
    EXPECT_EQ(d.added, Lines{"consumables_per_year = 800\n"});
    EXPECT_EQ(lines_of(t.text())[d.at - 2], "[alternative.models.operations]\n");
    EXPECT_EQ(lines_of(t.text())[d.at + 1], "\n");
    EXPECT_EQ(values(parse(t.text()), "manual", "operations", "consumables_per_year"),
              std::vector<double>{800});
}

// Escalation lines written quoted, as docs/study-format.md shows, are edited where they are.
TEST_F(StudyTextLayoutTest, QuotedEscalationLines) {
    const std::string original =
        "[study]\n"
        "horizon_years = 4\n"
        "discount_rate = 0.08\n"
        "[[alternative]]\n"
        "id = \"buy\"\n"
        "[alternative.models.schedule]\n"
        "expense = [0, 1500, 1500]\n"
        "[alternative.escalation]\n"
        "\"schedule.expense\" = [0, 0, 0.05, 0]   # one rate per study year\n";
    StudyText t(original, "quoted.toml");
    t.set_escalation_value("buy", "schedule.expense", std::vector<double>{0, 0.01, 0.05, 0});
    EXPECT_EQ(diff(original, t.text()).added,
              Lines{"\"schedule.expense\" = [0, 0.01, 0.05, 0]   # one rate per study year\n"});
    const Study s = parse(t.text());
    ASSERT_EQ(alternative(s, "buy").escalation.size(), 1u);
    EXPECT_EQ(alternative(s, "buy").escalation[0].yearly, (std::vector<double>{0, 0.01, 0.05, 0}));
    EXPECT_TRUE(t.remove_escalation_value("buy", "schedule.expense"));
    EXPECT_EQ(t.text(), original.substr(0, original.find("\"schedule.expense\"")));
    EXPECT_FALSE(t.remove_escalation_value("buy", "schedule.expense"));
}

// Alternatives written as an inline array cannot take an [[alternative]] table: the result
// is parsed before it is accepted, and refused.
TEST_F(StudyTextLayoutTest, AnEditThatWouldBreakTheFileIsRefused) {
    const std::string original =
        "alternative = [{ id = \"a\" }]\n"
        "[study]\n"
        "horizon_years = 10\n"
        "discount_rate = 0.08\n";
    StudyText t(original, "inline.toml");
    try {
        t.add_alternative("b", "B");
        FAIL() << "added an [[alternative]] table after an inline array";
    } catch (const StudyEditError& e) {
        EXPECT_EQ(std::string(e.what()).rfind("cannot add the alternative 'b': the result would "
                                              "not be valid TOML (inline.toml:",
                                              0),
                  0u)
            << e.what();
    }
    EXPECT_EQ(t.text(), original);
}

}  // namespace
}  // namespace eqroi::test
