// Editing a study file's text in place: a value the user changes is rewritten where it stands,
// and every other byte (comments, key order, blank lines, layout) stays as the user wrote it.
// Used by the studio (save keeps the user's file) and by anything else that edits studies.
//
// Positions come from toml++ (every node's source region). An edit parses the current text,
// finds the table and key, and splices: replaces the value's characters, or inserts a new
// `key = value` line at the end of the table's own lines (before the blank lines and comments
// that precede the next table), or appends a new table. The result is parsed again before it is
// accepted, so an edit can never leave text that is not valid TOML.
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

/// A value as a study file writes it: a number (written as an integer when it is whole and
/// the previous value was an integer, else the shortest text that reads back as the same
/// double), true/false, a string (TOML-escaped), or an array of numbers (per-period values).
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

    /// Sets `[study] key = value`.
    void set_study_value(std::string_view key, const StudyValue& value);
    /// Sets a key of the alternative with this id: in its own table (`name`), in
    /// `[alternative.equipment]`, `[alternative.capital]` or `[alternative.models.<model>]`.
    void set_alternative_value(std::string_view alternative, std::string_view key,
                               const StudyValue& value);
    void set_equipment_value(std::string_view alternative, std::string_view key,
                             const StudyValue& value);
    void set_capital_value(std::string_view alternative, std::string_view key,
                           const StudyValue& value);
    void set_model_value(std::string_view alternative, std::string_view model,
                         std::string_view key, const StudyValue& value);
    /// Removes `key = ...` (its whole line, and a comment on the same line) from a model's
    /// table, so the value is inherited again (equipment block, study, declared default).
    /// Returns false when the key is not there.
    bool remove_model_value(std::string_view alternative, std::string_view model,
                            std::string_view key);

    /// Appends `[[alternative]] id = ..., name = ...` at the end of the file.
    void add_alternative(std::string_view id, std::string_view name);
    /// Appends a copy of an alternative's whole text block (its tables, comments included) with
    /// a new id and name.
    void duplicate_alternative(std::string_view source_id, std::string_view new_id,
                               std::string_view new_name);
    /// Removes an alternative's whole block (from its `[[alternative]]` line to the next one).
    void remove_alternative(std::string_view id);
    /// Adds an empty `[alternative.models.<model>]` table to the alternative's block.
    void add_model(std::string_view alternative, std::string_view model);
    /// Removes the alternative's `[alternative.models.<model>]` table and its keys.
    void remove_model(std::string_view alternative, std::string_view model);

    /// Ids of the alternatives, in file order (empty when the text is not valid TOML).
    std::vector<std::string> alternative_ids() const;

private:
    std::string text_;
    std::filesystem::path file_;
};

/// Thrown by an edit that cannot be made: the text is not valid TOML (message with
/// file:line:col), the alternative or model does not exist, an id is taken or not
/// lower_snake_case. The text is left unchanged.
class StudyEditError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

}  // namespace eqroi
