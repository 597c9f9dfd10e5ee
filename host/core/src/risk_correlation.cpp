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

/// order[r] = the index of the r-th smallest of `keys`, ties by index (a stable LSD radix sort
/// on the doubles' bits made order-preserving: flip all bits of a negative, the sign bit of a
/// positive). Two to three times faster than std::sort on a block's 10,000 keys, which
/// dominated the cost of a correlated block. Keys are finite.
std::vector<std::uint32_t> radix_order(std::span<const double> keys) {
    const std::size_t n = keys.size();
    std::vector<std::uint64_t> bits(n), bits_tmp(n);
    std::vector<std::uint32_t> order(n), order_tmp(n);
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t b;
        std::memcpy(&b, &keys[i], sizeof b);
        bits[i] = (b >> 63) ? ~b : b | (std::uint64_t{1} << 63);
        order[i] = static_cast<std::uint32_t>(i);
    }
    for (int shift = 0; shift < 64; shift += 8) {
        std::array<std::size_t, 257> start{};
        for (std::uint64_t b : bits) ++start[((b >> shift) & 0xFF) + 1];
        if (std::find(start.begin(), start.end(), n) != start.end()) continue;  // one digit
        for (std::size_t d = 1; d < start.size(); ++d) start[d] += start[d - 1];
        for (std::size_t i = 0; i < n; ++i) {
            const std::size_t to = start[(bits[i] >> shift) & 0xFF]++;
            bits_tmp[to] = bits[i];
            order_tmp[to] = order[i];
        }
        bits.swap(bits_tmp);
        order.swap(order_tmp);
    }
    return order;
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

RankCorrelator::RankCorrelator(const CorrelationMatrix& c) {
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
    const boost::math::normal_distribution<double, Policy> std_normal(0.0, 1.0);
    std::vector<double> van_der_waerden(m);
    for (std::size_t r = 0; r < m; ++r)
        van_der_waerden[r] = boost::math::quantile(
            std_normal, static_cast<double>(r + 1) / static_cast<double>(m + 1));

    Eigen::MatrixXd scores(rows, k);
    for (Eigen::Index j = 0; j < k; ++j) {
        const std::size_t input = correlated_[static_cast<std::size_t>(j)];
        const auto rank = shuffled(
            m, [&](std::size_t t) { return words(seed, first + t, input, Purpose::scores).first; });
        for (std::size_t t = 0; t < m; ++t)
            scores(static_cast<Eigen::Index>(t), j) = van_der_waerden[rank[t]];
    }

    // Every column holds the same scores, so the columns share one mean and one variance and
    // the correlation is the centred cross-product over that variance.
    const Eigen::MatrixXd centred = scores.rowwise() - scores.colwise().mean();
    Eigen::MatrixXd achieved = centred.transpose() * centred;
    const double variance = achieved.diagonal().mean();
    const Eigen::MatrixXd target_factor =
        Eigen::Map<const Eigen::Matrix<double, Eigen::Dynamic, Eigen::Dynamic, Eigen::RowMajor>>(
            factor_.data(), k, k);
    Eigen::MatrixXd transform = target_factor;  // P F^-1
    if (variance > 0) {
        achieved /= variance;
        // A block of a few trials can have linearly dependent score columns (E singular): its
        // scores are then used as drawn, T = S P^T, which still leans the ranks the right way.
        if (auto f = cholesky(achieved))
            transform = f->triangularView<Eigen::Lower>().solve<Eigen::OnTheRight>(target_factor);
    }
    const Eigen::MatrixXd t = scores * transform.transpose();

    // Rearrange: the trial whose T is the r-th smallest gets the r-th smallest value. The values
    // in ascending order come from the strata for LHS (a quantile is nondecreasing in u, and u
    // in its stratum), from a sort for Monte Carlo.
    std::vector<double> sorted(m), column(m);
    for (Eigen::Index j = 0; j < k; ++j) {
        const std::size_t input = correlated_[static_cast<std::size_t>(j)];
        const std::span<double> values = out[input];
        if (strata.empty()) {
            const auto by_value = radix_order(values);
            for (std::size_t r = 0; r < m; ++r) sorted[r] = values[by_value[r]];
        } else {
            for (std::size_t r = 0; r < m; ++r) sorted[strata[input][r]] = values[r];
        }
        for (std::size_t r = 0; r < m; ++r) column[r] = t(static_cast<Eigen::Index>(r), j);
        const auto by_score = radix_order(column);  // ties (never seen) by trial
        for (std::size_t r = 0; r < m; ++r) values[by_score[r]] = sorted[r];
    }
}

}  // namespace detail
}  // namespace eqroi::risk
