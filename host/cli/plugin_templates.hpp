// The plugin project that `eqroi plugins new` writes, embedded in the binary at build time from
// sdk/templates/plugin-project/ (embed_templates.cmake generates plugin_templates.cpp), so an
// installed `eqroi` needs no data file to scaffold a project.
#pragma once

#include <span>
#include <string_view>

namespace eqroi::cli {

/// One file of the template: its path relative to the project directory and its content, both
/// still holding the placeholders @NAME@ (the plugin's lower_snake_case name) and @VENDOR@.
struct TemplateFile {
    std::string_view path;
    std::string_view content;
};

/// Every file of sdk/templates/plugin-project as it was when this eqroi was built, sorted by
/// path; empty when the build found no template. Static data: valid for the whole run.
std::span<const TemplateFile> plugin_project_template();

}  // namespace eqroi::cli
