// Each chart exports to PNG and SVG: the files are valid images of the requested size, drawn
// (not blank), and written through a temporary (no partial file on failure). With
// EQROI_STUDIO_SCREENSHOT_DIR set, the images are kept there for a person to look at.
#include "charts_fixture.hpp"

#include "charts/chart_export.hpp"
#include "charts/charts_panel.hpp"
#include "charts/result_figures.hpp"

#include <QChart>
#include <QChartView>
#include <QFile>
#include <QFileInfo>
#include <QImage>
#include <QSet>

namespace {

using eqroi::studio::ChartsPanel;

class ChartsExport : public ::testing::Test {
protected:
    static void SetUpTestSuite() { cnc_ = charts_test::load_example("cnc_replacement.toml"); }
    static void TearDownTestSuite() { cnc_.reset(); }
    void SetUp() override {
        ASSERT_TRUE(dir_.isValid());
        panel_.set_result(cnc_->result, "EUR");
    }
    QString path(const QString& name) const { return dir_.filePath(name); }

    static inline std::unique_ptr<charts_test::Loaded> cnc_;
    QTemporaryDir dir_;
    ChartsPanel panel_;
};

/// How many distinct colours an image has (a blank or one-colour export has 1).
int colours(const QImage& image) {
    QSet<QRgb> seen;
    for (int y = 0; y < image.height(); y += 2)
        for (int x = 0; x < image.width(); x += 2) seen.insert(image.pixel(x, y));
    return int(seen.size());
}

bool has_pixel_of(const QImage& image, QColor colour) {
    for (int y = 0; y < image.height(); ++y)
        for (int x = 0; x < image.width(); ++x)
            if (image.pixelColor(x, y).rgb() == colour.rgb()) return true;
    return false;
}

TEST_F(ChartsExport, PngOfEveryChartIsAnImageOfTheRequestedSize) {
    const QStringList names{"cumulative", "yearly", "npv", "lcc"};
    ASSERT_EQ(panel_.chart_views().size(), 4);
    for (int i = 0; i < 4; ++i) {
        const QString file = path(names[i] + ".png");
        QString error;
        ASSERT_TRUE(eqroi::studio::export_chart_png(panel_.chart_views()[i], file, &error,
                                                    QSize(1000, 600)))
            << error.toStdString();
        EXPECT_GT(QFileInfo(file).size(), 5000) << names[i].toStdString();
        QImage image;
        ASSERT_TRUE(image.load(file, "PNG")) << names[i].toStdString();
        EXPECT_EQ(image.size(), QSize(1000, 600));
        // Text, axes, bars and lines in several colours, anti-aliased: hundreds of colours.
        EXPECT_GT(colours(image), 50) << names[i].toStdString();
        if (const QString keep = charts_test::screenshot_dir(); !keep.isEmpty())
            QFile::copy(file, keep + "/chart_" + names[i] + ".png");
    }
}

TEST_F(ChartsExport, CumulativePngShowsEveryAlternativesColour) {
    const QString file = path("cumulative.png");
    QString error;
    ASSERT_TRUE(eqroi::studio::export_chart_png(panel_.chart_views()[0], file, &error))
        << error.toStdString();
    QImage image(file);
    ASSERT_EQ(image.size(), eqroi::studio::kExportSize);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_TRUE(has_pixel_of(image, eqroi::studio::figures::alternative_color(cnc_->result, i)))
            << "alternative " << i;
}

TEST_F(ChartsExport, SvgIsAnSvgDocumentWithTheChartsText) {
    const QString file = path("cumulative.svg");
    QString error;
    ASSERT_TRUE(eqroi::studio::export_chart_svg(panel_.chart_views()[0], file, &error))
        << error.toStdString();
    QFile in(file);
    ASSERT_TRUE(in.open(QIODevice::ReadOnly));
    const QByteArray svg = in.readAll();
    EXPECT_TRUE(svg.startsWith("<?xml")) << svg.left(40).toStdString();
    EXPECT_TRUE(svg.contains("<svg"));
    EXPECT_TRUE(svg.contains("</svg>"));
    EXPECT_TRUE(svg.contains("width=\"1200\"") || svg.contains("width=\"1200px\""));
    // Text stays text in an SVG: the title and an alternative's name are searchable.
    EXPECT_TRUE(svg.contains("Cumulative discounted cash flow"));
    EXPECT_TRUE(svg.contains("Buy machine A"));
}

TEST_F(ChartsExport, FailureNamesTheFileAndLeavesNothingBehind) {
    const QString file = path("missing-dir/chart.png");
    QString error;
    EXPECT_FALSE(eqroi::studio::export_chart_png(panel_.chart_views()[0], file, &error));
    EXPECT_TRUE(error.contains(file)) << error.toStdString();
    EXPECT_FALSE(QFileInfo::exists(file));
    error.clear();
    EXPECT_FALSE(eqroi::studio::export_chart_svg(panel_.chart_views()[0],
                                                 path("missing-dir/chart.svg"), &error));
    EXPECT_TRUE(error.contains("chart.svg")) << error.toStdString();
    EXPECT_FALSE(eqroi::studio::export_chart_png(nullptr, path("x.png"), &error));
    EXPECT_FALSE(QFileInfo::exists(path("x.png")));
}

TEST_F(ChartsExport, ExportDoesNotDisturbTheViewOnScreen) {
    QChartView* view = panel_.chart_views()[0];
    panel_.resize(800, 500);
    panel_.show();
    const QRectF before = view->chart()->geometry();
    QString error;
    ASSERT_TRUE(eqroi::studio::export_chart_png(view, path("c.png"), &error, QSize(1600, 900)));
    EXPECT_EQ(view->chart()->geometry(), before);
    if (const QString keep = charts_test::screenshot_dir(); !keep.isEmpty()) {
        for (int tab = 0; tab < panel_.count(); ++tab) {
            panel_.setCurrentIndex(tab);
            panel_.grab().save(keep + QStringLiteral("/panel_tab%1.png").arg(tab));
        }
    }
}

}  // namespace
