// The capital side of one alternative: purchase, replacements, salvage and residual value,
// tax depreciation with gains on disposal, and financing (loan, lease). Everything is worked
// out in nominal money (what the buyer, the bank and the tax authority see) and converted to
// the study's dollars at the very end.
#include "capital_plan.hpp"

#include <eqroi/core/finance.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>
#include <string>

namespace eqroi::engine_detail {
namespace {

using Row = std::vector<double>;

[[noreturn]] void fail(const Alternative& alt, const std::string& what) {
    throw std::invalid_argument(fmt::format("alternative '{}': {}", alt.id, what));
}

void require_amount(const Alternative& alt, double value, const char* key) {
    if (!std::isfinite(value) || value < 0)
        fail(alt, fmt::format("{} must be a finite amount >= 0 (got {})", key, value));
}

/// How a period's money converts. `as_written[k]` turns an amount the user wrote for period k
/// into nominal money (1 in a nominal study, the general price level G_k in a constant-dollar
/// one, whose amounts are in period-0 purchasing power); dividing by it turns nominal money back
/// into the study's dollars. `escalated[k]` = G_k x P_k turns today's price into period k's
/// nominal price.
struct Money {
    std::size_t periods = 0;
    int ppy = 1;
    Row as_written, escalated;

    /// Today's price escalated to period p, which may lie beyond the study (the residual value
    /// of a unit whose life ends after N). Beyond N both indices keep growing at the rate of
    /// the study's last year: G x P at N times (G x P at N / G x P at N - ppy)^((p - N) / ppy).
    double escalated_at(std::size_t p) const {
        if (p <= periods) return escalated[p];
        const std::size_t year_before = periods >= static_cast<std::size_t>(ppy) ? periods - ppy : 0;
        const double yearly = escalated[periods] / escalated[year_before];
        return escalated[periods] *
               std::pow(yearly, static_cast<double>(p - periods) / static_cast<double>(ppy));
    }
};

Line make_line(const char* key, const char* label, const char* source, eqroi_category category,
               eqroi_tax_treatment tax, bool is_capital, Row amounts) {
    Line line;
    line.key = key;
    line.label = label;
    line.source = source;
    line.category = category;
    line.tax_treatment = tax;
    line.is_capital = is_capital;
    line.amounts = std::move(amounts);
    return line;
}

bool all_zero(const Row& row) {
    return std::all_of(row.begin(), row.end(), [](double v) { return v == 0; });
}

/// Nominal money of period k into the study's dollars; +0.0 turns a -0 into 0 so that reports
/// never print "-0".
void to_study_dollars(Row& row, const Money& money) {
    for (std::size_t k = 0; k < row.size(); ++k) row[k] = row[k] / money.as_written[k] + 0.0;
}

/// The depreciation tax life in years: depreciation_years, else the service life, else the
/// horizon (for macrs the property class, which the study reader requires).
int tax_life(const StudySettings& s, const Capital& c) {
    if (c.depreciation_years > 0) return c.depreciation_years;
    if (c.life_years > 0) return c.life_years;
    return s.horizon_years;
}

/// Nominal accumulators of every output, period by period.
struct Nominal {
    Row price, installation, commissioning, trade_in, disposal, replacement, salvage, residual;
    Row loan_proceeds, loan_interest, loan_principal, lease;
    Row depreciation, taxable;
    explicit Nominal(std::size_t width)
        : price(width), installation(width), commissioning(width), trade_in(width),
          disposal(width), replacement(width), salvage(width), residual(width),
          loan_proceeds(width), loan_interest(width), loan_principal(width), lease(width),
          depreciation(width), taxable(width) {}
};

/// The units: the purchase at 0 and, with a service life, a replacement every life_years while
/// the study runs, each with its value at exit (nominal).
std::vector<CapitalUnit> plan_units(const Alternative& alt,
                                    const Money& money, Nominal& out, bool& residual_escalated) {
    const Capital& c = alt.capital;
    const std::size_t n = money.periods;
    const double basis = c.price + c.installation + c.commissioning;  // today's prices
    std::vector<CapitalUnit> units;
    if (c.life_years == 0) {
        // The machine lasts the whole study; salvage_value is received at N as written.
        CapitalUnit u;
        u.bought = 0;
        u.cost = basis * money.as_written[0];
        u.retired = n;
        u.in_service_at_end = true;
        u.salvage_as_written = true;
        u.value_at_exit = c.salvage_value * money.as_written[n];
        out.salvage[n] += u.value_at_exit;
        units.push_back(u);
        return units;
    }
    const std::size_t life = static_cast<std::size_t>(c.life_years) * money.ppy;
    for (std::size_t b = 0; b < n; b += life) {
        CapitalUnit u;
        u.bought = b;
        u.cost = b == 0 ? basis * money.as_written[0] : basis * money.escalated[b];
        if (b > 0) out.replacement[b] -= u.cost;
        const std::size_t end_of_life = b + life;
        if (end_of_life <= n) {
            // Retired inside the study (a life ending exactly at N included): salvage at
            // today's value escalated to the retirement.
            u.retired = end_of_life;
            u.value_at_exit = c.salvage_value * money.escalated[end_of_life];
            out.salvage[end_of_life] += u.value_at_exit;
        } else {
            u.retired = n;
            u.in_service_at_end = true;
            if (c.residual_value) {
                u.residual_from_user = true;
                u.value_at_exit = *c.residual_value * money.as_written[n];
            } else {
                // Straight line from the cost when bought to the escalated salvage at the end
                // of its life, read at N.
                const double salvage_at_end = c.salvage_value * money.escalated_at(end_of_life);
                const double used = static_cast<double>(n - b) / static_cast<double>(life);
                u.value_at_exit = u.cost + (salvage_at_end - u.cost) * used;
                residual_escalated = true;
            }
            out.residual[n] += u.value_at_exit;
        }
        units.push_back(u);
    }
    return units;
}

/// Depreciates every unit from the period after it is bought up to its exit, then sets the
/// book value left against the value at exit (the gain, taxed at the exit period).
void depreciate_units(std::vector<CapitalUnit>& units, const std::vector<double>& fractions,
                      Nominal& out) {
    for (CapitalUnit& u : units) {
        double taken = 0;
        std::size_t m = 0;
        for (; m < fractions.size() && u.bought + 1 + m <= u.retired; ++m) {
            const double d = u.cost * fractions[m];
            out.depreciation[u.bought + 1 + m] += d;
            out.taxable[u.bought + 1 + m] -= d;
            taken += d;
        }
        // Fully depreciated: exactly nothing left (no 1e-13 from summing the fractions).
        u.book_value_at_exit = m == fractions.size() ? 0.0 : u.cost - taken;
        u.gain_on_disposal = u.value_at_exit - u.book_value_at_exit;
        out.taxable[u.retired] += u.gain_on_disposal;
    }
}

/// A level-payment loan: proceeds at 0, payments at 1..term (cut at N, where a balance still
/// owed is repaid). Interest is deductible, principal is not.
std::vector<LoanPeriod> plan_loan(const Alternative& alt, const Money& money, Nominal& out) {
    const Financing& f = alt.financing;
    if (f.loan_term_years <= 0)
        fail(alt, fmt::format("a loan needs loan_term_years >= 1 (got {})", f.loan_term_years));
    if (!std::isfinite(f.loan_rate) || f.loan_rate <= -1)
        fail(alt, fmt::format("loan_rate must be a finite rate above -100 % (got {})", f.loan_rate));
    const std::size_t term = static_cast<std::size_t>(f.loan_term_years) * money.ppy;
    const double rate = finance::period_rate(f.loan_rate, money.ppy);
    const double amount = f.loan_amount * money.as_written[0];
    const double payment = -finance::pmt(rate, static_cast<int>(term), amount);

    std::vector<LoanPeriod> rows;
    rows.push_back({0, 0, 0, 0, amount});
    out.loan_proceeds[0] += amount;
    double balance = amount;
    const std::size_t last = std::min(term, money.periods);
    for (std::size_t k = 1; k <= last; ++k) {
        const double interest = balance * rate;
        // The last payment of the term settles the balance exactly (no rounding remainder).
        double principal = k == term ? balance : payment - interest;
        balance = k == term ? 0.0 : balance - principal;
        if (k == money.periods && balance != 0) {  // the study ends first: repay the rest now
            principal += balance;
            balance = 0;
        }
        rows.push_back({k, interest + principal, interest, principal, balance});
        out.loan_interest[k] -= interest;
        out.loan_principal[k] -= principal;
        out.taxable[k] -= interest;
    }
    return rows;
}

/// Lease payments: n = lease_term_years x ppy of them (0 = the horizon), at periods 0..n-1 in
/// advance or 1..n in arrears, those after N left out. Deductible when paid. The payment is a
/// contract amount, fixed in money terms like a loan's: in a constant-dollar study it is
/// deflated with everything else, so its real cost falls over the years.
void plan_lease(const StudySettings& s, const Alternative& alt, const Money& money, Nominal& out) {
    const Financing& f = alt.financing;
    if (f.lease_term_years < 0)
        fail(alt, fmt::format("lease_term_years must be >= 0 (got {})", f.lease_term_years));
    const std::size_t count = f.lease_term_years > 0
                                  ? static_cast<std::size_t>(f.lease_term_years) * money.ppy
                                  : static_cast<std::size_t>(s.period_count());
    const std::size_t first = f.lease_in_advance ? 0 : 1;
    for (std::size_t j = 0; j < count && first + j <= money.periods; ++j) {
        const std::size_t k = first + j;
        const double amount = f.lease_payment;
        out.lease[k] -= amount;
        out.taxable[k] -= amount;
    }
}

void validate(const StudySettings& s, const Alternative& alt, const Row& general_index,
              const Row& price_index) {
    if (s.horizon_years < 1)
        fail(alt, fmt::format("the study horizon must be at least 1 year (got {})", s.horizon_years));
    const auto width = static_cast<std::size_t>(s.period_count()) + 1;
    if (general_index.size() != width || price_index.size() != width)
        throw std::invalid_argument(fmt::format(
            "plan_capital: the general and price indices need {} periods (0..N), got {} and {}",
            width, general_index.size(), price_index.size()));
    for (std::size_t k = 0; k < width; ++k)
        if (!(general_index[k] > 0) || !std::isfinite(general_index[k]) || !(price_index[k] > 0) ||
            !std::isfinite(price_index[k]))
            throw std::invalid_argument(fmt::format(
                "plan_capital: the price indices must be finite and positive (period {}: general "
                "{}, price {})",
                k, general_index[k], price_index[k]));
    const Capital& c = alt.capital;
    require_amount(alt, c.price, "price");
    require_amount(alt, c.installation, "installation");
    require_amount(alt, c.commissioning, "commissioning");
    require_amount(alt, c.trade_in, "trade_in");
    require_amount(alt, c.disposal_cost, "disposal_cost");
    require_amount(alt, c.salvage_value, "salvage_value");
    if (c.residual_value) require_amount(alt, *c.residual_value, "residual_value");
    if (c.life_years < 0) fail(alt, fmt::format("life_years must be >= 0 (got {})", c.life_years));
    if (c.depreciation_years < 0)
        fail(alt, fmt::format("depreciation_years must be >= 0 (got {})", c.depreciation_years));
    const Financing& f = alt.financing;
    require_amount(alt, f.loan_amount, "loan_amount");
    require_amount(alt, f.lease_payment, "lease_payment");
}

}  // namespace

std::vector<double> depreciation_fractions(depreciation::Method method, int life,
                                           double declining_balance_factor,
                                           int periods_per_year) {
    if (periods_per_year < 1)
        throw std::invalid_argument(
            fmt::format("depreciation: periods per year must be >= 1 (got {})", periods_per_year));
    const depreciation::Schedule yearly =
        depreciation::schedule(method, 1.0, 0.0, life, declining_balance_factor);
    std::vector<double> fractions;
    fractions.reserve(yearly.yearly.size() * periods_per_year);
    for (double year : yearly.yearly)
        fractions.insert(fractions.end(), static_cast<std::size_t>(periods_per_year),
                         year / periods_per_year);
    return fractions;
}

CapitalPlan plan_capital(const StudySettings& settings, const Alternative& alternative,
                         const std::vector<double>& general_index,
                         const std::vector<double>& price_index) {
    validate(settings, alternative, general_index, price_index);
    const Capital& c = alternative.capital;
    const Financing& f = alternative.financing;
    const auto n = static_cast<std::size_t>(settings.period_count());
    const std::size_t width = n + 1;

    Money money;
    money.periods = n;
    money.ppy = settings.periods_per_year();
    money.as_written.assign(width, 1.0);
    money.escalated.assign(width, 1.0);
    for (std::size_t k = 0; k < width; ++k) {
        if (settings.dollars == Dollars::constant) money.as_written[k] = general_index[k];
        money.escalated[k] = general_index[k] * price_index[k];
    }

    Nominal out(width);
    out.price[0] = -c.price * money.as_written[0];
    out.installation[0] = -c.installation * money.as_written[0];
    out.commissioning[0] = -c.commissioning * money.as_written[0];
    out.trade_in[0] = c.trade_in * money.as_written[0];
    out.disposal[0] = -c.disposal_cost * money.as_written[0];

    CapitalPlan plan;
    bool residual_escalated = false;
    plan.units = plan_units(alternative, money, out, residual_escalated);
    try {
        plan.depreciation_fractions = depreciation_fractions(
            c.depreciation, tax_life(settings, c), c.declining_balance_factor, money.ppy);
    } catch (const std::invalid_argument& e) {
        fail(alternative, fmt::format("tax depreciation: {}", e.what()));
    }
    depreciate_units(plan.units, plan.depreciation_fractions, out);
    if (f.has_loan()) plan.loan = plan_loan(alternative, money, out);
    if (f.has_lease()) plan_lease(settings, alternative, money, out);

    // Into the study's dollars.
    for (Row* row : {&out.price, &out.installation, &out.commissioning, &out.trade_in,
                     &out.disposal, &out.replacement, &out.salvage, &out.residual,
                     &out.loan_proceeds, &out.loan_interest, &out.loan_principal, &out.lease,
                     &out.depreciation, &out.taxable})
        to_study_dollars(*row, money);
    for (CapitalUnit& u : plan.units) {
        u.cost /= money.as_written[u.bought];
        const double at_exit = money.as_written[u.retired];
        u.value_at_exit /= at_exit;
        u.book_value_at_exit = u.book_value_at_exit / at_exit + 0.0;
        u.gain_on_disposal = u.gain_on_disposal / at_exit + 0.0;
    }
    for (LoanPeriod& p : plan.loan) {
        const double g = money.as_written[p.period];
        p.payment /= g;
        p.interest /= g;
        p.principal /= g;
        p.balance /= g;
    }

    // The lines, in the documented order, only those not all zero.
    const bool price_escalates =
        std::any_of(price_index.begin(), price_index.end(), [](double v) { return v != 1.0; });
    auto add = [&](const char* key, const char* label, const char* source, eqroi_category category,
                   eqroi_tax_treatment tax, Row& amounts, bool escalated) {
        if (all_zero(amounts)) return;
        const bool capital = std::string_view(source) == "capital";
        Line line = make_line(key, label, source, category, tax, capital, std::move(amounts));
        if (escalated && price_escalates) line.escalation_index = price_index;
        plan.lines.push_back(std::move(line));
    };
    const bool with_life = c.life_years > 0;
    add("capital.price", "Purchase price", "capital", EQROI_CATEGORY_OTHER, EQROI_TAX_CAPITALISED,
        out.price, false);
    add("capital.installation", "Installation", "capital", EQROI_CATEGORY_OTHER,
        EQROI_TAX_CAPITALISED, out.installation, false);
    add("capital.commissioning", "Commissioning", "capital", EQROI_CATEGORY_OTHER,
        EQROI_TAX_CAPITALISED, out.commissioning, false);
    add("capital.trade_in", "Trade-in of the old machine", "capital", EQROI_CATEGORY_OTHER,
        EQROI_TAX_NOT_TAXED, out.trade_in, false);
    add("capital.disposal_cost", "Removal of the old machine", "capital", EQROI_CATEGORY_OTHER,
        EQROI_TAX_NOT_TAXED, out.disposal, false);
    add("capital.replacement", "Replacement purchases", "capital", EQROI_CATEGORY_OTHER,
        EQROI_TAX_CAPITALISED, out.replacement, true);
    add("capital.salvage_value", "Salvage value", "capital", EQROI_CATEGORY_OTHER,
        EQROI_TAX_CAPITALISED, out.salvage, with_life);
    add("capital.residual_value", "Residual value", "capital", EQROI_CATEGORY_OTHER,
        EQROI_TAX_CAPITALISED, out.residual, residual_escalated);
    add("financing.loan_proceeds", "Loan proceeds", "financing", EQROI_CATEGORY_OTHER,
        EQROI_TAX_NOT_TAXED, out.loan_proceeds, false);
    add("financing.loan_interest", "Loan interest", "financing", EQROI_CATEGORY_OTHER,
        EQROI_TAX_DEDUCTIBLE, out.loan_interest, false);
    add("financing.loan_principal", "Loan principal", "financing", EQROI_CATEGORY_OTHER,
        EQROI_TAX_NOT_TAXED, out.loan_principal, false);
    add("financing.lease_payment", "Lease payments", "financing", EQROI_CATEGORY_LEASE,
        EQROI_TAX_DEDUCTIBLE, out.lease, false);

    plan.net.assign(width, 0.0);
    for (const Line& line : plan.lines)
        for (std::size_t k = 0; k < width; ++k) plan.net[k] += line.amounts[k];
    plan.depreciation = std::move(out.depreciation);
    plan.taxable = std::move(out.taxable);
    return plan;
}

}  // namespace eqroi::engine_detail
