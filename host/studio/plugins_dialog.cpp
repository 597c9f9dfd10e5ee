#include "plugins_dialog.hpp"

#include <eqroi/core/trust.hpp>

#include <QDialogButtonBox>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <map>

namespace eqroi::studio {

namespace {

QString q(const char* s) { return s ? QString::fromUtf8(s) : QString(); }
QString q(const std::string& s) { return QString::fromStdString(s); }

QString flags_text(uint32_t flags) {
    QStringList f;
    if (flags & EQROI_PARAM_REQUIRED) f << QObject::tr("required");
    if (flags & EQROI_PARAM_INTEGER) f << QObject::tr("whole number");
    if (flags & EQROI_PARAM_BOOLEAN) f << QObject::tr("true/false");
    if (flags & EQROI_PARAM_PER_PERIOD) f << QObject::tr("per period");
    if (flags & EQROI_PARAM_CHOICE) f << QObject::tr("choice");
    return f.join(QStringLiteral(", "));
}

/// "default 9000, 0 .. 1e+09 currency/yr", "one of lost_output | overtime".
QString param_detail(const eqroi_param_desc& d) {
    QString s;
    if (d.flags & EQROI_PARAM_CHOICE)
        s = QObject::tr("one of %1").arg(q(d.choices).replace(QLatin1Char('|'), QStringLiteral(" | ")));
    else if (d.flags & EQROI_PARAM_BOOLEAN)
        s = QObject::tr("default %1").arg(d.default_value != 0 ? "true" : "false");
    else
        s = QObject::tr("%1%2 .. %3 %4")
                .arg(d.flags & EQROI_PARAM_REQUIRED ? QString()
                                                    : QObject::tr("default %1, ").arg(d.default_value))
                .arg(d.min_value)
                .arg(d.max_value)
                .arg(q(d.unit));
    const QString flags = flags_text(d.flags);
    return flags.isEmpty() ? s : s + QStringLiteral(" (") + flags + QStringLiteral(")");
}

}  // namespace

PluginsDialog::PluginsDialog(const LoadedPlugins& plugins, QWidget* parent) : QDialog(parent) {
    setWindowTitle(tr("Plugins"));
    resize(980, 560);
    auto* layout = new QVBoxLayout(this);
    layout->addWidget(new QLabel(tr("Cost models loaded from plugins. Bundled plugins are trusted "
                                    "by their install location; others need an entry in a trust "
                                    "list (eqroi plugins trust FILE)."),
                                 this));
    tree_ = new QTreeWidget(this);
    tree_->setHeaderLabels({tr("Plugin / model / parameter"), tr("Vendor / details"),
                            tr("Version"), tr("Trust"), tr("File"), tr("SHA-256")});
    tree_->setAlternatingRowColors(true);
    layout->addWidget(tree_, 1);

    // One item per library file, in load order; models under the file they came from.
    std::map<std::string, QTreeWidgetItem*> by_file;
    for (const Model& m : plugins.registry->models()) {
        const std::string file = m.file().string();
        QTreeWidgetItem*& plugin = by_file[file];
        if (!plugin) {
            const eqroi_plugin& p = m.plugin();
            plugin = new QTreeWidgetItem(tree_);
            plugin->setText(NameColumn, q(p.name));
            plugin->setText(VendorColumn, q(p.vendor));
            plugin->setText(VersionColumn, q(p.version));
            plugin->setText(TrustColumn, q(trust_status_name(m.origin().trust.status)));
            plugin->setText(FileColumn, q(m.file().filename().string()));
            plugin->setToolTip(FileColumn, q(file));
            plugin->setData(FileColumn, Qt::UserRole, q(file));
            plugin->setText(Sha256Column, q(m.origin().sha256));
            const eqroi_plugin_info& info = m.plugin_info();
            QStringList tip;
            if (info.homepage) tip << tr("Homepage: %1").arg(q(info.homepage));
            if (info.support) tip << tr("Support: %1").arg(q(info.support));
            if (info.license) tip << tr("Licence: %1").arg(q(info.license));
            if (m.origin().trust.entry)
                tip << tr("Approved in %1 on %2")
                           .arg(q(m.origin().trust.entry->where.file), q(m.origin().trust.entry->approved));
            plugin->setToolTip(NameColumn, tip.join(QLatin1Char('\n')));
        }
        const eqroi_model& d = m.descriptor();
        auto* model = new QTreeWidgetItem(plugin);
        model->setText(NameColumn, QStringLiteral("%1 (%2)").arg(q(d.name), q(d.id)));
        model->setText(VendorColumn, q(d.description));
        model->setToolTip(VendorColumn, q(d.description));
        for (std::size_t p = 0; p < d.param_count; ++p) {
            const eqroi_param_desc& pd = m.param(p);
            auto* param = new QTreeWidgetItem(model);
            param->setText(NameColumn, QStringLiteral("%1 \u2014 %2").arg(q(pd.key), q(pd.label)));
            param->setText(VendorColumn, param_detail(pd));
            param->setToolTip(NameColumn, q(pd.help));
            param->setToolTip(VendorColumn, q(pd.help));
        }
    }
    tree_->header()->setSectionResizeMode(QHeaderView::Interactive);
    tree_->setColumnWidth(NameColumn, 300);
    tree_->setColumnWidth(VendorColumn, 240);
    tree_->setColumnWidth(VersionColumn, 70);
    tree_->setColumnWidth(TrustColumn, 90);
    tree_->setColumnWidth(FileColumn, 170);

    layout->addWidget(new QLabel(tr("Refused or failed plugins:"), this));
    problems_ = new QListWidget(this);
    problems_->setWordWrap(true);
    for (const auto& p : plugins.problems) problems_->addItem(q(p));
    for (const PluginError& e : plugins.registry->errors())
        problems_->addItem((e.untrusted() ? tr("Refused (untrusted): ") : tr("Failed: ")) + q(e.what()));
    if (problems_->count() == 0) problems_->addItem(tr("None: every plugin found was loaded."));
    problems_->setMaximumHeight(140);
    layout->addWidget(problems_);

    auto* buttons = new QDialogButtonBox(QDialogButtonBox::Close, this);
    connect(buttons, &QDialogButtonBox::rejected, this, &QDialog::reject);
    layout->addWidget(buttons);
}

}  // namespace eqroi::studio
