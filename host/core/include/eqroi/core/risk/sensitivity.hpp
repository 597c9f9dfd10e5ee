// Sensitivity of a study to its uncertain inputs (issue 6, point 5): which guess matters most
// and at what value the decision flips.
//
//   Tornado      each input swung between its P10 and P90 (or base -x % / +x %), the others at
//                their base value (the study's own), sorted by how far the NPV moves.
//   Spider       the NPV as each input walks through its P5..P95 (or -30 %..+30 % of base).
//   Rank correlation   Spearman's rho between each input and each alternative's NPV over the
//                trials of a Monte Carlo run (ties share their average rank).
//   Break-even   for each input, the values at which an alternative's NPV crosses zero (and its
//                NPV less the baseline's: in a study of costs only every NPV is negative), and
//                the values at which the preferred alternative (highest NPV) changes, searched in
//                the input's support (P0.1..P99.9 for an unbounded tail): a scan in equal steps
//                finds the sign changes (NPV need not be monotone), TOMS 748 refines each one.
//
// Every analysis reads a study through an InputBinding (risk/inputs.hpp): "at base" means the
// study's own value of each parameter, and an input that reaches several alternatives (an
// [equipment] key shared by all) moves in all of them at once. NPV is each alternative's own
// (Measures::npv: costs negative), and the preferred alternative is the one with the highest
// NPV, the first in file order on a tie (as the deterministic run ranks them).
//
// Each analysis is a plain function of the binding: it evaluates through
// InputBinding::evaluate (plugins called once per batch: the scan of a break-even search, the
// points of a spider are each one batch), throws what that throws (EvaluationError when a
// model fails), and returns plain data that the CLI and the studio render. Safe to call from
// several threads at once on one binding.
//
// The general tools (root finding, ranks) are usable on their own.
#pragma once

#include <eqroi/core/report.hpp>
#include <eqroi/core/risk/inputs.hpp>
#include <eqroi/core/risk/sampling.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <optional>
#include <span>
#include <string>
#include <utility>
#include <vector>

namespace eqroi::risk {

// --- Root finding ---------------------------------------------------------------------------

/// A value of the input at which a function of it crosses zero.
struct Crossing {
    double value = 0;     ///< the input's value
    /// The function at `value`: 0 up to the model's rounding for a true crossing (the search
    /// goes on until the bracket is a few units in the last place wide). A function that jumps
    /// across zero (a model that rounds an input to whole units) leaves the jump's size here.
    double residual = 0;
    /// +1 when the function rises through zero as the input rises, -1 when it falls, 0 when it
    /// only touches zero at a grid point.
    int direction = 0;
};

/// How a crossing is searched for.
struct RootSearch {
    /// The search range is scanned in this many equal steps before refining; two crossings
    /// closer than a step may be missed (their signs cancel), one in each step is found.
    int steps = 100;
    /// Refinement steps per crossing (TOMS 748 needs ~10 to reach a double's precision).
    int max_iterations = 100;
};

/// The scan's points: steps + 1 values from lo to hi, equally spaced, the first exactly lo and
/// the last exactly hi. std::invalid_argument when lo > hi, either is not finite, or steps < 1.
std::vector<double> scan_grid(double lo, double hi, int steps);

/// Refines one bracket [a, b] (a < b) where fa = f(a) and fb = f(b) have opposite signs
/// (neither zero) with TOMS 748, to a bracket a few ulps wide, and returns the point where
/// |f| was smallest. std::invalid_argument for a bracket that does not change sign;
/// std::runtime_error when f returns NaN or an infinity; whatever f throws.
Crossing refine_crossing(const std::function<double(double)>& f, double a, double b, double fa,
                         double fb, const RootSearch& search = {});

/// Every crossing of f visible on a scan: `values[k]` = f(grid[k]) (computed by the caller,
/// typically as one batch). A grid point where f is exactly 0 is a crossing; each step whose
/// ends have opposite signs is refined with refine_crossing(f, ...). Ascending by value; empty
/// when f keeps one sign. std::invalid_argument when the sizes differ.
std::vector<Crossing> find_crossings(const std::vector<double>& grid,
                                     const std::vector<double>& values,
                                     const std::function<double(double)>& f,
                                     const RootSearch& search = {});

// --- Swinging one input ---------------------------------------------------------------------

/// How far a tornado or spider moves an input away from base.
enum class SwingKind {
    /// To quantiles of the input's distribution (the tornado's P10 and P90): the same value in
    /// every alternative the input reaches.
    percentiles,
    /// To base x (1 + change) (the tornado's -x % / +x %): in each alternative around that
    /// alternative's own base (InputBinding::base_value(i, a)). A whole-number parameter gets
    /// the nearest whole value; every value is kept within the parameter's declared range
    /// (SwingPoint::clamped says when that moved it).
    percent,
};

/// One setting of one input, the other inputs at base, and what every alternative's NPV is.
struct SwingPoint {
    /// The setting: a quantile in (0, 1) (SwingKind::percentiles, 0.1 = P10) or a relative
    /// change (SwingKind::percent, -0.1 = base - 10 %).
    double level = 0;
    /// The input's value in each alternative (index = file order); nullopt where the input
    /// reaches no parameter of that alternative (its NPV is then its base NPV).
    std::vector<std::optional<double>> values;
    std::vector<double> npv;        ///< per alternative
    std::size_t preferred = 0;      ///< the alternative with the highest NPV here
    bool clamped = false;           ///< a percent change left a declared range and was cut
};

/// What every analysis shares: the study's alternatives and their NPVs with every input at base.
struct BaseCase {
    std::vector<std::string> alternatives;  ///< ids, file order
    std::vector<double> npv;                ///< per alternative, every input at base
    std::size_t preferred = 0;              ///< highest NPV at base (first on a tie)
    /// The study's baseline (the alternative the others are compared with; the first when the
    /// study names none).
    std::size_t baseline = 0;
};

/// The base case of a binding: one batch of one trial per alternative, every input at base.
BaseCase base_case(const InputBinding& binding);

/// Evaluates input `input` at `level` (a quantile or a change, per `kind`), the others at base.
/// `base` is base_case(binding) (passed in so that a caller making many points computes it
/// once). std::invalid_argument for a quantile outside (0, 1) (any change is accepted: the
/// declared range clamps it); std::out_of_range for an input index past the binding.
SwingPoint swing_point(const InputBinding& binding, const BaseCase& base, std::size_t input,
                       SwingKind kind, double level);

// --- Tornado --------------------------------------------------------------------------------

struct TornadoOptions {
    SwingKind kind = SwingKind::percentiles;
    double low_quantile = 0.10;   ///< percentiles: P10
    double high_quantile = 0.90;  ///< percentiles: P90
    double percent = 0.10;        ///< percent: the swing as a fraction (0.10 = -10 % / +10 %)
    /// The alternative whose swing orders the bars (index in file order); unset = the one
    /// preferred at base.
    std::optional<std::size_t> focus;
};

/// One bar of the tornado: one input at its low and at its high setting.
struct TornadoBar {
    std::size_t input = 0;          ///< index in the binding (column order)
    std::string name;               ///< the input's name
    /// The input's base value when it is the same in every alternative it reaches.
    std::optional<double> base;
    SwingPoint low, high;
    /// Per alternative: |NPV at high - NPV at low| (0 where the input does not reach).
    std::vector<double> swing;
};

struct Tornado {
    TornadoOptions options;
    BaseCase base;
    std::size_t focus = 0;           ///< the alternative ordering the bars
    /// One bar per input, widest swing of the focus alternative first; equal swings keep the
    /// inputs' order.
    std::vector<TornadoBar> bars;
};

/// The tornado of every input of the binding. std::invalid_argument for quantiles not in
/// (0, 1) or low >= high, a percent <= 0, or a focus past the alternatives.
Tornado tornado(const InputBinding& binding, const TornadoOptions& options = {});

// --- Spider ---------------------------------------------------------------------------------

struct SpiderOptions {
    SwingKind kind = SwingKind::percentiles;
    /// The levels, ascending: quantiles (percentiles) or changes (percent).
    std::vector<double> quantiles{0.05, 0.10, 0.25, 0.50, 0.75, 0.90, 0.95};
    std::vector<double> changes{-0.30, -0.20, -0.10, 0.0, 0.10, 0.20, 0.30};
};

/// One input walked through the levels.
struct SpiderLine {
    std::size_t input = 0;
    std::string name;
    std::vector<SwingPoint> points;  ///< one per level, in the options' order
};

struct Spider {
    SpiderOptions options;
    BaseCase base;
    std::vector<SpiderLine> lines;   ///< one per input, in the binding's order
};

/// The spider table of every input (each input's levels evaluated as one batch per
/// alternative). std::invalid_argument for an empty level list or a quantile not in (0, 1).
Spider spider(const InputBinding& binding, const SpiderOptions& options = {});

// --- Break-even -----------------------------------------------------------------------------

struct BreakEvenOptions {
    /// The search range of an input whose distribution is unbounded on a side: the quantile
    /// there (P0.1 below, P99.9 above). A bounded side uses the support's end.
    double tail_quantile = 0.001;
    /// Equal steps of the scan before refining (RootSearch::steps); a whole-number parameter
    /// is scanned at every whole value instead when there are at most steps + 1 of them.
    int steps = 200;
    int max_iterations = 100;
};

/// Where the preferred alternative changes as an input rises.
struct ChoiceChange {
    double value = 0;          ///< the input's value where the two NPVs are equal
    std::size_t below = 0;     ///< preferred just below `value` (alternative index)
    std::size_t above = 0;     ///< preferred just above
    double residual = 0;       ///< NPV(below) - NPV(above) at `value` (0 up to rounding)
};

/// The break-even values of one input.
struct BreakEven {
    std::size_t input = 0;
    std::string name;
    std::optional<double> base;       ///< as TornadoBar::base
    double low = 0, high = 0;         ///< the range searched
    /// The parameter takes whole values only: the scan is over whole values, and a crossing is
    /// reported at the first whole value past the sign change (its residual is that NPV).
    bool whole_number = false;
    /// Per alternative: the values where its NPV crosses zero, ascending; empty when it keeps
    /// its sign over the range (or the input does not reach it: see `reaches`).
    std::vector<std::vector<Crossing>> npv_zero;
    std::vector<bool> reaches;        ///< per alternative: InputBinding::reaches
    /// Per alternative: the values where its NPV less the baseline's (the incremental NPV,
    /// Measures::npv of vs_baseline) crosses zero: where choosing it over the baseline starts
    /// or stops paying. What a study of costs only needs, as every NPV there is negative.
    /// Empty for the baseline itself and when the input reaches neither.
    std::vector<std::vector<Crossing>> vs_baseline_zero;
    /// Where the preferred alternative changes, ascending; empty when the same alternative is
    /// preferred over the whole range.
    std::vector<ChoiceChange> choice_changes;
};

/// The break-even values of every input of the binding, in its order. Each input's scan is one
/// batch per alternative; each crossing then takes ~10 single evaluations. A change of the
/// preferred alternative is found between neighbouring scan points; were a third alternative
/// preferred for less than a step in between, the value reported is where the first and the
/// last are equal. std::invalid_argument for steps < 1 or a tail quantile outside (0, 0.5).
std::vector<BreakEven> break_even(const InputBinding& binding, const BreakEvenOptions& options = {});

/// The range break_even searches for input `input`: the support, or the tail quantiles on an
/// unbounded side, within the declared range of every parameter the input sets.
std::pair<double, double> search_range(const InputBinding& binding, std::size_t input,
                                       const BreakEvenOptions& options = {});

// --- Rank correlation -----------------------------------------------------------------------

struct RankCorrelationOptions {
    /// A short run: ranks settle long before the NPV's tails do (the standard error of a rho
    /// near 0 is about 1 / sqrt(trials), 0.01 here). Not the study's [risk] trials, which size
    /// the full risk run.
    std::uint64_t trials = 10'000;
    std::optional<std::uint64_t> seed;  ///< unset: the study's [risk] seed, else kDefaultSeed
    std::optional<Method> method;       ///< unset: the study's [risk] sampling, else Monte Carlo
    /// Impose the study's [risk] correlation (as the risk run does); false = independent inputs.
    bool study_correlation = true;
    static constexpr std::uint64_t kDefaultSeed = 1;
};

/// Spearman's rho of each input with each alternative's NPV over a Monte Carlo run.
struct RankCorrelations {
    std::uint64_t trials = 0;
    std::uint64_t seed = 0;                 ///< the seed used
    Method method = Method::monte_carlo;    ///< the sampling used
    bool correlated = false;                ///< the study's correlation was imposed
    std::vector<std::string> alternatives;  ///< ids, file order
    std::vector<std::string> inputs;        ///< names, binding order
    /// rho[i][a]: input i against alternative a's NPV. nullopt when either is constant over the
    /// trials (an alternative the input does not reach while no other input moves it, or a
    /// degenerate distribution).
    std::vector<std::vector<std::optional<double>>> rho;
};

/// Samples `options.trials` trials of the binding's inputs (Sampler, block by block), evaluates
/// every alternative on them, and correlates ranks. Holds every trial's inputs and NPVs
/// ((inputs + alternatives) x trials doubles) since ranks need them all.
/// std::invalid_argument for fewer than 2 trials or more than 2^32 - 1.
RankCorrelations rank_correlations(const InputBinding& binding,
                                   const RankCorrelationOptions& options = {});

// --- All of it, and its report -------------------------------------------------------------

/// What `eqroi sensitivity` (and any front end) asks for.
struct SensitivityOptions {
    TornadoOptions tornado;
    SpiderOptions spider;
    BreakEvenOptions break_even;
    /// The Monte Carlo run for the rank correlations; nullopt skips it.
    std::optional<RankCorrelationOptions> rank = RankCorrelationOptions{};
};

/// Every sensitivity figure of a study. The spider's lines are of the tornado's focus
/// alternative in the text renderings (every alternative in JSON and CSV).
struct SensitivityReport {
    Tornado tornado;
    Spider spider;
    std::vector<BreakEven> break_even;
    std::optional<RankCorrelations> rank;  ///< nullopt when it was skipped
};

/// Runs tornado(), spider(), break_even() and rank_correlations() with the options' parts.
/// Throws what they throw.
SensitivityReport analyse_sensitivity(const InputBinding& binding,
                                      const SensitivityOptions& options = {});

/// The report for people (table, md) and programs (json, csv). `inputs` are the bound inputs
/// (InputBinding::inputs(): their distributions and what they set), `settings` the study's
/// (name, currency).
///   table / md: the inputs; the tornado (the focus alternative's NPV at each input's low and
///     high setting, the swing, the preferred alternative at each) and every alternative's
///     swing; the spider of the focus alternative; the break-even table (per alternative the
///     value where its NPV is 0, "none in range" or "not reached"; where the preferred
///     alternative changes); the rank correlations. Input values to 6 significant digits
///     (at least 2 decimals), NPVs in whole currency units.
///   json: the same at full precision; a break-even list is null when there is no crossing in
///     range, an input's value null in an alternative it does not reach.
///   csv: one row per figure: section, input, alternative, setting, input_value, npv, rho.
std::string render_sensitivity(const SensitivityReport& report,
                               const std::vector<UncertainInput>& inputs,
                               const StudySettings& settings, ReportFormat format);

// --- Ranks ----------------------------------------------------------------------------------

/// The ranks 1..n of the values (1 = smallest); tied values share the average of the ranks
/// they span ({10, 20, 20, 30} -> {1, 2.5, 2.5, 4}). std::invalid_argument for a NaN.
std::vector<double> average_ranks(std::span<const double> x);

/// Pearson's correlation coefficient; nullopt when there are fewer than 2 pairs or either side
/// is constant (no correlation is defined). std::invalid_argument when the sizes differ.
std::optional<double> pearson(std::span<const double> x, std::span<const double> y);

/// Spearman's rho: pearson(average_ranks(x), average_ranks(y)).
std::optional<double> spearman(std::span<const double> x, std::span<const double> y);

}  // namespace eqroi::risk
