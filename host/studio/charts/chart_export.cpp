#include "charts/chart_export.hpp"

#include <QChart>
#include <QChartView>
#include <QGraphicsLayout>
#include <QGraphicsScene>
#include <QPainter>
#include <QSaveFile>
#include <QSvgGenerator>

namespace eqroi::studio {
namespace {

bool fail(QString* error, const QString& message) {
    if (error) *error = message;
    return false;
}

/// Opens `file` for writing, or says why not.
bool open_for_writing(QSaveFile& file, QString* error) {
    if (file.open(QIODevice::WriteOnly)) return true;
    return fail(error, QStringLiteral("%1: cannot write: %2").arg(file.fileName(), file.errorString()));
}

bool commit(QSaveFile& file, QString* error) {
    if (file.commit()) return true;
    return fail(error, QStringLiteral("%1: cannot save: %2").arg(file.fileName(), file.errorString()));
}

}  // namespace

void render_chart(QChart* chart, QPainter* painter, const QRectF& target, QSize layout_size) {
    if (!chart || !painter || layout_size.isEmpty()) return;
    const QRectF old = chart->geometry();
    const QRectF laid(QPointF(0, 0), QSizeF(layout_size));
    chart->setGeometry(laid);
    // Lay the chart out now (Qt would do it on the next event loop turn): axes, legend and the
    // payback labels follow the new plot area before anything is drawn.
    if (chart->layout()) chart->layout()->activate();
    if (QGraphicsScene* scene = chart->scene()) {
        scene->render(painter, target, laid, Qt::IgnoreAspectRatio);
    } else {
        // A chart outside any scene (not shown yet): a scene of its own for the drawing.
        QGraphicsScene own;
        own.addItem(chart);
        own.render(painter, target, laid, Qt::IgnoreAspectRatio);
        own.removeItem(chart);
    }
    chart->setGeometry(old);
    if (chart->layout()) chart->layout()->activate();
}

QImage chart_image(const QChartView* view, QSize size) {
    if (!view || !view->chart() || size.isEmpty()) return {};
    QImage image(size, QImage::Format_ARGB32_Premultiplied);
    image.fill(Qt::white);
    QPainter painter(&image);
    painter.setRenderHint(QPainter::Antialiasing);
    painter.setRenderHint(QPainter::TextAntialiasing);
    render_chart(view->chart(), &painter, QRectF(QPointF(0, 0), QSizeF(size)), size);
    painter.end();
    return image;
}

bool export_chart_png(const QChartView* view, const QString& path, QString* error, QSize size) {
    if (!view || !view->chart()) return fail(error, QStringLiteral("%1: no chart to export").arg(path));
    const QImage image = chart_image(view, size);
    if (image.isNull())
        return fail(error, QStringLiteral("%1: cannot draw the chart at %2 x %3 pixels")
                               .arg(path)
                               .arg(size.width())
                               .arg(size.height()));
    QSaveFile file(path);
    if (!open_for_writing(file, error)) return false;
    if (!image.save(&file, "PNG")) {
        file.cancelWriting();
        return fail(error, QStringLiteral("%1: cannot encode the PNG image").arg(path));
    }
    return commit(file, error);
}

bool export_chart_svg(const QChartView* view, const QString& path, QString* error, QSize size) {
    if (!view || !view->chart()) return fail(error, QStringLiteral("%1: no chart to export").arg(path));
    if (size.isEmpty()) return fail(error, QStringLiteral("%1: empty image size").arg(path));
    QSaveFile file(path);
    if (!open_for_writing(file, error)) return false;
    {
        QSvgGenerator svg;
        svg.setOutputDevice(&file);
        svg.setSize(size);
        svg.setViewBox(QRect(QPoint(0, 0), size));
        svg.setTitle(view->chart()->title());
        svg.setDescription(QStringLiteral("Chart exported by eqroi-studio"));
        QPainter painter;
        if (!painter.begin(&svg)) {
            file.cancelWriting();
            return fail(error, QStringLiteral("%1: cannot start the SVG drawing").arg(path));
        }
        painter.fillRect(QRect(QPoint(0, 0), size), Qt::white);
        render_chart(view->chart(), &painter, QRectF(QPointF(0, 0), QSizeF(size)), size);
        painter.end();
    }
    return commit(file, error);
}

}  // namespace eqroi::studio
