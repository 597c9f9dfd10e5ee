// Study files: TOML (toml++) -> Study, validated against the loaded models.
// Every problem is collected, then thrown as one InputError sorted by position, so a user fixes
// a whole file in one pass. docs/study-format.md documents every key read here.
// This file reads the layout, [study], models and equipment; study_alternative.cpp the capital,
// financing and escalation tables; study_readers.cpp the typed values.
#include "study_detail.hpp"

#include <eqroi/core/registry.hpp>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <map>
#include <set>
#include <sstream>

namespace eqroi {

using namespace study_detail;

namespace {

bool valid_date(int y, int m, int d) {
    static const int days[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (y < 1 || y > 9999 || m < 1 || m > 12 || d < 1) return false;
    const bool leap = (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
    return d <= days[m - 1] + (m == 2 && leap ? 1 : 0);
}

/// A TOML local date, or the same written as a "YYYY-MM-DD" string.
std::optional<Date> read_date(Context& ctx, const toml::node& v, std::string_view key) {
    if (auto d = v.as_date()) {
        const toml::date& x = d->get();
        return Date{x.year, x.month, x.day};
    }
    if (auto s = v.as_string()) {
        const std::string& t = s->get();
        auto digits = [&](std::size_t from, std::size_t n) {
            return std::all_of(t.begin() + from, t.begin() + from + n,
                               [](char c) { return c >= '0' && c <= '9'; });
        };
        if (t.size() == 10 && t[4] == '-' && t[7] == '-' && digits(0, 4) && digits(5, 2) &&
            digits(8, 2)) {
            Date d{std::stoi(t.substr(0, 4)), std::stoi(t.substr(5, 2)), std::stoi(t.substr(8, 2))};
            if (valid_date(d.year, d.month, d.day)) return d;
        }
        ctx.error(v.source(), in_quotes(key) + " = \"" + t + "\" is not a date (YYYY-MM-DD)");
        return std::nullopt;
    }
    ctx.error(v.source(), in_quotes(key) + " expects a date such as 2027-01-01, got " + type_name(v));
    return std::nullopt;
}

bool valid_id(const std::string& id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

class Parser {
public:
    Parser(Context& ctx, const PluginRegistry& registry, Study& study)
        : ctx_(ctx), registry_(registry), study_(study) {
        std::set<std::string> keys{"purchase_price"};
        for (const auto& m : registry.models())
            for (uint32_t p = 0; p < m.descriptor().param_count; ++p)
                keys.insert(m.descriptor().params[p].key);
        equipment_keys_.assign(keys.begin(), keys.end());
    }

    void parse(const toml::table& root) {
        report_non_finite(ctx_, root);
        const toml::node* alternatives = nullptr;
        const toml::node* settings = nullptr;
        const toml::node* uncertain = nullptr;
        const toml::node* risk = nullptr;
        for (auto&& [k, v] : root) {
            if (k.str() == "study")
                settings = &v;
            else if (k.str() == "alternative")
                alternatives = &v;
            else if (k.str() == "uncertain")
                uncertain = &v;
            else if (k.str() == "risk")
                risk = &v;
            else
                unknown_key(ctx_, k, "the top level", {"study", "alternative", "uncertain", "risk"});
        }
        if (!settings) {
            ctx_.error(SourcePos{ctx_.file, 1, 1},
                       "missing [study] table (it needs at least horizon_years and discount_rate)");
        } else if (auto t = settings->as_table()) {
            parse_settings(*t);
        } else {
            ctx_.error(settings->source(), "'study' expects a table ([study]), got " +
                                               type_name(*settings));
        }
        parse_alternatives(alternatives);
        check_baseline();
        // Risk analysis (optional): inputs name alternatives, models and parameters, and the
        // correlation names inputs, so in this order.
        std::vector<std::string> declared;
        if (uncertain) parse_uncertain(ctx_, *uncertain, study_, registry_, declared);
        if (risk) parse_risk(ctx_, *risk, study_, declared);
    }

private:
    void parse_settings(const toml::table& t) {
        StudySettings& s = study_.settings;
        s.where = ctx_.at(t.source());
        s.name = std::filesystem::path(ctx_.file).stem().string();
        bool has_horizon = false, horizon_ok = false, has_rate = false;
        for (auto&& [k, v] : t) {
            const std::string key(k.str());
            if (key == "name") {
                if (auto x = read_string(ctx_, v, key)) s.name = *x;
            } else if (key == "currency") {
                if (auto x = read_string(ctx_, v, key)) {
                    if (x->size() == 3 && std::all_of(x->begin(), x->end(),
                                                      [](char c) { return c >= 'A' && c <= 'Z'; }))
                        s.currency = *x;
                    else
                        ctx_.error(v.source(), "'currency' = \"" + *x +
                                                   "\" is not an ISO 4217 code (three capital "
                                                   "letters such as \"EUR\")");
                }
            } else if (key == "start_date") {
                if (auto x = read_date(ctx_, v, key)) s.start_date = *x;
            } else if (key == "horizon_years") {
                has_horizon = true;
                if (auto x = read_integer(ctx_, v, key, 1, 100, "years")) {
                    s.horizon_years = *x;
                    horizon_ok = true;
                }
            } else if (key == "periods") {
                if (auto i = read_choice(ctx_, v, key, {"yearly", "monthly"}))
                    s.periods = *i == 0 ? PeriodUnit::year : PeriodUnit::month;
            } else if (key == "discounting") {
                if (auto i = read_choice(ctx_, v, key, {"end_of_period", "mid_period"}))
                    s.timing = *i == 0 ? finance::Timing::end_of_period : finance::Timing::mid_period;
            } else if (key == "dollars") {
                dollars_at_ = ctx_.at(v.source());
                if (auto i = read_choice(ctx_, v, key, {"nominal", "constant"}))
                    s.dollars = *i == 0 ? Dollars::nominal : Dollars::constant;
            } else if (key == "mirr_finance_rate") {
                if (auto x = read_number(ctx_, v, key, -0.99, 10, "fraction/yr")) s.finance_rate = *x;
            } else if (key == "mirr_reinvest_rate") {
                if (auto x = read_number(ctx_, v, key, -0.99, 10, "fraction/yr")) s.reinvest_rate = *x;
            } else if (key == "discount_rate") {
                has_rate = true;
                if (auto x = read_number(ctx_, v, key, -0.99, 10, "fraction/yr")) s.discount_rate = *x;
            } else if (key == "inflation") {
                inflation_at_ = ctx_.at(v.source());
                if (auto x = read_number(ctx_, v, key, -0.99, 10, "fraction/yr")) s.inflation = *x;
            } else if (key == "tax_rate") {
                if (auto x = read_number(ctx_, v, key, 0, 1, "fraction")) s.tax_rate = *x;
            } else if (key == "baseline") {
                baseline_at_ = ctx_.at(v.source());
                if (auto x = read_string(ctx_, v, key)) s.baseline = *x;
            } else {
                unknown_key(ctx_, k, "[study]",
                            {"name", "currency", "start_date", "horizon_years", "periods",
                             "discount_rate", "inflation", "tax_rate", "baseline", "discounting",
                             "dollars", "mirr_finance_rate", "mirr_reinvest_rate"});
            }
        }
        if (!has_horizon)
            ctx_.error(t.source(), "missing required key 'horizon_years' in [study] "
                                   "(the study length, an integer 1 .. 100 years)");
        if (!has_rate)
            ctx_.error(t.source(), s.dollars == Dollars::constant
                                       ? "missing required key 'discount_rate' in [study] (yearly "
                                         "real rate as a fraction, e.g. 0.05: dollars = "
                                         "\"constant\")"
                                       : "missing required key 'discount_rate' in [study] "
                                         "(yearly nominal rate as a fraction, e.g. 0.08)");
        periods_ = horizon_ok ? s.period_count() : -1;
        horizon_ = horizon_ok ? s.horizon_years : -1;
    }

    void parse_alternatives(const toml::node* node) {
        if (node && node->is_table()) {
            ctx_.error(node->source(),
                       "'alternative' must be an array of tables: write [[alternative]], not "
                       "[alternative]");
            return;
        }
        if (node && !node->is_array()) {
            ctx_.error(node->source(), "'alternative' expects [[alternative]] tables, got " +
                                           type_name(*node));
            return;
        }
        const toml::array* array = node ? node->as_array() : nullptr;
        if (!array || array->empty()) {
            ctx_.error(node ? ctx_.at(node->source()) : SourcePos{ctx_.file, 1, 1},
                       "the study has no [[alternative]]; add at least one");
            return;
        }
        std::map<std::string, int> first_line;
        for (std::size_t i = 0; i < array->size(); ++i) {
            const toml::node& item = *array->get(i);
            const toml::table* t = item.as_table();
            if (!t) {
                ctx_.error(item.source(), "'alternative' expects [[alternative]] tables, got " +
                                              type_name(item));
                continue;
            }
            study_.alternatives.push_back(parse_alternative(*t, i));
            const Alternative& alt = study_.alternatives.back();
            if (alt.id.empty()) continue;
            auto [it, fresh] = first_line.emplace(alt.id, id_at_.line);
            if (!fresh)
                ctx_.error(id_at_, "duplicate alternative id '" + alt.id + "' (first used at line " +
                                       std::to_string(it->second) + ")");
        }
    }

    Alternative parse_alternative(const toml::table& t, std::size_t index) {
        Alternative alt;
        alt.where = ctx_.at(t.source());
        id_at_ = alt.where;
        const toml::node* equipment = nullptr;
        const toml::node* models = nullptr;
        const toml::node* escalation = nullptr;
        bool has_id = false;
        const std::string& money = study_.settings.currency;
        for (auto&& [k, v] : t) {
            const std::string key(k.str());
            if (key == "id") {
                has_id = true;
                id_at_ = ctx_.at(v.source());
                if (auto x = read_string(ctx_, v, key)) {
                    if (valid_id(*x))
                        alt.id = *x;
                    else
                        ctx_.error(v.source(), "'id' = \"" + *x +
                                                   "\" may hold only a-z, 0-9, '_' and '-'");
                }
            } else if (key == "name") {
                if (auto x = read_string(ctx_, v, key)) alt.name = *x;
            } else if (key == "capital") {
                if (auto c = v.as_table())
                    parse_capital(ctx_, *c, alt.capital, money);
                else
                    ctx_.error(v.source(), "'capital' expects a table, got " + type_name(v));
            } else if (key == "financing") {
                if (auto f = v.as_table())
                    parse_financing(ctx_, *f, alt.financing, money);
                else
                    ctx_.error(v.source(), "'financing' expects a table, got " + type_name(v));
            } else if (key == "escalation") {
                if (v.is_table())
                    escalation = &v;
                else
                    ctx_.error(v.source(), "'escalation' expects a table of line rates "
                                           "([alternative.escalation]), got " + type_name(v));
            } else if (key == "equipment") {
                equipment = &v;
            } else if (key == "models") {
                models = &v;
            } else {
                unknown_key(ctx_, k, "[[alternative]]",
                            {"id", "name", "capital", "financing", "escalation", "equipment",
                             "models"});
            }
        }
        if (!has_id)
            ctx_.error(t.source(), "missing required key 'id' in [[alternative]] (alternative " +
                                       std::to_string(index + 1) + ")");
        if (alt.name.empty()) alt.name = alt.id;

        // Models first: equipment values are checked against the models this alternative uses.
        std::vector<std::set<std::string>> table_keys;
        if (models) parse_models(*models, alt, table_keys);
        std::set<std::string> equipment_keys;
        if (equipment) parse_equipment(*equipment, alt, equipment_keys);
        // Escalation names lines of the models this alternative uses: after the models too.
        if (escalation) parse_escalation(ctx_, *escalation->as_table(), alt, registry_, horizon_);
        check_resolved(alt, table_keys, equipment_keys);
        return alt;
    }

    void parse_models(const toml::node& node, Alternative& alt,
                      std::vector<std::set<std::string>>& table_keys) {
        const toml::table* t = node.as_table();
        if (!t) {
            ctx_.error(node.source(), "'models' expects a table of model tables "
                                      "([alternative.models.<id>]), got " + type_name(node));
            return;
        }
        std::vector<std::pair<ModelUse, std::set<std::string>>> uses;
        for (auto&& [k, v] : *t) {
            const std::string id(k.str());
            const Model* model = registry_.find(id);
            if (!model) {
                const auto ids = registry_.ids();
                std::string msg = "unknown model '" + id + "'";
                auto near = nearest(id, ids);
                msg += near.empty() ? "; " : "; did you mean '" + near + "'? ";
                msg += "available: " + (ids.empty() ? std::string("none (no plugin loaded)") : join(ids));
                ctx_.error(k.source(), msg);
                continue;
            }
            const toml::table* params = v.as_table();
            if (!params) {
                ctx_.error(v.source(), "'" + id + "' in [alternative.models] expects a table of "
                                       "parameters, got " + type_name(v));
                continue;
            }
            const eqroi_model& desc = model->descriptor();
            ModelUse use;
            use.model = id;
            use.where = ctx_.at(k.source());
            std::set<std::string> written;
            for (auto&& [pk, pv] : *params) {
                const std::string key(pk.str());
                const int index = model->param_index(key);
                if (index < 0) {
                    std::vector<std::string> keys;
                    for (uint32_t p = 0; p < desc.param_count; ++p) keys.emplace_back(desc.params[p].key);
                    unknown_key(ctx_, pk, "[alternative.models." + id + "]", keys);
                    continue;
                }
                written.insert(key);
                const ParamSite site{in_quotes(key), id, false};
                if (auto value = read_param_value(ctx_, pv, desc.params[index], site, periods_))
                    use.params.emplace(key, std::move(*value));
            }
            uses.emplace_back(std::move(use), std::move(written));
        }
        // toml++ keeps keys sorted; the study keeps models in the order the file gives them.
        std::stable_sort(uses.begin(), uses.end(), [](const auto& a, const auto& b) {
            return before(a.first.where, b.first.where);
        });
        for (auto& [use, written] : uses) {
            alt.models.push_back(std::move(use));
            table_keys.push_back(std::move(written));
        }
    }

    void parse_equipment(const toml::node& node, Alternative& alt, std::set<std::string>& written) {
        const toml::table* t = node.as_table();
        if (!t) {
            ctx_.error(node.source(), "'equipment' expects a table, got " + type_name(node));
            return;
        }
        for (auto&& [k, v] : *t) {
            const std::string key(k.str());
            if (!std::binary_search(equipment_keys_.begin(), equipment_keys_.end(), key)) {
                unknown_key(ctx_, k, "[alternative.equipment]", equipment_keys_);
                continue;
            }
            written.insert(key);
            bool declared = false, ok = true;
            std::optional<ParamValue> kept;
            for (const auto& use : alt.models) {
                const Model* model = registry_.find(use.model);
                const int index = model ? model->param_index(key) : -1;
                if (index < 0) continue;
                declared = true;
                const ParamSite site{"equipment " + in_quotes(key), use.model, true};
                auto value = read_param_value(ctx_, v, model->descriptor().params[index], site, periods_);
                if (!value)
                    ok = false;
                else if (!kept)
                    kept = std::move(value);
            }
            if (!declared) kept = read_loose_value(ctx_, v, key);
            if (ok && kept) alt.equipment.emplace(key, std::move(*kept));
        }
    }

    /// Values nobody wrote for a model: a required one is missing; one implied by the study
    /// (purchase_price, escalation) must still fit the model's range.
    void check_resolved(const Alternative& alt, const std::vector<std::set<std::string>>& table_keys,
                        const std::set<std::string>& equipment_keys) {
        for (std::size_t u = 0; u < alt.models.size(); ++u) {
            const ModelUse& use = alt.models[u];
            const Model* model = registry_.find(use.model);
            if (!model) continue;
            const eqroi_model& desc = model->descriptor();
            for (uint32_t p = 0; p < desc.param_count; ++p) {
                const eqroi_param_desc& param = desc.params[p];
                const std::string key(param.key);
                if (table_keys[u].count(key) || equipment_keys.count(key)) continue;
                auto value = resolve_param(study_, alt, use, param);
                if (!value) {
                    std::string what = param.label;
                    if (param.unit[0] != '\0') what += std::string(", ") + param.unit;
                    ctx_.error(use.where, "model '" + use.model + "' needs " + in_quotes(key) + " (" +
                                              what + "): give it in [alternative.models." +
                                              use.model + "] or [alternative.equipment]");
                    continue;
                }
                if (value->source != ValueSource::study) continue;
                const double v = value->values.front();
                if (v >= param.min_value && v <= param.max_value) continue;
                const std::string range = range_text(param.min_value, param.max_value, param.unit);
                if (key == "purchase_price")
                    ctx_.error(alt.capital.price_where,
                               "capital 'price'" + outside_text(v, param.min_value, param.max_value,
                                                                param.unit) +
                                   ", the range of 'purchase_price' declared by model '" +
                                   use.model + "'; give 'purchase_price' in [alternative.models." +
                                   use.model + "]");
                else if (study_.settings.dollars == Dollars::constant)
                    ctx_.error(dollars_at_,
                               "in a constant-dollar study a model's 'escalation' is 0 unless "
                               "given, and 0 is outside " + range + ", the range declared by "
                               "model '" + use.model + "'; give 'escalation' in "
                               "[alternative.models." + use.model + "]");
                else
                    ctx_.error(inflation_at_.line > 0 ? inflation_at_ : study_.settings.where,
                               "'inflation' = " + number_text(v) + " is used as the 'escalation' of model '" +
                                   use.model + "' and is outside " + range +
                                   "; give 'escalation' in [alternative.models." + use.model + "]");
            }
        }
    }

    void check_baseline() {
        StudySettings& s = study_.settings;
        if (study_.alternatives.empty()) return;
        if (baseline_at_.line == 0) {
            s.baseline = study_.alternatives.front().id;
            return;
        }
        // An empty baseline here is one read_string rejected: reported already.
        if (s.baseline.empty() || study_.find(s.baseline)) return;
        std::vector<std::string> ids;
        for (const auto& a : study_.alternatives)
            if (!a.id.empty()) ids.push_back(a.id);
        std::string msg = "baseline '" + s.baseline + "' is not an alternative id";
        auto near = nearest(s.baseline, ids);
        msg += near.empty() ? "; " : "; did you mean '" + near + "'? ";
        ctx_.error(baseline_at_, msg + "alternatives: " + join(ids));
    }

    Context& ctx_;
    const PluginRegistry& registry_;
    Study& study_;
    std::vector<std::string> equipment_keys_;  ///< sorted: every loaded model's keys
    int periods_ = -1;                          ///< N, or -1 when the horizon is unusable
    int horizon_ = -1;                          ///< years, or -1 when unusable
    SourcePos inflation_at_, baseline_at_, id_at_, dollars_at_;
};

}  // namespace

Study parse_study(std::string_view text, const std::filesystem::path& file,
                  const PluginRegistry& registry) {
    Context ctx;
    ctx.file = file.string();
    toml::table root;
    try {
        root = toml::parse(text, std::string_view(ctx.file));
    } catch (const toml::parse_error& e) {
        throw InputError({Diagnostic{ctx.at(e.source()), std::string(e.description())}});
    }
    Study study;
    study.file = file;
    Parser(ctx, registry, study).parse(root);
    if (!ctx.diagnostics.empty()) {
        std::stable_sort(ctx.diagnostics.begin(), ctx.diagnostics.end(),
                         [](const Diagnostic& a, const Diagnostic& b) { return before(a.where, b.where); });
        throw InputError(std::move(ctx.diagnostics));
    }
    return study;
}

Study load_study(const std::filesystem::path& file, const PluginRegistry& registry) {
    std::ifstream in(file, std::ios::binary);
    if (!in)
        throw InputError({Diagnostic{SourcePos{file.string(), 0, 0},
                                     std::string("cannot read the study file: ") + std::strerror(errno)}});
    std::ostringstream text;
    text << in.rdbuf();
    return parse_study(text.str(), file, registry);
}

}  // namespace eqroi
