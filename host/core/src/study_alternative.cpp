// The money side of an alternative in a study file: [alternative.capital] (amounts,
// depreciation, service life, residual value), [alternative.financing] (loan, lease) and
// [alternative.escalation] (host escalation per line). docs/study-format.md documents each key
// and how the engine uses it.
#include "study_detail.hpp"

#include <algorithm>
#include <map>

namespace eqroi::study_detail {

namespace {

const std::vector<std::string>& method_names() {
    static const std::vector<std::string> names = [] {
        std::vector<std::string> n;
        for (auto m : {depreciation::Method::straight_line, depreciation::Method::declining_balance,
                       depreciation::Method::sum_of_years_digits, depreciation::Method::macrs})
            n.emplace_back(depreciation::method_name(m));
        return n;
    }();
    return names;
}

std::string macrs_class_list() {
    std::vector<std::string> classes;
    for (int c : depreciation::macrs_classes) classes.push_back(std::to_string(c));
    return join(classes);
}

bool is_macrs_class(int years) {
    return std::find(std::begin(depreciation::macrs_classes), std::end(depreciation::macrs_classes),
                     years) != std::end(depreciation::macrs_classes);
}

}  // namespace

void parse_capital(Context& ctx, const toml::table& t, Capital& c, const std::string& money) {
    c.where = ctx.at(t.source());
    struct Amount {
        const char* key;
        double Capital::*field;
    };
    static const Amount amounts[] = {
        {"price", &Capital::price},
        {"installation", &Capital::installation},
        {"commissioning", &Capital::commissioning},
        {"trade_in", &Capital::trade_in},
        {"disposal_cost", &Capital::disposal_cost},
        {"salvage_value", &Capital::salvage_value},
    };
    // What the checks across keys need: where each was written and whether it read cleanly
    // (a key already reported as wrong is not reported again through another key).
    const toml::node* method_value = nullptr;
    const toml::node* years_value = nullptr;
    const toml::key* factor_key = nullptr;
    const toml::key* residual_key = nullptr;
    bool method_ok = true, years_ok = true, life_ok = true;

    for (auto&& [k, v] : t) {
        const std::string key(k.str());
        auto a = std::find_if(std::begin(amounts), std::end(amounts),
                              [&](const Amount& x) { return key == x.key; });
        if (a != std::end(amounts)) {
            if (auto x = read_number(ctx, v, key, 0, kNoMax, money)) c.*(a->field) = *x;
            if (key == "price") c.price_where = ctx.at(v.source());
        } else if (key == "depreciation_years") {
            years_value = &v;
            if (auto x = read_integer(ctx, v, key, 0, 100, "years"))
                c.depreciation_years = *x;
            else
                years_ok = false;
        } else if (key == "depreciation") {
            method_value = &v;
            if (auto i = read_choice(ctx, v, key, method_names()))
                c.depreciation = *depreciation::parse_method(method_names()[*i]);
            else
                method_ok = false;
        } else if (key == "declining_balance_factor") {
            factor_key = &k;
            if (auto x = read_number(ctx, v, key, 1, 4, "")) c.declining_balance_factor = *x;
        } else if (key == "life_years") {
            if (auto x = read_integer(ctx, v, key, 0, 100, "years"))
                c.life_years = *x;
            else
                life_ok = false;
        } else if (key == "residual_value") {
            residual_key = &k;
            if (auto x = read_number(ctx, v, key, 0, kNoMax, money)) c.residual_value = *x;
        } else {
            unknown_key(ctx, k, "[alternative.capital]",
                        {"price", "installation", "commissioning", "trade_in", "disposal_cost",
                         "salvage_value", "depreciation", "depreciation_years",
                         "declining_balance_factor", "life_years", "residual_value"});
        }
    }

    const std::string method(depreciation::method_name(c.depreciation));
    if (factor_key && method_ok && c.depreciation != depreciation::Method::declining_balance)
        ctx.error(factor_key->source(),
                  "'declining_balance_factor' applies only to depreciation = "
                  "\"declining_balance\", and this capital's depreciation is \"" + method + "\"" +
                      (method_value ? "" : " (the default)") +
                      ": remove it or set depreciation = \"declining_balance\"");
    if (residual_key && life_ok && c.life_years == 0)
        ctx.error(residual_key->source(),
                  "'residual_value' needs 'life_years' > 0: with no service life the machine "
                  "lasts the whole study, and its value at the end of the study is "
                  "'salvage_value'");
    if (method_ok && c.depreciation == depreciation::Method::macrs) {
        if (!years_value)
            ctx.error(method_value->source(),
                      "depreciation = \"macrs\" needs 'depreciation_years', the MACRS property "
                      "class: one of " + macrs_class_list() + " (IRS Pub. 946 Table A-1)");
        else if (years_ok && !is_macrs_class(c.depreciation_years))
            ctx.error(years_value->source(),
                      "'depreciation_years' = " + std::to_string(c.depreciation_years) +
                          " is not a MACRS property class; with depreciation = \"macrs\" it must "
                          "be one of " + macrs_class_list() + " (IRS Pub. 946 Table A-1)");
    }
}

void parse_financing(Context& ctx, const toml::table& t, Financing& f, const std::string& money) {
    f.where = ctx.at(t.source());
    bool has_term = false;
    for (auto&& [k, v] : t) {
        const std::string key(k.str());
        if (key == "loan_amount") {
            if (auto x = read_number(ctx, v, key, 0, kNoMax, money)) f.loan_amount = *x;
        } else if (key == "loan_rate") {
            if (auto x = read_number(ctx, v, key, 0, 1, "fraction/yr")) f.loan_rate = *x;
        } else if (key == "loan_term_years") {
            has_term = true;
            if (auto x = read_integer(ctx, v, key, 1, 50, "years")) f.loan_term_years = *x;
        } else if (key == "lease_payment") {
            if (auto x = read_number(ctx, v, key, 0, kNoMax, money + "/period")) f.lease_payment = *x;
        } else if (key == "lease_term_years") {
            if (auto x = read_integer(ctx, v, key, 0, 100, "years")) f.lease_term_years = *x;
        } else if (key == "lease_timing") {
            if (auto i = read_choice(ctx, v, key, {"advance", "arrears"})) f.lease_in_advance = *i == 0;
        } else {
            unknown_key(ctx, k, "[alternative.financing]",
                        {"loan_amount", "loan_rate", "loan_term_years", "lease_payment",
                         "lease_term_years", "lease_timing"});
        }
    }
    if (f.has_loan() && !has_term)
        ctx.error(t.source(), "missing required key 'loan_term_years' in [alternative.financing] "
                              "(a loan of " + number_text(f.loan_amount) + " " + money +
                                  " needs its term, an integer 1 .. 50 years)");
}

namespace {

/// Reads [alternative.escalation] for one alternative; see parse_escalation.
class EscalationReader {
public:
    EscalationReader(Context& ctx, Alternative& alt, const PluginRegistry& registry, int years)
        : ctx_(ctx), alt_(alt), registry_(registry), years_(years) {
        for (const auto& use : alt.models) used_.push_back(use.model);
    }

    void read(const toml::table& t) {
        for (auto&& [k, v] : t) {
            const std::string key(k.str());
            if (auto dot = key.find('.'); dot != std::string::npos) {
                // "maintenance.preventive" = 0.03: model and line in one quoted key.
                const std::string model = key.substr(0, dot);
                if (auto lines = model_lines(model, k.source()))
                    line_entry(model, *lines, key.substr(dot + 1), k.source(), v);
            } else if (auto lines = model_lines(key, k.source())) {
                if (auto table = v.as_table()) {
                    // maintenance.preventive = 0.03, or [alternative.escalation.maintenance].
                    for (auto&& [lk, lv] : *table)
                        line_entry(key, *lines, std::string(lk.str()), lk.source(), lv);
                } else {
                    ctx_.error(k.source(), "escalation '" + key + "' must name a line: write " +
                                               key + ".<line> = rate; lines: " + join(*lines));
                }
            }
        }
        // toml++ keeps keys sorted, and a dotted and a quoted key for the same line are two
        // keys: take the lines in file order, so "given twice" points at the second one written.
        std::stable_sort(entries_.begin(), entries_.end(),
                         [](const Entry& a, const Entry& b) { return before(a.key_at, b.key_at); });
        std::map<std::string, int> first_line;
        for (const Entry& e : entries_) {
            auto [first, fresh] = first_line.emplace(e.line, e.key_at.line);
            if (!fresh) {
                ctx_.error(e.key_at, "escalation of '" + e.line + "' is given twice (first at line " +
                                         std::to_string(first->second) + ")");
                continue;
            }
            if (auto yearly = read_rates(*e.value, "escalation '" + e.line + "'"))
                alt_.escalation.push_back(
                    LineEscalation{e.line, std::move(*yearly), ctx_.at(e.value->source())});
        }
    }

private:
    /// The line keys of `model` (a model this alternative uses, or "capital"), or nullopt after
    /// reporting why it cannot be escalated here.
    std::optional<std::vector<std::string>> model_lines(const std::string& model,
                                                        const toml::source_region& at) {
        if (model == "capital") return std::vector<std::string>{"price"};
        if (std::find(used_.begin(), used_.end(), model) != used_.end()) {
            std::vector<std::string> lines;
            if (const Model* m = registry_.find(model))
                for (uint32_t l = 0; l < m->descriptor().line_count; ++l)
                    lines.emplace_back(m->line(l).key);
            return lines;
        }
        std::string uses = "this alternative's models: " +
                           (used_.empty() ? std::string("none") : join(used_)) +
                           " (and capital.price)";
        if (registry_.find(model)) {
            ctx_.error(at, "model '" + model + "' in [alternative.escalation] is not used by this "
                           "alternative; " + uses);
            return std::nullopt;
        }
        std::vector<std::string> candidates = used_;
        candidates.emplace_back("capital");
        std::string msg = "unknown model '" + model + "' in [alternative.escalation]";
        auto near = nearest(model, candidates);
        msg += near.empty() ? "; " : "; did you mean '" + near + "'? ";
        ctx_.error(at, msg + uses);
        return std::nullopt;
    }

    void line_entry(const std::string& model, const std::vector<std::string>& lines,
                    const std::string& line, const toml::source_region& at, const toml::node& v) {
        if (std::find(lines.begin(), lines.end(), line) == lines.end()) {
            std::string msg = "unknown line '" + line + "' of " +
                              (model == "capital" ? std::string("'capital'")
                                                  : "model '" + model + "'") +
                              " in [alternative.escalation]";
            auto near = nearest(line, lines);
            msg += near.empty() ? "; " : "; did you mean '" + near + "'? ";
            ctx_.error(at, msg + "lines: " + (lines.empty() ? std::string("none") : join(lines)));
            return;
        }
        entries_.push_back(Entry{model + "." + line, ctx_.at(at), &v});
    }

    /// One rate for every year (expanded to horizon_years entries), or a list of exactly
    /// horizon_years rates; each -0.99 .. 1.
    std::optional<std::vector<double>> read_rates(const toml::node& v, const std::string& subject) {
        constexpr double min = -0.99, max = 1;
        constexpr const char* unit = "fraction/yr";
        if (v.is_number()) {
            auto x = read_number_as(ctx_, v, subject, min, max, unit);
            if (!x) return std::nullopt;
            return std::vector<double>(static_cast<std::size_t>(std::max(years_, 1)), *x);
        }
        const toml::array* array = v.as_array();
        if (!array) {
            ctx_.error(v.source(), subject + " expects a number (one rate for every year) or an "
                                             "array with one rate per year, got " + type_name(v));
            return std::nullopt;
        }
        bool ok = true;
        if (years_ >= 0 && array->size() != static_cast<std::size_t>(years_)) {
            ctx_.error(v.source(), subject + " has " + std::to_string(array->size()) +
                                       " rates; a list needs one per year of the study, " +
                                       std::to_string(years_) +
                                       " (or write one number for every year)");
            ok = false;
        }
        std::vector<double> yearly;
        for (std::size_t i = 0; i < array->size(); ++i) {
            auto x = read_number_as(ctx_, *array->get(i), subject + "[" + std::to_string(i) + "]",
                                    min, max, unit);
            if (x)
                yearly.push_back(*x);
            else
                ok = false;
        }
        if (!ok) return std::nullopt;
        return yearly;
    }

    /// A line that exists, waiting for its rates to be read in file order.
    struct Entry {
        std::string line;        ///< "model.line"
        SourcePos key_at;        ///< where the line is named
        const toml::node* value;
    };

    Context& ctx_;
    Alternative& alt_;
    const PluginRegistry& registry_;
    int years_;
    std::vector<std::string> used_;  ///< model ids of the alternative, file order
    std::vector<Entry> entries_;
};

}  // namespace

void parse_escalation(Context& ctx, const toml::table& t, Alternative& alternative,
                      const PluginRegistry& registry, int horizon_years) {
    EscalationReader(ctx, alternative, registry, horizon_years).read(t);
}

}  // namespace eqroi::study_detail
