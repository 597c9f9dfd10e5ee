// Lenient read of a study text with toml++: structure and positions only, no validation (that
// is parse_study's job in host/core).
#include "study_outline.hpp"

#include <toml++/toml.h>

#include <cmath>
#include <sstream>

namespace eqroi::studio {

namespace {

std::string toml_text(const toml::node& node) {
    std::ostringstream out;
    node.visit([&](const auto& n) {
        if constexpr (toml::is_string<decltype(n)>)
            out << '"' << n.get() << '"';
        else
            out << n;
    });
    return out.str();
}

/// Numbers, booleans, strings and arrays of numbers: the value types StudyText writes.
std::optional<StudyValue> study_value(const toml::node& node) {
    if (auto b = node.as_boolean()) return StudyValue{b->get()};
    if (auto s = node.as_string()) return StudyValue{s->get()};
    if (node.is_integer() || node.is_floating_point()) return StudyValue{*node.value<double>()};
    if (auto a = node.as_array()) {
        std::vector<double> numbers;
        for (const auto& element : *a) {
            auto x = element.value<double>();
            if (!x || element.is_boolean()) return std::nullopt;
            numbers.push_back(*x);
        }
        return StudyValue{std::move(numbers)};
    }
    return std::nullopt;
}

WrittenTable read_table(const toml::table* table) {
    WrittenTable out;
    if (!table) return out;
    out.present = true;
    out.line = static_cast<int>(table->source().begin.line);
    for (auto&& [key, node] : *table) {
        if (node.is_table()) continue;  // sub-tables are read by their own section
        WrittenValue v;
        v.key = std::string(key.str());
        v.line = static_cast<int>(key.source().begin.line);
        v.column = static_cast<int>(key.source().begin.column);
        v.end_line = std::max(v.line, static_cast<int>(node.source().end.line));
        v.value = study_value(node);
        v.text = toml_text(node);
        out.keys.push_back(std::move(v));
    }
    return out;
}

std::string string_of(const toml::table& table, std::string_view key) {
    if (auto s = table[key].value<std::string>()) return *s;
    return {};
}

OutlineAlternative read_alternative(const toml::table& table) {
    OutlineAlternative alt;
    alt.id = string_of(table, "id");
    alt.name = string_of(table, "name");
    alt.line = static_cast<int>(table.source().begin.line);
    alt.own = read_table(&table);
    alt.capital = read_table(table["capital"].as_table());
    alt.equipment = read_table(table["equipment"].as_table());
    if (auto models = table["models"].as_table()) {
        for (auto&& [key, node] : *models) {
            OutlineModel m;
            m.id = std::string(key.str());
            m.table = read_table(node.as_table());
            if (!m.table.present) m.table.line = static_cast<int>(key.source().begin.line);
            alt.models.push_back(std::move(m));
        }
    }
    return alt;
}

bool within(const WrittenValue& v, int line) { return line >= v.line && line <= v.end_line; }

}  // namespace

const WrittenValue* WrittenTable::find(std::string_view key) const noexcept {
    for (const auto& v : keys)
        if (v.key == key) return &v;
    return nullptr;
}

const OutlineModel* OutlineAlternative::find_model(std::string_view model) const noexcept {
    for (const auto& m : models)
        if (m.id == model) return &m;
    return nullptr;
}

StudyOutline StudyOutline::read(std::string_view text, const std::string& file) {
    StudyOutline outline;
    toml::table root;
    try {
        root = toml::parse(text, file);
    } catch (const toml::parse_error& e) {
        outline.syntax_error.where = SourcePos{file, static_cast<int>(e.source().begin.line),
                                               static_cast<int>(e.source().begin.column)};
        outline.syntax_error.message = std::string(e.description());
        return outline;
    }
    outline.valid_toml = true;
    outline.study = read_table(root["study"].as_table());
    if (auto alternatives = root["alternative"].as_array()) {
        for (const auto& node : *alternatives)
            if (auto table = node.as_table()) outline.alternatives.push_back(read_alternative(*table));
    }
    return outline;
}

const OutlineAlternative* StudyOutline::find(std::string_view alternative) const noexcept {
    for (const auto& a : alternatives)
        if (a.id == alternative) return &a;
    return nullptr;
}

const WrittenValue* StudyOutline::find(const FieldRef& field) const noexcept {
    if (field.section == Section::study) return study.find(field.key);
    const OutlineAlternative* alt = find(field.alternative);
    if (!alt) return nullptr;
    switch (field.section) {
        case Section::alternative: return alt->own.find(field.key);
        case Section::capital: return alt->capital.find(field.key);
        case Section::equipment: return alt->equipment.find(field.key);
        case Section::model: {
            const OutlineModel* m = alt->find_model(field.model);
            return m ? m->table.find(field.key) : nullptr;
        }
        case Section::study: break;
    }
    return nullptr;
}

std::optional<FieldRef> StudyOutline::field_at(int line) const {
    if (line <= 0) return std::nullopt;
    auto in_table = [&](const WrittenTable& t, FieldRef ref) -> std::optional<FieldRef> {
        for (const auto& v : t.keys) {
            if (within(v, line)) {
                ref.key = v.key;
                return ref;
            }
        }
        if (t.present && t.line == line) return ref;
        return std::nullopt;
    };
    if (auto r = in_table(study, FieldRef{Section::study, {}, {}, {}})) return r;
    for (const auto& alt : alternatives) {
        if (auto r = in_table(alt.capital, FieldRef{Section::capital, alt.id, {}, {}})) return r;
        if (auto r = in_table(alt.equipment, FieldRef{Section::equipment, alt.id, {}, {}})) return r;
        for (const auto& m : alt.models)
            if (auto r = in_table(m.table, FieldRef{Section::model, alt.id, m.id, {}})) return r;
        if (auto r = in_table(alt.own, FieldRef{Section::alternative, alt.id, {}, {}})) return r;
    }
    return std::nullopt;
}

std::string display_text(const StudyValue& value) {
    struct Visitor {
        static std::string number(double x) {
            std::ostringstream out;
            out.precision(15);
            out << x;
            return out.str();
        }
        std::string operator()(double x) const { return number(x); }
        std::string operator()(bool b) const { return b ? "true" : "false"; }
        std::string operator()(const std::string& s) const { return s; }
        std::string operator()(const std::vector<double>& xs) const {
            std::string s;
            for (double x : xs) {
                if (!s.empty()) s += ", ";
                s += number(x);
            }
            return s;
        }
    };
    return std::visit(Visitor{}, value);
}

}  // namespace eqroi::studio
