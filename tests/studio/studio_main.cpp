// GoogleTest main for the studio tests: one QApplication on the offscreen platform for every
// test, settings in a temporary scope and a temporary user trust list (never the user's home).
#include <gtest/gtest.h>

#include <QApplication>
#include <QSettings>
#include <QTemporaryDir>

#include <cstdlib>

int main(int argc, char** argv) {
    // ctest sets it; a developer running the binary by hand gets the same.
    setenv("QT_QPA_PLATFORM", "offscreen", 0);
    QTemporaryDir scratch;
    if (!scratch.isValid()) return 2;
    // Trust lists and settings go to the scratch directory, not ~/.config.
    setenv("EQROI_USER_TRUST_FILE", (scratch.path() + "/trust.toml").toLocal8Bit().constData(), 1);
    setenv("XDG_CONFIG_HOME", scratch.path().toLocal8Bit().constData(), 1);
    QSettings::setDefaultFormat(QSettings::IniFormat);
    QSettings::setPath(QSettings::IniFormat, QSettings::UserScope, scratch.path());
    QSettings::setPath(QSettings::NativeFormat, QSettings::UserScope, scratch.path());

    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("eqroi-tests"));
    QApplication::setApplicationName(QStringLiteral("studio-test"));
    ::testing::InitGoogleTest(&argc, argv);
    return RUN_ALL_TESTS();
}
