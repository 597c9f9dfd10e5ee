// Streaming moments and the mergeable rank summary (eqroi/core/risk/statistics.hpp).
#include <eqroi/core/risk/statistics.hpp>

#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

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
// Rank summaries. The risk run calls RankSummary::of for ~16 outputs of every block of 10,000
// trials and QuantileSketch::push as often on the merging thread, so both avoid allocating
// scratch per call and avoid unpredictable branches; every shortcut below gives exactly the
// items, totals and errors of the plain definitions (sort, then compress() as written), which
// tests/risk/statistics_speed_paths_test.cpp checks against a std::sort-based reference.

namespace {

using Item = RankSummary::Item;

/// The order the summaries sort trials in: ascending values, -0 before +0 (the order of the
/// values' 64-bit keys below). Distinct bit patterns get distinct keys, so this is a total
/// order on NaN-free values and any correct sort by it gives one and the same array.
std::uint64_t key_of(double v) {
    std::uint64_t u;
    std::memcpy(&u, &v, sizeof u);
    return (u >> 63) ? ~u : (u | (std::uint64_t{1} << 63));
}

double value_of(std::uint64_t key) {
    const std::uint64_t u = (key >> 63) ? (key & ~(std::uint64_t{1} << 63)) : ~key;
    double v;
    std::memcpy(&v, &u, sizeof v);
    return v;
}

/// Buffers one thread reuses from call to call (a worker summarises ~16 outputs per block of
/// trials; allocating and zeroing fresh buffers each time cost page faults). Calls larger than
/// kScratchLimit values use buffers of their own, so that a thread does not keep a huge one.
struct Scratch {
    std::vector<double> values;
    std::vector<Item> merged;
};
constexpr std::size_t kScratchLimit = std::size_t{1} << 20;

Scratch& thread_scratch() {
    thread_local Scratch scratch;
    return scratch;
}

/// Makes `v` hold at least n elements without shrinking (the values are overwritten anyway).
template <class T>
T* at_least(std::vector<T>& v, std::size_t n) {
    if (v.size() < n) v.resize(n);
    return v.data();
}

/// The general sort, for any values (NaN included: they go to the ends by their bits): an
/// LSD radix sort of the keys, 11 bits a pass, passes whose digit is the same in every key
/// skipped.
void radix_sort(double* values, std::size_t n) {
    constexpr int kBits = 11, kPasses = 6;  // 66 bits >= 64
    constexpr std::size_t kRadix = std::size_t{1} << kBits;
    std::vector<std::uint64_t> a(n), b(n);
    std::vector<std::size_t> counts(kPasses * kRadix, 0);
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint64_t u = a[i] = key_of(values[i]);
        for (int p = 0; p < kPasses; ++p)
            ++counts[p * kRadix + ((u >> (p * kBits)) & (kRadix - 1))];
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
    for (std::size_t i = 0; i < n; ++i) values[i] = value_of(a[i]);
}

/// x comes strictly before y in the summaries' order (x, y not NaN).
bool before(double x, double y) { return x < y || (x == y && key_of(x) < key_of(y)); }

/// The fast sort of a block of trials (n >= 2, n < 2^32, `spare`: room for n values): two
/// radix passes on a 22-bit bucket number linear in the value, then one insertion-sort pass.
/// Returns false, the values then in some order, when there is a NaN or an infinity, or when
/// the buckets are so uneven (a far outlier) that the insertion pass would cost more than the
/// general sort.
/// Why exact: the bucket number floor((v - lo) * scale) never decreases as v grows (a
/// subtraction, a product by a positive number and a truncation all keep the order under
/// rounding), so after the two stable passes the values are in order but within a bucket; the
/// insertion pass sorts those, and a sorted array is unique.
bool bucket_sort(double* a, double* spare, std::size_t n) {
    // Smallest and largest, and any NaN; two of each so that the compares do not wait on each
    // other.
    double lo[2] = {a[0], a[0]}, hi[2] = {a[0], a[0]};
    bool nan = false;
    for (std::size_t i = 0; i + 1 < n; i += 2)
        for (std::size_t l = 0; l < 2; ++l) {
            const double v = a[i + l];
            lo[l] = v < lo[l] ? v : lo[l];
            hi[l] = v > hi[l] ? v : hi[l];
            nan |= v != v;
        }
    const double last = a[n - 1];
    nan |= last != last;
    const double low = std::min({lo[0], lo[1], last}), high = std::max({hi[0], hi[1], last});
    constexpr int kBits = 11;
    constexpr std::uint32_t kRadix = std::uint32_t{1} << kBits;
    constexpr std::uint32_t kBuckets = kRadix * kRadix;
    const double range = high - low;
    if (range == 0 && !nan) {
        // One value, or -0s and +0s: the -0s first (a stable order is not needed: the values
        // on either side are the same bits).
        std::partition(a, a + n, [](double v) { return std::signbit(v); });
        return true;
    }
    if (nan || !(range > 0 && std::isfinite(range))) return false;
    // (v - low) lies in [0, range], so with this scale the product lies in [0, kBuckets - 1]
    // up to rounding, far below kBuckets: its truncation is a bucket number. (A range of a few
    // subnormals has no finite scale.)
    const double scale = (kBuckets - 1) / range;
    if (!std::isfinite(scale)) return false;
    const auto bucket = [low, scale](double v) {
        return static_cast<std::uint32_t>((v - low) * scale);
    };
    std::uint32_t first[kRadix] = {}, second[kRadix] = {};
    for (std::size_t i = 0; i < n; ++i) {
        const std::uint32_t d = bucket(a[i]);
        ++first[d & (kRadix - 1)];
        ++second[d >> kBits];
    }
    std::uint32_t sum_first = 0, sum_second = 0;
    for (std::uint32_t d = 0; d < kRadix; ++d) {
        const std::uint32_t x = first[d], y = second[d];
        first[d] = sum_first;
        second[d] = sum_second;
        sum_first += x;
        sum_second += y;
    }
    for (std::size_t i = 0; i < n; ++i) spare[first[bucket(a[i]) & (kRadix - 1)]++] = a[i];
    for (std::size_t i = 0; i < n; ++i) a[second[bucket(spare[i]) >> kBits]++] = spare[i];
    // Within a bucket: insertion sort, given up past 4 moves a value on average.
    std::size_t moves = 0;
    const std::size_t budget = 4 * n;
    for (std::size_t i = 1; i < n; ++i) {
        const double x = a[i];
        if (a[i - 1] < x || !before(x, a[i - 1])) continue;  // the first test settles most
        std::size_t j = i;
        do {
            a[j] = a[j - 1];
            --j;
        } while (j > 0 && before(x, a[j - 1]));
        a[j] = x;
        moves += i - j;
        if (moves > budget) return false;
    }
    return true;
}

/// Sorts a block's values: from 256 values on in the summaries' order (see key_of), below by
/// std::sort.
void sort_values(std::vector<double>& values, Scratch& scratch) {
    const std::size_t n = values.size();
    if (n < 256) {
        // Short lists: std::sort (the order it leaves -0 and +0 in, when both are present, is
        // the one the figures have always had).
        std::sort(values.begin(), values.end());
        return;
    }
    if (n <= std::numeric_limits<std::uint32_t>::max() &&
        bucket_sort(values.data(), at_least(scratch.values, n), n))
        return;
    radix_sort(values.data(), n);
}

/// What compress() makes of n sorted items that all weigh `weight` (the i-th value:
/// value_at(i)), without its general loop. compress() groups consecutive items while the group
/// weighs at most cap, so with equal weights every group holds per = max(1, floor(cap /
/// weight)) items but the last (the rest). A group of m items is replaced by its weighted
/// median, the first item whose cumulative weight c x weight has 2 c >= m: its (m - 1) / 2-th
/// (from 0), with before = (m - 1) / 2 and after = m - 1 - before = floor(m / 2) items around
/// it; E is the largest max(before, after) x weight met, that of the largest group. Fills
/// `out`; returns E.
template <class ValueAt>
double compress_equal_weights(ValueAt value_at, std::size_t n, std::uint64_t weight,
                              std::uint64_t cap, std::vector<Item>& out) {
    const std::size_t per = weight > cap ? 1 : static_cast<std::size_t>(cap / weight);
    const std::size_t full = n / per, rest = n % per;
    out.resize(full + (rest > 0));
    const std::size_t median = (per - 1) / 2;
    for (std::size_t g = 0; g < full; ++g) out[g] = {value_at(g * per + median), per * weight};
    if (rest > 0) out[full] = {value_at(full * per + (rest - 1) / 2), rest * weight};
    const std::size_t largest = full > 0 ? per : rest;
    return static_cast<double>(largest / 2 * weight);
}

/// The summary of n sorted trials of weight 1, compressed to k: nothing grouped when k = 0 or
/// n <= 2k + 1, else compress() with cap = max(1, n / k). Fills `items`; returns E.
double summarise_sorted_trials(const std::vector<double>& sorted, std::size_t k,
                               std::vector<Item>& items) {
    const std::size_t n = sorted.size();
    if (k == 0 || n <= 2 * k + 1) {
        items.resize(n);
        for (std::size_t i = 0; i < n; ++i) items[i] = {sorted[i], 1};
        return 0;
    }
    const std::uint64_t cap = std::max<std::uint64_t>(1, n / k);
    return compress_equal_weights([&sorted](std::size_t i) { return sorted[i]; }, n, 1, cap, items);
}

/// A stretch of a merge of sorted items filled from both ends at once: the front takes the
/// smallest item left, the back the largest, two independent chains of loads and compares.
/// Which side comes next is a coin toss when two summaries of the same stream interleave, so a
/// step has no branch on it. Equal values: a's items first (std::merge's rule), so the back
/// takes a's item only when it is strictly larger than b's.
struct MergeEnds {
    const Item *x, *x_end;  ///< what is left of a
    const Item *y, *y_end;  ///< what is left of b
    Item *front, *back;     ///< where the next smallest goes; one past where the next largest goes

    /// Steps that run out of neither side nor cross: each end takes at most one item a step,
    /// from either side, and the ends meet half way.
    std::size_t safe_steps() const {
        const auto na = static_cast<std::size_t>(x_end - x);
        const auto nb = static_cast<std::size_t>(y_end - y);
        return std::min({na, nb, (na + nb) / 2});
    }
    void step() {
        const std::uintptr_t take_y = y->value < x->value;
        *front++ = *pick(x, y, take_y);
        x += 1 - take_y;
        y += take_y;
        const std::uintptr_t take_x_back = y_end[-1].value < x_end[-1].value;
        *--back = *pick(y_end - 1, x_end - 1, take_x_back);
        x_end -= take_x_back;
        y_end -= 1 - take_x_back;
    }
    /// The rest (the middle), by a plain merge.
    void finish() const {
        std::merge(x, x_end, y, y_end, front,
                   [](const Item& p, const Item& q) { return p.value < q.value; });
    }
    static const Item* pick(const Item* first, const Item* second, std::uintptr_t take_second) {
        // By masks: g++ turns `take_second ? second : first` back into a branch.
        const auto f = reinterpret_cast<std::uintptr_t>(first);
        const auto s = reinterpret_cast<std::uintptr_t>(second);
        return reinterpret_cast<const Item*>(f ^ ((f ^ s) & (0 - take_second)));
    }
};

/// std::merge of a and b by value (a's items first among equal values) into out, which has room
/// for both: split where the first half of the output ends in a and b, then both halves
/// filled from both ends in the same loop, four independent chains.
void merge_items(const std::vector<Item>& a, const std::vector<Item>& b, Item* out) {
    const std::size_t na = a.size(), nb = b.size(), half = (na + nb) / 2;
    // The first `half` items are a's first i and b's first half - i for the fewest i with b's
    // item before that below a[i] (a[i] then comes after it; and a[i - 1] does not come after
    // b[half - i], or i - 1 would do). The test grows with i: bisect.
    std::size_t lo = half > nb ? half - nb : 0, hi = std::min(half, na);
    while (lo < hi) {
        const std::size_t i = lo + (hi - lo) / 2;  // i < na, half - i >= 1
        if (b[half - i - 1].value < a[i].value)
            hi = i;
        else
            lo = i + 1;
    }
    const Item *xa = a.data(), *xb = b.data();
    MergeEnds first{xa, xa + lo, xb, xb + (half - lo), out, out + half};
    MergeEnds second{xa + lo, xa + na, xb + (half - lo), xb + nb, out + half, out + na + nb};
    const std::size_t steps = std::min(first.safe_steps(), second.safe_steps());
    for (std::size_t s = 0; s < steps; ++s) {
        first.step();
        second.step();
    }
    first.finish();
    second.finish();
}

/// compress() of items[0, n) into groups of at most `cap` trials, in place: the groups' items
/// go to the front (a group is written at or before its first item, so no item is overwritten
/// before it is read). Returns how many there are; raises `added` to the largest count a
/// group's replacement can move.
std::size_t compress_in_place(Item* items, std::size_t n, std::uint64_t cap, double& added) {
    std::size_t groups = 0;
    std::size_t i = 0;
    while (i < n) {
        std::size_t j = i;
        std::uint64_t w = items[i].weight;
        while (j + 1 < n && w + items[j + 1].weight <= cap) w += items[++j].weight;
        // Weighted median of items i..j: the first whose cumulative weight reaches w / 2.
        std::uint64_t before = 0;
        std::size_t m = i;
        while (2 * (before + items[m].weight) < w) before += items[m++].weight;
        // A count at x inside the group moves by w - (weight up to and with m) when x is at or
        // above the median, and by at most `before` when below it.
        const std::uint64_t after = w - before - items[m].weight;
        added = std::max(added, static_cast<double>(std::max(before, after)));
        items[groups++] = {items[m].value, w};
        i = j + 1;
    }
    return groups;
}

}  // namespace

RankSummary RankSummary::of(std::vector<double> values, std::size_t k) {
    Scratch local;
    Scratch& scratch = values.size() <= kScratchLimit ? thread_scratch() : local;
    sort_values(values, scratch);
    RankSummary s;
    s.total = values.size();
    s.error = summarise_sorted_trials(values, k, s.items);
    return s;
}

RankSummary RankSummary::merged(const RankSummary& a, const RankSummary& b) {
    RankSummary s;
    s.items.resize(a.items.size() + b.items.size());
    // Equal values: a's first, so the result does not depend on anything but the inputs.
    merge_items(a.items, b.items, s.items.data());
    s.total = a.total + b.total;
    s.error = a.error + b.error;
    return s;
}

void RankSummary::compress(std::size_t k) {
    if (k == 0 || items.size() <= 2 * k + 1) return;
    // Integer cap: a group weighs at most floor(total / k) trials (>= 1).
    const std::uint64_t cap = std::max<std::uint64_t>(1, total / k);
    double added = 0;
    items.resize(compress_in_place(items.data(), items.size(), cap, added));
    error += added;
}

// ---------------------------------------------------------------------------------------------

void QuantileSketch::push(RankSummary block) {
    RankSummary carry = std::move(block);
    for (std::size_t l = 0;; ++l) {
        if (l == levels_.size()) levels_.emplace_back();
        RankSummary& level = levels_[l];
        if (level.total == 0 && level.items.empty()) {
            level = std::move(carry);
            return;
        }
        // carry = merged(level, carry), then carry.compress(k_); the union is made in this
        // thread's scratch rather than in a fresh vector, and compressed there. The level holds
        // earlier blocks: they go first.
        std::size_t n = level.items.size() + carry.items.size();
        Scratch local;
        Scratch& scratch = n <= kScratchLimit ? thread_scratch() : local;
        Item* all = at_least(scratch.merged, n);
        merge_items(level.items, carry.items, all);
        carry.total += level.total;
        carry.error = level.error + carry.error;
        if (k_ == 0 || n <= 2 * k_ + 1) {
            carry.items.assign(all, all + n);
        } else {
            // Integer cap, as compress() has it.
            const std::uint64_t cap = std::max<std::uint64_t>(1, carry.total / k_);
            // Summaries of equal blocks usually have one weight throughout (10,000 trials a
            // block give items of 2, 4, 8... trials level by level).
            const std::uint64_t weight = all[0].weight;
            bool equal = weight > 0;
            for (std::size_t i = 0; i < n; ++i) equal &= all[i].weight == weight;
            double added = 0;
            if (equal) {
                added = compress_equal_weights([all](std::size_t i) { return all[i].value; }, n,
                                               weight, cap, carry.items);
            } else {
                n = compress_in_place(all, n, cap, added);
                carry.items.assign(all, all + n);
            }
            carry.error += added;
        }
        level = RankSummary{};
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
