#include "charts/pack_canvas.hpp"

#include <QFontMetricsF>
#include <QPageLayout>
#include <QPageSize>

#include <algorithm>
#include <cmath>

namespace eqroi::studio::pack {
namespace {

constexpr double kMarginMm = 15;
constexpr double kPadding = 5;  ///< inside a table cell, left and right

double mm(double v) { return v / 25.4 * kDpi; }

/// A4 landscape in pixels at kDpi.
QSizeF a4_landscape() {
    const QSizeF size = QPageSize(QPageSize::A4).size(QPageSize::Millimeter);
    return {mm(size.height()), mm(size.width())};
}

QFont font_of(double points, bool bold = false) {
    QFont f;
    f.setPointSizeF(points);
    f.setBold(bold);
    return f;
}

}  // namespace

// --- Canvas -------------------------------------------------------------------------------------

void Canvas::set_page_size(QSizeF size) {
    content_ = QRectF(mm(kMarginMm), mm(kMarginMm), size.width() - 2 * mm(kMarginMm),
                      size.height() - 2 * mm(kMarginMm));
}

void Canvas::draw_footer() {
    painter_.save();
    painter_.setFont(font_of(7.5));
    painter_.setPen(QColor(0x66, 0x66, 0x66));
    const QRectF band(content_.left(), content_.bottom() + mm(4), content_.width(), mm(6));
    painter_.drawText(band, Qt::AlignLeft | Qt::AlignTop | Qt::TextSingleLine, footer);
    painter_.drawText(band, Qt::AlignRight | Qt::AlignTop, QStringLiteral("Page %1").arg(page_));
    painter_.restore();
}

bool Canvas::next_page() {
    draw_footer();
    if (!start_next_page()) return false;
    ++page_;
    return true;
}

bool Canvas::finish() {
    if (!painter_.isActive()) return false;
    draw_footer();
    return painter_.end();
}

// --- PDF ----------------------------------------------------------------------------------------

PdfCanvas::PdfCanvas(QIODevice* device, const QString& title) : writer_(device) {
    writer_.setResolution(kDpi);
    writer_.setPageLayout(QPageLayout(QPageSize(QPageSize::A4), QPageLayout::Landscape,
                                      QMarginsF(0, 0, 0, 0)));
    writer_.setTitle(title);
    writer_.setCreator(QStringLiteral("eqroi-studio"));
    set_page_size(QSizeF(writer_.width(), writer_.height()));
    ok_ = painter_.begin(&writer_);
}

PdfCanvas::~PdfCanvas() {
    if (painter_.isActive()) painter_.end();
}

bool PdfCanvas::start_next_page() { return writer_.newPage(); }

// --- Images -------------------------------------------------------------------------------------

ImageCanvas::ImageCanvas(double scale) : scale_(scale) {
    set_page_size(a4_landscape());
    begin_page();
}

ImageCanvas::~ImageCanvas() {
    if (painter_.isActive()) painter_.end();
}

void ImageCanvas::begin_page() {
    const QSizeF size = a4_landscape();
    QImage page(int(std::ceil(size.width() * scale_)), int(std::ceil(size.height() * scale_)),
                QImage::Format_ARGB32_Premultiplied);
    page.setDevicePixelRatio(scale_);
    page.fill(Qt::white);
    pages_.push_back(page);
    painter_.begin(&pages_.back());
    painter_.setRenderHint(QPainter::Antialiasing);
    painter_.setRenderHint(QPainter::TextAntialiasing);
}

bool ImageCanvas::start_next_page() {
    painter_.end();
    begin_page();
    return painter_.isActive();
}

// --- Flow ---------------------------------------------------------------------------------------

Flow::Flow(Canvas& canvas) : canvas_(canvas), y_(canvas.content().top()) {}

double Flow::remaining() const { return canvas_.content().bottom() - y_; }

void Flow::page_break() {
    if (y_ <= canvas_.content().top()) return;
    canvas_.next_page();
    y_ = canvas_.content().top();
}

void Flow::ensure(double need) {
    if (remaining() < need) page_break();
}

void Flow::skip(double dy) {
    y_ += dy;
    if (remaining() <= 0) page_break();
}

QRectF Flow::take(double height) {
    ensure(height);
    const QRectF r(canvas_.content().left(), y_, canvas_.content().width(),
                   std::min(height, remaining()));
    y_ += r.height();
    return r;
}

void Flow::heading(const QString& text, double size, double keep_with_next) {
    QPainter& p = canvas_.painter();
    const QFont font = font_of(size, true);
    const double h = QFontMetricsF(font, p.device()).height();
    ensure(h + keep_with_next);
    p.save();
    p.setFont(font);
    p.setPen(QColor(0x1F, 0x2D, 0x4D));
    p.drawText(QRectF(canvas_.content().left(), y_, canvas_.content().width(), h),
               Qt::AlignLeft | Qt::AlignVCenter | Qt::TextSingleLine, text);
    p.restore();
    y_ += h + size * 0.6;
}

void Flow::paragraph(const QString& text, double size, bool bold) {
    QPainter& p = canvas_.painter();
    p.save();
    p.setFont(font_of(size, bold));
    const QRectF area(canvas_.content().left(), y_, canvas_.content().width(), 1e6);
    QRectF box = p.boundingRect(area, Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
    if (box.height() > remaining()) {
        page_break();
        box.moveTop(y_);
    }
    p.drawText(QRectF(area.left(), y_, area.width(), box.height()),
               Qt::TextWordWrap | Qt::AlignLeft | Qt::AlignTop, text);
    p.restore();
    y_ += box.height() + size * 0.5;
}

void Flow::table(const Table& t, double size) {
    QPainter& p = canvas_.painter();
    const QFont normal = font_of(size), bold = font_of(size, true);
    const QFontMetricsF fm(normal, p.device()), fmb(bold, p.device());
    const auto columns = std::size_t(t.header.size());
    if (columns == 0) return;
    const double row_h = fmb.height() + 4;
    // Header cells may have several lines ('\n'): long names stay whole.
    qsizetype header_lines = 1;
    for (const QString& h : t.header) header_lines = std::max(header_lines, h.count(QLatin1Char('\n')) + 1);
    const double header_h = fmb.height() * double(header_lines) + 4;

    std::vector<double> width(columns, 0.0);
    for (std::size_t c = 0; c < columns; ++c) {
        for (const QString& line : t.header[int(c)].split(QLatin1Char('\n')))
            width[c] = std::max(width[c], fmb.horizontalAdvance(line));
        for (std::size_t r = 0; r < t.rows.size(); ++r)
            width[c] = std::max(width[c], (r < t.bold.size() && t.bold[r] ? fmb : fm)
                                              .horizontalAdvance(t.rows[r].value(int(c))));
        width[c] += 2 * kPadding;
    }
    const double page_w = canvas_.content().width();
    const auto frozen = std::min<std::size_t>(std::size_t(std::max(0, t.frozen)), columns);
    double frozen_w = 0;
    for (std::size_t c = 0; c < frozen; ++c) frozen_w += width[c];
    // A label column wider than half the page is cut (elided) so that numbers still fit.
    if (frozen_w > page_w / 2 && frozen > 0) {
        const double excess = frozen_w - page_w / 2;
        width[0] = std::max(width[0] - excess, page_w / 6);
        frozen_w = 0;
        for (std::size_t c = 0; c < frozen; ++c) frozen_w += width[c];
    }

    // Groups of the other columns that fit beside the frozen ones.
    std::vector<std::vector<std::size_t>> groups;
    double used = page_w;
    for (std::size_t c = frozen; c < columns; ++c) {
        if (groups.empty() || used + width[c] > page_w) {
            groups.emplace_back();
            used = frozen_w;
        }
        groups.back().push_back(c);
        used += width[c];
    }
    if (groups.empty()) groups.emplace_back();
    // Even groups read better than a full page and a last column alone: the same number of
    // groups, the columns shared out evenly, when every such group still fits.
    if (groups.size() > 1) {
        const std::size_t n = columns - frozen, g = groups.size();
        std::vector<std::vector<std::size_t>> even(g);
        for (std::size_t i = 0; i < n; ++i) even[i * g / n].push_back(frozen + i);
        bool fits = true;
        for (const auto& group : even) {
            double w = frozen_w;
            for (std::size_t c : group) w += width[c];
            fits = fits && w <= page_w;
        }
        if (fits) groups = even;
    }

    for (std::size_t g = 0; g < groups.size(); ++g) {
        std::vector<std::size_t> shown;
        for (std::size_t c = 0; c < frozen; ++c) shown.push_back(c);
        shown.insert(shown.end(), groups[g].begin(), groups[g].end());
        double total_w = 0;
        for (std::size_t c : shown) total_w += width[c];

        auto draw_row = [&](const QStringList& cells, bool is_bold, bool rule, bool header) {
            const double left = canvas_.content().left();
            const double h = header ? header_h : row_h;
            if (header) p.fillRect(QRectF(left, y_, total_w, h), QColor(0xE8, 0xEC, 0xF3));
            p.setFont(is_bold || header ? bold : normal);
            p.setPen(Qt::black);
            double x = left;
            for (std::size_t c : shown) {
                const QRectF cell(x + kPadding, y_, width[c] - 2 * kPadding, h);
                const Qt::Alignment align =
                    c < t.right.size() && t.right[c] ? Qt::AlignRight : Qt::AlignLeft;
                if (header) {
                    p.drawText(cell, int(Qt::AlignBottom | align), cells.value(int(c)));
                } else {
                    const QString text = (is_bold ? fmb : fm)
                                             .elidedText(cells.value(int(c)), Qt::ElideRight,
                                                         cell.width());
                    p.drawText(cell, int(Qt::AlignVCenter | Qt::TextSingleLine | align), text);
                }
                x += width[c];
            }
            p.setPen(QPen(header || rule ? QColor(0x44, 0x44, 0x44) : QColor(0xDD, 0xDD, 0xDD),
                          header || rule ? 1.0 : 0.5));
            if (rule) p.drawLine(QPointF(left, y_), QPointF(left + total_w, y_));
            p.drawLine(QPointF(left, y_ + h), QPointF(left + total_w, y_ + h));
            y_ += h;
        };

        p.save();
        ensure(header_h + row_h * 2);
        draw_row(t.header, true, false, true);
        for (std::size_t r = 0; r < t.rows.size(); ++r) {
            if (remaining() < row_h) {
                page_break();
                draw_row(t.header, true, false, true);
            }
            draw_row(t.rows[r], r < t.bold.size() && t.bold[r],
                     r < t.rule_before.size() && t.rule_before[r], false);
        }
        p.restore();
        y_ += row_h;  // a gap before the next group or whatever follows
    }
}

}  // namespace eqroi::studio::pack
