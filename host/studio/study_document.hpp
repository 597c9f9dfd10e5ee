// The open study file: its text, the undo history of edits to it, dirty state, saving and the
// autosave that protects unsaved edits from a crash. No widgets: the main window shows it, the
// tests drive it directly.
#pragma once

#include <eqroi/core/study_text.hpp>

#include <QDateTime>
#include <QObject>
#include <QString>
#include <QTimer>

#include <functional>
#include <string>

QT_BEGIN_NAMESPACE
class QUndoStack;
QT_END_NAMESPACE

namespace eqroi::studio {

/// One study file being edited. Every change of the text goes through edit() (or undo/redo of
/// one), so the undo stack, the dirty flag and the autosave always agree with the text.
///
/// Autosave: when the text has unsaved edits for `autosave_interval` (30 s by default), it is
/// written to a hidden sibling file (`dir/.name.toml.autosave`). Saving, undoing back to the
/// saved text, discard() and destroying a clean document remove it; a crash leaves it, and the
/// next open() offers it back through the recover prompt.
///
/// Lives on the GUI thread; not thread-safe.
class StudyDocument : public QObject {
    Q_OBJECT
public:
    explicit StudyDocument(QObject* parent = nullptr);
    /// Removes the autosave when there is nothing unsaved; a dirty document keeps it (the
    /// application is going down without the user's decision).
    ~StudyDocument() override;

    /// Asked by open() when an autosave newer than the file exists: return true to take the
    /// autosaved text back (as one undoable edit, so the document is dirty), false to delete it.
    /// Without a prompt the autosave is left alone and not used.
    using RecoverPrompt = std::function<bool(const QString& autosave_file, const QDateTime& when)>;
    void set_recover_prompt(RecoverPrompt prompt) { recover_prompt_ = std::move(prompt); }

    /// Reads a study file (any content: a broken study opens to show its errors). Clears the
    /// undo history. False, with a message naming the file and the reason, when it cannot be
    /// read; the document is then unchanged.
    bool open(const QString& path, QString* error);
    /// Writes the text to the file (a temporary beside it, renamed over it) and marks the
    /// document clean. False with a message when the file cannot be written (still dirty).
    bool save(QString* error);
    /// Same, to a new file, which the document then is.
    bool save_as(const QString& path, QString* error);
    /// The user chose to discard the unsaved edits: removes the autosave.
    void discard();

    bool is_open() const noexcept { return !path_.isEmpty(); }
    /// Absolute path of the file ("" before open()).
    const QString& path() const noexcept { return path_; }
    /// "cnc_replacement.toml".
    QString file_name() const;
    const StudyText& text() const noexcept { return text_; }
    bool is_modified() const;
    /// Undo/redo of edits; owned by the document.
    QUndoStack* undo_stack() const noexcept { return undo_; }

    /// Applies one change to a copy of the text and, when it succeeds and changes something,
    /// pushes it as one undo step named `description`. A StudyEditError leaves everything as it
    /// was: false with its message.
    bool edit(const QString& description, const std::function<void(StudyText&)>& change,
              QString* error = nullptr);

    /// `dir/.name.toml.autosave` for `dir/name.toml`.
    static QString autosave_path_for(const QString& path);
    QString autosave_path() const { return autosave_path_for(path_); }
    void set_autosave_interval(int milliseconds);
    /// Writes the autosave now (the timer calls this). False with a message on failure.
    bool write_autosave(QString* error = nullptr);

signals:
    /// The text changed (open, edit, undo, redo, recover).
    void text_changed();
    /// The dirty state changed (the window's [*] marker).
    void modified_changed(bool modified);
    /// open() or save_as() changed the file.
    void path_changed(const QString& path);
    /// The autosave was written / could not be written.
    void autosaved(const QString& file);
    void autosave_failed(const QString& message);

private:
    friend class TextEditCommand;
    /// Used by undo commands: replaces the text without touching the undo stack.
    void replace_text(const std::string& text);
    void remove_autosave();
    void on_clean_changed(bool clean);
    void offer_autosave();

    QString path_;
    StudyText text_{std::string{}};
    QUndoStack* undo_ = nullptr;
    QTimer autosave_timer_;
    RecoverPrompt recover_prompt_;
};

}  // namespace eqroi::studio
