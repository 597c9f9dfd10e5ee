// Typed readers of one study value (number, integer, string, named choice) and the
// unknown-key message. Each reports its problem at the value (or key) and returns nullopt, so
// the parsers go on and the user gets every problem of a file at once.
#include "study_detail.hpp"

#include <cmath>

namespace eqroi::study_detail {

std::string in_quotes(std::string_view key) { return "'" + std::string(key) + "'"; }

bool before(const SourcePos& a, const SourcePos& b) {
    return a.line != b.line ? a.line < b.line : a.column < b.column;
}

void unknown_key(Context& ctx, const toml::key& key, const std::string& where,
                 const std::vector<std::string>& candidates) {
    std::string msg = "unknown key '" + std::string(key.str()) + "' in " + where;
    if (auto near = nearest(std::string(key.str()), candidates); !near.empty())
        msg += "; did you mean '" + near + "'?";
    ctx.error(key.source(), msg);
}

std::optional<double> read_number_as(Context& ctx, const toml::node& v, const std::string& subject,
                                     double min, double max, std::string_view unit) {
    double x = 0;
    if (auto i = v.as_integer()) {
        x = static_cast<double>(i->get());
    } else if (auto f = v.as_floating_point()) {
        x = f->get();
        if (!std::isfinite(x)) return std::nullopt;  // already reported
    } else {
        ctx.error(v.source(), subject + " expects a number, got " + type_name(v));
        return std::nullopt;
    }
    if (x < min || x > max) {
        ctx.error(v.source(), subject + outside_text(x, min, max, unit));
        return std::nullopt;
    }
    return x;
}

std::optional<double> read_number(Context& ctx, const toml::node& v, std::string_view key,
                                  double min, double max, std::string_view unit) {
    return read_number_as(ctx, v, in_quotes(key), min, max, unit);
}

std::optional<int> read_integer(Context& ctx, const toml::node& v, std::string_view key, int min,
                                int max, std::string_view unit) {
    auto i = v.as_integer();
    if (!i) {
        std::string got = type_name(v);
        if (auto f = v.as_floating_point()) {
            if (!std::isfinite(f->get())) return std::nullopt;  // already reported
            got += " (" + number_text(f->get()) + ")";
        }
        ctx.error(v.source(), in_quotes(key) + " expects an integer, got " + got);
        return std::nullopt;
    }
    if (i->get() < min || i->get() > max) {
        ctx.error(v.source(),
                  in_quotes(key) + outside_text(static_cast<double>(i->get()), min, max, unit));
        return std::nullopt;
    }
    return static_cast<int>(i->get());
}

std::optional<std::string> read_string(Context& ctx, const toml::node& v, std::string_view key) {
    if (auto s = v.as_string()) return s->get();
    ctx.error(v.source(), in_quotes(key) + " expects a string, got " + type_name(v));
    return std::nullopt;
}

std::optional<std::size_t> read_choice(Context& ctx, const toml::node& v, std::string_view key,
                                       const std::vector<std::string>& choices) {
    auto name = read_string(ctx, v, key);
    if (!name) return std::nullopt;
    for (std::size_t i = 0; i < choices.size(); ++i)
        if (choices[i] == *name) return i;
    std::string msg = "unknown choice '" + *name + "' for " + in_quotes(key);
    auto near = nearest(*name, choices);
    msg += near.empty() ? "; " : "; did you mean '" + near + "'? ";
    ctx.error(v.source(), msg + "choices: " + join(choices));
    return std::nullopt;
}

}  // namespace eqroi::study_detail
