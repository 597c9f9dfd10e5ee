// resolve_param's order (model table > equipment > implied by the study > declared default),
// per-period padding, choices and booleans as numbers, and load_study on a real file.
#include "study_fixture.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

namespace eqroi::test {
namespace {

class ResolveTest : public StudyTest {
protected:
    static const eqroi_param_desc& param(const std::string& model, const std::string& key) {
        const Model* m = registry().find(model);
        EXPECT_NE(m, nullptr);
        const int i = m->param_index(key);
        EXPECT_GE(i, 0) << key;
        return m->descriptor().params[i];
    }
    static ResolvedValue resolve(const Study& s, std::size_t alt, std::size_t use,
                                 const std::string& key) {
        const Alternative& a = s.alternatives.at(alt);
        const ModelUse& u = a.models.at(use);
        auto r = resolve_param(s, a, u, param(u.model, key));
        EXPECT_TRUE(r.has_value()) << key;
        return r.value_or(ResolvedValue{});
    }
};

TEST_F(ResolveTest, ModelTableThenEquipmentThenCapitalPriceThenDefault) {
    const Study s = parse(R"([study]
horizon_years = 3
discount_rate = 0.08
[[alternative]]
id = "table"
capital.price = 3000
equipment.purchase_price = 2000
models.study_test = { rated_power = 1, purchase_price = 1000 }
[[alternative]]
id = "equipment"
capital.price = 3000
equipment.purchase_price = 2000
models.study_test = { rated_power = 1 }
[[alternative]]
id = "capital"
capital.price = 3000
models.study_test = { rated_power = 1 }
[[alternative]]
id = "default"
models.study_test = { rated_power = 1 }
)");
    ResolvedValue r = resolve(s, 0, 0, "purchase_price");
    EXPECT_EQ(r.values, std::vector<double>{1000});
    EXPECT_EQ(r.source, ValueSource::model_table);
    EXPECT_EQ(r.where.line, 8);

    r = resolve(s, 1, 0, "purchase_price");
    EXPECT_EQ(r.values, std::vector<double>{2000});
    EXPECT_EQ(r.source, ValueSource::equipment);
    EXPECT_EQ(r.where.line, 12);
    EXPECT_EQ(r.where.column, 28);  // "equipment.purchase_price = " is 27 characters

    r = resolve(s, 2, 0, "purchase_price");
    EXPECT_EQ(r.values, std::vector<double>{3000});
    EXPECT_EQ(r.source, ValueSource::study);
    EXPECT_EQ(r.where.line, 16);

    r = resolve(s, 3, 0, "purchase_price");
    EXPECT_EQ(r.values, std::vector<double>{50000});  // the test model's declared default
    EXPECT_EQ(r.source, ValueSource::declared_default);
    EXPECT_EQ(r.where.line, 0);
}

TEST_F(ResolveTest, EscalationDefaultsToStudyInflation) {
    const Study s = parse(R"([study]
horizon_years = 3
discount_rate = 0.08
inflation = 0.02
[[alternative]]
id = "implied"
models.study_test = { rated_power = 1 }
[[alternative]]
id = "own"
models.study_test = { rated_power = 1, escalation = 0.035 }
)");
    ResolvedValue r = resolve(s, 0, 0, "escalation");
    EXPECT_EQ(r.values, std::vector<double>{0.02});  // inflation, not the declared 0.01
    EXPECT_EQ(r.source, ValueSource::study);
    r = resolve(s, 1, 0, "escalation");
    EXPECT_EQ(r.values, std::vector<double>{0.035});
    EXPECT_EQ(r.source, ValueSource::model_table);
}

TEST_F(ResolveTest, PerPeriodValuesArePaddedToPeriodsPlusOne) {
    const Study s = parse(R"([study]
horizon_years = 3
discount_rate = 0.08
[[alternative]]
id = "a"
models.study_test = { rated_power = 1, extra_costs = [1, 2] }
)");
    // Periods 0..3: 4 values; the two not written are 0.
    EXPECT_EQ(resolve(s, 0, 0, "extra_costs").values, (std::vector<double>{1, 2, 0, 0}));
    // A default applies to every period.
    EXPECT_EQ(resolve(s, 0, 0, "load_factor").values, (std::vector<double>{0.5, 0.5, 0.5, 0.5}));
    // A scalar stays one value.
    EXPECT_EQ(resolve(s, 0, 0, "operating_hours_per_year").values, std::vector<double>{4000});

    const Study monthly = parse(R"([study]
horizon_years = 1
periods = "monthly"
discount_rate = 0.08
[[alternative]]
id = "a"
models.study_test = { rated_power = 1, extra_costs = [5] }
)");
    // 1 year of months: periods 0..12, 13 values: 5 then twelve zeros.
    std::vector<double> expected(13, 0.0);
    expected[0] = 5;
    EXPECT_EQ(resolve(monthly, 0, 0, "extra_costs").values, expected);
}

TEST_F(ResolveTest, ChoicesAsIndexBooleansAsOneOrZero) {
    const Study s = parse(R"([study]
horizon_years = 3
discount_rate = 0.08
[[alternative]]
id = "a"
equipment = { shift_pattern = "single" }
models.study_test = { rated_power = 1, cost_basis = "overtime", include_overhaul = true }
models.study_test_energy = {}
)");
    EXPECT_EQ(resolve(s, 0, 0, "cost_basis").values, std::vector<double>{1});  // lost_output|overtime|..
    EXPECT_EQ(resolve(s, 0, 0, "include_overhaul").values, std::vector<double>{1});
    // One name in [equipment], each model's own index: single|double|triple -> 0,
    // triple|double|single -> 2.
    EXPECT_EQ(resolve(s, 0, 0, "shift_pattern").values, std::vector<double>{0});
    EXPECT_EQ(resolve(s, 0, 1, "shift_pattern").values, std::vector<double>{2});
    EXPECT_EQ(resolve(s, 0, 1, "shift_pattern").source, ValueSource::equipment);
}

TEST_F(ResolveTest, StudiesBuiltInCode) {
    // The engine and the studio may build a Study without a file.
    Study s;
    s.settings.horizon_years = 2;
    Alternative a;
    a.id = "a";
    a.capital.price = 100;  // no price_where: not 0 counts as given
    ModelUse use;
    use.model = "study_test";
    a.models.push_back(use);
    s.alternatives.push_back(a);
    EXPECT_EQ(s.find("a"), &s.alternatives[0]);
    EXPECT_EQ(s.find("b"), nullptr);

    const Alternative& alt = s.alternatives[0];
    auto price = resolve_param(s, alt, alt.models[0], param("study_test", "purchase_price"));
    ASSERT_TRUE(price);
    EXPECT_EQ(price->values, std::vector<double>{100});
    // rated_power is EQROI_PARAM_REQUIRED and nobody gives it.
    EXPECT_FALSE(resolve_param(s, alt, alt.models[0], param("study_test", "rated_power")));

    s.alternatives[0].capital.price = 0;  // neither written nor non-zero: the declared default
    price = resolve_param(s, s.alternatives[0], s.alternatives[0].models[0],
                          param("study_test", "purchase_price"));
    ASSERT_TRUE(price);
    EXPECT_EQ(price->values, std::vector<double>{50000});
    EXPECT_EQ(price->source, ValueSource::declared_default);
}

// ---------------------------------------------------------------- load_study on a file

class TempFile {
public:
    explicit TempFile(const std::string& text) {
        path_ = std::filesystem::temp_directory_path() /
                ("eqroi-study-" + std::to_string(::getpid()) + "-" + std::to_string(count_++) + ".toml");
        std::ofstream(path_) << text;
    }
    ~TempFile() { std::filesystem::remove(path_); }
    const std::filesystem::path& path() const { return path_; }

private:
    std::filesystem::path path_;
    static inline int count_ = 0;
};

TEST_F(StudyTest, LoadStudyReadsAFile) {
    TempFile f(kOneAlternative);
    const Study s = load_study(f.path(), registry());
    EXPECT_EQ(s.file, f.path());
    EXPECT_EQ(s.settings.horizon_years, 10);
    EXPECT_EQ(s.settings.name, f.path().stem().string());
    EXPECT_EQ(s.alternatives.at(0).models.at(0).params.at("rated_power").values,
              std::vector<double>{15});
}

TEST_F(StudyTest, LoadStudyNamesTheFileInDiagnostics) {
    TempFile f(kOneAlternative + "technicians = 99\n");
    try {
        load_study(f.path(), registry());
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(e.diagnostics()[0].to_string(),
                  f.path().string() + ":8:15: 'technicians' = 99 is outside 0 .. 20");
        EXPECT_EQ(std::string(e.what()), e.diagnostics()[0].to_string());
    }
}

TEST_F(StudyTest, LoadStudyOfAMissingFile) {
    try {
        load_study("/nonexistent/eqroi/plant.toml", registry());
        FAIL() << "expected an InputError";
    } catch (const InputError& e) {
        ASSERT_EQ(e.diagnostics().size(), 1u);
        EXPECT_EQ(e.diagnostics()[0].to_string(),
                  "/nonexistent/eqroi/plant.toml: cannot read the study file: No such file or "
                  "directory");
    }
}

}  // namespace
}  // namespace eqroi::test
