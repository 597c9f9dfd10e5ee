// plugin.hpp: the descriptors a ModelSpec becomes, the exception boundary of the evaluate
// trampoline, safe truncation of error messages, and the entry function's ABI check.
#include <eqroi/plugin.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <new>
#include <string>
#include <thread>
#include <vector>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;

class Described final : public eqroi::sdk::Model {
public:
    enum Param : uint32_t { price, technicians, contract_years, covers_repairs, method, hours };
    enum Line : uint32_t { service, overhaul };
    ModelSpec describe() const override {
        ModelSpec spec("acme_service", "ACME service", "Service contract and overhaul.");
        spec.number("purchase_price", "Purchase price", "currency", 50000, 0, 1e7, "Quote.");
        spec.integer("technicians", "Technicians", "", 2, 1, 10, "Headcount.");
        spec.required("contract_years", "Contract length", "yr", 1, 10, "From the contract.");
        spec.boolean("covers_repairs", "Covers repairs", true, "Whether repairs are included.");
        spec.choice("cost_method", "Cost method", "lost_output|overtime|subcontract", 1,
                    "How a lost hour is costed.");
        spec.series("hours_by_period", "Hours", "h", 4000, 0, 8760, "Hours in each period.");
        spec.line("service", "Service", EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE);
        spec.line("overhaul", "Overhaul", EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_CAPITALISED);
        return spec;
    }
    // service[k] = -hours[k] * technicians; overhaul at the last period = -0.1 * price unless
    // repairs are covered.
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            const double* h = b.series(hours, t);
            for (uint32_t k = 1; k <= b.periods(); ++k)
                b.out(t, service)[k] = -h[k] * b.value(technicians, t);
            if (b.value(covers_repairs, t) == 0)
                b.out(t, overhaul)[b.periods()] = -0.1 * b.value(price, t);
        }
    }
};

// Fails in the way its only parameter asks for.
class Faulty final : public eqroi::sdk::Model {
public:
    enum Mode {
        ok, invalid, failed, runtime, not_an_exception, bad_alloc, error_with_ok, long_message,
        utf8
    };
    ModelSpec describe() const override {
        ModelSpec spec("acme_faulty", "Faulty", "Throws on request.");
        spec.integer("mode", "Mode", "", 0, 0, 8, "Which failure.");
        spec.line("cost", "Cost", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        b.out(0, 0)[1] = -1;  // written before failing: the host discards it on a bad status
        switch (static_cast<Mode>(b.value(0, 0))) {
            case ok: return;
            case invalid: throw eqroi::sdk::invalid_parameter("mode must be below 9");
            case failed: throw eqroi::sdk::Error(EQROI_STATUS_EVALUATION_FAILED, "no convergence");
            case runtime: throw std::runtime_error("spare parts table missing");
            case not_an_exception: throw 42;
            case bad_alloc: throw std::bad_alloc();
            case error_with_ok: throw eqroi::sdk::Error(EQROI_STATUS_OK, "said OK but threw");
            case long_message: throw std::runtime_error(std::string(5000, 'x'));
            case utf8: throw std::runtime_error("pièce détachée");  // è, é: 2 bytes each
        }
    }
};

class DescribeThrows final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override { throw std::runtime_error("no spec"); }
    void evaluate(const Batch&) const override {}
};

}  // namespace

EQROI_PLUGIN("ACME", "ACME service pack", "1.2.0", Described, Faulty)

namespace {

const eqroi_plugin* plugin() { return eqroi_plugin_entry(EQROI_ABI_MAJOR, EQROI_ABI_MINOR); }

const eqroi_model& model(uint32_t m) { return *plugin()->models[m]; }

eqroi_timing timing(uint32_t periods, uint32_t periods_per_year) {
    eqroi_timing t{};
    t.struct_size = sizeof t;
    t.periods = periods;
    t.periods_per_year = periods_per_year;
    return t;
}

/// Runs acme_faulty in `mode` through the C entry point with an error buffer of `capacity`
/// bytes inside a larger one filled with '#', so a write past capacity shows.
struct FaultyCall {
    eqroi_status status;
    std::string message;  // up to the first NUL
    std::string buffer;   // the whole 64 + capacity bytes
};
FaultyCall call_faulty(double mode, uint32_t capacity) {
    const eqroi_model& m = model(1);
    const eqroi_timing t = timing(2, 1);
    const double* params[] = {&mode};
    double out[3] = {0, 0, 0};
    std::string buffer(capacity + 64, '#');
    eqroi_batch b{};
    b.struct_size = sizeof b;
    b.trial_count = 1;
    b.param_count = 1;
    b.line_count = 1;
    b.params = params;
    b.out = out;
    b.error = buffer.data();
    b.error_capacity = capacity;
    const eqroi_status status = m.evaluate(&m, &t, &b);
    return {status, std::string(buffer.c_str()), buffer};
}

TEST(SdkDescriptors, PluginFields) {
    const eqroi_plugin* p = plugin();
    ASSERT_NE(p, nullptr);
    EXPECT_EQ(p->abi_major, uint32_t{EQROI_ABI_MAJOR});
    EXPECT_EQ(p->abi_minor, uint32_t{EQROI_ABI_MINOR});
    EXPECT_EQ(p->struct_size, sizeof(eqroi_plugin));
    EXPECT_EQ(p->model_count, 2u);
    EXPECT_STREQ(p->vendor, "ACME");
    EXPECT_STREQ(p->name, "ACME service pack");
    EXPECT_STREQ(p->version, "1.2.0");
    EXPECT_EQ(p->get_extension, nullptr);
    EXPECT_EQ(plugin(), p);  // built once, the same descriptor every call
    // A later 1.y host gets the same 1.0 descriptor: minor versions are compatible.
    EXPECT_EQ(eqroi_plugin_entry(EQROI_ABI_MAJOR, EQROI_ABI_MINOR + 3), p);
}

TEST(SdkDescriptors, ModelFieldsFromTheSpec) {
    const eqroi_model& m = model(0);
    EXPECT_EQ(m.struct_size, sizeof(eqroi_model));
    EXPECT_STREQ(m.id, "acme_service");
    EXPECT_STREQ(m.name, "ACME service");
    EXPECT_STREQ(m.description, "Service contract and overhaul.");
    ASSERT_EQ(m.param_count, 6u);
    ASSERT_EQ(m.line_count, 2u);
    EXPECT_NE(m.evaluate, nullptr);
    EXPECT_NE(m.plugin_data, nullptr);
    EXPECT_STREQ(model(1).id, "acme_faulty");
    EXPECT_NE(model(1).plugin_data, m.plugin_data);  // one object per model
    for (uint32_t p = 0; p < m.param_count; ++p)
        EXPECT_EQ(m.params[p].struct_size, sizeof(eqroi_param_desc)) << p;
    for (uint32_t l = 0; l < m.line_count; ++l)
        EXPECT_EQ(m.lines[l].struct_size, sizeof(eqroi_line_desc)) << l;
}

TEST(SdkDescriptors, NumberIntegerRequired) {
    const eqroi_param_desc* p = model(0).params;
    EXPECT_STREQ(p[0].key, "purchase_price");
    EXPECT_STREQ(p[0].label, "Purchase price");
    EXPECT_STREQ(p[0].unit, "currency");
    EXPECT_STREQ(p[0].help, "Quote.");
    EXPECT_EQ(p[0].choices, nullptr);
    EXPECT_EQ(p[0].flags, 0u);
    EXPECT_EQ(p[0].default_value, 50000);
    EXPECT_EQ(p[0].min_value, 0);
    EXPECT_EQ(p[0].max_value, 1e7);

    EXPECT_STREQ(p[1].key, "technicians");
    EXPECT_EQ(p[1].flags, uint32_t{EQROI_PARAM_INTEGER});
    EXPECT_EQ(p[1].default_value, 2);
    EXPECT_EQ(p[1].min_value, 1);
    EXPECT_EQ(p[1].max_value, 10);

    // required(): no default of its own; the layer parks min there so the struct stays sane.
    EXPECT_STREQ(p[2].key, "contract_years");
    EXPECT_EQ(p[2].flags, uint32_t{EQROI_PARAM_REQUIRED});
    EXPECT_EQ(p[2].min_value, 1);
    EXPECT_EQ(p[2].max_value, 10);
    EXPECT_EQ(p[2].default_value, 1);
}

TEST(SdkDescriptors, BooleanChoiceSeries) {
    const eqroi_param_desc* p = model(0).params;
    // boolean(): integer-valued in [0, 1], default true -> 1.0, no unit.
    EXPECT_STREQ(p[3].key, "covers_repairs");
    EXPECT_EQ(p[3].flags, uint32_t{EQROI_PARAM_BOOLEAN | EQROI_PARAM_INTEGER});
    EXPECT_EQ(p[3].default_value, 1);
    EXPECT_EQ(p[3].min_value, 0);
    EXPECT_EQ(p[3].max_value, 1);
    EXPECT_STREQ(p[3].unit, "");

    // choice(): 3 names -> index range [0, 2], default index 1 ("overtime").
    EXPECT_STREQ(p[4].key, "cost_method");
    EXPECT_EQ(p[4].flags, uint32_t{EQROI_PARAM_CHOICE | EQROI_PARAM_INTEGER});
    EXPECT_STREQ(p[4].choices, "lost_output|overtime|subcontract");
    EXPECT_EQ(p[4].default_value, 1);
    EXPECT_EQ(p[4].min_value, 0);
    EXPECT_EQ(p[4].max_value, 2);

    EXPECT_STREQ(p[5].key, "hours_by_period");
    EXPECT_EQ(p[5].flags, uint32_t{EQROI_PARAM_PER_PERIOD});
    EXPECT_EQ(p[5].default_value, 4000);
    EXPECT_EQ(p[5].max_value, 8760);
}

TEST(SdkDescriptors, Lines) {
    const eqroi_line_desc* l = model(0).lines;
    EXPECT_STREQ(l[0].key, "service");
    EXPECT_STREQ(l[0].label, "Service");
    EXPECT_EQ(l[0].category, uint32_t{EQROI_CATEGORY_MAINTENANCE});
    EXPECT_EQ(l[0].tax_treatment, uint32_t{EQROI_TAX_DEDUCTIBLE});
    EXPECT_STREQ(l[1].key, "overhaul");
    EXPECT_EQ(l[1].tax_treatment, uint32_t{EQROI_TAX_CAPITALISED});
}

TEST(SdkBatch, IndexingOfScalarsSeriesAndOutput) {
    const eqroi_model& m = model(0);
    const eqroi_timing t = timing(2, 1);
    // Two trials; series are trial-major, periods + 1 = 3 values each.
    const double price[] = {50000, 1000};
    const double technicians[] = {2, 3};
    const double years[] = {5, 5};
    const double covers[] = {1, 0};
    const double method[] = {0, 0};
    const double hours[] = {0, 100, 200, 0, 10, 20};
    const double* params[] = {price, technicians, years, covers, method, hours};
    std::vector<double> out(2 * 2 * 3, 0.0);
    eqroi_batch b{};
    b.struct_size = sizeof b;
    b.trial_count = 2;
    b.param_count = 6;
    b.line_count = 2;
    b.params = params;
    b.out = out.data();
    char error[16] = {};
    b.error = error;
    b.error_capacity = sizeof error;
    ASSERT_EQ(m.evaluate(&m, &t, &b), EQROI_STATUS_OK);
    // Trial 0: service = -{100, 200} * 2 = -200, -400; repairs covered, no overhaul.
    // Trial 1: service = -{10, 20} * 3 = -30, -60; overhaul at period 2 = -0.1 * 1000 = -100.
    EXPECT_EQ(out, (std::vector<double>{0, -200, -400, 0, 0, 0, 0, -30, -60, 0, 0, -100}));
    EXPECT_STREQ(error, "");
}

TEST(SdkBatch, PeriodYears) {
    const eqroi_timing monthly = timing(24, 12);
    const eqroi_batch b{};
    const Batch batch(monthly, b);
    EXPECT_DOUBLE_EQ(batch.period_years(), 1.0 / 12);
    EXPECT_EQ(batch.periods(), 24u);
    EXPECT_EQ(batch.periods_per_year(), 12u);
}

TEST(SdkTrampoline, OkLeavesNoMessage) {
    const FaultyCall c = call_faulty(Faulty::ok, 32);
    EXPECT_EQ(c.status, EQROI_STATUS_OK);
    EXPECT_EQ(c.buffer, std::string(32 + 64, '#'));  // the buffer is not touched on success
}

TEST(SdkTrampoline, SdkErrorKeepsItsStatus) {
    FaultyCall c = call_faulty(Faulty::invalid, 64);
    EXPECT_EQ(c.status, EQROI_STATUS_INVALID_PARAMETER);
    EXPECT_EQ(c.message, "mode must be below 9");
    c = call_faulty(Faulty::failed, 64);
    EXPECT_EQ(c.status, EQROI_STATUS_EVALUATION_FAILED);
    EXPECT_EQ(c.message, "no convergence");
}

TEST(SdkTrampoline, ErrorThrownWithStatusOkStillFails) {
    // An exception is a failure whatever status it carries: reporting OK would hand the host
    // a half-written buffer as a result.
    const FaultyCall c = call_faulty(Faulty::error_with_ok, 64);
    EXPECT_EQ(c.status, EQROI_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(c.message, "said OK but threw");
}

TEST(SdkTrampoline, StdExceptionBecomesInternalErrorWithMessage) {
    FaultyCall c = call_faulty(Faulty::runtime, 64);
    EXPECT_EQ(c.status, EQROI_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(c.message, "spare parts table missing");
    c = call_faulty(Faulty::bad_alloc, 64);
    EXPECT_EQ(c.status, EQROI_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(c.message, std::bad_alloc().what());
}

TEST(SdkTrampoline, NonStdExceptionBecomesInternalError) {
    const FaultyCall c = call_faulty(Faulty::not_an_exception, 64);
    EXPECT_EQ(c.status, EQROI_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(c.message, "unknown C++ exception inside the model");
}

TEST(SdkTrampoline, MessageTruncatedToCapacity) {
    // Capacity 8 = 7 characters + NUL: "spare parts table missing" -> "spare p"; byte 8 onwards
    // must still be the '#' fill.
    const FaultyCall c = call_faulty(Faulty::runtime, 8);
    EXPECT_EQ(c.status, EQROI_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(c.message, "spare p");
    EXPECT_EQ(c.buffer.substr(8), std::string(64, '#'));
}

TEST(SdkTrampoline, CapacityOneGivesEmptyMessage) {
    const FaultyCall c = call_faulty(Faulty::runtime, 1);
    EXPECT_EQ(c.status, EQROI_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(c.message, "");
    EXPECT_EQ(c.buffer.substr(1), std::string(64, '#'));
}

TEST(SdkTrampoline, CapacityZeroWritesNothing) {
    // error_capacity 0 breaks the ABI's ">= 1", but the layer must still not write a byte.
    const FaultyCall c = call_faulty(Faulty::runtime, 0);
    EXPECT_EQ(c.status, EQROI_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(c.buffer, std::string(64, '#'));
}

TEST(SdkTrampoline, LongMessageFillsTheBufferExactly) {
    // 5000 'x' into 1024 bytes: 1023 'x' and the NUL, nothing after.
    const FaultyCall c = call_faulty(Faulty::long_message, 1024);
    EXPECT_EQ(c.message, std::string(1023, 'x'));
    EXPECT_EQ(c.buffer[1023], '\0');
    EXPECT_EQ(c.buffer.substr(1024), std::string(64, '#'));
}

TEST(SdkTrampoline, TruncationDoesNotSplitAUtf8Character) {
    // "pièce détachée" starts p i \xC3\xA8 (è is two bytes). Capacity 4 leaves room for 3
    // bytes, "pi\xC3", which would end inside è: the layer cuts back to "pi".
    FaultyCall c = call_faulty(Faulty::utf8, 4);
    EXPECT_EQ(c.message, "pi");
    c = call_faulty(Faulty::utf8, 5);  // 4 bytes: "pi\xC3\xA8" is whole
    EXPECT_EQ(c.message, "pi\xC3\xA8");
}

TEST(SdkTrampoline, NullArgumentsAreAnInternalError) {
    const eqroi_model& m = model(1);
    const eqroi_timing t = timing(1, 1);
    EXPECT_EQ(m.evaluate(&m, &t, nullptr), EQROI_STATUS_INTERNAL_ERROR);
    EXPECT_EQ(m.evaluate(nullptr, &t, nullptr), EQROI_STATUS_INTERNAL_ERROR);
}

TEST(SdkEntry, RefusesHostAbiMajor2) {
    EXPECT_EQ(eqroi_plugin_entry(2, 0), nullptr);
    EXPECT_EQ(eqroi_plugin_entry(0, 9), nullptr);
    EXPECT_NE(eqroi_plugin_entry(1, 0), nullptr);  // refusing a major left no broken state
    // The same through the template directly, before anything was built for it.
    EXPECT_EQ((eqroi::sdk::detail::entry<Described>("v", "n", "1", {}, 2, 0)), nullptr);
}

TEST(SdkEntry, DescribeThrowingMeansNoPlugin) {
    // An exception while building descriptors must not cross the entry function.
    EXPECT_EQ((eqroi::sdk::detail::entry<DescribeThrows>("v", "n", "1", {}, 1, 0)), nullptr);
    EXPECT_EQ((eqroi::sdk::detail::entry<DescribeThrows>("v", "n", "1", {}, 1, 0)), nullptr);
}

TEST(SdkEntry, ConcurrentFirstCallsBuildOneDescriptor) {
    // The first call builds the store; several threads racing on it must all get the same one.
    std::vector<std::thread> threads;
    std::atomic<const eqroi_plugin*> seen[8] = {};
    for (int i = 0; i < 8; ++i)
        threads.emplace_back([&seen, i] {
            seen[i] = eqroi::sdk::detail::entry<Faulty>("v", "n", "1", {}, 1, 0);
        });
    for (auto& t : threads) t.join();
    ASSERT_NE(seen[0].load(), nullptr);
    for (int i = 1; i < 8; ++i) EXPECT_EQ(seen[i].load(), seen[0].load());
    EXPECT_EQ(seen[0].load()->model_count, 1u);
}

}  // namespace
