// Streaming moments and the mergeable rank summary (eqroi/core/risk/statistics.hpp).
#include <eqroi/core/risk/statistics.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>

namespace eqroi::risk {

void Moments::add(std::span<const double> values) {
    if (values.empty()) return;
    Moments block;
    block.count = values.size();
    double sum = 0;
    for (double v : values) {
        sum += v;
        block.min = std::min(block.min, v);
        block.max = std::max(block.max, v);
    }
    block.mean = sum / static_cast<double>(block.count);
    double m2 = 0;
    for (double v : values) m2 += (v - block.mean) * (v - block.mean);
    block.m2 = m2;
    merge(block);
}

void Moments::merge(const Moments& later) {
    if (later.count == 0) return;
    if (count == 0) {
        *this = later;
        return;
    }
    const double na = static_cast<double>(count), nb = static_cast<double>(later.count);
    const double n = na + nb;
    const double d = later.mean - mean;
    mean += d * nb / n;
    m2 += later.m2 + d * d * na * nb / n;
    count += later.count;
    min = std::min(min, later.min);
    max = std::max(max, later.max);
}

double Moments::variance() const {
    return count < 2 ? 0.0 : m2 / static_cast<double>(count - 1);
}

double Moments::sd() const { return std::sqrt(variance()); }

double Moments::standard_error() const {
    return count < 2 ? 0.0 : sd() / std::sqrt(static_cast<double>(count));
}

// ---------------------------------------------------------------------------------------------

namespace {

/// Sorts doubles (no NaN) ascending: an LSD radix sort on order-preserving 64-bit keys (the
/// sign bit flipped for positives, every bit for negatives), 11 bits a pass, passes whose digit
/// is the same in every key skipped. About four times faster than std::sort on a block of
/// 10,000 trials, where sorting was the risk run's largest cost after the models. -0 sorts
/// before +0.
void sort_values(std::vector<double>& v) {
    const std::size_t n = v.size();
    if (n < 256) {
        std::sort(v.begin(), v.end());
        return;
    }
    constexpr int kBits = 11, kPasses = 6;  // 66 bits >= 64
    constexpr std::size_t kRadix = std::size_t{1} << kBits;
    std::vector<std::uint64_t> a(n), b(n);
    std::vector<std::size_t> counts(kPasses * kRadix, 0);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t u;
        std::memcpy(&u, &v[i], sizeof u);
        u = (u >> 63) ? ~u : (u | (std::uint64_t{1} << 63));
        a[i] = u;
        for (int p = 0; p < kPasses; ++p) ++counts[p * kRadix + ((u >> (p * kBits)) & (kRadix - 1))];
    }
    for (int p = 0; p < kPasses; ++p) {
        std::size_t* c = counts.data() + p * kRadix;
        const int shift = p * kBits;
        if (c[(a[0] >> shift) & (kRadix - 1)] == n) continue;  // one digit everywhere: no-op
        std::size_t sum = 0;
        for (std::size_t d = 0; d < kRadix; ++d) {
            const std::size_t x = c[d];
            c[d] = sum;
            sum += x;
        }
        for (std::size_t i = 0; i < n; ++i) b[c[(a[i] >> shift) & (kRadix - 1)]++] = a[i];
        a.swap(b);
    }
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t u = a[i];
        u = (u >> 63) ? (u & ~(std::uint64_t{1} << 63)) : ~u;
        std::memcpy(&v[i], &u, sizeof u);
    }
}

}  // namespace

RankSummary RankSummary::of(std::vector<double> values, std::size_t k) {
    sort_values(values);
    RankSummary s;
    s.items.reserve(values.size());
    for (double v : values) s.items.push_back({v, 1});
    s.total = values.size();
    s.compress(k);
    return s;
}

RankSummary RankSummary::merged(const RankSummary& a, const RankSummary& b) {
    RankSummary s;
    s.items.resize(a.items.size() + b.items.size());
    // Equal values: a's first, so the result does not depend on anything but the inputs.
    std::merge(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(), s.items.begin(),
               [](const Item& x, const Item& y) { return x.value < y.value; });
    s.total = a.total + b.total;
    s.error = a.error + b.error;
    return s;
}

void RankSummary::compress(std::size_t k) {
    if (k == 0 || items.size() <= 2 * k + 1) return;
    // Integer cap: a group weighs at most floor(total / k) trials (>= 1).
    const std::uint64_t cap = std::max<std::uint64_t>(1, total / k);
    std::vector<Item> out;
    out.reserve(2 * k + 1);
    double added = 0;  // the largest count a group's replacement can move
    std::size_t i = 0;
    while (i < items.size()) {
        std::size_t j = i;
        std::uint64_t w = items[i].weight;
        while (j + 1 < items.size() && w + items[j + 1].weight <= cap) w += items[++j].weight;
        // Weighted median of items i..j: the first whose cumulative weight reaches w / 2.
        std::uint64_t before = 0;
        std::size_t m = i;
        while (2 * (before + items[m].weight) < w) before += items[m++].weight;
        // A count at x inside the group moves by w - (weight up to and with m) when x is at or
        // above the median, and by at most `before` when below it.
        const std::uint64_t after = w - before - items[m].weight;
        added = std::max(added, static_cast<double>(std::max(before, after)));
        out.push_back({items[m].value, w});
        i = j + 1;
    }
    items = std::move(out);
    error += added;
}

// ---------------------------------------------------------------------------------------------

void QuantileSketch::push(RankSummary block) {
    RankSummary carry = std::move(block);
    for (std::size_t l = 0;; ++l) {
        if (l == levels_.size()) levels_.emplace_back();
        if (levels_[l].total == 0 && levels_[l].items.empty()) {
            levels_[l] = std::move(carry);
            return;
        }
        // The level holds earlier blocks: they go first.
        carry = RankSummary::merged(levels_[l], carry);
        carry.compress(k_);
        levels_[l] = RankSummary{};
    }
}

std::uint64_t QuantileSketch::count() const noexcept {
    std::uint64_t n = 0;
    for (const auto& l : levels_) n += l.total;
    return n;
}

RankSummary QuantileSketch::combined() const {
    RankSummary all;
    for (const auto& l : levels_)
        if (l.total > 0) all = RankSummary::merged(all, l);
    return all;
}

double QuantileSketch::quantile(double q) const {
    const RankSummary all = combined();
    if (all.total == 0) return std::numeric_limits<double>::quiet_NaN();
    // The first item whose cumulative weight reaches ceil(q N) (at least 1).
    const double target = std::max(1.0, std::ceil(std::clamp(q, 0.0, 1.0) * static_cast<double>(all.total)));
    std::uint64_t cumulative = 0;
    for (const auto& item : all.items) {
        cumulative += item.weight;
        if (static_cast<double>(cumulative) >= target) return item.value;
    }
    return all.items.back().value;
}

double QuantileSketch::cdf(double x) const {
    const RankSummary all = combined();
    if (all.total == 0) return std::numeric_limits<double>::quiet_NaN();
    std::uint64_t below = 0;
    for (const auto& item : all.items) {
        if (item.value > x) break;
        below += item.weight;
    }
    return static_cast<double>(below) / static_cast<double>(all.total);
}

double QuantileSketch::rank_error() const {
    double e = 0;
    std::uint64_t n = 0;
    for (const auto& l : levels_) {
        e += l.error;
        n += l.total;
    }
    return n == 0 ? 0.0 : e / static_cast<double>(n);
}

}  // namespace eqroi::risk
