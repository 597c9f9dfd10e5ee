// Test models for the engine: flows simple enough to work out by hand, one line of each tax
// treatment, a running cost with its own escalation, a probe that reports the batch size it
// was called with, and a model that fails.
#include <eqroi/plugin.hpp>

#include <cmath>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;

/// A flat yearly cost, spread evenly over the periods of each year.
class Upkeep final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("upkeep", "Upkeep", "A flat yearly cost.");
        spec.number("yearly_cost", "Yearly cost", "currency/yr", 0, 0, 1e9, "Paid every year.");
        spec.line("upkeep", "Upkeep", EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            double* out = b.out(t, 0);
            for (uint32_t k = 1; k <= b.periods(); ++k) out[k] = -b.value(0, t) * b.period_years();
        }
    }
};

/// A flat yearly benefit.
class Savings final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("savings", "Savings", "A flat yearly benefit.");
        spec.number("yearly_benefit", "Yearly benefit", "currency/yr", 0, 0, 1e9, "Saved every year.");
        spec.line("savings", "Labour savings", EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            double* out = b.out(t, 0);
            for (uint32_t k = 1; k <= b.periods(); ++k) out[k] = b.value(0, t) * b.period_years();
        }
    }
};

/// A capitalised overhaul in one year and a not-taxed deposit paid at 0 and returned at N.
class Overhaul final : public eqroi::sdk::Model {
public:
    enum Param : uint32_t { overhaul_cost, overhaul_year, deposit };
    ModelSpec describe() const override {
        ModelSpec spec("overhaul", "Overhaul", "One capitalised overhaul and a deposit.");
        spec.number("overhaul_cost", "Overhaul cost", "currency", 0, 0, 1e9, "Capitalised.");
        spec.integer("overhaul_year", "Overhaul year", "yr", 1, 0, 100, "End of this year.");
        spec.number("deposit", "Tooling deposit", "currency", 0, 0, 1e9, "Returned at the end.");
        spec.line("overhaul", "Overhaul", EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_CAPITALISED);
        spec.line("deposit", "Tooling deposit", EQROI_CATEGORY_OTHER, EQROI_TAX_NOT_TAXED);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            const auto k = static_cast<uint32_t>(b.value(overhaul_year, t)) * b.periods_per_year();
            if (k <= b.periods()) b.out(t, 0)[k] = -b.value(overhaul_cost, t);
            b.out(t, 1)[0] = -b.value(deposit, t);
            b.out(t, 1)[b.periods()] += b.value(deposit, t);
        }
    }
};

/// A flat yearly running cost at today's prices that rises by its own `escalation` (the study's
/// inflation when not given, 0 in a constant-dollar study): period k pays
/// yearly_cost x period length x (1 + escalation)^(k / periods per year).
class Running final : public eqroi::sdk::Model {
public:
    enum Param : uint32_t { yearly_cost, escalation };
    ModelSpec describe() const override {
        ModelSpec spec("running", "Running cost", "A flat yearly cost that escalates.");
        spec.number("yearly_cost", "Yearly cost", "currency/yr", 0, 0, 1e9, "Today's prices.");
        spec.number("escalation", "Price escalation", "fraction/yr", 0, -0.5, 1,
                    "Yearly rise of the cost.");
        spec.line("running", "Running cost", EQROI_CATEGORY_ENERGY, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            double* out = b.out(t, 0);
            const double yearly = b.value(yearly_cost, t);
            const double growth = 1 + b.value(escalation, t);
            for (uint32_t k = 1; k <= b.periods(); ++k)
                out[k] = -yearly * b.period_years() *
                         std::pow(growth, static_cast<double>(k) / b.periods_per_year());
        }
    }
};

/// Writes the batch's trial count at period 0, so a test can see how trials were batched;
/// fails the batch when `fail` is true.
class Probe final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("probe", "Probe", "Reports the batch size; can fail on demand.");
        spec.boolean("fail", "Fail", false, "Make evaluate fail.");
        spec.line("batch_size", "Batch size", EQROI_CATEGORY_OTHER, EQROI_TAX_NOT_TAXED);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            if (b.value(0, t) != 0) throw eqroi::sdk::invalid_parameter("asked to fail");
            b.out(t, 0)[0] = b.trials();
        }
    }
};

/// Writes `amount` to two deductible lines at period 1, or NaN to the second when `nan` is
/// set: for the engine's checks of what plugins write (two amounts of 1e308 are each finite,
/// their sum is not).
class Spike final : public eqroi::sdk::Model {
public:
    enum Param : uint32_t { amount, nan };
    ModelSpec describe() const override {
        ModelSpec spec("spike", "Spike", "Writes a given amount, or NaN on demand.");
        spec.number("amount", "Amount", "currency", 0, -1e308, 1e308, "Written at period 1.");
        spec.boolean("nan", "NaN", false, "Write NaN to the second line instead.");
        spec.line("first", "First", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE);
        spec.line("second", "Second", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            b.out(t, 0)[1] = b.value(amount, t);
            b.out(t, 1)[1] = b.value(nan, t) != 0 ? std::nan("") : b.value(amount, t);
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi tests", "Engine test models", "1.0.0", Upkeep, Savings, Overhaul, Probe,
             Running, Spike)
