// The `eqroi` command: parse arguments, call core, print. No finance logic lives here.
//
// Exit codes: 0 success, 1 evaluation failed, 2 bad input (arguments, study file, plugin).
#include "calc.hpp"
#include "cli_common.hpp"

#include <eqroi/core/diagnostics.hpp>
#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/report.hpp>
#include <eqroi/core/study.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <string>
#include <vector>

namespace fs = std::filesystem;

namespace {

using eqroi::cli::kBadInput;
using eqroi::cli::kEvaluationFailed;
using eqroi::cli::kOk;
using eqroi::cli::UsageError;

struct Options {
    std::vector<std::string> plugin_dirs;
    std::string study;
    std::string format = "table";
    std::string out;
    std::string out_dir;
    bool explain = false;
    std::string model;
};

eqroi::PluginRegistry load_plugins(const Options& o) {
    std::vector<fs::path> dirs;
    for (const auto& d : o.plugin_dirs) {
        if (!fs::is_directory(d)) throw UsageError(fmt::format("--plugin-dir {}: no such directory", d));
        dirs.emplace_back(d);
    }
    eqroi::PluginRegistry registry;
    registry.load_directories(eqroi::PluginRegistry::search_path(dirs));
    for (const auto& e : registry.errors()) fmt::print(stderr, "warning: plugin skipped: {}\n", e.what());
    return registry;
}

/// A file the user asked for that cannot be written is a usage problem (exit 2), not a failed
/// evaluation.
void write_output(const fs::path& file, std::string_view content) {
    try {
        eqroi::write_file_atomic(file, content);
    } catch (const std::exception& e) {
        throw UsageError(e.what());
    }
    fmt::print(stderr, "wrote {}\n", file.string());
}

eqroi::ReportFormat format_of(const std::string& name) {
    auto f = eqroi::parse_report_format(name);
    if (!f) throw UsageError(fmt::format("--format {}: expected table, json, csv or md", name));
    return *f;
}

int cmd_check(const Options& o) {
    auto registry = load_plugins(o);
    const auto study = eqroi::load_study(o.study, registry);
    // A model may still refuse values that pass their declared ranges (e.g. more shift hours
    // than a day has); one deterministic evaluation finds that here rather than in `run`.
    eqroi::Engine(study, registry).run();
    std::size_t uses = 0;
    for (const auto& a : study.alternatives) uses += a.models.size();
    fmt::print("{}: ok: {} alternatives, {} model uses, {} years ({} periods)\n", o.study,
               study.alternatives.size(), uses, study.settings.horizon_years,
               study.settings.period_count());
    return kOk;
}

int cmd_run(const Options& o) {
    const auto format = format_of(o.format);
    auto registry = load_plugins(o);
    const auto study = eqroi::load_study(o.study, registry);
    const eqroi::Engine engine(study, registry);
    const auto result = engine.run();
    if (o.explain && format != eqroi::ReportFormat::table && format != eqroi::ReportFormat::md)
        throw UsageError(fmt::format("--explain: the explanation is text, for --format table or md "
                                     "(--format {} already carries every per-period figure)",
                                     o.format));
    std::string text = eqroi::render_report(result, format);
    if (o.explain) text += "\n" + eqroi::render_explain(result);
    if (!o.out.empty()) {
        write_output(o.out, text);
    } else {
        fmt::print("{}", text);
        std::fflush(stdout);  // the report before the "wrote ..." lines on stderr
    }
    if (!o.out_dir.empty()) {
        const fs::path dir = o.out_dir;
        std::error_code ec;
        fs::create_directories(dir, ec);
        if (ec) throw UsageError(fmt::format("--out-dir {}: {}", o.out_dir, ec.message()));
        const std::string stem = fs::path(o.study).stem().string();
        const std::pair<std::string, std::string> files[] = {
            {stem + ".json", eqroi::render_report(result, eqroi::ReportFormat::json)},
            {stem + ".md", eqroi::render_report(result, eqroi::ReportFormat::md)},
            {stem + ".comparison.csv", eqroi::render_report(result, eqroi::ReportFormat::csv)},
            {stem + ".cashflows.csv", eqroi::render_cashflows_csv(result)},
            {stem + ".explain.txt", eqroi::render_explain(result)},
        };
        for (const auto& [name, content] : files) write_output(dir / name, content);
    }
    return kOk;
}

std::string flags_text(uint32_t flags) {
    std::string s;
    auto add = [&](uint32_t bit, const char* name) {
        if (flags & bit) s += s.empty() ? name : std::string(", ") + name;
    };
    add(EQROI_PARAM_REQUIRED, "required");
    add(EQROI_PARAM_BOOLEAN, "boolean");
    add(EQROI_PARAM_CHOICE, "choice");
    add(EQROI_PARAM_PER_PERIOD, "per period");
    if (!(flags & (EQROI_PARAM_BOOLEAN | EQROI_PARAM_CHOICE))) add(EQROI_PARAM_INTEGER, "integer");
    return s;
}

std::string default_text(const eqroi_param_desc& p) {
    if (p.flags & EQROI_PARAM_REQUIRED) return "(required)";
    if (p.flags & EQROI_PARAM_BOOLEAN) return p.default_value != 0 ? "true" : "false";
    if (p.flags & EQROI_PARAM_CHOICE) {
        const auto names = eqroi::choice_names(p.choices);
        const auto idx = static_cast<std::size_t>(p.default_value);
        return idx < names.size() ? "\"" + names[idx] + "\"" : "?";
    }
    return fmt::format("{:g}", p.default_value);
}

void print_params(const eqroi::Model& m, bool with_help) {
    const auto& d = m.descriptor();
    for (uint32_t p = 0; p < d.param_count; ++p) {
        const auto& q = m.param(p);
        std::string range = (q.flags & EQROI_PARAM_CHOICE)    ? std::string(q.choices)
                            : (q.flags & EQROI_PARAM_BOOLEAN) ? std::string("true|false")
                                : fmt::format("{:g} .. {:g}", q.min_value, q.max_value);
        std::string flags = flags_text(q.flags);
        fmt::print("    {:<34} {:<14} default {:<12} range {}{}\n", q.key, q.unit, default_text(q),
                   range, flags.empty() ? "" : "  [" + flags + "]");
        if (with_help) fmt::print("        {}: {}\n", q.label, q.help);
    }
}

int cmd_plugins_list(const Options& o) {
    const auto registry = load_plugins(o);
    if (registry.models().empty()) {
        fmt::print("no plugin models found; searched:\n");
        for (const auto& d : eqroi::PluginRegistry::search_path({o.plugin_dirs.begin(), o.plugin_dirs.end()}))
            fmt::print("  {}\n", d.string());
        return kOk;
    }
    for (const auto& m : registry.models()) {
        const auto& pl = m.plugin();
        fmt::print("{}  {}  [plugin '{}' {} by {}, {}]\n", m.id(), m.descriptor().name, pl.name,
                   pl.version, pl.vendor, m.file().string());
        print_params(m, false);
    }
    return kOk;
}

int cmd_plugins_show(const Options& o) {
    const auto registry = load_plugins(o);
    const eqroi::Model* m = registry.find(o.model);
    if (!m) {
        const std::string near = eqroi::nearest(o.model, registry.ids());
        std::string all;
        for (const auto& id : registry.ids()) all += (all.empty() ? "" : ", ") + id;
        throw UsageError(fmt::format("unknown model '{}'{}; available: {}", o.model,
                                     near.empty() ? "" : "; did you mean '" + near + "'?", all));
    }
    const auto& d = m->descriptor();
    const auto& pl = m->plugin();
    fmt::print("{}: {}\n{}\n\nplugin: '{}' {} by {} (ABI {}.{}), file {}\n\nparameters:\n",
               m->id(), d.name, d.description, pl.name, pl.version, pl.vendor, pl.abi_major,
               pl.abi_minor, m->file().string());
    print_params(*m, true);
    fmt::print("\noutput lines:\n");
    for (uint32_t l = 0; l < d.line_count; ++l) {
        const auto& line = m->line(l);
        fmt::print("    {:<24} {:<36} {:<12} {}\n", line.key, line.label,
                   eqroi::category_name(line.category), eqroi::tax_treatment_name(line.tax_treatment));
    }
    return kOk;
}

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"eqroi: compare equipment purchases (NPV, IRR, payback) from cost-model plugins"};
    app.require_subcommand(1);
    app.set_version_flag("--version", fmt::format("eqroi 0.1.0 (plugin ABI {}.{})", EQROI_ABI_MAJOR, EQROI_ABI_MINOR));
    Options o;
    int (*action)(const Options&) = nullptr;

    auto plugin_dir = [&](CLI::App* cmd) {
        cmd->add_option("--plugin-dir", o.plugin_dirs,
                        "Directory searched for plugins first (repeatable); then EQROI_PLUGIN_PATH, "
                        "then the bundled directory")
            ->allow_extra_args(false);  // one directory per flag: never swallow the study path
    };

    auto* run = app.add_subcommand("run", "Evaluate a study and print the comparison");
    run->add_option("study", o.study, "Study file (TOML)")->required();
    run->add_option("--format", o.format, "Output format: table, json, csv or md")->capture_default_str();
    run->add_flag("--explain", o.explain,
                  "Show each measure's formula with the numbers put in (table or md)");
    run->add_option("--out", o.out, "Write the output to FILE instead of standard output");
    run->add_option("--out-dir", o.out_dir,
                    "Also write STEM.json, STEM.md, STEM.comparison.csv and STEM.cashflows.csv here");
    plugin_dir(run);
    run->callback([&] { action = cmd_run; });

    auto* check = app.add_subcommand("check", "Validate a study against the loaded plugins");
    check->add_option("study", o.study, "Study file (TOML)")->required();
    plugin_dir(check);
    check->callback([&] { action = cmd_check; });

    const eqroi::cli::CalcCommand calc(app);  // `calc` and its measures: calc.cpp

    auto* plugins = app.add_subcommand("plugins", "List and inspect cost-model plugins");
    plugins->require_subcommand(1);
    auto* list = plugins->add_subcommand("list", "List every loaded model and its parameters");
    plugin_dir(list);
    list->callback([&] { action = cmd_plugins_list; });
    auto* show = plugins->add_subcommand("show", "Describe one model: parameters, help, lines");
    show->add_option("model", o.model, "Model id")->required();
    plugin_dir(show);
    show->callback([&] { action = cmd_plugins_show; });

    try {
        app.parse(argc, argv);
    } catch (const CLI::CallForHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForAllHelp& e) {
        return app.exit(e);
    } catch (const CLI::CallForVersion& e) {
        return app.exit(e);
    } catch (const CLI::ParseError& e) {
        app.exit(e);  // prints the message and usage hint to stderr
        return kBadInput;
    }

    try {
        return calc.chosen() ? calc.run() : action(o);
    } catch (const eqroi::InputError& e) {
        for (const auto& d : e.diagnostics()) fmt::print(stderr, "{}\n", d.to_string());
        return kBadInput;
    } catch (const eqroi::PluginError& e) {
        fmt::print(stderr, "{}\n", e.what());
        return kBadInput;
    } catch (const UsageError& e) {
        fmt::print(stderr, "eqroi: {}\n", e.what());
        return kBadInput;
    } catch (const eqroi::EvaluationError& e) {
        fmt::print(stderr, "evaluation failed: {}\n", e.what());
        return kEvaluationFailed;
    } catch (const std::exception& e) {
        fmt::print(stderr, "eqroi: {}\n", e.what());
        return kEvaluationFailed;
    }
}
