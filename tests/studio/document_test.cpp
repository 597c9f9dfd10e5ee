// StudyDocument without any window: open, edit, undo/redo, dirty state, save, autosave and its
// recovery, and the study outline the tree and forms are built from.
#include "study_document.hpp"
#include "study_outline.hpp"

#include <gtest/gtest.h>

#include <QFile>
#include <QFileInfo>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QUndoStack>

#include <string>

using eqroi::studio::FieldRef;
using eqroi::studio::Section;
using eqroi::studio::StudyDocument;
using eqroi::studio::StudyOutline;

namespace {

std::string read(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return "<unreadable " + path.toStdString() + ">";
    return f.readAll().toStdString();
}

void write(const QString& path, const std::string& text) {
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::WriteOnly | QIODevice::Truncate));
    f.write(text.data(), static_cast<qint64>(text.size()));
}

// A small study: comments, odd spacing and key order that a rewrite would lose.
const std::string kStudy =
    "# Compressor choice\n"
    "[study]\n"
    "name = \"Air\"   # shown in reports\n"
    "horizon_years   = 5\n"
    "discount_rate = 0.08\n"
    "baseline = \"old\"\n"
    "\n"
    "[[alternative]]\n"
    "id = \"old\"\n"
    "name = \"Keep\"\n"
    "[alternative.models.operations]\n"
    "rated_power_kw = 30    # nameplate\n"
    "load_factor = 0.6\n";

class Document : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        path = dir.filePath("air.toml");
        write(path, kStudy);
    }
    QTemporaryDir dir;
    QString path;
};

TEST_F(Document, OpenMissingFileNamesTheFile) {
    StudyDocument doc;
    QString error;
    EXPECT_FALSE(doc.open(dir.filePath("nope.toml"), &error));
    EXPECT_NE(error.indexOf("nope.toml"), -1) << error.toStdString();
    EXPECT_FALSE(doc.is_open());
}

TEST_F(Document, EditUndoRedoAndDirtyState) {
    StudyDocument doc;
    QString error;
    ASSERT_TRUE(doc.open(path, &error)) << error.toStdString();
    EXPECT_EQ(doc.text().text(), kStudy);
    EXPECT_FALSE(doc.is_modified());
    QSignalSpy modified(&doc, &StudyDocument::modified_changed);

    ASSERT_TRUE(doc.edit("load", [](eqroi::StudyText& t) {
        t.set_model_value("old", "operations", "load_factor", 0.75);
    }));
    std::string expected = kStudy;
    expected.replace(expected.find("load_factor = 0.6"), 17, "load_factor = 0.75");
    EXPECT_EQ(doc.text().text(), expected);
    EXPECT_TRUE(doc.is_modified());
    ASSERT_EQ(modified.count(), 1);
    EXPECT_TRUE(modified.at(0).at(0).toBool());
    EXPECT_EQ(doc.undo_stack()->count(), 1);

    doc.undo_stack()->undo();
    EXPECT_EQ(doc.text().text(), kStudy);
    EXPECT_FALSE(doc.is_modified());
    doc.undo_stack()->redo();
    EXPECT_EQ(doc.text().text(), expected);
    EXPECT_TRUE(doc.is_modified());

    // Saving writes exactly the text and makes the document clean; the file on disk is the
    // edited text byte for byte.
    ASSERT_TRUE(doc.save(&error)) << error.toStdString();
    EXPECT_FALSE(doc.is_modified());
    EXPECT_EQ(read(path), expected);
    // No temporary is left beside it.
    EXPECT_EQ(QDir(dir.path()).entryList(QDir::Files | QDir::Hidden), QStringList{"air.toml"});
}

TEST_F(Document, RefusedEditChangesNothing) {
    StudyDocument doc;
    QString error;
    ASSERT_TRUE(doc.open(path, &error));
    EXPECT_FALSE(doc.edit("bad", [](eqroi::StudyText& t) {
        t.set_model_value("no_such_alternative", "operations", "load_factor", 0.5);
    }, &error));
    EXPECT_FALSE(error.isEmpty());
    EXPECT_EQ(doc.text().text(), kStudy);
    EXPECT_EQ(doc.undo_stack()->count(), 0);
    EXPECT_FALSE(doc.is_modified());
}

TEST_F(Document, AutosaveIsWrittenKeptAfterACrashAndOfferedBack) {
    const QString autosave = dir.filePath(".air.toml.autosave");
    EXPECT_EQ(StudyDocument::autosave_path_for(path), autosave);
    std::string edited;
    {
        auto doc = std::make_unique<StudyDocument>();
        QString error;
        ASSERT_TRUE(doc->open(path, &error));
        doc->set_autosave_interval(20);
        QSignalSpy saved(doc.get(), &StudyDocument::autosaved);
        ASSERT_TRUE(doc->edit("rate", [](eqroi::StudyText& t) { t.set_study_value("discount_rate", 0.1); }));
        edited = doc->text().text();
        ASSERT_TRUE(saved.wait(10000));
        EXPECT_EQ(read(autosave), edited);
        EXPECT_EQ(read(path), kStudy);  // the user's file is untouched until Save
        // "Crash": the document goes away dirty, without the user's decision.
    }
    ASSERT_TRUE(QFileInfo::exists(autosave));
    // The file predates the autosave (set explicitly: file systems round times).
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_TRUE(f.setFileTime(QFileInfo(autosave).lastModified().addSecs(-60),
                              QFileDevice::FileModificationTime));
    f.close();

    // Reopened: the autosave is offered and, accepted, is the text again (unsaved).
    {
        StudyDocument doc;
        int asked = 0;
        QString offered;
        doc.set_recover_prompt([&](const QString& file, const QDateTime&) {
            ++asked;
            offered = file;
            return true;
        });
        QString error;
        ASSERT_TRUE(doc.open(path, &error));
        EXPECT_EQ(asked, 1);
        EXPECT_EQ(offered, autosave);
        EXPECT_EQ(doc.text().text(), edited);
        EXPECT_TRUE(doc.is_modified());
        // The recovery is one undo step back to the file's text.
        doc.undo_stack()->undo();
        EXPECT_EQ(doc.text().text(), kStudy);
        EXPECT_FALSE(doc.is_modified());
        // Back at the saved text: nothing unsaved, so no autosave either.
        EXPECT_FALSE(QFileInfo::exists(autosave));
        doc.undo_stack()->redo();
        ASSERT_TRUE(doc.save(&error));
        EXPECT_EQ(read(path), edited);
        EXPECT_FALSE(QFileInfo::exists(autosave));
    }
}

TEST_F(Document, DeclinedAutosaveIsRemoved) {
    const QString autosave = dir.filePath(".air.toml.autosave");
    write(autosave, kStudy + "# later edit\n");
    QFile f(path);
    ASSERT_TRUE(f.open(QIODevice::ReadWrite));
    ASSERT_TRUE(f.setFileTime(QFileInfo(autosave).lastModified().addSecs(-60),
                              QFileDevice::FileModificationTime));
    f.close();
    StudyDocument doc;
    doc.set_recover_prompt([](const QString&, const QDateTime&) { return false; });
    QString error;
    ASSERT_TRUE(doc.open(path, &error));
    EXPECT_EQ(doc.text().text(), kStudy);
    EXPECT_FALSE(doc.is_modified());
    EXPECT_FALSE(QFileInfo::exists(autosave));
}

TEST_F(Document, SaveAsMovesToTheNewFile) {
    StudyDocument doc;
    QString error;
    ASSERT_TRUE(doc.open(path, &error));
    ASSERT_TRUE(doc.edit("name", [](eqroi::StudyText& t) { t.set_study_value("name", std::string("Air 2")); }));
    const QString other = dir.filePath("air2.toml");
    ASSERT_TRUE(doc.save_as(other, &error)) << error.toStdString();
    EXPECT_EQ(doc.path(), QFileInfo(other).absoluteFilePath());
    EXPECT_EQ(doc.file_name(), "air2.toml");
    EXPECT_FALSE(doc.is_modified());
    EXPECT_EQ(read(path), kStudy);
    std::string expected = kStudy;
    expected.replace(expected.find("\"Air\""), 5, "\"Air 2\"");
    EXPECT_EQ(read(other), expected);
}

TEST(Outline, PositionsAndValuesAsWritten) {
    const StudyOutline o = StudyOutline::read(kStudy, "air.toml");
    ASSERT_TRUE(o.valid_toml);
    ASSERT_EQ(o.alternatives.size(), 1u);
    EXPECT_EQ(o.alternatives[0].id, "old");
    EXPECT_EQ(o.alternatives[0].name, "Keep");
    ASSERT_EQ(o.alternatives[0].models.size(), 1u);
    EXPECT_EQ(o.alternatives[0].models[0].id, "operations");
    const auto* load = o.find(FieldRef{Section::model, "old", "operations", "load_factor"});
    ASSERT_NE(load, nullptr);
    EXPECT_EQ(load->line, 13);  // counted in kStudy above
    EXPECT_EQ(std::get<double>(*load->value), 0.6);
    // A diagnostic on line 12 (rated_power_kw) maps to that field; line 11 to the model table.
    EXPECT_EQ(o.field_at(12), (FieldRef{Section::model, "old", "operations", "rated_power_kw"}));
    EXPECT_EQ(o.field_at(11), (FieldRef{Section::model, "old", "operations", ""}));
    EXPECT_EQ(o.field_at(4), (FieldRef{Section::study, "", "", "horizon_years"}));
    EXPECT_FALSE(o.field_at(7).has_value());  // the blank line
}

TEST(Outline, SyntaxErrorHasItsPosition) {
    const StudyOutline o = StudyOutline::read("[study]\nname = \"unterminated\n", "bad.toml");
    EXPECT_FALSE(o.valid_toml);
    EXPECT_EQ(o.syntax_error.where.file, "bad.toml");
    EXPECT_EQ(o.syntax_error.where.line, 2);
    EXPECT_FALSE(o.syntax_error.message.empty());
}

}  // namespace
