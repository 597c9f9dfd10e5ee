// Pages of the PDF review pack: a painter that flows headings, paragraphs and tables down A4
// landscape pages, starting a new page when one is full. The same drawing goes to a PDF
// (QPdfWriter) or to images (a preview, and the tests' screenshots). Internal to
// host/studio/charts; GUI thread only.
#pragma once

#include <QFont>
#include <QImage>
#include <QPainter>
#include <QPdfWriter>
#include <QRectF>
#include <QString>
#include <QStringList>

#include <memory>
#include <vector>

namespace eqroi::studio::pack {

/// The pack is laid out in "screen pixels" (96 per inch), so that charts, whose fonts are
/// sized for the screen, keep their proportions on the page; a PDF stays vector regardless.
inline constexpr int kDpi = 96;

/// A table to flow across pages. Columns that do not fit the page width are split into
/// groups, each repeating the first `frozen` columns; rows that do not fit go on the next
/// page under the header again.
struct Table {
    QStringList header;               ///< a cell may have several lines ('\n')
    std::vector<bool> right;          ///< per column: numbers align right
    std::vector<QStringList> rows;    ///< each as wide as the header
    std::vector<bool> bold;           ///< per row (may be shorter than rows)
    std::vector<bool> rule_before;    ///< per row: a line above it (may be shorter)
    int frozen = 1;                   ///< leading label columns repeated in every group
};

/// Where pages go.
class Canvas {
public:
    virtual ~Canvas() = default;
    QPainter& painter() { return painter_; }
    /// The page's drawable area (inside the margins), in painter coordinates.
    QRectF content() const { return content_; }
    /// Finishes the current page (footer) and starts the next one. False when the device fails.
    bool next_page();
    /// Finishes the last page. False when the device fails.
    bool finish();
    int page_number() const { return page_; }

    /// The text in every page's footer (the page number follows it).
    QString footer;

protected:
    /// Sets the content area from a page of `size` pixels with 15 mm margins.
    void set_page_size(QSizeF size);
    virtual bool start_next_page() = 0;
    QPainter painter_;

private:
    void draw_footer();
    QRectF content_;
    int page_ = 1;
};

/// A PDF file (A4 landscape, vector), written by QPdfWriter to a device the caller owns
/// (a QSaveFile). Check ok() after construction.
class PdfCanvas : public Canvas {
public:
    PdfCanvas(QIODevice* device, const QString& title);
    ~PdfCanvas() override;
    bool ok() const { return ok_; }

protected:
    bool start_next_page() override;

private:
    QPdfWriter writer_;
    bool ok_ = false;
};

/// Images of A4 landscape pages at `scale` x 96 dpi (a preview; the tests look at them).
class ImageCanvas : public Canvas {
public:
    explicit ImageCanvas(double scale);
    ~ImageCanvas() override;
    /// The pages drawn so far; call after finish().
    std::vector<QImage> pages() const { return pages_; }

protected:
    bool start_next_page() override;

private:
    void begin_page();
    double scale_;
    std::vector<QImage> pages_;
};

/// Flows content down the pages of a canvas.
class Flow {
public:
    explicit Flow(Canvas& canvas);
    Canvas& canvas() { return canvas_; }
    /// Space left on the page below the cursor.
    double remaining() const;
    /// Starts a new page unless the cursor is at the top already.
    void page_break();
    /// Moves the cursor down by `dy`, or starts a new page when less than `need` is left.
    void ensure(double need);
    void skip(double dy);
    double y() const { return y_; }

    /// A heading of `size` points, bold; keeps `keep_with_next` pixels below it on its page.
    void heading(const QString& text, double size = 16, double keep_with_next = 80);
    /// Wrapped text at `size` points.
    void paragraph(const QString& text, double size = 10, bool bold = false);
    /// A table (see Table), paginated; `size` is the font size in points.
    void table(const Table& t, double size = 8.5);
    /// A framed box of `height` pixels at the cursor, full width; returns its rectangle.
    QRectF take(double height);

private:
    Canvas& canvas_;
    double y_ = 0;
};

}  // namespace eqroi::studio::pack
