// The rank summaries' fast paths (host/core/src/risk_statistics.cpp: the bucket sort with its
// insertion pass and fallbacks, the summary of a block built straight from the sorted values,
// the two-ended branch-free merge, the in-place compress inside QuantileSketch::push) against a
// plain reference written here from the definitions in risk/statistics.hpp: std::sort, every
// trial an item of weight 1, std::merge, and compress() as the header describes it. The
// summaries must be the same bit for bit (values, weights, totals, errors), since
// `eqroi risk --format json` prints them; the inputs are the awkward ones (ties, -0 and +0,
// infinities, huge and tiny magnitudes, a far outlier, every size around the thresholds).
#include <eqroi/core/risk/sampling.hpp>
#include <eqroi/core/risk/statistics.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <cmath>
#include <cstdint>
#include <cstring>
#include <limits>
#include <string>
#include <vector>

namespace eqroi::risk {
namespace {

using Item = RankSummary::Item;
constexpr double kInf = std::numeric_limits<double>::infinity();

std::uint64_t bits_of(double v) {
    std::uint64_t u;
    std::memcpy(&u, &v, sizeof u);
    return u;
}

/// The documented order: ascending, -0 before +0 (a double's bits mapped to an unsigned key
/// that orders as the value does).
bool in_order(double x, double y) {
    const auto key = [](double v) {
        const std::uint64_t u = bits_of(v);
        return (u >> 63) ? ~u : (u | (std::uint64_t{1} << 63));
    };
    return key(x) < key(y);
}

/// compress(k) as the header defines it: groups of consecutive items weighing at most
/// max(1, total / k) (a heavier item alone), each replaced by its weighted median (the first
/// item whose cumulative weight reaches half the group's) carrying the group's weight; E grows
/// by the largest count such a replacement can move. Nothing happens at 2k + 1 items or fewer.
void reference_compress(RankSummary& s, std::size_t k) {
    if (k == 0 || s.items.size() <= 2 * k + 1) return;
    const std::uint64_t cap = std::max<std::uint64_t>(1, s.total / k);
    std::vector<Item> out;
    double added = 0;
    for (std::size_t i = 0; i < s.items.size();) {
        std::size_t j = i;
        std::uint64_t w = s.items[i].weight;
        while (j + 1 < s.items.size() && w + s.items[j + 1].weight <= cap) w += s.items[++j].weight;
        std::uint64_t before = 0;
        std::size_t m = i;
        while (2 * (before + s.items[m].weight) < w) before += s.items[m++].weight;
        const std::uint64_t after = w - before - s.items[m].weight;
        added = std::max(added, static_cast<double>(std::max(before, after)));
        out.push_back({s.items[m].value, w});
        i = j + 1;
    }
    s.items = out;
    s.error += added;
}

/// RankSummary::of by the definition: sort, one item of weight 1 per trial, compress. Below 256
/// values std::sort's own order is the reference (the code uses std::sort there too, and with
/// both zeros present that order is std::sort's); from 256 on, the documented order.
RankSummary reference_of(std::vector<double> values, std::size_t k) {
    if (values.size() < 256)
        std::sort(values.begin(), values.end());
    else
        std::sort(values.begin(), values.end(), in_order);
    RankSummary s;
    for (double v : values) s.items.push_back({v, 1});
    s.total = values.size();
    reference_compress(s, k);
    return s;
}

/// The union by std::merge (a's items first among equal values).
RankSummary reference_merged(const RankSummary& a, const RankSummary& b) {
    RankSummary s;
    s.items.resize(a.items.size() + b.items.size());
    std::merge(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(), s.items.begin(),
               [](const Item& x, const Item& y) { return x.value < y.value; });
    s.total = a.total + b.total;
    s.error = a.error + b.error;
    return s;
}

/// QuantileSketch by the definition: a binary counter of summaries, merged and compressed.
struct ReferenceSketch {
    std::size_t k;
    std::vector<RankSummary> levels;
    void push(RankSummary carry) {
        for (std::size_t l = 0;; ++l) {
            if (l == levels.size()) levels.emplace_back();
            if (levels[l].total == 0 && levels[l].items.empty()) {
                levels[l] = std::move(carry);
                return;
            }
            carry = reference_merged(levels[l], carry);
            reference_compress(carry, k);
            levels[l] = RankSummary{};
        }
    }
    RankSummary combined() const {
        RankSummary all;
        for (const auto& l : levels)
            if (l.total > 0) all = reference_merged(all, l);
        return all;
    }
};

/// Same summary bit for bit; the first difference as a message.
::testing::AssertionResult same(const RankSummary& got, const RankSummary& want) {
    if (got.total != want.total)
        return ::testing::AssertionFailure() << "total " << got.total << " != " << want.total;
    if (bits_of(got.error) != bits_of(want.error))
        return ::testing::AssertionFailure() << "error " << got.error << " != " << want.error;
    if (got.items.size() != want.items.size())
        return ::testing::AssertionFailure()
               << "items " << got.items.size() << " != " << want.items.size();
    for (std::size_t i = 0; i < got.items.size(); ++i)
        if (bits_of(got.items[i].value) != bits_of(want.items[i].value) ||
            got.items[i].weight != want.items[i].weight)
            return ::testing::AssertionFailure()
                   << "item " << i << ": (" << got.items[i].value << ", " << got.items[i].weight
                   << ") != (" << want.items[i].value << ", " << want.items[i].weight << ")";
    return ::testing::AssertionSuccess();
}

/// A uniform in [0, 1) from Philox, the same for a given (stream, index).
double uniform(std::uint32_t stream, std::uint64_t i) {
    const auto w = philox4x32_10(
        {static_cast<std::uint32_t>(i), static_cast<std::uint32_t>(i >> 32), stream, 0}, {7, 11});
    return unit_uniform(w[0] | (std::uint64_t{w[1]} << 32));
}

/// Awkward blocks of n values, by name.
std::vector<double> block(const std::string& kind, std::size_t n, std::uint32_t stream) {
    std::vector<double> v(n);
    for (std::size_t i = 0; i < n; ++i) {
        const double u = uniform(stream, i);
        if (kind == "bell")  // sum of uniforms: bell-shaped, NPV-like, both signs
            v[i] = 40000 * (u + uniform(stream + 100, i) + uniform(stream + 200, i) - 1.4);
        else if (kind == "ties")  // three values, a discrete input's output
            v[i] = u < 0.3 ? 1 : u < 0.8 ? 2 : 3;
        else if (kind == "zeros")  // -0, +0 and a few others, interleaved
            v[i] = u < 0.4 ? -0.0 : u < 0.8 ? 0.0 : u < 0.9 ? -1.5 : 2.5;
        else if (kind == "only zeros")  // equal values that differ in their bits
            v[i] = u < 0.5 ? -0.0 : 0.0;
        else if (kind == "infinities")
            v[i] = u < 0.05 ? kInf : u < 0.1 ? -kInf : 1000 * u;
        else if (kind == "huge")  // the range overflows
            v[i] = u < 0.5 ? -1e308 * u : 1.7e308 * u;
        else if (kind == "tiny")  // subnormal values: the range's scale overflows
            v[i] = std::ldexp(std::floor(u * 1000), -1074);
        else if (kind == "magnitudes")  // 1e-300 .. 1e300, both signs
            v[i] = (u < 0.5 ? -1 : 1) * std::pow(10.0, 600 * uniform(stream + 300, i) - 300);
        else if (kind == "outlier")  // one value a million times the spread
            v[i] = i == n / 2 ? 1e12 : 100 * u;
        else if (kind == "ulps")  // a range of a few hundred ulps around 1
            v[i] = 1.0 + std::floor(u * 300) * std::numeric_limits<double>::epsilon();
        else if (kind == "sorted")
            v[i] = static_cast<double>(i) - 0.5 * static_cast<double>(n);
        else if (kind == "reversed")
            v[i] = 0.5 * static_cast<double>(n) - static_cast<double>(i);
        else if (kind == "constant")
            v[i] = 42.5;
        else
            ADD_FAILURE() << "no block kind " << kind;
    }
    return v;
}

const std::vector<std::string> kKinds{
    "bell", "ties", "zeros", "only zeros", "infinities", "huge", "tiny",
    "magnitudes", "outlier", "ulps", "sorted", "reversed", "constant"};

TEST(RiskStatisticsSpeedPaths, BlockSummariesEqualTheSortAndCompressDefinition) {
    // Sizes around every threshold: empty, one value, the std::sort cut (256), the 2k + 1 cut
    // at k = 4096 (8193), a run's block (10,000) and an odd block (a last group of 1).
    std::uint32_t stream = 1;
    for (const std::string& kind : kKinds)
        for (std::size_t n : {0u, 1u, 2u, 255u, 256u, 257u, 8193u, 8194u, 10000u, 10001u}) {
            const std::vector<double> values = block(kind, n, stream++);
            EXPECT_TRUE(same(RankSummary::of(values, QuantileSketch::default_k),
                             reference_of(values, QuantileSketch::default_k)))
                << kind << ", " << n << " values";
        }
}

TEST(RiskStatisticsSpeedPaths, OtherCompressionsEqualTheDefinition) {
    // Groups of 1 (no compression, k = 0), of 3 with a last group of 1 (k = 3000 on 10,000:
    // cap 3), of 333 with a rest (k = 30), and of every value (k = 1: 2k + 1 = 3 < n).
    for (std::size_t k : {0u, 1u, 30u, 3000u})
        for (const char* kind : {"bell", "zeros", "ties"}) {
            const std::vector<double> values =
                block(kind, 10000, 900 + static_cast<std::uint32_t>(k));
            EXPECT_TRUE(same(RankSummary::of(values, k), reference_of(values, k)))
                << kind << ", k " << k;
        }
    // A small block with a small k goes through std::sort and still compresses: 200 values,
    // k = 10, cap 20, groups of 20 with their 10th value (from 1) kept.
    const std::vector<double> values = block("bell", 200, 77);
    const RankSummary s = RankSummary::of(values, 10);
    EXPECT_TRUE(same(s, reference_of(values, 10)));
    ASSERT_EQ(s.items.size(), 10u);
    std::vector<double> sorted = values;
    std::sort(sorted.begin(), sorted.end());
    EXPECT_EQ(s.items[0].value, sorted[9]);
    EXPECT_EQ(s.items[9].value, sorted[189]);
    EXPECT_EQ(s.error, 10);  // max(9 before, 10 after) in a group of 20
}

TEST(RiskStatisticsSpeedPaths, BlockOfTenThousandKeepsEveryOtherValue) {
    // The run's case worked by hand: 10,000 values > 2 x 4096 + 1, cap = floor(10,000 / 4096)
    // = 2, so pairs; a pair's weighted median is its first value (cumulative 1 >= 2 / 2), the
    // count moves by at most the 1 trial after it: 5,000 items of weight 2, E = 1. The values
    // 0, 1, ..., 9999 given in reverse order keep 0, 2, 4, ..., 9998.
    std::vector<double> values(10000);
    for (std::size_t i = 0; i < values.size(); ++i) values[i] = static_cast<double>(9999 - i);
    const RankSummary s = RankSummary::of(values, QuantileSketch::default_k);
    ASSERT_EQ(s.items.size(), 5000u);
    EXPECT_EQ(s.total, 10000u);
    EXPECT_EQ(s.error, 1);
    for (std::size_t i = 0; i < s.items.size(); ++i) {
        ASSERT_EQ(s.items[i].value, static_cast<double>(2 * i)) << i;
        ASSERT_EQ(s.items[i].weight, 2u) << i;
    }
}

TEST(RiskStatisticsSpeedPaths, ZerosOfBothSignsSortMinusFirst) {
    // 300 values (past the std::sort cut): 150 +0 then 150 -0 come out as the 150 -0 first.
    std::vector<double> values(300, 0.0);
    std::fill(values.begin() + 150, values.end(), -0.0);
    const RankSummary s = RankSummary::of(values, QuantileSketch::default_k);
    ASSERT_EQ(s.items.size(), 300u);
    for (std::size_t i = 0; i < 300; ++i) EXPECT_EQ(std::signbit(s.items[i].value), i < 150) << i;
    // The same with other values around them (the bucket sort's insertion pass sorts them).
    values.push_back(-3);
    values.push_back(5);
    const RankSummary t = RankSummary::of(values, QuantileSketch::default_k);
    ASSERT_EQ(t.items.size(), 302u);
    EXPECT_EQ(t.items.front().value, -3);
    EXPECT_EQ(t.items.back().value, 5);
    for (std::size_t i = 1; i <= 300; ++i) EXPECT_EQ(std::signbit(t.items[i].value), i <= 150) << i;
}

TEST(RiskStatisticsSpeedPaths, MergedEqualsStdMerge) {
    // Ties across the two sides (a's first), zeros of both signs in both, one side empty or
    // much shorter than the other, both long (the two-ended loop does it all).
    const auto summary = [](const std::string& kind, std::size_t n, std::uint32_t stream) {
        return RankSummary::of(block(kind, n, stream), 0);
    };
    const std::vector<std::pair<RankSummary, RankSummary>> cases{
        {summary("ties", 1000, 1), summary("ties", 999, 2)},
        {summary("zeros", 500, 3), summary("zeros", 700, 4)},
        {summary("bell", 0, 5), summary("bell", 300, 6)},
        {summary("bell", 300, 7), summary("bell", 0, 8)},
        {summary("bell", 3, 9), summary("bell", 5000, 10)},
        {summary("bell", 5000, 11), summary("bell", 1, 12)},
        {summary("bell", 5000, 13), summary("bell", 5000, 14)},
        {summary("sorted", 2000, 15), summary("reversed", 2000, 16)},
        {summary("infinities", 400, 17), summary("magnitudes", 400, 18)},
        {RankSummary{}, RankSummary{}}};
    for (std::size_t c = 0; c < cases.size(); ++c) {
        const auto& [a, b] = cases[c];
        EXPECT_TRUE(same(RankSummary::merged(a, b), reference_merged(a, b))) << "case " << c;
    }
    // By hand: a = {1, 2 (weight 3)}, b = {2 (weight 5), 3}: the 2 of a comes first.
    RankSummary a, b;
    a.items = {{1, 1}, {2, 3}};
    a.total = 4;
    a.error = 0.5;
    b.items = {{2, 5}, {3, 1}};
    b.total = 6;
    b.error = 1;
    const RankSummary m = RankSummary::merged(a, b);
    ASSERT_EQ(m.items.size(), 4u);
    EXPECT_EQ(m.items[1].weight, 3u);
    EXPECT_EQ(m.items[2].weight, 5u);
    EXPECT_EQ(m.total, 10u);
    EXPECT_EQ(m.error, 1.5);
}

TEST(RiskStatisticsSpeedPaths, CompressEqualsTheDefinitionOnUnevenWeights) {
    // Weights 1..7 cycling, some items heavier than the cap (alone in their group).
    for (std::size_t k : {1u, 5u, 100u}) {
        RankSummary s;
        for (std::size_t i = 0; i < 1000; ++i) {
            const std::uint64_t w = i % 97 == 0 ? 400 : 1 + i % 7;
            s.items.push_back({static_cast<double>(i) * 0.5, w});
            s.total += w;
        }
        s.error = 2;
        RankSummary want = s;
        reference_compress(want, k);
        s.compress(k);
        EXPECT_TRUE(same(s, want)) << "k " << k;
    }
}

TEST(RiskStatisticsSpeedPaths, SketchEqualsTheBinaryCounterOfMergesAndCompressions) {
    // 37 blocks, every awkward kind, after each push the whole summary the same. Blocks of
    // 10,000 as a run feeds them (every summary has one weight throughout: 2 trials an item
    // at level 0, 4 at level 1...), and blocks whose sizes vary as NaN outputs are left out,
    // with a few small and empty ones (uneven weights); k = 4096 (pairs at every level) and
    // k = 50 (groups of 200 trials, then of 2, 3 or more items).
    for (const bool even : {true, false})
        for (std::size_t k : {std::size_t{QuantileSketch::default_k}, std::size_t{50}}) {
            QuantileSketch sketch(k);
            ReferenceSketch reference{k, {}};
            for (std::uint32_t b = 0; b < 37; ++b) {
                const std::size_t n = even ? 10000 : b % 9 == 4 ? b * 7 : 10000 - (b * 131) % 1700;
                const std::vector<double> values = block(kKinds[b % kKinds.size()], n, 5000 + b);
                sketch.push(RankSummary::of(values, k));
                reference.push(reference_of(values, k));
                ASSERT_TRUE(same(sketch.combined(), reference.combined()))
                    << (even ? "even" : "uneven") << " blocks, k " << k << ", block " << b;
            }
            double e = 0;
            std::uint64_t count = 0;
            for (const auto& l : reference.levels) {
                e += l.error;
                count += l.total;
            }
            EXPECT_EQ(sketch.count(), count);
            EXPECT_EQ(bits_of(sketch.rank_error()), bits_of(e / static_cast<double>(count)));
        }
}

}  // namespace
}  // namespace eqroi::risk
