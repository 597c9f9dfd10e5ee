// The risk run (risk/analysis.hpp) against closed forms and direct computations: a uniform
// upkeep on the press line worked by hand, a degenerate input reproducing the deterministic run
// exactly, the streamed statistics of example (a) against a two-pass computation over every
// trial, the same figures whatever the number of threads, the stop rule and cancellation.
#include "risk_analysis_fixture.hpp"

#include <eqroi/core/risk/analysis_report.hpp>

#include <algorithm>
#include <cmath>
#include <numeric>

namespace eqroi::test {
namespace {

using risk::InputBinding;
using risk::Method;
using risk::OutputStatistics;
using risk::RiskOptions;
using risk::RiskResult;

RiskOptions options(std::uint64_t trials, std::uint64_t seed, Method method, unsigned threads) {
    RiskOptions o;
    o.trials = trials;
    o.seed = seed;
    o.sampling = method;
    o.threads = threads;
    return o;
}

/// Mean and sample standard deviation by two passes: the direct computation the streamed
/// figures are held to.
struct Direct {
    double mean = 0, sd = 0;
};
Direct direct(const std::vector<double>& v) {
    Direct d;
    d.mean = std::accumulate(v.begin(), v.end(), 0.0) / static_cast<double>(v.size());
    double m2 = 0;
    for (double x : v) m2 += (x - d.mean) * (x - d.mean);
    d.sd = std::sqrt(m2 / static_cast<double>(v.size() - 1));
    return d;
}

/// The quantile q reported as `v` lies between the order statistics its rank error allows
/// (risk/statistics.hpp): s_ceil(qN - E) <= v <= s_(floor(qN + E) + 1), 1-based, clamped.
void expect_quantile_within_bound(std::vector<double> values, double q, double v, double e,
                                  const std::string& what) {
    std::sort(values.begin(), values.end());
    const double n = static_cast<double>(values.size());
    const double rank_error = e * n;
    const auto lo = static_cast<std::size_t>(std::max(1.0, std::ceil(q * n - rank_error)));
    const auto hi = static_cast<std::size_t>(std::min(n, std::floor(q * n + rank_error) + 1));
    EXPECT_LE(values[lo - 1], v) << what << " q " << q;
    EXPECT_GE(values[hi - 1], v) << what << " q " << q;
}

// --- a uniform upkeep, by hand ----------------------------------------------------------------
//
// kPressUniform: keep's upkeep c ~ Uniform[20,000, 40,000]; NPV(keep) = -a c with the annuity
// factor a = (1 - 1.1^-5) / 0.1 = 3.7907867694 (end-of-year payments, years 1..5, 10 %). Linear
// in c, so
//   E[NPV(keep)]  = -a (20,000 + 40,000) / 2 = -113,723.603082
//   sd[NPV(keep)] =  a (40,000 - 20,000) / sqrt(12) = 21,886.12
// NPV(buy) = -100,000 - 10,000 a = -137,907.868 in every trial. Buy is the better choice when
// -a c < -137,907.868, i.e. c > 137,907.868 / a = 36,379.75, so
//   P(buy best) = (40,000 - 36,379.75) / 20,000 = 0.181013
// and the same is P(buy better than keep). LCC(keep) = -NPV(keep) (no benefit line).

constexpr double kMeanKeep = -113723.60308225;  // -a x 30,000
constexpr double kNpvBuy = -137907.86769408;    // -100,000 - a x 10,000

TEST_F(RiskRunTest, UniformUpkeepMatchesTheClosedForm) {
    const double sd = kAnnuity * 20000 / std::sqrt(12.0);
    const double p_buy = (40000 - (100000 + 10000 * kAnnuity) / kAnnuity) / 20000;
    ASSERT_NEAR(kMeanKeep, -kAnnuity * 30000, 1e-6);
    ASSERT_NEAR(kNpvBuy, -100000 - kAnnuity * 10000, 1e-6);
    ASSERT_NEAR(p_buy, 0.181013, 1e-6);

    const Study study = parse(kPressUniform);
    const Engine engine(study, registry());
    const InputBinding binding(engine);
    const std::uint64_t n = 20000;
    const RiskResult r = risk::run_risk(binding, options(n, 7, Method::monte_carlo, 2));
    ASSERT_EQ(r.trials_done, n);
    const auto& keep = r.alternatives[0];
    const auto& buy = r.alternatives[1];
    EXPECT_EQ(keep.npv.count, n);
    // Monte Carlo: within 4 standard errors. The mean's is sd / sqrt(n); the sample sd's is
    // at most sd / sqrt(2n) for a distribution with no heavier tails than the normal's.
    EXPECT_NEAR(keep.npv.mean, kMeanKeep, 4 * sd / std::sqrt(double(n)));
    EXPECT_NEAR(keep.npv.sd, sd, 4 * sd / std::sqrt(2.0 * n));
    EXPECT_NEAR(keep.npv.standard_error, keep.npv.sd / std::sqrt(double(n)), 1e-9);
    // P10 of NPV(keep) = -a (20,000 + 0.9 x 20,000) = -144,049.90: within 4 binomial standard
    // errors of the rank (sqrt(0.09 / n) = 0.0021), i.e. 0.0085 x 20,000 a = 644.
    EXPECT_NEAR(keep.npv.p10, -kAnnuity * 38000, 0.0085 * 20000 * kAnnuity);
    EXPECT_NEAR(keep.npv.p50, kMeanKeep, 0.0113 * 20000 * kAnnuity);  // 4 sqrt(0.25 / n)
    EXPECT_GE(keep.npv.min, -kAnnuity * 40000 - 1e-6);
    EXPECT_LE(keep.npv.max, -kAnnuity * 20000 + 1e-6);
    EXPECT_EQ(keep.probability_loss, 1.0);
    EXPECT_EQ(keep.lcc.mean, -keep.npv.mean);

    EXPECT_NEAR(buy.npv.mean, kNpvBuy, 1e-6);
    EXPECT_LT(buy.npv.sd, 1e-6);
    EXPECT_EQ(buy.npv.p5, buy.npv.p95);  // every trial the same
    const double p_se = std::sqrt(p_buy * (1 - p_buy) / n);
    EXPECT_NEAR(buy.probability_best, p_buy, 4 * p_se);
    EXPECT_DOUBLE_EQ(keep.probability_best + buy.probability_best, 1.0);
    EXPECT_EQ(buy.probability_beats_baseline, buy.probability_best);  // two alternatives
    EXPECT_NEAR(buy.incremental_npv.mean, kNpvBuy - keep.npv.mean, 1e-6);
    EXPECT_TRUE(keep.is_baseline);
    EXPECT_EQ(keep.incremental_npv.count, 0u);
}

TEST_F(RiskRunTest, LatinHypercubeMeanIsWithinAStratumOfTheClosedForm) {
    // Each 10,000-trial block puts one trial in each stratum of width 1/10,000, so the mean of
    // the uniforms is within 1/(2 x 10,000) of 1/2, and the mean upkeep within
    // 20,000 / 20,000 = 1 of 30,000: the mean NPV within a = 3.79 of -a x 30,000.
    const Study study = parse(kPressUniform);
    const Engine engine(study, registry());
    const InputBinding binding(engine);
    const RiskResult r = risk::run_risk(binding, options(20000, 11, Method::latin_hypercube, 2));
    EXPECT_NEAR(r.alternatives[0].npv.mean, kMeanKeep, kAnnuity * 1.0 + 1e-6);
    // The sd of an LHS sample of a linear function is within a fraction of a percent too.
    EXPECT_NEAR(r.alternatives[0].npv.sd, kAnnuity * 20000 / std::sqrt(12.0), 5.0);
}

// --- a degenerate input reproduces the deterministic run --------------------------------------

TEST_F(RiskRunTest, DegenerateInputReproducesTheDeterministicRunExactly) {
    // Example (a) with one input: buy_a's MTBF "discrete" with the single value 650 (the
    // study's own). Every trial is the deterministic run, bit for bit.
    Study study = cnc_risk();
    risk::UncertainInput in = study.uncertain.front();
    ASSERT_EQ(in.name, "mtbf_a");
    in.distribution = risk::Discrete({650}, {1});
    study.uncertain = {in};
    study.risk = {};
    const Engine engine(study, bundled());
    const InputBinding binding(engine);
    const StudyResult det = engine.run();

    RiskOptions o = options(12000, 3, Method::monte_carlo, 2);
    std::size_t trials_seen = 0;
    o.on_block = [&](const risk::RiskBlock& b) {
        for (std::size_t a = 0; a < b.results.size(); ++a)
            for (double npv : b.results[a].npv) ASSERT_EQ(npv, det.alternatives[a].measures.npv);
        trials_seen += b.range.count;
    };
    const RiskResult r = risk::run_risk(binding, o);
    EXPECT_EQ(trials_seen, 12000u);
    for (std::size_t a = 0; a < det.alternatives.size(); ++a) {
        const auto& x = r.alternatives[a];
        const auto& d = det.alternatives[a];
        SCOPED_TRACE(d.id);
        EXPECT_EQ(x.base_npv, d.measures.npv);
        // Percentiles are trial values: exact. The mean is a sum / n: to rounding.
        EXPECT_EQ(x.npv.p5, d.measures.npv);
        EXPECT_EQ(x.npv.p95, d.measures.npv);
        EXPECT_EQ(x.npv.min, d.measures.npv);
        EXPECT_NEAR(x.npv.mean, d.measures.npv, 1e-9 * std::abs(d.measures.npv));
        EXPECT_LE(x.npv.sd, 1e-9 * std::abs(d.measures.npv));
        // The batch's LCC (PV of benefits - NPV) against the run's (sum of the categories).
        EXPECT_NEAR(x.lcc.p50, d.measures.lcc, 1e-9 * d.measures.lcc);
        if (d.is_baseline) continue;
        // The purchase against the baseline, as the deterministic report's "vs baseline".
        EXPECT_EQ(x.incremental_npv.p50, d.vs_baseline.npv);
        ASSERT_TRUE(d.vs_baseline.irr);
        EXPECT_EQ(x.incremental_irr.p50, *d.vs_baseline.irr);
        if (d.vs_baseline.discounted_payback)
            EXPECT_EQ(x.incremental_discounted_payback.p50, *d.vs_baseline.discounted_payback);
        else
            EXPECT_EQ(x.share_incremental_payback_not_reached, 1.0);
    }
}

// --- streaming against direct computation -----------------------------------------------------

TEST_F(RiskRunTest, StreamedStatisticsMatchATwoPassComputationOverEveryTrial) {
    const Study study = cnc_risk();
    const Engine engine(study, bundled());
    const InputBinding binding(engine);
    const std::size_t alternatives = engine.alternatives().size();
    std::vector<std::vector<double>> npv(alternatives), lcc(alternatives);
    std::vector<double> best(alternatives, 0);
    std::vector<std::size_t> losses(alternatives, 0);
    RiskOptions o = risk::options_from(study.risk, binding.names());
    o.trials = 20000;
    o.threads = 2;
    o.on_block = [&](const risk::RiskBlock& b) {
        for (std::size_t a = 0; a < alternatives; ++a) {
            npv[a].insert(npv[a].end(), b.results[a].npv.begin(), b.results[a].npv.end());
            lcc[a].insert(lcc[a].end(), b.results[a].lcc.begin(), b.results[a].lcc.end());
        }
    };
    const RiskResult r = risk::run_risk(binding, o);
    ASSERT_EQ(r.trials_done, 20000u);
    ASSERT_EQ(r.sampling, Method::latin_hypercube);  // from the example's [risk]
    for (std::size_t t = 0; t < 20000; ++t) {
        double top = -1e300;
        for (std::size_t a = 0; a < alternatives; ++a) top = std::max(top, npv[a][t]);
        for (std::size_t a = 0; a < alternatives; ++a) {
            best[a] += npv[a][t] == top;  // no ties in this study's continuous NPVs
            losses[a] += npv[a][t] < 0;
        }
    }
    for (std::size_t a = 0; a < alternatives; ++a) {
        const auto& x = r.alternatives[a];
        SCOPED_TRACE(x.id);
        for (const auto& [what, stats, values] :
             {std::tuple{"npv", &x.npv, &npv[a]}, std::tuple{"lcc", &x.lcc, &lcc[a]}}) {
            const Direct d = direct(*values);
            EXPECT_NEAR(stats->mean, d.mean, 1e-9 * std::abs(d.mean)) << what;
            EXPECT_NEAR(stats->sd, d.sd, 1e-9 * d.sd) << what;
            EXPECT_EQ(stats->min, *std::min_element(values->begin(), values->end())) << what;
            EXPECT_EQ(stats->max, *std::max_element(values->begin(), values->end())) << what;
            // The documented bound for 2 blocks (levels 0..1): (1 + 1) / (2 x 4096) = 0.024 %.
            EXPECT_LE(stats->quantile_rank_error, 2.0 / (2 * 4096)) << what;
            for (auto [q, v] : {std::pair{0.05, stats->p5}, {0.10, stats->p10}, {0.50, stats->p50},
                                {0.90, stats->p90}, {0.95, stats->p95}})
                expect_quantile_within_bound(*values, q, v, stats->quantile_rank_error, what);
        }
        EXPECT_EQ(x.probability_best, best[a] / 20000);
        EXPECT_EQ(x.probability_loss, static_cast<double>(losses[a]) / 20000);
    }
}

// --- reproducible whatever the threads ----------------------------------------------------------

void expect_same(const OutputStatistics& a, const OutputStatistics& b, const std::string& what) {
    EXPECT_EQ(a.count, b.count) << what;
    for (auto f : {&OutputStatistics::mean, &OutputStatistics::sd, &OutputStatistics::standard_error,
                   &OutputStatistics::min, &OutputStatistics::max, &OutputStatistics::p5,
                   &OutputStatistics::p10, &OutputStatistics::p50, &OutputStatistics::p90,
                   &OutputStatistics::p95, &OutputStatistics::quantile_rank_error}) {
        const double x = a.*f, y = b.*f;
        EXPECT_TRUE(x == y || (std::isnan(x) && std::isnan(y))) << what << ": " << x << " vs " << y;
    }
}

void expect_same(const RiskResult& a, const RiskResult& b) {
    ASSERT_EQ(a.trials_done, b.trials_done);
    ASSERT_EQ(a.alternatives.size(), b.alternatives.size());
    for (std::size_t i = 0; i < a.alternatives.size(); ++i) {
        const auto& x = a.alternatives[i];
        const auto& y = b.alternatives[i];
        expect_same(x.npv, y.npv, x.id + " npv");
        expect_same(x.irr, y.irr, x.id + " irr");
        expect_same(x.discounted_payback, y.discounted_payback, x.id + " payback");
        expect_same(x.lcc, y.lcc, x.id + " lcc");
        expect_same(x.incremental_npv, y.incremental_npv, x.id + " incremental npv");
        expect_same(x.incremental_irr, y.incremental_irr, x.id + " incremental irr");
        expect_same(x.incremental_discounted_payback, y.incremental_discounted_payback,
                    x.id + " incremental payback");
        EXPECT_EQ(x.probability_best, y.probability_best);
        EXPECT_EQ(x.probability_loss, y.probability_loss);
        EXPECT_EQ(x.probability_beats_baseline, y.probability_beats_baseline);
    }
}

TEST_F(RiskRunTest, SameFiguresOnOneTwoAndThreeThreads) {
    // Example (a): Latin hypercube and a rank correlation, 34,000 trials in 3 blocks (the
    // last one 14,000: a remainder under half a block joins the block before it).
    const Study study = cnc_risk();
    const Engine engine(study, bundled());
    const InputBinding binding(engine);
    RiskOptions o = risk::options_from(study.risk, binding.names());
    o.trials = 34000;
    o.threads = 1;
    const RiskResult one = risk::run_risk(binding, o);
    o.threads = 2;
    const RiskResult two = risk::run_risk(binding, o);
    o.threads = 3;
    const RiskResult three = risk::run_risk(binding, o);
    EXPECT_EQ(one.threads, 1u);
    EXPECT_EQ(two.threads, 2u);
    EXPECT_EQ(one.blocks_done, 3u);
    expect_same(one, two);
    expect_same(one, three);
    const auto json = [&](const RiskResult& r) {
        return risk::render_risk(r, binding.inputs(), study.settings, ReportFormat::json);
    };
    EXPECT_EQ(json(one), json(two));
    EXPECT_EQ(json(one), json(three));
}

// --- the stop rule and cancellation -------------------------------------------------------------

TEST_F(RiskRunTest, StopsAtTheTargetStandardErrorAfterWholeBlocks) {
    // SE of the keep's mean NPV = 21,886 / sqrt(n) (closed form above): about 219 after one
    // block of 10,000 and 155 after two, so a target of 200 stops the run after two blocks.
    const Study study = parse(kPressUniform);
    const Engine engine(study, registry());
    const InputBinding binding(engine);
    RiskOptions o = options(100000, 5, Method::monte_carlo, 2);
    o.target_standard_error = 200;
    std::vector<double> se;
    o.progress = [&](const risk::RiskProgress& p) { se.push_back(p.standard_error); };
    const RiskResult stopped = risk::run_risk(binding, o);
    EXPECT_TRUE(stopped.stopped_at_target);
    EXPECT_FALSE(stopped.cancelled);
    EXPECT_EQ(stopped.trials_done, 20000u);
    ASSERT_EQ(se.size(), 2u);
    EXPECT_GT(se[0], 200);
    EXPECT_LE(se[1], 200);
    EXPECT_NEAR(se[1], kAnnuity * 20000 / std::sqrt(12.0) / std::sqrt(20000.0), 10);
    // The same blocks as a plain run of 20,000 trials: the same figures.
    const RiskResult plain = risk::run_risk(binding, options(20000, 5, Method::monte_carlo, 1));
    EXPECT_FALSE(plain.stopped_at_target);
    expect_same(stopped, plain);
}

TEST_F(RiskRunTest, CancelledRunReturnsTheBlocksDone) {
    const Study study = parse(kPressUniform);
    const Engine engine(study, registry());
    const InputBinding binding(engine);
    std::atomic<bool> cancel{false};
    RiskOptions o = options(1000000, 9, Method::monte_carlo, 1);
    o.cancel = &cancel;
    o.progress = [&](const risk::RiskProgress&) { cancel = true; };  // after the first block
    std::vector<double> npv;
    o.on_block = [&](const risk::RiskBlock& b) {
        npv.insert(npv.end(), b.results[0].npv.begin(), b.results[0].npv.end());
    };
    const RiskResult r = risk::run_risk(binding, o);
    EXPECT_TRUE(r.cancelled);
    // The first block, and those a worker had started (at most 2 x threads ahead of the merge).
    EXPECT_GE(r.trials_done, 10000u);
    EXPECT_LE(r.trials_done, 30000u);
    EXPECT_EQ(r.trials_done % 10000, 0u);
    EXPECT_EQ(r.trials_requested, 1000000u);
    EXPECT_EQ(r.alternatives[0].npv.count, r.trials_done);
    ASSERT_EQ(npv.size(), r.trials_done);
    const Direct d = direct(npv);
    EXPECT_NEAR(r.alternatives[0].npv.mean, d.mean, 1e-9 * std::abs(d.mean));
    // The statistics of those blocks are a run of that many trials.
    expect_same(r, risk::run_risk(binding, options(r.trials_done, 9, Method::monte_carlo, 2)));

    // Cancelled before it starts: nothing done, no figure.
    std::atomic<bool> at_once{true};
    RiskOptions none = options(50000, 9, Method::monte_carlo, 2);
    none.cancel = &at_once;
    const RiskResult empty = risk::run_risk(binding, none);
    EXPECT_TRUE(empty.cancelled);
    EXPECT_EQ(empty.trials_done, 0u);
    EXPECT_TRUE(std::isnan(empty.alternatives[0].npv.mean));
}

TEST_F(RiskRunTest, ModelFailureInATrialIsReported) {
    // probe fails when its `fail` flag is 1: a Bernoulli(1) on it fails the first block.
    const Study study = parse(kPress + "[alternative.models.probe]\n" +
                              "[[uncertain]]\nalternative = \"buy\"\nmodel = \"probe\"\n"
                              "parameter = \"fail\"\ndistribution = \"bernoulli\"\np = 1\n");
    const Engine engine(study, registry());
    const InputBinding binding(engine);
    EXPECT_THROW(risk::run_risk(binding, options(30000, 1, Method::monte_carlo, 2)),
                 EvaluationError);
}

}  // namespace
}  // namespace eqroi::test
