// eqroi-studio [study.toml]: the desktop application.
#include "charts/charts_panel.hpp"
#include "main_window.hpp"

#include <QApplication>
#include <QCommandLineParser>
#include <QPixmap>
#include <QTextStream>

namespace {

/// --screenshot: the window on a study, once its results show, as a PNG (README, docs).
int screenshot(eqroi::studio::MainWindow& window, const QString& file, const QString& select) {
    window.recomputer()->wait_until_idle();
    if (!select.isEmpty()) {
        const QStringList parts = select.split(QLatin1Char('/'));
        using eqroi::studio::NodeKind;
        const eqroi::studio::NodeRef node{parts.size() > 1 ? NodeKind::model : NodeKind::alternative,
                                          parts.value(0).toStdString(),
                                          parts.value(1).toStdString()};
        if (!window.select(node)) {
            QTextStream(stderr) << "eqroi-studio: --select " << select << ": no such item\n";
            return 2;
        }
    }
    QApplication::processEvents();
    if (!window.grab().save(file)) {
        QTextStream(stderr) << "eqroi-studio: cannot write " << file << '\n';
        return 1;
    }
    return 0;
}

}  // namespace

int main(int argc, char** argv) {
    QApplication app(argc, argv);
    QApplication::setOrganizationName(QStringLiteral("eqroi"));
    QApplication::setApplicationName(QStringLiteral("eqroi-studio"));
    QApplication::setApplicationVersion(QStringLiteral(EQROI_VERSION));

    QCommandLineParser parser;
    parser.setApplicationDescription(QObject::tr(
        "Compare equipment purchases: open a study, change an assumption, see every figure and "
        "chart follow."));
    parser.addHelpOption();
    parser.addVersionOption();
    parser.addPositionalArgument(QStringLiteral("study"), QObject::tr("Study file to open (.toml)"),
                                 QStringLiteral("[study.toml]"));
    const QCommandLineOption shot(QStringLiteral("screenshot"),
                                  QObject::tr("Open the study, wait for its results, save a "
                                              "picture of the window to FILE and exit."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption select(QStringLiteral("select"),
                                    QObject::tr("With --screenshot: show the form of ALT or "
                                                "ALT/MODEL."),
                                    QStringLiteral("ITEM"));
    const QCommandLineOption all_charts(QStringLiteral("all-charts"),
                                        QObject::tr("Show the four charts at once (View > All "
                                                    "Charts at Once)."));
    const QCommandLineOption size(QStringLiteral("size"),
                                  QObject::tr("Window size WIDTHxHEIGHT, e.g. 1600x1000."),
                                  QStringLiteral("SIZE"));
    parser.addOption(shot);
    parser.addOption(select);
    parser.addOption(all_charts);
    parser.addOption(size);
    parser.process(app);

    eqroi::studio::MainWindow window;
    if (parser.isSet(size)) {
        const QStringList wh = parser.value(size).split(QLatin1Char('x'));
        bool ok_w = false, ok_h = false;
        const int w = wh.value(0).toInt(&ok_w), h = wh.value(1).toInt(&ok_h);
        if (wh.size() != 2 || !ok_w || !ok_h || w < 200 || h < 200) {
            QTextStream(stderr) << "eqroi-studio: --size " << parser.value(size)
                                << ": expected WIDTHxHEIGHT, e.g. 1600x1000\n";
            return 2;
        }
        window.resize(w, h);
    }
    window.show();
    if (parser.isSet(all_charts)) {
        QApplication::processEvents();  // the splitter has its size once shown
        window.show_all_charts(true);
    }
    if (!parser.positionalArguments().isEmpty())
        window.open_file(parser.positionalArguments().constFirst());
    if (parser.isSet(shot)) return screenshot(window, parser.value(shot), parser.value(select));
    return QApplication::exec();
}
