// The charts show the engine's figures: the cumulative chart's points are the engine's
// cumulative discounted flows, the payback markers sit at the engine's discounted paybacks, the
// yearly bars add up to the engine's net flow and the life-cycle cost parts to the engine's
// LCC. On configs/examples/cnc_replacement.toml (yearly, taxed) and a monthly variant of it.
#include "charts_fixture.hpp"

#include "charts/chart_export.hpp"
#include "charts/charts_panel.hpp"
#include "charts/cumulative_chart.hpp"
#include "charts/lcc_breakdown_chart.hpp"
#include "charts/result_figures.hpp"
#include "charts/yearly_cashflow_chart.hpp"

#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalStackedBarSeries>
#include <QLineSeries>
#include <QScatterSeries>
#include <QStackedBarSeries>

#include <fstream>
#include <sstream>

namespace {

using charts_test::close;
using eqroi::studio::ChartsPanel;

class ChartsSeries : public ::testing::Test {
protected:
    static void SetUpTestSuite() { cnc_ = charts_test::load_example("cnc_replacement.toml"); }
    static void TearDownTestSuite() { cnc_.reset(); }
    static const eqroi::StudyResult& result() { return cnc_->result; }
    static inline std::unique_ptr<charts_test::Loaded> cnc_;
};

TEST_F(ChartsSeries, ExampleIsWhatTheTestsAssume) {
    // Three alternatives over 10 years (periods 0..10), yearly, taxed at 25 %: the yearly bars
    // then include an "Income tax" category and sum to the after-tax net flow.
    ASSERT_EQ(result().alternatives.size(), 3u);
    EXPECT_EQ(result().settings.horizon_years, 10);
    EXPECT_EQ(result().settings.periods_per_year(), 1);
    EXPECT_EQ(result().settings.tax_rate, 0.25);
    for (const auto& a : result().alternatives) ASSERT_EQ(a.cumulative_discounted.size(), 11u);
}

TEST_F(ChartsSeries, CumulativeLinesAreTheEnginesCumulativeDiscountedFlows) {
    ChartsPanel panel;
    panel.set_result(result(), "EUR");
    const auto& lines = panel.cumulative()->alternative_series();
    ASSERT_EQ(lines.size(), 3);
    for (std::size_t i = 0; i < 3; ++i) {
        const auto& a = result().alternatives[i];
        const QLineSeries* line = lines[qsizetype(i)];
        EXPECT_TRUE(line->name().startsWith(QString::fromStdString(a.name))) << i;
        ASSERT_EQ(line->count(), 11) << a.id;
        for (int k = 0; k <= 10; ++k) {
            EXPECT_EQ(line->at(k).x(), double(k)) << a.id << " period " << k;
            EXPECT_EQ(line->at(k).y(), a.cumulative_discounted[std::size_t(k)])
                << a.id << " period " << k;
        }
        // The curve ends at the NPV: the engine's running sum and its NPV agree.
        EXPECT_TRUE(close(line->at(10).y(), a.measures.npv)) << a.id;
    }
}

/// The alternative's cumulative discounted curve as drawn: straight between periods.
double curve_at(const eqroi::AlternativeResult& a, double period) {
    const auto k0 = std::size_t(std::floor(period));
    const auto k1 = std::min(k0 + 1, a.cumulative_discounted.size() - 1);
    return a.cumulative_discounted[k0] +
           (period - double(k0)) * (a.cumulative_discounted[k1] - a.cumulative_discounted[k0]);
}

TEST_F(ChartsSeries, PaybackMarkersSitAtTheEnginesDiscountedPaybacks) {
    // The example is a comparison of costs: no alternative's own flow ever turns positive, so
    // the engine reports no own discounted payback (the CLI: "not reached" for all three) and
    // no own marker is drawn. Against the baseline 'keep', machine A pays back after 7.09
    // years (the CLI's "Incr. d.payb."); machine B does not (the CLI: "not reached").
    ChartsPanel panel;
    panel.set_result(result(), "EUR");
    const auto* chart = panel.cumulative();
    const auto& keep = result().alternatives[0];
    const auto& buy_a = result().alternatives[1];
    ASSERT_EQ(keep.id, "keep");
    ASSERT_EQ(buy_a.id, "buy_a");
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_FALSE(result().alternatives[i].measures.discounted_payback.has_value());
        EXPECT_EQ(chart->payback_marker(i), nullptr) << i;
    }
    EXPECT_EQ(chart->baseline_payback_marker(0), nullptr);  // the baseline itself
    EXPECT_EQ(chart->baseline_payback_marker(2), nullptr);  // buy_b: not reached

    const QScatterSeries* marker = chart->baseline_payback_marker(1);
    ASSERT_NE(marker, nullptr);
    ASSERT_EQ(marker->count(), 1);
    ASSERT_TRUE(buy_a.vs_baseline.discounted_payback.has_value());
    const double x = *buy_a.vs_baseline.discounted_payback;
    EXPECT_EQ(marker->at(0).x(), x);
    EXPECT_NEAR(x, 7.09, 0.005);  // the CLI's "7.09 yr"
    EXPECT_EQ(marker->at(0).y(), curve_at(buy_a, x));
    // Independent check of the engine's figure against its series: the two drawn curves cross
    // there (A's is below keep's before year 7 and above it after year 8).
    EXPECT_LT(buy_a.cumulative_discounted[7], keep.cumulative_discounted[7]);
    EXPECT_GE(buy_a.cumulative_discounted[8], keep.cumulative_discounted[8]);
    EXPECT_NEAR(curve_at(buy_a, x), curve_at(keep, x), 1e-6 * std::fabs(curve_at(keep, x)));
    EXPECT_TRUE(marker->name().contains("7.09 yr")) << marker->name().toStdString();
}

/// The sum over the bar sets of year y.
double stacked(const QStackedBarSeries* bars, int y) {
    double sum = 0;
    for (const QBarSet* set : bars->barSets()) sum += set->at(y);
    return sum;
}

TEST_F(ChartsSeries, YearlyBarsAddUpToTheEnginesNetFlowAfterTax) {
    ChartsPanel panel;
    panel.set_result(result(), "EUR");
    auto* yearly = panel.yearly();
    ASSERT_EQ(yearly->alternative_count(), 3);
    for (int i = 0; i < 3; ++i) {
        yearly->show_alternative(i);
        ASSERT_EQ(yearly->alternative(), i);
        const auto& a = result().alternatives[std::size_t(i)];
        const QStackedBarSeries* bars = yearly->bars();
        ASSERT_NE(bars, nullptr);
        QStringList labels;
        for (const QBarSet* set : bars->barSets()) {
            labels << set->label();
            EXPECT_EQ(set->count(), 11) << set->label().toStdString();
        }
        EXPECT_TRUE(labels.contains("Income tax")) << labels.join(", ").toStdString();
        EXPECT_TRUE(labels.contains("Maintenance")) << labels.join(", ").toStdString();
        for (int y = 0; y <= 10; ++y) {
            EXPECT_TRUE(close(stacked(bars, y), a.net[std::size_t(y)]))
                << a.id << " year " << y << ": bars " << stacked(bars, y) << ", net "
                << a.net[std::size_t(y)];
            EXPECT_EQ(yearly->net_line()->at(y).y(), a.net[std::size_t(y)]);
        }
    }
    // The purchases show a capital bar in year 0; keeping the old machine buys nothing then.
    yearly->show_alternative(1);
    bool capital = false;
    for (const QBarSet* set : yearly->bars()->barSets())
        if (set->label() == "Capital") capital = set->at(0) < 0;
    EXPECT_TRUE(capital);
}

TEST_F(ChartsSeries, LifeCycleCostPartsAddUpToTheEnginesLcc) {
    ChartsPanel panel;
    panel.set_result(result(), "EUR");
    const auto* lcc = panel.lcc();
    ASSERT_NE(lcc->bars(), nullptr);
    EXPECT_TRUE(lcc->unreconciled().isEmpty()) << lcc->unreconciled().join(", ").toStdString();
    ASSERT_EQ(lcc->alternative_ids().size(), 3);
    // Bottom to top: the study's last alternative first.
    EXPECT_EQ(lcc->alternative_ids().front(), "buy_b");
    for (int bar = 0; bar < 3; ++bar) {
        const std::string id = lcc->alternative_ids()[bar].toStdString();
        const auto* a = result().alternatives.data() + (2 - bar);
        ASSERT_EQ(a->id, id);
        double sum = 0;
        bool benefits = false;
        for (const QBarSet* set : lcc->bars()->barSets()) {
            sum += set->at(bar);
            benefits = benefits || set->label() == "Benefits";
        }
        EXPECT_TRUE(close(sum, a->measures.lcc)) << id << ": parts " << sum << ", LCC "
                                                 << a->measures.lcc;
        EXPECT_FALSE(benefits) << "the engine's LCC leaves benefit lines out";
    }
}

TEST_F(ChartsSeries, ClearEmptiesEveryView) {
    ChartsPanel panel;
    panel.set_result(result(), "EUR");
    panel.clear();
    EXPECT_TRUE(panel.cumulative()->alternative_series().isEmpty());
    EXPECT_EQ(panel.yearly()->bars(), nullptr);
    EXPECT_EQ(panel.lcc()->bars(), nullptr);
    EXPECT_EQ(panel.chart_views().size(), 4);
    for (QChartView* view : panel.chart_views()) {
        ASSERT_NE(view->chart(), nullptr);
        EXPECT_TRUE(view->chart()->series().isEmpty());
        EXPECT_FALSE(view->chart()->title().isEmpty());
    }
}

// --- A monthly study: the same example with periods = "monthly" -------------------------------

TEST(ChartsSeriesMonthly, CumulativeInYearsAndBarsSummedByYear) {
    std::ifstream in(std::string(EQROI_EXAMPLES_DIR) + "/cnc_replacement.toml");
    std::stringstream text;
    text << in.rdbuf();
    std::string toml = text.str();
    const std::string yearly = "periods = \"yearly\"";
    ASSERT_NE(toml.find(yearly), std::string::npos);
    toml.replace(toml.find(yearly), yearly.size(), "periods = \"monthly\"");

    auto cnc = charts_test::load_example("cnc_replacement.toml");  // for its registry
    const eqroi::Study study = eqroi::parse_study(toml, "cnc_monthly.toml", *cnc->registry);
    const eqroi::StudyResult r = eqroi::Engine(study, *cnc->registry).run();
    ASSERT_EQ(r.settings.periods_per_year(), 12);
    ASSERT_EQ(r.alternatives.front().net.size(), 121u);  // months 0..120

    ChartsPanel panel;
    panel.set_result(r, "EUR");
    for (std::size_t i = 0; i < r.alternatives.size(); ++i) {
        const auto& a = r.alternatives[i];
        const QLineSeries* line = panel.cumulative()->alternative_series()[qsizetype(i)];
        ASSERT_EQ(line->count(), 121);
        for (int k = 0; k <= 120; ++k) {
            EXPECT_EQ(line->at(k).x(), k / 12.0);  // month 18 is at year 1.5
            EXPECT_EQ(line->at(k).y(), a.cumulative_discounted[std::size_t(k)]);
        }
        if (a.vs_baseline.discounted_payback && !a.is_baseline) {
            ASSERT_NE(panel.cumulative()->baseline_payback_marker(i), nullptr);
            EXPECT_EQ(panel.cumulative()->baseline_payback_marker(i)->at(0).x(),
                      *a.vs_baseline.discounted_payback);
        }

        // Year 0 is month 0 alone; year y >= 1 is months 12(y-1)+1 .. 12y.
        panel.yearly()->show_alternative(int(i));
        const QStackedBarSeries* bars = panel.yearly()->bars();
        ASSERT_EQ(bars->barSets().front()->count(), 11);
        for (int y = 0; y <= 10; ++y) {
            double net = 0;
            if (y == 0) net = a.net[0];
            for (int m = 12 * (y - 1) + 1; y > 0 && m <= 12 * y; ++m) net += a.net[std::size_t(m)];
            EXPECT_TRUE(close(stacked(bars, y), net)) << a.id << " year " << y;
        }
    }
}

// --- Every bundled example ----------------------------------------------------------------------

/// Yearly or not, nominal or constant dollars, end of period or mid period, with loans and
/// leases: the same contract on every example the studio ships with.
class ChartsSeriesExamples : public ::testing::TestWithParam<const char*> {};

TEST_P(ChartsSeriesExamples, ChartsAreTheEnginesFigures) {
    auto loaded = charts_test::load_example(GetParam());
    const eqroi::StudyResult& r = loaded->result;
    ChartsPanel panel;
    panel.set_result(r, QString::fromStdString(r.settings.currency));
    const int ppy = r.settings.periods_per_year();
    ASSERT_EQ(panel.cumulative()->alternative_series().size(), qsizetype(r.alternatives.size()));
    for (std::size_t i = 0; i < r.alternatives.size(); ++i) {
        const auto& a = r.alternatives[i];
        const QLineSeries* line = panel.cumulative()->alternative_series()[qsizetype(i)];
        ASSERT_EQ(std::size_t(line->count()), a.cumulative_discounted.size()) << a.id;
        for (int k = 0; k < line->count(); ++k) {
            EXPECT_EQ(line->at(k).x(), double(k) / ppy);
            EXPECT_EQ(line->at(k).y(), a.cumulative_discounted[std::size_t(k)]) << a.id << " " << k;
        }
        if (a.measures.discounted_payback) {
            ASSERT_NE(panel.cumulative()->payback_marker(i), nullptr) << a.id;
            EXPECT_EQ(panel.cumulative()->payback_marker(i)->at(0),
                      QPointF(*a.measures.discounted_payback, 0.0));
        }
        if (!a.is_baseline && a.vs_baseline.discounted_payback) {
            ASSERT_NE(panel.cumulative()->baseline_payback_marker(i), nullptr) << a.id;
            EXPECT_EQ(panel.cumulative()->baseline_payback_marker(i)->at(0).x(),
                      *a.vs_baseline.discounted_payback);
        }

        panel.yearly()->show_alternative(int(i));
        const QStackedBarSeries* bars = panel.yearly()->bars();
        const std::vector<double> years = eqroi::studio::figures::by_year(a.net, ppy);
        ASSERT_EQ(std::size_t(bars->barSets().front()->count()), years.size());
        for (int y = 0; y < int(years.size()); ++y)
            EXPECT_TRUE(close(stacked(bars, y), years[std::size_t(y)])) << a.id << " year " << y;
    }
    EXPECT_TRUE(panel.lcc()->unreconciled().isEmpty())
        << panel.lcc()->unreconciled().join(", ").toStdString();

    if (const QString keep = charts_test::screenshot_dir(); !keep.isEmpty()) {
        const QString stem = QString::fromLatin1(GetParam()).section('.', 0, 0);
        for (int c = 0; c < panel.chart_views().size(); ++c) {
            QString error;
            EXPECT_TRUE(eqroi::studio::export_chart_png(
                panel.chart_views()[c], keep + QStringLiteral("/%1_%2.png").arg(stem).arg(c), &error))
                << error.toStdString();
        }
    }
}

INSTANTIATE_TEST_SUITE_P(Examples, ChartsSeriesExamples,
                         ::testing::Values("cnc_replacement.toml", "compressed_air.toml",
                                           "injection_moulding.toml", "palletising_robot.toml"),
                         [](const auto& info) {
                             std::string name = info.param;
                             return name.substr(0, name.find('.'));
                         });

}  // namespace
