// The table and Markdown reports, and the comparison CSV, on the hand-built results of
// report_fixture.hpp (where every figure below is worked out).
#include "report_fixture.hpp"

namespace report_test {
namespace {

using eqroi::render_report;
using eqroi::ReportFormat;

std::string table_of(const StudyResult& r) { return render_report(r, ReportFormat::table); }

/// The text from the first line containing `marker` on.
std::string from(const std::string& text, const std::string& marker) {
    const auto at = text.find(marker);
    EXPECT_NE(at, std::string::npos) << "no " << marker << " in:\n" << text;
    return at == std::string::npos ? "" : text.substr(at);
}

TEST(ReportTable, HeaderStatesRatesTimingDollarsFinancingAndMirrRates) {
    const std::string t = table_of(small_study());
    // real = 1.10 / 1.02 - 1 = 7.843137 %.
    EXPECT_HAS(t, "Discount rate 10.00 % per year, nominal (real 7.84 % at 2.00 % inflation).\n");
    EXPECT_HAS(t, "Timing: end of period:");
    EXPECT_HAS(t, "Dollars: nominal (amounts as they will be paid).\n");
    EXPECT_HAS(t, "Financing: unlevered (no loan or lease lines).\n");
    EXPECT_HAS(t, "MIRR: finance rate 10.00 %, reinvestment rate 10.00 % per year.\n");

    StudyResult c = small_study();
    c.settings.dollars = eqroi::Dollars::constant;
    c.settings.timing = eqroi::finance::Timing::mid_period;
    c.rates.nominal = 1.1 * 1.02 - 1;  // 12.20 %
    c.alternatives[0].lines.push_back(line("financing.loan_interest", "Loan interest",
                                           "financing", EQROI_CATEGORY_OTHER,
                                           EQROI_TAX_DEDUCTIBLE, {0, -10, -10, -10}));
    const std::string ct = table_of(c);
    EXPECT_HAS(ct, "Discount rate 10.00 % per year, real (nominal 12.20 % at 2.00 % inflation).\n");
    EXPECT_HAS(ct, "Timing: mid period:");
    EXPECT_HAS(ct, "Dollars: constant");
    EXPECT_HAS(ct, "Financing: loan or lease lines in 'buy'");
}

TEST(ReportTable, MeasuresOfEachAlternativeInRankOrder) {
    const std::string t = squeeze(from(table_of(small_study()), "Measures of each alternative"));
    EXPECT_HAS(t, "ranked by NPV, mutually exclusive");
    // NPV, IRR, MIRR, PI, payback, discounted payback, EAA, LCC, EUAC, ROI (fixture comments).
    EXPECT_HAS(t, "\n1 Buy a new press -21.04 8.90 % 9.22 % 0.98 2.60 yr not reached -8.46 "
                  "1,124.34 452.11 6.67 %\n");
    EXPECT_HAS(t, "\n2 Keep the old press -497.37 none none none not reached not reached -200.00 "
                  "497.37 200.00 none\n");
}

TEST(ReportTable, ComparisonWithTheBaseline) {
    const std::string t = squeeze(from(table_of(small_study()), "Comparison with the baseline 'keep'"));
    // Incremental NPV (= net savings) 476.33, incremental IRR 33.87 %, paybacks 1.83 and 2.09,
    // SIR 1.476334, AIRR 25.25 %.
    EXPECT_HAS(t, "\n1 Buy a new press -21.04 476.33 33.87 % 1.83 yr 2.09 yr 1.48 25.25 %\n");
    EXPECT_HAS(t, "\n2 Keep the old press -497.37 baseline\n");
    // Untaxed: no pre-tax block.
    EXPECT_EQ(t.find("Before tax"), std::string::npos) << t;
}

TEST(ReportTable, AmbiguousIrrListsTheRoots) {
    // swap: NPV = 0 at 5 % and 25 %; NPV at 10 % = 6.198347, rank 1.
    const std::string t = squeeze(table_of(with_ambiguous_irr()));
    EXPECT_HAS(t, "\n1 Swap the tooling 6.20 ambiguous: 5.00 %, 25.00 % ");
}

TEST(ReportTable, CashFlowTableShowsDiscounting) {
    const std::string t = squeeze(table_of(small_study()));
    EXPECT_HAS(t, "\nNet cash flow -1,000 300 400 500\n");
    EXPECT_HAS(t, "\nCumulative -1,000 -700 -300 200\n");
    EXPECT_HAS(t, "\nDiscount factor 1.000000 0.909091 0.826446 0.751315\n");
    EXPECT_HAS(t, "\nDiscounted -1,000 273 331 376\n");
    EXPECT_HAS(t, "\nCumulative discounted -1,000 -727 -397 -21\n");
    EXPECT_EQ(t.find("Pre-tax net flow"), std::string::npos);  // untaxed
}

TEST(ReportTable, TaxedStudyShowsTheTaxComputationAndAPreTaxBlock) {
    const std::string t = squeeze(table_of(taxed_study()));
    const std::string buy = t.substr(0, t.find("== Keep"));
    // In this order, after the lines: depreciation, taxable income, tax, pre-tax, after-tax.
    const auto dep = buy.find("\nTax depreciation (not cash) tax 0 500 500\n");
    const auto taxable = buy.find("\nTaxable income tax 0 300 300\n");
    const auto tax = buy.find("\nIncome tax tax 0 -75 -75\n");
    const auto pre = buy.find("\nPre-tax net flow -1,000 800 800\n");
    const auto after = buy.find("\nAfter-tax net flow -1,000 725 725\n");
    ASSERT_NE(dep, std::string::npos) << buy;
    ASSERT_NE(after, std::string::npos) << buy;
    EXPECT_LT(dep, taxable);
    EXPECT_LT(taxable, tax);
    EXPECT_LT(tax, pre);
    EXPECT_LT(pre, after);
    EXPECT_EQ(buy.find("Income tax", tax + 2), std::string::npos) << "income tax shown twice";
    // The pre-tax block, with the pre-tax NPVs (388.43 and -173.55 = -100/1.1 - 100/1.21).
    const std::string before = from(t, "Before tax (rows in the after-tax rank order)");
    EXPECT_HAS(before, "\n1 Buy 388.43 ");
    EXPECT_HAS(before, "\n2 Keep -173.55 ");
    EXPECT_HAS(before, "Before tax, against the baseline 'keep'");
}

TEST(ReportTable, UnitsAndLoanSchedules) {
    StudyResult r = small_study();
    eqroi::CapitalUnit unit;
    unit.bought = 0;
    unit.cost = 1000;
    unit.retired = 3;
    unit.in_service_at_end = true;
    unit.value_at_exit = 100;
    unit.book_value_at_exit = 0;
    unit.gain_on_disposal = 100;
    r.alternatives[0].units = {unit};
    // A 1000 loan at 10 % over 3 years: payment 1000 x 0.40211480 = 402.11; year 1 interest
    // 100.00, principal 302.11, balance 697.89.
    r.alternatives[0].loan = {{1, 402.11, 100.00, 302.11, 697.89}};
    const std::string t = squeeze(table_of(r));
    EXPECT_HAS(t, "Units bought (the purchase and its replacements):");
    EXPECT_HAS(t, "\n1 year 0 1,000.00 year 3 residual (straight line) 100.00 0.00 100.00\n");
    EXPECT_HAS(t, "Loan schedule (level payments):");
    EXPECT_HAS(t, "\n1 402.11 100.00 302.11 697.89\n");

    // A unit of no cost and no value (an alternative that keeps what it has) is not a table.
    StudyResult none = small_study();
    none.alternatives[1].units = {eqroi::CapitalUnit{}};
    EXPECT_EQ(table_of(none).find("Units bought"), std::string::npos);
}

TEST(ReportMarkdown, SameSectionsAsTables) {
    const std::string md = render_report(small_study(), ReportFormat::md);
    EXPECT_HAS(md, "# Small press\n");
    EXPECT_HAS(md, "- Financing: unlevered (no loan or lease lines).\n");
    EXPECT_HAS(md, "## Comparison with the baseline `keep`\n");
    EXPECT_HAS(md, "| 1 | Buy a new press | -21.04 | 476.33 | 33.87 % | 1.83 yr | 2.09 yr | 1.48 "
                   "| 25.25 % |\n");
    EXPECT_HAS(md, "| 1 | Buy a new press | -21.04 | 8.90 % | 9.22 % | 0.98 | 2.60 yr | not "
                   "reached | -8.46 | 1,124.34 | 452.11 | 6.67 % |\n");
    EXPECT_HAS(md, "| Discount factor |  | 1.000000 | 0.909091 | 0.826446 | 0.751315 |\n");
}

TEST(ReportCsv, ComparisonKeepsItsColumnsAndAddsTheNewMeasures) {
    const std::string csv = render_report(small_study(), ReportFormat::csv);
    EXPECT_EQ(csv.rfind("rank,alternative,name,is_baseline,npv,irr,payback_years,"
                        "discounted_payback_years,incremental_npv,incremental_irr,"
                        "incremental_payback_years,incremental_discounted_payback_years,"
                        "irr_ambiguous,irr_roots,mirr,profitability_index,annual_value,lcc,euac,"
                        "roi,sir,airr,pre_tax_npv,pre_tax_irr\n",
                        0),
              0u)
        << csv;
    // The figures of report_fixture.hpp to 10 significant digits.
    EXPECT_HAS(csv, "\n1,buy,Buy a new press,false,-21.04,0.08896339469,2.6,,476.33,0.3387497097,"
                    "1.833333333,2.094285714,false,0.08896339469,0.09223177108,0.9789631856,"
                    "-8.46,1124.34,452.11,0.06666666667,1.476333584,0.2525282164,-21.04,"
                    "0.08896339469\n");
    EXPECT_HAS(csv, "\n2,keep,Keep the old press,true,-497.37,,,,,,,,false,,,,-200.00,497.37,"
                    "200.00,,,,-497.37,\n");
}

}  // namespace
}  // namespace report_test
