// Editing a study file's text in place: a value the user changes is rewritten where it stands,
// and every other byte (comments, key order, blank lines, layout) stays as the user wrote it.
// Used by the studio (save keeps the user's file) and by anything else that edits studies.
//
// Positions come from toml++ (every node's source region). An edit parses the current text,
// finds the table and key, and splices: replaces the value's characters, or inserts a new
// `key = value` line after the table's last key line, or adds a table at the end of its
// alternative's block (before the blank lines and comments that lead to the next one). The
// result is parsed again and the value read back before it is accepted, so an edit can never
// leave text that is not valid TOML or that says something else.
//
//     eqroi::StudyText t(read_file("cnc.toml"), "cnc.toml");
//     t.set_model_value("buy_a", "maintenance", "overhaul_cost", 52000.0);
//     write_file_atomic("cnc.toml", t.text());   // only that number changed
#pragma once

#include <cstdint>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace eqroi {

/// A value as a study file writes it: a number (written as an integer when it is whole,
/// unless the value it replaces was written as a float; else the shortest text that reads
/// back as the same double, fmt's "{}"), true/false, a string (TOML-escaped), or an array of
/// numbers (per-period values). Pass numbers as doubles (5000.0): an int does not convert.
using StudyValue = std::variant<double, bool, std::string, std::vector<double>>;

/// The text of one study file and in-place edits of it. Not thread-safe; cheap to copy (the
/// studio keeps copies for undo).
class StudyText {
public:
    /// `file` is only used in error messages. The text need not be a valid study (the studio
    /// opens broken files to show their errors), but every edit needs it to be valid TOML.
    explicit StudyText(std::string text, std::filesystem::path file = {});

    const std::string& text() const noexcept { return text_; }
    const std::filesystem::path& file() const noexcept { return file_; }

    // Setting a value. A value that is written is replaced where it stands (per-period arrays
    // number by number, so an array over several lines keeps its layout and comments); setting
    // the value it already holds changes nothing. A missing key gets its own line after the
    // table's last key line, indented like it; a missing table is added at the end of its
    // alternative's block. Tables written inline (`capital = { price = 1 }`) or with dotted
    // keys (`models.maintenance.overhaul_cost = 1`) are edited in that same style.
    // Throws StudyEditError (text unchanged) when the text is not valid TOML, the alternative
    // does not exist (the message lists the ids), the key names a table, or the number is
    // nan or infinite.

    /// Sets `[study] key = value`.
    void set_study_value(std::string_view key, const StudyValue& value);
    /// Sets a key of the alternative with this id in one of its tables: `table` is the path
    /// below `[[alternative]]`: {} for its own table (`name`; `id` must stay a unique valid
    /// id), {"capital"}, {"models", "maintenance"}... The named setters below call this.
    void set_value(std::string_view alternative, const std::vector<std::string>& table,
                   std::string_view key, const StudyValue& value);
    /// The alternative's own table: `name`, `id`.
    void set_alternative_value(std::string_view alternative, std::string_view key,
                               const StudyValue& value);
    /// `[alternative.equipment]`
    void set_equipment_value(std::string_view alternative, std::string_view key,
                             const StudyValue& value);
    /// `[alternative.capital]`
    void set_capital_value(std::string_view alternative, std::string_view key,
                           const StudyValue& value);
    /// `[alternative.financing]`
    void set_financing_value(std::string_view alternative, std::string_view key,
                             const StudyValue& value);
    /// `[alternative.models.<model>]` (created at the end of the alternative's block when the
    /// alternative does not use the model yet).
    void set_model_value(std::string_view alternative, std::string_view model, std::string_view key,
                         const StudyValue& value);
    /// `[alternative.escalation]` line `model.line` (e.g. "maintenance.preventive"): replaced
    /// where it is written, quoted or as a dotted key; a new one is written as a dotted key.
    void set_escalation_value(std::string_view alternative, std::string_view line,
                              const StudyValue& value);

    // Removing a value: its whole statement goes (every line of it, with a comment on its
    // line), so the value is inherited again (equipment block, study, declared default).
    // Each returns false when the key is not there. Throws StudyEditError as the setters do,
    // and when the key names a table or removing it would remove its table too (a model's
    // last key written as a dotted key: remove the model instead).

    bool remove_study_value(std::string_view key);
    /// `table` as for set_value.
    bool remove_value(std::string_view alternative, const std::vector<std::string>& table,
                      std::string_view key);
    bool remove_model_value(std::string_view alternative, std::string_view model,
                            std::string_view key);
    bool remove_escalation_value(std::string_view alternative, std::string_view line);

    /// Appends `[[alternative]] id = ..., name = ...` at the end of the file (no name line when
    /// `name` is empty), laid out like the last alternative (the blank line and ruler comment
    /// above it). Throws when the id is taken or holds more than a-z, 0-9, '_' and '-'.
    void add_alternative(std::string_view id, std::string_view name);
    /// Appends a copy of an alternative's whole text block (its tables, comments included) with
    /// a new id and name (an empty name removes the name line: the name is then the id).
    void duplicate_alternative(std::string_view source_id, std::string_view new_id,
                               std::string_view new_name);
    /// Removes an alternative's whole block: from the comment lines right above its
    /// `[[alternative]]` line to its last line (comments directly above the next alternative
    /// are that one's), and one blank-line run next to it.
    void remove_alternative(std::string_view id);
    /// Adds an empty `[alternative.models.<model>]` table at the end of the alternative's
    /// block (before the blank and comment lines that lead to the next alternative).
    /// Throws when the alternative already has that model.
    void add_model(std::string_view alternative, std::string_view model);
    /// Removes the alternative's `[alternative.models.<model>]` table and its keys (and the
    /// comments right above its header). Throws naming the alternative's models when it has
    /// no such model.
    void remove_model(std::string_view alternative, std::string_view model);

    /// Ids of the alternatives, in file order (empty when the text is not valid TOML).
    std::vector<std::string> alternative_ids() const;

private:
    std::string text_;
    std::filesystem::path file_;
};

/// Thrown by an edit that cannot be made: the text is not valid TOML (message with
/// file:line:col), the alternative or model does not exist (the message lists those there
/// are), an id is taken or holds more than a-z, 0-9, '_' and '-', a string is not UTF-8, a
/// number is nan or infinite, the part to change is written in a way that cannot be edited in
/// place, or the edited text would not parse or not read back as intended. The text is left
/// unchanged.
class StudyEditError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace eqroi
