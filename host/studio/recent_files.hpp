// The "Open Recent" list, kept in QSettings (the application's organisation and name, so tests
// point it at a temporary scope).
#pragma once

#include <QString>
#include <QStringList>

namespace eqroi::studio {

/// Most recent first, at most `kMax` entries, absolute paths.
class RecentFiles {
public:
    static constexpr int kMax = 8;

    /// The files that still exist.
    static QStringList list();
    /// Moves (or puts) `path` first.
    static void add(const QString& path);
    static void remove(const QString& path);
    static void clear();
};

}  // namespace eqroi::studio
