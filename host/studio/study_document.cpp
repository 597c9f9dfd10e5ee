#include "study_document.hpp"

#include <eqroi/core/report.hpp>

#include <QDir>
#include <QFile>
#include <QFileInfo>
#include <QUndoCommand>
#include <QUndoStack>

namespace eqroi::studio {

namespace {

constexpr int kDefaultAutosaveMs = 30'000;

/// The whole file, or nullopt with a message naming it.
std::optional<std::string> read_all(const QString& path, QString* error) {
    QFile file(path);
    if (!file.open(QIODevice::ReadOnly)) {
        if (error) *error = QStringLiteral("cannot read %1: %2").arg(path, file.errorString());
        return std::nullopt;
    }
    const QByteArray bytes = file.readAll();
    return std::string(bytes.constData(), static_cast<std::size_t>(bytes.size()));
}

bool write_atomic(const QString& path, const std::string& text, QString* error) {
    try {
        write_file_atomic(path.toStdString(), text);
        return true;
    } catch (const std::exception& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
}

}  // namespace

/// One edit: the whole text before and after it (texts are small; this keeps undo exact, byte
/// for byte, whatever the edit was).
class TextEditCommand : public QUndoCommand {
public:
    TextEditCommand(StudyDocument* document, const QString& description, std::string before,
                    std::string after)
        : QUndoCommand(description), document_(document), before_(std::move(before)),
          after_(std::move(after)) {}
    void redo() override { document_->replace_text(after_); }
    void undo() override { document_->replace_text(before_); }

private:
    StudyDocument* document_;
    std::string before_, after_;
};

StudyDocument::StudyDocument(QObject* parent) : QObject(parent), undo_(new QUndoStack(this)) {
    autosave_timer_.setSingleShot(true);
    autosave_timer_.setInterval(kDefaultAutosaveMs);
    connect(&autosave_timer_, &QTimer::timeout, this, [this] {
        if (is_modified()) write_autosave();
    });
    connect(undo_, &QUndoStack::cleanChanged, this, &StudyDocument::on_clean_changed);
    // Counted from the first unsaved edit, not the last: a user editing steadily still gets an
    // autosave every interval. (indexChanged comes after the stack's state is updated.)
    connect(undo_, &QUndoStack::indexChanged, this, [this] {
        if (is_modified() && !autosave_timer_.isActive()) autosave_timer_.start();
    });
}

StudyDocument::~StudyDocument() {
    undo_->disconnect(this);
    if (is_open() && !is_modified()) remove_autosave();
}

QString StudyDocument::file_name() const { return QFileInfo(path_).fileName(); }

bool StudyDocument::is_modified() const { return !undo_->isClean(); }

QString StudyDocument::autosave_path_for(const QString& path) {
    const QFileInfo info(path);
    return info.dir().filePath(QStringLiteral(".") + info.fileName() + QStringLiteral(".autosave"));
}

void StudyDocument::set_autosave_interval(int milliseconds) {
    autosave_timer_.setInterval(milliseconds);
}

bool StudyDocument::open(const QString& path, QString* error) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    auto content = read_all(absolute, error);
    if (!content) return false;
    autosave_timer_.stop();
    path_ = absolute;
    text_ = StudyText(std::move(*content), path_.toStdString());
    undo_->clear();  // clean again: emits cleanChanged only if it was dirty
    emit path_changed(path_);
    emit text_changed();
    emit modified_changed(false);
    offer_autosave();
    return true;
}

void StudyDocument::offer_autosave() {
    const QFileInfo autosave(autosave_path());
    if (!autosave.exists()) return;
    // An autosave older than the file predates a later save (by us or another program).
    if (autosave.lastModified() < QFileInfo(path_).lastModified()) return;
    auto content = read_all(autosave.filePath(), nullptr);
    if (!content) return;
    if (*content == text_.text()) {
        remove_autosave();
        return;
    }
    if (!recover_prompt_) return;
    if (recover_prompt_(autosave.filePath(), autosave.lastModified())) {
        const std::string recovered = *content;
        edit(tr("Recover unsaved edits"),
             [&](StudyText& t) { t = StudyText(recovered, path_.toStdString()); });
    } else {
        remove_autosave();
    }
}

bool StudyDocument::save(QString* error) {
    if (!is_open()) {
        if (error) *error = tr("no file to save to");
        return false;
    }
    if (!write_atomic(path_, text_.text(), error)) return false;
    undo_->setClean();
    remove_autosave();  // also when it was already clean: an old autosave is now obsolete
    return true;
}

bool StudyDocument::save_as(const QString& path, QString* error) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    if (!write_atomic(absolute, text_.text(), error)) return false;
    remove_autosave();
    path_ = absolute;
    text_ = StudyText(text_.text(), path_.toStdString());
    undo_->setClean();
    remove_autosave();
    emit path_changed(path_);
    return true;
}

void StudyDocument::discard() {
    autosave_timer_.stop();
    remove_autosave();
}

bool StudyDocument::edit(const QString& description, const std::function<void(StudyText&)>& change,
                         QString* error) {
    StudyText copy = text_;
    try {
        change(copy);
    } catch (const StudyEditError& e) {
        if (error) *error = QString::fromStdString(e.what());
        return false;
    }
    if (copy.text() == text_.text()) return true;
    undo_->push(new TextEditCommand(this, description, text_.text(), copy.text()));
    return true;
}

bool StudyDocument::write_autosave(QString* error) {
    if (!is_open()) return false;
    QString message;
    if (!write_atomic(autosave_path(), text_.text(), &message)) {
        if (error) *error = message;
        emit autosave_failed(message);
        return false;
    }
    emit autosaved(autosave_path());
    return true;
}

void StudyDocument::replace_text(const std::string& text) {
    text_ = StudyText(text, path_.toStdString());
    emit text_changed();
}

void StudyDocument::remove_autosave() {
    if (is_open()) QFile::remove(autosave_path());
}

void StudyDocument::on_clean_changed(bool clean) {
    if (clean) {
        autosave_timer_.stop();
        remove_autosave();
    }
    emit modified_changed(!clean);
}

}  // namespace eqroi::studio
