// Private to study_text*.cpp: the layout of a study file's text as toml++ sees it (which lines
// are table headers, which hold `key = value`, which are comments or blank), byte offsets of
// toml++'s source positions, and the TOML spelling of keys and values.
#pragma once

#include <eqroi/core/study_text.hpp>

#include <toml++/toml.h>

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace eqroi::study_text_detail {

/// One statement of the file: a table header line (`[a.b]`, `[[alternative]]`), or a
/// `key = value` (several lines when the value spans lines). Keys inside inline tables and
/// arrays are part of their parent's statement.
struct Entry {
    enum class Kind { header, keyval };
    Kind kind = Kind::keyval;
    std::size_t first_line = 0, last_line = 0;  ///< 0-based, inclusive
    const toml::node* node = nullptr;           ///< the header's table, or the key's value
    /// Tables from the root down to the one the statement is in; for a header, down to and
    /// including the header's own table.
    std::vector<const toml::table*> chain;
    /// Keys from the root: a header's table path, or a key's full dotted path. An element of
    /// an array of tables adds its array's key once (`alternative`, not an index).
    std::vector<std::string> path;
};

/// A parsed study text with every statement located by line. Keeps a reference to the text
/// (which must outlive it) and owns the toml++ tree the entries point into, so it is neither
/// copyable nor movable.
class Layout {
public:
    /// Throws StudyEditError("file:line:col: reason") when the text is not valid TOML.
    Layout(const std::string& text, const std::string& file);
    Layout(const Layout&) = delete;
    Layout& operator=(const Layout&) = delete;

    const std::string& text() const noexcept { return text_; }
    const std::string& file() const noexcept { return file_; }
    const toml::table& root() const noexcept { return root_; }
    /// "\r\n" when the file's lines end so, else "\n".
    std::string_view newline() const noexcept { return newline_; }

    /// Byte offset of a toml++ position (line and column count from 1, columns in code points).
    std::size_t offset(const toml::source_position& p) const;
    std::size_t begin_of(const toml::node& n) const { return offset(n.source().begin); }
    std::size_t end_of(const toml::node& n) const { return offset(n.source().end); }

    std::size_t line_count() const noexcept { return line_starts_.size(); }
    std::size_t line_begin(std::size_t line) const;
    /// Just after the line's newline, or the end of the text.
    std::size_t line_end(std::size_t line) const;
    /// Neither in a statement nor a comment: only spaces and tabs.
    bool is_blank(std::size_t line) const;
    /// A line holding only a comment.
    bool is_comment(std::size_t line) const;
    /// The spaces and tabs a line starts with.
    std::string_view indentation(std::size_t line) const;

    /// Every statement, in file order.
    const std::vector<Entry>& entries() const noexcept { return entries_; }
    /// The header line that defines this table, or nullptr (inline table, or a table made by
    /// dotted keys or implied by a deeper header).
    const Entry* header_of(const toml::table& t) const;
    /// The `key = value` statement whose value is this node, or nullptr (a value inside an
    /// inline table or an array).
    const Entry* statement_of(const toml::node& value) const;
    /// First line of the header that follows `line`, or line_count().
    std::size_t next_header_line(std::size_t line) const;
    /// First line of the comment lines directly above `line` (no blank line between), or
    /// `line` itself.
    std::size_t lead_start(std::size_t line) const;
    /// The last line belonging to the part of the file that starts at header line `from` and
    /// ends before line `to` (a later header, or line_count()): its last statement, then the
    /// comment lines right after it unless they lead straight into the header at `to`.
    std::size_t tail(std::size_t from, std::size_t to) const;
    /// Last line of the last `key = value` statement between lines `from` and `to`
    /// (exclusive), or npos.
    std::size_t last_keyval_line(std::size_t from, std::size_t to) const;

    static constexpr std::size_t npos = static_cast<std::size_t>(-1);

private:
    void collect(const toml::table& t, std::vector<const toml::table*>& chain,
                 std::vector<std::string>& path);
    bool defined_by_header(const toml::table& t) const;
    bool header_array(const toml::array& a) const;
    std::size_t content_begin(std::size_t line) const;  // after a BOM on line 0

    const std::string& text_;
    std::string file_;
    toml::table root_;
    std::string_view newline_ = "\n";
    std::vector<std::size_t> line_starts_;
    std::vector<Entry> entries_;
    std::vector<int> owner_;  // per line: index in entries_ of the statement on it, or -1
};

/// A key as TOML writes it: bare when it can be, else a quoted string.
std::string key_text(std::string_view key);
/// Keys joined with dots, each written by key_text.
std::string dotted(const std::vector<std::string>& keys);
/// A TOML basic string: quotes, backslashes and control characters escaped.
std::string toml_string(std::string_view s);
/// A finite number: as an integer when whole and `integer_if_whole` (and small enough to be
/// exact), else the shortest text that reads back as the same double, always with a '.' or an
/// exponent so TOML reads a float. Throws StudyEditError for nan and infinity.
std::string number_text(double x, bool integer_if_whole);
/// The text of a value to write where `old` stood (nullptr for a new key): numbers keep
/// being integers or floats as `old` was; a new whole number is written as an integer.
std::string value_text(const StudyValue& v, const toml::node* old);
/// Whether a node holds exactly this value (numbers compared as doubles).
bool holds(const toml::node* n, const StudyValue& v);

// ---------------------------------------------------------------------------------------------
// Edits (study_text_edit.cpp). Each takes the parsed text and returns the edited text, or
// throws StudyEditError naming the file and why; none changes anything else.

constexpr std::size_t npos = Layout::npos;

/// One step from the root: a key, and for an array of tables the element's index.
struct Step {
    std::string key;
    std::size_t index = npos;
};
using Path = std::vector<Step>;

Path plus(Path p, std::string key);
std::vector<std::string> keys_of(const Path& p);
/// The node at `p`, or nullptr.
const toml::node* find(const toml::table& root, const Path& p);

/// [[alternative]] when it is an array of tables, else nullptr.
const toml::array* alternatives(const toml::table& root);
/// The alternatives' ids in file order (those that have one).
std::vector<std::string> ids_in(const toml::table& root);
/// "a, b, c", or "none".
std::string joined(const std::vector<std::string>& xs);
/// Index of the alternative with this id; throws naming the ids there are.
std::size_t alternative_index(const Layout& L, std::string_view id);
/// Throws unless `id` is a valid alternative id that no alternative has yet.
void check_new_id(const Layout& L, std::string_view id);
/// "[alternative.models.maintenance] of alternative 'buy_a'", "[study]": for messages.
std::string table_name(const Layout& L, const Path& table);

/// Bytes begin..end of the text replaced by `with`.
struct Splice {
    std::size_t begin, end;
    std::string with;
};
/// Applies splices that do not overlap, in any order.
std::string apply(const std::string& text, std::vector<Splice> splices);
std::string splice(const std::string& text, std::size_t b, std::size_t e, std::string_view with);
/// Inserts whole lines after line `line`, each ended by the file's newline.
std::string insert_lines_after(const Layout& L, std::size_t line,
                               const std::vector<std::string>& lines);
/// Removes lines first..last (inclusive).
std::string erase_lines(const Layout& L, std::size_t first, std::size_t last);
/// Removes lines first..last and the blank lines after them (else before them), so the
/// parts around keep one separator.
std::string erase_part(const Layout& L, std::size_t first, std::size_t last);

/// An alternative's block: its header line and the line of the next header that is not one
/// of its tables (or line_count()). Throws when the alternative has no header or a table of
/// it stands outside the block.
std::pair<std::size_t, std::size_t> block_of(const Layout& L, const toml::table& alt,
                                             const std::string& what);
/// Adds `keys = value` (keys relative to the existing table `t`).
std::string insert_key(const Layout& L, const toml::table& t, const std::vector<std::string>& keys,
                       const std::string& value, const std::string& what);
/// Creates the missing table at `table`, with `keys = value` in it unless keys is empty.
std::string create_table(const Layout& L, const Path& table, const std::vector<std::string>& keys,
                         const std::string& value);
/// Sets `key` of the table at `table` (creating the key, or the table, when missing).
std::string set_in(const Layout& L, const Path& table, const std::string& key, const StudyValue& v);
/// Removes key `key` of table `parent` and its value (a table with all its keys and lines).
std::string remove_node(const Layout& L, const toml::table& parent, const std::string& key,
                        const std::string& what);
/// Removes `key = value` from the table at `table`; nullopt when it is not there.
std::optional<std::string> remove_in(const Layout& L, const Path& table, const std::string& key);

}  // namespace eqroi::study_text_detail
