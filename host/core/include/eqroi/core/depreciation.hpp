// Tax depreciation: the schedules finance checks against Excel's DB/DDB/VDB/SYD/SLN and
// the MACRS tables of IRS Publication 946. Pure functions, no I/O. Years are tax years from
// the one the asset is placed in service (index 0 = the first year's deduction).
#pragma once

#include <optional>
#include <string_view>
#include <vector>

namespace eqroi::depreciation {

enum class Method {
    straight_line,        ///< (cost - salvage) / life each year
    declining_balance,    ///< rate factor / life on the book value, switching to straight
                          ///< line on the remaining book value when that deducts more (VDB)
    sum_of_years_digits,  ///< (cost - salvage) x (life - y) / (life (life + 1) / 2)
    macrs,                ///< MACRS GDS, half-year convention, IRS Pub. 946 Table A-1
};

/// "straight_line", "declining_balance", "sum_of_years_digits", "macrs"; nullopt otherwise.
std::optional<Method> parse_method(std::string_view name);
std::string_view method_name(Method method);

/// The MACRS GDS property classes with a half-year table in Pub. 946 Table A-1.
inline constexpr int macrs_classes[] = {3, 5, 7, 10, 15, 20};

/// Pub. 946 Table A-1 (200 % DB for 3-10 years, 150 % DB for 15 and 20, half-year
/// convention), as the published rounded percentages of the unadjusted basis: class + 1
/// entries, e.g. 7-year: 14.29, 24.49, 17.49, 12.49, 8.93, 8.92, 8.93, 4.46 (sum 100.00).
/// Empty for a class not in macrs_classes.
const std::vector<double>& macrs_percentages(int property_class);

/// Excel SLN(cost, salvage, life).
double sln(double cost, double salvage, double life);

/// Excel SYD(cost, salvage, life, per), per = 1..life.
double syd(double cost, double salvage, double life, double per);

/// Excel DDB(cost, salvage, life, period, factor = 2): declining balance for one period,
/// never below salvage.
double ddb(double cost, double salvage, double life, double period, double factor = 2);

/// Excel VDB(cost, salvage, life, start_period, end_period, factor = 2, no_switch = false):
/// declining-balance depreciation between two (possibly fractional) periods, switching to
/// straight line when that is larger, unless no_switch. Reproduces Microsoft's documented
/// examples, e.g. VDB(2400, 300, 10, 0, 0.875, 1.5) = 315.00. Within a period the deduction
/// accrues in proportion to the part of the period elapsed. Once switched, straight line
/// (book - salvage over the periods left) is kept to the end of the life.
/// Like Excel's #NUM!, std::invalid_argument unless 0 <= start <= end <= life, 0 <= salvage
/// <= cost, factor > 0. (SLN: life != 0; SYD: 0 < per <= life; DDB: 1 <= period <= life,
/// cost, salvage >= 0, factor > 0.)
double vdb(double cost, double salvage, double life, double start_period, double end_period,
           double factor = 2, bool no_switch = false);

struct Schedule {
    std::vector<double> yearly;  ///< deduction in tax year y = 0, 1, ...; sums to cost - salvage
                                 ///< (cost for MACRS, which ignores salvage)
};

/// The yearly deductions of an asset with the given method. `life` is the tax life in years
/// (for macrs: the property class, one of macrs_classes; std::invalid_argument otherwise).
/// declining_balance uses `factor` (2 = double declining) and switches to straight line
/// (vdb with no_switch = false, year by year). MACRS: cost x percentage / 100, class + 1 years.
Schedule schedule(Method method, double cost, double salvage, int life, double factor = 2);

}  // namespace eqroi::depreciation
