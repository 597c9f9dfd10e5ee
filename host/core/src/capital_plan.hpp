// The capital side of one alternative, the same for every trial of a batch: purchase and
// replacements with their residual value, tax depreciation with gains on disposal, and the
// financing (loan, lease). The engine computes it once per alternative and adds it to every
// trial's flows.
#pragma once

#include <eqroi/core/depreciation.hpp>
#include <eqroi/core/engine.hpp>
#include <eqroi/core/study.hpp>

#include <vector>

namespace eqroi::engine_detail {

/// Everything indexed by period 0..N (width N + 1), in the study's dollars.
struct CapitalPlan {
    /// Signed cash lines, only those not all zero, in this order:
    ///   capital.price, capital.installation, capital.commissioning, capital.trade_in,
    ///   capital.disposal_cost, capital.replacement (every replacement purchase, escalated),
    ///   capital.salvage_value (retirements inside the study, and period N when life_years is 0),
    ///   capital.residual_value (the unit in service at N, when life_years > 0),
    ///   financing.loan_proceeds, financing.loan_interest, financing.loan_principal
    ///   (the repayment of a balance still owed at N included), financing.lease_payment.
    /// Capital lines have source "capital", is_capital true; financing lines source
    /// "financing". Tax treatments: price/installation/commissioning/replacement/salvage/residual
    /// capitalised, trade-in and disposal not taxed, loan proceeds and principal not taxed,
    /// interest and lease payments deductible.
    std::vector<Line> lines;
    std::vector<double> net;            ///< the sum of `lines`
    /// Tax depreciation of every unit per period (zero when untaxed is irrelevant: always
    /// filled, the engine multiplies by the tax rate).
    std::vector<double> depreciation;
    /// This plan's contribution to taxable income per period: - depreciation + gains on
    /// disposal (value at exit - book value, at the exit period) - interest - lease payments.
    std::vector<double> taxable;
    std::vector<CapitalUnit> units;
    std::vector<LoanPeriod> loan;
    /// The nominal depreciation_fractions() every unit is depreciated by (the capital's method
    /// and tax life); the engine depreciates capitalised model lines by the same.
    std::vector<double> depreciation_fractions;
};

/// Tax depreciation of an amount spent at some period, as fractions of it per period after:
/// fractions[m] is deducted m + 1 periods after the spending (m = 0, 1, ...). The method's
/// yearly schedule with zero salvage, each tax year spread evenly over its periods
/// (periods_per_year of them); sums to 1. MACRS: `life` is the property class.
std::vector<double> depreciation_fractions(depreciation::Method method, int life,
                                           double declining_balance_factor,
                                           int periods_per_year);

/// The capital plan of `alternative`.
///  - general_index[k]: the general price level at period k relative to period 0,
///    (1 + inflation)^(k / ppy). Escalated prices use it times price_index[k].
///  - price_index[k]: the host escalation of capital.price from [alternative.escalation]
///    (all 1 when none).
///  - In a nominal study amounts are as paid. In a constant-dollar study the user's amounts are
///    in constant dollars; the plan works out depreciation, book values, gains and loan
///    payments in nominal terms (the tax authority and the bank see nominal amounts) and
///    divides every output by general_index[k], so all outputs are in constant dollars.
/// The depreciation tax life is capital.depreciation_years; 0 = life_years when that is > 0,
/// else the study horizon (for macrs
/// the class, validated by the study reader). Depreciation of each unit starts the period after
/// it is bought (period 1 for the first); a unit's book value still left when it exits is
/// set against its value at exit (the gain, or a loss when negative).
///
/// Semantics in detail (each checked in tests/engine/capital_plan_test.cpp):
///  - Units: with life_years = L > 0, bought at 0, L x ppy, 2 L x ppy, ... while before N. A
///    replacement costs (price + installation + commissioning) x general_index x price_index at
///    its period. A unit whose life ends at or before N (exactly at N included) is retired then
///    with salvage_value x general_index x price_index (line capital.salvage_value; a written
///    residual_value does not apply to it). The unit still in service at N is worth
///    residual_value as written, else cost + (salvage at its life end - cost) x (N - bought) /
///    (L x ppy), where the indices beyond N keep growing at the rate of the study's last year.
///  - Depreciation of a unit is taken in every period from bought + 1 up to and including its
///    exit period (retirement or N), then the gain = value at exit - book value goes in
///    `taxable` at the exit period. MACRS takes the table's full-year rates up to the exit (no
///    half-year in the year of disposal); the gain settles the difference.
///  - Loan: `loan` has a row for period 0 (balance = the amount, nothing paid) then one per
///    payment up to min(term, N); the last payment of the term settles the balance exactly; at
///    N a balance still owed is added to that period's principal and payment.
///  - Lease: payments that would fall after N are left out. lease_payment is a contract
///    amount, fixed in money like a loan's payment: in a constant-dollar study it is deflated
///    (its real cost falls with inflation).
///  - Constant dollars: `units` and `loan` are deflated too (by the index of their period).
/// Throws std::invalid_argument, naming the alternative, on inconsistent input (indices of the
/// wrong size or not positive, negative amounts, a loan without a term, a tax life the method
/// cannot use).
CapitalPlan plan_capital(const StudySettings& settings, const Alternative& alternative,
                         const std::vector<double>& general_index,
                         const std::vector<double>& price_index);

}  // namespace eqroi::engine_detail
