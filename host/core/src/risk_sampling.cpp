// Monte Carlo / Latin hypercube sampling (eqroi/core/risk/sampling.hpp); the rank correlation
// is imposed by risk_correlation.cpp.
#include <eqroi/core/risk/sampling.hpp>

#include "risk_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace eqroi::risk {

std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> counter,
                                           std::array<std::uint32_t, 2> key) {
    return detail::philox(counter, key);
}

double unit_uniform(std::uint64_t word) {
    // 52 bits, not 53: (k + 0.5) 2^-52 is exactly representable up to 1 - 2^-53, the largest
    // double below 1, whereas (2^53 - 0.5) 2^-53 would round to 1.
    return (static_cast<double>(word >> 12) + 0.5) * 0x1p-52;
}

using detail::Purpose;
using detail::Words;
using detail::words;

// ---------------------------------------------------------------------------------------------

struct Sampler::Impl {
    SamplingPlan plan;
    std::uint64_t blocks = 0;
    std::vector<detail::FastQuantile> quantiles;  ///< one per input
    detail::RankCorrelator correlator;            ///< nothing correlated without a matrix

    void generate(std::uint64_t b, std::span<const std::span<double>> out) const;
    /// Input `input`'s values for the trials of `range` (a whole block for Latin hypercube,
    /// whose stratum of each trial goes to *strata when asked for).
    void draw_column(std::size_t input, TrialRange range, std::span<double> out,
                     std::vector<std::uint32_t>* strata = nullptr) const;
};

Sampler::Sampler(SamplingPlan plan) : impl_(std::make_unique<Impl>()) {
    Impl& s = *impl_;
    s.plan = std::move(plan);
    const auto& inputs = s.plan.inputs;
    for (std::size_t i = 0; i < inputs.size(); ++i)
        if (auto p = problem(inputs[i]))
            throw std::invalid_argument(
                fmt::format("input {} ({}): {}", i + 1, kind_name(inputs[i]), p->message));
    if (inputs.size() > 0xFFFFFFFFu)
        throw std::invalid_argument("more than 2^32 - 1 uncertain inputs");
    for (const auto& d : inputs) s.quantiles.emplace_back(d);

    const std::uint64_t n = s.plan.trials;
    s.blocks = n == 0 ? 0 : std::max<std::uint64_t>(1, (n + block_trials / 2) / block_trials);

    if (!s.plan.rank_correlation) return;
    if (auto p = correlation_problem(*s.plan.rank_correlation, inputs.size()))
        throw std::invalid_argument(*p);
    s.correlator = detail::RankCorrelator(*s.plan.rank_correlation);
}

Sampler::~Sampler() = default;
Sampler::Sampler(Sampler&&) noexcept = default;
Sampler& Sampler::operator=(Sampler&&) noexcept = default;

const SamplingPlan& Sampler::plan() const { return impl_->plan; }

std::uint64_t Sampler::block_count() const { return impl_->blocks; }

TrialRange Sampler::block_range(std::uint64_t b) const {
    if (b >= impl_->blocks)
        throw std::out_of_range(fmt::format("block {} of a run of {} blocks", b, impl_->blocks));
    const std::uint64_t first = b * block_trials;
    return {first, b + 1 == impl_->blocks ? impl_->plan.trials - first : block_trials};
}

std::vector<std::vector<double>> Sampler::sample_block(std::uint64_t first,
                                                       std::uint64_t count) const {
    std::vector<std::vector<double>> result(impl_->plan.inputs.size(),
                                            std::vector<double>(count));
    std::vector<std::span<double>> columns(result.begin(), result.end());
    sample_block(first, count, columns);
    return result;
}

void Sampler::sample_block(std::uint64_t first, std::uint64_t count,
                           std::span<const std::span<double>> columns) const {
    const Impl& s = *impl_;
    const std::uint64_t trials = s.plan.trials;
    if (first > trials || count > trials - first)
        throw std::out_of_range(fmt::format("trials [{}, {}) asked of a run of {} trials", first,
                                            first + count, trials));
    if (columns.size() != s.plan.inputs.size())
        throw std::invalid_argument(fmt::format("{} columns given for {} inputs", columns.size(),
                                                s.plan.inputs.size()));
    for (const auto& column : columns)
        if (column.size() < count)
            throw std::invalid_argument(fmt::format("a column of {} doubles for {} trials",
                                                    column.size(), count));
    if (count == 0) return;

    // Plain Monte Carlo: every trial stands alone, no block needed.
    if (s.plan.method == Method::monte_carlo && s.correlator.correlated().empty()) {
        for (std::size_t i = 0; i < columns.size(); ++i)
            s.draw_column(i, {first, count}, columns[i].first(count));
        return;
    }

    const std::uint64_t end = first + count;
    const std::uint64_t first_block = std::min(first / block_trials, s.blocks - 1);
    std::vector<std::vector<double>> scratch;
    for (std::uint64_t b = first_block; b < s.blocks; ++b) {
        const TrialRange block = block_range(b);
        if (block.first >= end) break;
        const std::uint64_t from = std::max(first, block.first);
        const std::uint64_t to = std::min(end, block.first + block.count);
        std::vector<std::span<double>> out(columns.size());
        const bool whole = from == block.first && to == block.first + block.count;
        if (whole) {  // straight into the caller's columns
            for (std::size_t i = 0; i < columns.size(); ++i)
                out[i] = columns[i].subspan(from - first, block.count);
        } else {
            scratch.assign(columns.size(), std::vector<double>(block.count));
            for (std::size_t i = 0; i < columns.size(); ++i) out[i] = scratch[i];
        }
        s.generate(b, out);
        if (!whole)
            for (std::size_t i = 0; i < columns.size(); ++i)
                std::copy(scratch[i].begin() + static_cast<std::ptrdiff_t>(from - block.first),
                          scratch[i].begin() + static_cast<std::ptrdiff_t>(to - block.first),
                          columns[i].begin() + static_cast<std::ptrdiff_t>(from - first));
    }
}

void Sampler::Impl::generate(std::uint64_t b, std::span<const std::span<double>> out) const {
    const TrialRange range{b * block_trials, out.empty() ? 0 : out.front().size()};
    const auto& correlated = correlator.correlated();
    std::vector<std::vector<std::uint32_t>> strata;
    if (plan.method == Method::latin_hypercube && !correlated.empty()) strata.resize(out.size());
    for (std::size_t i = 0; i < out.size(); ++i)
        draw_column(i, range, out[i], strata.empty() ? nullptr : &strata[i]);
    correlator.apply(plan.seed, range.first, out, strata);
}

void Sampler::Impl::draw_column(std::size_t input, TrialRange range, std::span<double> out,
                                 std::vector<std::uint32_t>* strata) const {
    const std::size_t m = range.count;
    std::vector<double> u(m);
    if (plan.method == Method::monte_carlo) {
        for (std::size_t k = 0; k < m; ++k)
            u[k] = unit_uniform(words(plan.seed, range.first + k, input, Purpose::draw).first);
    } else {
        // Stratum of each trial: a random permutation of 0..m-1 drawn from the trials' second
        // words. Position inside the stratum: the trial's own uniform. (stratum + position) / m
        // can round up to 1 in the top stratum; it is kept below 1 (the largest double under 1
        // is still in that stratum).
        std::vector<std::uint64_t> second(m);
        for (std::size_t k = 0; k < m; ++k) {
            const Words w = words(plan.seed, range.first + k, input, Purpose::draw);
            u[k] = unit_uniform(w.first);
            second[k] = w.second;
        }
        auto stratum = detail::shuffled(m, [&](std::size_t k) { return second[k]; });
        const double below_one = std::nextafter(1.0, 0.0);
        for (std::size_t k = 0; k < m; ++k)
            u[k] = std::min((static_cast<double>(stratum[k]) + u[k]) / static_cast<double>(m),
                            below_one);
        if (strata) *strata = std::move(stratum);
    }
    quantiles[input](u, out.first(m));
}

}  // namespace eqroi::risk
