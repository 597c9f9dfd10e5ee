// Spearman's rank correlation (eqroi/core/risk/sensitivity.hpp): Pearson's correlation of the
// ranks, tied values sharing the average of the ranks they span (the textbook definition, as in
// R's cor(method = "spearman") and SciPy's spearmanr).
#include <eqroi/core/risk/sensitivity.hpp>

#include <eqroi/core/study.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <numeric>
#include <stdexcept>

namespace eqroi::risk {

std::vector<double> average_ranks(std::span<const double> x) {
    const std::size_t n = x.size();
    for (std::size_t i = 0; i < n; ++i)
        if (std::isnan(x[i]))
            throw std::invalid_argument(fmt::format("average_ranks: value {} is NaN", i + 1));
    std::vector<std::size_t> order(n);
    std::iota(order.begin(), order.end(), std::size_t{0});
    std::stable_sort(order.begin(), order.end(),
                     [&](std::size_t a, std::size_t b) { return x[a] < x[b]; });
    std::vector<double> rank(n);
    for (std::size_t i = 0; i < n;) {
        std::size_t j = i + 1;
        while (j < n && x[order[j]] == x[order[i]]) ++j;
        // Positions i..j-1 (0-based) hold one value: ranks i+1..j, average (i + 1 + j) / 2.
        const double shared = (static_cast<double>(i + 1) + static_cast<double>(j)) / 2.0;
        for (std::size_t k = i; k < j; ++k) rank[order[k]] = shared;
        i = j;
    }
    return rank;
}

std::optional<double> pearson(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size())
        throw std::invalid_argument(
            fmt::format("pearson: {} values against {} values", x.size(), y.size()));
    const std::size_t n = x.size();
    if (n < 2) return std::nullopt;
    // Two passes (means, then centred sums): no cancellation on data far from zero, such as
    // NPVs in the millions that differ in their last digits.
    double mx = 0, my = 0;
    for (std::size_t i = 0; i < n; ++i) {
        mx += x[i];
        my += y[i];
    }
    mx /= static_cast<double>(n);
    my /= static_cast<double>(n);
    double sxy = 0, sxx = 0, syy = 0;
    for (std::size_t i = 0; i < n; ++i) {
        const double dx = x[i] - mx, dy = y[i] - my;
        sxy += dx * dy;
        sxx += dx * dx;
        syy += dy * dy;
    }
    if (!(sxx > 0) || !(syy > 0)) return std::nullopt;  // a constant: no correlation defined
    return std::clamp(sxy / std::sqrt(sxx * syy), -1.0, 1.0);
}

std::optional<double> spearman(std::span<const double> x, std::span<const double> y) {
    if (x.size() != y.size())
        throw std::invalid_argument(
            fmt::format("spearman: {} values against {} values", x.size(), y.size()));
    const std::vector<double> rx = average_ranks(x);
    const std::vector<double> ry = average_ranks(y);
    return pearson(rx, ry);
}

RankCorrelations rank_correlations(const InputBinding& binding,
                                   const RankCorrelationOptions& options) {
    if (options.trials < 2 || options.trials > UINT32_MAX)
        throw std::invalid_argument(fmt::format(
            "rank correlation: {} trials (between 2 and 4,294,967,295)", options.trials));
    const RiskSettings& settings = binding.engine().study().risk;
    RankCorrelations r;
    r.trials = options.trials;
    r.seed = options.seed.value_or(settings.seed.value_or(RankCorrelationOptions::kDefaultSeed));
    r.method = options.method.value_or(settings.sampling.value_or(Method::monte_carlo));
    r.inputs = binding.names();
    for (const auto& a : binding.engine().alternatives()) r.alternatives.push_back(a.source->id);

    SamplingPlan plan;
    for (const UncertainInput& in : binding.inputs()) plan.inputs.push_back(in.distribution);
    plan.trials = options.trials;
    plan.seed = r.seed;
    plan.method = r.method;
    if (options.study_correlation && settings.correlation) {
        for (const std::string& name : settings.correlation->inputs)
            if (std::find(r.inputs.begin(), r.inputs.end(), name) == r.inputs.end())
                throw std::invalid_argument(fmt::format(
                    "rank correlation: the study's correlation names '{}', which is not one of "
                    "the inputs analysed",
                    name));
        plan.rank_correlation = settings.correlation->expand(r.inputs);
        r.correlated = true;
    }
    const Sampler sampler(std::move(plan));

    // Every trial's inputs and NPVs, block by block (the blocks the sampler makes anyway).
    const std::size_t n = options.trials;
    std::vector<std::vector<double>> inputs(binding.size()), npv(r.alternatives.size());
    for (auto& column : inputs) column.reserve(n);
    for (auto& column : npv) column.reserve(n);
    for (std::uint64_t b = 0; b < sampler.block_count(); ++b) {
        const TrialRange range = sampler.block_range(b);
        const std::vector<std::vector<double>> drawn = sampler.sample_block(range.first, range.count);
        const std::vector<BatchResult> results =
            binding.evaluate(drawn, static_cast<uint32_t>(range.count));
        for (std::size_t i = 0; i < drawn.size(); ++i)
            inputs[i].insert(inputs[i].end(), drawn[i].begin(), drawn[i].begin() + range.count);
        for (std::size_t a = 0; a < results.size(); ++a)
            npv[a].insert(npv[a].end(), results[a].npv.begin(), results[a].npv.end());
    }

    // Rank each column once; Spearman's rho is then Pearson's on the ranks.
    std::vector<std::vector<double>> npv_ranks;
    for (const auto& column : npv) npv_ranks.push_back(average_ranks(column));
    for (const auto& column : inputs) {
        const std::vector<double> ranks = average_ranks(column);
        std::vector<std::optional<double>> row;
        for (const auto& other : npv_ranks) row.push_back(pearson(ranks, other));
        r.rho.push_back(std::move(row));
    }
    return r;
}

}  // namespace eqroi::risk
