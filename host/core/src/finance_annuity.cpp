// Level payments: the capital recovery factor (A/P, i, n), equivalent annual amounts and
// Excel's PMT. (1 + i)^n - 1 is computed as expm1(n log1p(i)), which stays accurate for the
// tiny monthly rates of long studies where the plain difference loses digits.
#include <eqroi/core/finance.hpp>

#include <fmt/format.h>

#include <cmath>
#include <stdexcept>

namespace eqroi::finance {
namespace {

void check(double rate, int periods, const char* function) {
    if (!std::isfinite(rate) || rate <= -1)
        throw std::invalid_argument(
            fmt::format("{}: the rate must be a finite number above -100 % (got {})", function, rate));
    if (periods <= 0)
        throw std::invalid_argument(
            fmt::format("{}: the number of periods must be at least 1 (got {})", function, periods));
}

}  // namespace

double capital_recovery_factor(double rate, int periods) {
    check(rate, periods, "capital recovery factor");
    if (rate == 0) return 1.0 / periods;
    const double growth = std::expm1(periods * std::log1p(rate));  // (1 + i)^n - 1
    return rate * (growth + 1) / growth;
}

double equivalent_annual(double present_value, double rate, int periods) {
    return present_value * capital_recovery_factor(rate, periods);
}

double pmt(double rate, int periods, double present_value, double future_value, bool in_advance) {
    check(rate, periods, "PMT");
    if (!std::isfinite(present_value) || !std::isfinite(future_value))
        throw std::invalid_argument("PMT: the present and future values must be finite");
    // Excel: pv (1+i)^n + pmt (1 + i type) ((1+i)^n - 1) / i + fv = 0; with i = 0,
    // pv + pmt n + fv = 0 whatever the type.
    if (rate == 0) return -(present_value + future_value) / periods;
    const double growth = std::expm1(periods * std::log1p(rate));  // (1 + i)^n - 1
    const double payment = -(present_value * (growth + 1) + future_value) * rate / growth;
    return in_advance ? payment / (1 + rate) : payment;
}

}  // namespace eqroi::finance
