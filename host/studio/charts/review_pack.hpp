// The PDF review pack a capital review circulates: title page with the assumptions and the
// recommendation, the comparison table, the charts, and each alternative's yearly cash flow.
// Every figure is the engine's (eqroi::StudyResult); GUI thread only (it draws the charts).
#pragma once

#include <eqroi/core/engine.hpp>
#include <eqroi/core/study.hpp>

#include <QDate>
#include <QImage>
#include <QString>

#include <vector>

namespace eqroi::studio {

class ChartsPanel;

/// Writes the review pack of `result` (computed from `study`) to `pdf_path`: A4 landscape,
/// vector charts. `charts` must show `result` (ChartsPanel::set_result was called with it);
/// its yearly chart is stepped through every alternative and put back as it was. The file is
/// written to a temporary beside `pdf_path` and renamed over it (QSaveFile). `date` is the
/// date on the title page (today when null). False with `*error` set (naming the file and
/// the reason) on failure; nothing is left behind then.
bool write_review_pack(const QString& pdf_path, const eqroi::Study& study,
                       const eqroi::StudyResult& result, ChartsPanel& charts, QString* error,
                       QDate date = {});

/// The same pages as images, A4 landscape at `scale` x 96 dpi: a preview. Empty, with
/// `*error` set, when `charts` does not show `result`.
std::vector<QImage> render_review_pack_pages(const eqroi::Study& study,
                                             const eqroi::StudyResult& result,
                                             ChartsPanel& charts, QString* error,
                                             double scale = 1.5, QDate date = {});

/// The recommendation line, from the engine's ranking: "Buy machine A has the highest NPV
/// after tax, 123,456.78 EUR: 12,345.67 EUR more than the next best, Buy machine B
/// (111,111.11 EUR)." A tie, a single alternative and an empty result are said as such.
QString recommendation(const eqroi::StudyResult& result, const QString& currency);

}  // namespace eqroi::studio
