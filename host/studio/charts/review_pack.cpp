#include "charts/review_pack.hpp"

#include "charts/chart_export.hpp"
#include "charts/charts_panel.hpp"
#include "charts/cumulative_chart.hpp"
#include "charts/pack_canvas.hpp"
#include "charts/result_figures.hpp"
#include "charts/review_pack_tables.hpp"
#include "charts/yearly_cashflow_chart.hpp"

#include <QChart>
#include <QChartView>
#include <QLineSeries>
#include <QSaveFile>

namespace eqroi::studio {
namespace {

QString q(const std::string& s) { return QString::fromStdString(s); }

/// Why `charts` cannot be drawn for `result`, or "".
QString charts_mismatch(const eqroi::StudyResult& result, ChartsPanel& charts) {
    const auto& lines = charts.cumulative()->alternative_series();
    bool same = std::size_t(lines.size()) == result.alternatives.size();
    for (std::size_t i = 0; same && i < result.alternatives.size(); ++i)
        same = lines[qsizetype(i)]->count() == qsizetype(result.alternatives[i].cumulative_discounted.size()) &&
               lines[qsizetype(i)]->name().startsWith(q(result.alternatives[i].name));
    return same ? QString()
                : QStringLiteral("the charts do not show this result (call ChartsPanel::set_result "
                                 "first)");
}

/// The study's name, or its file's name when it has none.
QString study_name(const eqroi::Study& study, const eqroi::StudyResult& result) {
    return result.settings.name.empty() ? q(study.file.stem().string()) : q(result.settings.name);
}

/// A chart filling the rest of the page, laid out 1200 pixels wide (the export size's width)
/// so its fonts keep the proportions of the exported images.
void chart_page(pack::Flow& flow, QChart* chart) {
    flow.page_break();
    const QRectF box = flow.take(flow.remaining());
    const QSize layout(1200, int(1200 * box.height() / box.width()));
    render_chart(chart, &flow.canvas().painter(), box, layout);
}

void draw_pack(pack::Canvas& canvas, const eqroi::Study& study, const eqroi::StudyResult& result,
               ChartsPanel& charts, QDate date) {
    const eqroi::StudySettings& s = result.settings;
    const QString currency = q(s.currency);
    const QString name = study_name(study, result);
    canvas.footer = QStringLiteral("%1 - review pack, %2").arg(name, date.toString(Qt::ISODate));
    pack::Flow flow(canvas);

    // Title page: what is decided, on which assumptions, and the answer.
    flow.paragraph(QStringLiteral("Capital review pack"), 12);
    flow.heading(name, 22, 40);
    flow.paragraph(QStringLiteral("Prepared %1 with eqroi-studio. Every figure is computed by the "
                                  "eqroi engine from the study file; the same figures come out "
                                  "of \"eqroi run\".")
                       .arg(date.toString(Qt::ISODate)));
    flow.skip(8);
    flow.paragraph(QStringLiteral("Recommendation: ") + recommendation(result, currency), 12, true);
    flow.skip(8);
    flow.heading(QStringLiteral("Assumptions"), 14);
    flow.table(pack::assumptions_table(study, result), 9.5);

    flow.page_break();
    flow.heading(s.tax_rate > 0 ? QStringLiteral("Comparison of the alternatives (after tax)")
                                : QStringLiteral("Comparison of the alternatives"));
    flow.paragraph(QStringLiteral("Ranked by NPV: the alternatives are mutually exclusive, so the "
                                  "highest NPV is the choice, never the highest IRR. The lower "
                                  "block is each alternative minus the baseline '%1' (NIST BLCC "
                                  "supplementary measures: SIR, AIRR). Amounts in %2.")
                       .arg(q(result.baseline), currency));
    flow.table(pack::comparison_table(result, currency), 9.5);

    // The charts, as vectors: one per page.
    chart_page(flow, charts.cumulative()->chart());
    for (QChartView* view : charts.chart_views())
        if (view != charts.cumulative() && view != charts.yearly()->chart_view())
            chart_page(flow, view->chart());
    YearlyCashFlowChart* yearly = charts.yearly();
    const int shown = yearly->alternative();
    for (int i = 0; i < yearly->alternative_count(); ++i) {
        yearly->show_alternative(i);
        chart_page(flow, yearly->chart_view()->chart());
    }
    if (shown >= 0) yearly->show_alternative(shown);

    // Each alternative's cash flow, lines x years.
    for (const eqroi::AlternativeResult& a : result.alternatives) {
        flow.page_break();
        flow.heading(QStringLiteral("Cash flow: %1 (%2)%3")
                         .arg(q(a.name), q(a.id),
                              a.is_baseline ? QStringLiteral(", baseline") : QString()));
        flow.paragraph(QStringLiteral("%1, %2. Lines zero in every period are not shown.")
                           .arg(currency, s.periods == eqroi::PeriodUnit::month
                                              ? QStringLiteral("months summed by year; cumulative "
                                                               "rows at year ends")
                                              : QStringLiteral("per year")),
                       9);
        flow.table(pack::cashflow_table(a, s), 7.5);
        flow.paragraph(QStringLiteral("NPV %1 %2, IRR %3, payback %4, discounted payback %5.")
                           .arg(figures::money2(a.measures.npv), currency,
                                figures::irr_text(a.measures), figures::years(a.measures.payback),
                                figures::years(a.measures.discounted_payback)),
                       9.5, true);
    }
}

}  // namespace

QString recommendation(const eqroi::StudyResult& result, const QString& currency) {
    const auto order = figures::ranked(result);
    if (order.empty()) return QStringLiteral("the study has no alternative.");
    const bool taxed = result.settings.tax_rate > 0;
    const QString npv = taxed ? QStringLiteral("NPV after tax") : QStringLiteral("NPV");
    const eqroi::AlternativeResult& best = *order[0];
    if (order.size() == 1)
        return QStringLiteral("%1 is the only alternative (%2 %3 %4).")
            .arg(q(best.name), npv, figures::money2(best.measures.npv), currency);
    const eqroi::AlternativeResult& next = *order[1];
    if (next.rank == best.rank)
        return QStringLiteral("%1 and %2 tie for the highest %3, %4 %5.")
            .arg(q(best.name), q(next.name), npv, figures::money2(best.measures.npv), currency);
    QString text = QStringLiteral("%1 has the highest %2, %3 %4: %5 %4 more than the next best, "
                                  "%6 (%7 %4).")
                       .arg(q(best.name), npv, figures::money2(best.measures.npv), currency,
                            figures::money2(best.measures.npv - next.measures.npv), q(next.name),
                            figures::money2(next.measures.npv));
    if (best.measures.npv < 0)
        text += QStringLiteral(" Every alternative has a negative NPV: this one costs the least.");
    return text;
}

bool write_review_pack(const QString& pdf_path, const eqroi::Study& study,
                       const eqroi::StudyResult& result, ChartsPanel& charts, QString* error,
                       QDate date) {
    auto fail = [&](const QString& why) {
        if (error) *error = QStringLiteral("%1: %2").arg(pdf_path, why);
        return false;
    };
    if (const QString why = charts_mismatch(result, charts); !why.isEmpty()) return fail(why);
    QSaveFile file(pdf_path);
    if (!file.open(QIODevice::WriteOnly)) return fail(QStringLiteral("cannot write: ") + file.errorString());
    {
        pack::PdfCanvas canvas(&file, study_name(study, result));
        if (!canvas.ok()) {
            file.cancelWriting();
            return fail(QStringLiteral("cannot start the PDF"));
        }
        draw_pack(canvas, study, result, charts, date.isValid() ? date : QDate::currentDate());
        if (!canvas.finish()) {
            file.cancelWriting();
            return fail(QStringLiteral("cannot finish the PDF"));
        }
    }
    if (!file.commit()) return fail(QStringLiteral("cannot save: ") + file.errorString());
    return true;
}

std::vector<QImage> render_review_pack_pages(const eqroi::Study& study,
                                             const eqroi::StudyResult& result,
                                             ChartsPanel& charts, QString* error, double scale,
                                             QDate date) {
    if (const QString why = charts_mismatch(result, charts); !why.isEmpty()) {
        if (error) *error = why;
        return {};
    }
    pack::ImageCanvas canvas(scale);
    draw_pack(canvas, study, result, charts, date.isValid() ? date : QDate::currentDate());
    canvas.finish();
    return canvas.pages();
}

}  // namespace eqroi::studio
