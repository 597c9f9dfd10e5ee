// The risk analysis' tables of a study file: [[uncertain]] (a parameter and its distribution)
// and [risk] (trials, seed, sampling, stop rule, correlations). docs/study-format.md, "Risk
// analysis", documents the keys. Read after the alternatives, since inputs name their
// alternatives, models and parameters; the reaching rules and the checks against the
// parameters' declared ranges are shared with InputBinding (risk_inputs_detail.hpp).
#include "risk_inputs_detail.hpp"
#include "study_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>

namespace eqroi::study_detail {
namespace {

using namespace eqroi::risk;

/// The keys of each kind of distribution: required ones, then optional ones.
struct KindKeys {
    std::string kind;
    std::vector<std::string> required, optional;
};

const std::vector<KindKeys>& kinds() {
    static const std::vector<KindKeys> k = {
        {"uniform", {"min", "max"}, {}},
        {"triangular", {"min", "mode", "max"}, {}},
        {"pert", {"min", "mode", "max"}, {"lambda"}},
        {"normal", {"mean", "sd"}, {"min", "max"}},
        {"lognormal", {"mean", "sd"}, {}},
        {"beta", {"alpha", "beta"}, {"min", "max"}},
        {"weibull", {"shape", "scale"}, {}},
        {"discrete", {"values", "probabilities"}, {}},
        {"bernoulli", {"p"}, {}},
        {"empirical", {"values"}, {}},
    };
    return k;
}

const std::vector<std::string> kCommonKeys = {"name", "alternative", "model", "parameter",
                                              "distribution"};

std::vector<std::string> kind_names() {
    std::vector<std::string> n;
    for (const auto& k : kinds()) n.push_back(k.kind);
    return n;
}

/// Reads one number of a distribution (any finite value; the distribution's problem() judges).
std::optional<double> number(Context& ctx, const toml::node& v, const std::string& key) {
    if (auto i = v.as_integer()) return static_cast<double>(i->get());
    if (auto f = v.as_floating_point()) {
        if (!std::isfinite(f->get())) return std::nullopt;  // reported by report_non_finite
        return f->get();
    }
    ctx.error(v.source(), in_quotes(key) + " expects a number, got " + type_name(v));
    return std::nullopt;
}

/// Reads a non-empty array of numbers.
std::optional<std::vector<double>> numbers(Context& ctx, const toml::node& v, const std::string& key) {
    const toml::array* a = v.as_array();
    if (!a) {
        ctx.error(v.source(), in_quotes(key) + " expects an array of numbers such as [1, 2, 3], got " +
                                  type_name(v));
        return std::nullopt;
    }
    std::vector<double> out;
    bool ok = true;
    for (std::size_t i = 0; i < a->size(); ++i) {
        const toml::node& e = *a->get(i);
        if (auto x = e.as_integer()) {
            out.push_back(static_cast<double>(x->get()));
        } else if (auto f = e.as_floating_point()) {
            ok = ok && std::isfinite(f->get());
            out.push_back(f->get());
        } else {
            ctx.error(e.source(), fmt::format("{}[{}] expects a number, got {}", in_quotes(key), i,
                                              type_name(e)));
            ok = false;
        }
    }
    if (ok && out.empty()) {
        ctx.error(v.source(), in_quotes(key) + " is empty; list at least one value");
        ok = false;
    }
    return ok ? std::optional(std::move(out)) : std::nullopt;
}

/// The distribution from the numbers read, or nullopt when a required key is missing
/// (reported at the table).
std::optional<Distribution> build(Context& ctx, const toml::table& t, const KindKeys& kind,
                                  const std::map<std::string, double>& x,
                                  const std::map<std::string, std::vector<double>>& lists,
                                  bool read_failed, const std::vector<std::string>& suggested) {
    std::vector<std::string> missing;
    for (const auto& k : kind.required)
        if (!x.count(k) && !lists.count(k)) missing.push_back(in_quotes(k));
    if (!missing.empty()) {
        // A key that was written but unreadable is reported where it is; only the absent ones here.
        std::vector<std::string> absent;
        // A key the unknown-key message already suggested ("did you mean 'mode'?") is a typo,
        // not a second problem.
        for (const auto& m : missing) {
            const std::string key = m.substr(1, m.size() - 2);
            if (!t.contains(key) &&
                std::find(suggested.begin(), suggested.end(), key) == suggested.end())
                absent.push_back(m);
        }
        if (!absent.empty())
            ctx.error(t.source(), fmt::format("a {} distribution needs {} (missing: {})", kind.kind,
                                              join([&] {
                                                  std::vector<std::string> all;
                                                  for (const auto& k : kind.required)
                                                      all.push_back(in_quotes(k));
                                                  return all;
                                              }()),
                                              join(absent)));
        return std::nullopt;
    }
    if (read_failed) return std::nullopt;
    auto opt = [&](const char* k) -> std::optional<double> {
        auto it = x.find(k);
        return it == x.end() ? std::nullopt : std::optional(it->second);
    };
    const std::string& k = kind.kind;
    if (k == "uniform") return Uniform{x.at("min"), x.at("max")};
    if (k == "triangular") return Triangular{x.at("min"), x.at("mode"), x.at("max")};
    if (k == "pert") return Pert{x.at("min"), x.at("mode"), x.at("max"), opt("lambda").value_or(4)};
    if (k == "normal") return Normal{x.at("mean"), x.at("sd"), opt("min"), opt("max")};
    if (k == "lognormal") return Lognormal{x.at("mean"), x.at("sd")};
    if (k == "beta")
        return Beta{x.at("alpha"), x.at("beta"), opt("min").value_or(0), opt("max").value_or(1)};
    if (k == "weibull") return Weibull{x.at("shape"), x.at("scale")};
    if (k == "discrete") return Discrete(lists.at("values"), lists.at("probabilities"));
    if (k == "bernoulli") return Bernoulli{x.at("p")};
    return Empirical(lists.at("values"));
}

/// One [[uncertain]] table; nullopt after reporting when it cannot be used.
/// `name` gets the input's name even when the table has problems (a correlation naming it
/// is then not a second problem).
std::optional<UncertainInput> parse_input(Context& ctx, const toml::table& t, std::string& name) {
    UncertainInput in;
    in.where = ctx.at(t.source());
    bool ok = true;
    const KindKeys* kind = nullptr;
    // The kind first: the other keys are checked against it.
    if (const toml::node* d = t.get("distribution")) {
        in.keys["distribution"] = ctx.at(d->source());
        if (auto i = read_choice(ctx, *d, "distribution", kind_names()))
            kind = &kinds()[*i];
        else
            ok = false;
    } else {
        ctx.error(t.source(), "missing required key 'distribution' in [[uncertain]] (one of: " +
                                  join(kind_names()) + ")");
        ok = false;
    }
    std::vector<std::string> valid = kCommonKeys;
    if (kind) {
        valid.insert(valid.end(), kind->required.begin(), kind->required.end());
        valid.insert(valid.end(), kind->optional.begin(), kind->optional.end());
    } else {
        for (const auto& k : kinds()) {
            valid.insert(valid.end(), k.required.begin(), k.required.end());
            valid.insert(valid.end(), k.optional.begin(), k.optional.end());
        }
    }

    std::map<std::string, double> x;
    std::map<std::string, std::vector<double>> lists;
    bool read_failed = false;
    std::vector<std::string> suggested;  // the nearest valid key of each unknown key
    for (auto&& [k, v] : t) {
        const std::string key(k.str());
        if (std::find(valid.begin(), valid.end(), key) == valid.end()) {
            std::string where = "[[uncertain]]";
            if (kind) where += " (a " + kind->kind + " distribution)";
            unknown_key(ctx, k, where, valid);
            suggested.push_back(nearest(key, valid));
            ok = false;
            continue;
        }
        in.keys[key] = ctx.at(v.source());
        if (key == "distribution") continue;
        if (key == "name" || key == "alternative" || key == "model" || key == "parameter") {
            auto s = read_string(ctx, v, key);
            if (!s || s->empty()) {
                if (s) ctx.error(v.source(), in_quotes(key) + " is empty");
                ok = false;
                continue;
            }
            if (key == "name") in.name = *s;
            if (key == "alternative") in.alternative = *s;
            if (key == "model") in.model = *s;
            if (key == "parameter") in.parameter = *s;
            continue;
        }
        if (key == "values" || key == "probabilities") {
            if (auto list = numbers(ctx, v, key))
                lists[key] = std::move(*list);
            else
                read_failed = true;
        } else if (auto n = number(ctx, v, key)) {
            x[key] = *n;
        } else {
            read_failed = true;
        }
    }
    if (!in.keys.count("parameter")) {
        ctx.error(t.source(), "missing required key 'parameter' in [[uncertain]] (the key of the "
                              "model parameter or [equipment] value that is uncertain)");
        ok = false;
    }
    if (in.name.empty()) {
        for (const std::string* part : {&in.alternative, &in.model, &in.parameter})
            if (!part->empty()) in.name += (in.name.empty() ? "" : ".") + *part;
    }
    name = in.name;
    if (!kind) return std::nullopt;
    std::optional<Distribution> d = build(ctx, t, *kind, x, lists, read_failed || !ok, suggested);
    if (!d) return std::nullopt;
    if (auto p = problem(*d)) {
        ctx.error(in.at(p->parameter), p->message);
        return std::nullopt;
    }
    in.distribution = std::move(*d);
    if (!ok) return std::nullopt;
    return in;
}

/// A whole number of a TOML integer within [min, max].
std::optional<std::uint64_t> whole_number(Context& ctx, const toml::node& v, std::string_view key,
                                          std::int64_t min, std::int64_t max, std::string_view what) {
    auto i = v.as_integer();
    if (!i || i->get() < min || i->get() > max) {
        std::string got = i ? std::to_string(i->get()) : type_name(v);
        if (auto f = v.as_floating_point(); f && std::isfinite(f->get())) got += " (" + number_text(f->get()) + ")";
        if (auto f = v.as_floating_point(); f && !std::isfinite(f->get())) return std::nullopt;
        ctx.error(v.source(), fmt::format("{} expects {}, a whole number {} .. {}, got {}",
                                          in_quotes(key), what, min, max, got));
        return std::nullopt;
    }
    return static_cast<std::uint64_t>(i->get());
}

void parse_correlation(Context& ctx, const toml::node& node, Study& study,
                       const std::vector<std::string>& declared) {
    const toml::table* t = node.as_table();
    if (!t) {
        ctx.error(node.source(), "'correlation' expects a table such as { inputs = [\"a\", \"b\"], "
                                 "matrix = [[1, 0.8], [0.8, 1]] }, got " + type_name(node));
        return;
    }
    RankCorrelationSpec spec;
    spec.where = ctx.at(t->source());
    std::vector<std::string> names;  // the usable inputs
    for (const auto& in : study.uncertain) names.push_back(in.name);
    bool ok = true, has_inputs = false, has_matrix = false;
    bool unusable = false;  // names an input whose own table has a problem (reported there)
    for (auto&& [k, v] : *t) {
        const std::string key(k.str());
        if (key == "inputs") {
            has_inputs = true;
            const toml::array* a = v.as_array();
            if (!a) {
                ctx.error(v.source(), "'inputs' expects an array of input names, got " + type_name(v));
                ok = false;
                continue;
            }
            for (std::size_t i = 0; i < a->size(); ++i) {
                const toml::node& e = *a->get(i);
                auto s = e.as_string();
                if (!s) {
                    ctx.error(e.source(), fmt::format("'inputs'[{}] expects an input name, got {}", i,
                                                      type_name(e)));
                    ok = false;
                    continue;
                }
                const std::string& name = s->get();
                const bool usable = std::find(names.begin(), names.end(), name) != names.end();
                if (!usable && std::find(declared.begin(), declared.end(), name) != declared.end()) {
                    unusable = true;
                } else if (!usable) {
                    std::string msg = "'" + name + "' is not an uncertain input";
                    const std::string near = nearest(name, names);
                    msg += near.empty() ? "; " : "; did you mean '" + near + "'? ";
                    ctx.error(e.source(), msg + "inputs: " + (names.empty() ? "none" : join(names)));
                    ok = false;
                } else if (std::find(spec.inputs.begin(), spec.inputs.end(), name) != spec.inputs.end()) {
                    ctx.error(e.source(), "'" + name + "' is listed twice in 'inputs'");
                    ok = false;
                }
                spec.inputs.push_back(name);
            }
        } else if (key == "matrix") {
            has_matrix = true;
            spec.matrix_where = ctx.at(v.source());
            const toml::array* rows = v.as_array();
            if (!rows) {
                ctx.error(v.source(), "'matrix' expects an array of rows such as [[1, 0.8], [0.8, 1]], got " +
                                          type_name(v));
                ok = false;
                continue;
            }
            for (std::size_t r = 0; r < rows->size(); ++r) {
                auto row = numbers(ctx, *rows->get(r), fmt::format("matrix[{}]", r));
                if (!row) {
                    ok = false;
                    continue;
                }
                spec.matrix.push_back(std::move(*row));
            }
        } else {
            unknown_key(ctx, k, "[risk.correlation]", {"inputs", "matrix"});
            ok = false;
        }
    }
    if (!has_inputs || !has_matrix) {
        ctx.error(t->source(), std::string("the correlation needs ") +
                                   (has_inputs ? "'matrix'" : has_matrix ? "'inputs'" : "'inputs' and 'matrix'") +
                                   ", e.g. { inputs = [\"a\", \"b\"], matrix = [[1, 0.8], [0.8, 1]] }");
        return;
    }
    if (!ok || unusable) return;
    if (auto p = correlation_problem(spec.matrix, spec.inputs.size(), spec.inputs)) {
        ctx.error(spec.matrix_where, "rank correlation: " + *p);
        return;
    }
    study.risk.correlation = std::move(spec);
}

}  // namespace

void parse_uncertain(Context& ctx, const toml::node& node, Study& study,
                     const PluginRegistry& registry, std::vector<std::string>& declared) {
    const toml::array* array = node.as_array();
    if (!array) {
        ctx.error(node.source(), node.is_table()
                                     ? "'uncertain' must be an array of tables: write "
                                       "[[uncertain]], not [uncertain]"
                                     : "'uncertain' expects [[uncertain]] tables, got " + type_name(node));
        return;
    }
    std::vector<UncertainInput> inputs;
    for (std::size_t i = 0; i < array->size(); ++i) {
        const toml::node& item = *array->get(i);
        const toml::table* t = item.as_table();
        if (!t) {
            ctx.error(item.source(), "'uncertain' expects [[uncertain]] tables, got " + type_name(item));
            continue;
        }
        std::string name;
        if (auto in = parse_input(ctx, *t, name)) inputs.push_back(std::move(*in));
        declared.push_back(std::move(name));
    }
    const std::size_t before = ctx.diagnostics.size();
    const auto targets = risk::detail::bind_inputs(
        study, inputs,
        [&](std::size_t a, std::size_t u) -> const Model* {
            return registry.find(study.alternatives[a].models[u].model);
        },
        ctx.diagnostics);
    // Only the inputs that reach their parameters are usable (a correlation naming another is
    // not reported twice: its name is in `declared`).
    if (ctx.diagnostics.size() != before)
        for (std::size_t i = inputs.size(); i-- > 0;)
            if (targets[i].empty()) inputs.erase(inputs.begin() + static_cast<std::ptrdiff_t>(i));
    study.uncertain = std::move(inputs);
}

void parse_risk(Context& ctx, const toml::node& node, Study& study,
                const std::vector<std::string>& declared) {
    const toml::table* t = node.as_table();
    if (!t) {
        ctx.error(node.source(), "'risk' expects a table ([risk]), got " + type_name(node));
        return;
    }
    RiskSettings& r = study.risk;
    r.where = ctx.at(t->source());
    for (auto&& [k, v] : *t) {
        const std::string key(k.str());
        if (key == "trials") {
            r.trials = whole_number(ctx, v, key, 1, 10'000'000'000LL, "the number of trials");
        } else if (key == "seed") {
            r.seed = whole_number(ctx, v, key, 0, INT64_MAX, "the random seed");
        } else if (key == "sampling") {
            if (auto i = read_choice(ctx, v, key, {"mc", "lhs"}))
                r.sampling = *i == 0 ? Method::monte_carlo : Method::latin_hypercube;
        } else if (key == "target_standard_error") {
            if (auto x = read_number(ctx, v, key, 0, kNoMax, study.settings.currency)) {
                if (*x > 0)
                    r.target_standard_error = *x;
                else
                    ctx.error(v.source(), "'target_standard_error' = 0 can never be reached; give "
                                          "the standard error of the mean NPV to stop at, e.g. 1000");
            }
        } else if (key == "correlation") {
            parse_correlation(ctx, v, study, declared);
        } else {
            unknown_key(ctx, k, "[risk]",
                        {"trials", "seed", "sampling", "target_standard_error", "correlation"});
        }
    }
}

}  // namespace eqroi::study_detail
