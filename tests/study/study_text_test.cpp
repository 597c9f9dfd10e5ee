// StudyText: edits keep every byte the user wrote except the value that changes. Each test
// edits an in-memory copy of an example study (or a small text written here) and compares the
// result with the original line by line: the expected lines are written out literally, and
// the result is parsed again by eqroi::parse_study with the bundled models, so that the value
// read back is the value set.
#include "study_text_fixture.hpp"

#include <toml++/toml.h>

#include <limits>
#include <regex>

namespace eqroi::test {
namespace {

// One model value in each example: the diff is that one line, the new line differs from the
// old one only in the value's characters (the comment after it is byte-identical, even when
// the value's length changes), and the study reads the new value back.
TEST_F(StudyTextTest, SettingAModelValueChangesOnlyThatValue) {
    struct Case {
        const char* file;
        const char* alternative;
        const char* model;
        const char* key;
        double value;
        const char* before;
        const char* after;
    };
    const Case cases[] = {
        {"cnc_replacement.toml", "keep", "downtime", "mtbf_hours", 1250.5,
         "mtbf_hours = 180                  # breakdown log: 20 stops of any kind in 3,600 h\n",
         "mtbf_hours = 1250.5                  # breakdown log: 20 stops of any kind in 3,600 h\n"},
        {"compressed_air.toml", "keep", "operations", "load_factor", 0.7,
         "load_factor = 0.65                # metered: unloaded running counts too\n",
         "load_factor = 0.7                # metered: unloaded running counts too\n"},
        {"injection_moulding.toml", "new_press", "operations", "rated_power_kw", 40,
         "rated_power_kw = 35           # all-electric: about 40 % less energy than hydraulic "
         "(datasheet)\n",
         "rated_power_kw = 40           # all-electric: about 40 % less energy than hydraulic "
         "(datasheet)\n"},
        {"palletising_robot.toml", "robot", "maintenance", "overhaul_cost", 13500,
         "overhaul_cost = 12000         # gearbox and cable dress pack (integrator's plan)\n",
         "overhaul_cost = 13500         # gearbox and cable dress pack (integrator's plan)\n"},
    };
    for (const Case& c : cases) {
        SCOPED_TRACE(c.file);
        const std::string original = read(c.file);
        ASSERT_FALSE(original.empty());
        StudyText t(original, c.file);
        t.set_model_value(c.alternative, c.model, c.key, c.value);
        const LineDiff d = diff(original, t.text());
        EXPECT_EQ(d.removed, Lines{c.before});
        EXPECT_EQ(d.added, Lines{c.after});
        ASSERT_EQ(d.added.size(), 1u);
        const std::string& line = d.added[0];
        EXPECT_EQ(line.substr(line.find('#')),
                  std::string(c.before).substr(std::string(c.before).find('#')));
        EXPECT_EQ(values(parse(t.text()), c.alternative, c.model, c.key),
                  std::vector<double>{c.value});
        EXPECT_EQ(t.text().size(), original.size() + line.size() - std::string(c.before).size());
    }
}

// Every number written in an alternative's tables in every example (read by toml++, as an
// independent list): changed to 1234.5, exactly one line changes, and only between "key = "
// and the rest of the line (spaces and comment).
TEST_F(StudyTextTest, EveryNumberOfEveryExampleIsRewrittenInPlace) {
    // key = number  (# comment): the examples write plain numbers.
    const std::regex line_re(R"(^(\s*[A-Za-z0-9_.]+ = )(-?[0-9][0-9._eE+-]*)(.*\n)$)");
    int edits = 0;
    for (const char* file : {"cnc_replacement.toml", "compressed_air.toml",
                             "injection_moulding.toml", "palletising_robot.toml"}) {
        const std::string original = read(file);
        const toml::table doc = toml::parse(original);
        const toml::array& alternatives = *doc["alternative"].as_array();
        for (std::size_t i = 0; i < alternatives.size(); ++i) {
            const toml::table& alt = *alternatives.get(i)->as_table();
            const std::string id = alt["id"].value_or(std::string());
            std::vector<std::pair<std::vector<std::string>, std::string>> keys;
            auto numbers = [&](const toml::table& t, const std::vector<std::string>& path) {
                for (auto&& [k, v] : t)
                    if (v.is_number()) keys.push_back({path, std::string(k.str())});
            };
            for (const char* table : {"capital", "financing", "equipment"})
                if (auto t = alt[table].as_table()) numbers(*t, {table});
            if (auto models = alt["models"].as_table())
                for (auto&& [m, t] : *models)
                    numbers(*t.as_table(), {"models", std::string(m.str())});
            for (const auto& [table, key] : keys) {
                SCOPED_TRACE(std::string(file) + " " + id + " " + table.back() + "." + key);
                StudyText t(original, file);
                t.set_value(id, table, key, 1234.5);
                const LineDiff d = diff(original, t.text());
                ASSERT_EQ(d.removed.size(), 1u);
                ASSERT_EQ(d.added.size(), 1u);
                std::smatch before, after;
                ASSERT_TRUE(std::regex_match(d.removed[0], before, line_re)) << d.removed[0];
                ASSERT_TRUE(std::regex_match(d.added[0], after, line_re)) << d.added[0];
                EXPECT_EQ(after[1].str(), before[1].str());
                EXPECT_EQ(after[2].str(), "1234.5");
                EXPECT_EQ(after[3].str(), before[3].str());
                ++edits;
            }
        }
    }
    // As many as `awk '/^\[\[alternative\]\]/{a=1} a && /^[a-z_]+ = -?[0-9]/'` counts in the
    // four files (lines `key = number` from the first [[alternative]] on; escalation lines are
    // dotted keys and not matched).
    EXPECT_EQ(edits, 311);
}

TEST_F(StudyTextTest, AnAbsentKeyIsOneNewLineAndRemovingItRestoresTheFile) {
    const std::string original = read("cnc_replacement.toml");
    StudyText t(original, "cnc_replacement.toml");
    // buy_b's maintenance table has a service contract and no preventive cost.
    t.set_model_value("buy_b", "maintenance", "preventive_cost_per_year", 3000.0);
    const LineDiff d = diff(original, t.text());
    EXPECT_TRUE(d.removed.empty());
    EXPECT_EQ(d.added, Lines{"preventive_cost_per_year = 3000\n"});
    // After the table's last key line, before the blank line and the next table.
    const auto lines = lines_of(t.text());
    EXPECT_EQ(lines[d.at - 1], "overhaul_interval_years = 6\n");
    EXPECT_EQ(lines[d.at + 1], "\n");
    EXPECT_EQ(lines[d.at + 2], "[alternative.models.training]\n");
    EXPECT_EQ(values(parse(t.text()), "buy_b", "maintenance", "preventive_cost_per_year"),
              std::vector<double>{3000});

    EXPECT_TRUE(t.remove_model_value("buy_b", "maintenance", "preventive_cost_per_year"));
    EXPECT_EQ(t.text(), original);
    EXPECT_FALSE(t.remove_model_value("buy_b", "maintenance", "preventive_cost_per_year"));
    EXPECT_EQ(t.text(), original);

    // Removing a written value takes its line and its comment; the model's default applies.
    EXPECT_TRUE(t.remove_model_value("keep", "downtime", "overtime_premium"));
    EXPECT_EQ(diff(original, t.text()).removed,
              Lines{"overtime_premium = 0.5            # +50 % per the collective agreement\n"});
    EXPECT_TRUE(diff(original, t.text()).added.empty());
    EXPECT_TRUE(values(parse(t.text()), "keep", "downtime", "overtime_premium").empty());
}

TEST_F(StudyTextTest, ANewKeyTakesTheIndentationOfTheKeyAboveIt) {
    const std::string original =
        "[study]\n"
        "horizon_years = 10\n"
        "discount_rate = 0.08\n"
        "\n"
        "[[alternative]]\n"
        "  id = \"keep\"\n"
        "  [alternative.models.maintenance]\n"
        "    preventive_cost_per_year = 5000   # two-level indent\n"
        "    repair_parts_cost = 100\n"
        "\n"
        "  # the next table's comment\n"
        "  [alternative.models.downtime]\n";
    StudyText t(original, "indented.toml");
    t.set_model_value("keep", "maintenance", "repair_labor_hours", 3.0);
    const LineDiff d = diff(original, t.text());
    EXPECT_EQ(d.added, Lines{"    repair_labor_hours = 3\n"});
    EXPECT_EQ(lines_of(t.text())[d.at - 1], "    repair_parts_cost = 100\n");
    // An empty table: right under its header, with the header's indentation.
    t.set_model_value("keep", "downtime", "mtbf_hours", 400.0);
    EXPECT_EQ(t.text(), original.substr(0, original.find("    repair_parts_cost")) +
                            "    repair_parts_cost = 100\n"
                            "    repair_labor_hours = 3\n"
                            "\n"
                            "  # the next table's comment\n"
                            "  [alternative.models.downtime]\n"
                            "  mtbf_hours = 400\n");
    EXPECT_EQ(values(parse(t.text()), "keep", "downtime", "mtbf_hours"), std::vector<double>{400});
}

TEST_F(StudyTextTest, AMissingModelTableGoesAtTheEndOfItsAlternative) {
    const std::string original = read("cnc_replacement.toml");
    StudyText t(original, "cnc_replacement.toml");
    t.set_model_value("keep", "training", "operators", 2.0);
    // Before the blank line and the ruler comment that lead to [[alternative]] buy_a.
    const std::string keep_end = "carrying_rate = 0.0\n";
    const std::size_t at = original.find(keep_end) + keep_end.size();
    EXPECT_EQ(t.text(), original.substr(0, at) +
                            "\n"
                            "[alternative.models.training]\n"
                            "operators = 2\n" +
                            original.substr(at));
    EXPECT_EQ(original.substr(at, 1 + kRuler.size()), "\n" + kRuler);
    EXPECT_EQ(values(parse(t.text()), "keep", "training", "operators"), std::vector<double>{2});

    t.remove_model("keep", "training");
    EXPECT_EQ(t.text(), original);
}

TEST_F(StudyTextTest, AddingAndRemovingModels) {
    const std::string original = read("cnc_replacement.toml");
    StudyText t(original, "cnc_replacement.toml");
    // buy_b is the last alternative: its block ends at the end of the file.
    t.add_model("buy_b", "benefits");
    EXPECT_EQ(t.text(), original + "\n[alternative.models.benefits]\n");
    const Study added = parse(t.text());
    ASSERT_EQ(alternative(added, "buy_b").models.size(), 6u);
    EXPECT_EQ(alternative(added, "buy_b").models.back().model, "benefits");
    EXPECT_THROW(t.add_model("buy_b", "benefits"), StudyEditError);
    t.remove_model("buy_b", "benefits");
    EXPECT_EQ(t.text(), original);

    // A table in the middle goes with its keys and one blank line.
    t.remove_model("buy_a", "training");
    const std::size_t from = original.find("[alternative.models.training]\noperators = 4  ");
    const std::size_t to = original.find("[alternative.models.downtime]", from);
    EXPECT_EQ(t.text(), original.substr(0, from) + original.substr(to));
    EXPECT_EQ(model(parse(t.text()), "buy_a", "training"), nullptr);
    EXPECT_NE(model(parse(t.text()), "buy_b", "training"), nullptr);

    try {
        t.remove_model("buy_a", "training");
        FAIL() << "removed a model twice";
    } catch (const StudyEditError& e) {
        EXPECT_STREQ(e.what(),
                     "cnc_replacement.toml: the alternative 'buy_a' has no model "
                     "'training'; its models are: benefits, downtime, maintenance, "
                     "operations, spare_parts");
    }
}

/// The text of an alternative's block in the cnc example: from its ruler comment to its last
/// line (the blank line before the next ruler is not in it).
std::string cnc_block(const std::string& text, const std::string& id) {
    const std::size_t b = text.find(kRuler + "[[alternative]]\nid = \"" + id + "\"\n");
    const std::size_t e = text.find("\n" + kRuler, b + kRuler.size());
    return text.substr(b, e == std::string::npos ? std::string::npos : e - b);
}

TEST_F(StudyTextTest, AddingDuplicatingAndRemovingAlternatives) {
    const std::string original = read("cnc_replacement.toml");
    StudyText t(original, "cnc_replacement.toml");

    t.add_alternative("lease", "Lease machine B");
    EXPECT_EQ(t.text(), original + "\n" + kRuler +
                            "[[alternative]]\n"
                            "id = \"lease\"\n"
                            "name = \"Lease machine B\"\n");
    const Study added = parse(t.text());
    ASSERT_EQ(added.alternatives.size(), 4u);
    EXPECT_EQ(added.alternatives[3].name, "Lease machine B");
    EXPECT_THROW(t.add_alternative("lease", "again"), StudyEditError);
    EXPECT_THROW(t.add_alternative("Lease B", "bad id"), StudyEditError);
    t.remove_alternative("lease");
    EXPECT_EQ(t.text(), original);

    // The copy is buy_a's block, ruler and comments included, with its id and name changed.
    t.duplicate_alternative("buy_a", "buy_a2", "Buy machine A, second quote");
    std::string copy = cnc_block(original, "buy_a");
    copy.replace(copy.find("id = \"buy_a\""), 12, "id = \"buy_a2\"");
    copy.replace(copy.find("\"Buy machine A (5-axis premium)\""), 32,
                 "\"Buy machine A, second quote\"");
    EXPECT_EQ(t.text(), original + "\n" + copy);
    const Study dup = parse(t.text());
    EXPECT_EQ(t.alternative_ids(), (std::vector<std::string>{"keep", "buy_a", "buy_b", "buy_a2"}));
    EXPECT_EQ(alternative(dup, "buy_a2").capital.price, 385000);
    EXPECT_EQ(alternative(dup, "buy_a2").models.size(), alternative(dup, "buy_a").models.size());
    EXPECT_EQ(alternative(dup, "buy_a2").name, "Buy machine A, second quote");
    t.remove_alternative("buy_a2");
    EXPECT_EQ(t.text(), original);

    // The middle one: from its ruler to the next ruler (its block and the blank line after).
    t.remove_alternative("buy_a");
    const std::string block = cnc_block(original, "buy_a");
    EXPECT_EQ(t.text(), original.substr(0, original.find(block)) +
                            original.substr(original.find(block) + block.size() + 1));
    EXPECT_EQ(t.alternative_ids(), (std::vector<std::string>{"keep", "buy_b"}));
    // The first: the baseline must move too.
    t.remove_alternative("keep");
    t.set_study_value("baseline", std::string("buy_b"));
    const Study left = parse(t.text());
    ASSERT_EQ(left.alternatives.size(), 1u);
    EXPECT_EQ(left.settings.baseline, "buy_b");
    EXPECT_EQ(cnc_block(t.text(), "buy_b"), cnc_block(original, "buy_b"));

    // The last: the file ends where buy_a's block ended.
    StudyText u(original, "cnc_replacement.toml");
    u.remove_alternative("buy_b");
    EXPECT_EQ(u.text(), original.substr(0, original.find(cnc_block(original, "buy_b")) - 1));
    EXPECT_EQ(parse(u.text()).alternatives.size(), 2u);
}

TEST_F(StudyTextTest, AnUnknownAlternativeNamesTheOnesThereAre) {
    StudyText t(read("cnc_replacement.toml"), "cnc_replacement.toml");
    const std::string before = t.text();
    try {
        t.set_model_value("buy_c", "maintenance", "overhaul_cost", 1.0);
        FAIL() << "edited an alternative that does not exist";
    } catch (const StudyEditError& e) {
        EXPECT_STREQ(e.what(),
                     "cnc_replacement.toml: no alternative 'buy_c'; the alternatives "
                     "are: keep, buy_a, buy_b");
    }
    EXPECT_EQ(t.text(), before);
    EXPECT_THROW(t.remove_alternative("buy_c"), StudyEditError);
    EXPECT_THROW(t.set_alternative_value("buy_a", "id", std::string("keep")), StudyEditError);
    EXPECT_EQ(t.text(), before);
}

TEST_F(StudyTextTest, InvalidTomlIsRefusedWithItsPosition) {
    const std::string broken =
        "[study]\n"
        "horizon_years = 10\n"
        "discount_rate = = 0.08\n";
    StudyText t(broken, "plant.toml");
    try {
        t.set_study_value("horizon_years", 12.0);
        FAIL() << "edited text that is not TOML";
    } catch (const StudyEditError& e) {
        EXPECT_STREQ(e.what(),
                     "plant.toml:3:17: Error while parsing value: could not determine "
                     "value type");
    }
    EXPECT_EQ(t.text(), broken);
    EXPECT_TRUE(t.alternative_ids().empty());
}

// A non-ASCII text before the value on the same line: toml++ counts columns in code points
// (2-, 3- and 4-byte characters here), the splice works in bytes.
TEST_F(StudyTextTest, NonAsciiTextBeforeTheValueOnItsLine) {
    const std::string original =
        "# Étude: « remplacer la machine » – 5 €\n"
        "alternative = [{ id = \"keep\", name = \"Jürgen Groß ☃ 𝄞\", models = { maintenance = "
        "{ \"preventive_cost_per_year\" = 5000 } } }]  # «inline»\n"
        "[study]\n"
        "name = \"Größe ☃\"  # ünïcödé\n"
        "horizon_years = 10\n"
        "discount_rate = 0.08\n";
    StudyText t(original, "unicode.toml");
    t.set_model_value("keep", "maintenance", "preventive_cost_per_year", 5500.0);
    EXPECT_EQ(diff(original, t.text()).added,
              Lines{"alternative = [{ id = \"keep\", name = \"Jürgen Groß ☃ 𝄞\", models = { "
                    "maintenance = { \"preventive_cost_per_year\" = 5500 } } }]  # «inline»\n"});
    t.set_model_value("keep", "maintenance", "repair_parts_cost", 250.0);
    t.set_study_value("name", std::string("Größe ☃ 2"));
    const LineDiff d = diff(original, t.text());
    EXPECT_EQ(d.removed,
              (Lines{lines_of(original)[1], "[study]\n", "name = \"Größe ☃\"  # ünïcödé\n"}));
    EXPECT_EQ(d.added,
              (Lines{"alternative = [{ id = \"keep\", name = \"Jürgen Groß ☃ 𝄞\", models = "
                     "{ maintenance = { \"preventive_cost_per_year\" = 5500, "
                     "repair_parts_cost = 250 } } }]  # «inline»\n",
                     "[study]\n", "name = \"Größe ☃ 2\"  # ünïcödé\n"}));
    const Study s = parse(t.text());
    EXPECT_EQ(s.settings.name, "Größe ☃ 2");
    EXPECT_EQ(alternative(s, "keep").name, "Jürgen Groß ☃ 𝄞");
    EXPECT_EQ(values(s, "keep", "maintenance", "preventive_cost_per_year"),
              std::vector<double>{5500});
    EXPECT_EQ(values(s, "keep", "maintenance", "repair_parts_cost"), std::vector<double>{250});
    // Written inline, an alternative has no block to remove.
    EXPECT_THROW(t.remove_alternative("keep"), StudyEditError);
}

TEST_F(StudyTextTest, PerPeriodValuesOverSeveralLinesKeepTheirComments) {
    const std::string head =
        "[study]\n"
        "horizon_years = 10\n"
        "discount_rate = 0.08\n"
        "[[alternative]]\n"
        "id = \"buy\"\n"
        "[alternative.models.schedule]\n"
        "expense = [\n"
        "    0,        # purchase\n"
        "    1500,     # year 1: first service\n";
    const std::string original = head +
                                 "    1500,     # year 2 [not ] a bracket\n"
                                 "    1500,     # year 3 – überholt\n"
                                 "]  # after\n"
                                 "capital_spend = [0, 0, 26000]\n";
    StudyText t(original, "schedule.toml");
    t.set_model_value("buy", "schedule", "expense", std::vector<double>{0, 1500, 1750, 1500});
    LineDiff d = diff(original, t.text());
    EXPECT_EQ(d.removed, Lines{"    1500,     # year 2 [not ] a bracket\n"});
    EXPECT_EQ(d.added, Lines{"    1750,     # year 2 [not ] a bracket\n"});
    EXPECT_EQ(values(parse(t.text()), "buy", "schedule", "expense"),
              (std::vector<double>{0, 1500, 1750, 1500}));

    // One period more: appended after the last number.
    t.set_model_value("buy", "schedule", "expense",
                      std::vector<double>{0, 1500, 1750, 1500, 900.5});
    d = diff(original, t.text());
    EXPECT_EQ(d.added, (Lines{"    1750,     # year 2 [not ] a bracket\n",
                              "    1500, 900.5,     # year 3 – überholt\n"}));
    // Periods dropped: their lines go, comments and all.
    t.set_model_value("buy", "schedule", "expense", std::vector<double>{0, 1500});
    EXPECT_EQ(t.text(), head + "]  # after\ncapital_spend = [0, 0, 26000]\n");
    EXPECT_EQ(values(parse(t.text()), "buy", "schedule", "expense"),
              (std::vector<double>{0, 1500}));

    // On one line: shortened in place.
    t.set_model_value("buy", "schedule", "capital_spend", std::vector<double>{0, 0});
    EXPECT_EQ(diff(original, t.text()).added.back(), "capital_spend = [0, 0]\n");
    t.set_model_value("buy", "schedule", "capital_spend", std::vector<double>{});
    EXPECT_EQ(diff(original, t.text()).added.back(), "capital_spend = []\n");
    t.set_model_value("buy", "schedule", "capital_spend", std::vector<double>{0, 2.5e4});
    EXPECT_EQ(diff(original, t.text()).added.back(), "capital_spend = [0, 25000]\n");
}

TEST_F(StudyTextTest, StringsWithQuotesBackslashesAndUnicodeReadBack) {
    const std::string original = read("palletising_robot.toml");
    StudyText t(original, "palletising_robot.toml");
    const std::string name = "Robot \"A\" \\ C:\\cells\\1 – Größe ☃ 𝄞\ttab\x01";
    t.set_alternative_value("robot", "name", name);
    EXPECT_EQ(diff(original, t.text()).added,
              Lines{"name = \"Robot \\\"A\\\" \\\\ C:\\\\cells\\\\1 – Größe ☃ 𝄞\\ttab\\u0001\"\n"});
    EXPECT_EQ(alternative(parse(t.text()), "robot").name, name);
    // A choice is a string too.
    t.set_model_value("robot", "downtime", "cost_method", std::string("lost_output"));
    EXPECT_EQ(diff(original, t.text()).added.back(),
              "cost_method = \"lost_output\"      # packers palletise by hand while the robot "
              "is down\n");
    const std::string before = t.text();
    EXPECT_THROW(t.set_alternative_value("robot", "name", std::string("bad \xff byte")),
                 StudyEditError);
    EXPECT_EQ(t.text(), before);
}

TEST_F(StudyTextTest, NumbersAreWrittenAsTheyWereOrShortest) {
    const std::string original = read("cnc_replacement.toml");
    StudyText t(original, "cnc_replacement.toml");
    // A float stays a float when the new value is whole; an integer stays one.
    t.set_model_value("keep", "downtime", "overtime_premium", 1.0);
    t.set_model_value("keep", "maintenance", "repair_labor_hours", 20.0);
    // Shortest text that reads back: 0.1 + 0.2 is not 0.3.
    t.set_model_value("keep", "operations", "load_factor", 0.1 + 0.2);
    t.set_model_value("keep", "operations", "energy_price", 1e-7);
    const LineDiff d = diff(original, t.text());
    const std::string all = [&] {
        std::string s;
        for (const auto& l : d.added) s += l;
        return s;
    }();
    EXPECT_NE(all.find("overtime_premium = 1.0            # +50 %"), std::string::npos);
    EXPECT_NE(all.find("repair_labor_hours = 20\n"), std::string::npos);
    EXPECT_NE(all.find("load_factor = 0.30000000000000004                # metered"),
              std::string::npos);
    EXPECT_NE(all.find("energy_price = 1e-07               # EUR/kWh"), std::string::npos);
    const Study s = parse(t.text());
    EXPECT_EQ(values(s, "keep", "downtime", "overtime_premium"), std::vector<double>{1.0});
    EXPECT_EQ(values(s, "keep", "operations", "load_factor"), std::vector<double>{0.1 + 0.2});
    EXPECT_EQ(values(s, "keep", "operations", "energy_price"), std::vector<double>{1e-7});

    // The value it already holds: nothing changes (the user's 1_000 would stay).
    StudyText u("[study]\nhorizon_years = 10\ndiscount_rate = 0.08\nx = 1_000\n", "u.toml");
    u.set_study_value("x", 1000.0);
    EXPECT_EQ(u.text(), "[study]\nhorizon_years = 10\ndiscount_rate = 0.08\nx = 1_000\n");
    EXPECT_THROW(u.set_study_value("x", std::numeric_limits<double>::quiet_NaN()), StudyEditError);
    EXPECT_THROW(u.set_study_value("x", std::numeric_limits<double>::infinity()), StudyEditError);
    EXPECT_EQ(u.text(), "[study]\nhorizon_years = 10\ndiscount_rate = 0.08\nx = 1_000\n");
}

// Inline tables and dotted keys are edited in their own style.
TEST_F(StudyTextTest, InlineTablesAndDottedKeys) {
    const std::string original =
        "[study]\n"
        "horizon_years = 10\n"
        "discount_rate = 0.08\n"
        "\n"
        "[[alternative]]\n"
        "id = \"buy\"\n"
        "capital = { price = 250000, installation = 12000 }\n"
        "models.maintenance.preventive_cost_per_year = 5000   # dotted\n";
    StudyText t(original, "inline.toml");
    t.set_capital_value("buy", "price", 260000.0);
    t.set_capital_value("buy", "commissioning", 3000.0);
    EXPECT_EQ(diff(original, t.text()).added,
              Lines{"capital = { price = 260000, installation = 12000, commissioning = 3000 }\n"});
    EXPECT_TRUE(t.remove_value("buy", {"capital"}, "installation"));
    EXPECT_EQ(diff(original, t.text()).added,
              Lines{"capital = { price = 260000, commissioning = 3000 }\n"});
    EXPECT_TRUE(t.remove_value("buy", {"capital"}, "price"));
    EXPECT_EQ(diff(original, t.text()).added, Lines{"capital = { commissioning = 3000 }\n"});

    t.set_model_value("buy", "maintenance", "repair_parts_cost", 2500.0);
    t.set_model_value("buy", "downtime", "mtbf_hours", 300.0);
    EXPECT_EQ(diff(original, t.text()).added,
              (Lines{"capital = { commissioning = 3000 }\n",
                     "models.maintenance.preventive_cost_per_year = 5000   # dotted\n",
                     "models.maintenance.repair_parts_cost = 2500\n",
                     "models.downtime.mtbf_hours = 300\n"}));
    const Study s = parse(t.text());
    EXPECT_EQ(alternative(s, "buy").capital.commissioning, 3000);
    EXPECT_EQ(values(s, "buy", "maintenance", "repair_parts_cost"), std::vector<double>{2500});
    EXPECT_EQ(values(s, "buy", "downtime", "mtbf_hours"), std::vector<double>{300});

    // The only key of a model written with dotted keys: removing it would remove the model.
    const std::string before = t.text();
    try {
        t.remove_model_value("buy", "downtime", "mtbf_hours");
        FAIL() << "removed a model with its last key";
    } catch (const StudyEditError& e) {
        EXPECT_STREQ(e.what(), "inline.toml: removing 'mtbf_hours' would remove its table too "
                               "(its only key, written as a dotted key); remove the table itself "
                               "(remove_model) instead");
    }
    EXPECT_EQ(t.text(), before);
    t.remove_model("buy", "downtime");
    EXPECT_EQ(model(parse(t.text()), "buy", "downtime"), nullptr);
    // A key that names a table is not a value.
    EXPECT_THROW(t.set_alternative_value("buy", "capital", 1.0), StudyEditError);
}

TEST_F(StudyTextTest, EscalationLinesQuotedOrDotted) {
    const std::string original = read("compressed_air.toml");
    StudyText t(original, "compressed_air.toml");
    t.set_escalation_value("keep", "operations.energy", 0.02);
    LineDiff d = diff(original, t.text());
    EXPECT_EQ(d.added, Lines{"operations.energy = 0.02          # energy 1 %/yr faster than "
                             "inflation (agency projection)\n"});
    t.set_escalation_value("keep", "maintenance.preventive", 0.005);
    d = diff(original, t.text());
    EXPECT_EQ(d.added.back(), "maintenance.preventive = 0.005\n");
    const Study s = parse(t.text());
    ASSERT_EQ(alternative(s, "keep").escalation.size(), 2u);
    EXPECT_TRUE(t.remove_escalation_value("keep", "maintenance.preventive"));
    t.set_escalation_value("keep", "operations.energy", 0.01);
    EXPECT_EQ(t.text(), original);

    // An alternative with no [alternative.escalation] gets one at the end of its block.
    StudyText u(read("cnc_replacement.toml"), "cnc_replacement.toml");
    u.set_escalation_value("buy_b", "maintenance.service_contract", 0.01);
    EXPECT_EQ(u.text(), read("cnc_replacement.toml") +
                            "\n[alternative.escalation]\nmaintenance.service_contract = 0.01\n");
    EXPECT_EQ(alternative(parse(u.text()), "buy_b").escalation.size(), 1u);
}

TEST_F(StudyTextTest, RenamingAnAlternative) {
    const std::string original = read("injection_moulding.toml");
    StudyText t(original, "injection_moulding.toml");
    t.set_alternative_value("new_press", "id", std::string("press_180t"));
    EXPECT_EQ(diff(original, t.text()).added, Lines{"id = \"press_180t\"\n"});
    EXPECT_EQ(t.alternative_ids(), (std::vector<std::string>{"night_shift", "press_180t"}));
    EXPECT_THROW(t.set_alternative_value("press_180t", "id", std::string("Press!")),
                 StudyEditError);
}

}  // namespace
}  // namespace eqroi::test
