// The report's number formats, study labels and yearly views (see eqroi/core/format.hpp). The
// CLI report and the studio both write figures through these, so a cell reads the same in both.
#include <eqroi/core/format.hpp>

#include <fmt/format.h>

#include <cmath>

namespace eqroi::format {

std::string grouped(double v, int decimals) {
    // fmt writes '.' whatever the locale; grouping is added by hand for the same reason.
    std::string s = fmt::format("{:.{}f}", std::fabs(v), decimals);
    const bool negative = v < 0 && s.find_first_not_of("0.") != std::string::npos;
    const std::size_t dot = s.find('.');
    const std::size_t int_len = dot == std::string::npos ? s.size() : dot;
    std::string out;
    for (std::size_t i = 0; i < int_len; ++i) {
        if (i > 0 && (int_len - i) % 3 == 0) out += ',';
        out += s[i];
    }
    return (negative ? "-" : "") + out + s.substr(int_len);
}

std::string money(double v) { return grouped(v, 0); }
std::string money2(double v) { return grouped(v, 2); }

std::string pct(double rate, int decimals) { return grouped(rate * 100, decimals) + " %"; }

std::string percent(const std::optional<double>& rate) { return rate ? pct(*rate) : "none"; }

std::string years(const std::optional<double>& y) {
    return y ? fmt::format("{:.2f} yr", *y) : "not reached";
}

std::string ratio(const std::optional<double>& v, int decimals) {
    return v ? grouped(*v, decimals) : "none";
}

std::vector<double> irr_roots_of(const Measures& m) {
    if (!m.irr_roots.empty()) return m.irr_roots;
    if (m.irr) return {*m.irr};
    return {};
}

std::string irr_text(const Measures& m) {
    const std::vector<double> roots = irr_roots_of(m);
    if (m.irr_ambiguous || roots.size() > 1) {
        std::string out = "ambiguous:";
        for (std::size_t i = 0; i < roots.size(); ++i) out += (i ? ", " : " ") + pct(roots[i]);
        return out;
    }
    return percent(m.irr);
}

std::string period_label(const StudySettings& s) {
    return s.periods == PeriodUnit::month ? "monthly" : "yearly";
}

std::string period_noun(const StudySettings& s) {
    return s.periods == PeriodUnit::month ? "month" : "year";
}

std::string start_date_text(const StudySettings& s) {
    if (s.start_date.year == 0) return "";
    return fmt::format("{:04}-{:02}-{:02}", s.start_date.year, s.start_date.month,
                       s.start_date.day);
}

std::vector<double> by_year(const std::vector<double>& v, int ppy) {
    if (ppy <= 1) return v;
    const auto per_year = static_cast<std::size_t>(ppy);
    std::vector<double> out{v.empty() ? 0.0 : v[0]};
    for (std::size_t k = 1; k < v.size(); ++k) {
        if ((k - 1) % per_year == 0) out.push_back(0.0);
        out.back() += v[k];
    }
    return out;
}

std::vector<double> at_year_end(const std::vector<double>& v, int ppy) {
    if (ppy <= 1) return v;
    std::vector<double> out;
    for (std::size_t k = 0; k < v.size(); k += static_cast<std::size_t>(ppy)) out.push_back(v[k]);
    return out;
}

}  // namespace eqroi::format
