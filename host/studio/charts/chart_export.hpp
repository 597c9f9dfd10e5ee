// Exporting a chart of the studio: PNG and SVG files, and drawing a chart into any painter
// (the PDF review pack draws them as vectors). GUI thread only.
#pragma once

#include <QImage>
#include <QRectF>
#include <QSize>
#include <QString>

QT_BEGIN_NAMESPACE
class QChart;
class QChartView;
class QPainter;
QT_END_NAMESPACE

namespace eqroi::studio {

/// The size charts are exported at unless told otherwise (pixels; 16:9-ish, slide friendly).
inline constexpr QSize kExportSize{1200, 700};

/// Draws `chart` into `target` of `painter` as it looks when laid out at `layout_size`
/// (fonts and margins keep their size relative to it; the drawing is scaled to `target`).
/// The chart's own geometry is restored afterwards, so the view on screen is not disturbed.
/// Vector output on a vector device (PDF, SVG).
void render_chart(QChart* chart, QPainter* painter, const QRectF& target, QSize layout_size);

/// The chart of `view` as an image of `size` pixels on a white background; a null image when
/// the view has no chart.
QImage chart_image(const QChartView* view, QSize size = kExportSize);

/// Writes the chart of `view` as a PNG file of `size` pixels. The file is written to a
/// temporary beside `path` and renamed over it (QSaveFile), so an existing file is replaced
/// only by a complete one. False with `*error` set (naming the file and the reason) on failure.
bool export_chart_png(const QChartView* view, const QString& path, QString* error,
                      QSize size = kExportSize);

/// The same as an SVG file (vector; the chart's title is the SVG's title).
bool export_chart_svg(const QChartView* view, const QString& path, QString* error,
                      QSize size = kExportSize);

}  // namespace eqroi::studio
