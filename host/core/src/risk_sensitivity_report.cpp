// Sensitivity figures as text, Markdown, JSON and CSV (eqroi/core/risk/sensitivity.hpp). Every
// figure comes from the SensitivityReport: nothing is computed here but the layout.
#include <eqroi/core/format.hpp>
#include <eqroi/core/risk/sensitivity.hpp>

#include "report_detail.hpp"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <string>
#include <vector>

namespace eqroi::risk {
namespace {

using nlohmann::ordered_json;
using report_detail::Table;

// --- Words and numbers ----------------------------------------------------------------------

/// An input's value to 6 significant digits, at least 2 decimals, trailing zeros dropped:
/// 25,827.85; 13,000; 17.4765; 0.0231.
std::string value_text(double v) {
    if (v == 0) return "0";
    const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(v))));
    std::string s = format::grouped(v, std::clamp(5 - magnitude, 2, 12));
    if (s.find('.') != std::string::npos) {
        while (s.back() == '0') s.pop_back();
        if (s.back() == '.') s.pop_back();
    }
    return s;
}

/// "P10" for a quantile, "-10 %" / "+10 %" / "base" for a change.
std::string level_label(SwingKind kind, double level) {
    if (kind == SwingKind::percentiles) return fmt::format("P{:g}", level * 100);
    if (level == 0) return "base";
    return fmt::format("{:+g} %", level * 100);
}

std::string kind_key(SwingKind kind) { return kind == SwingKind::percentiles ? "percentiles" : "percent"; }
std::string method_key(Method m) { return m == Method::monte_carlo ? "mc" : "lhs"; }
std::string method_words(Method m) {
    return m == Method::monte_carlo ? "Monte Carlo" : "Latin hypercube";
}

/// Where an input lands: "buy: benefit.yearly_benefit", "every alternative: [equipment] operators".
std::string sets_text(const UncertainInput& in) {
    return fmt::format("{}: {}", in.alternative.empty() ? "every alternative" : in.alternative,
                       in.model.empty() ? "[equipment] " + in.parameter
                                        : in.model + "." + in.parameter);
}

/// The input's value at a point as one cell: the focus alternative's, else the first
/// alternative's it reaches (a quantile is the same in all; a percent change may not be).
std::optional<double> shown_value(const SwingPoint& p, std::size_t focus) {
    if (focus < p.values.size() && p.values[focus]) return p.values[focus];
    for (const auto& v : p.values)
        if (v) return v;
    return std::nullopt;
}

std::string opt_value(const std::optional<double>& v) { return v ? value_text(*v) : "varies"; }

/// A crossing's sign change: "(- to +)", "(+ to -)", "(touches 0)".
std::string direction_text(int direction) {
    return direction > 0 ? "(- to +)" : direction < 0 ? "(+ to -)" : "(touches 0)";
}

std::string direction_key(int direction) {
    return direction > 0 ? "rises" : direction < 0 ? "falls" : "touches";
}

/// A crossing whose residual is not ~0 is a jump of the NPV across zero (a model that steps).
bool is_jump(const Crossing& c, bool whole) { return !whole && std::abs(c.residual) > 1e-6; }

// --- table and Markdown ---------------------------------------------------------------------

/// A note as lines of at most `width` characters, broken at spaces (a terminal's 100 columns).
std::string wrapped(const std::string& text, std::size_t width = 96) {
    std::string out, line;
    std::size_t start = 0;
    while (start <= text.size()) {
        std::size_t end = text.find(' ', start);
        if (end == std::string::npos) end = text.size();
        const std::string word = text.substr(start, end - start);
        if (!line.empty() && line.size() + 1 + word.size() > width) {
            out += line + "\n";
            line.clear();
        }
        line += (line.empty() ? "" : " ") + word;
        start = end + 1;
    }
    return out + line + "\n";
}

struct Block {
    std::string title;
    Table table;
    std::vector<std::string> notes;
};

Table make_table(std::vector<std::string> header) {
    Table t;
    t.right.assign(header.size(), true);
    t.right[0] = false;
    t.header = std::move(header);
    return t;
}

Block inputs_block(const SensitivityReport& r, const std::vector<UncertainInput>& inputs) {
    Block b{"Uncertain inputs", make_table({"Input", "Sets", "Distribution", "Base"}), {}};
    b.table.right = {false, false, false, true};
    bool varies = false;
    for (std::size_t i = 0; i < inputs.size(); ++i) {
        std::optional<double> base;
        for (const TornadoBar& bar : r.tornado.bars)
            if (bar.input == i) base = bar.base;
        varies = varies || !base;
        b.table.rows.push_back({inputs[i].name, sets_text(inputs[i]),
                                describe(inputs[i].distribution), opt_value(base)});
    }
    if (varies)
        b.notes.push_back("\"varies\": the study gives the parameter a different value in each "
                          "alternative; a percent swing moves each around its own.");
    return b;
}

std::vector<Block> tornado_blocks(const Tornado& t) {
    const auto& o = t.options;
    const auto& ids = t.base.alternatives;
    const std::string focus = ids.at(t.focus);
    const double low_level = o.kind == SwingKind::percentiles ? o.low_quantile : -o.percent;
    const double high_level = o.kind == SwingKind::percentiles ? o.high_quantile : o.percent;
    const std::string lo = level_label(o.kind, low_level), hi = level_label(o.kind, high_level);
    Block bars{fmt::format("Tornado: NPV of {}{}, each input at its {} and {}, the others at base",
                           focus, t.focus == t.base.preferred ? " (preferred at base)" : "", lo, hi),
               make_table({"Input", "Base", lo, "NPV", hi, "NPV", "Swing",
                           fmt::format("Preferred at {} / {}", lo, hi)}),
               {}};
    bool clamped = false;
    for (const TornadoBar& bar : t.bars) {
        const auto low = shown_value(bar.low, t.focus), high = shown_value(bar.high, t.focus);
        bars.table.rows.push_back(
            {bar.name, opt_value(bar.base), low ? value_text(*low) : "-",
             format::money(bar.low.npv[t.focus]), high ? value_text(*high) : "-",
             format::money(bar.high.npv[t.focus]), format::money(bar.swing[t.focus]),
             ids.at(bar.low.preferred) + " / " + ids.at(bar.high.preferred)});
        clamped = clamped || bar.low.clamped || bar.high.clamped;
    }
    bars.notes.push_back(fmt::format("Widest swing of {}'s NPV first.", focus));
    if (clamped)
        bars.notes.push_back("Some settings were kept within the parameter's declared range.");

    std::vector<std::string> header{"Input"};
    header.insert(header.end(), ids.begin(), ids.end());
    Block every{fmt::format("Swing of every alternative's NPV ({} to {})", lo, hi),
                make_table(header), {}};
    for (const TornadoBar& bar : t.bars) {
        std::vector<std::string> row{bar.name};
        for (double s : bar.swing) row.push_back(format::money(s));
        every.table.rows.push_back(std::move(row));
    }
    return {std::move(bars), std::move(every)};
}

Block spider_block(const Spider& s, std::size_t focus) {
    const auto& levels = s.options.kind == SwingKind::percentiles ? s.options.quantiles
                                                                  : s.options.changes;
    std::vector<std::string> header{"Input"};
    for (double l : levels) header.push_back(level_label(s.options.kind, l));
    Block b{fmt::format("Spider: NPV of {} as each input moves {}, the others at base",
                        s.base.alternatives.at(focus),
                        s.options.kind == SwingKind::percentiles ? "through its percentiles"
                                                                 : "around its base"),
            make_table(header), {}};
    for (const SpiderLine& line : s.lines) {
        std::vector<std::string> row{line.name};
        for (const SwingPoint& p : line.points) row.push_back(format::money(p.npv.at(focus)));
        b.table.rows.push_back(std::move(row));
    }
    return b;
}

/// "25,827.85 (- to +)"; several joined by "; "; "none in range" when there is none.
std::string crossings_text(const std::vector<Crossing>& list, bool whole, bool& jump) {
    std::string cell;
    for (const Crossing& c : list) {
        cell += (cell.empty() ? "" : "; ") + value_text(c.value) + " " + direction_text(c.direction);
        if (is_jump(c, whole)) {
            cell += " jump";
            jump = true;
        }
    }
    return cell.empty() ? "none in range" : cell;
}

std::vector<Block> break_even_blocks(const std::vector<BreakEven>& all, const BaseCase& base) {
    const auto& ids = base.alternatives;
    const std::string baseline = ids.at(base.baseline);
    Block zero{fmt::format("Break-even values: where each alternative's NPV, and its NPV less "
                           "{}'s (the baseline), cross 0",
                           baseline),
               make_table({"Input", "Searched", "Alternative", "NPV = 0",
                           fmt::format("NPV - {}'s = 0", baseline)}),
               {}};
    zero.table.right.assign(5, false);
    Block choice{"Where the preferred alternative (highest NPV) changes",
                 make_table({"Input", "Searched", "Changes"}), {}};
    choice.table.right.assign(3, false);
    bool whole = false, jump = false;
    for (const BreakEven& be : all) {
        const std::string searched = value_text(be.low) + " .. " + value_text(be.high);
        for (std::size_t a = 0; a < ids.size(); ++a) {
            const bool first = a == 0;
            const bool vs_reached = be.reaches[a] || be.reaches[base.baseline];
            zero.table.rows.push_back(
                {first ? be.name : "", first ? searched : "", ids[a],
                 be.reaches[a] ? crossings_text(be.npv_zero[a], be.whole_number, jump)
                               : "not reached",
                 a == base.baseline ? "(baseline)"
                 : vs_reached       ? crossings_text(be.vs_baseline_zero[a], be.whole_number, jump)
                                    : "not reached"});
        }
        std::string changes;
        for (const ChoiceChange& c : be.choice_changes)
            changes += (changes.empty() ? "" : "; ") +
                       fmt::format("{} ({} below, {} above)", value_text(c.value), ids.at(c.below),
                                   ids.at(c.above));
        choice.table.rows.push_back({be.name, searched, changes.empty() ? "none in range" : changes});
        whole = whole || be.whole_number;
    }
    zero.notes.push_back("Searched over each input's possible values (P0.1 .. P99.9 where the "
                         "distribution has no bound). \"(- to +)\": the figure turns positive as "
                         "the input rises past the value. \"not reached\": the input sets nothing "
                         "there.");
    if (whole)
        zero.notes.push_back("A whole-number input crosses between two whole values: the first "
                             "value past the change is shown.");
    if (jump)
        zero.notes.push_back("\"jump\": the NPV steps across 0 there rather than passing "
                             "through it.");
    return {std::move(zero), std::move(choice)};
}

Block rank_block(const RankCorrelations& r) {
    std::vector<std::string> header{"Input"};
    header.insert(header.end(), r.alternatives.begin(), r.alternatives.end());
    Block b{fmt::format("Rank correlation of each input with NPV (Spearman's rho over {} {} "
                        "trials, seed {}{})",
                        format::grouped(static_cast<double>(r.trials), 0), method_words(r.method),
                        r.seed, r.correlated ? ", the study's correlations imposed" : ""),
            make_table(header), {}};
    bool none = false;
    for (std::size_t i = 0; i < r.inputs.size(); ++i) {
        std::vector<std::string> row{r.inputs[i]};
        for (const auto& rho : r.rho[i]) {
            row.push_back(rho ? fmt::format("{:.3f}", *rho) : "-");
            none = none || !rho;
        }
        b.table.rows.push_back(std::move(row));
    }
    if (none) b.notes.push_back("-: the NPV is the same in every trial, no correlation exists.");
    return b;
}

std::string render_text(const SensitivityReport& r, const std::vector<UncertainInput>& inputs,
                        const StudySettings& s, bool md) {
    const BaseCase& base = r.tornado.base;
    std::string npvs;
    for (std::size_t a = 0; a < base.npv.size(); ++a)
        npvs += fmt::format("{}{} {}", a ? "; " : "", base.alternatives[a], format::money(base.npv[a]));
    std::string out = md ? fmt::format("# Sensitivity: {}\n\n", s.name)
                         : fmt::format("Sensitivity: {}\n", s.name);
    out += fmt::format("NPV in {} with every input at base (the study's values): {}. "
                       "Preferred: {}.\n",
                       s.currency, npvs, base.alternatives.at(base.preferred));
    std::vector<Block> blocks{inputs_block(r, inputs)};
    for (Block& b : tornado_blocks(r.tornado)) blocks.push_back(std::move(b));
    blocks.push_back(spider_block(r.spider, r.tornado.focus));
    for (Block& b : break_even_blocks(r.break_even, base)) blocks.push_back(std::move(b));
    if (r.rank) blocks.push_back(rank_block(*r.rank));
    for (const Block& b : blocks) {
        out += md ? fmt::format("\n## {}\n\n{}", b.title, b.table.markdown())
                  : fmt::format("\n{}\n{}", b.title, b.table.text());
        for (const std::string& n : b.notes) out += md ? "\n" + n + "\n" : wrapped(n);
    }
    return out;
}

// --- JSON -----------------------------------------------------------------------------------

ordered_json point_json(const SwingPoint& p, const std::vector<std::string>& ids) {
    ordered_json values = ordered_json::object(), npv = ordered_json::object();
    for (std::size_t a = 0; a < ids.size(); ++a) {
        values[ids[a]] = p.values[a] ? ordered_json(*p.values[a]) : ordered_json(nullptr);
        npv[ids[a]] = p.npv[a];
    }
    return {{"level", p.level}, {"values", values}, {"npv", npv},
            {"preferred", ids.at(p.preferred)}, {"clamped", p.clamped}};
}

std::string render_json(const SensitivityReport& r, const std::vector<UncertainInput>& inputs,
                        const StudySettings& s) {
    const BaseCase& base = r.tornado.base;
    const auto& ids = base.alternatives;
    auto base_value = [](const std::optional<double>& v) {
        return v ? ordered_json(*v) : ordered_json(nullptr);
    };
    ordered_json j;
    j["study"] = s.name;
    j["currency"] = s.currency;
    j["alternatives"] = ids;
    ordered_json base_npv = ordered_json::object();
    for (std::size_t a = 0; a < ids.size(); ++a) base_npv[ids[a]] = base.npv[a];
    j["base"] = {{"npv", base_npv}, {"preferred", ids.at(base.preferred)},
                 {"baseline", ids.at(base.baseline)}};
    ordered_json in = ordered_json::array();
    for (const UncertainInput& u : inputs)
        in.push_back({{"name", u.name}, {"alternative", u.alternative.empty() ? ordered_json(nullptr) : ordered_json(u.alternative)},
                      {"model", u.model.empty() ? ordered_json(nullptr) : ordered_json(u.model)},
                      {"parameter", u.parameter}, {"distribution", describe(u.distribution)}});
    j["inputs"] = in;

    const TornadoOptions& o = r.tornado.options;
    ordered_json tornado{{"swing", kind_key(o.kind)}};
    if (o.kind == SwingKind::percentiles) {
        tornado["low_quantile"] = o.low_quantile;
        tornado["high_quantile"] = o.high_quantile;
    } else {
        tornado["percent"] = o.percent * 100;
    }
    tornado["focus"] = ids.at(r.tornado.focus);
    ordered_json bars = ordered_json::array();
    for (const TornadoBar& bar : r.tornado.bars) {
        ordered_json swing = ordered_json::object();
        for (std::size_t a = 0; a < ids.size(); ++a) swing[ids[a]] = bar.swing[a];
        bars.push_back({{"input", bar.name}, {"base", base_value(bar.base)},
                        {"low", point_json(bar.low, ids)}, {"high", point_json(bar.high, ids)},
                        {"swing", swing}});
    }
    tornado["bars"] = bars;
    j["tornado"] = tornado;

    ordered_json lines = ordered_json::array();
    for (const SpiderLine& line : r.spider.lines) {
        ordered_json points = ordered_json::array();
        for (const SwingPoint& p : line.points) points.push_back(point_json(p, ids));
        lines.push_back({{"input", line.name}, {"points", points}});
    }
    j["spider"] = {{"swing", kind_key(r.spider.options.kind)}, {"lines", lines}};

    ordered_json be = ordered_json::array();
    for (const BreakEven& b : r.break_even) {
        auto crossings = [&](const std::vector<std::vector<Crossing>>& per_alternative) {
            ordered_json out = ordered_json::object();
            for (std::size_t a = 0; a < ids.size(); ++a) {
                if (per_alternative[a].empty()) {
                    out[ids[a]] = nullptr;
                    continue;
                }
                ordered_json list = ordered_json::array();
                for (const Crossing& c : per_alternative[a])
                    list.push_back({{"value", c.value}, {"direction", direction_key(c.direction)},
                                    {"residual", c.residual}});
                out[ids[a]] = list;
            }
            return out;
        };
        ordered_json reaches = ordered_json::object();
        for (std::size_t a = 0; a < ids.size(); ++a) reaches[ids[a]] = static_cast<bool>(b.reaches[a]);
        ordered_json changes = nullptr;
        if (!b.choice_changes.empty()) {
            changes = ordered_json::array();
            for (const ChoiceChange& c : b.choice_changes)
                changes.push_back({{"value", c.value}, {"below", ids.at(c.below)},
                                   {"above", ids.at(c.above)}, {"residual", c.residual}});
        }
        be.push_back({{"input", b.name}, {"base", base_value(b.base)},
                      {"searched", {b.low, b.high}}, {"whole_number", b.whole_number},
                      {"reaches", reaches}, {"npv_zero", crossings(b.npv_zero)},
                      {"vs_baseline_zero", crossings(b.vs_baseline_zero)},
                      {"choice_changes", changes}});
    }
    j["break_even"] = be;

    if (r.rank) {
        ordered_json rho = ordered_json::object();
        for (std::size_t i = 0; i < r.rank->inputs.size(); ++i) {
            ordered_json row = ordered_json::object();
            for (std::size_t a = 0; a < r.rank->alternatives.size(); ++a)
                row[r.rank->alternatives[a]] =
                    r.rank->rho[i][a] ? ordered_json(*r.rank->rho[i][a]) : ordered_json(nullptr);
            rho[r.rank->inputs[i]] = row;
        }
        j["rank_correlation"] = {{"trials", r.rank->trials}, {"seed", r.rank->seed},
                                 {"sampling", method_key(r.rank->method)},
                                 {"correlated", r.rank->correlated}, {"rho", rho}};
    } else {
        j["rank_correlation"] = nullptr;
    }
    return j.dump(2) + "\n";
}

// --- CSV ------------------------------------------------------------------------------------

/// A CSV field, quoted when it holds a comma, a quote or a line break (RFC 4180).
std::string csv_field(const std::string& s) {
    if (s.find_first_of(",\"\n\r") == std::string::npos) return s;
    std::string q = "\"";
    for (char c : s) q += c == '"' ? std::string("\"\"") : std::string(1, c);
    return q + "\"";
}

std::string num(double v) { return fmt::format("{}", v); }

std::string render_csv(const SensitivityReport& r) {
    const auto& ids = r.tornado.base.alternatives;
    std::string out = "section,input,alternative,setting,input_value,npv,rho\n";
    auto row = [&](const std::string& section, const std::string& input, const std::string& alt,
                   const std::string& setting, const std::string& value, const std::string& npv,
                   const std::string& rho) {
        out += fmt::format("{},{},{},{},{},{},{}\n", section, csv_field(input), csv_field(alt),
                           csv_field(setting), value, npv, rho);
    };
    for (std::size_t a = 0; a < ids.size(); ++a)
        row("base", "", ids[a], a == r.tornado.base.preferred ? "base (preferred)" : "base", "",
            num(r.tornado.base.npv[a]), "");
    auto points = [&](const std::string& section, const std::string& input, SwingKind kind,
                      const SwingPoint& p) {
        for (std::size_t a = 0; a < ids.size(); ++a)
            row(section, input, ids[a], level_label(kind, p.level),
                p.values[a] ? num(*p.values[a]) : "", num(p.npv[a]), "");
    };
    for (const TornadoBar& bar : r.tornado.bars) {
        points("tornado", bar.name, r.tornado.options.kind, bar.low);
        points("tornado", bar.name, r.tornado.options.kind, bar.high);
    }
    for (const SpiderLine& line : r.spider.lines)
        for (const SwingPoint& p : line.points) points("spider", line.name, r.spider.options.kind, p);
    for (const BreakEven& b : r.break_even) {
        for (std::size_t a = 0; a < ids.size(); ++a) {
            if (!b.reaches[a]) continue;
            if (b.npv_zero[a].empty()) row("npv_zero", b.name, ids[a], "none in range", "", "", "");
            for (const Crossing& c : b.npv_zero[a])
                row("npv_zero", b.name, ids[a], "npv " + direction_key(c.direction), num(c.value),
                    num(c.residual), "");
        }
        for (std::size_t a = 0; a < ids.size(); ++a) {
            if (a == r.tornado.base.baseline || !(b.reaches[a] || b.reaches[r.tornado.base.baseline]))
                continue;
            if (b.vs_baseline_zero[a].empty())
                row("vs_baseline_zero", b.name, ids[a], "none in range", "", "", "");
            for (const Crossing& c : b.vs_baseline_zero[a])
                row("vs_baseline_zero", b.name, ids[a], "npv " + direction_key(c.direction),
                    num(c.value), num(c.residual), "");
        }
        if (b.choice_changes.empty()) row("choice_change", b.name, "", "none in range", "", "", "");
        for (const ChoiceChange& c : b.choice_changes)
            row("choice_change", b.name, ids.at(c.above), "from " + ids.at(c.below), num(c.value),
                "", "");
    }
    if (r.rank)
        for (std::size_t i = 0; i < r.rank->inputs.size(); ++i)
            for (std::size_t a = 0; a < r.rank->alternatives.size(); ++a)
                row("rank_correlation", r.rank->inputs[i], r.rank->alternatives[a], "spearman", "",
                    "", r.rank->rho[i][a] ? num(*r.rank->rho[i][a]) : "");
    return out;
}

}  // namespace

std::string render_sensitivity(const SensitivityReport& report,
                               const std::vector<UncertainInput>& inputs,
                               const StudySettings& settings, ReportFormat format) {
    switch (format) {
        case ReportFormat::table: return render_text(report, inputs, settings, false);
        case ReportFormat::md: return render_text(report, inputs, settings, true);
        case ReportFormat::json: return render_json(report, inputs, settings);
        case ReportFormat::csv: return render_csv(report);
    }
    return {};
}

}  // namespace eqroi::risk
