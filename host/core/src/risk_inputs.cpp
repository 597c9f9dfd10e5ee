// Uncertain inputs -> the parameters they set (eqroi/core/risk/inputs.hpp), and the checks that
// the study parser reports at file:line:col (risk_inputs_detail.hpp).
#include "risk_inputs_detail.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <set>
#include <stdexcept>
#include <tuple>

namespace eqroi::risk {
namespace detail {
namespace {

std::string quoted_list(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : ", ") + i;
    return s.empty() ? "none" : s;
}

/// "; did you mean 'x'?" or "".
std::string did_you_mean(const std::string& word, const std::vector<std::string>& candidates) {
    const std::string near = nearest(word, candidates);
    return near.empty() ? "" : fmt::format("; did you mean '{}'?", near);
}

/// "; did you mean 'x'? <label>: a, b" or "; <label>: a, b", as the study parser words it.
std::string suggest(const std::string& word, const std::vector<std::string>& candidates,
                    std::string_view label) {
    const std::string near = nearest(word, candidates);
    return (near.empty() ? std::string("; ") : fmt::format("; did you mean '{}'? ", near)) +
           fmt::format("{}: {}", label, quoted_list(candidates));
}

bool whole(double v) { return std::floor(v) == v; }

/// The values a Discrete or Empirical input can draw; empty for the continuous kinds.
const std::vector<double>* listed_values(const Distribution& d) {
    if (auto x = std::get_if<Discrete>(&d)) return &x->values();
    if (auto x = std::get_if<Empirical>(&d)) return &x->values();
    return nullptr;
}

/// Why `d` cannot set a parameter with these flags (per-period, choice, boolean, whole
/// number), or "" when it can.
std::string kind_problem(const Distribution& d, const eqroi_param_desc& p, const std::string& model,
                         std::string* key) {
    *key = listed_values(d) ? "values" : "distribution";
    const std::string what = fmt::format("'{}' of model '{}'", p.key, model);
    if (p.flags & (EQROI_PARAM_PER_PERIOD | EQROI_PARAM_CHOICE)) *key = "parameter";
    if (p.flags & EQROI_PARAM_PER_PERIOD)
        return what + " is a series with one value per period; a distribution draws one number "
                      "per trial, so it cannot vary a series (vary a scalar parameter instead)";
    if (p.flags & EQROI_PARAM_CHOICE)
        return fmt::format("{} is a choice ({}); a distribution of numbers makes no sense for "
                           "it", what, p.choices ? p.choices : "");
    const bool bernoulli = std::holds_alternative<Bernoulli>(d);
    const std::vector<double>* values = listed_values(d);
    if (p.flags & EQROI_PARAM_BOOLEAN) {
        if (bernoulli) return "";
        if (values && std::all_of(values->begin(), values->end(),
                                  [](double v) { return v == 0 || v == 1; }))
            return "";
        return what + " is true/false: use distribution = \"bernoulli\" (p = the probability "
                      "that it is true), or \"discrete\" with values 0 and 1";
    }
    if (p.flags & EQROI_PARAM_INTEGER) {
        if (bernoulli) return "";
        if (values && std::all_of(values->begin(), values->end(), whole)) return "";
        if (values) return what + " takes whole numbers; list only whole values";
        return fmt::format("{} takes whole numbers, and a {} distribution draws fractions: use "
                           "\"discrete\" (or \"empirical\") with whole values",
                           what, kind_name(d));
    }
    return "";
}

/// The key that sets the lower (or upper) end of what `d` draws, for pointing at it.
std::string bound_key(const UncertainInput& in, bool lower) {
    const Distribution& d = in.distribution;
    const char* side = lower ? "min" : "max";
    if (std::holds_alternative<Uniform>(d) || std::holds_alternative<Triangular>(d) ||
        std::holds_alternative<Pert>(d))
        return side;
    if (std::holds_alternative<Beta>(d) || std::holds_alternative<Normal>(d))
        return in.keys.count(side) ? side : "distribution";
    if (listed_values(d)) return "values";
    return "distribution";
}

/// "" when every value `in` can draw lies in the parameter's declared range.
std::string range_problem(const UncertainInput& in, const eqroi_param_desc& p,
                          const std::string& model, std::string* key) {
    const Distribution& d = in.distribution;
    const Support r = drawable_range(d);
    const bool low = r.min < p.min_value;
    if (!low && r.max <= p.max_value) return "";
    *key = bound_key(in, low);
    const double bound = low ? p.min_value : p.max_value;
    const double drawn = low ? r.min : r.max;
    const Support s = support(d);
    const bool tail = low ? !std::isfinite(s.min) : !std::isfinite(s.max);
    std::string msg;
    if (tail)
        msg = fmt::format("{} can draw values {} {:.6g} (a chance below 1e-15), {} the {} {} of "
                          "'{}' declared by model '{}'",
                          describe(d), low ? "down to" : "up to", drawn, low ? "below" : "above",
                          low ? "minimum" : "maximum", bound, p.key, model);
    else
        msg = fmt::format("{} can draw {}, {} the {} {} of '{}' declared by model '{}'",
                          describe(d), drawn, low ? "below" : "above",
                          low ? "minimum" : "maximum", bound, p.key, model);
    if (tail && std::holds_alternative<Normal>(d))
        msg += fmt::format("; truncate it with {} = {}", low ? "min" : "max", bound);
    else if (tail)
        msg += fmt::format("; a {} distribution cannot be truncated: use \"normal\" with min and "
                           "max, \"triangular\" or \"pert\"", kind_name(d));
    return msg;
}

using TargetKey = std::tuple<std::size_t, std::size_t, std::size_t>;

}  // namespace

Support drawable_range(const Distribution& d) {
    Support s = support(d);
    // The sampler's uniforms lie in [2^-53 / m, 1 - 2^-53] with m < 2^14 trials per Latin
    // hypercube block (sampling.hpp), so 2^-67 is below any of them.
    if (!std::isfinite(s.min)) s.min = quantile(d, 0x1p-67);
    if (!std::isfinite(s.max)) s.max = quantile(d, 1 - 0x1p-53);
    return s;
}

std::vector<std::vector<InputTarget>> bind_inputs(const Study& study,
                                                  const std::vector<UncertainInput>& inputs,
                                                  const ModelLookup& model_of,
                                                  std::vector<Diagnostic>& problems) {
    std::vector<std::vector<InputTarget>> result(inputs.size());
    std::map<TargetKey, std::size_t> taken;  // parameter -> the input that set it first
    std::map<std::string, std::size_t> names;
    std::vector<std::string> alternative_ids;
    for (const Alternative& a : study.alternatives) alternative_ids.push_back(a.id);

    for (std::size_t i = 0; i < inputs.size(); ++i) {
        const UncertainInput& in = inputs[i];
        auto fail = [&](std::string_view key, std::string message) {
            problems.push_back({in.at(key), std::move(message)});
        };
        if (auto [it, fresh] = names.emplace(in.name, i); !fresh) {
            fail("name", fmt::format("two uncertain inputs are named '{}' (the first at line "
                                     "{}); give one a different 'name'",
                                     in.name, inputs[it->second].where.line));
            continue;
        }
        if (problem(in.distribution)) continue;  // reported by the parser at its key

        // The alternatives the input is about.
        std::vector<std::size_t> alternatives;
        for (std::size_t a = 0; a < study.alternatives.size(); ++a)
            if (in.alternative.empty() || study.alternatives[a].id == in.alternative)
                alternatives.push_back(a);
        if (alternatives.empty()) {
            fail("alternative", fmt::format("unknown alternative '{}'{}", in.alternative,
                                            suggest(in.alternative, alternative_ids,
                                                    "alternatives")));
            continue;
        }
        const std::string where_text =
            in.alternative.empty() ? "the alternatives" : "alternative '" + in.alternative + "'";

        // Models used there, and the parameters they declare (for "did you mean").
        std::vector<std::string> models_used, params_declared;
        bool model_used = false;
        for (std::size_t a : alternatives)
            for (std::size_t u = 0; u < study.alternatives[a].models.size(); ++u) {
                const Model* m = model_of(a, u);
                if (!m) continue;
                if (std::find(models_used.begin(), models_used.end(), m->id()) == models_used.end())
                    models_used.push_back(m->id());
                if (!in.model.empty() && m->id() != in.model) continue;
                model_used = model_used || !in.model.empty();
                for (uint32_t p = 0; p < m->descriptor().param_count; ++p)
                    params_declared.emplace_back(m->param(p).key);
            }
        std::sort(params_declared.begin(), params_declared.end());
        params_declared.erase(std::unique(params_declared.begin(), params_declared.end()),
                              params_declared.end());
        if (!in.model.empty() && !model_used) {
            fail("model", fmt::format("{} uses no model '{}'{}",
                                      in.alternative.empty() ? "no alternative"
                                                             : "alternative '" + in.alternative + "'",
                                      in.model, suggest(in.model, models_used, "models used")));
            continue;
        }
        if (!std::binary_search(params_declared.begin(), params_declared.end(), in.parameter)) {
            fail("parameter",
                 in.model.empty()
                     ? fmt::format("no model of {} declares a parameter '{}'{}", where_text,
                                   in.parameter, did_you_mean(in.parameter, params_declared))
                     : fmt::format("model '{}' has no parameter '{}'{}", in.model, in.parameter,
                                   did_you_mean(in.parameter, params_declared)));
            continue;
        }

        // Every parameter it sets, checked against the distribution.
        std::vector<InputTarget> targets;
        std::vector<std::string> own_table;  // models that keep their own value (equipment key)
        std::optional<Diagnostic> problem_found;
        for (std::size_t a : alternatives) {
            const Alternative& alt = study.alternatives[a];
            for (std::size_t u = 0; u < alt.models.size() && !problem_found; ++u) {
                const Model* m = model_of(a, u);
                if (!m || (!in.model.empty() && m->id() != in.model)) continue;
                const int p = m->param_index(in.parameter);
                if (p < 0) continue;
                if (in.model.empty() && alt.models[u].params.count(in.parameter)) {
                    own_table.push_back(fmt::format("{} ({})", m->id(), alt.id));
                    continue;
                }
                const eqroi_param_desc& desc = m->param(static_cast<std::size_t>(p));
                std::string kind_key;
                if (std::string k = kind_problem(in.distribution, desc, m->id(), &kind_key); !k.empty()) {
                    problem_found = Diagnostic{in.at(kind_key), k};
                    break;
                }
                const std::optional<ResolvedValue> value = resolve_param(study, alt, alt.models[u], desc);
                if (!value) continue;  // a required value nobody gave: reported by the parser
                if (in.parameter == "purchase_price" && value->source == ValueSource::study) {
                    problem_found = Diagnostic{
                        in.at("parameter"),
                        fmt::format("model '{}' of alternative '{}' takes 'purchase_price' from "
                                    "[alternative.capital] price, which a risk run keeps fixed "
                                    "(the purchase, depreciation and salvage follow it): varying "
                                    "it would change what the model sees but not the purchase",
                                    m->id(), alt.id)};
                    break;
                }
                std::string key;
                if (std::string r = range_problem(in, desc, m->id(), &key); !r.empty()) {
                    problem_found = Diagnostic{in.at(key), r};
                    break;
                }
                targets.push_back({a, u, static_cast<std::size_t>(p), value->values.front(),
                                   desc.min_value, desc.max_value});
            }
            if (problem_found) break;
        }
        if (problem_found) {
            problems.push_back(std::move(*problem_found));
            continue;
        }
        if (targets.empty()) {
            fail("parameter",
                 fmt::format("every model of {} that declares '{}' gives it in its own table ({}), "
                             "which wins over [equipment]; name the model with model = \"...\"",
                             where_text, in.parameter, quoted_list(own_table)));
            continue;
        }
        bool clash = false;
        for (const InputTarget& t : targets) {
            auto [it, fresh] = taken.emplace(TargetKey{t.alternative, t.model, t.param}, i);
            if (fresh) continue;
            const UncertainInput& first = inputs[it->second];
            fail("parameter", fmt::format("'{}' of model '{}' in alternative '{}' is already "
                                          "varied by input '{}' (line {})",
                                          in.parameter, model_of(t.alternative, t.model)->id(),
                                          study.alternatives[t.alternative].id, first.name,
                                          first.where.line));
            clash = true;
            break;
        }
        if (!clash) result[i] = std::move(targets);
    }
    return result;
}

}  // namespace detail

CorrelationMatrix RankCorrelationSpec::expand(const std::vector<std::string>& all) const {
    CorrelationMatrix full(all.size(), std::vector<double>(all.size(), 0.0));
    for (std::size_t i = 0; i < all.size(); ++i) full[i][i] = 1;
    std::vector<std::size_t> index(inputs.size());
    for (std::size_t k = 0; k < inputs.size(); ++k)
        index[k] = static_cast<std::size_t>(
            std::find(all.begin(), all.end(), inputs[k]) - all.begin());
    for (std::size_t r = 0; r < inputs.size() && r < matrix.size(); ++r)
        for (std::size_t c = 0; c < inputs.size() && c < matrix[r].size(); ++c)
            if (index[r] < all.size() && index[c] < all.size()) full[index[r]][index[c]] = matrix[r][c];
    return full;
}

InputBinding::InputBinding(const Engine& engine) : InputBinding(engine, engine.study().uncertain) {}

InputBinding::InputBinding(const Engine& engine, std::vector<UncertainInput> inputs)
    : engine_(&engine), inputs_(std::move(inputs)) {
    std::vector<Diagnostic> problems;
    for (const UncertainInput& in : inputs_)
        if (auto p = problem(in.distribution))
            problems.push_back({in.at(p->parameter), p->message});
    const auto& resolved = engine.alternatives();
    targets_ = detail::bind_inputs(
        engine.study(), inputs_,
        [&](std::size_t a, std::size_t u) -> const Model* {
            return a < resolved.size() && u < resolved[a].models.size() ? &resolved[a].models[u].model
                                                                        : nullptr;
        },
        problems);
    if (!problems.empty()) throw InputError(std::move(problems));
}

std::vector<std::string> InputBinding::names() const {
    std::vector<std::string> n;
    for (const auto& in : inputs_) n.push_back(in.name);
    return n;
}

std::span<const InputTarget> InputBinding::targets(std::size_t i) const { return targets_.at(i); }

bool InputBinding::reaches(std::size_t i, std::size_t alternative) const {
    for (const InputTarget& t : targets_.at(i))
        if (t.alternative == alternative) return true;
    return false;
}

std::optional<double> InputBinding::base_value(std::size_t i, std::size_t alternative) const {
    for (const InputTarget& t : targets_.at(i))
        if (t.alternative == alternative) return t.base;
    return std::nullopt;
}

std::optional<double> InputBinding::base_value(std::size_t i) const {
    const auto& targets = targets_.at(i);
    for (const InputTarget& t : targets)
        if (t.base != targets.front().base) return std::nullopt;
    return targets.front().base;
}

std::vector<ParamOverride> InputBinding::overrides(std::size_t alternative, Columns columns,
                                                   uint32_t trials) const {
    if (columns.size() != inputs_.size())
        throw std::invalid_argument(fmt::format("{} columns for {} uncertain inputs",
                                                columns.size(), inputs_.size()));
    std::vector<ParamOverride> result;
    for (std::size_t i = 0; i < inputs_.size(); ++i) {
        const std::span<const double> column = columns[i];
        if (column.empty()) continue;
        if (column.size() < trials)
            throw std::invalid_argument(fmt::format("input '{}': {} values for {} trials",
                                                    inputs_[i].name, column.size(), trials));
        for (const InputTarget& t : targets_[i])
            if (t.alternative == alternative)
                result.push_back({t.model, t.param,
                                  std::vector<double>(column.begin(), column.begin() + trials)});
    }
    return result;
}

BatchResult InputBinding::evaluate(std::size_t alternative, Columns columns, uint32_t trials) const {
    return engine_->run_batch(alternative, trials, overrides(alternative, columns, trials));
}

std::vector<BatchResult> InputBinding::evaluate(Columns columns, uint32_t trials) const {
    std::vector<BatchResult> results;
    results.reserve(engine_->alternatives().size());
    for (std::size_t a = 0; a < engine_->alternatives().size(); ++a)
        results.push_back(evaluate(a, columns, trials));
    return results;
}

std::vector<BatchResult> InputBinding::evaluate(const std::vector<std::vector<double>>& columns,
                                                uint32_t trials) const {
    std::vector<std::span<const double>> spans(columns.begin(), columns.end());
    return evaluate(Columns(spans), trials);
}

}  // namespace eqroi::risk
