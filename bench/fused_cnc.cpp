// The hand-fused example (a): see fused_cnc.hpp. The model formulas follow plugins/*/*.cpp and
// their README.md line by line (same order of operations, so the same numbers to rounding);
// the capital side follows host/core/src/capital_plan.cpp for what example (a) uses.
#include "fused_cnc.hpp"

#include <eqroi/core/depreciation.hpp>
#include <eqroi/core/finance.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <limits>
#include <optional>
#include <span>
#include <stdexcept>
#include <string_view>

namespace eqroi::bench {
namespace {

constexpr double kNone = std::numeric_limits<double>::quiet_NaN();

// Each model's parameters in its plugin's declared order (the index enums of the plugin
// sources), and its lines. The constructor checks the loaded plugins declare exactly these.
namespace mnt {
enum { hours, age, prev_year, prev_hour, shape, scale, parts, labor_h, labor_rate, oh_cost,
       oh_interval, oh_at_end, contract, contract_fee, covers, esc };
}
namespace dwn {
enum { shifts, hours_per_shift, days, mtbf, mttr, planned, method, output_value, operators, wage,
       premium, scrap_units, scrap_cost, esc };
}
namespace ops {
enum { hours, power, load, energy_price, cons_hour, cons_year, operators, wage, esc, energy_extra };
}
namespace spr {
enum { price, kit_value, kit_share, cons_year, cons_share, carrying, obsolete, esc };
}
namespace trn {
enum { operators, wage, initial_hours, fees, travel, start_eff, ramp_months, output_value, hours,
       refresher_hours, refresher_fees, turnover, retraining, esc };
}
namespace bnf {
enum { hours, extra_units, margin, labor_saved, wage, scrap_reduction, units, scrap_cost,
       overtime_avoided, premium, esc };
}

struct ModelShape {
    std::string_view id;
    std::vector<std::string_view> params;
    /// line key and how it is taxed: 'd' deductible, 'n' not taxed
    std::vector<std::pair<std::string_view, char>> lines;
};

const ModelShape& shape_of(FusedModel m) {
    static const ModelShape shapes[] = {
        {"maintenance",
         {"operating_hours_per_year", "age_years", "preventive_cost_per_year",
          "preventive_cost_per_hour", "weibull_shape", "weibull_scale_hours", "repair_parts_cost",
          "repair_labor_hours", "repair_labor_rate", "overhaul_cost", "overhaul_interval_years",
          "overhaul_at_study_end", "service_contract", "service_contract_fee",
          "service_contract_covers_repairs", "escalation"},
         {{"preventive", 'd'}, {"corrective", 'd'}, {"overhaul", 'd'}, {"service_contract", 'd'}}},
        {"downtime",
         {"shifts_per_day", "hours_per_shift", "days_per_year", "mtbf_hours", "mttr_hours",
          "planned_downtime_hours_per_year", "cost_method", "output_value_per_hour", "operators",
          "operator_wage", "overtime_premium", "scrap_units_per_restart", "scrap_unit_cost",
          "escalation"},
         {{"unplanned", 'd'}, {"planned", 'd'}, {"restart_scrap", 'd'}}},
        {"operations",
         {"operating_hours_per_year", "rated_power_kw", "load_factor", "energy_price",
          "consumables_per_hour", "consumables_per_year", "operators", "operator_wage",
          "escalation", "energy_extra_escalation"},
         {{"energy", 'd'}, {"consumables", 'd'}, {"operating_labor", 'd'}}},
        {"spare_parts",
         {"purchase_price", "initial_kit_value", "initial_kit_share", "consumption_per_year",
          "consumption_share_per_year", "carrying_rate", "obsolete_share", "escalation"},
         {{"initial_kit", 'n'}, {"consumption", 'd'}, {"carrying_cost", 'd'},
          {"stock_recovery", 'n'}}},
        {"training",
         {"operators", "operator_wage", "initial_training_hours", "course_fees", "travel_cost",
          "ramp_up_start_efficiency", "ramp_up_months", "output_value_per_hour",
          "operating_hours_per_year", "refresher_hours_per_year", "refresher_fees_per_year",
          "turnover_rate", "retraining_cost_per_operator", "escalation"},
         {{"initial_training", 'd'}, {"ramp_up_loss", 'd'}, {"refresher", 'd'},
          {"turnover_retraining", 'd'}}},
        {"benefits",
         {"operating_hours_per_year", "extra_units_per_hour", "margin_per_unit",
          "labor_hours_saved_per_year", "operator_wage", "scrap_rate_reduction", "units_per_year",
          "scrap_unit_cost", "overtime_hours_avoided_per_year", "overtime_premium", "escalation"},
         {{"throughput_gain", 'd'}, {"labor_saved", 'd'}, {"scrap_reduction", 'd'},
          {"overtime_avoided", 'd'}}},
    };
    return shapes[static_cast<std::size_t>(m)];
}

[[noreturn]] void refuse(const std::string& what) {
    throw std::invalid_argument("fused reference (bench/fused_cnc.cpp): " + what);
}

/// The slot of a loaded model, after checking it is the model written out here.
FusedModel slot_of(const Model& model, const std::string& alternative) {
    for (std::size_t s = 0; s < static_cast<std::size_t>(FusedModel::count); ++s) {
        const ModelShape& shape = shape_of(static_cast<FusedModel>(s));
        if (model.id() != shape.id) continue;
        const eqroi_model& d = model.descriptor();
        if (d.param_count != shape.params.size() || d.line_count != shape.lines.size())
            refuse("model '" + model.id() + "' of alternative '" + alternative + "' has " +
                   std::to_string(d.param_count) + " parameters and " +
                   std::to_string(d.line_count) + " lines; the reference writes out " +
                   std::to_string(shape.params.size()) + " and " +
                   std::to_string(shape.lines.size()) + " (update it with the plugin)");
        for (std::size_t p = 0; p < shape.params.size(); ++p)
            if (shape.params[p] != model.param(p).key ||
                (model.param(p).flags & EQROI_PARAM_PER_PERIOD))
                refuse("model '" + model.id() + "' parameter " + std::to_string(p) + " is '" +
                       model.param(p).key + "', the reference expects the scalar '" +
                       std::string(shape.params[p]) + "'");
        for (std::size_t l = 0; l < shape.lines.size(); ++l) {
            const eqroi_line_desc& line = model.line(l);
            const bool deductible = line.tax_treatment == EQROI_TAX_DEDUCTIBLE;
            const bool untaxed = line.tax_treatment == EQROI_TAX_NOT_TAXED;
            const bool benefit = line.category == EQROI_CATEGORY_BENEFIT;
            if (shape.lines[l].first != line.key ||
                !(shape.lines[l].second == 'd' ? deductible : untaxed) ||
                benefit != (model.id() == "benefits"))
                refuse("model '" + model.id() + "' line " + std::to_string(l) + " ('" + line.key +
                       "') is not taxed or categorised as the reference assumes");
        }
        return static_cast<FusedModel>(s);
    }
    refuse("alternative '" + alternative + "' uses model '" + model.id() +
           "', which the reference does not write out");
}

// --- The six models, per trial. Each adds its lines of periods 0..n to three sums: the
// deductible lines (cash and taxable), the untaxed ones (cash only), and the benefit lines
// (for the LCC). Signs as the plugins give them: costs negative (0.0 - x), benefits positive.

struct Sums {
    double* deductible;
    double* untaxed;
    double* benefit;
    FusedFailureCurve* curve;  ///< the maintenance model's, kept between trials
};

// x^beta as the maintenance plugin works it out (its `power`).
inline double weibull_power(double x, double beta) {
    if (x <= 0.0) return 0.0;
    if (beta == 1.0) return x;
    if (beta == 2.0) return x * x;
    if (beta == 3.0) return x * x * x;
    return std::exp(beta * std::log(x));
}

inline void maintenance(const double* p, std::size_t n, Sums s) {
    const double hours = p[mnt::hours];
    const bool contract = p[mnt::contract] != 0.0;
    const bool covers = contract && p[mnt::covers] != 0.0;
    const double preventive = contract ? 0.0 : p[mnt::prev_year] + p[mnt::prev_hour] * hours;
    const double fee = contract ? p[mnt::contract_fee] : 0.0;
    const double per_repair = covers ? 0.0 : p[mnt::parts] + p[mnt::labor_h] * p[mnt::labor_rate];
    const double beta = p[mnt::shape], eta = p[mnt::scale];
    const double oh_cost = p[mnt::oh_cost], interval = p[mnt::oh_interval];
    const bool oh_at_end = p[mnt::oh_at_end] != 0.0;
    const double growth = 1.0 + p[mnt::esc];
    const bool repairs = per_repair > 0.0 && hours > 0.0;
    const bool overhauls = interval > 0.0 && oh_cost > 0.0;
    FusedFailureCurve& c = *s.curve;
    if (repairs && !(c.age == p[mnt::age] && c.hours == hours && c.shape == beta && c.scale == eta)) {
        const double start = p[mnt::age] * hours / eta, step = hours / eta;
        for (std::size_t k = 0; k <= n; ++k)
            c.failures[k] = weibull_power(start + static_cast<double>(k) * step, beta);
        c.age = p[mnt::age];
        c.hours = hours;
        c.shape = beta;
        c.scale = eta;
    }
    double failures_before = repairs ? c.failures[0] : 0.0;
    double overhauls_before = 0.0, factor = 1.0;
    for (std::size_t k = 1; k <= n; ++k) {
        factor *= growth;
        double sum = (0.0 - preventive * factor) + (0.0 - fee * factor);
        if (repairs) {
            const double failures = c.failures[k];
            sum += 0.0 - (failures - failures_before) * per_repair * factor;
            failures_before = failures;
        }
        if (overhauls) {
            const double due = std::floor(static_cast<double>(k) / interval + 1e-9);
            if (k < n || oh_at_end) sum += 0.0 - (due - overhauls_before) * oh_cost * factor;
            overhauls_before = due;
        }
        s.deductible[k] += sum;
    }
}

inline void downtime(const double* p, std::size_t n, Sums s) {
    const double hours_per_day = p[dwn::shifts] * p[dwn::hours_per_shift];
    if (hours_per_day > 24.0)
        throw std::invalid_argument("downtime: shifts_per_day x hours_per_shift is more than 24 h");
    const double failures = hours_per_day * p[dwn::days] / p[dwn::mtbf];
    const double unplanned_hours = failures * p[dwn::mttr];
    const bool by_overtime = static_cast<uint32_t>(p[dwn::method]) == 1;
    const double per_hour = by_overtime ? p[dwn::operators] * p[dwn::wage] * (1.0 + p[dwn::premium])
                                        : p[dwn::output_value];
    const double scrap = failures * p[dwn::scrap_units] * p[dwn::scrap_cost];
    const double unplanned = unplanned_hours * per_hour, planned = p[dwn::planned] * per_hour;
    const double growth = 1.0 + p[dwn::esc];
    double factor = 1.0;
    for (std::size_t k = 1; k <= n; ++k) {
        factor *= growth;
        s.deductible[k] += (0.0 - unplanned * factor) + (0.0 - planned * factor) +
                           (0.0 - scrap * factor);
    }
}

inline void operations(const double* p, std::size_t n, Sums s) {
    const double hours = p[ops::hours];
    const double energy = p[ops::power] * p[ops::load] * hours * p[ops::energy_price];
    const double consumables = p[ops::cons_hour] * hours + p[ops::cons_year];
    const double labor = p[ops::operators] * hours * p[ops::wage];
    const double growth = 1.0 + p[ops::esc];
    const double energy_growth = 1.0 + ((1.0 + p[ops::esc]) * (1.0 + p[ops::energy_extra]) - 1.0);
    double factor = 1.0, energy_factor = 1.0;
    for (std::size_t k = 1; k <= n; ++k) {
        factor *= growth;
        energy_factor *= energy_growth;
        s.deductible[k] += (0.0 - energy * energy_factor) + (0.0 - consumables * factor) +
                           (0.0 - labor * factor);
    }
}

inline void spare_parts(const double* p, std::size_t n, Sums s) {
    double kit = p[spr::kit_value];
    if (kit == 0.0) kit = p[spr::kit_share] * p[spr::price];
    double consumption = p[spr::cons_year];
    if (consumption == 0.0) consumption = p[spr::cons_share] * p[spr::price];
    const double carrying = p[spr::carrying] * kit;
    const double growth = 1.0 + p[spr::esc];
    s.untaxed[0] += 0.0 - kit;  // working capital: not an expense
    double factor = 1.0;
    for (std::size_t k = 1; k <= n; ++k) {
        factor *= growth;
        s.deductible[k] += (0.0 - consumption * factor) + (0.0 - carrying * factor);
    }
    if (n > 0) s.untaxed[n] += (1.0 - p[spr::obsolete]) * kit * factor;
}

inline void training(const double* p, std::size_t n, Sums s) {
    const double operators = p[trn::operators], wage = p[trn::wage];
    const double fees_and_travel = p[trn::fees] + p[trn::travel];
    const double initial = operators * p[trn::initial_hours] * wage + fees_and_travel;
    const double ramp_years = p[trn::ramp_months] / 12.0;
    const double loss_rate = (1.0 - p[trn::start_eff]) * p[trn::output_value] * p[trn::hours];
    const double refresher = operators * p[trn::refresher_hours] * wage + p[trn::refresher_fees];
    double retraining_each = p[trn::retraining];
    if (retraining_each == 0.0 && operators > 0.0)
        retraining_each = p[trn::initial_hours] * wage + fees_and_travel / operators;
    const double turnover = p[trn::turnover] * operators * retraining_each;
    const double growth = 1.0 + p[trn::esc];
    const bool ramp = ramp_years > 0.0 && loss_rate > 0.0;
    s.deductible[0] += 0.0 - initial;
    double factor = 1.0;
    for (std::size_t k = 1; k <= n; ++k) {
        factor *= growth;
        double sum = (0.0 - refresher * factor) + (0.0 - turnover * factor);
        const double a = static_cast<double>(k - 1);
        if (ramp && a < ramp_years) {
            const double b = std::min(static_cast<double>(k), ramp_years);
            sum += 0.0 - loss_rate * ((b - a) - (b * b - a * a) / (2.0 * ramp_years)) * factor;
        }
        s.deductible[k] += sum;
    }
}

inline void benefits(const double* p, std::size_t n, Sums s) {
    const double wage = p[bnf::wage];
    const double throughput = p[bnf::extra_units] * p[bnf::hours] * p[bnf::margin];
    const double labor = p[bnf::labor_saved] * wage;
    const double scrap = p[bnf::scrap_reduction] * p[bnf::units] * p[bnf::scrap_cost];
    const double overtime = p[bnf::overtime_avoided] * wage * (1.0 + p[bnf::premium]);
    const double per_year = throughput + labor + scrap + overtime;
    const double growth = 1.0 + p[bnf::esc];
    double factor = 1.0;
    for (std::size_t k = 1; k <= n; ++k) {
        factor *= growth;
        const double b = per_year * factor;
        s.deductible[k] += b;
        s.benefit[k] += b;
    }
}

// --- Measures of one flow series (flows at the end of yearly periods), as the engine's batch
// works them out (host/core/src/engine_flows.cpp, measure()), written out here.

inline double present_value(const double* f, std::size_t width, double x) {
    double p = 0;
    for (std::size_t k = width; k-- > 0;) p = p * x + f[k];
    return p;
}

/// The IRR per period: none without a sign change; with one, the unique root by eqroi::finance
/// (the engine's root finder: there is no faster one to write by hand); with several, the
/// engine's rule (only a unique root is reported).
inline double irr_of(const double* f, std::size_t width, double guess) {
    int changes = 0, last = 0;
    for (std::size_t k = 0; k < width; ++k) {
        const int sign = (f[k] > 0) - (f[k] < 0);
        if (sign != 0) {
            if (last != 0 && sign != last) ++changes;
            last = sign;
        }
    }
    if (changes == 0) return kNone;
    const std::span<const double> flows(f, width);
    if (changes > 1) {
        const auto a = finance::irr_analysis(flows, finance::Timing::end_of_period);
        return a.irr ? *a.irr : kNone;
    }
    const auto root = finance::irr(flows, guess);
    return root ? *root : kNone;
}

/// Payback (discounted when x < 1): the last period with a negative cumulative flow, then a
/// linear crossing within the next one; NaN when still negative at the end.
inline double payback_of(const double* f, std::size_t width, double x) {
    double factor = 1, cumulative = 0, at_last_negative = 0, next = 0;
    std::ptrdiff_t last_negative = -1;
    for (std::size_t k = 0; k < width; ++k) {
        const double d = f[k] * factor;
        if (last_negative == static_cast<std::ptrdiff_t>(k) - 1) next = d;
        cumulative += d;
        if (cumulative < 0) {
            last_negative = static_cast<std::ptrdiff_t>(k);
            at_last_negative = cumulative;
        }
        factor *= x;
    }
    if (last_negative < 0) return 0.0;
    const auto m = static_cast<std::size_t>(last_negative);
    if (m + 1 >= width) return kNone;
    return static_cast<double>(m) + (-at_last_negative) / next;
}

inline FusedMeasures measures_of(const double* f, std::size_t width, double rate) {
    const double x = 1.0 / (1.0 + rate);
    return {present_value(f, width, x), irr_of(f, width, rate), payback_of(f, width, 1.0),
            payback_of(f, width, x)};
}

/// The models of `uses` whose `varies` flag equals `varying`, added into `sums`.
template <class Params>
void run_models(const std::array<bool, static_cast<std::size_t>(FusedModel::count)>& uses,
                const Params& p, bool varying,
                const std::array<bool, static_cast<std::size_t>(FusedModel::count)>& varies,
                std::size_t n, Sums sums) {
    using M = FusedModel;
    auto run = [&](M m) {
        const auto i = static_cast<std::size_t>(m);
        return uses[i] && varies[i] == varying;
    };
    auto params = [&](M m) { return p[static_cast<std::size_t>(m)].data(); };
    if (run(M::maintenance)) maintenance(params(M::maintenance), n, sums);
    if (run(M::downtime)) downtime(params(M::downtime), n, sums);
    if (run(M::operations)) operations(params(M::operations), n, sums);
    if (run(M::spare_parts)) spare_parts(params(M::spare_parts), n, sums);
    if (run(M::training)) training(params(M::training), n, sums);
    if (run(M::benefits)) benefits(params(M::benefits), n, sums);
}

risk::UncertainInput input(std::string name, std::string alternative, std::string model,
                          std::string parameter, risk::Distribution d) {
    risk::UncertainInput in;
    in.name = std::move(name);
    in.alternative = std::move(alternative);
    in.model = std::move(model);
    in.parameter = std::move(parameter);
    in.distribution = std::move(d);
    return in;
}

}  // namespace

FusedMeasures finance_measures(std::span<const double> flows, double rate) {
    std::optional<double> irr;
    const int changes = finance::sign_changes(flows);
    if (changes == 1)
        irr = finance::irr(flows, rate);
    else if (changes > 1)
        irr = finance::irr_analysis(flows).irr;
    return {finance::npv(rate, flows), irr.value_or(kNone),
            finance::payback(flows).value_or(kNone),
            finance::discounted_payback(rate, flows).value_or(kNone)};
}

std::vector<risk::UncertainInput> typical_cnc_inputs() {
    using namespace risk;
    return {
        input("keep.mtbf", "keep", "downtime", "mtbf_hours", Triangular{120, 180, 260}),
        input("buy_a.mtbf", "buy_a", "downtime", "mtbf_hours", Triangular{450, 650, 800}),
        input("keep.repair_parts", "keep", "maintenance", "repair_parts_cost", Uniform{1500, 6000}),
        input("buy_a.scrap", "buy_a", "benefits", "scrap_rate_reduction", Pert{0.005, 0.015, 0.025}),
        input("buy_a.hours", "buy_a", "", "operating_hours_per_year", Uniform{2400, 3600}),
        input("energy_price", "", "operations", "energy_price", Uniform{0.15, 0.25}),
    };
}

FusedCnc::FusedCnc(const risk::InputBinding& binding, bool vs_baseline)
    : input_count_(binding.size()), vs_baseline_(vs_baseline) {
    const Engine& engine = binding.engine();
    const Study& study = engine.study();
    const StudySettings& s = study.settings;
    if (s.periods != PeriodUnit::year) refuse("the study must have yearly periods");
    if (s.dollars != Dollars::nominal) refuse("the study must be in nominal dollars");
    if (s.timing != finance::Timing::end_of_period) refuse("flows must be at the end of periods");
    if (s.horizon_years < 1 || static_cast<std::size_t>(s.horizon_years) > kFusedMaxPeriods)
        refuse("the horizon must be 1 to " + std::to_string(kFusedMaxPeriods) + " years");
    const auto& resolved = engine.alternatives();
    if (resolved.empty() || resolved.size() > kFusedMaxAlternatives)
        refuse("the study must have 1 to " + std::to_string(kFusedMaxAlternatives) +
               " alternatives");
    periods_ = static_cast<std::size_t>(s.horizon_years);
    rate_ = s.discount_rate;
    tax_rate_ = s.tax_rate;
    const std::size_t n = periods_;

    for (std::size_t a = 0; a < resolved.size(); ++a) {
        const Alternative& alt = *resolved[a].source;
        if (alt.id == s.baseline) baseline_ = a;
        const Capital& c = alt.capital;
        if (c.life_years != 0) refuse("alternative '" + alt.id + "' has a service life");
        if (alt.financing.has_loan() || alt.financing.has_lease())
            refuse("alternative '" + alt.id + "' has a loan or lease");
        if (!alt.escalation.empty()) refuse("alternative '" + alt.id + "' escalates lines");

        AlternativeData data;
        data.id = alt.id;
        for (std::size_t m = 0; m < resolved[a].models.size(); ++m) {
            const ResolvedModel& rm = resolved[a].models[m];
            const auto slot = static_cast<std::size_t>(slot_of(rm.model, alt.id));
            if (data.uses[slot]) refuse("alternative '" + alt.id + "' uses a model twice");
            data.uses[slot] = true;
            for (std::size_t p = 0; p < rm.params.size(); ++p) data.base.params[slot][p] = rm.params[p][0];
        }

        // The capital plan: period 0's purchase, the salvage as written at N, straight from
        // the study's capital block; depreciation of price + installation + commissioning by
        // the method's yearly fractions from period 1, cut at N, and the gain on disposal
        // (salvage - book value) taxed at N.
        data.capital_net[0] = -c.price - c.installation - c.commissioning + c.trade_in -
                              c.disposal_cost;
        data.capital_net[n] += c.salvage_value;
        const int life = c.depreciation_years > 0 ? c.depreciation_years : s.horizon_years;
        const std::vector<double> fractions =
            depreciation::schedule(c.depreciation, 1.0, 0.0, life, c.declining_balance_factor).yearly;
        const double basis = c.price + c.installation + c.commissioning;
        double taken = 0;
        std::size_t m = 0;
        for (; m < fractions.size() && 1 + m <= n; ++m) {
            const double d = basis * fractions[m];
            data.capital_taxable[1 + m] -= d;
            taken += d;
        }
        const double book = m == fractions.size() ? 0.0 : basis - taken;
        data.capital_taxable[n] += c.salvage_value - book;
        alternatives_.push_back(std::move(data));
    }

    for (std::size_t i = 0; i < binding.size(); ++i)
        for (const risk::InputTarget& t : binding.targets(i)) {
            const ResolvedModel& rm = resolved[t.alternative].models[t.model];
            const auto slot = static_cast<std::size_t>(slot_of(rm.model, resolved[t.alternative].source->id));
            bindings_.push_back({i, t.alternative, slot, t.param, t.min, t.max});
            alternatives_[t.alternative].varies[slot] = true;
        }
    for (AlternativeData& alt : alternatives_) {
        FusedFailureCurve curve;
        const Sums fixed{alt.fixed_deductible.data(), alt.fixed_untaxed.data(),
                         alt.fixed_benefit.data(), &curve};
        run_models(alt.uses, alt.base.params, false, alt.varies, n, fixed);
    }
}

FusedWorkspace FusedCnc::workspace() const {
    FusedWorkspace w;
    for (std::size_t a = 0; a < alternatives_.size(); ++a) w.alternatives[a] = alternatives_[a].base;
    return w;
}

void FusedCnc::evaluate(FusedWorkspace& work, const double* inputs, FusedAlternative* out) const {
    for (const Binding& b : bindings_) {
        const double v = inputs[b.input];
        if (!(v >= b.min && v <= b.max))  // also refuses NaN
            throw std::invalid_argument("fused reference: input " + std::to_string(b.input) +
                                        " = " + std::to_string(v) + " is outside its parameter's "
                                        "declared range");
        work.alternatives[b.alternative].params[b.model][b.param] = v;
    }
    const std::size_t n = periods_, width = n + 1;
    const double x = 1.0 / (1.0 + rate_);
    for (std::size_t a = 0; a < alternatives_.size(); ++a) {
        const AlternativeData& alt = alternatives_[a];
        const auto& p = work.alternatives[a].params;
        std::array<double, kFusedMaxPeriods + 1> deductible = alt.fixed_deductible,
                                                 untaxed = alt.fixed_untaxed,
                                                 benefit = alt.fixed_benefit;
        const Sums sums{deductible.data(), untaxed.data(), benefit.data(),
                        &work.failure_curves[a]};
        run_models(alt.uses, p, true, alt.varies, n, sums);
        using M = FusedModel;
        auto uses = [&](M m) { return alt.uses[static_cast<std::size_t>(m)]; };

        double* net = work.net[a].data();
        for (std::size_t k = 0; k < width; ++k) {
            const double taxable = alt.capital_taxable[k] + deductible[k];
            net[k] = alt.capital_net[k] + deductible[k] + untaxed[k] - tax_rate_ * taxable;
        }
        out[a].own = measures_of(net, width, rate_);
        out[a].lcc = (uses(M::benefits) ? present_value(benefit.data(), width, x) : 0.0) -
                     out[a].own.npv;
        out[a].vs_baseline = {};
    }
    if (!vs_baseline_) return;
    const double* base = work.net[baseline_].data();
    for (std::size_t a = 0; a < alternatives_.size(); ++a) {
        if (a == baseline_) continue;
        std::array<double, kFusedMaxPeriods + 1> increment;
        for (std::size_t k = 0; k < width; ++k) increment[k] = work.net[a][k] - base[k];
        out[a].vs_baseline = measures_of(increment.data(), width, rate_);
    }
}

}  // namespace eqroi::bench
