// Values of model parameters in a study: checking what the user wrote against a parameter
// descriptor, and resolve_param, the one place the engine and the validator get a value from.
#include "study_detail.hpp"

#include <fmt/format.h>

#include <cmath>
#include <limits>

namespace eqroi {

namespace study_detail {

std::string type_name(const toml::node& node) {
    switch (node.type()) {
        case toml::node_type::table: return "a table";
        case toml::node_type::array: return "an array";
        case toml::node_type::string: return "a string";
        case toml::node_type::integer: return "an integer";
        case toml::node_type::floating_point: return "a float";
        case toml::node_type::boolean: return "a boolean";
        case toml::node_type::date: return "a date";
        case toml::node_type::time: return "a time";
        case toml::node_type::date_time: return "a date-time";
        default: return "nothing";
    }
}

std::string number_text(double v) { return fmt::format("{}", v); }

std::string range_text(double min, double max, std::string_view unit) {
    std::string s = std::isinf(max) ? ">= " + number_text(min)
                                    : number_text(min) + " .. " + number_text(max);
    if (!unit.empty()) {
        s += ' ';
        s += unit;
    }
    return s;
}

std::string outside_text(double v, double min, double max, std::string_view unit) {
    return " = " + number_text(v) + (std::isinf(max) ? " must be " : " is outside ") +
           range_text(min, max, unit);
}

std::string join(const std::vector<std::string>& items) {
    std::string s;
    for (const auto& i : items) {
        if (!s.empty()) s += ", ";
        s += i;
    }
    return s;
}

int choice_index(const char* choices, std::string_view name) noexcept {
    if (!choices) return -1;
    std::string_view rest(choices);
    for (int i = 0;; ++i) {
        auto bar = rest.find('|');
        if (rest.substr(0, bar) == name) return i;
        if (bar == std::string_view::npos) return -1;
        rest.remove_prefix(bar + 1);
    }
}

namespace {

void walk_non_finite(Context& ctx, const toml::node& node, const std::string& subject) {
    if (auto f = node.as_floating_point()) {
        if (!std::isfinite(f->get()))
            ctx.error(node.source(), subject + " = " + number_text(f->get()) +
                                         " is not a finite number");
    } else if (auto t = node.as_table()) {
        for (auto&& [k, v] : *t) walk_non_finite(ctx, v, "'" + std::string(k.str()) + "'");
    } else if (auto a = node.as_array()) {
        for (std::size_t i = 0; i < a->size(); ++i)
            walk_non_finite(ctx, *a->get(i), subject + "[" + std::to_string(i) + "]");
    }
}

/// What a per-period array holds, for "expects an array of X".
const char* element_kind(const eqroi_param_desc& p) {
    if (p.flags & EQROI_PARAM_BOOLEAN) return "true/false values";
    if (p.flags & EQROI_PARAM_CHOICE) return "names";
    if (p.flags & EQROI_PARAM_INTEGER) return "integers";
    return "numbers";
}

/// One scalar (or one element of a per-period array). `choice` receives the name written.
std::optional<double> read_element(Context& ctx, const toml::node& node,
                                   const eqroi_param_desc& p, const std::string& subject,
                                   const ParamSite& site, std::string* choice) {
    const std::string for_model = site.equipment ? " for model '" + site.model + "'" : "";
    if (p.flags & EQROI_PARAM_BOOLEAN) {
        if (auto b = node.as_boolean()) return b->get() ? 1.0 : 0.0;
        ctx.error(node.source(),
                  subject + " expects true or false" + for_model + ", got " + type_name(node));
        return std::nullopt;
    }
    if (p.flags & EQROI_PARAM_CHOICE) {
        const auto names = choice_names(p.choices);
        auto s = node.as_string();
        if (!s) {
            ctx.error(node.source(), subject + " expects a name" + for_model + " (one of " +
                                         join(names) + "), got " + type_name(node));
            return std::nullopt;
        }
        const std::string& name = s->get();
        if (int i = choice_index(p.choices, name); i >= 0) {
            if (choice) *choice = name;
            return static_cast<double>(i);
        }
        std::string msg = "unknown choice '" + name + "' for " + subject + for_model;
        const auto near = nearest(name, names);
        msg += near.empty() ? "; " : "; did you mean '" + near + "'? ";
        ctx.error(node.source(), msg + "choices: " + join(names));
        return std::nullopt;
    }
    double v = 0;
    if (auto i = node.as_integer()) {
        v = static_cast<double>(i->get());
    } else if (auto f = node.as_floating_point()) {
        v = f->get();
        if (!std::isfinite(v)) return std::nullopt;  // report_non_finite said so already
        if (p.flags & EQROI_PARAM_INTEGER) {
            ctx.error(node.source(), subject + " expects an integer" + for_model +
                                         ", got a float (" + number_text(v) + ")");
            return std::nullopt;
        }
    } else {
        ctx.error(node.source(), subject + " expects " +
                                     (p.flags & EQROI_PARAM_INTEGER ? "an integer" : "a number") +
                                     for_model + ", got " + type_name(node));
        return std::nullopt;
    }
    if (v < p.min_value || v > p.max_value) {
        ctx.error(node.source(), subject + outside_text(v, p.min_value, p.max_value, p.unit) +
                                     (site.equipment ? " declared by model '" + site.model + "'"
                                                     : ""));
        return std::nullopt;
    }
    return v;
}

}  // namespace

void report_non_finite(Context& ctx, const toml::table& root) {
    walk_non_finite(ctx, root, "");
}

std::optional<ParamValue> read_param_value(Context& ctx, const toml::node& node,
                                           const eqroi_param_desc& p, const ParamSite& site,
                                           int periods) {
    ParamValue out;
    out.where = ctx.at(node.source());
    if (!(p.flags & EQROI_PARAM_PER_PERIOD)) {
        auto v = read_element(ctx, node, p, site.subject, site, &out.choice);
        if (!v) return std::nullopt;
        out.values.push_back(*v);
        return out;
    }

    out.per_period = true;
    const std::string for_model = site.equipment ? " for model '" + site.model + "'" : "";
    const std::string span = periods >= 0 ? " 0.." + std::to_string(periods) : "";
    const toml::array* array = node.as_array();
    if (!array) {
        ctx.error(node.source(), site.subject + " expects an array of " + element_kind(p) +
                                     ", one per period" + span + for_model + ", got " +
                                     type_name(node));
        return std::nullopt;
    }
    bool ok = true;
    const std::size_t count = periods >= 0 ? static_cast<std::size_t>(periods) + 1 : 0;
    if (periods >= 0 && array->size() > count) {
        ctx.error(node.source(), site.subject + " has " + std::to_string(array->size()) +
                                     " values, more than the " + std::to_string(count) +
                                     " periods" + span + " of the study");
        ok = false;
    }
    for (std::size_t i = 0; i < array->size(); ++i) {
        auto v = read_element(ctx, *array->get(i), p, site.subject + "[" + std::to_string(i) + "]",
                              site, nullptr);
        if (v)
            out.values.push_back(*v);
        else
            ok = false;
    }
    // Missing periods are zero; say so when zero is not an acceptable value.
    if (ok && periods >= 0 && array->size() < count && (p.min_value > 0 || p.max_value < 0)) {
        ctx.error(node.source(),
                  site.subject + " has " + std::to_string(array->size()) + " values; periods " +
                      std::to_string(array->size()) + ".." + std::to_string(periods) +
                      " would be 0, outside " + range_text(p.min_value, p.max_value, p.unit) +
                      for_model + ": give all " + std::to_string(count));
        ok = false;
    }
    if (!ok) return std::nullopt;
    return out;
}

std::optional<ParamValue> read_loose_value(Context& ctx, const toml::node& node,
                                           std::string_view key) {
    ParamValue out;
    out.where = ctx.at(node.source());
    auto number = [](const toml::node& n) -> std::optional<double> {
        if (auto i = n.as_integer()) return static_cast<double>(i->get());
        if (auto f = n.as_floating_point()) return f->get();
        return std::nullopt;
    };
    const std::string subject = "equipment '" + std::string(key) + "'";
    if (auto v = number(node)) {
        if (!std::isfinite(*v)) return std::nullopt;
        out.values.push_back(*v);
    } else if (auto b = node.as_boolean()) {
        out.values.push_back(b->get() ? 1.0 : 0.0);
    } else if (auto s = node.as_string()) {
        out.choice = s->get();
        out.values.push_back(0);
    } else if (auto a = node.as_array()) {
        out.per_period = true;
        for (std::size_t i = 0; i < a->size(); ++i) {
            auto v = number(*a->get(i));
            if (!v) {
                ctx.error(a->get(i)->source(), subject + "[" + std::to_string(i) +
                                                   "] expects a number, got " +
                                                   type_name(*a->get(i)));
                return std::nullopt;
            }
            if (!std::isfinite(*v)) return std::nullopt;
            out.values.push_back(*v);
        }
    } else {
        ctx.error(node.source(), subject +
                                     " expects a number, true/false, a name or an array of "
                                     "numbers, got " + type_name(node));
        return std::nullopt;
    }
    return out;
}

}  // namespace study_detail

const Alternative* Study::find(const std::string& id) const noexcept {
    for (const auto& a : alternatives)
        if (a.id == id) return &a;
    return nullptr;
}

std::optional<ResolvedValue> resolve_param(const Study& study, const Alternative& alternative,
                                           const ModelUse& use, const eqroi_param_desc& param) {
    const bool per_period = (param.flags & EQROI_PARAM_PER_PERIOD) != 0;
    const std::size_t count =
        per_period ? static_cast<std::size_t>(std::max(study.settings.period_count(), 0)) + 1 : 1;
    ResolvedValue r;

    auto take = [&](const ParamValue& v, ValueSource source) {
        r.source = source;
        r.where = v.where;
        // A name from [equipment] maps to this model's own list (models may list names in
        // different orders); a name in the model's table was mapped when it was read.
        if ((param.flags & EQROI_PARAM_CHOICE) && !v.choice.empty() && source == ValueSource::equipment) {
            int i = study_detail::choice_index(param.choices, v.choice);
            r.values.assign(1, i >= 0 ? static_cast<double>(i) : param.default_value);
        } else {
            r.values = v.values;
        }
        if (per_period)
            r.values.resize(count, 0.0);
        else if (r.values.size() != 1)
            r.values.resize(1, param.default_value);
    };

    const std::string key(param.key);
    if (auto it = use.params.find(key); it != use.params.end()) {
        take(it->second, ValueSource::model_table);
        return r;
    }
    if (auto it = alternative.equipment.find(key); it != alternative.equipment.end()) {
        take(it->second, ValueSource::equipment);
        return r;
    }
    r.source = ValueSource::study;
    // A price that is not 0 also counts as given, so studies built in code (tests, the studio)
    // behave like files that write it.
    if (key == "purchase_price" &&
        (alternative.capital.price_where.line > 0 || alternative.capital.price != 0)) {
        r.values.assign(count, alternative.capital.price);
        r.where = alternative.capital.price_where;
        return r;
    }
    // A model's escalation is on top of the study's dollars: in nominal dollars prices rise with
    // general inflation unless the model says otherwise; in constant dollars general inflation
    // is already taken out, and only a differential escalation (given by the user) remains.
    if (key == "escalation") {
        r.values.assign(count, study.settings.dollars == Dollars::constant ? 0.0
                                                                           : study.settings.inflation);
        r.where = study.settings.where;
        return r;
    }
    if (param.flags & EQROI_PARAM_REQUIRED) return std::nullopt;
    r.source = ValueSource::declared_default;
    r.values.assign(count, param.default_value);
    return r;
}

}  // namespace eqroi
