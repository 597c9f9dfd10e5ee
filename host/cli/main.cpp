// The `eqroi` command: parse arguments, call core, print. No finance logic lives here.
//
// Exit codes: 0 success, 1 evaluation failed, 2 bad input (arguments, study file, plugin).
#include "calc.hpp"
#include "cli_common.hpp"
#include "plugin_loading.hpp"
#include "plugins_cmd.hpp"
#include "risk_cmd.hpp"
#include "sensitivity_cmd.hpp"

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
using eqroi::cli::format_of;

using eqroi::cli::LoadedPlugins;

/// What `run` and `check` were given.
struct Options {
    eqroi::cli::PluginSearch search;
    std::string study;
    std::string format = "table";
    std::string out;
    std::string out_dir;
    bool explain = false;
};

/// The study, read against the loaded models; when it names a model that is not there while
/// plugins were refused as untrusted, the error says so (the model may be in a refused file).
eqroi::Study load_study(const Options& o, const LoadedPlugins& plugins) {
    try {
        return eqroi::load_study(o.study, plugins.registry);
    } catch (const eqroi::InputError& e) {
        eqroi::cli::rethrow_with_trust_note(e, plugins);
    }
}

LoadedPlugins load_plugins(const Options& o) {
    return eqroi::cli::load_plugins(o.search, eqroi::cli::study_directory(o.study));
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

int cmd_check(const Options& o) {
    const auto plugins = load_plugins(o);
    const auto& registry = plugins.registry;
    const auto study = load_study(o, plugins);
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
    const auto plugins = load_plugins(o);
    const auto& registry = plugins.registry;
    const auto study = load_study(o, plugins);
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

}  // namespace

int main(int argc, char** argv) {
    CLI::App app{"eqroi: compare equipment purchases (NPV, IRR, payback) from cost-model plugins"};
    app.require_subcommand(1);
    app.set_version_flag("--version", fmt::format("eqroi 0.1.0 (plugin ABI {}.{})",
                                                  EQROI_ABI_MAJOR, EQROI_ABI_MINOR));
    Options o;
    int (*action)(const Options&) = nullptr;

    auto* run = app.add_subcommand("run", "Evaluate a study and print the comparison");
    run->add_option("study", o.study, "Study file (TOML)")->required();
    run->add_option("--format", o.format, "Output format: table, json, csv or md")
        ->capture_default_str();
    run->add_flag("--explain", o.explain,
                  "Show each measure's formula with the numbers put in (table or md)");
    run->add_option("--out", o.out, "Write the output to FILE instead of standard output");
    run->add_option("--out-dir", o.out_dir,
                    "Also write STEM.json, STEM.md, STEM.comparison.csv and STEM.cashflows.csv "
                    "here");
    eqroi::cli::add_search_options(run, o.search);
    run->callback([&] { action = cmd_run; });

    auto* check = app.add_subcommand("check", "Validate a study against the loaded plugins");
    check->add_option("study", o.study, "Study file (TOML)")->required();
    eqroi::cli::add_search_options(check, o.search);
    check->callback([&] { action = cmd_check; });

    const eqroi::cli::CalcCommand calc(app);  // `calc` and its measures: calc.cpp

    const eqroi::cli::PluginsCommand plugins(app);  // `plugins ...`: plugins_cmd.cpp

    const eqroi::cli::RiskCommand risk(app);  // `risk`: risk_cmd.cpp

    const eqroi::cli::SensitivityCommand sensitivity(app);  // `sensitivity`: sensitivity_cmd.cpp

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
        if (calc.chosen()) return calc.run();
        if (plugins.chosen()) return plugins.run();
        if (risk.chosen()) return risk.run();
        if (sensitivity.chosen()) return sensitivity.run();
        return action(o);
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
