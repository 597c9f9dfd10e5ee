// Monte Carlo / Latin hypercube sampling (eqroi/core/risk/sampling.hpp); the rank correlation
// is imposed by risk_correlation.cpp.
#include <eqroi/core/risk/sampling.hpp>

#include "risk_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <stdexcept>

#if defined(__SSE2__)
#include <immintrin.h>
#endif

namespace eqroi::risk {

std::array<std::uint32_t, 4> philox4x32_10(std::array<std::uint32_t, 4> counter,
                                           std::array<std::uint32_t, 2> key) {
    return detail::philox(counter, key);
}

double unit_uniform(std::uint64_t word) {
    // 52 bits, not 53: (k + 0.5) 2^-52 is exactly representable up to 1 - 2^-53, the largest
    // double below 1, whereas (2^53 - 0.5) 2^-53 would round to 1.
    return detail::uniform_of(word);
}

namespace detail {
namespace {

// Philox's rounds on several trials at once in vector registers (trial_words()). Each 32-bit
// word of a trial's counter sits in the low half of a 64-bit lane; pmuludq (_mm_mul_epu32,
// _mm256_mul_epu32) multiplies the low halves into the full 64-bit product, which is exactly
// philox()'s m * ctr: its high half is the shifted product and its low half the new word. The
// high halves of the lanes carry garbage from round to round, which pmuludq ignores and the
// final packing shifts out or masks. Several independent registers keep the multiplier busy
// while each waits for its previous round. The two versions are the same code at two widths:
// SSE2 (baseline x86-64, 2 trials a register) and AVX2 (4, chosen at run time when the
// processor has it: a third fewer instructions again, as it also saves the register copies).
// Each handles the whole groups of its width and returns how many trials it did.

constexpr std::uint32_t weyl0 = 0x9E3779B9, weyl1 = 0xBB67AE85;  // philox()'s key increments
constexpr long long mul0 = 0xD2511F53, mul1 = 0xCD9E8D57;        // and multipliers

#if defined(__SSE2__)
std::size_t words_sse2(std::uint64_t seed, std::uint64_t first, std::size_t count,
                       std::size_t input, Purpose purpose, std::uint64_t* firsts,
                       std::uint64_t* seconds) {
    constexpr int regs = 3;  // 6 trials a group
    __m128i key0[10], key1[10];
    auto k0 = static_cast<std::uint32_t>(seed), k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < 10; ++round, k0 += weyl0, k1 += weyl1) {
        key0[round] = _mm_set1_epi64x(k0);
        key1[round] = _mm_set1_epi64x(k1);
    }
    const __m128i m0 = _mm_set1_epi64x(mul0), m1 = _mm_set1_epi64x(mul1);
    const __m128i low_half = _mm_set1_epi64x(0xFFFFFFFF);
    const __m128i word2 = _mm_set1_epi64x(static_cast<std::uint32_t>(input));
    const __m128i word3 = _mm_set1_epi64x(purpose);
    std::size_t k = 0;
    for (; k + 2 * regs <= count; k += 2 * regs) {
        __m128i c0[regs], c1[regs], c2[regs], c3[regs];
        for (int v = 0; v < regs; ++v) {
            const auto t = static_cast<long long>(first + k + 2 * static_cast<std::size_t>(v));
            c0[v] = _mm_set_epi64x(t + 1, t);    // trial low 32 bits (high half ignored)
            c1[v] = _mm_srli_epi64(c0[v], 32);  // trial high 32 bits
            c2[v] = word2;
            c3[v] = word3;
        }
#pragma GCC unroll 10
        for (int round = 0; round < 10; ++round) {
#pragma GCC unroll 4
            for (int v = 0; v < regs; ++v) {
                const __m128i p0 = _mm_mul_epu32(c0[v], m0);
                const __m128i p1 = _mm_mul_epu32(c2[v], m1);
                c0[v] = _mm_xor_si128(_mm_xor_si128(_mm_srli_epi64(p1, 32), c1[v]), key0[round]);
                c2[v] = _mm_xor_si128(_mm_xor_si128(_mm_srli_epi64(p0, 32), c3[v]), key1[round]);
                c1[v] = p1;
                c3[v] = p0;
            }
        }
        for (int v = 0; v < regs; ++v) {
            const std::size_t at = k + 2 * static_cast<std::size_t>(v);
            _mm_storeu_si128(reinterpret_cast<__m128i*>(firsts + at),
                             _mm_or_si128(_mm_and_si128(c0[v], low_half),
                                          _mm_slli_epi64(c1[v], 32)));
            if (seconds)
                _mm_storeu_si128(reinterpret_cast<__m128i*>(seconds + at),
                                 _mm_or_si128(_mm_and_si128(c2[v], low_half),
                                              _mm_slli_epi64(c3[v], 32)));
        }
    }
    return k;
}

[[gnu::target("avx2")]] std::size_t words_avx2(std::uint64_t seed, std::uint64_t first,
                                               std::size_t count, std::size_t input,
                                               Purpose purpose, std::uint64_t* firsts,
                                               std::uint64_t* seconds) {
    constexpr int regs = 2;  // 8 trials a group
    __m256i key0[10], key1[10];
    auto k0 = static_cast<std::uint32_t>(seed), k1 = static_cast<std::uint32_t>(seed >> 32);
    for (int round = 0; round < 10; ++round, k0 += weyl0, k1 += weyl1) {
        key0[round] = _mm256_set1_epi64x(k0);
        key1[round] = _mm256_set1_epi64x(k1);
    }
    const __m256i m0 = _mm256_set1_epi64x(mul0), m1 = _mm256_set1_epi64x(mul1);
    const __m256i low_half = _mm256_set1_epi64x(0xFFFFFFFF);
    const __m256i word2 = _mm256_set1_epi64x(static_cast<std::uint32_t>(input));
    const __m256i word3 = _mm256_set1_epi64x(purpose);
    std::size_t k = 0;
    for (; k + 4 * regs <= count; k += 4 * regs) {
        __m256i c0[regs], c1[regs], c2[regs], c3[regs];
        for (int v = 0; v < regs; ++v) {
            const auto t = static_cast<long long>(first + k + 4 * static_cast<std::size_t>(v));
            c0[v] = _mm256_set_epi64x(t + 3, t + 2, t + 1, t);
            c1[v] = _mm256_srli_epi64(c0[v], 32);
            c2[v] = word2;
            c3[v] = word3;
        }
#pragma GCC unroll 10
        for (int round = 0; round < 10; ++round) {
#pragma GCC unroll 4
            for (int v = 0; v < regs; ++v) {
                const __m256i p0 = _mm256_mul_epu32(c0[v], m0);
                const __m256i p1 = _mm256_mul_epu32(c2[v], m1);
                c0[v] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p1, 32), c1[v]),
                                         key0[round]);
                c2[v] = _mm256_xor_si256(_mm256_xor_si256(_mm256_srli_epi64(p0, 32), c3[v]),
                                         key1[round]);
                c1[v] = p1;
                c3[v] = p0;
            }
        }
        for (int v = 0; v < regs; ++v) {
            const std::size_t at = k + 4 * static_cast<std::size_t>(v);
            _mm256_storeu_si256(reinterpret_cast<__m256i*>(firsts + at),
                                _mm256_or_si256(_mm256_and_si256(c0[v], low_half),
                                                _mm256_slli_epi64(c1[v], 32)));
            if (seconds)
                _mm256_storeu_si256(reinterpret_cast<__m256i*>(seconds + at),
                                    _mm256_or_si256(_mm256_and_si256(c2[v], low_half),
                                                    _mm256_slli_epi64(c3[v], 32)));
        }
    }
    return k;
}
#endif

std::size_t words_scalar(std::uint64_t seed, std::uint64_t first, std::size_t count,
                         std::size_t input, Purpose purpose, std::uint64_t* firsts,
                         std::uint64_t* seconds) {
    for (std::size_t k = 0; k < count; ++k) {
        const Words w = words(seed, first + k, input, purpose);
        firsts[k] = w.first;
        if (seconds) seconds[k] = w.second;
    }
    return count;
}

}  // namespace

bool has_words_path(WordsPath path) {
#if defined(__SSE2__)
    if (path == WordsPath::avx2) return __builtin_cpu_supports("avx2");
    return true;
#else
    return path == WordsPath::scalar;
#endif
}

void trial_words(WordsPath path, std::uint64_t seed, std::uint64_t first, std::size_t count,
                 std::size_t input, Purpose purpose, std::uint64_t* firsts,
                 std::uint64_t* seconds) {
    std::size_t done = 0;
#if defined(__SSE2__)
    if (path == WordsPath::avx2)
        done += words_avx2(seed, first, count, input, purpose, firsts, seconds);
    if (path != WordsPath::scalar)  // what AVX2's groups of 8 left, in groups of 6
        done += words_sse2(seed, first + done, count - done, input, purpose, firsts + done,
                           seconds ? seconds + done : nullptr);
#endif
    words_scalar(seed, first + done, count - done, input, purpose, firsts + done,  // the rest
                 seconds ? seconds + done : nullptr);
}

void trial_words(std::uint64_t seed, std::uint64_t first, std::size_t count, std::size_t input,
                 Purpose purpose, std::uint64_t* firsts, std::uint64_t* seconds) {
    static const WordsPath fastest =
        has_words_path(WordsPath::avx2) ? WordsPath::avx2
        : has_words_path(WordsPath::sse2) ? WordsPath::sse2
                                          : WordsPath::scalar;
    trial_words(fastest, seed, first, count, input, purpose, firsts, seconds);
}

}  // namespace detail

using detail::Purpose;

namespace {

/// A thread's buffers for generating blocks, kept from one block to the next: allocating and
/// zeroing them for every block of 10,000 trials cost more than filling them.
struct BlockBuffers {
    std::vector<std::vector<std::uint32_t>> strata;  ///< each input's stratum of each trial
    std::vector<std::vector<double>> partial;        ///< a block only part of which was asked
};
thread_local BlockBuffers buffers;

}  // namespace

// ---------------------------------------------------------------------------------------------

struct Sampler::Impl {
    SamplingPlan plan;
    std::uint64_t blocks = 0;
    std::vector<detail::FastQuantile> quantiles;  ///< one per input
    detail::RankCorrelator correlator;            ///< nothing correlated without a matrix

    void generate(std::uint64_t b, std::span<const std::span<double>> out) const;
    /// Input `input`'s values for the trials of `range` (a whole block for Latin hypercube,
    /// whose stratum of each trial goes to `stratum`, of range.count entries; unused by Monte
    /// Carlo).
    void draw_column(std::size_t input, TrialRange range, std::span<double> out,
                     std::span<std::uint32_t> stratum) const;
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
    std::vector<std::size_t> block_sizes;
    if (s.blocks > 0) {
        block_sizes.push_back(block_range(0).count);
        if (s.blocks > 1) block_sizes.push_back(block_range(s.blocks - 1).count);
    }
    s.correlator = detail::RankCorrelator(*s.plan.rank_correlation, block_sizes);
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
            s.draw_column(i, {first, count}, columns[i].first(count), {});
        return;
    }

    const std::uint64_t end = first + count;
    const std::uint64_t first_block = std::min(first / block_trials, s.blocks - 1);
    std::vector<std::vector<double>>& scratch = buffers.partial;
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
            scratch.resize(columns.size());
            for (std::size_t i = 0; i < columns.size(); ++i) {
                scratch[i].resize(block.count);
                out[i] = scratch[i];
            }
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
    const bool latin = plan.method == Method::latin_hypercube;
    const bool keep_strata = latin && !correlated.empty();  // else one buffer serves all inputs
    auto& strata = buffers.strata;
    strata.resize(keep_strata ? out.size() : 1);
    for (std::size_t i = 0; i < out.size(); ++i) {
        auto& stratum = strata[keep_strata ? i : 0];
        if (latin) stratum.resize(range.count);
        draw_column(i, range, out[i], stratum);
    }
    correlator.apply(plan.seed, range.first, out,
                     keep_strata ? std::span<const std::vector<std::uint32_t>>(strata)
                                 : std::span<const std::vector<std::uint32_t>>());
}

void Sampler::Impl::draw_column(std::size_t input, TrialRange range, std::span<double> out,
                                 std::span<std::uint32_t> stratum) const {
    const std::size_t m = range.count;
    double u[detail::chunk_trials];
    if (plan.method == Method::monte_carlo) {
        std::uint64_t firsts[detail::chunk_trials];
        for (std::size_t lo = 0; lo < m; lo += detail::chunk_trials) {
            const std::size_t n = std::min(detail::chunk_trials, m - lo);
            detail::trial_words(plan.seed, range.first + lo, n, input, Purpose::draw, firsts,
                                nullptr);
            for (std::size_t k = 0; k < n; ++k) u[k] = detail::uniform_of(firsts[k]);
            quantiles[input]({u, n}, out.subspan(lo, n));
        }
        return;
    }
    // Stratum of each trial: a random permutation of 0..m-1 drawn from the trials' second
    // words. Position inside the stratum: the trial's own uniform. (stratum + position) / m
    // can round up to 1 in the top stratum; it is kept below 1 (the largest double under 1
    // is still in that stratum). Each chunk's values are computed as soon as the shuffle has
    // fixed its strata, while its words are at hand.
    const double below_one = std::nextafter(1.0, 0.0);
    const auto strata_count = static_cast<double>(m);
    detail::shuffle_by_chunks(
        stratum.first(m), plan.seed, range.first, input, Purpose::draw, 1,
        [&](std::size_t lo, std::size_t hi, const std::uint64_t* firsts, const std::uint64_t*) {
            // A stratum < m < 15,000 converts exactly through a signed int (which vectorises).
            for (std::size_t k = lo; k < hi; ++k)
                u[k - lo] = std::min((static_cast<double>(static_cast<std::int32_t>(stratum[k])) +
                                      detail::uniform_of(firsts[k - lo])) /
                                         strata_count,
                                     below_one);
            quantiles[input]({u, hi - lo}, out.subspan(lo, hi - lo));
        });
}

}  // namespace eqroi::risk
