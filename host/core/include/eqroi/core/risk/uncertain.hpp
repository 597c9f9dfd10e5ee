// The risk analysis' part of a study file (issue 6), as the parser leaves it: the
// [[uncertain]] tables (which guesses are uncertain and how) and the [risk] table (how many
// trials, which seed, which sampling, correlations). docs/study-format.md, "Risk analysis",
// documents every key. Plain data: the Study holds it (study.hpp), risk/inputs.hpp binds it to
// an Engine, risk/analysis.hpp runs it.
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/risk/distributions.hpp>
#include <eqroi/core/risk/sampling.hpp>

#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eqroi::risk {

/// One [[uncertain]] table: a parameter whose value is a guess, and its distribution.
///
/// What it reaches (see InputBinding):
///   - `model` given: that model's `parameter` in the alternative named by `alternative`, or in
///     every alternative that uses the model when `alternative` is empty.
///   - `model` empty: the [equipment] key `parameter`, i.e. every model of the alternative (or
///     of every alternative) that declares the parameter and takes its value from the
///     [equipment] block or below (a model whose own table gives the parameter keeps it, as
///     in the deterministic run).
/// In each trial every parameter the input reaches takes the same drawn value.
struct UncertainInput {
    /// Unique among the study's inputs. Default: "<alternative>.<model>.<parameter>" with the
    /// parts that were given ("maintenance.mtbf_hours", "buy_a.operators", "scrap_rate").
    std::string name;
    std::string alternative;  ///< alternative id; "" = every alternative using the parameter
    std::string model;        ///< model id; "" = an [equipment] key
    std::string parameter;    ///< the parameter's key as the model declares it
    Distribution distribution;
    SourcePos where;          ///< the [[uncertain]] table
    /// Where each key of the table was written ("parameter", "min", "probabilities"...).
    std::map<std::string, SourcePos, std::less<>> keys;

    /// Where `key` was written; the table's position when it was not.
    const SourcePos& at(std::string_view key) const {
        auto it = keys.find(key);
        return it == keys.end() ? where : it->second;
    }
};

/// [risk] correlation = { inputs = ["a", "b"], matrix = [[1, 0.8], [0.8, 1]] }: target rank
/// (Spearman) correlations between some of the inputs. Inputs not listed are independent.
struct RankCorrelationSpec {
    std::vector<std::string> inputs;  ///< input names, in the matrix's row order
    CorrelationMatrix matrix;         ///< one row per listed input
    SourcePos where;                  ///< the correlation table
    SourcePos matrix_where;           ///< the `matrix` value (where its problems are reported)

    /// The full matrix over `all` inputs (in their order): the listed entries, 1 on the
    /// diagonal, 0 elsewhere. Precondition: every listed name is in `all` (the parser checks).
    CorrelationMatrix expand(const std::vector<std::string>& all) const;
};

/// [risk]: the run's settings as the file gives them; unset = the CLI's flag or the default
/// (risk/analysis.hpp, RiskOptions).
struct RiskSettings {
    std::optional<std::uint64_t> trials;               ///< 1 .. 10^10
    std::optional<std::uint64_t> seed;                 ///< any unsigned 64-bit value
    std::optional<Method> sampling;                    ///< "mc" | "lhs"
    std::optional<double> target_standard_error;       ///< > 0, in the study's currency
    std::optional<RankCorrelationSpec> correlation;
    SourcePos where;                                   ///< line 0 when the file has no [risk]
};

}  // namespace eqroi::risk
