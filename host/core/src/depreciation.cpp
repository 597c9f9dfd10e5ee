// Tax depreciation as finance checks it: Excel's SLN, SYD, DDB and VDB, and the MACRS GDS
// half-year tables of IRS Publication 946 (Table A-1), and yearly schedules built from them.
#include <eqroi/core/depreciation.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace eqroi::depreciation {
namespace {

void require(bool ok, std::string_view function, std::string_view what) {
    if (!ok) throw std::invalid_argument(fmt::format("{}: {}", function, what));
}

void require_finite(std::string_view function, std::initializer_list<double> values) {
    for (double v : values) require(std::isfinite(v), function, "every argument must be finite");
}

/// The pure declining-balance deduction of whole or fractional period `period` (>= 1), from
/// the original cost, never taking the book value below salvage (Excel DDB). Closed form:
/// the book value after p periods is cost (1 - rate)^p, rate = factor / life capped at 1 (a
/// rate of 100 % or more writes the asset down to salvage in the first period).
double declining(double cost, double salvage, double life, double period, double factor) {
    double rate = factor / life;
    double before = 0, after = 0;
    if (rate >= 1) {
        rate = 1;
        before = period <= 1 ? cost : 0;  // everything goes in the first period
        after = 0;
    } else {
        before = cost * std::pow(1 - rate, period - 1);
        after = cost * std::pow(1 - rate, period);
    }
    const double deduction = after < salvage ? before - salvage : before - after;
    return std::max(deduction, 0.0);
}

/// VDB's deduction of each whole period i = 1 .. ceil(life): declining balance, or, from the
/// first period where it is larger, straight line on the book value still above salvage over
/// the periods still left; once switched it stays straight line (Excel VDB, no_switch false).
/// With no_switch the terms are the declining-balance ones only.
std::vector<double> vdb_terms(double cost, double salvage, double life, double factor,
                              bool no_switch, std::size_t periods) {
    std::vector<double> terms(periods, 0.0);
    double left = cost - salvage;  // still to depreciate
    bool straight = false;
    double straight_amount = 0;
    for (std::size_t i = 1; i <= periods; ++i) {
        const double db = declining(cost, salvage, life, static_cast<double>(i), factor);
        if (no_switch) {
            terms[i - 1] = db;
            continue;
        }
        if (!straight) {
            const double remaining_life = life - static_cast<double>(i - 1);
            const double sl = remaining_life > 0 ? left / remaining_life : left;
            if (sl > db) {
                straight = true;
                straight_amount = sl;
            } else {
                terms[i - 1] = db;
                left -= db;
                continue;
            }
        }
        terms[i - 1] = straight_amount;
    }
    return terms;
}

/// Depreciation accumulated from 0 to t: the whole periods' terms, then a part of the next
/// one in proportion to the part of it elapsed (Excel's treatment of fractional periods,
/// e.g. VDB(2400, 300, 10, 0, 0.875, 1.5) = 0.875 x 360 = 315).
double accumulated(const std::vector<double>& terms, double t) {
    const double whole = std::floor(t);
    const auto n = static_cast<std::size_t>(whole);
    double sum = 0;
    for (std::size_t i = 0; i < n && i < terms.size(); ++i) sum += terms[i];
    if (t > whole && n < terms.size()) sum += (t - whole) * terms[n];
    return sum;
}

}  // namespace

std::optional<Method> parse_method(std::string_view name) {
    if (name == "straight_line") return Method::straight_line;
    if (name == "declining_balance") return Method::declining_balance;
    if (name == "sum_of_years_digits") return Method::sum_of_years_digits;
    if (name == "macrs") return Method::macrs;
    return std::nullopt;
}

std::string_view method_name(Method method) {
    switch (method) {
        case Method::straight_line: return "straight_line";
        case Method::declining_balance: return "declining_balance";
        case Method::sum_of_years_digits: return "sum_of_years_digits";
        case Method::macrs: return "macrs";
    }
    return "straight_line";
}

const std::vector<double>& macrs_percentages(int property_class) {
    // IRS Publication 946, Appendix A, Table A-1: "3-, 5-, 7-, 10-, 15-, and 20-Year Property,
    // Half-Year Convention", depreciation rate for recovery year 1, 2, ... (percent).
    static const std::vector<double> three{33.33, 44.45, 14.81, 7.41};
    static const std::vector<double> five{20.00, 32.00, 19.20, 11.52, 11.52, 5.76};
    static const std::vector<double> seven{14.29, 24.49, 17.49, 12.49, 8.93, 8.92, 8.93, 4.46};
    static const std::vector<double> ten{10.00, 18.00, 14.40, 11.52, 9.22, 7.37,
                                         6.55,  6.55,  6.56,  6.55,  3.28};
    static const std::vector<double> fifteen{5.00, 9.50, 8.55, 7.70, 6.93, 6.23, 5.90, 5.90,
                                             5.91, 5.90, 5.91, 5.90, 5.91, 5.90, 5.91, 2.95};
    static const std::vector<double> twenty{3.750, 7.219, 6.677, 6.177, 5.713, 5.285, 4.888,
                                            4.522, 4.462, 4.461, 4.462, 4.461, 4.462, 4.461,
                                            4.462, 4.461, 4.462, 4.461, 4.462, 4.461, 2.231};
    static const std::vector<double> none;
    switch (property_class) {
        case 3: return three;
        case 5: return five;
        case 7: return seven;
        case 10: return ten;
        case 15: return fifteen;
        case 20: return twenty;
        default: return none;
    }
}

double sln(double cost, double salvage, double life) {
    require_finite("SLN", {cost, salvage, life});
    require(life != 0, "SLN", "life must not be 0");
    return (cost - salvage) / life;
}

double syd(double cost, double salvage, double life, double per) {
    require_finite("SYD", {cost, salvage, life, per});
    require(life > 0, "SYD", fmt::format("life must be positive (got {})", life));
    require(per > 0 && per <= life, "SYD",
            fmt::format("per must be in 1 .. life = {} (got {})", life, per));
    return (cost - salvage) * (life - per + 1) * 2 / (life * (life + 1));
}

double ddb(double cost, double salvage, double life, double period, double factor) {
    require_finite("DDB", {cost, salvage, life, period, factor});
    require(cost >= 0, "DDB", fmt::format("cost must not be negative (got {})", cost));
    require(salvage >= 0, "DDB", fmt::format("salvage must not be negative (got {})", salvage));
    require(life > 0, "DDB", fmt::format("life must be positive (got {})", life));
    require(factor > 0, "DDB", fmt::format("factor must be positive (got {})", factor));
    require(period >= 1 && period <= life, "DDB",
            fmt::format("period must be in 1 .. life = {} (got {})", life, period));
    return declining(cost, salvage, life, period, factor);
}

double vdb(double cost, double salvage, double life, double start_period, double end_period,
           double factor, bool no_switch) {
    require_finite("VDB", {cost, salvage, life, start_period, end_period, factor});
    require(cost >= 0, "VDB", fmt::format("cost must not be negative (got {})", cost));
    require(salvage >= 0 && salvage <= cost, "VDB",
            fmt::format("salvage must be in 0 .. cost = {} (got {})", cost, salvage));
    require(life > 0, "VDB", fmt::format("life must be positive (got {})", life));
    require(factor > 0, "VDB", fmt::format("factor must be positive (got {})", factor));
    require(start_period >= 0 && start_period <= end_period && end_period <= life, "VDB",
            fmt::format("need 0 <= start_period <= end_period <= life = {} (got {} .. {})", life,
                        start_period, end_period));
    const auto periods = static_cast<std::size_t>(std::ceil(end_period));
    const std::vector<double> terms = vdb_terms(cost, salvage, life, factor, no_switch, periods);
    return accumulated(terms, end_period) - accumulated(terms, start_period);
}

Schedule schedule(Method method, double cost, double salvage, int life, double factor) {
    const std::string_view name = method_name(method);
    require_finite(name, {cost, salvage, factor});
    require(cost >= 0, name, fmt::format("cost must not be negative (got {})", cost));
    Schedule s;
    if (method == Method::macrs) {
        const std::vector<double>& pct = macrs_percentages(life);
        require(!pct.empty(), name,
                fmt::format("property class must be 3, 5, 7, 10, 15 or 20 years (got {})", life));
        s.yearly.reserve(pct.size());
        for (double p : pct) s.yearly.push_back(cost * p / 100.0);
        return s;
    }
    require(life > 0, name, fmt::format("tax life must be at least 1 year (got {})", life));
    require(salvage >= 0 && salvage <= cost, name,
            fmt::format("salvage must be in 0 .. cost = {} (got {})", cost, salvage));
    const double n = life;
    s.yearly.reserve(static_cast<std::size_t>(life));
    switch (method) {
        case Method::straight_line:
            s.yearly.assign(static_cast<std::size_t>(life), sln(cost, salvage, n));
            break;
        case Method::sum_of_years_digits:
            for (int y = 1; y <= life; ++y) s.yearly.push_back(syd(cost, salvage, n, y));
            break;
        case Method::declining_balance: {
            require(factor > 0, name, fmt::format("factor must be positive (got {})", factor));
            const std::vector<double> terms = vdb_terms(cost, salvage, n, factor, false,
                                                        static_cast<std::size_t>(life));
            s.yearly = terms;
            break;
        }
        case Method::macrs: break;  // handled above
    }
    return s;
}

}  // namespace eqroi::depreciation
