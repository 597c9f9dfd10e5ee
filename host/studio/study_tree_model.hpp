// The editor's tree: the study settings, then each alternative with the models it uses. Built
// from the outline of the current text, so it follows every edit, undo and redo.
#pragma once

#include "study_outline.hpp"

#include <eqroi/core/registry.hpp>

#include <QStandardItemModel>

#include <string>
#include <vector>

namespace eqroi::studio {

/// What a tree item stands for.
enum class NodeKind { study = 1, alternative, model };

/// Where the selection is: kind, alternative id, model id.
struct NodeRef {
    NodeKind kind = NodeKind::study;
    std::string alternative, model;
    bool operator==(const NodeRef&) const = default;
};

/// Items carry their NodeRef in user roles; items with a problem are red with the diagnostics
/// as tooltip. The model is rebuilt only when the structure changes (ids, names, models), so a
/// value edit keeps the view's selection and expansion.
class StudyTreeModel : public QStandardItemModel {
    Q_OBJECT
public:
    enum Role { KindRole = Qt::UserRole + 1, AlternativeRole, ModelRole };

    explicit StudyTreeModel(QObject* parent = nullptr);

    /// Shows a text's outline; `diagnostics` mark the items they point into. Returns true when
    /// the structure changed (the items were rebuilt and the selection must be set again).
    bool update(const StudyOutline& outline, const PluginRegistry* registry,
                const std::vector<Diagnostic>& diagnostics);

    NodeRef node(const QModelIndex& index) const;
    /// The item for a node, or an invalid index.
    QModelIndex index_of(const NodeRef& node) const;

private:
    std::vector<std::string> signature_;
};

}  // namespace eqroi::studio
