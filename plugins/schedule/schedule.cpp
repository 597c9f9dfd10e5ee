// The bundled schedule model: amounts the user already knows period by period (a lease plan,
// a retrofit in year 5, a contract's income), passed through with the right sign, category and
// tax treatment. Formulas and parameters are written out in README.md next to this file.
#include <eqroi/plugin.hpp>

#include "bundled_model.hpp"

#include <cstdint>

namespace {

using eqroi::sdk::Batch;
using eqroi::sdk::ModelSpec;
using namespace eqroi::bundled;  // descriptors and helpers shared by the bundled models

namespace param {
enum : uint32_t { expense, lease_payment, income, capital_spend, count };
}  // namespace param

namespace line {
enum : uint32_t { expense, lease_payment, income, capital_spend, count };
}  // namespace line

class Schedule final : public eqroi::sdk::Model {
public:
    ModelSpec describe() const override {
        ModelSpec spec("schedule", "Scheduled amounts",
                       "Amounts known period by period, entered as positive numbers at the "
                       "prices actually paid (no escalation is applied): expenses, lease "
                       "payments, income, and capital spending that is depreciated.");
        spec.series("expense", "Expenses", "currency", 0, 0, 1e12,
                    "Other operating expenses per period (index 0 = purchase date), e.g. a "
                    "certification or relocation, from quotes or the budget.");
        spec.series("lease_payment", "Lease payments", "currency", 0, 0, 1e12,
                    "Lease or rental payments per period as in the lease contract's payment "
                    "plan (index 0 = payment at signing).");
        spec.series("income", "Income", "currency", 0, 0, 1e12,
                    "Taxable income per period that the machine brings, e.g. a customer "
                    "contract or a subsidy paid out as income, from the contract.");
        spec.series("capital_spend", "Capital spending", "currency", 0, 0, 1e12,
                    "Spending that is capitalised and depreciated rather than expensed, e.g. "
                    "a retrofit or an added automation cell in year 5, from the vendor quote.");

        spec.line("expense", "Expenses", EQROI_CATEGORY_OTHER, EQROI_TAX_DEDUCTIBLE,
                  "The expenses given for each period, as costs.");
        spec.line("lease_payment", "Lease payments", EQROI_CATEGORY_LEASE, EQROI_TAX_DEDUCTIBLE,
                  "The lease payments given for each period, as costs.");
        spec.line("income", "Income", EQROI_CATEGORY_BENEFIT, EQROI_TAX_DEDUCTIBLE,
                  "The income given for each period, taxable.");
        spec.line("capital_spend", "Capital spending", EQROI_CATEGORY_OTHER,
                  EQROI_TAX_CAPITALISED,
                  "The capital spending given for each period, as costs; depreciated for tax "
                  "like the purchase price, not expensed.");
        check_indices(spec, param::count, line::count);
        return spec;
    }

    void evaluate(const Batch& batch) const override {
        const uint32_t n = batch.periods();
        for (uint32_t t = 0; t < batch.trials(); ++t) {
            const double* expense = batch.series(param::expense, t);
            const double* lease = batch.series(param::lease_payment, t);
            const double* income = batch.series(param::income, t);
            const double* capital = batch.series(param::capital_spend, t);
            double* expense_out = batch.out(t, line::expense);
            double* lease_out = batch.out(t, line::lease_payment);
            double* income_out = batch.out(t, line::income);
            double* capital_out = batch.out(t, line::capital_spend);
            for (uint32_t k = 0; k <= n; ++k) {
                expense_out[k] = cost(expense[k]);
                lease_out[k] = cost(lease[k]);
                income_out[k] = income[k];
                capital_out[k] = cost(capital[k]);
            }
        }
    }
};

}  // namespace

EQROI_PLUGIN("eqroi", "eqroi schedule", "1.0.0", Schedule)
