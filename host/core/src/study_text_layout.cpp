// The layout of a study file's text: toml++ parses it and gives every value, key and table
// header its source position (line, and column in code points: checked for values of every
// kind, multi-line strings and arrays, inline tables, dates and text after non-ASCII
// characters); this file turns those positions into byte offsets and sorts the statements by
// line, so that every line of the file is known as a header, part of a `key = value`, a
// comment or blank. Also the TOML spelling of keys and values written back.
#include "study_text_detail.hpp"

#include <eqroi/core/diagnostics.hpp>

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <cstdint>

namespace eqroi::study_text_detail {

namespace {

bool starts_with_bom(const std::string& s) {
    return s.size() >= 3 && s.compare(0, 3, "\xEF\xBB\xBF") == 0;
}

/// Well-formed UTF-8 (no overlong forms, surrogates or code points past U+10FFFF): TOML
/// text must be, and a string written with anything else would make the file unreadable.
bool valid_utf8(std::string_view s) {
    for (std::size_t i = 0; i < s.size();) {
        const auto c = static_cast<unsigned char>(s[i]);
        std::size_t more = 0;
        std::uint32_t cp = 0, min = 0;
        if (c < 0x80) {
            ++i;
            continue;
        } else if ((c & 0xE0) == 0xC0) {
            more = 1, cp = c & 0x1F, min = 0x80;
        } else if ((c & 0xF0) == 0xE0) {
            more = 2, cp = c & 0x0F, min = 0x800;
        } else if ((c & 0xF8) == 0xF0) {
            more = 3, cp = c & 0x07, min = 0x10000;
        } else {
            return false;
        }
        if (s.size() - i <= more) return false;
        for (std::size_t k = 1; k <= more; ++k) {
            const auto d = static_cast<unsigned char>(s[i + k]);
            if ((d & 0xC0) != 0x80) return false;
            cp = (cp << 6) | (d & 0x3F);
        }
        if (cp < min || cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) return false;
        i += more + 1;
    }
    return true;
}

bool same_position(const toml::source_position& a, const toml::source_position& b) {
    return a.line == b.line && a.column == b.column;
}

}  // namespace

Layout::Layout(const std::string& text, const std::string& file) : text_(text), file_(file) {
    try {
        root_ = toml::parse(text_, std::string_view(file_));
    } catch (const toml::parse_error& e) {
        const auto& at = e.source().begin;
        throw StudyEditError(
            Diagnostic{SourcePos{file_, static_cast<int>(at.line), static_cast<int>(at.column)},
                       std::string(e.description())}
                .to_string());
    }
    if (!text_.empty()) line_starts_.push_back(0);
    for (std::size_t i = 0; i < text_.size(); ++i) {
        if (text_[i] != '\n') continue;
        if (line_starts_.size() == 1 && i > 0 && text_[i - 1] == '\r') newline_ = "\r\n";
        if (i + 1 < text_.size()) line_starts_.push_back(i + 1);
    }
    std::vector<const toml::table*> chain;
    std::vector<std::string> path;
    collect(root_, chain, path);
    std::stable_sort(entries_.begin(), entries_.end(),
                     [](const Entry& a, const Entry& b) { return a.first_line < b.first_line; });
    owner_.assign(line_count(), -1);
    for (std::size_t i = 0; i < entries_.size(); ++i)
        for (std::size_t l = entries_[i].first_line;
             l <= entries_[i].last_line && l < owner_.size(); ++l)
            owner_[l] = static_cast<int>(i);
}

// A table's source is its header when it has one; a table that a deeper header only implies
// ([a.b] implies [a]) gets that deeper header's position, so it is told apart by a child that
// starts at the same place. A table made by dotted keys starts at its key, not at '['.
bool Layout::defined_by_header(const toml::table& t) const {
    const auto at = t.source().begin;
    const std::size_t b = offset(at);
    if (b >= text_.size() || text_[b] != '[') return false;
    for (auto&& [k, v] : t) {
        if (auto sub = v.as_table(); sub && same_position(sub->source().begin, at)) return false;
        if (auto arr = v.as_array())
            for (auto&& el : *arr)
                if (el.is_table() && same_position(el.source().begin, at)) return false;
    }
    return true;
}

bool Layout::header_array(const toml::array& a) const {
    if (a.empty()) return false;
    for (auto&& el : a) {
        auto t = el.as_table();
        if (!t || t->is_inline()) return false;
    }
    const std::size_t b = begin_of(*a.front().as_table());
    return b < text_.size() && text_[b] == '[';
}

void Layout::collect(const toml::table& t, std::vector<const toml::table*>& chain,
                     std::vector<std::string>& path) {
    chain.push_back(&t);
    for (auto&& [k, v] : t) {
        path.emplace_back(k.str());
        auto header = [&](const toml::table& sub) {
            chain.push_back(&sub);
            const std::size_t line = sub.source().begin.line - 1;
            entries_.push_back({Entry::Kind::header, line, line, &sub, chain, path});
            chain.pop_back();
        };
        if (auto sub = v.as_table(); sub && !sub->is_inline()) {
            if (defined_by_header(*sub)) header(*sub);
            collect(*sub, chain, path);
        } else if (auto arr = v.as_array(); arr && header_array(*arr)) {
            for (auto&& el : *arr) {
                header(*el.as_table());
                collect(*el.as_table(), chain, path);
            }
        } else {
            // Keys never span lines: the statement starts on its key's line (for dotted keys,
            // the last key's line is the first key's line too).
            entries_.push_back({Entry::Kind::keyval, k.source().begin.line - 1,
                                v.source().end.line - 1, &v, chain, path});
        }
        path.pop_back();
    }
    chain.pop_back();
}

std::size_t Layout::content_begin(std::size_t line) const {
    std::size_t b = line_begin(line);
    // toml++ skips a UTF-8 byte order mark without counting it as a column.
    if (line == 0 && starts_with_bom(text_)) b += 3;
    return b;
}

std::size_t Layout::offset(const toml::source_position& p) const {
    if (p.line == 0) return 0;
    const std::size_t line = p.line - 1;
    if (line >= line_count()) return text_.size();
    std::size_t b = content_begin(line);
    // Columns count code points: step over one lead byte and its continuation bytes each.
    for (std::size_t col = 1; col < p.column && b < text_.size(); ++col) {
        ++b;
        while (b < text_.size() && (static_cast<unsigned char>(text_[b]) & 0xC0) == 0x80) ++b;
    }
    return b;
}

std::size_t Layout::line_begin(std::size_t line) const {
    return line < line_count() ? line_starts_[line] : text_.size();
}

std::size_t Layout::line_end(std::size_t line) const {
    return line + 1 < line_count() ? line_starts_[line + 1] : text_.size();
}

bool Layout::is_blank(std::size_t line) const {
    if (line >= line_count() || owner_[line] >= 0) return false;
    for (std::size_t i = content_begin(line); i < line_end(line); ++i)
        if (text_[i] != ' ' && text_[i] != '\t' && text_[i] != '\r' && text_[i] != '\n')
            return false;
    return true;
}

bool Layout::is_comment(std::size_t line) const {
    if (line >= line_count() || owner_[line] >= 0) return false;
    std::size_t i = content_begin(line);
    while (i < line_end(line) && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    return i < line_end(line) && text_[i] == '#';
}

std::string_view Layout::indentation(std::size_t line) const {
    const std::size_t b = content_begin(line);
    std::size_t i = b;
    while (i < line_end(line) && (text_[i] == ' ' || text_[i] == '\t')) ++i;
    return std::string_view(text_).substr(b, i - b);
}

const Entry* Layout::header_of(const toml::table& t) const {
    for (const Entry& e : entries_)
        if (e.kind == Entry::Kind::header && e.node == &t) return &e;
    return nullptr;
}

const Entry* Layout::statement_of(const toml::node& value) const {
    for (const Entry& e : entries_)
        if (e.kind == Entry::Kind::keyval && e.node == &value) return &e;
    return nullptr;
}

std::size_t Layout::next_header_line(std::size_t line) const {
    for (const Entry& e : entries_)
        if (e.kind == Entry::Kind::header && e.first_line > line) return e.first_line;
    return line_count();
}

std::size_t Layout::lead_start(std::size_t line) const {
    while (line > 0 && is_comment(line - 1)) --line;
    return line;
}

std::size_t Layout::tail(std::size_t from, std::size_t to) const {
    std::size_t last = from;
    for (std::size_t l = to; l > from; --l)
        if (owner_[l - 1] >= 0) {
            last = l - 1;
            break;
        }
    std::size_t k = last + 1;
    while (k < to && is_comment(k)) ++k;
    // Comments that run straight into the next header are that header's.
    if (k == to && to < line_count()) return last;
    return k - 1;
}

std::size_t Layout::last_keyval_line(std::size_t from, std::size_t to) const {
    std::size_t last = npos;
    for (const Entry& e : entries_)
        if (e.kind == Entry::Kind::keyval && e.first_line > from && e.first_line < to)
            last = e.last_line;
    return last;
}

std::string key_text(std::string_view key) {
    const bool bare = !key.empty() && std::all_of(key.begin(), key.end(), [](char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
               c == '_' || c == '-';
    });
    return bare ? std::string(key) : toml_string(key);
}

std::string dotted(const std::vector<std::string>& keys) {
    std::string s;
    for (const auto& k : keys) s += (s.empty() ? "" : ".") + key_text(k);
    return s;
}

std::string toml_string(std::string_view s) {
    if (!valid_utf8(s))
        throw StudyEditError("the text \"" + std::string(s) + "\" is not valid UTF-8");
    std::string out = "\"";
    for (char c : s) {
        const auto u = static_cast<unsigned char>(c);
        switch (c) {
            case '"':
                out += "\\\"";
                break;
            case '\\':
                out += "\\\\";
                break;
            case '\b':
                out += "\\b";
                break;
            case '\t':
                out += "\\t";
                break;
            case '\n':
                out += "\\n";
                break;
            case '\f':
                out += "\\f";
                break;
            case '\r':
                out += "\\r";
                break;
            default:
                // Other control characters and DEL may not appear raw in a basic string.
                if (u < 0x20 || u == 0x7F)
                    out += fmt::format("\\u{:04X}", static_cast<unsigned>(u));
                else
                    out += c;
        }
    }
    return out + "\"";
}

std::string number_text(double x, bool integer_if_whole) {
    if (!std::isfinite(x))
        throw StudyEditError(
            fmt::format("{} is not a number a study can hold (nan and infinity "
                        "are refused)",
                        x));
    // Whole numbers up to 2^53 are exact as integers and fit TOML's 64-bit integers.
    if (integer_if_whole && x == std::floor(x) && std::fabs(x) <= 9007199254740992.0)
        return fmt::format("{}", static_cast<std::int64_t>(x));
    std::string s = fmt::format("{}", x);  // shortest text that reads back as x
    if (s.find_first_of(".eE") == std::string::npos) s += ".0";
    return s;
}

std::string value_text(const StudyValue& v, const toml::node* old) {
    if (auto x = std::get_if<double>(&v))
        return number_text(*x, !(old && old->is_floating_point()));
    if (auto b = std::get_if<bool>(&v)) return *b ? "true" : "false";
    if (auto s = std::get_if<std::string>(&v)) return toml_string(*s);
    const auto& xs = std::get<std::vector<double>>(v);
    // Floats stay floats when every number written before was one.
    bool floats = false;
    if (auto a = old ? old->as_array() : nullptr; a && !a->empty())
        floats = std::all_of(a->begin(), a->end(), [](auto&& n) { return n.is_floating_point(); });
    std::string s = "[";
    for (std::size_t i = 0; i < xs.size(); ++i) s += (i ? ", " : "") + number_text(xs[i], !floats);
    return s + "]";
}

namespace {
bool number_is(const toml::node& n, double x) {
    if (auto i = n.as_integer()) return static_cast<double>(i->get()) == x;
    if (auto f = n.as_floating_point()) return f->get() == x;
    return false;
}
}  // namespace

bool holds(const toml::node* n, const StudyValue& v) {
    if (!n) return false;
    if (auto x = std::get_if<double>(&v)) return number_is(*n, *x);
    if (auto b = std::get_if<bool>(&v)) return n->is_boolean() && n->as_boolean()->get() == *b;
    if (auto s = std::get_if<std::string>(&v)) return n->is_string() && n->as_string()->get() == *s;
    const auto& xs = std::get<std::vector<double>>(v);
    auto a = n->as_array();
    if (!a || a->size() != xs.size()) return false;
    for (std::size_t i = 0; i < xs.size(); ++i)
        if (!number_is(*a->get(i), xs[i])) return false;
    return true;
}

}  // namespace eqroi::study_text_detail
