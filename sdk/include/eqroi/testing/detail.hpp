// eqroi plugin SDK, test helper: number formatting, ids, choices and typo suggestions worded as the host words them.
//
// SPDX-License-Identifier: MIT
//
// Part of <eqroi/testing.hpp>, which is what a test includes; see there for the overview.
#ifndef EQROI_TESTING_DETAIL_HPP
#define EQROI_TESTING_DETAIL_HPP

#include <eqroi/ext/plugin_info.h>
#include <eqroi/plugin.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdio>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace eqroi::testing {

namespace detail {

// Numbers as the host prints them (fmt's "{}": the shortest text that reads back as the same
// double; fixed notation for exponents -4..15, else "1e+17"), so messages match word for word.
inline std::string number_text(double v) {
    if (std::isnan(v)) return std::signbit(v) ? "-nan" : "nan";
    if (std::isinf(v)) return v < 0 ? "-inf" : "inf";
    if (v == 0) return std::signbit(v) ? "-0" : "0";
    char buf[40];
    int precision = 1;
    for (; precision < 17; ++precision) {
        std::snprintf(buf, sizeof buf, "%.*e", precision - 1, v);
        if (std::strtod(buf, nullptr) == v) break;
    }
    std::snprintf(buf, sizeof buf, "%.*e", precision - 1, v);
    // buf is "-d.ddde+XX": split into sign, digits and exponent.
    std::string text(buf);
    const std::size_t e = text.find('e');
    const int exponent = std::atoi(text.c_str() + e + 1);
    std::string digits;
    for (std::size_t i = 0; i < e; ++i)
        if (text[i] >= '0' && text[i] <= '9') digits += text[i];
    std::string out = v < 0 ? "-" : "";
    if (exponent < -4 || exponent >= 16) {
        out += digits.substr(0, 1);
        if (digits.size() > 1) out += "." + digits.substr(1);
        char exp[16];
        std::snprintf(exp, sizeof exp, "e%c%02d", exponent < 0 ? '-' : '+', std::abs(exponent));
        return out + exp;
    }
    if (exponent < 0)
        return out + "0." + std::string(static_cast<std::size_t>(-exponent - 1), '0') + digits;
    const std::size_t int_digits = static_cast<std::size_t>(exponent) + 1;
    if (digits.size() <= int_digits)
        return out + digits + std::string(int_digits - digits.size(), '0');
    return out + digits.substr(0, int_digits) + "." + digits.substr(int_digits);
}

inline std::string quoted(std::string_view s) { return "'" + std::string(s) + "'"; }

inline std::string join(const std::vector<std::string>& items, const char* separator = ", ") {
    std::string s;
    for (const auto& i : items) s += (s.empty() ? "" : separator) + i;
    return s;
}

// The host's id rule: lower_snake_case, a-z 0-9 _, not empty.
inline bool valid_id(const char* s) {
    if (!s || !*s) return false;
    for (const char* c = s; *c; ++c)
        if (!((*c >= 'a' && *c <= 'z') || (*c >= '0' && *c <= '9') || *c == '_')) return false;
    return true;
}

// "a|b" -> {"a", "b"}; empty for NULL.
inline std::vector<std::string> choice_names(const char* choices) {
    std::vector<std::string> names;
    if (!choices) return names;
    std::string_view rest(choices);
    while (true) {
        const auto bar = rest.find('|');
        names.emplace_back(rest.substr(0, bar));
        if (bar == std::string_view::npos) return names;
        rest.remove_prefix(bar + 1);
    }
}

// The candidate a typo most likely meant (edit distance <= max(2, size / 3)), or "".
inline std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
    auto distance = [](const std::string& a, const std::string& b) {
        std::vector<std::size_t> row(b.size() + 1);
        for (std::size_t j = 0; j <= b.size(); ++j) row[j] = j;
        for (std::size_t i = 1; i <= a.size(); ++i) {
            std::size_t diagonal = row[0];
            row[0] = i;
            for (std::size_t j = 1; j <= b.size(); ++j) {
                const std::size_t above = row[j];
                row[j] = std::min(
                    {row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
                diagonal = above;
            }
        }
        return row[b.size()];
    };
    std::string best;
    std::size_t best_distance = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        const std::size_t d = distance(word, c);
        if (d < best_distance) {
            best_distance = d;
            best = c;
        }
    }
    return best;
}

// Reads the first min(struct_size, sizeof(T)) bytes, as the host does: fields a shorter (older)
// struct lacks stay zero, and nothing past what the plugin declared is read.
template <class T>
T copy_struct(const void* source, uint32_t struct_size) {
    T out{};
    std::memcpy(&out, source, std::min<std::size_t>(struct_size, sizeof(T)));
    return out;
}

// Smallest struct sizes of ABI 1.0 (the host's own constants): longer is a later minor version,
// shorter is refused.
constexpr uint32_t kPluginSizeV1_0 = offsetof(eqroi_plugin, get_extension) + sizeof(void*);
constexpr uint32_t kModelSizeV1_0 = offsetof(eqroi_model, plugin_data) + sizeof(void*);
constexpr uint32_t kParamSizeV1_0 = offsetof(eqroi_param_desc, max_value) + sizeof(double);
constexpr uint32_t kLineSizeV1_0 = offsetof(eqroi_line_desc, label) + sizeof(void*);
constexpr uint32_t kPluginInfoSizeV1 = offsetof(eqroi_plugin_info, license) + sizeof(void*);
// An uninitialised struct_size would send a reader far past the array; the host stops at this.
constexpr uint32_t kMaxStructSize = 4096;

inline std::string range_text(double min, double max, const char* unit) {
    std::string s = number_text(min) + " .. " + number_text(max);
    if (unit && *unit) s += std::string(" ") + unit;
    return s;
}

}  // namespace detail

}  // namespace eqroi::testing

#endif  // EQROI_TESTING_DETAIL_HPP
