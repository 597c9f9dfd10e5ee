// eqroi plugin SDK: header-only test helper for plugin authors.
//
// SPDX-License-Identifier: MIT
//
// Checks a plugin the way the eqroi host does, without the host: its self-description (every
// rule the host applies when it loads a library, with the host's wording) and its numbers
// (a hand-made batch, filled and range-checked as the host fills it from a study, evaluated,
// its status and amounts checked). C++17, headers of the SDK only, no test framework: use it
// from GoogleTest, Catch2, doctest or a plain main() (Checks, at the end of this file, is enough
// for the last; do not rely on assert(), which a release build compiles away).
//
// Example: a test of the Coolant model shown at the top of <eqroi/plugin.hpp>, built as
// coolant.so (this very text is compiled and run by eqroi's own tests):
//
//     #include <eqroi/testing.hpp>
//
//     int main(int argc, char** argv) {
//         if (argc != 2) return 2;
//         eqroi::testing::Checks check;
//         // The built library, loaded as the host loads it (path from the build, e.g. CMake's
//         // $<TARGET_FILE:coolant>). Or PluginUnderTest plugin(&eqroi_plugin_entry) when the
//         // model's sources are compiled into the test.
//         const eqroi::testing::PluginUnderTest plugin(argv[1]);
//         check.no_problems(plugin);
//
//         // 0.5 l/h x 3 per litre x 4000 h (the declared default) = 6000 a year, a cost in
//         // each of 3 yearly periods and nothing at the purchase (index 0).
//         const eqroi::testing::Result r = plugin.evaluate(
//             "acme_coolant", {{"litres_per_hour", 0.5}, {"price_per_litre", 3}}, 3);
//         check.ok(r);
//         check.series(r.line("coolant"), {0, -6000, -6000, -6000}, "coolant, yearly");
//
//         // Monthly periods: a twelfth of the year in each, 2 years = 24 periods.
//         const eqroi::testing::Result m = plugin.evaluate(
//             "acme_coolant", {{"litres_per_hour", 0.5}, {"price_per_litre", 3}}, 24, 12);
//         check.ok(m);
//         check.near(m.line("coolant")[24], -500, "coolant, month 24");
//
//         // A value outside the declared range never reaches the model: the host refuses it.
//         const eqroi::testing::Result bad =
//             plugin.evaluate("acme_coolant", {{"litres_per_hour", -1}}, 3);
//         check.that(bad.outcome() == eqroi::testing::Outcome::inputs_refused, "refused");
//         check.contains(bad.message(), "'litres_per_hour' = -1 is outside 0 .. 100 l/h");
//         return check.exit_code();
//     }
//
// Ownership and lifetime: a PluginUnderTest owns the library it opened (closed in its
// destructor) and host-side copies of the descriptors; the strings in those copies point into
// the plugin and are valid while the PluginUnderTest lives. A Result owns copies of everything
// it holds (line keys, amounts, messages) and may outlive the PluginUnderTest. Nothing here is
// thread-safe; evaluate may be called any number of times.
//
// Not checked here, because only a study has it: a model id clashing with another plugin's,
// the study's inflation filled into a parameter named "escalation" and the capital price into
// "purchase_price" (here they take their declared defaults unless given), values from an
// [equipment] block, and trust (`eqroi plugins verify` shows what a user sees).
#ifndef EQROI_TESTING_HPP
#define EQROI_TESTING_HPP

#include <eqroi/ext/plugin_info.h>
#include <eqroi/plugin.h>

#include <algorithm>
#include <cmath>
#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <initializer_list>
#include <map>
#include <memory>
#include <set>
#include <stdexcept>
#include <string>
#include <string_view>
#include <type_traits>
#include <utility>
#include <vector>

#if !defined(_WIN32)
#include <dlfcn.h>
#include <sys/stat.h>
#endif

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

/// One input value, in the forms a study gives them: a number (`5000`, `0.03`), true/false for a
/// boolean parameter, a name for a choice parameter ("overtime"), or a list of numbers, one per
/// period 0..N, for a per-period parameter. The batch forms are accepted too: 1/0 for a boolean,
/// the 0-based index for a choice, and a whole float (7.0) for an integer (a study file must write
/// 7). Converts implicitly, so inputs read
/// `{{"unit_price", 3}, {"covers_repairs", true}, {"cost_method", "overtime"}}`.
class Value {
public:
    enum class Kind { integer, real, boolean, name, series };

    template <class T, std::enable_if_t<std::is_arithmetic_v<T> && !std::is_same_v<T, bool>,
                                        int> = 0>
    Value(T number)  // NOLINT(google-explicit-constructor): inputs are written as literals
        : kind_(std::is_integral_v<T> ? Kind::integer : Kind::real),
          numbers_{static_cast<double>(number)} {}
    Value(bool b) : kind_(Kind::boolean), numbers_{b ? 1.0 : 0.0} {}         // NOLINT
    Value(const char* name) : kind_(Kind::name), name_(name ? name : "") {}  // NOLINT
    Value(std::string name) : kind_(Kind::name), name_(std::move(name)) {}   // NOLINT
    Value(std::vector<double> series)
        : kind_(Kind::series), numbers_(std::move(series)) {}  // NOLINT
    Value(std::initializer_list<double> series)
        : kind_(Kind::series), numbers_(series) {}  // NOLINT

    Kind kind() const noexcept { return kind_; }
    /// The number (one element) or the series; empty for a name.
    const std::vector<double>& numbers() const noexcept { return numbers_; }
    const std::string& name() const noexcept { return name_; }

    /// "an integer", "a float"...: the words the host uses for what a study wrote.
    const char* type_name() const noexcept {
        switch (kind_) {
            case Kind::integer: return "an integer";
            case Kind::real: return "a float";
            case Kind::boolean: return "a boolean";
            case Kind::name: return "a string";
            case Kind::series: return "an array";
        }
        return "nothing";
    }

private:
    Kind kind_;
    std::vector<double> numbers_;
    std::string name_;
};

/// The parameter values of one trial, by key. A key not given takes the declared default (a
/// per-period parameter: the default in every period), as in a study.
using Inputs = std::map<std::string, Value>;

/// How an evaluation ended.
enum class Outcome {
    /// evaluate returned EQROI_STATUS_OK and every amount is finite: the host keeps the batch.
    ok,
    /// The host would refuse these inputs before calling the model (a required parameter
    /// missing, a value outside the declared range, an unknown key...); see input_problems().
    /// evaluate was not called and every amount is zero.
    inputs_refused,
    /// evaluate returned another status; status() and plugin_message() say which and why.
    failed,
    /// evaluate returned OK but left a NaN or an infinity: the host rejects the batch.
    non_finite,
    /// A C++ exception crossed the C boundary (a plugin not built on plugin.hpp): the host
    /// reports it as an error (and a C++ exception through C code is undefined behaviour).
    threw,
    /// evaluate wrote outside the output array it was given (checked with guard values around
    /// it; the host does not check this, it is memory corruption).
    wrote_out_of_bounds
};

/// What one evaluate call gave: the outcome, the host's message when it is not ok, and the
/// amounts of every line for every trial. Owns copies of everything; may outlive the plugin.
class Result {
public:
    Outcome outcome() const noexcept { return outcome_; }
    bool ok() const noexcept { return outcome_ == Outcome::ok; }
    /// What evaluate returned; EQROI_STATUS_OK when it was not called (inputs_refused).
    eqroi_status status() const noexcept { return status_; }
    /// "" when ok(); else the message the host would print (one line per problem).
    const std::string& message() const noexcept { return message_; }
    /// The text the plugin wrote in the error buffer ("" if none), as written.
    const std::string& plugin_message() const noexcept { return plugin_message_; }
    /// For inputs_refused: each problem, as the host reports it.
    const std::vector<std::string>& input_problems() const noexcept { return input_problems_; }

    const std::string& model_id() const noexcept { return model_id_; }
    uint32_t trials() const noexcept { return trials_; }
    /// N: every series has N + 1 amounts, index 0 the purchase date, k the end of period k.
    uint32_t periods() const noexcept { return periods_; }
    /// The model's line keys, in declaration order.
    const std::vector<std::string>& line_keys() const noexcept { return line_keys_; }

    /// The N + 1 amounts of one line for one trial, as the plugin left them (the host discards
    /// them when the outcome is not ok). Throws std::out_of_range for an unknown key or trial.
    std::vector<double> line(std::string_view key, uint32_t trial = 0) const {
        const auto it = std::find(line_keys_.begin(), line_keys_.end(), key);
        if (it == line_keys_.end())
            throw std::out_of_range("model '" + model_id_ + "' has no line '" + std::string(key) +
                                    "'; its lines: " + detail::join(line_keys_));
        return line(static_cast<uint32_t>(it - line_keys_.begin()), trial);
    }
    /// By index (the model's declaration order).
    std::vector<double> line(uint32_t index, uint32_t trial = 0) const {
        if (index >= line_keys_.size() || trial >= trials_)
            throw std::out_of_range("line " + std::to_string(index) + ", trial " +
                                    std::to_string(trial) + ": the result has " +
                                    std::to_string(line_keys_.size()) + " lines and " +
                                    std::to_string(trials_) + " trials");
        const std::size_t width = std::size_t{periods_} + 1;
        const auto first =
            out_.begin() +
            static_cast<std::ptrdiff_t>((std::size_t{trial} * line_keys_.size() + index) * width);
        return std::vector<double>(first, first + static_cast<std::ptrdiff_t>(width));
    }
    /// Sum of every line per period: the model's net cash flow for one trial.
    std::vector<double> total(uint32_t trial = 0) const {
        std::vector<double> sum(std::size_t{periods_} + 1, 0.0);
        for (uint32_t l = 0; l < line_keys_.size(); ++l) {
            const std::vector<double> amounts = line(l, trial);
            for (std::size_t k = 0; k < sum.size(); ++k) sum[k] += amounts[k];
        }
        return sum;
    }

private:
    friend class PluginUnderTest;
    Outcome outcome_ = Outcome::ok;
    eqroi_status status_ = EQROI_STATUS_OK;
    std::string message_, plugin_message_, model_id_;
    std::vector<std::string> input_problems_, line_keys_;
    uint32_t trials_ = 0, periods_ = 0;
    std::vector<double> out_;  // out[(trial * lines + line) * (periods + 1) + period]
};

/// One model as the host sees it: copies of its descriptors normalised to this header's struct
/// layout (fields an older plugin lacks read as zero/NULL). The strings point into the plugin,
/// valid while the PluginUnderTest that made this lives.
struct ModelDescription {
    std::string id;
    eqroi_model descriptor{};  // params/lines point into the vectors below
    std::vector<eqroi_param_desc> params;
    std::vector<eqroi_line_desc> lines;
    const eqroi_model* raw = nullptr;  // the plugin's own, passed back to evaluate

    /// The parameter / line with this key, or nullptr.
    const eqroi_param_desc* param(std::string_view key) const noexcept {
        for (const auto& p : params)
            if (key == p.key) return &p;
        return nullptr;
    }
    const eqroi_line_desc* line(std::string_view key) const noexcept {
        for (const auto& l : lines)
            if (key == l.key) return &l;
        return nullptr;
    }
};

/// A plugin loaded for testing: its descriptors checked as the host checks them, its models
/// evaluated on hand-made batches. Not copyable (it owns the library it opened); movable.
class PluginUnderTest {
public:
    /// From an entry function linked into the test: `PluginUnderTest p(&eqroi_plugin_entry);`
    /// (declare it in the test as `extern "C" EQROI_EXPORT const eqroi_plugin*
    /// eqroi_plugin_entry(uint32_t, uint32_t);`). Calls it once, as the host does.
    explicit PluginUnderTest(eqroi_entry_fn entry) { load(entry); }

#if !defined(_WIN32)
    /// From a built plugin file, opened as the host opens it (dlopen, RTLD_NOW | RTLD_LOCAL;
    /// closed by the destructor). Link the test with ${CMAKE_DL_LIBS}. A file that cannot be
    /// used is not an exception: problems() says why, as the host would.
    explicit PluginUnderTest(const std::string& file) : file_(file) {
        if (eqroi_entry_fn entry = open(file)) load(entry);
    }
#endif

    PluginUnderTest(const PluginUnderTest&) = delete;
    PluginUnderTest& operator=(const PluginUnderTest&) = delete;
    PluginUnderTest(PluginUnderTest&&) noexcept = default;
    PluginUnderTest& operator=(PluginUnderTest&&) noexcept = default;
    ~PluginUnderTest() = default;  // members first, then the library (declared first)

    /// Everything the host would refuse this plugin for, one human message each, in the host's
    /// words ("model 'x': parameter 'y': min 5 is greater than max 1"; prefixed by the file
    /// when loaded from one). Empty: the host loads it. Unlike the host, which stops at the
    /// first, every problem found is listed.
    const std::vector<std::string>& problems() const noexcept { return problems_; }

    /// The plugin descriptor, normalised (all zero when the entry function returned NULL).
    const eqroi_plugin& plugin() const noexcept { return plugin_; }
    /// The "eqroi.plugin-info/1" extension, normalised (all NULL when the plugin lacks it).
    const eqroi_plugin_info& plugin_info() const noexcept { return info_; }
    /// Every model that could be read, in declaration order.
    const std::vector<ModelDescription>& models() const noexcept { return models_; }
    /// One model by id; throws std::out_of_range naming the ids there are.
    const ModelDescription& model(std::string_view id) const {
        for (const auto& m : models_)
            if (m.id == id) return m;
        std::vector<std::string> ids;
        for (const auto& m : models_) ids.push_back(m.id);
        throw std::out_of_range("no model '" + std::string(id) + "' in the plugin; its models: " +
                                (ids.empty() ? "(none)" : detail::join(ids)));
    }

    /// Evaluates one trial over `periods` periods (1 or 12 per year), as the host does for a
    /// deterministic run: inputs resolved and range-checked, output zero-filled, status and
    /// amounts checked. Throws std::logic_error when problems() is not empty (the host never
    /// evaluates a plugin it refused), std::out_of_range for an unknown model,
    /// std::invalid_argument for periods == 0 or periods_per_year other than 1 or 12.
    /// Everything about the inputs and the model's behaviour is in the Result.
    Result evaluate(std::string_view model_id, const Inputs& inputs, uint32_t periods,
                    uint32_t periods_per_year = 1) const {
        return evaluate_batch(model_id, std::vector<Inputs>{inputs}, periods, periods_per_year);
    }

    /// As evaluate, for several trials in one call (a Monte Carlo batch): trial t of the result
    /// is trials[t]. The model sees every trial in one eqroi_batch, as the host calls it.
    Result evaluate_batch(std::string_view model_id, const std::vector<Inputs>& trials,
                          uint32_t periods, uint32_t periods_per_year = 1) const {
        if (!problems_.empty())
            throw std::logic_error("the host refuses this plugin, so it never evaluates it:\n" +
                                   detail::join(problems_, "\n"));
        const ModelDescription& m = model(model_id);
        if (trials.empty()) throw std::invalid_argument("evaluate_batch: no trial");
        if (periods == 0) throw std::invalid_argument("evaluate: a study has at least 1 period");
        if (periods_per_year != 1 && periods_per_year != 12)
            throw std::invalid_argument("evaluate: periods_per_year is 1 (yearly) or 12 (monthly)");

        const std::size_t width = std::size_t{periods} + 1;
        const std::size_t count = trials.size();
        Result r;
        r.model_id_ = m.id;
        r.trials_ = static_cast<uint32_t>(count);
        r.periods_ = periods;
        for (const auto& l : m.lines) r.line_keys_.emplace_back(l.key);
        const std::size_t n = count * m.lines.size() * width;
        r.out_.assign(n, 0.0);

        // Structure of arrays: values[p][trial] or values[p][trial * width + period].
        std::vector<std::vector<double>> values(m.params.size());
        for (std::size_t t = 0; t < count; ++t) {
            std::vector<std::string> found;
            resolve(m, trials[t], periods, values, found);
            for (auto& text : found)
                r.input_problems_.push_back(count > 1 ? "trial " + std::to_string(t) + ": " + text
                                                      : text);
        }
        if (!r.input_problems_.empty()) {
            r.outcome_ = Outcome::inputs_refused;
            r.message_ = detail::join(r.input_problems_, "\n");
            return r;
        }
        std::vector<const double*> pointers;
        for (const auto& v : values) pointers.push_back(v.data());

        // The output between guard values, to catch writes outside it.
        constexpr std::size_t kGuard = 64;
        constexpr uint64_t kGuardBits = 0x7ff8dead0000beefull;  // a quiet NaN no model computes
        double guard = 0;
        std::memcpy(&guard, &kGuardBits, sizeof guard);
        std::vector<double> buffer(n + 2 * kGuard, guard);
        double* out = buffer.data() + kGuard;
        std::fill(out, out + n, 0.0);
        auto is_guard = [&](std::size_t at) {
            uint64_t bits = 0;
            std::memcpy(&bits, &buffer[at], sizeof bits);
            return bits == kGuardBits;
        };
        std::vector<char> error(1024, '\0');  // the host's capacity

        eqroi_timing timing{};
        timing.struct_size = sizeof(eqroi_timing);
        timing.periods = periods;
        timing.periods_per_year = periods_per_year;
        timing.start_year = 0;  // a study without start_date: no calendar
        timing.start_month = 1;
        timing.start_day = 1;
        eqroi_batch batch{};
        batch.struct_size = sizeof(eqroi_batch);
        batch.trial_count = static_cast<uint32_t>(count);
        batch.param_count = static_cast<uint32_t>(m.params.size());
        batch.line_count = static_cast<uint32_t>(m.lines.size());
        batch.params = pointers.empty() ? nullptr : pointers.data();
        batch.out = out;
        batch.error = error.data();
        batch.error_capacity = static_cast<uint32_t>(error.size());

        const std::string who = prefix(m.id);
        eqroi_status status = EQROI_STATUS_OK;
        try {
            status = m.descriptor.evaluate(m.raw, &timing, &batch);
        } catch (...) {
            r.outcome_ = Outcome::threw;
            r.message_ = who + "evaluate let a C++ exception escape the C boundary";
            return r;
        }
        std::memcpy(r.out_.data(), out, n * sizeof(double));
        for (std::size_t g = 0; g < 2 * kGuard; ++g) {
            // Nearest the array first: index -1, -2... before it, then n, n + 1... after it.
            const std::size_t at = g < kGuard ? kGuard - 1 - g : kGuard + n + (g - kGuard);
            if (!is_guard(at)) {
                const long long index = static_cast<long long>(at) - static_cast<long long>(kGuard);
                r.outcome_ = Outcome::wrote_out_of_bounds;
                r.message_ = who + "evaluate wrote outside its output array, at index " +
                             std::to_string(index) + " (out holds trial_count x line_count x " +
                             "(periods + 1) = " + std::to_string(n) + " amounts)";
                return r;
            }
        }
        error.back() = '\0';  // a careless plugin may not terminate it; the host cuts it too
        r.status_ = status;
        r.plugin_message_ = error.data();
        if (status != EQROI_STATUS_OK) {
            std::string text = r.plugin_message_;
            for (char& c : text)  // the host prints no control characters from a plugin
                if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
            r.outcome_ = Outcome::failed;
            r.message_ = who + "evaluate returned status " + std::to_string(status) + " (" +
                         status_name(status) + "): " + (text.empty() ? "(no message)" : text);
            return r;
        }
        for (std::size_t i = 0; i < n; ++i) {
            if (!std::isfinite(out[i])) {
                r.outcome_ = Outcome::non_finite;
                r.message_ = who + "evaluate wrote a non-finite amount (" +
                             detail::number_text(out[i]) + ") to line '" +
                             r.line_keys_[(i / width) % m.lines.size()] + "', period " +
                             std::to_string(i % width) + ", trial " +
                             std::to_string(i / (m.lines.size() * width));
                return r;
            }
        }
        return r;
    }

private:
    struct Closer {
        void operator()(void* handle) const noexcept {
#if !defined(_WIN32)
            if (handle) ::dlclose(handle);
#else
            (void)handle;
#endif
        }
    };

    static const char* status_name(eqroi_status s) noexcept {
        switch (s) {
            case EQROI_STATUS_INVALID_PARAMETER: return "invalid parameter";
            case EQROI_STATUS_EVALUATION_FAILED: return "evaluation failed";
            case EQROI_STATUS_INTERNAL_ERROR: return "internal error in the plugin";
            default: return "unknown status";
        }
    }

    // "file: model 'id': ", as the host's PluginError begins.
    std::string prefix(const std::string& model) const {
        return (file_.empty() ? "" : file_ + ": ") +
               (model.empty() ? "" : "model '" + model + "': ");
    }
    void refuse(const std::string& reason) { problems_.push_back(prefix("") + reason); }
    void refuse(const std::string& model, const std::string& reason) {
        problems_.push_back(prefix(model) + reason);
    }

#if !defined(_WIN32)
    // The host's PluginRegistry::load_file up to the entry symbol; nullptr after a problem.
    eqroi_entry_fn open(const std::string& file) {
        struct stat st {};
        if (::stat(file.c_str(), &st) != 0) return refuse("no such file"), nullptr;
        if (!S_ISREG(st.st_mode)) return refuse("not a regular file"), nullptr;
        unsigned char magic[4] = {};
        std::size_t got = 0;
        if (std::FILE* f = std::fopen(file.c_str(), "rb")) {
            got = std::fread(magic, 1, 4, f);
            std::fclose(f);
        }
        if (got != 4 || magic[0] != 0x7f || magic[1] != 'E' || magic[2] != 'L' || magic[3] != 'F')
            return refuse("not a shared library (no ELF header)"), nullptr;
        library_.reset(::dlopen(file.c_str(), RTLD_NOW | RTLD_LOCAL));
        if (!library_) {
            const char* why = ::dlerror();
            refuse(std::string("cannot be loaded as a shared library: ") +
                   (why ? why : "unknown reason"));
            return nullptr;
        }
        void* symbol = ::dlsym(library_.get(), EQROI_ENTRY_SYMBOL);
        if (!symbol) {
            refuse(std::string("no entry symbol '") + EQROI_ENTRY_SYMBOL +
                   "': not an eqroi plugin (or built without EQROI_EXPORT)");
            return nullptr;
        }
        eqroi_entry_fn entry = nullptr;
        static_assert(sizeof entry == sizeof symbol, "function and object pointers differ");
        std::memcpy(&entry, &symbol, sizeof entry);  // POSIX: dlsym's result is the function
        return entry;
    }
#endif

    // The host's PluginRegistry::load_file, after dlopen: the same checks in the same order,
    // each failure recorded instead of thrown.
    void load(eqroi_entry_fn entry) {
        if (!entry) return refuse("the entry function is a null pointer");
        const eqroi_plugin* raw = nullptr;
        try {
            raw = entry(EQROI_ABI_MAJOR, EQROI_ABI_MINOR);
        } catch (...) {
            return refuse("the entry function threw a C++ exception");
        }
        if (!raw) return refuse("the entry function refused to load (returned NULL)");
        if (raw->abi_major != EQROI_ABI_MAJOR)
            return refuse("built for plugin ABI " + std::to_string(raw->abi_major) + "." +
                          std::to_string(raw->abi_minor) + "; this host supports ABI " +
                          std::to_string(EQROI_ABI_MAJOR) + ".x (up to " +
                          std::to_string(EQROI_ABI_MAJOR) + "." + std::to_string(EQROI_ABI_MINOR) +
                          ")");
        if (raw->struct_size < detail::kPluginSizeV1_0)
            return refuse("plugin struct_size " + std::to_string(raw->struct_size) +
                          " is smaller than ABI 1.0's " + std::to_string(detail::kPluginSizeV1_0));
        plugin_ = detail::copy_struct<eqroi_plugin>(raw, raw->struct_size);
        if (!plugin_.vendor || !plugin_.name || !plugin_.version)
            refuse("vendor, name or version is a null pointer");
        if (plugin_.model_count == 0 || !plugin_.models) return refuse("declares no model");
        if (plugin_.get_extension) {
            const void* ext = nullptr;
            try {
                ext = plugin_.get_extension(raw, EQROI_EXT_PLUGIN_INFO);
            } catch (...) {
                refuse("get_extension threw a C++ exception");
            }
            if (ext) {
                const auto* info = static_cast<const eqroi_plugin_info*>(ext);
                if (info->struct_size < detail::kPluginInfoSizeV1)
                    refuse(std::string("extension ") + EQROI_EXT_PLUGIN_INFO +
                           " declares struct_size " + std::to_string(info->struct_size) +
                           " (needs >= " + std::to_string(detail::kPluginInfoSizeV1) + ")");
                else
                    info_ = detail::copy_struct<eqroi_plugin_info>(info, info->struct_size);
            }
        }
        std::set<std::string> ids;
        for (uint32_t i = 0; i < plugin_.model_count; ++i) {
            ModelDescription m;
            if (!check_model(plugin_.models[i], i, m)) continue;
            if (!m.id.empty() && !ids.insert(m.id).second)
                refuse(m.id, "model id is declared twice in this plugin");
            models_.push_back(std::move(m));
        }
        for (ModelDescription& kept : models_) {  // the copies' arrays, not the plugin's
            kept.descriptor.params = kept.params.empty() ? nullptr : kept.params.data();
            kept.descriptor.lines = kept.lines.empty() ? nullptr : kept.lines.data();
        }
    }

    // The stride of a descriptor array (its first element's struct_size), checked as the host
    // checks it; 0 after recording a problem.
    template <class T>
    uint32_t array_stride(const std::string& model, const char* what, const T* array,
                          uint32_t count, uint32_t min_size) {
        const auto* base = reinterpret_cast<const unsigned char*>(array);
        uint32_t stride = 0;
        std::memcpy(&stride, base, sizeof stride);
        if (stride < min_size || stride > detail::kMaxStructSize || stride % alignof(T) != 0) {
            refuse(model, std::string(what) + " struct_size " + std::to_string(stride) +
                              " is not a valid size (ABI 1.0 needs at least " +
                              std::to_string(min_size) + ", a multiple of " +
                              std::to_string(alignof(T)) + ")");
            return 0;
        }
        for (uint32_t i = 1; i < count; ++i) {
            uint32_t size = 0;
            std::memcpy(&size, base + std::size_t{i} * stride, sizeof size);
            if (size != stride) {
                refuse(model, std::string(what) + " #" + std::to_string(i) +
                                  " declares struct_size " + std::to_string(size) +
                                  ", but #0 declares " + std::to_string(stride) +
                                  ": every element of the array must have the same size");
                return 0;
            }
        }
        return stride;
    }

    // The host's check_param: range and flag consistency of one parameter.
    void check_param(const std::string& model, const std::string& key, const eqroi_param_desc& q) {
        const std::string who = "parameter '" + key + "': ";
        using detail::number_text;
        if (!std::isfinite(q.min_value) || !std::isfinite(q.max_value) ||
            !std::isfinite(q.default_value))
            return refuse(model, who + "min, max and default must be finite");
        if (q.min_value > q.max_value)
            refuse(model, who + "min " + number_text(q.min_value) + " is greater than max " +
                              number_text(q.max_value));
        const bool has_default = !(q.flags & EQROI_PARAM_REQUIRED);
        if (has_default && (q.default_value < q.min_value || q.default_value > q.max_value))
            refuse(model, who + "default " + number_text(q.default_value) + " is outside [" +
                              number_text(q.min_value) + ", " + number_text(q.max_value) + "]");
        if ((q.flags & EQROI_PARAM_INTEGER) && has_default &&
            q.default_value != std::floor(q.default_value))
            refuse(model, who + "is an integer but its default " + number_text(q.default_value) +
                              " is not a whole number");
        if ((q.flags & EQROI_PARAM_BOOLEAN) && (q.min_value < 0 || q.max_value > 1))
            refuse(model, who + "is a boolean but its range [" + number_text(q.min_value) + ", " +
                              number_text(q.max_value) + "] is not within [0, 1]");
        if (q.flags & EQROI_PARAM_CHOICE) {
            if (!q.choices || !*q.choices)
                return refuse(model, who + "is a choice without choices");
            const auto names = detail::choice_names(q.choices);
            if (std::any_of(names.begin(), names.end(),
                            [](const std::string& s) { return s.empty(); }))
                refuse(model, who + "choices \"" + q.choices + "\" contain an empty name");
            const std::size_t count = names.size();
            if (q.min_value < 0 || q.max_value > static_cast<double>(count - 1))
                refuse(model, who + "is a choice of " + std::to_string(count) +
                                  " names, so its range must be within [0, " +
                                  std::to_string(count - 1) + "], not [" +
                                  number_text(q.min_value) + ", " + number_text(q.max_value) + "]");
        }
    }

    // The host's check_model; false when the model cannot be read at all.
    bool check_model(const eqroi_model* raw, uint32_t index, ModelDescription& d) {
        const std::string n = std::to_string(index);
        if (!raw) return refuse("model #" + n + " is a null pointer"), false;
        if (raw->struct_size < detail::kModelSizeV1_0)
            return refuse("model #" + n + " declares struct_size " +
                          std::to_string(raw->struct_size) +
                          " (ABI 1.0 needs >= " + std::to_string(detail::kModelSizeV1_0) + ")"),
                   false;
        d.raw = raw;
        d.descriptor = detail::copy_struct<eqroi_model>(raw, raw->struct_size);
        const eqroi_model& m = d.descriptor;
        if (!detail::valid_id(m.id))
            refuse(m.id ? m.id : "",
                   "model #" + n + " has an invalid id (lower_snake_case, a-z 0-9 _)");
        d.id = m.id ? m.id : "";
        const std::string& id = d.id;
        if (!m.name || !m.description) refuse(id, "name or description is a null pointer");
        if (!m.evaluate) refuse(id, "evaluate is a null pointer");

        std::set<std::string> keys;
        if (m.param_count > 0 && !m.params) {
            refuse(id, "params is a null pointer but param_count > 0");
        } else if (m.param_count > 0) {
            const uint32_t stride =
                array_stride(id, "parameter", m.params, m.param_count, detail::kParamSizeV1_0);
            const auto* base = reinterpret_cast<const unsigned char*>(m.params);
            for (uint32_t p = 0; stride > 0 && p < m.param_count; ++p) {
                const auto q =
                    detail::copy_struct<eqroi_param_desc>(base + std::size_t{p} * stride, stride);
                d.params.push_back(q);
                if (!detail::valid_id(q.key)) {
                    refuse(id, "parameter #" + std::to_string(p) + " has an invalid key");
                    continue;
                }
                if (!q.label || !q.unit || !q.help)
                    refuse(id, "parameter '" + std::string(q.key) +
                                   "': label, unit or help is a null pointer");
                if (!keys.insert(q.key).second)
                    refuse(id, "parameter key '" + std::string(q.key) + "' is declared twice");
                check_param(id, q.key, q);
            }
        }
        keys.clear();
        if (m.line_count == 0) {
            refuse(id, "declares no output line");
        } else if (!m.lines) {
            refuse(id, "lines is a null pointer");
        } else {
            const uint32_t stride =
                array_stride(id, "line", m.lines, m.line_count, detail::kLineSizeV1_0);
            const auto* base = reinterpret_cast<const unsigned char*>(m.lines);
            for (uint32_t l = 0; stride > 0 && l < m.line_count; ++l) {
                const auto q =
                    detail::copy_struct<eqroi_line_desc>(base + std::size_t{l} * stride, stride);
                d.lines.push_back(q);
                if (!detail::valid_id(q.key)) {
                    refuse(id, "line #" + std::to_string(l) + " has an invalid key");
                    continue;
                }
                const std::string key = q.key;
                if (!q.label) refuse(id, "line '" + key + "': label is a null pointer");
                if (!keys.insert(key).second)
                    refuse(id, "line key '" + key + "' is declared twice");
                if (q.category >= EQROI_CATEGORY_COUNT_V1)
                    refuse(id,
                           "line '" + key + "': unknown category " + std::to_string(q.category));
                if (q.tax_treatment >= EQROI_TAX_COUNT_V1)
                    refuse(id, "line '" + key + "': unknown tax treatment " +
                                   std::to_string(q.tax_treatment));
            }
        }
        return true;
    }

    // One element (a scalar, or one period of a series) checked as a study value: the number it
    // becomes in the batch, or nullopt-like false with a problem.
    static bool element(const eqroi_param_desc& p, Value::Kind kind, double v,
                        const std::string& name, const std::string& subject, double& result,
                        std::vector<std::string>& found) {
        using detail::number_text;
        if (p.flags & EQROI_PARAM_CHOICE) {
            const auto names = detail::choice_names(p.choices);
            if (kind == Value::Kind::name) {
                for (std::size_t i = 0; i < names.size(); ++i)
                    if (names[i] == name) return result = static_cast<double>(i), true;
                const std::string near = detail::nearest(name, names);
                found.push_back("unknown choice '" + name + "' for " + subject +
                                (near.empty() ? "; " : "; did you mean '" + near + "'? ") +
                                "choices: " + detail::join(names));
                return false;
            }
            if (kind == Value::Kind::boolean) {
                found.push_back(subject + " expects a name (one of " + detail::join(names) +
                                "), got a boolean");
                return false;
            }
            // a number: the batch form, the 0-based index (checked below as an integer)
        } else if (kind == Value::Kind::name) {
            found.push_back(subject +
                            ((p.flags & EQROI_PARAM_BOOLEAN)   ? " expects true or false"
                             : (p.flags & EQROI_PARAM_INTEGER) ? " expects an integer"
                                                               : " expects a number") +
                            ", got a string");
            return false;
        } else if (kind == Value::Kind::boolean && !(p.flags & EQROI_PARAM_BOOLEAN)) {
            found.push_back(
                subject +
                ((p.flags & EQROI_PARAM_INTEGER) ? " expects an integer" : " expects a number") +
                ", got a boolean");
            return false;
        }
        if (!std::isfinite(v)) {
            found.push_back(subject + " = " + number_text(v) + " is not a finite number");
            return false;
        }
        if ((p.flags & EQROI_PARAM_BOOLEAN) && v != 0 && v != 1) {
            found.push_back(subject + " expects true or false (1 or 0 in the batch), got " +
                            number_text(v));
            return false;
        }
        if ((p.flags & (EQROI_PARAM_INTEGER | EQROI_PARAM_CHOICE)) && v != std::floor(v)) {
            found.push_back(subject + " expects an integer, got a float (" + number_text(v) + ")");
            return false;
        }
        if (v < p.min_value || v > p.max_value) {
            found.push_back(subject + " = " + number_text(v) + " is outside " +
                            detail::range_text(p.min_value, p.max_value, p.unit));
            return false;
        }
        result = v;
        return true;
    }

    // Fills one trial's values into the structure of arrays, as the host's resolve_param and
    // study reader do; problems go to `found`.
    static void resolve(const ModelDescription& m, const Inputs& inputs, uint32_t periods,
                        std::vector<std::vector<double>>& values, std::vector<std::string>& found) {
        std::vector<std::string> keys;
        for (const auto& p : m.params) keys.emplace_back(p.key);
        for (const auto& [key, value] : inputs) {
            if (m.param(key)) continue;
            const std::string near = detail::nearest(key, keys);
            found.push_back("unknown key '" + key + "' in [alternative.models." + m.id + "]" +
                            (near.empty() ? "" : "; did you mean '" + near + "'?"));
        }
        const std::size_t width = std::size_t{periods} + 1;
        for (std::size_t i = 0; i < m.params.size(); ++i) {
            const eqroi_param_desc& p = m.params[i];
            const bool per_period = (p.flags & EQROI_PARAM_PER_PERIOD) != 0;
            const std::string subject = detail::quoted(p.key);
            const auto given = inputs.find(p.key);
            if (given == inputs.end()) {
                if (p.flags & EQROI_PARAM_REQUIRED) {
                    found.push_back("model '" + m.id + "': " + subject + " is required");
                    continue;
                }
                values[i].insert(values[i].end(), per_period ? width : 1, p.default_value);
                continue;
            }
            const Value& v = given->second;
            const char* kind_words = (p.flags & EQROI_PARAM_BOOLEAN)   ? "true/false values"
                                     : (p.flags & EQROI_PARAM_CHOICE)  ? "names"
                                     : (p.flags & EQROI_PARAM_INTEGER) ? "integers"
                                                                       : "numbers";
            if (!per_period) {
                if (v.kind() == Value::Kind::series) {
                    found.push_back(subject +
                                    ((p.flags & EQROI_PARAM_BOOLEAN) ? " expects true or false"
                                     : (p.flags & EQROI_PARAM_CHOICE)
                                         ? " expects a name (one of " +
                                               detail::join(detail::choice_names(p.choices)) + ")"
                                     : (p.flags & EQROI_PARAM_INTEGER) ? " expects an integer"
                                                                       : " expects a number") +
                                    ", got an array");
                    continue;
                }
                double x = 0;
                const double number = v.numbers().empty() ? 0.0 : v.numbers()[0];
                if (element(p, v.kind(), number, v.name(), subject, x, found))
                    values[i].push_back(x);
                continue;
            }
            const std::string span = " 0.." + std::to_string(periods);
            if (v.kind() != Value::Kind::series) {
                found.push_back(subject + " expects an array of " + kind_words +
                                ", one per period" + span + ", got " + v.type_name());
                continue;
            }
            const std::vector<double>& series = v.numbers();
            bool good = true;
            if (series.size() > width) {
                found.push_back(subject + " has " + std::to_string(series.size()) +
                                " values, more than the " + std::to_string(width) + " periods" +
                                span + " of the study");
                good = false;
            }
            std::vector<double> row;
            for (std::size_t k = 0; k < series.size(); ++k) {
                double x = 0;
                if (element(p, Value::Kind::real, series[k], "",
                            subject + "[" + std::to_string(k) + "]", x, found))
                    row.push_back(x);
                else
                    good = false;
            }
            // Missing periods are zero; the host says so when zero is not an acceptable value.
            if (good && series.size() < width && (p.min_value > 0 || p.max_value < 0)) {
                found.push_back(subject + " has " + std::to_string(series.size()) +
                                " values; periods " + std::to_string(series.size()) + ".." +
                                std::to_string(periods) + " would be 0, outside " +
                                detail::range_text(p.min_value, p.max_value, p.unit) +
                                ": give all " + std::to_string(width));
                good = false;
            }
            if (!good) continue;
            row.resize(width, 0.0);
            values[i].insert(values[i].end(), row.begin(), row.end());
        }
    }

    // Declared first, destroyed last: every pointer into the plugin dies before the library.
    std::unique_ptr<void, Closer> library_;
    std::string file_;
    std::vector<std::string> problems_;
    eqroi_plugin plugin_{};
    eqroi_plugin_info info_{};
    std::vector<ModelDescription> models_;
};

/// Expectations for a test without a framework: each failed one is printed to stderr at once
/// and counted; `return check.exit_code();` from main() makes the test fail (ctest, make).
/// Unlike assert(), it works in release builds and reports every failure, not the first.
class Checks {
public:
    /// Expects `condition`; `what` says what was expected.
    bool that(bool condition, const std::string& what) {
        if (!condition) fail(what);
        return condition;
    }
    /// Expects the plugin to load in the host: no problems (else each is printed).
    bool no_problems(const PluginUnderTest& plugin) {
        for (const auto& p : plugin.problems()) fail("plugin problem: " + p);
        return plugin.problems().empty();
    }
    /// Expects an ok evaluation (else prints the host's message).
    bool ok(const Result& r) {
        return that(r.ok(), "evaluation of '" + r.model_id() + "' failed: " + r.message());
    }
    /// Expects |actual - expected| <= tolerance (default: half a cent).
    bool near(double actual, double expected, const std::string& what, double tolerance = 0.005) {
        return that(std::fabs(actual - expected) <= tolerance,
                    what + ": got " + detail::number_text(actual) + ", expected " +
                        detail::number_text(expected) + " (tolerance " +
                        detail::number_text(tolerance) + ")");
    }
    /// Expects the same number of amounts, each within tolerance.
    bool series(const std::vector<double>& actual, const std::vector<double>& expected,
                const std::string& what, double tolerance = 0.005) {
        if (!that(actual.size() == expected.size(),
                  what + ": got " + std::to_string(actual.size()) + " amounts, expected " +
                      std::to_string(expected.size())))
            return false;
        bool all = true;
        for (std::size_t k = 0; k < actual.size(); ++k)
            all &= near(actual[k], expected[k], what + ", period " + std::to_string(k), tolerance);
        return all;
    }
    /// Expects `text` to contain `part` (e.g. a message).
    bool contains(const std::string& text, const std::string& part) {
        return that(text.find(part) != std::string::npos,
                    "expected \"" + part + "\" in \"" + text + "\"");
    }

    int failures() const noexcept { return failures_; }
    /// 0 when every expectation held, else 1; prints a summary line either way.
    int exit_code() const {
        std::fprintf(failures_ ? stderr : stdout, "%d expectation(s) failed\n", failures_);
        return failures_ ? 1 : 0;
    }

private:
    void fail(const std::string& what) {
        ++failures_;
        std::fprintf(stderr, "FAILED: %s\n", what.c_str());
    }
    int failures_ = 0;
};

}  // namespace eqroi::testing

#endif  // EQROI_TESTING_HPP
