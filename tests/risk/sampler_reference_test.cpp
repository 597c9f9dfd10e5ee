// The sampler's fast paths against the sampler as it was written first, one trial at a time
// (commit 7b9ffb5): Philox several trials at a time in vector registers against the scalar
// philox() and Random123's published vectors, and whole runs (every kind of distribution, both
// methods, with and without rank correlation, ranges that start and end inside blocks) against
// a reference kept here, bit for bit. The figures of a risk run must not move when the sampler
// gets faster.
#include "risk_detail.hpp"  // host/core/src: trial_words, RankCorrelator, BetaTable

#include <eqroi/core/risk/sampling.hpp>

#include <boost/math/distributions/normal.hpp>
#include <gtest/gtest.h>

#include <algorithm>
#include <bit>
#include <cmath>
#include <cstring>
#include <numeric>

namespace {

using namespace eqroi::risk;
namespace detail = eqroi::risk::detail;
using Columns = std::vector<std::vector<double>>;

std::vector<detail::WordsPath> available_paths() {
    std::vector<detail::WordsPath> paths;
    for (auto p : {detail::WordsPath::scalar, detail::WordsPath::sse2, detail::WordsPath::avx2})
        if (detail::has_words_path(p)) paths.push_back(p);
    return paths;
}

const char* name(detail::WordsPath p) {
    return p == detail::WordsPath::scalar ? "scalar"
           : p == detail::WordsPath::sse2 ? "sse2"
                                          : "avx2";
}

// Random123's kat_vectors for philox4x32 with 10 rounds (the lines sampling_test.cpp checks
// philox4x32_10() against), put to trial_words() as (seed = key, trial = counter words 0-1,
// input = word 2, purpose = word 3), each in every lane position of a group of 13 trials.
TEST(RiskSamplerReference, TrialWordsGiveRandom123sKnownAnswersInEveryLane) {
    struct Known {
        std::uint64_t seed, trial;
        std::uint32_t input, purpose;
        std::uint64_t first, second;
    };
    const Known known[] = {
        {0, 0, 0, 0, 0xe169c58d6627e8d5, 0x9b00dbd8bc57ac4c},
        {~std::uint64_t{0}, ~std::uint64_t{0}, 0xffffffff, 0xffffffff, 0x41c83b0e408f276d,
         0x6d5451fda20bc7c6},
        {0x299f31d0a4093822, 0x85a308d3243f6a88, 0x13198a2e, 0x03707344, 0x94fdccebd16cfe09,
         0x24126ea15001e420},
    };
    for (const auto path : available_paths())
        for (const Known& k : known)
            for (std::uint64_t lane = 0; lane < 13; ++lane) {
                if (k.trial < lane || ~std::uint64_t{0} - k.trial < 12 - lane) continue;  // wraps
                std::uint64_t firsts[13], seconds[13];
                detail::trial_words(path, k.seed, k.trial - lane, 13, k.input,
                                    static_cast<detail::Purpose>(k.purpose), firsts, seconds);
                EXPECT_EQ(firsts[lane], k.first) << name(path) << " lane " << lane;
                EXPECT_EQ(seconds[lane], k.second) << name(path) << " lane " << lane;
            }
}

TEST(RiskSamplerReference, TrialWordsEqualScalarPhiloxForEveryPathAndCount) {
    const auto paths = available_paths();
    ASSERT_GE(paths.size(), 1u);
    std::printf("trial_words paths on this machine:");
    for (auto p : paths) std::printf(" %s", name(p));
    std::printf("\n");
    std::vector<std::uint64_t> firsts(1100), seconds(1100), only_firsts(1100);
    for (const auto path : paths)
        for (std::uint64_t seed : {std::uint64_t{0}, std::uint64_t{2027}, ~std::uint64_t{0},
                                   std::uint64_t{0x0123456789abcdef}})
            // Trial numbers across 2^32 (the counter's second word) and 2^40, not multiples of
            // any group width; counts around the widths 2, 4, 6, 8 and a whole chunk.
            for (std::uint64_t first : {std::uint64_t{0}, (std::uint64_t{1} << 32) - 5,
                                        std::uint64_t{70'003}, (std::uint64_t{1} << 40) + 1})
                for (std::size_t count : {0, 1, 5, 6, 7, 8, 9, 13, 256, 1000})
                    for (std::uint32_t input : {0u, 6u, 0xffffffffu})
                        for (auto purpose : {detail::Purpose::draw, detail::Purpose::scores}) {
                            detail::trial_words(path, seed, first, count, input, purpose,
                                                firsts.data(), seconds.data());
                            detail::trial_words(path, seed, first, count, input, purpose,
                                                only_firsts.data(), nullptr);
                            for (std::size_t k = 0; k < count; ++k) {
                                const auto w = detail::words(seed, first + k, input, purpose);
                                const auto trial = first + k;
                                ASSERT_EQ(firsts[k], w.first) << name(path) << " " << trial;
                                ASSERT_EQ(seconds[k], w.second) << name(path) << " " << trial;
                                ASSERT_EQ(only_firsts[k], w.first) << name(path) << " " << trial;
                            }
                        }
}

// ---------------------------------------------------------------------------------------------
// The reference: the sampler of commit 7b9ffb5, one trial and one value at a time.

/// shuffled(): Fisher–Yates, step k from m - 1 down to 1 swaps k with floor(w_k (k + 1) / 2^64).
template <class Word>
std::vector<std::uint32_t> reference_shuffle(std::size_t m, Word word) {
    std::vector<std::uint32_t> p(m);
    std::iota(p.begin(), p.end(), 0u);
    for (std::size_t k = m; k-- > 1;) {
        const auto j = static_cast<std::size_t>(
            (static_cast<unsigned __int128>(word(k)) * (k + 1)) >> 64);
        std::swap(p[k], p[j]);
    }
    return p;
}

/// quantile(), except Beta and PERT through a table like the sampler's (its accuracy is
/// fast_quantile_test.cpp's business).
struct ReferenceQuantile {
    Distribution d;
    std::optional<detail::BetaTable> table;
    double min = 0, max = 0;

    explicit ReferenceQuantile(const Distribution& dist) : d(dist) {
        if (const auto* b = std::get_if<Beta>(&d)) {
            table.emplace(b->alpha, b->beta);
            min = b->min;
            max = b->max;
        } else if (const auto* p = std::get_if<Pert>(&d)) {
            table.emplace(p->alpha(), p->beta());
            min = p->min;
            max = p->max;
        }
    }
    double operator()(double u) const {
        if (table) return std::clamp(min + (max - min) * (*table)(u), min, max);
        return quantile(d, u);
    }
};

/// The order of the keys by value, ties by index, -0 below +0 (the sampler's radix order).
std::vector<std::uint32_t> reference_order(const std::vector<double>& keys) {
    const auto key = [&](std::uint32_t i) {
        const auto b = std::bit_cast<std::uint64_t>(keys[i]);
        return (b >> 63) ? ~b : b | (std::uint64_t{1} << 63);
    };
    std::vector<std::uint32_t> order(keys.size());
    std::iota(order.begin(), order.end(), 0u);
    std::stable_sort(order.begin(), order.end(), [&](auto a, auto b) { return key(a) < key(b); });
    return order;
}

struct Reference {
    SamplingPlan plan;
    std::vector<ReferenceQuantile> quantiles;
    std::vector<std::size_t> correlated;
    detail::RankCorrelator correlator;  // only its targets(): the linear algebra, unchanged

    explicit Reference(const SamplingPlan& p) : plan(p) {
        for (const auto& d : plan.inputs) quantiles.emplace_back(d);
        if (!plan.rank_correlation) return;
        const auto& c = *plan.rank_correlation;
        for (std::size_t i = 0; i < c.size(); ++i)
            for (std::size_t j = 0; j < c.size(); ++j)
                if (i != j && c[i][j] != 0.0) {
                    correlated.push_back(i);
                    break;
                }
        correlator = detail::RankCorrelator(c);
    }

    std::uint64_t blocks() const {
        const std::uint64_t n = plan.trials, b = Sampler::block_trials;
        return n == 0 ? 0 : std::max<std::uint64_t>(1, (n + b / 2) / b);
    }

    /// Block b's values, one column per input.
    Columns block(std::uint64_t b) const {
        const std::uint64_t first = b * Sampler::block_trials;
        const std::size_t m = b + 1 == blocks() ? plan.trials - first : Sampler::block_trials;
        const bool latin = plan.method == Method::latin_hypercube;
        Columns out(plan.inputs.size(), std::vector<double>(m));
        std::vector<std::vector<std::uint32_t>> strata(plan.inputs.size());
        for (std::size_t i = 0; i < plan.inputs.size(); ++i) {
            std::vector<double> u(m);
            std::vector<std::uint64_t> second(m);
            for (std::size_t k = 0; k < m; ++k) {
                const auto w = detail::words(plan.seed, first + k, i, detail::Purpose::draw);
                u[k] = unit_uniform(w.first);
                second[k] = w.second;
            }
            if (latin) {
                strata[i] = reference_shuffle(m, [&](std::size_t k) { return second[k]; });
                for (std::size_t k = 0; k < m; ++k)
                    u[k] = std::min((strata[i][k] + u[k]) / static_cast<double>(m),
                                    std::nextafter(1.0, 0.0));
            }
            for (std::size_t k = 0; k < m; ++k) out[i][k] = quantiles[i](u[k]);
        }
        if (correlated.empty()) return out;
        // Iman–Conover: van der Waerden scores dealt out by each input's scores words.
        const boost::math::normal_distribution<double, detail::Policy> std_normal(0.0, 1.0);
        std::vector<double> scores(m * correlated.size());
        for (std::size_t j = 0; j < correlated.size(); ++j) {
            const auto rank = reference_shuffle(m, [&](std::size_t t) {
                return detail::words(plan.seed, first + t, correlated[j], detail::Purpose::scores)
                    .first;
            });
            for (std::size_t t = 0; t < m; ++t)
                scores[j * m + t] = boost::math::quantile(
                    std_normal, static_cast<double>(rank[t] + 1) / static_cast<double>(m + 1));
        }
        const std::vector<double> targets = correlator.targets(scores, m);
        for (std::size_t j = 0; j < correlated.size(); ++j) {
            auto& values = out[correlated[j]];
            std::vector<double> sorted(m);
            if (latin) {
                for (std::size_t r = 0; r < m; ++r) sorted[strata[correlated[j]][r]] = values[r];
            } else {
                const auto by_value = reference_order(values);
                for (std::size_t r = 0; r < m; ++r) sorted[r] = values[by_value[r]];
            }
            const auto column = targets.begin() + static_cast<std::ptrdiff_t>(j * m);
            const auto by_score =
                reference_order({column, column + static_cast<std::ptrdiff_t>(m)});
            for (std::size_t r = 0; r < m; ++r) values[by_score[r]] = sorted[r];
        }
        return out;
    }

    /// The whole run's values.
    Columns run() const {
        Columns all(plan.inputs.size());
        for (std::uint64_t b = 0; b < blocks(); ++b) {
            const Columns x = block(b);
            for (std::size_t i = 0; i < all.size(); ++i)
                all[i].insert(all[i].end(), x[i].begin(), x[i].end());
        }
        return all;
    }
};

/// Every kind of distribution and each quantile path of the sampler's: triangles with the
/// mode inside and at either end, normals untruncated, truncated on both sides and far in
/// either tail, a discrete with few values and one with many (12), a Weibull, Bernoulli and
/// empirical (the distributions' own quantile()), and a uniform squeezed into a millionth
/// (its values tie in their top bits: the long-run case of the correlation's sort).
std::vector<Distribution> every_kind() {
    std::vector<double> twelve(12), twelfths(12, 1.0 / 12);
    for (int k = 0; k < 12; ++k) twelve[static_cast<std::size_t>(k)] = 10.0 - k;
    return {Triangular{400, 650, 750},
            Pert{110, 170, 220},
            Lognormal{3500, 1500},
            Discrete({45000, 60000, 70000}, {0.25, 0.5, 0.25}),
            Normal{0.19, 0.03, 0.10, 0.35},
            Uniform{-2, 5},
            Normal{1, 2},
            Normal{0, 1, 2.5, std::nullopt},
            Normal{0, 1, std::nullopt, -3.0},
            Beta{0.7, 2.5, 1, 3},
            Weibull{2.2, 26000},
            Bernoulli{0.3},
            Empirical({3, 1, 4, 1, 5, 9, 2, 6}),
            Triangular{0, 0, 1},
            Triangular{-1, 2, 2},
            Discrete(twelve, twelfths),
            Uniform{1000, 1000.000001}};
}

CorrelationMatrix correlations(std::size_t n, std::vector<std::tuple<int, int, double>> pairs) {
    CorrelationMatrix c(n, std::vector<double>(n, 0.0));
    for (std::size_t i = 0; i < n; ++i) c[i][i] = 1;
    for (auto [a, b, r] : pairs)
        c[static_cast<std::size_t>(a)][static_cast<std::size_t>(b)] =
            c[static_cast<std::size_t>(b)][static_cast<std::size_t>(a)] = r;
    return c;
}

/// Bit for bit (== would let -0 pass for +0).
void expect_same_bits(const Columns& got, const Columns& want, std::uint64_t first,
                      std::uint64_t count, const std::string& what) {
    ASSERT_EQ(got.size(), want.size()) << what;
    for (std::size_t i = 0; i < got.size(); ++i) {
        ASSERT_EQ(got[i].size(), count) << what;
        for (std::size_t k = 0; k < count; ++k)
            ASSERT_EQ(std::bit_cast<std::uint64_t>(got[i][k]),
                      std::bit_cast<std::uint64_t>(want[i][first + k]))
                << what << ": input " << i << " (" << describe(every_kind()[i]) << "), trial "
                << first + k << ": " << got[i][k] << " instead of " << want[i][first + k];
    }
}

TEST(RiskSamplerReference, EveryDistributionBothMethodsWithAndWithoutCorrelation) {
    const auto inputs = every_kind();
    const std::size_t n = inputs.size();
    const std::optional<CorrelationMatrix> matrices[] = {
        std::nullopt,
        // example (a)'s pair: the first two inputs.
        correlations(n, {{0, 1, 0.6}}),
        // several, among them a discrete (ties), the squeezed uniform and a negative one; the
        // first correlated input (0) is the one whose order comes from its scores.
        correlations(n, {{0, 2, -0.5}, {3, 4, 0.4}, {16, 6, 0.3}, {0, 4, 0.2}, {11, 15, 0.25}}),
    };
    // 23,456 trials: blocks of 10,000 and 13,456; the ranges start inside the first block, at
    // a block boundary and inside the last, end inside a block or at the run's end.
    const std::uint64_t trials = 23'456;
    const std::pair<std::uint64_t, std::uint64_t> ranges[] = {
        {0, trials}, {12'345, 11'111}, {3, 9'998}, {10'000, 1}, {23'455, 1}};
    for (Method method : {Method::monte_carlo, Method::latin_hypercube})
        for (std::size_t c = 0; c < std::size(matrices); ++c) {
            const SamplingPlan plan{inputs, trials, 0x0123456789abcdef + c, method, matrices[c]};
            const Columns want = Reference(plan).run();
            const Sampler sampler(plan);
            for (auto [first, count] : ranges)
                expect_same_bits(sampler.sample_block(first, count), want, first, count,
                                 std::string(method == Method::monte_carlo ? "MC" : "LHS") +
                                     " matrix " + std::to_string(c) + " from " +
                                     std::to_string(first));
        }
}

TEST(RiskSamplerReference, SmallRunsAreOneBlockEach) {
    // 1 trial (no shuffle step), 7 (less than a group of Philox lanes), 4,999 (odd, one block).
    const auto inputs = every_kind();
    for (std::uint64_t trials : {1, 7, 4'999})
        for (Method method : {Method::monte_carlo, Method::latin_hypercube}) {
            const SamplingPlan plan{inputs, trials, trials, method,
                                    correlations(inputs.size(), {{0, 1, 0.6}, {2, 5, -0.3}})};
            expect_same_bits(Sampler(plan).sample_block(0, trials), Reference(plan).run(), 0,
                             trials, std::to_string(trials) + " trials");
        }
}

}  // namespace
