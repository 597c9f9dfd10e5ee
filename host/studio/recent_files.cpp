#include "recent_files.hpp"

#include <QFileInfo>
#include <QSettings>

namespace eqroi::studio {

namespace {
const char* const kKey = "recentFiles";

QStringList stored() { return QSettings().value(kKey).toStringList(); }
void store(const QStringList& files) { QSettings().setValue(kKey, files); }
}  // namespace

QStringList RecentFiles::list() {
    QStringList out;
    for (const QString& f : stored())
        if (QFileInfo::exists(f)) out << f;
    return out;
}

void RecentFiles::add(const QString& path) {
    const QString absolute = QFileInfo(path).absoluteFilePath();
    QStringList files = stored();
    files.removeAll(absolute);
    files.prepend(absolute);
    while (files.size() > kMax) files.removeLast();
    store(files);
}

void RecentFiles::remove(const QString& path) {
    QStringList files = stored();
    files.removeAll(QFileInfo(path).absoluteFilePath());
    store(files);
}

void RecentFiles::clear() { store({}); }

}  // namespace eqroi::studio
