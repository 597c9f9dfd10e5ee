// `eqroi sensitivity STUDY [--swing p10-p90|percent] [--percent X] [--trials N] [--seed S]
// [--alternative ID] [--format table|json|csv|md]`: the tornado, spider, break-even values and
// rank correlations of a study's [[uncertain]] inputs.
#include "sensitivity_cmd.hpp"

#include "cli_common.hpp"
#include "plugin_loading.hpp"

#include <eqroi/core/engine.hpp>
#include <eqroi/core/report.hpp>
#include <eqroi/core/risk/inputs.hpp>
#include <eqroi/core/risk/sensitivity.hpp>
#include <eqroi/core/study.hpp>

#include <CLI/CLI.hpp>
#include <fmt/format.h>

#include <cmath>
#include <cstdint>
#include <cstdio>
#include <optional>
#include <string>

namespace eqroi::cli {

struct SensitivityCommand::State {
    CLI::App* cmd = nullptr;
    PluginSearch search;
    std::string study;
    std::string format = "table";
    std::optional<std::string> swing;
    std::optional<double> percent;
    std::uint64_t trials = 10'000;
    std::optional<std::uint64_t> seed;
    std::optional<std::string> alternative;
};

SensitivityCommand::SensitivityCommand(CLI::App& app) : state_(std::make_unique<State>()) {
    State& s = *state_;
    s.cmd = app.add_subcommand(
        "sensitivity",
        "Which uncertain input matters most and where the decision flips: a tornado (each "
        "input at its P10 and P90, or base -/+ x %, the others at base), a spider table, the "
        "break-even values (NPV = 0, preferred alternative changes) and the rank correlation "
        "of each input with NPV over a short Monte Carlo run");
    s.cmd->add_option("study", s.study, "Study file (TOML) with [[uncertain]] tables")->required();
    s.cmd->add_option("--swing", s.swing,
                      "p10-p90 (each input between its P10 and P90; the spider P5..P95) or "
                      "percent (base -/+ --percent; the spider -30 %..+30 %); default p10-p90");
    s.cmd->add_option("--percent", s.percent,
                      "The tornado's swing around base in percent, e.g. 10 for -10 %/+10 % "
                      "(implies --swing percent; default 10)");
    s.cmd->add_option("--trials", s.trials,
                      "Monte Carlo trials for the rank correlations; 0 skips them")
        ->capture_default_str();
    s.cmd->add_option("--seed", s.seed, "Random seed (default: [risk] seed, else 1)");
    s.cmd->add_option("--alternative", s.alternative,
                      "Alternative whose NPV orders the tornado and fills the spider (default: "
                      "the one preferred at base)");
    s.cmd->add_option("--format", s.format, "Output format: table, json, csv or md")
        ->capture_default_str();
    add_search_options(s.cmd, s.search);
}

SensitivityCommand::~SensitivityCommand() = default;

bool SensitivityCommand::chosen() const { return state_->cmd->parsed(); }

int SensitivityCommand::run() const {
    const State& s = *state_;
    const ReportFormat format = format_of(s.format);
    if (s.swing && *s.swing != "p10-p90" && *s.swing != "percent")
        throw UsageError(fmt::format("--swing {}: expected p10-p90 or percent", *s.swing));
    if (s.swing && *s.swing == "p10-p90" && s.percent)
        throw UsageError("--percent sets a swing around base: use it with --swing percent, not "
                         "--swing p10-p90");
    if (s.percent && !(std::isfinite(*s.percent) && *s.percent > 0))
        throw UsageError(fmt::format("--percent {}: expected a percentage above 0, e.g. 10",
                                     *s.percent));
    if (s.trials == 1 || s.trials > UINT32_MAX)
        throw UsageError(fmt::format("--trials {}: expected 0 (no rank correlations) or "
                                     "2 .. 4,294,967,295",
                                     s.trials));

    const LoadedPlugins plugins = load_plugins(s.search, study_directory(s.study));
    Study study;
    try {
        study = load_study(s.study, plugins.registry);
    } catch (const InputError& e) {
        rethrow_with_trust_note(e, plugins);
    }
    if (study.uncertain.empty())
        throw InputError({Diagnostic{SourcePos{s.study, 1, 1},
                                     "the study has no [[uncertain]] table, so there is no input "
                                     "to swing; add one per uncertain parameter "
                                     "(docs/study-format.md, \"Risk analysis\")"}});
    const Engine engine(study, plugins.registry);
    const risk::InputBinding binding(engine);

    risk::SensitivityOptions options;
    const bool percent = s.percent || (s.swing && *s.swing == "percent");
    if (percent) {
        options.tornado.kind = risk::SwingKind::percent;
        options.tornado.percent = s.percent.value_or(10) / 100;
        options.spider.kind = risk::SwingKind::percent;
    }
    if (s.alternative) {
        std::string ids;
        for (std::size_t a = 0; a < study.alternatives.size(); ++a) {
            if (study.alternatives[a].id == *s.alternative) options.tornado.focus = a;
            ids += (a ? ", " : "") + study.alternatives[a].id;
        }
        if (!options.tornado.focus)
            throw UsageError(fmt::format("--alternative {}: the study has no such alternative "
                                         "(it has {})",
                                         *s.alternative, ids));
    }
    if (s.trials == 0) {
        options.rank.reset();
    } else {
        options.rank->trials = s.trials;
        options.rank->seed = s.seed;  // unset: the study's [risk] seed, else 1
    }

    const risk::SensitivityReport report = risk::analyse_sensitivity(binding, options);
    fmt::print("{}", risk::render_sensitivity(report, binding.inputs(), study.settings, format));
    std::fflush(stdout);
    return kOk;
}

}  // namespace eqroi::cli
