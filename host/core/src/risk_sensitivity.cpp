// Tornado and spider (eqroi/core/risk/sensitivity.hpp): one input moved, the others at base,
// every alternative evaluated through the InputBinding.
#include <eqroi/core/risk/sensitivity.hpp>

#include "risk_sensitivity_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <limits>
#include <stdexcept>

namespace eqroi::risk {
namespace sensitivity_detail {

std::vector<double> npv_at(const InputBinding& binding, std::size_t input,
                           std::size_t alternative, std::span<const double> values) {
    if (values.empty()) return {};
    std::vector<std::span<const double>> columns(binding.size());
    columns.at(input) = values;
    return binding.evaluate(alternative, Columns(columns), static_cast<uint32_t>(values.size())).npv;
}

std::size_t preferred(std::span<const double> npv) {
    std::size_t best = 0;
    for (std::size_t a = 1; a < npv.size(); ++a)
        if (npv[a] > npv[best]) best = a;
    return best;
}

bool whole_number(const InputBinding& binding, std::size_t input) {
    const auto& alternatives = binding.engine().alternatives();
    for (const InputTarget& t : binding.targets(input)) {
        const auto& p = alternatives.at(t.alternative).models.at(t.model).model.param(t.param);
        if (p.flags & (EQROI_PARAM_INTEGER | EQROI_PARAM_BOOLEAN)) return true;
    }
    return false;
}

std::pair<double, double> declared_range(const InputBinding& binding, std::size_t input,
                                         std::size_t alternative) {
    double lo = -std::numeric_limits<double>::infinity();
    double hi = std::numeric_limits<double>::infinity();
    for (const InputTarget& t : binding.targets(input)) {
        if (alternative != SIZE_MAX && t.alternative != alternative) continue;
        lo = std::max(lo, t.min);
        hi = std::min(hi, t.max);
    }
    return {lo, hi};
}

}  // namespace sensitivity_detail

namespace {

using namespace sensitivity_detail;

void check_quantile(double q, const char* what) {
    if (!(q > 0 && q < 1))
        throw std::invalid_argument(
            fmt::format("{}: the quantile {} is outside (0, 1)", what, q));
}

/// Input `input` at each level, the others at base: every alternative the input reaches is
/// evaluated once, as one batch of all the levels.
std::vector<SwingPoint> swing_points(const InputBinding& binding, const BaseCase& base,
                                     std::size_t input, SwingKind kind,
                                     const std::vector<double>& levels) {
    if (input >= binding.size())
        throw std::out_of_range(fmt::format("input {} of a study with {} uncertain inputs",
                                            input, binding.size()));
    const std::size_t alternatives = base.npv.size();
    const Distribution& d = binding.input(input).distribution;
    const bool whole = whole_number(binding, input);
    std::vector<SwingPoint> points(levels.size());
    for (std::size_t l = 0; l < levels.size(); ++l) {
        points[l].level = levels[l];
        points[l].values.assign(alternatives, std::nullopt);
        points[l].npv = base.npv;
        if (kind == SwingKind::percentiles) check_quantile(levels[l], "swing");
    }
    for (std::size_t a = 0; a < alternatives; ++a) {
        if (!binding.reaches(input, a)) continue;
        const auto [lo, hi] = declared_range(binding, input, a);
        std::vector<double> values(levels.size());
        for (std::size_t l = 0; l < levels.size(); ++l) {
            double v = 0;
            if (kind == SwingKind::percentiles) {
                v = quantile(d, levels[l]);
            } else {
                v = *binding.base_value(input, a) * (1 + levels[l]);
                if (whole) v = std::round(v);
            }
            // A quantile lies in the declared range (the parser checks every drawable value);
            // a percent change need not.
            const double kept = std::clamp(v, lo, hi);
            if (kept != v) points[l].clamped = true;
            values[l] = kept;
            points[l].values[a] = kept;
        }
        const std::vector<double> npv = npv_at(binding, input, a, values);
        for (std::size_t l = 0; l < levels.size(); ++l) points[l].npv[a] = npv[l];
    }
    for (SwingPoint& p : points) p.preferred = preferred(p.npv);
    return points;
}

}  // namespace

BaseCase base_case(const InputBinding& binding) {
    BaseCase base;
    const std::vector<std::span<const double>> at_base(binding.size());
    const std::vector<BatchResult> results = binding.evaluate(Columns(at_base), 1);
    for (std::size_t a = 0; a < results.size(); ++a) {
        base.alternatives.push_back(binding.engine().alternatives()[a].source->id);
        base.npv.push_back(results[a].npv.at(0));
    }
    if (base.npv.empty()) throw std::invalid_argument("the study has no alternative");
    base.preferred = preferred(base.npv);
    const std::string& baseline = binding.engine().study().settings.baseline;
    for (std::size_t a = 0; a < base.alternatives.size(); ++a)
        if (base.alternatives[a] == baseline) base.baseline = a;
    return base;
}

SwingPoint swing_point(const InputBinding& binding, const BaseCase& base, std::size_t input,
                       SwingKind kind, double level) {
    return swing_points(binding, base, input, kind, {level}).front();
}

Tornado tornado(const InputBinding& binding, const TornadoOptions& options) {
    if (options.kind == SwingKind::percentiles) {
        check_quantile(options.low_quantile, "tornado low");
        check_quantile(options.high_quantile, "tornado high");
        if (!(options.low_quantile < options.high_quantile))
            throw std::invalid_argument(fmt::format(
                "tornado: the low quantile {} must be below the high quantile {}",
                options.low_quantile, options.high_quantile));
    } else if (!(options.percent > 0) || !std::isfinite(options.percent)) {
        throw std::invalid_argument(
            fmt::format("tornado: the swing of {} % must be greater than 0", options.percent * 100));
    }
    Tornado t;
    t.options = options;
    t.base = base_case(binding);
    t.focus = options.focus.value_or(t.base.preferred);
    if (t.focus >= t.base.npv.size())
        throw std::invalid_argument(fmt::format("tornado: alternative {} of {}", t.focus + 1,
                                                t.base.npv.size()));
    const std::vector<double> levels =
        options.kind == SwingKind::percentiles
            ? std::vector<double>{options.low_quantile, options.high_quantile}
            : std::vector<double>{-options.percent, options.percent};
    for (std::size_t i = 0; i < binding.size(); ++i) {
        std::vector<SwingPoint> points = swing_points(binding, t.base, i, options.kind, levels);
        TornadoBar bar;
        bar.input = i;
        bar.name = binding.input(i).name;
        bar.base = binding.base_value(i);
        bar.low = std::move(points[0]);
        bar.high = std::move(points[1]);
        for (std::size_t a = 0; a < t.base.npv.size(); ++a)
            bar.swing.push_back(std::abs(bar.high.npv[a] - bar.low.npv[a]));
        t.bars.push_back(std::move(bar));
    }
    std::stable_sort(t.bars.begin(), t.bars.end(), [&](const TornadoBar& x, const TornadoBar& y) {
        return x.swing[t.focus] > y.swing[t.focus];
    });
    return t;
}

Spider spider(const InputBinding& binding, const SpiderOptions& options) {
    const std::vector<double>& levels =
        options.kind == SwingKind::percentiles ? options.quantiles : options.changes;
    if (levels.empty()) throw std::invalid_argument("spider: no levels to evaluate");
    Spider s;
    s.options = options;
    s.base = base_case(binding);
    for (std::size_t i = 0; i < binding.size(); ++i)
        s.lines.push_back({i, binding.input(i).name,
                           swing_points(binding, s.base, i, options.kind, levels)});
    return s;
}

SensitivityReport analyse_sensitivity(const InputBinding& binding,
                                      const SensitivityOptions& options) {
    SensitivityReport r;
    r.tornado = tornado(binding, options.tornado);
    r.spider = spider(binding, options.spider);
    r.break_even = break_even(binding, options.break_even);
    if (options.rank) r.rank = rank_correlations(binding, *options.rank);
    return r;
}

}  // namespace eqroi::risk
