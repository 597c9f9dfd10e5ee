// The PDF review pack: a valid PDF (header, trailer, pages), of the pages the pack has, titled
// with the study's name, written through a temporary; the recommendation names the engine's
// rank-1 alternative and its lead over rank 2. With EQROI_STUDIO_SCREENSHOT_DIR set, the pages
// are also kept as PNG images there for a person to look at.
#include "charts_fixture.hpp"

#include "charts/charts_panel.hpp"
#include "charts/review_pack.hpp"
#include "charts/yearly_cashflow_chart.hpp"

#include <QFile>
#include <QFileInfo>
#include <QRegularExpression>

namespace {

using eqroi::studio::ChartsPanel;

class ReportPack : public ::testing::Test {
protected:
    static void SetUpTestSuite() { cnc_ = charts_test::load_example("cnc_replacement.toml"); }
    static void TearDownTestSuite() { cnc_.reset(); }
    void SetUp() override {
        ASSERT_TRUE(dir_.isValid());
        panel_.set_result(cnc_->result, "EUR");
    }
    static QByteArray read(const QString& file) {
        QFile in(file);
        return in.open(QIODevice::ReadOnly) ? in.readAll() : QByteArray();
    }

    static inline std::unique_ptr<charts_test::Loaded> cnc_;
    QTemporaryDir dir_;
    ChartsPanel panel_;
};

/// The study's name as a PDF text string in UTF-16BE (how QPdfWriter writes /Title):
/// FE FF, then two bytes per character.
QByteArray utf16be(const QString& text) {
    QByteArray out("\xFE\xFF", 2);
    for (QChar c : text) {
        out.append(char(c.unicode() >> 8));
        out.append(char(c.unicode() & 0xFF));
    }
    return out;
}

TEST_F(ReportPack, IsAValidPdfOfEveryPage) {
    const QString file = dir_.filePath("review.pdf");
    QString error;
    ASSERT_TRUE(eqroi::studio::write_review_pack(file, cnc_->study, cnc_->result, panel_, &error,
                                                 QDate(2027, 3, 1)))
        << error.toStdString();
    const QByteArray pdf = read(file);
    EXPECT_TRUE(pdf.startsWith("%PDF-")) << pdf.left(10).toStdString();
    EXPECT_TRUE(pdf.trimmed().endsWith("%%EOF")) << pdf.right(10).toStdString();
    EXPECT_GT(pdf.size(), 10 * 1024);
    EXPECT_TRUE(pdf.contains("xref") && pdf.contains("trailer"));

    // Pages: the title page, the comparison, 3 charts (cumulative, NPV, LCC), the yearly
    // chart of each of the 3 alternatives, and at least a page of cash flow per alternative:
    // at least 11. The PDF has as many pages as the same drawing made on images.
    qsizetype page_objects = 0;  // "/Type /Page", not "/Type /Pages" (the page tree)
    for (auto it = QRegularExpression(QStringLiteral("/Type\\s*/Page(?!s)"))
                       .globalMatch(QString::fromLatin1(pdf));
         it.hasNext(); it.next())
        ++page_objects;
    QString render_error;
    const auto images = eqroi::studio::render_review_pack_pages(
        cnc_->study, cnc_->result, panel_, &render_error, 1.0, QDate(2027, 3, 1));
    ASSERT_FALSE(images.empty()) << render_error.toStdString();
    EXPECT_GE(page_objects, 11);
    EXPECT_EQ(page_objects, qsizetype(images.size()));

    // The document's title is the study's name (the Info dictionary is not compressed).
    const QString name = QString::fromStdString(cnc_->result.settings.name);
    EXPECT_TRUE(pdf.contains(utf16be(name)) || pdf.contains(name.toUtf8()))
        << "the study's name is not in the PDF";
    EXPECT_TRUE(pdf.contains(utf16be("eqroi-studio")));  // the creator
    // The charts are vectors: no page carries a picture.
    EXPECT_FALSE(pdf.contains("/Subtype /Image"));
    if (const QString keep = charts_test::screenshot_dir(); !keep.isEmpty())
        QFile::copy(file, keep + "/review_pack.pdf");
}

TEST_F(ReportPack, PagesAreA4LandscapeAndDrawn) {
    QString error;
    const auto pages = eqroi::studio::render_review_pack_pages(cnc_->study, cnc_->result, panel_,
                                                               &error, 1.5, QDate(2027, 3, 1));
    ASSERT_GE(pages.size(), 11u) << error.toStdString();
    for (std::size_t i = 0; i < pages.size(); ++i) {
        const QImage& page = pages[i];
        // A4 landscape, 297 x 210 mm at 1.5 x 96 dpi: 1684 x 1191 pixels (rounded up).
        EXPECT_NEAR(page.width(), 297 / 25.4 * 96 * 1.5, 1.0) << "page " << i + 1;
        EXPECT_NEAR(page.height(), 210 / 25.4 * 96 * 1.5, 1.0) << "page " << i + 1;
        int dark = 0;
        for (int y = 0; y < page.height(); y += 3)
            for (int x = 0; x < page.width(); x += 3)
                if (qGray(page.pixel(x, y)) < 128) ++dark;
        EXPECT_GT(dark, 200) << "page " << i + 1 << " looks blank";
    }
    if (const QString keep = charts_test::screenshot_dir(); !keep.isEmpty())
        for (std::size_t i = 0; i < pages.size(); ++i)
            pages[i].save(keep + QStringLiteral("/pack_page%1.png").arg(i + 1, 2, 10, QChar('0')));
}

TEST_F(ReportPack, RecommendationIsTheEnginesRankOneAndItsLead) {
    // The engine ranks machine A first (NPV -1,022,331.27 in the CLI's table) and keeping the
    // old machine second (-1,171,644.64): A leads by 149,313.37, the difference of the two.
    const auto& alts = cnc_->result.alternatives;
    const auto& keep = alts[0];
    const auto& buy_a = alts[1];
    ASSERT_EQ(buy_a.rank, 1);
    ASSERT_EQ(keep.rank, 2);
    const QString text = eqroi::studio::recommendation(cnc_->result, "EUR");
    EXPECT_TRUE(text.startsWith(QString::fromStdString(buy_a.name) + " has the highest NPV"))
        << text.toStdString();
    QString plain = text;
    plain.remove(',');
    EXPECT_TRUE(plain.contains(QString::number(buy_a.measures.npv - keep.measures.npv, 'f', 2) +
                               " EUR more than the next best"))
        << text.toStdString();
    EXPECT_TRUE(plain.contains(QString::number(buy_a.measures.npv, 'f', 2)));
    EXPECT_TRUE(text.contains(QString::fromStdString(keep.name)));
}

TEST_F(ReportPack, KeepsTheYearlyChartsChoice) {
    panel_.yearly()->show_alternative(2);
    QString error;
    ASSERT_TRUE(eqroi::studio::write_review_pack(dir_.filePath("r.pdf"), cnc_->study,
                                                 cnc_->result, panel_, &error));
    EXPECT_EQ(panel_.yearly()->alternative(), 2);
}

TEST_F(ReportPack, FailuresNameTheFileAndLeaveNothingBehind) {
    QString error;
    const QString missing = dir_.filePath("no-such-dir/review.pdf");
    EXPECT_FALSE(eqroi::studio::write_review_pack(missing, cnc_->study, cnc_->result, panel_,
                                                  &error));
    EXPECT_TRUE(error.startsWith(missing)) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(missing));

    // Charts that do not show the result: refused, nothing written.
    ChartsPanel empty;
    const QString file = dir_.filePath("review.pdf");
    error.clear();
    EXPECT_FALSE(eqroi::studio::write_review_pack(file, cnc_->study, cnc_->result, empty, &error));
    EXPECT_TRUE(error.contains("do not show this result")) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(file));
    EXPECT_EQ(QDir(dir_.path()).entryList(QDir::Files | QDir::Hidden).size(), 0);
}

}  // namespace
