// A plugin's self-description as JSON and as text (describe.hpp).
#include "describe.hpp"

#include <fmt/format.h>

#include <cstdint>

namespace eqroi::cli {

using nlohmann::json;

namespace {

/// A C string from the plugin as JSON: null stays null (optional fields such as line help).
json text_or_null(const char* s) { return s ? json(s) : json(nullptr); }

std::string str(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_string() ? printable(it->get<std::string>()) : std::string();
}

double num(const json& j, const char* key) {
    const auto it = j.find(key);
    return it != j.end() && it->is_number() ? it->get<double>() : 0.0;
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

std::string default_text(const json& p, uint32_t flags) {
    const double value = num(p, "default");
    if (flags & EQROI_PARAM_REQUIRED) return "(required)";
    if (flags & EQROI_PARAM_BOOLEAN) return value != 0 ? "true" : "false";
    if (flags & EQROI_PARAM_CHOICE) {
        const std::string choices = str(p, "choices");
        const auto names = choice_names(choices.c_str());
        const auto idx = static_cast<std::size_t>(value);
        return idx < names.size() ? "\"" + names[idx] + "\"" : "?";
    }
    return fmt::format("{:g}", value);
}

}  // namespace

std::string printable(std::string_view text, bool multiline) {
    std::string out;
    out.reserve(text.size());
    std::size_t i = 0;
    while (i < text.size()) {
        const auto c = static_cast<unsigned char>(text[i]);
        if (c < 0x80) {
            const bool keep = (c >= 0x20 && c != 0x7f) || (multiline && (c == '\n' || c == '\t'));
            out += keep ? static_cast<char>(c) : '?';
            ++i;
            continue;
        }
        // A UTF-8 sequence is kept whole when it is well formed and not a C1 control
        // (U+0080..U+009F, CSI among them); anything else, a lone byte included, becomes '?'.
        const std::size_t length = c >= 0xf0 && c <= 0xf4 ? 4 : c >= 0xe0 ? 3 : c >= 0xc2 ? 2 : 0;
        bool ok = length > 0 && c < 0xf5 && i + length <= text.size();
        for (std::size_t k = 1; ok && k < length; ++k)
            ok = (static_cast<unsigned char>(text[i + k]) & 0xc0) == 0x80;
        if (ok && c == 0xc2 && static_cast<unsigned char>(text[i + 1]) <= 0x9f) ok = false;
        if (ok) {
            out.append(text.substr(i, length));
            i += length;
        } else {
            out += '?';
            ++i;
        }
    }
    return out;
}

json describe_plugin(const Model& m) {
    const eqroi_plugin& p = m.plugin();
    const eqroi_plugin_info& info = m.plugin_info();
    return {{"vendor", p.vendor},
            {"name", p.name},
            {"version", p.version},
            {"abi_major", p.abi_major},
            {"abi_minor", p.abi_minor},
            {"homepage", text_or_null(info.homepage)},
            {"support", text_or_null(info.support)},
            {"license", text_or_null(info.license)}};
}

json describe_model(const Model& m) {
    const eqroi_model& d = m.descriptor();
    json params = json::array();
    for (uint32_t i = 0; i < d.param_count; ++i) {
        const eqroi_param_desc& q = m.param(i);
        params.push_back({{"key", q.key},
                          {"label", q.label},
                          {"unit", q.unit},
                          {"help", q.help},
                          {"flags", q.flags},
                          {"choices", text_or_null(q.choices)},
                          {"default", q.default_value},
                          {"min", q.min_value},
                          {"max", q.max_value}});
    }
    json lines = json::array();
    for (uint32_t i = 0; i < d.line_count; ++i) {
        const eqroi_line_desc& l = m.line(i);
        lines.push_back({{"key", l.key},
                         {"label", l.label},
                         {"help", text_or_null(l.help)},
                         {"category", category_name(l.category)},
                         {"tax_treatment", tax_treatment_name(l.tax_treatment)}});
    }
    return {{"id", m.id()},
            {"name", d.name},
            {"description", d.description},
            {"params", std::move(params)},
            {"lines", std::move(lines)}};
}

std::string plugin_title(const json& plugin) {
    return fmt::format("'{}' {} by {} (ABI {}.{})", str(plugin, "name"), str(plugin, "version"),
                       str(plugin, "vendor"), static_cast<unsigned>(num(plugin, "abi_major")),
                       static_cast<unsigned>(num(plugin, "abi_minor")));
}

std::string plugin_info_text(const json& plugin, std::string_view indent) {
    std::string s;
    for (const char* key : {"homepage", "support", "license"}) {
        const std::string value = str(plugin, key);
        if (!value.empty()) s += fmt::format("{}{:<9} {}\n", indent, std::string(key) + ":", value);
    }
    return s;
}

std::string params_text(const json& model, bool with_help) {
    std::string s;
    for (const auto& p : model.value("params", json::array())) {
        const auto flags = static_cast<uint32_t>(num(p, "flags"));
        const std::string range = (flags & EQROI_PARAM_CHOICE)    ? str(p, "choices")
                                  : (flags & EQROI_PARAM_BOOLEAN) ? std::string("true|false")
                                      : fmt::format("{:g} .. {:g}", num(p, "min"), num(p, "max"));
        const std::string flag_names = flags_text(flags);
        s += fmt::format("    {:<34} {:<14} default {:<12} range {}{}\n", str(p, "key"),
                         str(p, "unit"), default_text(p, flags), range,
                         flag_names.empty() ? "" : "  [" + flag_names + "]");
        if (with_help) s += fmt::format("        {}: {}\n", str(p, "label"), str(p, "help"));
    }
    return s;
}

std::string lines_text(const json& model, bool with_help) {
    std::string s;
    for (const auto& l : model.value("lines", json::array())) {
        s += fmt::format("    {:<24} {:<36} {:<12} {}\n", str(l, "key"), str(l, "label"),
                         str(l, "category"), str(l, "tax_treatment"));
        const std::string help = str(l, "help");
        if (with_help && !help.empty()) s += fmt::format("        {}\n", help);
    }
    return s;
}

}  // namespace eqroi::cli
