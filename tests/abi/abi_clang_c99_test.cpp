// ABI proof 1: a plugin written in plain C99 against plugin.h and compiled by clang loads in the
// host built by g++, describes itself exactly like the equivalent C++ model (plugin.hpp, g++),
// and computes bit-identical amounts on the same batches.
#include "abi_support.hpp"

#include <cstdio>
#include <cstring>
#include <string>
#include <vector>

namespace abi_test {
namespace {

/// The two coolant models, loaded into one registry.
struct BothModels {
    eqroi::PluginRegistry registry = abi_test::registry();
    const eqroi::Model* c = nullptr;    // c99_model.so, clang
    const eqroi::Model* cpp = nullptr;  // cpp_model.so, the project's C++ compiler
};

void load_both(BothModels& m) {
    ASSERT_NO_THROW(m.registry.load_file(plugin("c99_model")));
    ASSERT_NO_THROW(m.registry.load_file(plugin("cpp_model")));
    m.c = m.registry.find("abi_coolant_c99");
    m.cpp = m.registry.find("abi_coolant_cpp");
    ASSERT_NE(m.c, nullptr);
    ASSERT_NE(m.cpp, nullptr);
}

/// Every double of `a` has the same 64 bits as in `b`; reports the first difference in hex.
void expect_same_bits(const std::vector<double>& a, const std::vector<double>& b) {
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (std::memcmp(&a[i], &b[i], sizeof(double)) != 0) {
            char text[128];
            std::snprintf(text, sizeof text, "%a (C99/clang) vs %a (C++)", a[i], b[i]);
            ADD_FAILURE() << "amount #" << i << " differs: " << text;
            return;
        }
    }
}

// Parameter order of both models (c99_model.c's P_* enum).
enum { hours, litres, type, recovery, coolant_price, inserts, insert_price, escalation, load,
       deposit };

TEST(AbiClangC99, LibraryBuiltByClangHostBuiltByGcc) {
    // The proof is only a proof across compilers if it really crosses them.
#if defined(__GNUC__) && !defined(__clang__)
    const bool host_is_gcc = true;
#else
    const bool host_is_gcc = false;
#endif
    EXPECT_TRUE(host_is_gcc) << "this test host was built by " << __VERSION__
                             << ", not GCC: configure the project with g++";

    // clang and GCC each leave their version string in .comment. The C library may also hold
    // GCC's string, from the crtbeginS.o clang links with, but only clang writes "clang version".
    const std::string c_comment = elf_comment(plugin("c99_model"));
    EXPECT_NE(c_comment.find("clang version"), std::string::npos) << c_comment;
    const std::string cpp_comment = elf_comment(plugin("cpp_model"));
    EXPECT_NE(cpp_comment.find("GCC: ("), std::string::npos) << cpp_comment;
    EXPECT_EQ(cpp_comment.find("clang"), std::string::npos) << cpp_comment;
}

TEST(AbiClangC99, DescribesItselfLikeTheCppModel) {
    BothModels m;
    load_both(m);
    if (HasFatalFailure()) return;
    const eqroi::Model& c = *m.c;
    const eqroi::Model& cpp = *m.cpp;
    EXPECT_EQ(c.plugin().abi_major, 1u);
    EXPECT_EQ(c.plugin().abi_minor, uint32_t{EQROI_ABI_MINOR});
    // clang lays the structs out as g++ does: the sizes the plugin declares are the host's.
    EXPECT_EQ(c.plugin().struct_size, sizeof(eqroi_plugin));
    EXPECT_EQ(c.descriptor().struct_size, sizeof(eqroi_model));
    ASSERT_EQ(c.descriptor().param_count, 10u);
    ASSERT_EQ(cpp.descriptor().param_count, 10u);
    ASSERT_EQ(c.descriptor().line_count, 3u);
    ASSERT_EQ(cpp.descriptor().line_count, 3u);
    for (std::size_t p = 0; p < 10; ++p) {
        const eqroi_param_desc& a = c.param(p);
        const eqroi_param_desc& b = cpp.param(p);
        SCOPED_TRACE(a.key);
        EXPECT_EQ(a.struct_size, sizeof(eqroi_param_desc));
        EXPECT_EQ(b.struct_size, sizeof(eqroi_param_desc));
        EXPECT_STREQ(a.key, b.key);
        EXPECT_STREQ(a.label, b.label);
        EXPECT_STREQ(a.unit, b.unit);
        EXPECT_STREQ(a.help, b.help);
        EXPECT_STREQ(a.choices, b.choices);
        EXPECT_EQ(a.flags, b.flags);
        EXPECT_EQ(a.default_value, b.default_value);
        EXPECT_EQ(a.min_value, b.min_value);
        EXPECT_EQ(a.max_value, b.max_value);
    }
    EXPECT_STREQ(c.param(type).choices, "emulsion|synthetic|neat_oil");
    EXPECT_EQ(c.param(type).flags, uint32_t{EQROI_PARAM_CHOICE | EQROI_PARAM_INTEGER});
    EXPECT_EQ(c.param(recovery).flags, uint32_t{EQROI_PARAM_BOOLEAN | EQROI_PARAM_INTEGER});
    EXPECT_EQ(c.param(load).flags, uint32_t{EQROI_PARAM_PER_PERIOD});
    EXPECT_EQ(c.param(escalation).min_value, -0.5);
    EXPECT_EQ(c.param_index("drum_deposit"), 9);

    for (std::size_t l = 0; l < 3; ++l) {
        SCOPED_TRACE(c.line(l).key);
        EXPECT_EQ(c.line(l).struct_size, sizeof(eqroi_line_desc));
        EXPECT_STREQ(c.line(l).key, cpp.line(l).key);
        EXPECT_STREQ(c.line(l).label, cpp.line(l).label);
        EXPECT_EQ(c.line(l).category, cpp.line(l).category);
        EXPECT_EQ(c.line(l).tax_treatment, cpp.line(l).tax_treatment);
        EXPECT_STREQ(c.line(l).help, cpp.line(l).help);
    }
    // The ABI 1.1 line help, read from a plugin compiled by clang.
    EXPECT_STREQ(c.line(0).help, "Coolant concentrate bought: hours x litres per hour x price.");
    EXPECT_STREQ(c.line(1).help, "Inserts worn out: hours x inserts per hour x price.");
    EXPECT_EQ(c.line(2).help, nullptr);
    EXPECT_EQ(c.line(2).category, uint32_t{EQROI_CATEGORY_OTHER});
    EXPECT_EQ(c.line(2).tax_treatment, uint32_t{EQROI_TAX_NOT_TAXED});
}

TEST(AbiClangC99, YearlyBatchSameBitsAsCppAndHandCalculation) {
    BothModels m;
    load_both(m);
    if (HasFatalFailure()) return;
    const eqroi_timing t = timing(4, 1);
    // Four trials; load_factor has 5 values (periods 0..4) per trial.
    const std::vector<std::vector<double>> values = {
        /* hours         */ {2000, 3500, 8000, 1234.5},
        /* litres/h      */ {0.5, 0.37, 1.25, 0.8},
        /* coolant_type  */ {1, 0, 2, 2},
        /* recovery_unit */ {1, 0, 1, 0},
        /* coolant_price */ {5, 4.35, 7.2, 3.99},
        /* inserts/h     */ {0.25, 0.6, 0.05, 1.7},
        /* insert_price  */ {10, 14.5, 32, 8.75},
        /* escalation    */ {0.1, 0.031, -0.02, 0.5},
        /* load_factor   */ {1, 0.5, 1, 1, 0.75,  0, 0.2, 0.45, 0.9, 1,
                             0.3, 0.91, 0.87, 0.66, 0.01,  1, 1, 1, 1, 1},
        /* drum_deposit  */ {200, 0, 1234.56, 50}};
    const auto c = evaluate(*m.c, t, 4, values);
    const auto cpp = evaluate(*m.cpp, t, 4, values);
    expect_same_bits(c, cpp);

    // Trial 0 by hand: synthetic (x0.8) with a recovery unit (x0.6): litres/h = 0.5 * 0.8 * 0.6
    // = 0.24. Price index 1, 1.1, 1.21, 1.331 in years 1..4. Hours 2000 * load:
    // 1000, 2000, 2000, 1500.
    //   coolant = -(hours * 0.24 * 5 * index):   -1200, -2640, -2904, -(1800 * 1.331) = -2395.8
    //   tooling = -(hours * 0.25 * 10 * index):  -2500, -5500, -6050, -(3750 * 1.331) = -4991.25
    //   deposit: -200 at purchase, +200 back at period 4.
    const std::vector<double> coolant = {0, -1200, -2640, -2904, -2395.8};
    const std::vector<double> tooling = {0, -2500, -5500, -6050, -4991.25};
    const std::vector<double> drums = {-200, 0, 0, 0, 200};
    for (uint32_t k = 0; k <= 4; ++k) {
        SCOPED_TRACE(k);
        EXPECT_DOUBLE_EQ(series(c, *m.c, t, 0, 0)[k], coolant[k]);
        EXPECT_DOUBLE_EQ(series(c, *m.c, t, 0, 1)[k], tooling[k]);
        EXPECT_DOUBLE_EQ(series(c, *m.c, t, 0, 2)[k], drums[k]);
    }
    // Trial 1 (no deposit) has deposit 0 everywhere; trial 2 pays 1234.56 and gets it back.
    EXPECT_EQ(series(c, *m.c, t, 1, 2), std::vector<double>(5, 0.0));
    EXPECT_EQ(series(c, *m.c, t, 2, 2), (std::vector<double>{-1234.56, 0, 0, 0, 1234.56}));
}

TEST(AbiClangC99, MonthlyBatchSameBitsAsCppAndEscalationAtTheAnniversary) {
    BothModels m;
    load_both(m);
    if (HasFatalFailure()) return;
    const eqroi_timing t = timing(14, 12);
    std::vector<double> load_factor;
    for (int k = 0; k <= 14; ++k) load_factor.push_back(k == 13 ? 0.5 : 1.0);  // trial 0
    for (int k = 0; k <= 14; ++k) load_factor.push_back(k / 14.0);             // trial 1: ramp-up
    for (int k = 0; k <= 14; ++k) load_factor.push_back(0.8);                  // trial 2
    const std::vector<std::vector<double>> values = {
        {2400, 6100, 150}, {1.0, 0.73, 2.2}, {0, 2, 1},       {0, 1, 1},
        {4, 6.1, 3.3},     {0.5, 0.33, 0.9}, {12, 21.9, 5.55}, {0.05, 0.047, -0.1},
        load_factor,       {100, 75, 0}};
    const auto c = evaluate(*m.c, t, 3, values);
    const auto cpp = evaluate(*m.cpp, t, 3, values);
    expect_same_bits(c, cpp);

    // Trial 0 by hand: emulsion (x1), no recovery unit (x1): litres/h = 1. 2400 h/yr is 200 h a
    // month. Months 1-12 at index 1: coolant -(200 * 1 * 4) = -800, tooling -(200 * 0.5 * 12)
    // = -1200. Month 13 is the first of year 2: index 1.05, and half load (100 h): coolant
    // -(100 * 4 * 1.05) = -420, tooling -(100 * 6 * 1.05) = -630. Month 14: -840, -1260.
    // Deposit -100 at purchase, +100 at month 14.
    const auto coolant = series(c, *m.c, t, 0, 0);
    const auto tooling = series(c, *m.c, t, 0, 1);
    EXPECT_EQ(coolant[0], 0);
    EXPECT_EQ(tooling[0], 0);
    for (uint32_t k = 1; k <= 12; ++k) {
        EXPECT_DOUBLE_EQ(coolant[k], -800) << k;
        EXPECT_DOUBLE_EQ(tooling[k], -1200) << k;
    }
    EXPECT_DOUBLE_EQ(coolant[13], -420);
    EXPECT_DOUBLE_EQ(tooling[13], -630);
    EXPECT_DOUBLE_EQ(coolant[14], -840);
    EXPECT_DOUBLE_EQ(tooling[14], -1260);
    std::vector<double> drums(15, 0.0);
    drums[0] = -100;
    drums[14] = 100;
    EXPECT_EQ(series(c, *m.c, t, 0, 2), drums);
}

}  // namespace
}  // namespace abi_test
