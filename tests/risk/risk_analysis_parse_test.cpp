// [[uncertain]] and [risk] in a study file: what the parser keeps, and each problem reported at
// file:line:col with the key it concerns (docs/study-format.md, "Risk analysis").
#include "risk_analysis_fixture.hpp"

#include <fstream>
#include <sstream>

namespace eqroi::test {
namespace {

using risk::Method;

/// kPress + one [[uncertain]] table made of `body` (starting at line 27).
std::string with_input(const std::string& body) { return kPress + "[[uncertain]]\n" + body; }

TEST_F(RiskRunTest, StudyWithoutRiskTablesHasNoInputs) {
    const Study s = parse(kPress);
    EXPECT_TRUE(s.uncertain.empty());
    EXPECT_EQ(s.risk.where.line, 0);
    EXPECT_FALSE(s.risk.trials);
    EXPECT_FALSE(s.risk.correlation);
}

TEST_F(RiskRunTest, ReadsInputsAndRiskSettings) {
    const Study s = parse(kPressUniform +
                          "[[uncertain]]\n"                      // 33
                          "name = \"hours\"\n"                   // 34
                          "parameter = \"operating_hours_per_year\"\n"  // 35
                          "distribution = \"triangular\"\n"     // 36
                          "min = 4000\n"                         // 37
                          "mode = 5000\n"                        // 38
                          "max = 5500\n"                         // 39
                          "[risk]\n"                             // 40
                          "trials = 50000\n"                     // 41
                          "seed = 42\n"                          // 42
                          "sampling = \"lhs\"\n"                 // 43
                          "target_standard_error = 250\n"        // 44
                          "correlation = { inputs = [\"hours\", \"keep.upkeep.yearly_cost\"], "
                          "matrix = [[1, -0.5], [-0.5, 1]] }\n");  // 45
    ASSERT_EQ(s.uncertain.size(), 2u);
    const risk::UncertainInput& a = s.uncertain[0];
    EXPECT_EQ(a.name, "keep.upkeep.yearly_cost");  // the default: alternative.model.parameter
    EXPECT_EQ(a.alternative, "keep");
    EXPECT_EQ(a.model, "upkeep");
    EXPECT_EQ(a.parameter, "yearly_cost");
    ASSERT_TRUE(std::holds_alternative<risk::Uniform>(a.distribution));
    EXPECT_EQ(std::get<risk::Uniform>(a.distribution).min, 20000);
    EXPECT_EQ(std::get<risk::Uniform>(a.distribution).max, 40000);
    EXPECT_EQ(a.where.line, 26);
    EXPECT_EQ(a.at("max").line, 32);
    EXPECT_EQ(a.at("max").column, 7);
    EXPECT_EQ(a.at("mode").line, 26);  // not written: the table's position

    const risk::UncertainInput& b = s.uncertain[1];
    EXPECT_EQ(b.name, "hours");
    EXPECT_EQ(b.alternative, "");
    EXPECT_EQ(b.model, "");  // an [equipment] key
    ASSERT_TRUE(std::holds_alternative<risk::Triangular>(b.distribution));
    EXPECT_EQ(std::get<risk::Triangular>(b.distribution).mode, 5000);

    EXPECT_EQ(s.risk.where.line, 40);
    EXPECT_EQ(s.risk.trials, 50000u);
    EXPECT_EQ(s.risk.seed, 42u);
    EXPECT_EQ(s.risk.sampling, Method::latin_hypercube);
    EXPECT_EQ(s.risk.target_standard_error, 250);
    ASSERT_TRUE(s.risk.correlation);
    EXPECT_EQ(s.risk.correlation->inputs,
              (std::vector<std::string>{"hours", "keep.upkeep.yearly_cost"}));
    // Expanded over the inputs in file order: row/column 0 is the upkeep, 1 the hours.
    const risk::CorrelationMatrix full = s.risk.correlation->expand({a.name, b.name});
    EXPECT_EQ(full, (risk::CorrelationMatrix{{1, -0.5}, {-0.5, 1}}));
}

TEST_F(RiskRunTest, DefaultNamesUseThePartsGiven) {
    const Study s = parse(kPress +
                          "[[uncertain]]\nmodel = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                          "distribution = \"uniform\"\nmin = 1\nmax = 2\n"
                          "[[uncertain]]\nparameter = \"operating_hours_per_year\"\n"
                          "distribution = \"uniform\"\nmin = 1\nmax = 2\n");
    ASSERT_EQ(s.uncertain.size(), 2u);
    EXPECT_EQ(s.uncertain[0].name, "upkeep.yearly_cost");
    EXPECT_EQ(s.uncertain[1].name, "operating_hours_per_year");
}

// --- the table's own keys -------------------------------------------------------------------

TEST_F(RiskRunTest, UnknownKeySuggestsTheDistributionsKey) {
    EXPECT_EQ(problem(with_input("model = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                                 "distribution = \"triangular\"\nmin = 1\nmdoe = 2\nmax = 3\n")),
              "risk.toml:31:1: unknown key 'mdoe' in [[uncertain]] (a triangular distribution); "
              "did you mean 'mode'?");
}

TEST_F(RiskRunTest, UnknownDistributionSuggestsTheNearest) {
    EXPECT_EQ(problem(with_input("model = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                                 "distribution = \"trianglar\"\nmin = 1\nmax = 3\n")),
              "risk.toml:29:16: unknown choice 'trianglar' for 'distribution'; did you mean "
              "'triangular'? choices: uniform, triangular, pert, normal, lognormal, beta, "
              "weibull, discrete, bernoulli, empirical");
}

TEST_F(RiskRunTest, MissingKeysAreNamed) {
    EXPECT_EQ(problem(with_input("model = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                                 "distribution = \"pert\"\nmin = 1\n")),
              "risk.toml:26:1: a pert distribution needs 'min', 'mode', 'max' (missing: 'mode', "
              "'max')");
    EXPECT_EQ(problem(with_input("model = \"upkeep\"\ndistribution = \"bernoulli\"\np = 0.5\n")),
              "risk.toml:26:1: missing required key 'parameter' in [[uncertain]] (the key of the "
              "model parameter or [equipment] value that is uncertain)");
}

TEST_F(RiskRunTest, DistributionProblemsPointAtTheKeyAtFault) {
    // The messages are the distributions' own problem() texts (risk/distributions.hpp).
    const auto mode = problems(with_input("model = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                                          "distribution = \"triangular\"\nmin = 5\nmode = 2\n"
                                          "max = 9\n"));
    ASSERT_EQ(mode.size(), 1u);
    EXPECT_EQ(mode[0].where.line, 31);  // mode = 2
    EXPECT_EQ(mode[0].where.column, 8);
    EXPECT_NE(mode[0].message.find("mode"), std::string::npos) << mode[0].message;

    const auto sd = problems(with_input("model = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                                        "distribution = \"normal\"\nmean = 5\nsd = -1\n"));
    ASSERT_EQ(sd.size(), 1u);
    EXPECT_EQ(sd[0].where.line, 31);
    EXPECT_EQ(sd[0].where.column, 6);
    EXPECT_NE(sd[0].message.find("sd"), std::string::npos) << sd[0].message;

    const auto p = problems(with_input("model = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                                       "distribution = \"discrete\"\nvalues = [1, 2]\n"
                                       "probabilities = [0.5, 0.6]\n"));
    ASSERT_EQ(p.size(), 1u);
    EXPECT_EQ(p[0].where.line, 31);
    EXPECT_EQ(p[0].where.column, 17);
    EXPECT_NE(p[0].message.find("probabilities"), std::string::npos) << p[0].message;
}

// --- what the input names -------------------------------------------------------------------

TEST_F(RiskRunTest, UnknownAlternativeModelAndParameterSuggestTheNearest) {
    EXPECT_EQ(problem(with_input("alternative = \"kep\"\nmodel = \"upkeep\"\n"
                                 "parameter = \"yearly_cost\"\ndistribution = \"uniform\"\n"
                                 "min = 1\nmax = 2\n")),
              "risk.toml:27:15: unknown alternative 'kep'; did you mean 'keep'? alternatives: "
              "keep, buy");
    EXPECT_EQ(problem(with_input("alternative = \"keep\"\nmodel = \"upkep\"\n"
                                 "parameter = \"yearly_cost\"\ndistribution = \"uniform\"\n"
                                 "min = 1\nmax = 2\n")),
              "risk.toml:28:9: alternative 'keep' uses no model 'upkep'; did you mean 'upkeep'? "
              "models used: upkeep");
    EXPECT_EQ(problem(with_input("model = \"upkeep\"\nparameter = \"yearly_cots\"\n"
                                 "distribution = \"uniform\"\nmin = 1\nmax = 2\n")),
              "risk.toml:28:13: model 'upkeep' has no parameter 'yearly_cots'; did you mean "
              "'yearly_cost'?");
    EXPECT_EQ(problem(with_input("parameter = \"operating_hour_per_year\"\n"
                                 "distribution = \"uniform\"\nmin = 1\nmax = 2\n")),
              "risk.toml:27:13: no model of the alternatives declares a parameter "
              "'operating_hour_per_year'; did you mean 'operating_hours_per_year'?");
}

TEST_F(RiskRunTest, EquipmentKeyThatEveryModelOverridesIsRefused) {
    // Without `model`, an [equipment] key: but both upkeep tables give their own yearly_cost,
    // and a model's own value wins over [equipment], so the input would reach nothing.
    EXPECT_EQ(problem(with_input("parameter = \"yearly_cost\"\ndistribution = \"uniform\"\n"
                                 "min = 1\nmax = 2\n")),
              "risk.toml:27:13: every model of the alternatives that declares 'yearly_cost' gives "
              "it in its own table (upkeep (keep), upkeep (buy)), which wins over [equipment]; "
              "name the model with model = \"...\"");
}

// --- parameters a distribution cannot set ---------------------------------------------------

/// An input on buy's study_test model (lines 27-29), then `rest` from line 30.
std::string on_study_test(const std::string& parameter, const std::string& rest) {
    return with_input("alternative = \"buy\"\nmodel = \"study_test\"\nparameter = \"" + parameter +
                      "\"\n" + rest);
}

TEST_F(RiskRunTest, SeriesAndChoiceParametersAreRefused) {
    EXPECT_EQ(problem(on_study_test("extra_costs", "distribution = \"uniform\"\nmin = 1\nmax = 2\n")),
              "risk.toml:29:13: 'extra_costs' of model 'study_test' is a series with one value "
              "per period; a distribution draws one number per trial, so it cannot vary a series "
              "(vary a scalar parameter instead)");
    EXPECT_EQ(problem(on_study_test("cost_basis", "distribution = \"discrete\"\nvalues = [0, 1]\n"
                                                  "probabilities = [0.5, 0.5]\n")),
              "risk.toml:29:13: 'cost_basis' of model 'study_test' is a choice "
              "(lost_output|overtime|subcontract); a distribution of numbers makes no sense for "
              "it");
}

TEST_F(RiskRunTest, BooleanTakesABernoulli) {
    EXPECT_EQ(problem(on_study_test("include_overhaul",
                                    "distribution = \"uniform\"\nmin = 0\nmax = 1\n")),
              "risk.toml:30:16: 'include_overhaul' of model 'study_test' is true/false: use "
              "distribution = \"bernoulli\" (p = the probability that it is true), or "
              "\"discrete\" with values 0 and 1");
    const Study s = parse(on_study_test("include_overhaul", "distribution = \"bernoulli\"\np = 0.3\n"));
    ASSERT_EQ(s.uncertain.size(), 1u);
    EXPECT_EQ(std::get<risk::Bernoulli>(s.uncertain[0].distribution).p, 0.3);
}

TEST_F(RiskRunTest, WholeNumberParameterTakesWholeValues) {
    EXPECT_EQ(problem(on_study_test("technicians", "distribution = \"uniform\"\nmin = 1\nmax = 3\n")),
              "risk.toml:30:16: 'technicians' of model 'study_test' takes whole numbers, and a "
              "uniform distribution draws fractions: use \"discrete\" (or \"empirical\") with "
              "whole values");
    EXPECT_EQ(problem(on_study_test("technicians", "distribution = \"empirical\"\n"
                                                   "values = [1, 2.5, 3]\n")),
              "risk.toml:31:10: 'technicians' of model 'study_test' takes whole numbers; list "
              "only whole values");
    EXPECT_NO_THROW(parse(on_study_test("technicians", "distribution = \"discrete\"\n"
                                                       "values = [1, 2, 3]\n"
                                                       "probabilities = [0.2, 0.5, 0.3]\n")));
}

// --- values outside the parameter's declared range ------------------------------------------

TEST_F(RiskRunTest, NormalBelowTheMinimumMustBeTruncated) {
    // upkeep's yearly_cost is declared 0 .. 1e9. A normal of mean 1,000 and sd 500 draws, in
    // the sampler's extreme lower uniform 2^-67, 1,000 - 9.2 x 500 < 0.
    const std::string msg = problem(with_input("model = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                                               "distribution = \"normal\"\nmean = 1000\n"
                                               "sd = 500\n"));
    EXPECT_EQ(msg.rfind("risk.toml:29:16: normal(mean 1000, sd 500) can draw values down to -3", 0), 0u)
        << msg;
    EXPECT_NE(msg.find(" (a chance below 1e-15), below the minimum 0 of 'yearly_cost' declared "
                       "by model 'upkeep'; truncate it with min = 0"),
              std::string::npos)
        << msg;
    EXPECT_NO_THROW(parse(with_input("model = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                                     "distribution = \"normal\"\nmean = 1000\nsd = 500\nmin = 0\n")));
}

TEST_F(RiskRunTest, BoundedDistributionAboveTheMaximumPointsAtMax) {
    EXPECT_EQ(problem(with_input("model = \"upkeep\"\nparameter = \"yearly_cost\"\n"
                                 "distribution = \"uniform\"\nmin = 1\nmax = 2000000000\n")),
              "risk.toml:31:7: uniform(min 1, max 2000000000) can draw 2000000000, above the "
              "maximum 1000000000 of 'yearly_cost' declared by model 'upkeep'");
}

TEST_F(RiskRunTest, PurchasePriceFollowingTheCapitalPriceIsRefused) {
    EXPECT_EQ(problem(on_study_test("purchase_price", "distribution = \"uniform\"\nmin = 1\nmax = 2\n")),
              "risk.toml:29:13: model 'study_test' of alternative 'buy' takes 'purchase_price' "
              "from [alternative.capital] price, which a risk run keeps fixed (the purchase, "
              "depreciation and salvage follow it): varying it would change what the model sees "
              "but not the purchase");
}

// --- inputs against each other --------------------------------------------------------------

TEST_F(RiskRunTest, DuplicateNamesAndParametersAreRefused) {
    const std::string twice = kPressUniform +
                              "[[uncertain]]\n"                 // 33
                              "alternative = \"keep\"\n"        // 34
                              "model = \"upkeep\"\n"            // 35
                              "parameter = \"yearly_cost\"\n"   // 36
                              "distribution = \"uniform\"\n"    // 37
                              "min = 1\nmax = 2\n";             // 38, 39
    EXPECT_EQ(problem(twice),
              "risk.toml:33:1: two uncertain inputs are named 'keep.upkeep.yearly_cost' (the "
              "first at line 26); give one a different 'name'");
    EXPECT_EQ(problem(kPressUniform +
                      "[[uncertain]]\nname = \"again\"\nmodel = \"upkeep\"\n"  // 33, 34, 35
                      "parameter = \"yearly_cost\"\ndistribution = \"uniform\"\nmin = 1\nmax = 2\n"),
              "risk.toml:36:13: 'yearly_cost' of model 'upkeep' in alternative 'keep' is already "
              "varied by input 'keep.upkeep.yearly_cost' (line 26)");
}

// --- [risk] -----------------------------------------------------------------------------------

TEST_F(RiskRunTest, RiskTableProblems) {
    const auto ds = problems(kPressUniform +
                             "[risk]\n"                        // 33
                             "trials = 0\n"                    // 34
                             "seed = -1\n"                     // 35
                             "sampling = \"latin\"\n"          // 36
                             "target_standard_error = 0\n"     // 37
                             "trails = 5\n");                  // 38
    ASSERT_EQ(ds.size(), 5u);
    EXPECT_EQ(ds[0].to_string(), "risk.toml:34:10: 'trials' expects the number of trials, a whole "
                                 "number 1 .. 10000000000, got 0");
    EXPECT_EQ(ds[1].to_string(), "risk.toml:35:8: 'seed' expects the random seed, a whole number "
                                 "0 .. 9223372036854775807, got -1");
    EXPECT_EQ(ds[2].to_string(), "risk.toml:36:12: unknown choice 'latin' for 'sampling'; choices: "
                                 "mc, lhs");
    EXPECT_EQ(ds[3].to_string(), "risk.toml:37:25: 'target_standard_error' = 0 can never be "
                                 "reached; give the standard error of the mean NPV to stop at, "
                                 "e.g. 1000");
    EXPECT_EQ(ds[4].to_string(), "risk.toml:38:1: unknown key 'trails' in [risk]; did you mean "
                                 "'trials'?");
}

/// kPressUniform + a second input "hours" (lines 33-38) + [risk] with `correlation` (line 40).
std::string with_correlation(const std::string& correlation) {
    return kPressUniform +
           "[[uncertain]]\nname = \"hours\"\nparameter = \"operating_hours_per_year\"\n"
           "distribution = \"uniform\"\nmin = 4000\nmax = 5000\n"
           "[risk]\ncorrelation = " + correlation + "\n";
}

TEST_F(RiskRunTest, CorrelationProblemsAtTheirPlace) {
    EXPECT_EQ(problem(with_correlation("{ inputs = [\"hour\", \"keep.upkeep.yearly_cost\"], "
                                       "matrix = [[1, 0.5], [0.5, 1]] }")),
              "risk.toml:40:27: 'hour' is not an uncertain input; did you mean 'hours'? inputs: "
              "keep.upkeep.yearly_cost, hours");
    // With two inputs any |r| < 1 is positive definite: check the symmetry and size messages
    // (correlation_problem's texts), reported at the matrix.
    const std::string asym = problem(with_correlation(
        "{ inputs = [\"hours\", \"keep.upkeep.yearly_cost\"], matrix = [[1, 0.5], [0.4, 1]] }"));
    EXPECT_EQ(asym, "risk.toml:40:73: rank correlation: the correlation matrix is not symmetric: "
                    "hours with keep.upkeep.yearly_cost is 0.5 but keep.upkeep.yearly_cost with "
                    "hours is 0.4");
    const std::string size = problem(with_correlation(
        "{ inputs = [\"hours\", \"keep.upkeep.yearly_cost\"], matrix = [[1, 0.5]] }"));
    EXPECT_EQ(size, "risk.toml:40:73: rank correlation: the correlation matrix has 1 rows for 2 "
                    "inputs: give one row per input");
}

TEST_F(RiskRunTest, CorrelationNamingABrokenInputIsNotASecondProblem) {
    // "hours" has max below min: that is the one problem, the correlation naming it is quiet.
    EXPECT_EQ(problem(kPressUniform +
                      "[[uncertain]]\nname = \"hours\"\nparameter = \"operating_hours_per_year\"\n"
                      "distribution = \"uniform\"\nmin = 5000\nmax = 4000\n"  // 36-38
                      "[risk]\ncorrelation = { inputs = [\"hours\", \"keep.upkeep.yearly_cost\"], "
                      "matrix = [[1, 0.5], [0.5, 1]] }\n"),
              "risk.toml:38:7: max (4000) must be greater than min (5000) in a uniform "
              "distribution");
}

TEST_F(RiskRunTest, CorrelationThatIsNotPositiveDefiniteIsRefused) {
    // a~b = 0.9, a~c = 0.9, b~c = -0.9 cannot all hold: the smallest eigenvalue is negative.
    const std::string text =
        kPress +
        "[[uncertain]]\nname = \"a\"\nalternative = \"keep\"\nmodel = \"upkeep\"\n"   // 26-29
        "parameter = \"yearly_cost\"\ndistribution = \"uniform\"\nmin = 1\nmax = 2\n"  // 30-33
        "[[uncertain]]\nname = \"b\"\nalternative = \"buy\"\nmodel = \"upkeep\"\n"     // 34-37
        "parameter = \"yearly_cost\"\ndistribution = \"uniform\"\nmin = 1\nmax = 2\n"  // 38-41
        "[[uncertain]]\nname = \"c\"\nparameter = \"operating_hours_per_year\"\n"       // 42-44
        "distribution = \"uniform\"\nmin = 1\nmax = 2\n"                                // 45-47
        "[risk.correlation]\n"                                                          // 48
        "inputs = [\"a\", \"b\", \"c\"]\n"                                              // 49
        "matrix = [[1, 0.9, 0.9], [0.9, 1, -0.9], [0.9, -0.9, 1]]\n";                  // 50
    const std::string msg = problem(text);
    EXPECT_EQ(msg.rfind("risk.toml:50:10: rank correlation: the correlation matrix is not positive "
                        "definite: a smallest eigenvalue of -0.8 ", 0), 0u) << msg;
}

// --- the documentation's example ---------------------------------------------------------------

/// The ```toml block after the `<!-- risk-example` marker in docs/study-format.md.
std::string doc_example() {
    std::ifstream in(STUDY_FORMAT_DOC);
    std::stringstream text;
    text << in.rdbuf();
    const std::string doc = text.str();
    const auto at = doc.find("<!-- risk-example");
    const auto open = doc.find("```toml\n", at);
    const auto close = doc.find("```", open + 8);
    if (at == std::string::npos || open == std::string::npos || close == std::string::npos) return "";
    return doc.substr(open + 8, close - open - 8);
}

TEST_F(RiskRunTest, DocumentationExampleIsValidAndRuns) {
    const std::string text = doc_example();
    ASSERT_FALSE(text.empty());
    const Study s = parse_study(text, "doc.toml", bundled());
    ASSERT_EQ(s.uncertain.size(), 4u);
    EXPECT_EQ(s.uncertain[2].name, "maintenance.repair_parts_cost");
    EXPECT_EQ(s.uncertain[3].name, "operating_hours_per_year");
    EXPECT_EQ(s.risk.trials, 100000u);
    EXPECT_EQ(s.risk.target_standard_error, 500);
    const Engine engine(s, bundled());
    const risk::InputBinding binding(engine);
    // The [equipment] hours reach maintenance in both alternatives (3,600 and 3,000 at base).
    EXPECT_TRUE(binding.reaches(3, 0));
    EXPECT_TRUE(binding.reaches(3, 1));
    EXPECT_EQ(binding.base_value(3, 0), 3600);
    EXPECT_EQ(binding.base_value(3, 1), 3000);
    EXPECT_FALSE(binding.base_value(3));
    risk::RiskOptions o = risk::options_from(s.risk, binding.names());
    o.trials = 5000;
    const risk::RiskResult r = risk::run_risk(binding, o);
    EXPECT_EQ(r.trials_done, 5000u);
    EXPECT_EQ(r.alternatives[1].npv.count, 5000u);
}

}  // namespace
}  // namespace eqroi::test
