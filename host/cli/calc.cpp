// `eqroi calc [MEASURE] --flows F0,F1,.. [options]`: the measures of a raw cash-flow series.
// Without a measure it prints the summary (NPV, IRR, MIRR, PI, EAA, payback); with one, only
// that measure. Validation and printing only: every figure comes from eqroi::finance.
#include "calc.hpp"

#include "cli_common.hpp"

#include <eqroi/core/finance.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <cmath>
#include <cstdio>
#include <memory>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace eqroi::cli {
namespace {

namespace fin = eqroi::finance;
using Json = nlohmann::ordered_json;

// ---- options ------------------------------------------------------------------------------

/// The options a measure may take, as bits.
enum Opt : unsigned {
    kRate = 1u << 0,
    kFlows = 1u << 1,
    kTiming = 1u << 2,
    kFinanceRate = 1u << 3,
    kReinvestRate = 1u << 4,
    kDates = 1u << 5,
    kFormat = 1u << 6,
};

struct OptionSpec {
    Opt bit;
    const char* name;
    const char* help;
};

constexpr OptionSpec kOptions[] = {
    {kRate, "--rate", "Discount rate per period, e.g. 0.08 (xnpv: per year of 365 days)"},
    {kFlows, "--flows",
     "Comma-separated flows F0,F1,...,Fn, F0 at time 0, costs negative, e.g. --flows=-100,39,59"},
    {kTiming, "--timing",
     "When F1..Fn fall in their period: end (default) or mid (discounted over k - 0.5 "
     "periods, NIST BLCC mid-year); F0 is always at time 0"},
    {kFinanceRate, "--finance-rate",
     "MIRR: rate paid on the money invested (negative flows are discounted to time 0 at it)"},
    {kReinvestRate, "--reinvest-rate",
     "MIRR: rate earned on the money returned (positive flows are compounded to Fn at it)"},
    {kDates, "--dates",
     "Comma-separated dates YYYY-MM-DD, one per flow, none before the first, e.g. "
     "--dates=2024-01-01,2024-07-01"},
    {kFormat, "--format", "Output format: table or json"},
};

/// What CLI11 writes into; validated into Inputs before any measure is computed.
struct Args {
    double rate = 0;
    double finance_rate = 0;
    double reinvest_rate = 0;
    std::string flows;
    std::string timing = "end";
    std::string dates;
    std::string format = "table";
};

CLI::Option* add_option(CLI::App& cmd, Args& a, const OptionSpec& o, bool required) {
    const std::string help = std::string(o.help) + (required ? " (required)" : "");
    switch (o.bit) {
        case kRate: return cmd.add_option(o.name, a.rate, help);
        case kFinanceRate: return cmd.add_option(o.name, a.finance_rate, help);
        case kReinvestRate: return cmd.add_option(o.name, a.reinvest_rate, help);
        case kFlows: return cmd.add_option(o.name, a.flows, help);
        case kDates: return cmd.add_option(o.name, a.dates, help);
        case kTiming: return cmd.add_option(o.name, a.timing, help)->capture_default_str();
        case kFormat: return cmd.add_option(o.name, a.format, help)->capture_default_str();
    }
    return nullptr;
}

// ---- validated inputs -----------------------------------------------------------------------

struct Inputs {
    std::optional<double> rate;
    std::vector<double> flows;
    fin::Timing timing = fin::Timing::end_of_period;
    std::optional<double> finance_rate, reinvest_rate;
    std::vector<int> days;                ///< days_from_civil of each date
    std::vector<std::string> date_texts;  ///< as given, YYYY-MM-DD
};

std::vector<std::string> split_commas(const std::string& text) {
    std::vector<std::string> items;
    std::size_t start = 0;
    while (true) {
        const std::size_t end = text.find(',', start);
        items.push_back(text.substr(start, end == std::string::npos ? end : end - start));
        if (end == std::string::npos) return items;
        start = end + 1;
    }
}

std::vector<double> parse_flows(const std::string& text) {
    std::vector<double> flows;
    for (const std::string& item : split_commas(text)) {
        std::size_t used = 0;
        double v = 0;
        try {
            v = std::stod(item, &used);
        } catch (const std::exception&) {
            used = 0;
        }
        while (used < item.size() && item[used] == ' ') ++used;
        if (item.empty() || used != item.size() || !std::isfinite(v))
            throw UsageError(fmt::format("--flows: '{}' (item {}) is not a finite number", item,
                                         flows.size() + 1));
        flows.push_back(v);
    }
    if (flows.size() < 2) throw UsageError("--flows: give at least two flows, F0 at time 0");
    return flows;
}

double checked_rate(const char* option, double rate) {
    if (!std::isfinite(rate) || rate <= -1)
        throw UsageError(fmt::format("{} {}: must be a finite rate above -1", option, rate));
    return rate;
}

bool is_leap(int y) { return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0; }

/// Days since 1970-01-01 of a YYYY-MM-DD date that exists in the Gregorian calendar.
int parse_date(const std::string& item, std::size_t index) {
    auto digits = [&](std::size_t from, std::size_t count) {
        int v = 0;
        for (std::size_t i = from; i < from + count; ++i) {
            if (item[i] < '0' || item[i] > '9') return -1;
            v = v * 10 + (item[i] - '0');
        }
        return v;
    };
    const bool shaped = item.size() == 10 && item[4] == '-' && item[7] == '-';
    const int y = shaped ? digits(0, 4) : -1, m = shaped ? digits(5, 2) : -1,
              d = shaped ? digits(8, 2) : -1;
    if (y < 0 || m < 0 || d < 0)
        throw UsageError(fmt::format("--dates: '{}' (item {}) is not a date in the form YYYY-MM-DD",
                                     item, index + 1));
    static constexpr int kMonthDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    const int month_days = (m >= 1 && m <= 12) ? kMonthDays[m - 1] + (m == 2 && is_leap(y)) : 0;
    if (y < 1 || d < 1 || d > month_days)
        throw UsageError(fmt::format("--dates: '{}' (item {}) is not a calendar date", item,
                                     index + 1));
    return fin::days_from_civil(y, m, d);
}

/// One date per flow, none before the first (Excel XNPV/XIRR return #NUM! otherwise).
void parse_dates(const std::string& text, Inputs& in) {
    in.date_texts = split_commas(text);
    for (std::size_t i = 0; i < in.date_texts.size(); ++i)
        in.days.push_back(parse_date(in.date_texts[i], i));
    if (in.days.size() != in.flows.size())
        throw UsageError(fmt::format("--dates: {} dates for {} flows; give one date per flow",
                                     in.days.size(), in.flows.size()));
    for (std::size_t i = 1; i < in.days.size(); ++i)
        if (in.days[i] < in.days[0])
            throw UsageError(fmt::format(
                "--dates: {} (item {}) is before the first date {}; the first date must be the "
                "earliest (it is the date the flows are discounted to)",
                in.date_texts[i], i + 1, in.date_texts[0]));
}

// ---- output ---------------------------------------------------------------------------------

/// The measures of one run: JSON (inputs and results) and the table rows (results only). A
/// table row is labelled with its JSON key so the two read the same.
struct Output {
    Json json = Json::object();
    std::vector<std::pair<std::string, std::string>> rows;

    void input(const std::string& key, Json value) { json[key] = std::move(value); }
    void add(const std::string& key, Json value, std::string text) {
        json[key] = std::move(value);
        rows.emplace_back(key, std::move(text));
    }
};

Json or_null(const std::optional<double>& v) { return v ? Json(*v) : Json(nullptr); }
std::string percent(double rate) { return fmt::format("{:.6f} %", rate * 100); }
std::string money(double amount) { return fmt::format("{:.2f}", amount); }
std::string periods(const std::optional<double>& v) {
    return v ? fmt::format("{:.4f} periods", *v) : std::string("not reached");
}
const char* timing_name(fin::Timing t) { return t == fin::Timing::mid_period ? "mid" : "end"; }
constexpr const char* kNoRoot = "none: no root above -100 %";

std::string roots_text(const fin::IrrAnalysis& a) {
    if (a.roots.empty()) return kNoRoot;
    std::string text;
    for (double r : a.roots) text += (text.empty() ? "" : ", ") + percent(r);
    if (a.ambiguous) text += fmt::format("  (ambiguous: {} roots)", a.roots.size());
    return text;
}

/// `prefix` is "irr" or "xirr": the keys are irr, irr_roots, irr_sign_changes, irr_ambiguous.
void add_roots(Output& out, const std::string& prefix, const fin::IrrAnalysis& a, bool with_value) {
    if (with_value) {
        const std::string text = a.irr          ? percent(*a.irr)
                                 : a.ambiguous ? fmt::format("ambiguous: {} roots, no single "
                                                             "{}; see {}_roots",
                                                             a.roots.size(), prefix, prefix)
                                               : std::string(kNoRoot);
        out.add(prefix, or_null(a.irr), text);
    }
    out.add(prefix + "_roots", a.roots, roots_text(a));
    out.add(prefix + "_sign_changes", a.sign_changes, fmt::format("{}", a.sign_changes));
    out.input(prefix + "_ambiguous", a.ambiguous);
}

void add_npv(Output& out, const Inputs& in) {
    const double npv = fin::npv(*in.rate, in.flows, in.timing);
    out.add("npv", npv,
            fmt::format("{}  (at {} per period, {} of period, F0 undiscounted)", money(npv),
                        percent(*in.rate), timing_name(in.timing)));
}

void add_mirr(Output& out, const Inputs& in) {
    const double fr = *in.finance_rate, rr = *in.reinvest_rate;
    const auto m = fin::mirr(in.flows, fr, rr);
    out.input("finance_rate", fr);
    out.input("reinvest_rate", rr);
    out.add("mirr", or_null(m),
            m ? fmt::format("{}  (finance rate {}, reinvest rate {})", percent(*m), percent(fr),
                            percent(rr))
              : std::string("none: needs at least one negative and one positive flow"));
}

void add_pi(Output& out, const Inputs& in) {
    const auto pi = fin::profitability_index(*in.rate, in.flows, in.timing);
    out.add("profitability_index", or_null(pi),
            pi ? fmt::format("{:.4f}  (PV of F1..Fn / investment -F0)", *pi)
               : std::string("none: F0 >= 0, nothing invested at time 0"));
}

void add_eaa(Output& out, const Inputs& in) {
    const int n = static_cast<int>(in.flows.size()) - 1;
    const double npv = fin::npv(*in.rate, in.flows, in.timing);
    const double eaa = fin::equivalent_annual(npv, *in.rate, n);
    out.add("eaa", eaa,
            fmt::format("{} per period  (NPV {} x (A/P, {}, {}))", money(eaa), money(npv),
                        percent(*in.rate), n));
}

void add_payback(Output& out, const Inputs& in) {
    out.add("payback", or_null(fin::payback(in.flows)), periods(fin::payback(in.flows)));
    if (!in.rate) return;  // discounted payback needs a rate; without one it is not asked for
    const auto d = fin::discounted_payback(*in.rate, in.flows, in.timing);
    out.add("discounted_payback", or_null(d), periods(d));
}

// ---- the measures ---------------------------------------------------------------------------

void echo_flows(Output& out, const Inputs& in, bool with_timing) {
    if (in.rate) out.input("rate", *in.rate);
    if (with_timing) out.input("timing", timing_name(in.timing));
    out.input("flows", in.flows);
}

/// `eqroi calc` without a measure: every measure of the series, the IRR as `calc irr` gives it
/// (null unless there is exactly one root; every root listed, flagged ambiguous when several).
void summary(const Inputs& in, Output& out) {
    echo_flows(out, in, false);
    add_npv(out, in);
    add_roots(out, "irr", fin::irr_analysis(in.flows, in.timing), true);
    add_mirr(out, in);
    add_pi(out, in);
    add_eaa(out, in);
    add_payback(out, in);
}

void npv(const Inputs& in, Output& out) {
    echo_flows(out, in, true);
    add_npv(out, in);
}
void irr(const Inputs& in, Output& out) {
    echo_flows(out, in, true);
    add_roots(out, "irr", fin::irr_analysis(in.flows, in.timing), true);
}
void irr_roots(const Inputs& in, Output& out) {
    echo_flows(out, in, true);
    add_roots(out, "irr", fin::irr_analysis(in.flows, in.timing), false);
}
void mirr(const Inputs& in, Output& out) {
    echo_flows(out, in, false);
    add_mirr(out, in);
}
void pi(const Inputs& in, Output& out) {
    echo_flows(out, in, true);
    add_pi(out, in);
}
void eaa(const Inputs& in, Output& out) {
    echo_flows(out, in, true);
    out.input("periods", static_cast<int>(in.flows.size()) - 1);
    out.input("capital_recovery_factor",
              fin::capital_recovery_factor(*in.rate, static_cast<int>(in.flows.size()) - 1));
    add_npv(out, in);
    add_eaa(out, in);
}
void payback(const Inputs& in, Output& out) {
    echo_flows(out, in, true);
    add_payback(out, in);
}
void xnpv(const Inputs& in, Output& out) {
    echo_flows(out, in, false);
    out.input("dates", in.date_texts);
    const double v = fin::xnpv(*in.rate, in.flows, in.days);
    out.add("xnpv", v,
            fmt::format("{}  (at {} per year, discounted over days/365 to {})", money(v),
                        percent(*in.rate), in.date_texts.front()));
}
void xirr(const Inputs& in, Output& out) {
    echo_flows(out, in, false);
    out.input("dates", in.date_texts);
    add_roots(out, "xirr", fin::xirr_analysis(in.flows, in.days), true);
}

struct MeasureSpec {
    const char* name;  ///< the subcommand; "" for the summary
    const char* description;
    unsigned takes;     ///< Opt bits
    unsigned required;  ///< Opt bits
    void (*compute)(const Inputs&, Output&);
};

constexpr MeasureSpec kSummary{
    "", "", kRate | kFlows | kFinanceRate | kReinvestRate | kFormat, kRate | kFlows, summary};

constexpr MeasureSpec kMeasures[] = {
    {"npv", "Net present value: F0 + sum of Fk / (1 + rate)^k (k - 0.5 with --timing mid)",
     kRate | kFlows | kTiming | kFormat, kRate | kFlows, npv},
    {"irr",
     "Internal rate of return: the rate where NPV = 0; 'ambiguous' with the roots listed when "
     "there are several, 'none' when there is none",
     kFlows | kTiming | kFormat, kFlows, irr},
    {"irr_roots", "Every rate above -100 % where NPV = 0, ascending", kFlows | kTiming | kFormat,
     kFlows, irr_roots},
    {"mirr",
     "Modified IRR as Excel's MIRR(values, finance_rate, reinvest_rate): negative flows "
     "discounted at the finance rate, positive ones compounded at the reinvestment rate",
     kFlows | kFinanceRate | kReinvestRate | kFormat, kFlows | kFinanceRate | kReinvestRate, mirr},
    {"pi", "Profitability index: PV of F1..Fn / -F0 (= 1 + NPV / investment)",
     kRate | kFlows | kTiming | kFormat, kRate | kFlows, pi},
    {"eaa",
     "Equivalent annual amount: NPV x (A/P, rate, n), n = number of flows - 1 (Excel: "
     "-PMT(rate, n, NPV))",
     kRate | kFlows | kTiming | kFormat, kRate | kFlows, eaa},
    {"payback",
     "Payback in periods, interpolated within the period; with --rate also the discounted "
     "payback",
     kRate | kFlows | kTiming | kFormat, kFlows, payback},
    {"xnpv",
     "NPV of flows on dates, as Excel's XNPV(rate, values, dates): each discounted over "
     "(days since the first date) / 365 years",
     kRate | kFlows | kDates | kFormat, kRate | kFlows | kDates, xnpv},
    {"xirr", "IRR of flows on dates, as Excel's XIRR(values, dates): the rate where XNPV = 0",
     kFlows | kDates | kFormat, kFlows | kDates, xirr},
};

void print(const Output& out, const std::string& format) {
    if (format == "json") {
        fmt::print("{}\n", out.json.dump(2));
    } else {
        for (const auto& [label, text] : out.rows) fmt::print("{:<20}{}\n", label, text);
    }
    std::fflush(stdout);
}

std::size_t given(const CLI::App* cmd, const char* name) {
    if (!cmd) return 0;
    const CLI::Option* o = cmd->get_option_no_throw(name);
    return o ? o->count() : 0;
}

}  // namespace

struct CalcCommand::State {
    Args args;
    CLI::App* calc = nullptr;
    std::vector<std::pair<const MeasureSpec*, CLI::App*>> measures;
};

CalcCommand::CalcCommand(CLI::App& app) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.calc = app.add_subcommand(
        "calc",
        "Measures of a raw cash-flow series (F0 at time 0): without a measure, the summary "
        "(npv, irr, irr_roots, mirr, profitability_index, eaa, payback, discounted_payback)");
    s.calc->require_subcommand(0, 1);
    // The measures are CLI11 subcommands of calc; the help calls them what they are. calc gets
    // its own formatter so the top-level help keeps saying SUBCOMMAND.
    auto formatter = std::make_shared<CLI::Formatter>();
    formatter->label("SUBCOMMAND", "MEASURE");
    s.calc->formatter(formatter);
    s.calc->footer(
        "eqroi calc --rate R --flows=F0,F1,.. prints the summary; MIRR's finance and "
        "reinvestment rates default to --rate.\n"
        "eqroi calc MEASURE [options] prints one measure; eqroi calc MEASURE --help lists its "
        "options.\n"
        "A measure that does not exist for the series (no IRR, no MIRR) is printed as 'none' "
        "(null in JSON) with exit code 0.");
    for (const OptionSpec& o : kOptions)
        if (kSummary.takes & o.bit) add_option(*s.calc, s.args, o, kSummary.required & o.bit);
    for (const MeasureSpec& m : kMeasures) {
        CLI::App* sub = s.calc->add_subcommand(m.name, m.description);
        sub->group("Measures");
        for (const OptionSpec& o : kOptions)
            if (m.takes & o.bit) add_option(*sub, s.args, o, m.required & o.bit);
        s.measures.emplace_back(&m, sub);
    }
}

CalcCommand::~CalcCommand() = default;

bool CalcCommand::chosen() const { return state_->calc->parsed(); }

int CalcCommand::run() const {
    const State& s = *state_;
    const MeasureSpec* spec = &kSummary;
    const CLI::App* sub = nullptr;
    for (const auto& [m, app] : s.measures) {
        if (app->parsed()) {
            spec = m;
            sub = app;
        }
    }
    const std::string command = sub ? fmt::format("calc {}", spec->name) : std::string("calc");

    // Options before the measure's name (`calc --rate 0.1 npv`) are calc's own: accepted when
    // the measure takes them, refused when it would silently ignore them.
    unsigned have = 0;
    for (const OptionSpec& o : kOptions) {
        const std::size_t before = sub ? given(s.calc, o.name) : 0;
        const std::size_t count = given(sub ? sub : s.calc, o.name) + before;
        if (before > 0 && !(spec->takes & o.bit))
            throw UsageError(fmt::format("{}: {} does not use {}", command, command, o.name));
        if (count > 1)
            throw UsageError(fmt::format("{}: {} is given more than once", command, o.name));
        if (count == 0 && (spec->required & o.bit))
            throw UsageError(fmt::format("{}: {} is required", command, o.name));
        if (count > 0) have |= o.bit;
    }

    const Args& a = s.args;
    if (a.format != "table" && a.format != "json")
        throw UsageError(fmt::format("--format {}: calc prints table or json", a.format));
    Inputs in;
    if (have & kRate) in.rate = checked_rate("--rate", a.rate);
    if (have & kTiming) {
        if (a.timing == "mid")
            in.timing = fin::Timing::mid_period;
        else if (a.timing != "end")
            throw UsageError(fmt::format("--timing {}: expected end or mid", a.timing));
    }
    // The summary's MIRR rates default to the discount rate.
    if (spec->takes & kFinanceRate)
        in.finance_rate =
            (have & kFinanceRate) ? checked_rate("--finance-rate", a.finance_rate) : in.rate;
    if (spec->takes & kReinvestRate)
        in.reinvest_rate =
            (have & kReinvestRate) ? checked_rate("--reinvest-rate", a.reinvest_rate) : in.rate;
    in.flows = parse_flows(a.flows);
    if (have & kDates) parse_dates(a.dates, in);

    Output out;
    spec->compute(in, out);
    print(out, a.format);
    return kOk;
}

}  // namespace eqroi::cli
