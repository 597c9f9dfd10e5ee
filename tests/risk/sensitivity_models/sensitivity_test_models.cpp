// Test models for the sensitivity analysis: NPVs that are easy to work out by hand as a function
// of one input. A flat yearly benefit and a flat yearly cost (NPV linear in them: the annuity
// factor is the slope), a line speed whose benefit rises then falls (NPV non-monotone: two
// break-evens), and a crew of whole people (a whole-number parameter).
#include <eqroi/plugin.hpp>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;

/// A flat yearly benefit, spread evenly over the periods of each year.
class Benefit final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("benefit", "Benefit", "A flat yearly benefit.");
        spec.number("yearly_benefit", "Yearly benefit", "currency/yr", 0, 0, 1e9, "Every year.");
        spec.line("benefit", "Benefit", EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t)
            for (uint32_t k = 1; k <= b.periods(); ++k)
                b.out(t, 0)[k] = b.value(0, t) * b.period_years();
    }
};

/// A flat yearly cost.
class Upkeep final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("upkeep", "Upkeep", "A flat yearly cost.");
        spec.number("yearly_cost", "Yearly cost", "currency/yr", 0, 0, 1e9, "Every year.");
        spec.line("upkeep", "Upkeep", EQROI_CATEGORY_MAINTENANCE, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t)
            for (uint32_t k = 1; k <= b.periods(); ++k)
                b.out(t, 0)[k] = -b.value(0, t) * b.period_years();
    }
};

/// Running a line faster makes more parts until scrap eats the gain: a yearly benefit of
/// max_benefit - penalty x (speed - best_speed)^2.
class Speed final : public eqroi::sdk::Model {
public:
    enum Param : uint32_t { speed, best_speed, max_benefit, penalty };
    ModelSpec describe() const override {
        ModelSpec spec("speed", "Line speed", "Output against scrap.");
        spec.number("speed", "Line speed", "parts/min", 100, 0, 1000, "Set speed.");
        spec.number("best_speed", "Best speed", "parts/min", 100, 0, 1000, "Peak benefit here.");
        spec.number("max_benefit", "Benefit at best speed", "currency/yr", 0, 0, 1e9, "Peak.");
        spec.number("penalty", "Penalty", "currency/yr per (part/min)^2", 0, 0, 1e9, "Scrap.");
        spec.line("output", "Output margin", EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t) {
            const double off = b.value(speed, t) - b.value(best_speed, t);
            const double yearly = b.value(max_benefit, t) - b.value(penalty, t) * off * off;
            for (uint32_t k = 1; k <= b.periods(); ++k) b.out(t, 0)[k] = yearly * b.period_years();
        }
    }
};

/// A crew of whole people at a yearly wage each.
class Crew final : public eqroi::sdk::Model {
public:
    enum Param : uint32_t { people, wage };
    ModelSpec describe() const override {
        ModelSpec spec("crew", "Crew", "People at a yearly wage.");
        spec.integer("people", "People", "", 1, 0, 50, "Headcount.");
        spec.number("wage", "Wage", "currency/yr", 0, 0, 1e9, "Per person.");
        spec.line("wages", "Wages", EQROI_CATEGORY_LABOR, EQROI_TAX_DEDUCTIBLE);
        return spec;
    }
    void evaluate(const Batch& b) const override {
        for (uint32_t t = 0; t < b.trials(); ++t)
            for (uint32_t k = 1; k <= b.periods(); ++k)
                b.out(t, 0)[k] = -b.value(people, t) * b.value(wage, t) * b.period_years();
    }
};

}  // namespace

EQROI_PLUGIN("eqroi tests", "Sensitivity test models", "1.0.0", Benefit, Upkeep, Speed, Crew)
