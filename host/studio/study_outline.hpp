// What a study file's text says, read leniently: its tables, keys, values and their positions,
// whether or not the study is valid. The studio builds its tree and forms from this, so a file
// with an out-of-range value or an unknown model still shows (with the error at the field);
// whether the study is valid, and every figure, comes from host/core (parse_study, Engine).
#pragma once

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/study_text.hpp>

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace eqroi::studio {

/// Which table of a study file a key is written in.
enum class Section { study, alternative, capital, equipment, model };

/// A place a form field edits: section, alternative id (not for `study`), model id (for `model`)
/// and key. An empty key names the table itself (a diagnostic on its header line).
struct FieldRef {
    Section section = Section::study;
    std::string alternative, model, key;
    bool operator==(const FieldRef&) const = default;
};

/// One `key = value` as written.
struct WrittenValue {
    std::string key;
    int line = 0, column = 0;  ///< of the key, 1-based
    int end_line = 0;          ///< last line of the value (an array may span lines)
    /// The value, when it is a number, boolean, string or array of numbers; nullopt for other
    /// types (dates, tables, mixed arrays), which `text` then shows.
    std::optional<StudyValue> value;
    std::string text;  ///< the value as TOML writes it, for display
};

/// A table and its keys in file order.
struct WrittenTable {
    bool present = false;  ///< the file has this table
    int line = 0;          ///< of its header (0 for an implicit table)
    std::vector<WrittenValue> keys;
    const WrittenValue* find(std::string_view key) const noexcept;
};

struct OutlineModel {
    std::string id;
    WrittenTable table;
};

/// One [[alternative]]: its own keys (id, name), capital, equipment and model tables.
struct OutlineAlternative {
    std::string id, name;
    int line = 0;
    WrittenTable own, capital, equipment;
    std::vector<OutlineModel> models;  ///< in file order
    const OutlineModel* find_model(std::string_view model) const noexcept;
};

/// The structure of a study text. Cheap to rebuild after each edit (one toml++ parse).
struct StudyOutline {
    /// False when the text is not TOML: `syntax_error` then says where and why, as
    /// file:line:col, and the rest is empty.
    bool valid_toml = false;
    Diagnostic syntax_error;
    WrittenTable study;
    std::vector<OutlineAlternative> alternatives;  ///< in file order (ids may be missing)

    /// Reads a study text; never throws. `file` is used in the syntax error's position.
    static StudyOutline read(std::string_view text, const std::string& file);

    const OutlineAlternative* find(std::string_view alternative) const noexcept;
    /// The written value a field edits, or nullptr when the file does not give it.
    const WrittenValue* find(const FieldRef& field) const noexcept;
    /// The key (or table header) written at this line, for mapping a diagnostic to its field.
    std::optional<FieldRef> field_at(int line) const;
};

/// A value as the form shows it: "9000", "0.015", "true", "overtime", "0, 100, 250".
std::string display_text(const StudyValue& value);

}  // namespace eqroi::studio
