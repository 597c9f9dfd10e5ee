// Shared by the main-window tests: a window on a temporary copy of an example, and the
// independent reference (parse_study + Engine on the text, with a registry of its own).
#pragma once

#include "main_window.hpp"
#include "recent_files.hpp"

#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <gtest/gtest.h>

#include <QCoreApplication>
#include <QDir>
#include <QFile>
#include <QWidget>
#include <QFileInfo>
#include <QTemporaryDir>

#include <memory>
#include <sstream>
#include <string>
#include <vector>

namespace studio_test {

inline QString example(const QString& name) {
    return QStringLiteral(EQROI_EXAMPLES_DIR "/") + name;
}

inline std::string read(const QString& path) {
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) return "<unreadable " + path.toStdString() + ">";
    return f.readAll().toStdString();
}

inline bool write(const QString& path, const std::string& text) {
    QFile f(path);
    if (!f.open(QIODevice::WriteOnly | QIODevice::Truncate)) return false;
    return f.write(text.data(), static_cast<qint64>(text.size())) == static_cast<qint64>(text.size());
}

inline std::vector<std::string> lines(const std::string& text) {
    std::vector<std::string> out;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) out.push_back(line);
    return out;
}

/// The bundled plugins, loaded apart from the window's registry.
inline const eqroi::PluginRegistry& reference_plugins() {
    static const auto registry = [] {
        auto r = std::make_unique<eqroi::PluginRegistry>(eqroi::TrustPolicy::trust_everything());
        r->load_directories({std::string(EQROI_BUILD_DIR) + "/lib/eqroi/plugins"});
        return r;
    }();
    return *registry;
}

/// What core computes for a text, independently of the studio.
inline eqroi::StudyResult run_core(const std::string& text, const QString& file) {
    const eqroi::Study study =
        eqroi::parse_study(text, file.toStdString(), reference_plugins());
    return eqroi::Engine(study, reference_plugins()).run();
}

/// Core's diagnostics for a text that is not a valid study (empty when it is valid).
inline std::vector<std::string> core_diagnostics(const std::string& text, const QString& file) {
    try {
        (void)eqroi::parse_study(text, file.toStdString(), reference_plugins());
    } catch (const eqroi::InputError& e) {
        std::vector<std::string> out;
        for (const auto& d : e.diagnostics()) out.push_back(d.to_string());
        return out;
    }
    return {};
}

inline const eqroi::AlternativeResult& alternative(const eqroi::StudyResult& r, const std::string& id) {
    for (const auto& a : r.alternatives)
        if (a.id == id) return a;
    throw std::out_of_range("no alternative " + id);
}

/// When EQROI_STUDIO_SCREENSHOT_DIR is set, saves a picture of `widget` there as `name`.png,
/// for a person to look at the layout (nothing is asserted on it).
inline void keep_screenshot(QWidget* widget, const QString& name) {
    const QByteArray dir = qgetenv("EQROI_STUDIO_SCREENSHOT_DIR");
    if (dir.isEmpty() || !widget) return;
    QCoreApplication::processEvents();  // pending layout requests, as on screen
    QDir().mkpath(QString::fromLocal8Bit(dir));
    widget->grab().save(QString::fromLocal8Bit(dir) + QLatin1Char('/') + name + QStringLiteral(".png"));
}

/// A window with prompts answered (no modal box may block a test) on a temporary directory.
class Studio : public ::testing::Test {
protected:
    void SetUp() override {
        ASSERT_TRUE(dir.isValid());
        eqroi::studio::RecentFiles::clear();
        window = std::make_unique<eqroi::studio::MainWindow>();
        window->set_save_prompt([](const QString&) { return QMessageBox::Discard; });
        window->set_recover_prompt([](const QString&, const QDateTime&) { return false; });
    }
    void TearDown() override { window.reset(); }

    /// A writable copy of an example in the temporary directory (absolute path).
    QString copy(const QString& name) {
        const QString to = dir.filePath(name);
        QFile::remove(to);
        EXPECT_TRUE(QFile::copy(example(name), to));
        QFile::setPermissions(to, QFile::ReadOwner | QFile::WriteOwner);
        return QFileInfo(to).absoluteFilePath();
    }
    void wait() { window->recomputer()->wait_until_idle(); }
    bool open(const QString& path) {
        const bool ok = window->open_file(path);
        wait();
        return ok;
    }
    std::vector<std::string> shown_diagnostics() const {
        std::vector<std::string> out;
        for (const auto& d : window->diagnostics()) out.push_back(d.to_string());
        return out;
    }

    QTemporaryDir dir;
    std::unique_ptr<eqroi::studio::MainWindow> window;
};

}  // namespace studio_test
