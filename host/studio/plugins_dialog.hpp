// Help > Plugins: the plugins the studio loaded (vendor, version, file, trust, SHA-256), their
// models and parameters, and every plugin that was refused or failed to load, with the reason.
#pragma once

#include "recompute.hpp"

#include <QDialog>

QT_BEGIN_NAMESPACE
class QListWidget;
class QTreeWidget;
QT_END_NAMESPACE

namespace eqroi::studio {

/// A read-only view of a LoadedPlugins; shows the state at construction.
class PluginsDialog : public QDialog {
    Q_OBJECT
public:
    /// Columns of the plugins tree.
    enum Column { NameColumn, VendorColumn, VersionColumn, TrustColumn, FileColumn, Sha256Column };

    PluginsDialog(const LoadedPlugins& plugins, QWidget* parent = nullptr);

    /// One top-level item per plugin file; its children are models, theirs parameters. The
    /// file column shows the file name; its Qt::UserRole data is the full path.
    QTreeWidget* plugins_tree() const noexcept { return tree_; }
    /// The refused and failed plugins and other loading problems, one line each.
    QListWidget* problems_list() const noexcept { return problems_; }

private:
    QTreeWidget* tree_ = nullptr;
    QListWidget* problems_ = nullptr;
};

}  // namespace eqroi::studio
