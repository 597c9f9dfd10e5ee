#include "study_tree_model.hpp"

#include <QBrush>
#include <QColor>

#include <map>

namespace eqroi::studio {

namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

/// What the tree shows, flattened: a change in any of these rebuilds the items.
std::vector<std::string> structure_of(const StudyOutline& outline) {
    std::vector<std::string> s;
    for (const auto& a : outline.alternatives) {
        s.push_back("a:" + a.id + "\n" + a.name);
        for (const auto& m : a.models) s.push_back("m:" + m.id);
    }
    return s;
}

/// The tree node a diagnostic points into (study, alternative or model).
std::optional<NodeRef> node_at(const StudyOutline& outline, const Diagnostic& d) {
    const auto field = outline.field_at(d.where.line);
    if (!field) return std::nullopt;
    switch (field->section) {
        case Section::study: return NodeRef{NodeKind::study, {}, {}};
        case Section::model: return NodeRef{NodeKind::model, field->alternative, field->model};
        default: return NodeRef{NodeKind::alternative, field->alternative, {}};
    }
}

}  // namespace

StudyTreeModel::StudyTreeModel(QObject* parent) : QStandardItemModel(parent) {
    setHorizontalHeaderLabels({tr("Study")});
}

bool StudyTreeModel::update(const StudyOutline& outline, const PluginRegistry* registry,
                            const std::vector<Diagnostic>& diagnostics) {
    auto structure = structure_of(outline);
    const bool rebuilt = structure != signature_ || rowCount() == 0;
    if (rebuilt) {
        signature_ = std::move(structure);
        removeRows(0, rowCount());
        auto* settings = new QStandardItem(tr("Study settings"));
        settings->setData(static_cast<int>(NodeKind::study), KindRole);
        appendRow(settings);
        for (const auto& a : outline.alternatives) {
            auto* alt = new QStandardItem(a.name.empty() ? q(a.id)
                                                         : QStringLiteral("%1 (%2)").arg(q(a.name), q(a.id)));
            alt->setData(static_cast<int>(NodeKind::alternative), KindRole);
            alt->setData(q(a.id), AlternativeRole);
            for (const auto& m : a.models) {
                QString text = q(m.id);
                if (registry)
                    if (const Model* model = registry->find(m.id))
                        text = QStringLiteral("%1 \u2014 %2").arg(q(model->descriptor().name), q(m.id));
                auto* item = new QStandardItem(text);
                item->setData(static_cast<int>(NodeKind::model), KindRole);
                item->setData(q(a.id), AlternativeRole);
                item->setData(q(m.id), ModelRole);
                alt->appendRow(item);
            }
            appendRow(alt);
        }
    }
    // Problems: each item lists the diagnostics that point into it.
    std::map<QModelIndex, QStringList> problems;
    for (const auto& d : diagnostics)
        if (auto n = node_at(outline, d)) {
            const QModelIndex i = index_of(*n);
            if (i.isValid()) problems[i] << q(d.to_string());
        }
    auto mark = [&](QStandardItem* item) {
        item->setEditable(false);
        auto p = problems.find(item->index());
        const bool bad = p != problems.end();
        item->setForeground(bad ? QBrush(QColor(0xc6, 0x28, 0x28)) : QBrush());
        item->setToolTip(bad ? p->second.join(QLatin1Char('\n')) : QString());
    };
    for (int r = 0; r < rowCount(); ++r) {
        QStandardItem* top = item(r);
        mark(top);
        for (int c = 0; c < top->rowCount(); ++c) mark(top->child(c));
    }
    return rebuilt;
}

NodeRef StudyTreeModel::node(const QModelIndex& index) const {
    NodeRef n;
    if (!index.isValid()) return n;
    n.kind = static_cast<NodeKind>(index.data(KindRole).toInt());
    n.alternative = index.data(AlternativeRole).toString().toStdString();
    n.model = index.data(ModelRole).toString().toStdString();
    return n;
}

QModelIndex StudyTreeModel::index_of(const NodeRef& n) const {
    for (int r = 0; r < rowCount(); ++r) {
        const QModelIndex top = index(r, 0);
        if (node(top) == n) return top;
        for (int c = 0; c < rowCount(top); ++c) {
            const QModelIndex child = index(c, 0, top);
            if (node(child) == n) return child;
        }
    }
    return {};
}

}  // namespace eqroi::studio
