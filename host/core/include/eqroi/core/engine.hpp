// The engine: capital lines + model lines -> after-tax net flows -> measures -> comparison.
// Batch-native: a deterministic run is a batch of one parameter set.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace eqroi {

namespace engine_detail {
struct Prepared;
}

/// One row of the cash-flow table of an alternative. In a constant-dollar study every amount
/// is in constant dollars (the engine works in nominal terms for tax, then deflates).
struct Line {
    std::string key;      ///< "capital.price", "maintenance.preventive", "tax.income_tax"...
    std::string label;    ///< "Purchase price", "Preventive maintenance"...
    /// "capital", "financing", "tax", or the model id.
    std::string source;
    eqroi_category category = EQROI_CATEGORY_OTHER;
    eqroi_tax_treatment tax_treatment = EQROI_TAX_DEDUCTIBLE;
    bool is_capital = false;       ///< price, installation, replacement, residual...
    std::vector<double> amounts;   ///< periods 0..N, signed (costs negative)
    /// Escalation the host applied on top of the model's own (from [alternative.escalation]),
    /// as a cumulative index per period (1 at period 0); empty when none.
    std::vector<double> escalation_index;
    /// Present value: sum of amounts[k] x discount_factors[k] (the alternative's factors, at
    /// the study's rate and timing), signed like the amounts. Filled by Engine::run(); the
    /// alternative's LCC is made from these (lcc_by_category), so the two always agree.
    double present_value = 0;
};

/// Whether a line counts as investment in the NIST BLCC savings (SIR's denominator):
/// the capital plan's lines (purchase, replacements, salvage, residual), capitalised model lines,
/// and the loan's proceeds and principal (they fund the investment). Everything else, loan
/// interest and lease payments included, is an operating cost (or saving).
bool is_investment(const Line& line);

/// The category a line is reported under (the report's "Category" column, the parts of
/// lcc_by_category): "capital" for the capital plan's lines (price, installation, trade-in,
/// replacements, salvage, residual), "financing" for the loan and lease lines, "tax" for
/// income tax, else the model's category name (category_name: "maintenance", "spare_parts"...).
std::string report_category(const Line& line);

/// The measures of one flow series (an alternative's own, or the increment over the baseline).
/// Rates are per year; amounts in the study's currency. See docs/study-format.md, "Measures".
struct Measures {
    double npv = 0;                            ///< at the discount rate, study timing
    std::optional<double> irr;                 ///< the unique root above -100 %; nullopt = none
                                               ///< or ambiguous
    std::vector<double> irr_roots;             ///< every root found, ascending, per year
    int sign_changes = 0;
    bool irr_ambiguous = false;                ///< more than one root: irr is nullopt
    std::optional<double> mirr;                ///< at the study's finance / reinvestment rates
    std::optional<double> profitability_index; ///< PV from period 1 / -flow at 0
    std::optional<double> payback;             ///< years, fractional; nullopt = not reached
    std::optional<double> discounted_payback;  ///< years
    double annual_value = 0;   ///< EAA: npv x (A/P, yearly rate, years), per year
    double lcc = 0;            ///< life-cycle cost: -PV of every line but benefits, positive
                               ///< (an alternative's: the sum of lcc_by_category; the
                               ///< increment's: this LCC - the baseline's)
    double euac = 0;           ///< lcc x (A/P, yearly rate, years), per year
    std::optional<double> roi; ///< simple ROI: (sum of flows / years) / -flow at 0;
                               ///< nullopt when nothing is invested at period 0
};

/// NIST BLCC supplementary measures of an alternative against the baseline.
struct Savings {
    double net_savings = 0;          ///< PV operating savings - PV added investment (= ΔNPV)
    double pv_operating_savings = 0; ///< PV(baseline operating lines) - PV(this one's), as costs
    double pv_added_investment = 0;  ///< PV(this one's investment lines) - PV(baseline's), costs
    std::optional<double> sir;       ///< operating savings / added investment; nullopt when the
                                     ///< added investment is <= 0
    std::optional<double> airr;      ///< (1 + r) x SIR^(1/years) - 1
};

/// One unit of equipment an alternative buys: the first at period 0, replacements after.
struct CapitalUnit {
    std::size_t bought = 0;        ///< period
    double cost = 0;               ///< price + installation + commissioning, escalated
    std::size_t retired = 0;       ///< period its life ends, or N when still in service
    bool in_service_at_end = false;
    double value_at_exit = 0;      ///< salvage at retirement, or residual value at N
    bool residual_from_user = false;  ///< residual_value given, not straight-line
    /// No life_years: the machine lasts the study and value_at_exit is salvage_value as written.
    bool salvage_as_written = false;
    double book_value_at_exit = 0; ///< tax book value then
    double gain_on_disposal = 0;   ///< value_at_exit - book value (taxed at the tax rate)
};

/// One period of a loan's amortisation (level payments).
struct LoanPeriod {
    std::size_t period = 0;
    double payment = 0, interest = 0, principal = 0, balance = 0;  ///< positive amounts
};

struct AlternativeResult {
    std::string id, name;
    std::vector<Line> lines;                 ///< capital, financing, model lines, then tax
    std::vector<double> pre_tax_net;         ///< every line but tax.income_tax
    std::vector<double> net;                 ///< after-tax net flow per period
    std::vector<double> cumulative;
    std::vector<double> discount_factors;    ///< per period, study rate and timing
    std::vector<double> discounted;          ///< net[k] x discount_factors[k]
    std::vector<double> cumulative_discounted;
    Measures measures;                       ///< after tax, of this alternative's own net flow
    Measures pre_tax;                        ///< the same on pre_tax_net
    /// Measures of the incremental flow (this alternative minus the baseline, period by
    /// period): incremental NPV, the IRR and payback of choosing this over the baseline.
    /// All zero / nullopt for the baseline itself.
    Measures vs_baseline;
    Measures vs_baseline_pre_tax;
    Savings savings;                         ///< after tax, vs the baseline
    Savings savings_pre_tax;
    std::vector<double> incremental;         ///< net - baseline net, per period
    /// Tax detail (all zero when the study's tax_rate is 0). Depreciation is not a cash flow,
    /// so it is not among `lines`; it only reduces taxable income.
    std::string depreciation_method;         ///< "straight_line", "macrs"...
    std::vector<double> depreciation;        ///< deduction per period, every unit
    /// Deductible lines - depreciation + gains on disposal (recapture) per period. The cash
    /// line "tax.income_tax" is -tax_rate x this (a loss gives a tax saving in the same period).
    std::vector<double> taxable_income;
    std::vector<double> tax;                 ///< income tax paid per period (positive = paid)
    double gain_on_disposal = 0;             ///< sum over the units' gains
    std::vector<CapitalUnit> units;          ///< purchase and replacements
    std::vector<LoanPeriod> loan;            ///< empty when there is no loan
    bool is_baseline = false;
    int rank = 0;                            ///< 1 = highest NPV (mutually exclusive choice)
};

/// One category's share of an alternative's life-cycle cost.
struct LccPart {
    std::string category;  ///< report_category() of its lines
    /// -sum of the present values of its lines: a cost is positive, money received (salvage,
    /// trade-in, a tax saving) negative.
    double present_cost = 0;
};

/// The life-cycle cost of an alternative (after tax) split by report_category: every line but
/// benefits, as LCC counts them. Categories whose lines are zero in every period are left out;
/// the others come in the order their first line appears in `lines` (capital, financing, the
/// models, tax). The engine's Measures::lcc is the sum of these parts, added in this order, so
/// summing them in order gives exactly alternative.measures.lcc. Needs a result of
/// Engine::run() (it reads Line::present_value).
std::vector<LccPart> lcc_by_category(const AlternativeResult& alternative);

/// The rates a study was evaluated at, all per year unless said.
struct StudyRates {
    double discount_rate = 0;   ///< as the study gives it (real in a constant-dollar study)
    double nominal = 0;         ///< (1 + real)(1 + inflation) - 1 in a constant-dollar study
    double real = 0;            ///< (1 + nominal) / (1 + inflation) - 1 in a nominal one
    double per_period = 0;      ///< the rate flows are discounted at: (1 + r)^(1/ppy) - 1
    double finance_rate = 0;    ///< MIRR's, per year
    double reinvest_rate = 0;   ///< MIRR's, per year
};

struct StudyResult {
    StudySettings settings;
    StudyRates rates;
    std::vector<AlternativeResult> alternatives;  ///< in file order
    std::string baseline;
};

/// One model of an alternative with its parameters resolved for one trial
/// (model table > equipment block > declared default).
struct ResolvedModel {
    Model model;
    /// params[p]: 1 value for a scalar parameter, periods + 1 for a per-period one.
    std::vector<std::vector<double>> params;
};

struct ResolvedAlternative {
    const Alternative* source = nullptr;
    std::vector<ResolvedModel> models;
};

/// Overrides a parameter for every trial of a batch (risk analysis, benchmark):
/// values[trial] for a scalar parameter, values[trial * (periods + 1) + k] for a per-period one.
/// Every value must be finite and within the parameter's declared range (EvaluationError).
struct ParamOverride {
    std::size_t model = 0;  ///< index in ResolvedAlternative::models
    std::size_t param = 0;  ///< index in the model's parameters
    std::vector<double> values;
};

/// Per-trial results of a batch for one alternative.
struct BatchResult {
    uint32_t trials = 0;
    uint32_t periods = 0;
    std::vector<double> net;          ///< net[trial * (periods + 1) + k]
    std::vector<double> npv;          ///< per trial
    std::vector<double> irr;          ///< per trial, per year, NaN = none
    std::vector<double> payback;      ///< per trial, years, NaN = not reached
    std::vector<double> discounted_payback;
    /// Per trial, the life-cycle cost: -PV of every line but benefits (tax included), positive
    /// for a cost; equals Measures::lcc of the deterministic run to rounding (it is worked out
    /// as PV(benefit lines) - NPV rather than category by category).
    std::vector<double> lcc;
};

/// Which per-trial measures a batch works out. The net flows, NPV and LCC are always there;
/// a measure left out is NaN in every trial (its vector keeps one entry per trial). Risk
/// analysis reads neither simple payback, so it leaves it out; everything else asks for all.
struct BatchMeasures {
    bool irr = true;
    bool payback = true;
    bool discounted_payback = true;
};

class Engine {
public:
    /// Resolves every alternative's parameters. The study must have been validated against
    /// this registry (load_study); the registry must outlive the engine.
    Engine(const Study& study, const PluginRegistry& registry);

    const Study& study() const noexcept { return study_; }
    const std::vector<ResolvedAlternative>& alternatives() const noexcept { return resolved_; }

    /// The deterministic run: every line, flows and measures, and the comparison.
    /// Throws EvaluationError when a model fails.
    StudyResult run() const;

    /// Evaluates alternative `alt` for `trials` parameter sets. Parameters not overridden keep
    /// their resolved value. Each model with an overridden parameter is called once per chunk
    /// of up to `batch_chunk` trials (so a batch of 100,000 makes a few hundred plugin calls
    /// per model, not 100,000, and the working set stays in cache); a model with none is called
    /// once, for one trial, whose amounts are every trial's (plugin.h: a trial's amounts depend
    /// only on its parameters). Non-finite amounts are found in the net flows they are summed
    /// into and then traced to the model and line. Safe to call from several threads at once.
    /// Throws EvaluationError when a model fails, std::out_of_range for a bad `alt`/override.
    BatchResult run_batch(std::size_t alt, uint32_t trials,
                          const std::vector<ParamOverride>& overrides = {}) const;

    /// run_batch() into `result`, working out only `measures` (the others NaN). `result`'s
    /// vectors are resized, not reallocated, when they are large enough already: a caller that
    /// runs many batches (a risk run's worker, block after block) passes the same result each
    /// time and the buffers are allocated once. Every value of `result` is overwritten. The
    /// figures are those of run_batch(), bit for bit. Same errors as run_batch(); after one,
    /// `result` holds no meaningful values.
    void run_batch(std::size_t alt, uint32_t trials, const std::vector<ParamOverride>& overrides,
                   const BatchMeasures& measures, BatchResult& result) const;

    /// Trials per plugin call inside run_batch (for a model whose parameters vary).
    static constexpr uint32_t batch_chunk = 512;

private:
    const Study& study_;
    std::vector<ResolvedAlternative> resolved_;
    /// Per alternative, what every trial shares (capital plan, escalation indices).
    std::vector<std::shared_ptr<const engine_detail::Prepared>> prepared_;
};

}  // namespace eqroi
