// Rank correlation between uncertain inputs: checking a user's matrix, and imposing it on a
// block of trials with Iman–Conover (risk_detail.hpp). Eigen does the linear algebra.
#include "risk_detail.hpp"

#include <Eigen/Cholesky>
#include <Eigen/Dense>
#include <Eigen/Eigenvalues>
#include <boost/math/distributions/normal.hpp>
#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <numbers>

namespace eqroi::risk {
namespace {

std::string input_name(std::span<const std::string> names, std::size_t i, std::size_t inputs) {
    return names.size() == inputs ? names[i] : fmt::format("input {}", i + 1);
}

/// Lower Cholesky factor of a symmetric matrix, nullopt when it is not (numerically) positive
/// definite.
std::optional<Eigen::MatrixXd> cholesky(const Eigen::MatrixXd& m) {
    Eigen::LLT<Eigen::MatrixXd> llt(m);
    if (llt.info() != Eigen::Success) return std::nullopt;
    Eigen::MatrixXd l = llt.matrixL();
    return l;
}

/// A double's bits made order-preserving as an unsigned integer (finite doubles; -0 sorts
/// just below +0): flip all bits of a negative, the sign bit of a positive.
std::uint64_t ordered_key(double x) {
    std::uint64_t b;
    std::memcpy(&b, &x, sizeof b);
    return (b >> 63) ? ~b : b | (std::uint64_t{1} << 63);
}

/// radix_order()'s buffers and histograms.
struct RadixBuffers {
    static constexpr int digit_bits = 11, passes = 6;  // 6 x 11 bits cover the 64
    static constexpr std::size_t buckets = std::size_t{1} << digit_bits;
    std::vector<std::uint64_t> bits, spare_bits;
    std::vector<std::uint32_t> spare_order;
    std::array<std::array<std::uint32_t, buckets>, passes> count;
};

/// The LSD radix passes [from, passes) over buffers.bits / order (11-bit digits, the
/// histograms of those passes counted in one go, a pass skipped when all keys share its
/// digit): a stable sort on the bits from 11 * from up.
void radix_passes(int from, std::vector<std::uint32_t>& order, RadixBuffers& buffers) {
    constexpr int digit_bits = RadixBuffers::digit_bits, passes = RadixBuffers::passes;
    constexpr std::size_t mask = RadixBuffers::buckets - 1;
    auto& [bits, spare_bits, spare_order, count] = buffers;
    const std::size_t n = bits.size();
    for (int pass = from; pass < passes; ++pass) count[static_cast<std::size_t>(pass)].fill(0);
    for (std::uint64_t b : bits)
        for (int pass = from; pass < passes; ++pass)
            ++count[static_cast<std::size_t>(pass)][(b >> (pass * digit_bits)) & mask];
    for (int pass = from; pass < passes; ++pass) {
        auto& start = count[static_cast<std::size_t>(pass)];
        if (std::find(start.begin(), start.end(), n) != start.end()) continue;  // one digit
        std::uint32_t sum = 0;  // counts -> first position of each digit
        for (auto& c : start) sum += std::exchange(c, sum);
        const int shift = pass * digit_bits;
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t to = start[(bits[i] >> shift) & mask]++;
            spare_bits[to] = bits[i];
            spare_order[to] = order[i];
        }
        bits.swap(spare_bits);
        order.swap(spare_order);
    }
}

/// order[r] = the index of the r-th smallest of `keys`, ties by index: a stable sort on
/// ordered_key(), done in two steps that give exactly that order. A stable radix sort on the
/// top 31 bits (sign, exponent and 19 bits of mantissa: three passes instead of six) orders
/// every pair of keys that differ there and leaves runs of keys that do not, in index order;
/// a stable insertion sort of each run on the whole key finishes it. Such runs are a few
/// pairs in a block of 10,000 spread-out values (a block's scores); should a run of unequal
/// keys be long (values clustered within a few millionths), the full six passes are run
/// instead. Keys are finite; the buffers are the caller's, reused from block to block.
void radix_order(std::span<const double> keys, std::vector<std::uint32_t>& order,
                 RadixBuffers& buffers) {
    constexpr int high_from = 3;  // passes 3..5: bits 33..63
    constexpr int low_bits = high_from * RadixBuffers::digit_bits;
    constexpr std::size_t longest_run = 32;
    const std::size_t n = keys.size();
    auto& bits = buffers.bits;
    bits.resize(n);
    buffers.spare_bits.resize(n);
    order.resize(n);
    buffers.spare_order.resize(n);
    for (std::size_t i = 0; i < n; ++i) {
        bits[i] = ordered_key(keys[i]);
        order[i] = static_cast<std::uint32_t>(i);
    }
    radix_passes(high_from, order, buffers);
    for (std::size_t i = 0; i < n;) {
        std::size_t end = i + 1;
        while (end < n && (bits[end] >> low_bits) == (bits[i] >> low_bits)) ++end;
        // A long run of equal keys (a discrete input's value) is in order already; a long run
        // of different ones gets the full sort, low digits first.
        if (end - i > longest_run &&
            std::any_of(bits.begin() + static_cast<std::ptrdiff_t>(i + 1),
                        bits.begin() + static_cast<std::ptrdiff_t>(end),
                        [&](std::uint64_t b) { return b != bits[i]; })) {
            for (std::size_t k = 0; k < n; ++k) {
                bits[k] = ordered_key(keys[k]);
                order[k] = static_cast<std::uint32_t>(k);
            }
            radix_passes(0, order, buffers);
            return;
        }
        for (std::size_t a = i + 1; a < end; ++a) {  // stable: moves only strictly greater
            const std::uint64_t key = bits[a];
            const std::uint32_t index = order[a];
            std::size_t to = a;
            for (; to > i && bits[to - 1] > key; --to) {
                bits[to] = bits[to - 1];
                order[to] = order[to - 1];
            }
            bits[to] = key;
            order[to] = index;
        }
        i = end;
    }
}

// Smallest eigenvalue a matrix must have to be called positive definite: below it, the
// Cholesky factor and Iman–Conover's reordering are dominated by rounding.
constexpr double min_eigenvalue = 1e-10;

}  // namespace

std::optional<std::string> correlation_problem(const CorrelationMatrix& matrix,
                                               std::size_t inputs,
                                               std::span<const std::string> names) {
    const auto name = [&](std::size_t i) { return input_name(names, i, inputs); };
    if (matrix.size() != inputs)
        return fmt::format("the correlation matrix has {} rows for {} inputs: give one row per "
                           "input",
                           matrix.size(), inputs);
    for (std::size_t i = 0; i < inputs; ++i)
        if (matrix[i].size() != inputs)
            return fmt::format("row {} ({}) of the correlation matrix has {} entries for {} "
                               "inputs",
                               i + 1, name(i), matrix[i].size(), inputs);
    for (std::size_t i = 0; i < inputs; ++i)
        for (std::size_t j = 0; j < inputs; ++j) {
            const double c = matrix[i][j];
            if (!(c >= -1.0 && c <= 1.0))
                return fmt::format("the correlation of {} and {} is {}, outside [-1, 1]",
                                   name(i), name(j), c);
        }
    for (std::size_t i = 0; i < inputs; ++i)
        if (std::abs(matrix[i][i] - 1.0) > 1e-12)
            return fmt::format("the diagonal entry of {} is {}, it must be 1 (an input is "
                               "perfectly correlated with itself)",
                               name(i), matrix[i][i]);
    for (std::size_t i = 0; i < inputs; ++i)
        for (std::size_t j = i + 1; j < inputs; ++j)
            if (std::abs(matrix[i][j] - matrix[j][i]) > 1e-12)
                return fmt::format("the correlation matrix is not symmetric: {} with {} is {} "
                                   "but {} with {} is {}",
                                   name(i), name(j), matrix[i][j], name(j), name(i),
                                   matrix[j][i]);
    if (inputs == 0) return std::nullopt;
    Eigen::MatrixXd m(inputs, inputs);
    for (std::size_t i = 0; i < inputs; ++i)
        for (std::size_t j = 0; j < inputs; ++j)
            m(static_cast<Eigen::Index>(i), static_cast<Eigen::Index>(j)) = matrix[i][j];
    const double smallest =
        Eigen::SelfAdjointEigenSolver<Eigen::MatrixXd>(m, Eigen::EigenvaluesOnly)
            .eigenvalues()
            .minCoeff();
    if (smallest <= min_eigenvalue || !cholesky(m))
        return fmt::format("the correlation matrix is not positive definite: a smallest "
                           "eigenvalue of {:.3g} (it must be above 0): the correlations "
                           "contradict each other (A with B and B with C strongly positive but "
                           "A with C negative), or two inputs are perfectly correlated; weaken "
                           "the strongest correlations",
                           std::abs(smallest) < 1e-12 ? 0.0 : smallest);
    return std::nullopt;
}

namespace detail {

namespace {

/// The scores Phi^-1(r / (m + 1)), r = 1..m.
std::vector<double> van_der_waerden_scores(std::size_t m) {
    const boost::math::normal_distribution<double, Policy> std_normal(0.0, 1.0);
    std::vector<double> scores(m);
    for (std::size_t r = 0; r < m; ++r)
        scores[r] = boost::math::quantile(
            std_normal, static_cast<double>(r + 1) / static_cast<double>(m + 1));
    return scores;
}

/// T = S (P F^-1)^T (the comment of apply()) for scores S and the target's factor P (k x k,
/// row-major). `t` is the caller's and keeps its storage from block to block.
void targets_of(const Eigen::MatrixXd& scores, const std::vector<double>& factor,
                Eigen::MatrixXd& t) {
    const Eigen::Index k = scores.cols();
    // Every column holds the same scores, so the columns share one mean and one variance and
    // the correlation is the centred cross-product over that variance.
    const Eigen::MatrixXd centred = scores.rowwise() - scores.colwise().mean();
    Eigen::MatrixXd achieved = centred.transpose() * centred;
    const double variance = achieved.diagonal().mean();
    const Eigen::MatrixXd target_factor =
        Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            factor.data(), k, k);
    Eigen::MatrixXd transform = target_factor;  // P F^-1
    if (variance > 0) {
        achieved /= variance;
        // A block of a few trials can have linearly dependent score columns (E singular): its
        // scores are then used as drawn, T = S P^T, which still leans the ranks the right way.
        if (auto f = cholesky(achieved))
            transform = f->triangularView<Eigen::Lower>().solve<Eigen::OnTheRight>(target_factor);
    }
    t.noalias() = scores * transform.transpose();
}

/// A thread's buffers for apply(), kept from one block to the next (allocating them for each
/// block of 10,000 trials cost page faults as well as the zeroing).
struct CorrelationBuffers {
    Eigen::MatrixXd scores, t;
    std::vector<std::uint32_t> rank, first_rank, by_score, by_value;
    std::vector<double> sorted;
    RadixBuffers radix;
};
thread_local CorrelationBuffers buffers;

}  // namespace

RankCorrelator::RankCorrelator(const CorrelationMatrix& c,
                               std::span<const std::size_t> block_sizes) {
    const std::size_t n = c.size();
    for (std::size_t i = 0; i < n; ++i)
        for (std::size_t j = 0; j < n; ++j)
            if (i != j && c[i][j] != 0.0) {
                correlated_.push_back(i);
                break;
            }
    // Iman–Conover gives the scores the Pearson correlation r; for normal scores the rank
    // (Spearman) correlation is then (6 / pi) asin(r / 2) (Pearson 1907), so the target rank
    // correlation rho asks for r = 2 sin(pi rho / 6). When that adjusted matrix is not positive
    // definite (only near-singular targets), the target itself is used (off by < 0.02).
    const auto k = static_cast<Eigen::Index>(correlated_.size());
    Eigen::MatrixXd target(k, k), adjusted(k, k);
    for (Eigen::Index a = 0; a < k; ++a)
        for (Eigen::Index b = 0; b < k; ++b) {
            const double rho = c[correlated_[static_cast<std::size_t>(a)]]
                                [correlated_[static_cast<std::size_t>(b)]];
            target(a, b) = rho;
            adjusted(a, b) = a == b ? 1.0 : 2.0 * std::sin(std::numbers::pi * rho / 6.0);
        }
    auto factor = cholesky(adjusted);
    if (!factor) factor = cholesky(target);
    if (!factor)
        throw std::invalid_argument(correlation_problem(c, n).value_or(
            "the correlation matrix is not positive definite"));
    factor_.resize(static_cast<std::size_t>(k * k));
    Eigen::Map<Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
        factor_.data(), k, k) = *factor;
    if (correlated_.empty()) return;
    for (std::size_t m : block_sizes)
        if (std::find(score_sizes_.begin(), score_sizes_.end(), m) == score_sizes_.end()) {
            score_sizes_.push_back(m);
            van_der_waerden_.push_back(van_der_waerden_scores(m));
        }
}

std::vector<double> RankCorrelator::targets(std::span<const double> scores, std::size_t m) const {
    const auto k = static_cast<Eigen::Index>(correlated_.size());
    const Eigen::MatrixXd s =
        Eigen::Map<const Eigen::MatrixXd>(scores.data(), static_cast<Eigen::Index>(m), k);
    Eigen::MatrixXd t;
    targets_of(s, factor_, t);
    return {t.data(), t.data() + t.size()};
}

/// Iman & Conover (1982), "A distribution-free approach to inducing rank correlation among input
/// variables", Commun. Statist. B11(3): build a score matrix S whose columns are independent
/// random permutations of the van der Waerden scores Phi^-1(r / (m + 1)), r = 1..m; with E the
/// sample correlation of S = F F^T (Cholesky) and the target C = P P^T, T = S (P F^-1)^T has
/// correlation exactly C; then each input's values are rearranged to have the ranks of T's
/// column. The values themselves (the marginals, and LHS's strata) are untouched.
void RankCorrelator::apply(std::uint64_t seed, std::uint64_t first,
                           std::span<const std::span<double>> out,
                           std::span<const std::vector<std::uint32_t>> strata) const {
    if (correlated_.empty() || out.empty()) return;
    const std::size_t m = out.front().size();
    const auto rows = static_cast<Eigen::Index>(m);
    const auto k = static_cast<Eigen::Index>(correlated_.size());
    CorrelationBuffers& b = buffers;
    std::vector<double> computed;
    const auto cached = std::find(score_sizes_.begin(), score_sizes_.end(), m);
    if (cached == score_sizes_.end()) computed = van_der_waerden_scores(m);
    const std::vector<double>& van_der_waerden =
        cached == score_sizes_.end()
            ? computed
            : van_der_waerden_[static_cast<std::size_t>(cached - score_sizes_.begin())];

    // Column j of S: the scores dealt out by a shuffle driven by the input's scores words;
    // rank[t] is the rank of trial t's score (the first column's is kept, see below).
    b.scores.resize(rows, k);
    for (Eigen::Index j = 0; j < k; ++j) {
        const std::size_t input = correlated_[static_cast<std::size_t>(j)];
        auto& rank = j == 0 ? b.first_rank : b.rank;
        rank.resize(m);
        const auto nothing_else = [](std::size_t, std::size_t, const std::uint64_t*,
                                     const std::uint64_t*) {};
        shuffle_by_chunks(rank, seed, first, input, Purpose::scores, 0, nothing_else);
        double* column = b.scores.col(j).data();
        for (std::size_t t = 0; t < m; ++t) column[t] = van_der_waerden[rank[t]];
    }
    targets_of(b.scores, factor_, b.t);

    // Rearrange: the trial whose T is the r-th smallest gets the r-th smallest value. The values
    // in ascending order come from the strata for LHS (a quantile is nondecreasing in u, and u
    // in its stratum), from a sort for Monte Carlo.
    b.sorted.resize(m);
    for (Eigen::Index j = 0; j < k; ++j) {
        const std::size_t input = correlated_[static_cast<std::size_t>(j)];
        const std::span<double> values = out[input];
        const double* t = b.t.col(j).data();
        // The first column of T is the first column of S times (P F^-1)(0, 0) > 0: P F^-1 is
        // lower triangular (so are P and F), the rest of its first row exactly 0. Its order
        // is therefore the scores' order, rank r at the trial dealt rank r. Rounding could in
        // principle tie two products, so that order is checked strictly increasing (it is
        // then the one order the sort would give) and the sort done when it is not.
        bool ordered = false;
        if (j == 0) {
            b.by_score.resize(m);
            for (std::size_t trial = 0; trial < m; ++trial)
                b.by_score[b.first_rank[trial]] = static_cast<std::uint32_t>(trial);
            ordered = true;
            for (std::size_t r = 1; r < m && ordered; ++r)
                ordered = ordered_key(t[b.by_score[r - 1]]) < ordered_key(t[b.by_score[r]]);
        }
        if (!ordered) radix_order({t, m}, b.by_score, b.radix);
        if (strata.empty()) {
            radix_order(values, b.by_value, b.radix);
            for (std::size_t r = 0; r < m; ++r) b.sorted[r] = values[b.by_value[r]];
        } else {
            for (std::size_t r = 0; r < m; ++r) b.sorted[strata[input][r]] = values[r];
        }
        for (std::size_t r = 0; r < m; ++r) values[b.by_score[r]] = b.sorted[r];
    }
}

}  // namespace detail
}  // namespace eqroi::risk
