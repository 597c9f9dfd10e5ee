// The measures table and the NPV bars show the engine's measures, written exactly as the CLI
// report writes them: each cell is checked against the text of render_report() (the table
// `eqroi run` prints), a rendering that does not go through the studio's code.
#include "charts_fixture.hpp"

#include "charts/charts_panel.hpp"
#include "charts/measures_model.hpp"
#include "charts/measures_view.hpp"

#include <eqroi/core/report.hpp>

#include <QBarSet>
#include <QHorizontalStackedBarSeries>

#include <sstream>

namespace {

using eqroi::studio::ChartsPanel;
using eqroi::studio::MeasuresModel;
using Row = MeasuresModel::Row;

class ChartsMeasures : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        cnc_ = charts_test::load_example("cnc_replacement.toml");
        cli_ = eqroi::render_report(cnc_->result, eqroi::ReportFormat::table);
    }
    static void TearDownTestSuite() { cnc_.reset(); }

    /// The line of alternative `name` in the CLI table whose heading starts with `heading`
    /// (the first table after it); "" when not found.
    static std::string cli_row(const std::string& heading, const std::string& name) {
        const std::size_t at = cli_.find(heading);
        if (at == std::string::npos) return {};
        std::istringstream in(cli_.substr(at));
        std::string line;
        while (std::getline(in, line))
            if (line.find(name) != std::string::npos) return line;
        return {};
    }

    /// True when every cell appears in `line`, in this order, each after the previous one.
    static bool in_order(const std::string& line, const QStringList& cells, std::string* why) {
        std::size_t from = 0;
        for (const QString& cell : cells) {
            const std::size_t at = line.find(cell.toStdString(), from);
            if (at == std::string::npos) {
                *why = "'" + cell.toStdString() + "' not found after column " +
                       std::to_string(from) + " in: " + line;
                return false;
            }
            from = at + std::size_t(cell.size());
        }
        return true;
    }

    static inline std::unique_ptr<charts_test::Loaded> cnc_;
    static inline std::string cli_;
};

TEST_F(ChartsMeasures, ColumnsAreTheAlternativesInTheEnginesRankOrder) {
    MeasuresModel model;
    model.set_result(cnc_->result, "EUR");
    ASSERT_EQ(model.columnCount(), 3);
    ASSERT_EQ(model.rowCount(), int(MeasuresModel::row_count));
    for (const auto& a : cnc_->result.alternatives) {
        const int c = model.column_of(a.id);
        ASSERT_EQ(c, a.rank - 1) << a.id;
        EXPECT_EQ(model.text(MeasuresModel::rank, c), QString::number(a.rank));
        QString header = model.headerData(c, Qt::Horizontal).toString();
        header.replace('\n', ' ');
        EXPECT_TRUE(header.startsWith(QString::fromStdString(a.name))) << header.toStdString();
    }
    // The CLI ranks machine A first (highest NPV), then keep, then machine B.
    EXPECT_EQ(model.column_of("buy_a"), 0);
    EXPECT_EQ(model.column_of("keep"), 1);
    EXPECT_EQ(model.column_of("buy_b"), 2);
}

TEST_F(ChartsMeasures, NpvCellsAreTheEnginesNpvAsTheCliWritesIt) {
    MeasuresModel model;
    model.set_result(cnc_->result, "EUR");
    for (const auto& a : cnc_->result.alternatives) {
        const QString npv = model.text(MeasuresModel::npv, model.column_of(a.id));
        EXPECT_EQ(model.data(model.index(MeasuresModel::npv, model.column_of(a.id))).toString(), npv);
        // The number itself: to the cent of the engine's NPV.
        QString digits = npv;
        digits.remove(',');
        bool ok = false;
        EXPECT_NEAR(digits.toDouble(&ok), a.measures.npv, 0.005) << npv.toStdString();
        EXPECT_TRUE(ok) << npv.toStdString();
        EXPECT_TRUE(npv.contains(',')) << "thousands grouped: " << npv.toStdString();
        // And the text of the CLI's measures table.
        const std::string line = cli_row("== Measures of each alternative", a.name);
        ASSERT_FALSE(line.empty()) << a.name;
        EXPECT_NE(line.find(" " + npv.toStdString() + " "), std::string::npos)
            << npv.toStdString() << " | " << line;
    }
}

TEST_F(ChartsMeasures, EveryMeasureCellMatchesTheCliTables) {
    MeasuresModel model;
    model.set_result(cnc_->result, "EUR");
    for (const auto& a : cnc_->result.alternatives) {
        const int c = model.column_of(a.id);
        auto cell = [&](Row r) { return model.text(r, c); };
        std::string why;
        // CLI measures table: NPV IRR MIRR PI Payback Disc.payback EAA LCC EUAC ROI.
        EXPECT_TRUE(in_order(cli_row("== Measures of each alternative", a.name),
                             {cell(Row::npv), cell(Row::irr), cell(Row::mirr), cell(Row::payback),
                              cell(Row::discounted_payback), cell(Row::lcc), cell(Row::euac)},
                             &why))
            << why;
        // CLI comparison table: NPV, incremental NPV, IRR, paybacks, SIR, AIRR.
        const std::string comparison = cli_row("Comparison with the baseline", a.name);
        if (a.is_baseline) {
            EXPECT_EQ(cell(Row::incremental_npv), "baseline");
            EXPECT_EQ(cell(Row::sir), "");
            EXPECT_NE(comparison.find("baseline"), std::string::npos) << comparison;
            continue;
        }
        EXPECT_TRUE(in_order(comparison,
                             {cell(Row::npv), cell(Row::incremental_npv), cell(Row::incremental_irr),
                              cell(Row::incremental_payback),
                              cell(Row::incremental_discounted_payback), cell(Row::sir),
                              cell(Row::airr)},
                             &why))
            << why;
    }
    // What the engine says it cannot give is written as the CLI writes it: a flow of costs
    // only has no IRR ("none") and never pays back ("not reached").
    const int keep = model.column_of("keep");
    EXPECT_EQ(model.text(Row::irr, keep), "none");
    EXPECT_EQ(model.text(Row::discounted_payback, keep), "not reached");
    EXPECT_EQ(model.text(Row::incremental_discounted_payback, model.column_of("buy_b")),
              "not reached");
}

TEST_F(ChartsMeasures, NpvBarsAreTheEnginesNpv) {
    ChartsPanel panel;
    panel.set_result(cnc_->result, "EUR");
    const auto* bars = panel.measures()->npv_bars();
    ASSERT_NE(bars, nullptr);
    ASSERT_EQ(bars->count(), 3);
    // Bottom to top: rank 3, 2, 1; set i has its NPV in category i and 0 elsewhere.
    const std::vector<std::string> bottom_up{"buy_b", "keep", "buy_a"};
    for (int i = 0; i < 3; ++i) {
        const auto* a = &cnc_->result.alternatives[0];
        for (const auto& alt : cnc_->result.alternatives)
            if (alt.id == bottom_up[std::size_t(i)]) a = &alt;
        const QBarSet* set = bars->barSets()[i];
        EXPECT_EQ(set->label().toStdString(), a->name);
        for (int c = 0; c < 3; ++c) EXPECT_EQ(set->at(c), c == i ? a->measures.npv : 0.0);
    }
}

}  // namespace
