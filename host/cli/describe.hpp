// A plugin's self-description as JSON, and its text rendering. One form for everything the
// command shows about plugins: `plugins list` and `plugins show` describe the models of this
// process's registry, `plugins verify` and `plugins trust` the description a child process
// sent back (probe.hpp). Both print through the same functions, so they look the same.
//
// The JSON (every string as the plugin declared it):
//   plugin: {vendor, name, version, abi_major, abi_minor, homepage, support, license}
//           (homepage/support/license null when the plugin lacks the plugin-info extension)
//   model:  {id, name, description,
//            params: [{key, label, unit, help, flags, choices, default, min, max}],
//            lines:  [{key, label, help, category, tax_treatment}]}
#pragma once

#include <eqroi/core/registry.hpp>

#include <nlohmann/json.hpp>

#include <string>
#include <string_view>

namespace eqroi::cli {

/// Vendor, name, version, ABI and plugin-info of the library a model comes from.
nlohmann::json describe_plugin(const Model& m);
/// One model: id, name, description, parameters and output lines.
nlohmann::json describe_model(const Model& m);

/// Text a plugin declared, made safe for a terminal: control characters (ESC and the C1
/// range included) become '?', so a description cannot move the cursor or rewrite what the
/// user reads. Newlines and tabs stay when `multiline`.
std::string printable(std::string_view text, bool multiline = false);

/// "'ACME uptime contract' 1.0.0 by ACME Service (ABI 1.1)".
std::string plugin_title(const nlohmann::json& plugin);
/// "homepage: ...", "support: ...", "license: ..." lines (only those present), each starting
/// with `indent`.
std::string plugin_info_text(const nlohmann::json& plugin, std::string_view indent);
/// The parameter rows ("    key  unit  default 1.5  range 0.1 .. 10  [flags]"), and under each
/// its label and help when `with_help`.
std::string params_text(const nlohmann::json& model, bool with_help);
/// The output line rows ("    key  label  category  tax"), and under each its help (ABI 1.1)
/// when `with_help` and the plugin gives one.
std::string lines_text(const nlohmann::json& model, bool with_help);

}  // namespace eqroi::cli
