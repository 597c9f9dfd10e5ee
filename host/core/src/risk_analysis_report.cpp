// A risk run as text, Markdown, JSON and CSV (eqroi/core/risk/analysis_report.hpp).
#include <eqroi/core/format.hpp>
#include <eqroi/core/risk/analysis_report.hpp>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <functional>

namespace eqroi::risk {
namespace {

using nlohmann::ordered_json;

std::string method_name(Method m) { return m == Method::monte_carlo ? "mc" : "lhs"; }
std::string method_words(Method m) {
    return m == Method::monte_carlo ? "Monte Carlo" : "Latin hypercube";
}

/// Where an input lands, in words: "every alternative: [equipment] operators",
/// "buy_a: maintenance.mtbf_hours".
std::string sets_text(const UncertainInput& in) {
    return fmt::format("{}: {}", in.alternative.empty() ? "every alternative" : in.alternative,
                       in.model.empty() ? "[equipment] " + in.parameter : in.model + "." + in.parameter);
}

std::string status_text(const RiskResult& r, const StudySettings& s) {
    if (r.cancelled)
        return fmt::format("Stopped by the user after {} of {} trials: the statistics are over the "
                           "{} trials done.",
                           format::grouped(static_cast<double>(r.trials_done), 0),
                           format::grouped(static_cast<double>(r.trials_requested), 0),
                           format::grouped(static_cast<double>(r.trials_done), 0));
    if (r.stopped_at_target)
        return fmt::format("Stopped after {} trials: the standard error of every mean NPV is at "
                           "most the target {} {}.",
                           format::grouped(static_cast<double>(r.trials_done), 0),
                           format::money2(*r.target_standard_error), s.currency);
    return "";
}

double largest_rank_error(const RiskResult& r) {
    double e = 0;
    for (const auto& a : r.alternatives)
        for (const OutputStatistics* o :
             {&a.npv, &a.irr, &a.discounted_payback, &a.lcc, &a.incremental_npv,
              &a.incremental_irr, &a.incremental_discounted_payback})
            e = std::max(e, o->quantile_rank_error);
    return e;
}

// --- table and Markdown ---------------------------------------------------------------------

struct Row {
    std::string label;
    std::vector<std::string> cells;  ///< one per alternative
};
struct Section {
    std::string title;
    std::vector<Row> rows;
};

std::string cell(double v, const std::function<std::string(double)>& f) {
    return std::isnan(v) ? "-" : f(v);
}

/// mean, sd, P5..P95 of one output.
void add_distribution(Section& sec, const RiskResult& r,
                      const OutputStatistics AlternativeRisk::*output,
                      const std::function<std::string(double)>& f, bool with_se) {
    // No trial has a value (e.g. no IRR anywhere): the share row above says so; no rows of "-".
    if (std::all_of(r.alternatives.begin(), r.alternatives.end(),
                    [&](const AlternativeRisk& a) { return (a.*output).count == 0; }))
        return;
    auto row = [&](std::string label, double OutputStatistics::*field) {
        Row x{std::move(label), {}};
        for (const auto& a : r.alternatives) x.cells.push_back(cell((a.*output).*field, f));
        sec.rows.push_back(std::move(x));
    };
    row("Mean", &OutputStatistics::mean);
    row("Standard deviation", &OutputStatistics::sd);
    if (with_se) row("Standard error of the mean", &OutputStatistics::standard_error);
    row("P5", &OutputStatistics::p5);
    row("P10", &OutputStatistics::p10);
    row("P50 (median)", &OutputStatistics::p50);
    row("P90", &OutputStatistics::p90);
    row("P95", &OutputStatistics::p95);
}

std::vector<Section> sections_of(const RiskResult& r, const StudySettings& s) {
    auto money = [](double v) { return format::money(v); };
    auto percent = [](double v) { return format::pct(v, 2); };
    auto years = [](double v) { return format::grouped(v, 2); };
    auto share_row = [&](std::string label, double AlternativeRisk::*field, bool incremental = false) {
        Row x{std::move(label), {}};
        for (const auto& a : r.alternatives)
            x.cells.push_back((incremental && a.is_baseline) || r.trials_done == 0 ? "-"
                                                                                : percent(a.*field));
        return x;
    };
    std::vector<Section> out;

    Section npv{"NPV, " + s.currency, {}};
    {
        Row base{"At base (the study's values)", {}};
        for (const auto& a : r.alternatives) base.cells.push_back(money(a.base_npv));
        npv.rows.push_back(std::move(base));
    }
    add_distribution(npv, r, &AlternativeRisk::npv, money, true);
    npv.rows.push_back(share_row("P(NPV < 0)", &AlternativeRisk::probability_loss));
    npv.rows.push_back(share_row("P(best choice: highest NPV)", &AlternativeRisk::probability_best));
    out.push_back(std::move(npv));

    // The purchase itself: this alternative's flow minus the baseline's, trial by trial.
    Section vs{fmt::format("Versus the baseline ({}): incremental NPV, {}", r.baseline, s.currency), {}};
    add_distribution(vs, r, &AlternativeRisk::incremental_npv, money, true);
    vs.rows.push_back(share_row(fmt::format("P(better than {})", r.baseline),
                                &AlternativeRisk::probability_beats_baseline, true));
    out.push_back(std::move(vs));

    Section vs_irr{"Incremental IRR, per year (trials that have one)", {}};
    vs_irr.rows.push_back(share_row("Trials without an IRR",
                                    &AlternativeRisk::share_without_incremental_irr, true));
    add_distribution(vs_irr, r, &AlternativeRisk::incremental_irr, percent, false);
    out.push_back(std::move(vs_irr));

    Section vs_payback{"Incremental discounted payback, years (trials that reach it)", {}};
    vs_payback.rows.push_back(share_row("Trials not reaching it",
                                        &AlternativeRisk::share_incremental_payback_not_reached,
                                        true));
    add_distribution(vs_payback, r, &AlternativeRisk::incremental_discounted_payback, years, false);
    out.push_back(std::move(vs_payback));

    Section irr{"IRR of the alternative's own flow, per year (trials that have one)", {}};
    irr.rows.push_back(share_row("Trials without an IRR", &AlternativeRisk::share_without_irr));
    add_distribution(irr, r, &AlternativeRisk::irr, percent, false);
    out.push_back(std::move(irr));

    Section payback{"Discounted payback of the own flow, years (trials that reach it)", {}};
    payback.rows.push_back(
        share_row("Trials not reaching it", &AlternativeRisk::share_payback_not_reached));
    add_distribution(payback, r, &AlternativeRisk::discounted_payback, years, false);
    out.push_back(std::move(payback));

    Section lcc{"Life-cycle cost, " + s.currency, {}};
    add_distribution(lcc, r, &AlternativeRisk::lcc, money, false);
    out.push_back(std::move(lcc));
    return out;
}

std::string precision_note(const RiskResult& r) {
    const double e = largest_rank_error(r);
    return fmt::format("Percentiles are values of actual trials, each within {} percentile points "
                       "of the exact percentile of all the trials (bounded-memory summary).",
                       e == 0 ? std::string("0") : fmt::format("{:.2g}", e * 100));
}

std::string render_text(const RiskResult& r, const std::vector<UncertainInput>& inputs,
                        const StudySettings& s, bool md) {
    std::string out;
    const std::string trials =
        fmt::format("{} of {} trials ({}, seed {})", format::grouped(static_cast<double>(r.trials_done), 0),
                    format::grouped(static_cast<double>(r.trials_requested), 0),
                    method_words(r.sampling), r.seed);
    const std::string status = status_text(r, s);
    if (md) {
        out += fmt::format("# Risk analysis: {}\n\n{}\n\n", s.name, trials);
        if (!status.empty()) out += "**" + status + "**\n\n";
        out += "## Uncertain inputs\n\n| Input | Sets | Distribution |\n|---|---|---|\n";
        for (const auto& in : inputs)
            out += fmt::format("| {} | {} | {} |\n", in.name, sets_text(in), describe(in.distribution));
    } else {
        out += fmt::format("Risk analysis: {}\n{}\n", s.name, trials);
        if (!status.empty()) out += status + "\n";
        std::size_t wn = 5, ws = 4;
        for (const auto& in : inputs) {
            wn = std::max(wn, in.name.size());
            ws = std::max(ws, sets_text(in).size());
        }
        out += fmt::format("\nUncertain inputs\n  {:<{}}  {:<{}}  {}\n", "Input", wn, "Sets", ws,
                           "Distribution");
        for (const auto& in : inputs)
            out += fmt::format("  {:<{}}  {:<{}}  {}\n", in.name, wn, sets_text(in), ws,
                               describe(in.distribution));
    }

    const std::vector<Section> sections = sections_of(r, s);
    std::size_t wl = 0, wc = 11;
    for (const auto& sec : sections)
        for (const auto& row : sec.rows) {
            wl = std::max(wl, row.label.size());
            for (const auto& c : row.cells) wc = std::max(wc, c.size());
        }
    for (const auto& a : r.alternatives) wc = std::max(wc, a.id.size());
    for (const auto& sec : sections) {
        if (md) {
            out += fmt::format("\n## {}\n\n| |", sec.title);
            for (const auto& a : r.alternatives) out += fmt::format(" {} |", a.id);
            out += "\n|---|";
            for (std::size_t a = 0; a < r.alternatives.size(); ++a) out += "---:|";
            out += "\n";
            for (const auto& row : sec.rows) {
                out += "| " + row.label + " |";
                for (const auto& c : row.cells) out += " " + c + " |";
                out += "\n";
            }
        } else {
            out += fmt::format("\n{}\n{:<{}}", sec.title, "", wl + 2);
            for (const auto& a : r.alternatives) out += fmt::format("  {:>{}}", a.id, wc);
            out += "\n";
            for (const auto& row : sec.rows) {
                out += fmt::format("  {:<{}}", row.label, wl);
                for (const auto& c : row.cells) out += fmt::format("  {:>{}}", c, wc);
                out += "\n";
            }
        }
    }
    out += "\n" + precision_note(r) + "\n";
    return out;
}

// --- JSON and CSV ---------------------------------------------------------------------------

ordered_json number(double v) { return std::isnan(v) ? ordered_json(nullptr) : ordered_json(v); }

ordered_json statistics_json(const OutputStatistics& o) {
    return {{"count", o.count},
            {"mean", number(o.mean)},
            {"sd", number(o.sd)},
            {"standard_error", number(o.standard_error)},
            {"min", number(o.min)},
            {"p5", number(o.p5)},
            {"p10", number(o.p10)},
            {"p50", number(o.p50)},
            {"p90", number(o.p90)},
            {"p95", number(o.p95)},
            {"max", number(o.max)},
            {"quantile_rank_error", o.quantile_rank_error}};
}

std::string render_json(const RiskResult& r, const std::vector<UncertainInput>& inputs,
                        const StudySettings& s) {
    ordered_json j;
    j["study"] = {{"name", s.name}, {"currency", s.currency}};
    j["trials_requested"] = r.trials_requested;
    j["trials_done"] = r.trials_done;
    j["seed"] = r.seed;
    j["sampling"] = method_name(r.sampling);
    j["baseline"] = r.baseline;
    j["target_standard_error"] =
        r.target_standard_error ? ordered_json(*r.target_standard_error) : ordered_json(nullptr);
    j["stopped_at_target"] = r.stopped_at_target;
    j["cancelled"] = r.cancelled;
    ordered_json in = ordered_json::array();
    for (const auto& i : inputs)
        in.push_back({{"name", i.name},
                      {"alternative", i.alternative.empty() ? ordered_json(nullptr) : ordered_json(i.alternative)},
                      {"model", i.model.empty() ? ordered_json(nullptr) : ordered_json(i.model)},
                      {"parameter", i.parameter},
                      {"distribution", std::string(kind_name(i.distribution))},
                      {"description", describe(i.distribution)}});
    j["inputs"] = std::move(in);
    ordered_json alts = ordered_json::array();
    for (const auto& a : r.alternatives)
        alts.push_back({{"id", a.id},
                        {"name", a.name},
                        {"base_npv", a.base_npv},
                        {"npv", statistics_json(a.npv)},
                        {"probability_npv_negative", a.probability_loss},
                        {"probability_best", a.probability_best},
                        {"irr", statistics_json(a.irr)},
                        {"share_without_irr", a.share_without_irr},
                        {"discounted_payback_years", statistics_json(a.discounted_payback)},
                        {"share_payback_not_reached", a.share_payback_not_reached},
                        {"lcc", statistics_json(a.lcc)},
                        {"is_baseline", a.is_baseline},
                        {"vs_baseline",
                         a.is_baseline
                             ? ordered_json(nullptr)
                             : ordered_json{
                                   {"npv", statistics_json(a.incremental_npv)},
                                   {"probability_better", a.probability_beats_baseline},
                                   {"irr", statistics_json(a.incremental_irr)},
                                   {"share_without_irr", a.share_without_incremental_irr},
                                   {"discounted_payback_years",
                                    statistics_json(a.incremental_discounted_payback)},
                                   {"share_payback_not_reached",
                                    a.share_incremental_payback_not_reached}}}});
    j["alternatives"] = std::move(alts);
    return j.dump(2) + "\n";
}

std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string csv_number(double v) { return std::isnan(v) ? "" : fmt::format("{}", v); }

std::string render_csv(const RiskResult& r) {
    const char* outputs[] = {"npv", "irr", "discounted_payback", "lcc", "incremental_npv",
                             "incremental_irr", "incremental_discounted_payback"};
    const char* fields[] = {"count", "mean", "sd", "standard_error", "min", "p5", "p10",
                            "p50", "p90", "p95", "max"};
    std::string out = "alternative,name,trials,base_npv,probability_npv_negative,probability_best,"
                      "share_without_irr,share_payback_not_reached,probability_better_than_baseline,"
                      "share_without_incremental_irr,share_incremental_payback_not_reached";
    for (const char* o : outputs)
        for (const char* f : fields) out += fmt::format(",{}_{}", o, f);
    out += "\n";
    for (const auto& a : r.alternatives) {
        out += fmt::format("{},{},{},{},{},{},{},{}", csv_field(a.id), csv_field(a.name), r.trials_done,
                           csv_number(a.base_npv), csv_number(a.probability_loss),
                           csv_number(a.probability_best), csv_number(a.share_without_irr),
                           csv_number(a.share_payback_not_reached));
        if (a.is_baseline)
            out += ",,,";
        else
            out += fmt::format(",{},{},{}", csv_number(a.probability_beats_baseline),
                               csv_number(a.share_without_incremental_irr),
                               csv_number(a.share_incremental_payback_not_reached));
        for (const OutputStatistics* o :
             {&a.npv, &a.irr, &a.discounted_payback, &a.lcc, &a.incremental_npv,
              &a.incremental_irr, &a.incremental_discounted_payback}) {
            out += fmt::format(",{}", o->count);
            for (double v : {o->mean, o->sd, o->standard_error, o->min, o->p5, o->p10, o->p50,
                             o->p90, o->p95, o->max})
                out += "," + csv_number(v);
        }
        out += "\n";
    }
    return out;
}

}  // namespace

std::string render_risk(const RiskResult& result, const std::vector<UncertainInput>& inputs,
                        const StudySettings& settings, ReportFormat format) {
    switch (format) {
        case ReportFormat::json: return render_json(result, inputs, settings);
        case ReportFormat::csv: return render_csv(result);
        case ReportFormat::md: return render_text(result, inputs, settings, true);
        case ReportFormat::table: break;
    }
    return render_text(result, inputs, settings, false);
}

}  // namespace eqroi::risk
