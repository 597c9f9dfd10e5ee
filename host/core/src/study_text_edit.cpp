// The edits study_text.cpp is made of: find a table or value by its path, change a value where
// it stands, add a key or a table where the file's own layout puts it, remove a key, a table
// or an alternative's block with the lines around it, so that every other byte stays.
#include "study_text_detail.hpp"

#include <algorithm>

namespace eqroi::study_text_detail {

Path plus(Path p, std::string key) {
    p.push_back({std::move(key)});
    return p;
}

std::vector<std::string> keys_of(const Path& p) {
    std::vector<std::string> keys;
    for (const auto& s : p) keys.push_back(s.key);
    return keys;
}

const toml::node* find(const toml::table& root, const Path& p) {
    const toml::node* n = &root;
    for (const Step& s : p) {
        auto t = n->as_table();
        if (!t || !(n = t->get(s.key))) return nullptr;
        if (s.index != npos) {
            auto a = n->as_array();
            if (!a || s.index >= a->size()) return nullptr;
            n = a->get(s.index);
        }
    }
    return n;
}

// ---------------------------------------------------------------------------------------------
// Alternatives

const toml::array* alternatives(const toml::table& root) {
    auto a = root.get_as<toml::array>("alternative");
    return a && a->is_array_of_tables() ? a : nullptr;
}

std::vector<std::string> ids_in(const toml::table& root) {
    std::vector<std::string> ids;
    if (auto a = alternatives(root))
        for (auto&& el : *a)
            if (auto id = el.as_table()->get_as<std::string>("id")) ids.push_back(id->get());
    return ids;
}

std::string joined(const std::vector<std::string>& xs) {
    std::string s;
    for (const auto& x : xs) s += (s.empty() ? "" : ", ") + x;
    return s.empty() ? "none" : s;
}

/// Index of the alternative with this id in [[alternative]]; throws naming the ids there are.
std::size_t alternative_index(const Layout& L, std::string_view id) {
    if (auto a = alternatives(L.root()))
        for (std::size_t i = 0; i < a->size(); ++i)
            if (auto x = a->get(i)->as_table()->get_as<std::string>("id"); x && x->get() == id)
                return i;
    throw StudyEditError(L.file() + ": no alternative '" + std::string(id) +
                         "'; the alternatives are: " + joined(ids_in(L.root())));
}

static bool valid_id(std::string_view id) {
    return !id.empty() && std::all_of(id.begin(), id.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
    });
}

void check_new_id(const Layout& L, std::string_view id) {
    if (!valid_id(id))
        throw StudyEditError(L.file() + ": the alternative id '" + std::string(id) +
                             "' may hold only a-z, 0-9, '_' and '-' (and not be empty)");
    const auto ids = ids_in(L.root());
    if (std::find(ids.begin(), ids.end(), id) != ids.end())
        throw StudyEditError(L.file() + ": an alternative with id '" + std::string(id) +
                             "' already exists");
}

/// "[alternative.models.maintenance] of alternative 'buy_a'", "[study]": for messages.
std::string table_name(const Layout& L, const Path& table) {
    std::string name = table.size() == 1 && table[0].index != npos
                           ? "[[" + dotted(keys_of(table)) + "]]"
                           : "[" + dotted(keys_of(table)) + "]";
    if (!table.empty() && table[0].index != npos) {
        auto a = alternatives(L.root());
        auto id = a ? a->get(table[0].index)->as_table()->get_as<std::string>("id") : nullptr;
        name += " of alternative '" + (id ? id->get() : std::to_string(table[0].index + 1)) + "'";
    }
    return name;
}

// ---------------------------------------------------------------------------------------------
// Splicing

std::string apply(const std::string& text, std::vector<Splice> splices) {
    std::sort(splices.begin(), splices.end(),
              [](const Splice& a, const Splice& b) { return a.begin > b.begin; });
    std::string out = text;
    for (const auto& s : splices) out.replace(s.begin, s.end - s.begin, s.with);
    return out;
}

std::string splice(const std::string& text, std::size_t b, std::size_t e, std::string_view with) {
    return apply(text, {{b, e, std::string(with)}});
}

/// Inserts whole lines after line `line` (`lines` joined by the file's newline).
std::string insert_lines_after(const Layout& L, std::size_t line,
                               const std::vector<std::string>& lines) {
    const std::string nl(L.newline());
    std::string s;
    for (const auto& l : lines) s += l + nl;
    const std::string& text = L.text();
    const std::size_t at = L.line_count() == 0 ? 0 : L.line_end(line);
    if (at == text.size() && !text.empty() && text.back() != '\n')
        s = nl + s.substr(0, s.size() - nl.size());
    return splice(text, at, at, s);
}

/// Removes lines first..last. At the end of a text without a final newline, the newline
/// before them goes instead, so no empty line is left behind.
std::string erase_lines(const Layout& L, std::size_t first, std::size_t last) {
    const std::string& text = L.text();
    std::size_t b = L.line_begin(first);
    const std::size_t e = L.line_end(last);
    if (e == text.size() && text.back() != '\n' && b > 0) {
        --b;
        if (b > 0 && text[b - 1] == '\r') --b;
    }
    return splice(text, b, e, "");
}

/// Removes a part of the file (lines first..last: a table with its keys, an alternative's
/// block) and one of the blank-line runs around it, so the tables around keep one separator.
std::string erase_part(const Layout& L, std::size_t first, std::size_t last) {
    std::size_t after = last;
    while (after + 1 < L.line_count() && L.is_blank(after + 1)) ++after;
    if (after > last) return erase_lines(L, first, after);
    while (first > 0 && L.is_blank(first - 1)) --first;
    return erase_lines(L, first, last);
}

/// The end of the last value written in a table (an inline one, or one made by dotted keys).
static std::size_t last_end(const Layout& L, const toml::table& t) {
    std::size_t end = 0;
    for (auto&& [k, v] : t) {
        auto sub = v.as_table();
        end = std::max(end, sub && !sub->is_inline() ? last_end(L, *sub) : L.end_of(v));
    }
    return end;
}

/// The last `key = value` statement that writes into table `t` as a dotted key from the
/// section of an enclosing table, with the keys from that table down to `t`; nullptr when the
/// table is not made by dotted keys.
static const Entry* dotted_anchor(const Layout& L, const toml::table& t,
                                  std::vector<std::string>* keys) {
    const Entry* section = nullptr;
    const Entry* found = nullptr;
    for (const Entry& e : L.entries()) {
        if (e.kind == Entry::Kind::header) {
            section = &e;
            continue;
        }
        auto at = std::find(e.chain.begin(), e.chain.end(), &t);
        if (at == e.chain.end()) continue;
        const std::size_t j = static_cast<std::size_t>(at - e.chain.begin());
        const std::size_t s = section ? section->path.size() : 0;
        if (s >= j) continue;  // written in t's own section (or a deeper one)
        found = &e;
        if (keys)
            keys->assign(e.path.begin() + static_cast<std::ptrdiff_t>(s),
                         e.path.begin() + static_cast<std::ptrdiff_t>(j));
    }
    return found;
}

// ---------------------------------------------------------------------------------------------
// Changing a value where it stands

static bool plain_numbers(const toml::array& a) {
    return std::all_of(a.begin(), a.end(), [](auto&& n) { return n.is_number(); });
}

/// Only spaces, tabs, commas and a comment from `b` to the end of the line.
static bool rest_of_line_is_separator(const std::string& text, std::size_t b) {
    for (; b < text.size() && text[b] != '\n'; ++b) {
        if (text[b] == '#') return true;
        if (text[b] != ' ' && text[b] != '\t' && text[b] != ',' && text[b] != '\r') return false;
    }
    return true;
}

/// Per-period values: each number that changes is rewritten where it stands, so the layout
/// of an array over several lines and its comments stay; new periods are appended after the
/// last number; periods dropped go with their lines when each stood on its own line.
static std::string edit_numbers(const Layout& L, const toml::array& a,
                                const std::vector<double>& xs) {
    const std::string& text = L.text();
    if (xs.empty() || a.empty())
        return splice(text, L.begin_of(a), L.end_of(a), value_text(xs, &a));
    std::vector<Splice> splices;
    const std::size_t keep = std::min(a.size(), xs.size());
    for (std::size_t i = 0; i < keep; ++i)
        if (!holds(a.get(i), xs[i]))
            splices.push_back({L.begin_of(*a.get(i)), L.end_of(*a.get(i)),
                               number_text(xs[i], !a.get(i)->is_floating_point())});
    const toml::node& last_kept = *a.get(keep - 1);
    if (xs.size() > a.size()) {
        std::string more;
        for (std::size_t i = keep; i < xs.size(); ++i)
            more += ", " + number_text(xs[i], !last_kept.is_floating_point());
        splices.push_back({L.end_of(last_kept), L.end_of(last_kept), more});
    } else if (xs.size() < a.size()) {
        const toml::node& first_gone = *a.get(keep);
        const toml::node& last_gone = *a.get(a.size() - 1);
        const std::size_t first_line = first_gone.source().begin.line - 1;
        const bool own_lines =
            last_kept.source().end.line - 1 < first_line &&
            L.indentation(first_line).size() == L.begin_of(first_gone) - L.line_begin(first_line) &&
            rest_of_line_is_separator(text, L.end_of(last_gone));
        if (own_lines)
            splices.push_back(
                {L.line_begin(first_line), L.line_end(last_gone.source().end.line - 1), ""});
        else
            splices.push_back({L.end_of(last_kept), L.end_of(last_gone), ""});
    }
    return apply(text, std::move(splices));
}

static std::string replace_value(const Layout& L, const toml::node& old, const StudyValue& v,
                                 const std::string& what) {
    if (old.is_table() || old.is_array_of_tables())
        throw StudyEditError(L.file() + ": " + what + " is a table, not a value");
    if (holds(&old, v)) return L.text();  // unchanged: keep the user's spelling (1_000, 5e3)
    auto xs = std::get_if<std::vector<double>>(&v);
    if (auto a = old.as_array(); xs && a && plain_numbers(*a)) return edit_numbers(L, *a, *xs);
    return splice(L.text(), L.begin_of(old), L.end_of(old), value_text(v, &old));
}

// ---------------------------------------------------------------------------------------------
// Adding keys and tables

/// Adds `keys = value` (keys relative to `t`, dotted when more than one) to an existing table:
/// inside an inline table's braces, after the last key line of a table's header section
/// (with that line's indentation), or after the last dotted key that writes the table.
std::string insert_key(const Layout& L, const toml::table& t, const std::vector<std::string>& keys,
                       const std::string& value, const std::string& what) {
    const std::string assignment = dotted(keys) + " = " + value;
    if (t.is_inline()) {
        if (t.empty())
            return splice(L.text(), L.begin_of(t), L.end_of(t), "{ " + assignment + " }");
        const std::size_t at = last_end(L, t);
        return splice(L.text(), at, at, ", " + assignment);
    }
    if (const Entry* h = L.header_of(t)) {
        const std::size_t line = h->first_line;
        const std::size_t to = L.next_header_line(line);
        const Entry* last = nullptr;
        for (const Entry& e : L.entries())
            if (e.kind == Entry::Kind::keyval && e.first_line > line && e.first_line < to)
                last = &e;
        if (last)
            return insert_lines_after(L, last->last_line,
                                      {std::string(L.indentation(last->first_line)) + assignment});
        // An empty table: after the header and the comments right under it, unless those
        // lead into the next header.
        std::size_t k = line + 1;
        while (k < to && L.is_comment(k)) ++k;
        const std::size_t anchor = (k == to && to < L.line_count()) ? line : k - 1;
        return insert_lines_after(L, anchor, {std::string(L.indentation(line)) + assignment});
    }
    std::vector<std::string> prefix;
    if (const Entry* e = dotted_anchor(L, t, &prefix)) {
        prefix.insert(prefix.end(), keys.begin(), keys.end());
        return insert_lines_after(
            L, e->last_line,
            {std::string(L.indentation(e->first_line)) + dotted(prefix) + " = " + value});
    }
    throw StudyEditError(L.file() + ": cannot add '" + dotted(keys) + "' to " + what +
                         ": the table is only implied by the headers of its sub-tables");
}

/// Whether the file leaves a blank line before a table header: as the last sub-table header
/// of this alternative's block does, else as the first sub-table header of the file does.
static bool blank_before_tables(const Layout& L, std::size_t from, std::size_t to) {
    const Entry* sample = nullptr;
    for (const Entry& e : L.entries())
        if (e.kind == Entry::Kind::header && e.first_line > from && e.first_line < to) sample = &e;
    if (!sample)
        for (const Entry& e : L.entries())
            if (e.kind == Entry::Kind::header && e.path.size() >= 2) {
                sample = &e;
                break;
            }
    if (!sample)
        for (const Entry& e : L.entries())
            if (e.kind == Entry::Kind::header && e.first_line > 0) {
                sample = &e;
                break;
            }
    if (!sample) return false;
    const std::size_t lead = L.lead_start(sample->first_line);
    return lead > 0 && L.is_blank(lead - 1);
}

/// First and one-past-last line of an alternative's block: its header line, and the next
/// header that is not one of its own tables (or the end of the file).
std::pair<std::size_t, std::size_t> block_of(const Layout& L, const toml::table& alt,
                                             const std::string& what) {
    const Entry* h = L.header_of(alt);
    if (!h)
        throw StudyEditError(L.file() + ": " + what +
                             " is not written as an [[alternative]] "
                             "table; edit it by hand");
    std::size_t to = L.line_count();
    for (const Entry& e : L.entries())
        if (e.kind == Entry::Kind::header && e.first_line > h->first_line &&
            std::find(e.chain.begin(), e.chain.end(), &alt) == e.chain.end()) {
            to = e.first_line;
            break;
        }
    for (const Entry& e : L.entries())
        if (e.kind == Entry::Kind::header && e.first_line > to &&
            std::find(e.chain.begin(), e.chain.end(), &alt) != e.chain.end())
            throw StudyEditError(L.file() + ":" + std::to_string(e.first_line + 1) +
                                 ": a table of " + what +
                                 " stands apart from its [[alternative]] block; move it "
                                 "there by hand first");
    return {h->first_line, to};
}

/// Creates the missing table at `table` (with `keys = value` when keys is not empty): a new
/// header section at the end of its alternative's block (or, for a top-level table, before
/// the alternatives), unless an enclosing table is written inline or with dotted keys or as
/// a section of its own, which then gets a dotted key (`models.downtime.mtbf_hours = ...`).
std::string create_table(const Layout& L, const Path& table, const std::vector<std::string>& keys,
                         const std::string& value) {
    // The deepest table on the path that exists, and the keys below it that do not.
    const toml::table* d = &L.root();
    std::size_t found = 0;
    for (; found < table.size(); ++found) {
        const Path upto(table.begin(), table.begin() + static_cast<std::ptrdiff_t>(found + 1));
        const toml::node* n = find(L.root(), upto);
        if (!n) break;
        if (!n->is_table())
            throw StudyEditError(L.file() + ": " + table_name(L, upto) + " is not a table");
        d = n->as_table();
    }
    std::vector<std::string> rest;
    for (std::size_t i = found; i < table.size(); ++i) rest.push_back(table[i].key);
    // An [[alternative]] and the root hold sections; any other table that exists is extended
    // in its own style: inside its braces, as a dotted key in its section, or next to the
    // dotted keys that make it.
    const bool holds_sections = found == 0 || table[found - 1].index != npos;
    const bool own_section = L.header_of(*d) != nullptr;
    const bool dotted_keys = !own_section && dotted_anchor(L, *d, nullptr) != nullptr;
    if (d->is_inline() || (!holds_sections && (own_section || dotted_keys))) {
        rest.insert(rest.end(), keys.begin(), keys.end());
        return insert_key(L, *d, rest, keys.empty() ? "{}" : value, table_name(L, table));
    }
    std::vector<std::string> lines{"[" + dotted(keys_of(table)) + "]"};
    if (!keys.empty()) lines.push_back(dotted(keys) + " = " + value);
    if (!table.empty() && table[0].index != npos) {
        const Path alternative(table.begin(), table.begin() + 1);
        const auto [from, to] =
            block_of(L, *find(L.root(), alternative)->as_table(), table_name(L, alternative));
        if (blank_before_tables(L, from, to)) lines.insert(lines.begin(), "");
        return insert_lines_after(L, L.tail(from, to), lines);
    }
    // A top-level table ([study]): before the alternatives and the comments leading to them.
    for (const Entry& e : L.entries())
        if (e.kind == Entry::Kind::header) {
            const std::size_t at = L.line_begin(L.lead_start(e.first_line));
            if (blank_before_tables(L, 0, 0)) lines.push_back("");
            std::string s;
            for (const auto& l : lines) s += l + std::string(L.newline());
            return splice(L.text(), at, at, s);
        }
    if (L.line_count() > 0) lines.insert(lines.begin(), "");
    return insert_lines_after(L, L.line_count() ? L.line_count() - 1 : 0, lines);
}

/// Sets `key` of the table at `table`, creating the key or the table when missing.
std::string set_in(const Layout& L, const Path& table, const std::string& key,
                   const StudyValue& v) {
    const std::string what = table_name(L, table);
    const toml::node* t = find(L.root(), table);
    if (t && !t->is_table()) throw StudyEditError(L.file() + ": " + what + " is not a table");
    if (!t) return create_table(L, table, {key}, value_text(v, nullptr));
    if (const toml::node* old = t->as_table()->get(key))
        return replace_value(L, *old, v, "'" + key + "' in " + what);
    return insert_key(L, *t->as_table(), {key}, value_text(v, nullptr), what);
}

// ---------------------------------------------------------------------------------------------
// Removing

/// Removes key `key` of table `parent` with its value (a table with all its keys).
std::string remove_node(const Layout& L, const toml::table& parent, const std::string& key,
                        const std::string& what) {
    const toml::node& n = *parent.get(key);
    if (const Entry* e = L.statement_of(n)) return erase_lines(L, e->first_line, e->last_line);
    if (auto t = n.as_table(); t && !t->is_inline()) {
        if (const Entry* h = L.header_of(*t)) {
            for (const Entry& e : L.entries())
                if (e.kind == Entry::Kind::header && &e != h &&
                    std::find(e.chain.begin(), e.chain.end(), t) != e.chain.end())
                    throw StudyEditError(L.file() + ": " + what +
                                         " has tables of its own; "
                                         "remove them by hand");
            const std::size_t to = L.next_header_line(h->first_line);
            return erase_part(L, L.lead_start(h->first_line), L.tail(h->first_line, to));
        }
        // Made by dotted keys: every statement that writes into it goes.
        std::vector<Splice> gone;
        for (const Entry& e : L.entries())
            if (std::find(e.chain.begin(), e.chain.end(), t) != e.chain.end())
                gone.push_back({L.line_begin(e.first_line), L.line_end(e.last_line), ""});
        if (gone.empty())
            throw StudyEditError(L.file() + ": " + what + " is only implied by other tables");
        return apply(L.text(), std::move(gone));
    }
    if (!parent.is_inline())
        throw StudyEditError(L.file() + ": cannot remove " + what + " in place; edit it by hand");
    if (parent.size() == 1) return splice(L.text(), L.begin_of(parent), L.end_of(parent), "{}");
    // Inside braces: `a = 1, b = 2` loses `a = 1, ` or `, b = 2`.
    std::size_t kb = 0, prev_end = 0, next_key = npos;
    for (auto&& [k, v] : parent)
        if (&v == &n) kb = L.offset(k.source().begin);
    const std::size_t ve = n.is_table() ? last_end(L, *n.as_table()) : L.end_of(n);
    for (auto&& [k, v] : parent) {
        if (&v == &n) continue;
        const std::size_t b = L.offset(k.source().begin);
        const std::size_t e =
            v.is_table() && !v.as_table()->is_inline() ? last_end(L, *v.as_table()) : L.end_of(v);
        if (b > ve) next_key = std::min(next_key, b);
        if (e <= kb) prev_end = std::max(prev_end, e);
    }
    return next_key != npos ? splice(L.text(), kb, next_key, "")
                            : splice(L.text(), prev_end, ve, "");
}

std::optional<std::string> remove_in(const Layout& L, const Path& table, const std::string& key) {
    const toml::node* t = find(L.root(), table);
    if (!t || !t->is_table() || !t->as_table()->get(key)) return std::nullopt;
    const toml::node& n = *t->as_table()->get(key);
    const std::string what = "'" + key + "' in " + table_name(L, table);
    if (n.is_table() || n.is_array_of_tables())
        throw StudyEditError(L.file() + ": " + what + " is a table, not a value");
    return remove_node(L, *t->as_table(), key, what);
}

}  // namespace eqroi::study_text_detail
