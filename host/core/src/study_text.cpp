// In-place edits of a study file's text (study_text.hpp). Each edit parses the text (toml++),
// finds what it changes by the positions toml++ gives, splices bytes, and parses the result
// again: an edit is kept only when the result is valid TOML and reads back as intended.
// Where each part of the file begins and ends is study_text_layout.cpp's; the edits
// themselves are study_text_edit.cpp's.
#include "study_text_detail.hpp"

#include <algorithm>
#include <cctype>
#include <memory>
#include <optional>
#include <utility>

namespace eqroi {

namespace {

using namespace study_text_detail;

std::string display_name(const std::filesystem::path& f) {
    return f.empty() ? std::string("study text") : f.string();
}

/// Parses `text`, computes the edited text, parses that and checks it: returns the new text,
/// or throws StudyEditError (and the caller keeps its text).
template <class Edit, class Check>
std::string edited(const std::string& text, const std::string& file, const std::string& action,
                   Edit&& edit, Check&& check) {
    std::string after;
    {
        Layout before(text, file);
        after = edit(before);
    }
    std::unique_ptr<Layout> result;
    try {
        result = std::make_unique<Layout>(after, file);
    } catch (const StudyEditError& e) {
        throw StudyEditError("cannot " + action + ": the result would not be valid TOML (" +
                             e.what() + "); the text is left unchanged");
    }
    if (!check(*result))
        throw StudyEditError("cannot " + action + " in " + file +
                             ": the text read back is not "
                             "what was written; the text is left unchanged");
    return after;
}

Path alternative_path(const Layout& L, std::string_view id) {
    return {{"alternative", alternative_index(L, id)}};
}

/// The value as it would be written, for messages (the edit itself reports a value that
/// cannot be written).
std::string value_name(const StudyValue& v) {
    try {
        return value_text(v, nullptr);
    } catch (const StudyEditError&) {
        return "that value";
    }
}

}  // namespace

StudyText::StudyText(std::string text, std::filesystem::path file)
    : text_(std::move(text)), file_(std::move(file)) {}

std::vector<std::string> StudyText::alternative_ids() const {
    try {
        return ids_in(toml::parse(text_, std::string_view("")));
    } catch (const toml::parse_error&) {
        return {};
    }
}

void StudyText::set_study_value(std::string_view key, const StudyValue& value) {
    const Path table{{"study"}};
    const std::string k(key);
    text_ = edited(
        text_, display_name(file_), "set " + k + " = " + value_name(value) + " in [study]",
        [&](const Layout& L) { return set_in(L, table, k, value); },
        [&](const Layout& R) { return holds(find(R.root(), plus(table, k)), value); });
}

void StudyText::set_value(std::string_view alternative, const std::vector<std::string>& table,
                          std::string_view key, const StudyValue& value) {
    const std::string k(key);
    Path path;
    std::string action = "set " + k + " = " + value_name(value);
    text_ = edited(
        text_, display_name(file_), action,
        [&](const Layout& L) {
            path = alternative_path(L, alternative);
            for (const auto& t : table) path = plus(path, t);
            if (table.empty() && k == "id") {
                if (!std::holds_alternative<std::string>(value))
                    throw StudyEditError(L.file() + ": an alternative's id is a name in quotes");
                if (std::get<std::string>(value) != alternative)
                    check_new_id(L, std::get<std::string>(value));
            }
            return set_in(L, path, k, value);
        },
        [&](const Layout& R) { return holds(find(R.root(), plus(path, k)), value); });
}

void StudyText::set_alternative_value(std::string_view alternative, std::string_view key,
                                      const StudyValue& value) {
    set_value(alternative, {}, key, value);
}

void StudyText::set_equipment_value(std::string_view alternative, std::string_view key,
                                    const StudyValue& value) {
    set_value(alternative, {"equipment"}, key, value);
}

void StudyText::set_capital_value(std::string_view alternative, std::string_view key,
                                  const StudyValue& value) {
    set_value(alternative, {"capital"}, key, value);
}

void StudyText::set_financing_value(std::string_view alternative, std::string_view key,
                                    const StudyValue& value) {
    set_value(alternative, {"financing"}, key, value);
}

void StudyText::set_model_value(std::string_view alternative, std::string_view model,
                                std::string_view key, const StudyValue& value) {
    set_value(alternative, {"models", std::string(model)}, key, value);
}

void StudyText::set_escalation_value(std::string_view alternative, std::string_view line,
                                     const StudyValue& value) {
    const std::string l(line);
    const auto dot = l.find('.');
    Path escalation, table;
    std::string key;
    text_ = edited(
        text_, display_name(file_), "set the escalation of " + l + " to " + value_name(value),
        [&](const Layout& L) {
            escalation = plus(alternative_path(L, alternative), "escalation");
            const toml::node* e = find(L.root(), escalation);
            // Written quoted ("maintenance.preventive" = ...), or nested (maintenance.preventive
            // = ... is the key preventive of the table maintenance).
            if (dot == std::string::npos || (e && e->is_table() && e->as_table()->get(l))) {
                table = escalation;
                key = l;
                return set_in(L, table, key, value);
            }
            table = plus(escalation, l.substr(0, dot));
            key = l.substr(dot + 1);
            if (!e)
                return create_table(L, escalation, {table.back().key, key},
                                    value_text(value, nullptr));
            return set_in(L, table, key, value);
        },
        [&](const Layout& R) { return holds(find(R.root(), plus(table, key)), value); });
}

bool StudyText::remove_study_value(std::string_view key) {
    const Path table{{"study"}};
    const std::string k(key);
    bool removed = false;
    text_ = edited(
        text_, display_name(file_), "remove " + k + " from [study]",
        [&](const Layout& L) {
            auto out = remove_in(L, table, k);
            removed = out.has_value();
            return out ? *out : L.text();
        },
        [&](const Layout& R) {
            auto t = find(R.root(), table);
            return t && t->is_table() && !t->as_table()->get(k);
        });
    return removed;
}

bool StudyText::remove_value(std::string_view alternative, const std::vector<std::string>& table,
                             std::string_view key) {
    const std::string k(key);
    Path path;
    bool removed = false;
    text_ = edited(
        text_, display_name(file_), "remove " + k,
        [&](const Layout& L) {
            path = alternative_path(L, alternative);
            for (const auto& t : table) path = plus(path, t);
            auto out = remove_in(L, path, k);
            removed = out.has_value();
            return out ? *out : L.text();
        },
        // The table stays (a model's last key written as a dotted key would take the model
        // with it: refused).
        [&](const Layout& R) {
            auto t = find(R.root(), path);
            if (!t)
                throw StudyEditError(R.file() + ": removing '" + k + "' would remove its table " +
                                     "too (its only key, written as a dotted key); remove the " +
                                     "table itself (remove_model) instead");
            return t->is_table() && !t->as_table()->get(k);
        });
    return removed;
}

bool StudyText::remove_model_value(std::string_view alternative, std::string_view model,
                                   std::string_view key) {
    return remove_value(alternative, {"models", std::string(model)}, key);
}

// ---------------------------------------------------------------------------------------------
// Alternatives and models

namespace {

/// A comment line made only of punctuation ("# -------"): copied above a new alternative.
bool ruler(const Layout& L, std::size_t line) {
    if (!L.is_comment(line)) return false;
    for (std::size_t i = L.line_begin(line); i < L.line_end(line); ++i) {
        const auto c = static_cast<unsigned char>(L.text()[i]);
        if (std::isalnum(c) || c >= 0x80) return false;
    }
    return true;
}

std::string line_text(const Layout& L, std::size_t line) {
    std::string s = L.text().substr(L.line_begin(line), L.line_end(line) - L.line_begin(line));
    while (!s.empty() && (s.back() == '\n' || s.back() == '\r')) s.pop_back();
    return s;
}

std::vector<std::string> with(std::vector<std::string> xs, std::string x) {
    xs.push_back(std::move(x));
    return xs;
}

std::vector<std::string> model_ids(const toml::table& root, const Path& alternative) {
    std::vector<std::string> ids;
    if (auto m = find(root, plus(alternative, "models")); m && m->is_table())
        for (auto&& [k, v] : *m->as_table()) ids.emplace_back(k.str());
    return ids;
}

}  // namespace

void StudyText::add_alternative(std::string_view id, std::string_view name) {
    std::vector<std::string> ids;
    text_ = edited(
        text_, display_name(file_), "add the alternative '" + std::string(id) + "'",
        [&](const Layout& L) {
            check_new_id(L, id);
            ids = ids_in(L.root());
            // Laid out like the last alternative: the blank line and ruler comments above it.
            const Entry* last = nullptr;
            for (const Entry& e : L.entries())
                if (e.kind == Entry::Kind::header &&
                    e.path == std::vector<std::string>{"alternative"})
                    last = &e;
            std::vector<std::string> lines;
            bool blank = L.line_count() > 0;
            if (last) {
                const std::size_t lead = L.lead_start(last->first_line);
                blank = lead > 0 && L.is_blank(lead - 1);
                for (std::size_t l = lead; l < last->first_line; ++l)
                    if (ruler(L, l)) lines.push_back(line_text(L, l));
            }
            if (blank) lines.insert(lines.begin(), "");
            lines.push_back("[[alternative]]");
            lines.push_back("id = " + toml_string(id));
            if (!name.empty()) lines.push_back("name = " + toml_string(name));
            return insert_lines_after(L, L.line_count() ? L.line_count() - 1 : 0, lines);
        },
        [&](const Layout& R) {
            auto a = alternatives(R.root());
            return ids_in(R.root()) == with(ids, std::string(id)) &&
                   (name.empty() || holds(a->back().as_table()->get("name"), std::string(name)));
        });
}

void StudyText::duplicate_alternative(std::string_view source_id, std::string_view new_id,
                                      std::string_view new_name) {
    const std::string file = display_name(file_);
    std::vector<std::string> ids;
    Path copy;
    text_ = edited(
        text_, file, "duplicate the alternative '" + std::string(source_id) + "'",
        [&](const Layout& L) {
            check_new_id(L, new_id);
            ids = ids_in(L.root());
            const Path source = {{"alternative", alternative_index(L, source_id)}};
            auto [from, to] =
                block_of(L, *find(L.root(), source)->as_table(), table_name(L, source));
            // The block from its leading comments to its last line, appended at the end, laid
            // out as it was (a blank line above it when it had one).
            const std::size_t lead = L.lead_start(from);
            std::string text = L.text();
            if (!text.empty() && text.back() != '\n') text += L.newline();
            if (lead > 0 && L.is_blank(lead - 1)) text += L.newline();
            text += L.text().substr(L.line_begin(lead),
                                    L.line_end(L.tail(from, to)) - L.line_begin(lead));
            if (text.back() != '\n') text += L.newline();
            copy = {{"alternative", alternatives(L.root())->size()}};
            // Then its id and name, each changed where it stands.
            const Layout with_copy(text, file);
            const std::string renamed = set_in(with_copy, copy, "id", std::string(new_id));
            const Layout with_id(renamed, file);
            if (new_name.empty()) return remove_in(with_id, copy, "name").value_or(renamed);
            return set_in(with_id, copy, "name", std::string(new_name));
        },
        [&](const Layout& R) {
            const toml::node* name = find(R.root(), plus(copy, "name"));
            return ids_in(R.root()) == with(ids, std::string(new_id)) &&
                   (new_name.empty() ? !name : holds(name, std::string(new_name)));
        });
}

void StudyText::remove_alternative(std::string_view id) {
    std::vector<std::string> ids;
    text_ = edited(
        text_, display_name(file_), "remove the alternative '" + std::string(id) + "'",
        [&](const Layout& L) {
            const Path alt = {{"alternative", alternative_index(L, id)}};
            ids = ids_in(L.root());
            ids.erase(ids.begin() + static_cast<std::ptrdiff_t>(alt[0].index));
            auto [from, to] = block_of(L, *find(L.root(), alt)->as_table(), table_name(L, alt));
            return erase_part(L, L.lead_start(from), L.tail(from, to));
        },
        [&](const Layout& R) { return ids_in(R.root()) == ids; });
}

void StudyText::add_model(std::string_view alternative, std::string_view model) {
    Path alt, table;
    std::vector<std::string> models;
    text_ = edited(
        text_, display_name(file_),
        "add the model '" + std::string(model) + "' to '" + std::string(alternative) + "'",
        [&](const Layout& L) {
            alt = {{"alternative", alternative_index(L, alternative)}};
            table = plus(plus(alt, "models"), std::string(model));
            if (model.empty()) throw StudyEditError(L.file() + ": a model needs an id");
            if (find(L.root(), table))
                throw StudyEditError(L.file() + ": the alternative '" + std::string(alternative) +
                                     "' already has the model '" + std::string(model) + "'");
            models = model_ids(L.root(), alt);
            return create_table(L, table, {}, "");
        },
        [&](const Layout& R) {
            auto t = find(R.root(), table);
            auto now = model_ids(R.root(), alt), expected = with(models, std::string(model));
            std::sort(now.begin(), now.end());
            std::sort(expected.begin(), expected.end());
            return t && t->is_table() && t->as_table()->empty() && now == expected;
        });
}

void StudyText::remove_model(std::string_view alternative, std::string_view model) {
    Path alt;
    std::vector<std::string> models;
    text_ = edited(
        text_, display_name(file_),
        "remove the model '" + std::string(model) + "' from '" + std::string(alternative) + "'",
        [&](const Layout& L) {
            alt = {{"alternative", alternative_index(L, alternative)}};
            models = model_ids(L.root(), alt);
            const auto at = std::find(models.begin(), models.end(), model);
            if (at == models.end())
                throw StudyEditError(L.file() + ": the alternative '" + std::string(alternative) +
                                     "' has no model '" + std::string(model) +
                                     "'; its models are: " + joined(models));
            models.erase(at);
            const Path table = plus(plus(alt, "models"), std::string(model));
            return remove_node(L, *find(L.root(), plus(alt, "models"))->as_table(),
                               std::string(model), table_name(L, table));
        },
        [&](const Layout& R) { return model_ids(R.root(), alt) == models; });
}

bool StudyText::remove_escalation_value(std::string_view alternative, std::string_view line) {
    const std::string l(line);
    Path escalation;
    bool removed = false;
    text_ = edited(
        text_, display_name(file_), "remove the escalation of " + l,
        [&](const Layout& L) {
            escalation = plus(alternative_path(L, alternative), "escalation");
            auto out = remove_in(L, escalation, l);
            if (const auto dot = l.find('.'); !out && dot != std::string::npos)
                out = remove_in(L, plus(escalation, l.substr(0, dot)), l.substr(dot + 1));
            removed = out.has_value();
            return out.value_or(L.text());
        },
        [&](const Layout& R) {
            const auto dot = l.find('.');
            return !find(R.root(), plus(escalation, l)) &&
                   (dot == std::string::npos ||
                    !find(R.root(), plus(plus(escalation, l.substr(0, dot)), l.substr(dot + 1))));
        });
    return removed;
}

}  // namespace eqroi
