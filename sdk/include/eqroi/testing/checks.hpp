// eqroi plugin SDK, test helper: Checks, expectations for a test without a framework.
//
// SPDX-License-Identifier: MIT
//
// Part of <eqroi/testing.hpp>, which is what a test includes; see there for the overview.
#ifndef EQROI_TESTING_CHECKS_HPP
#define EQROI_TESTING_CHECKS_HPP

#include <eqroi/testing/plugin_under_test.hpp>
#include <eqroi/testing/result.hpp>

#include <cmath>
#include <cstdio>
#include <string>
#include <vector>

namespace eqroi::testing {

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

#endif  // EQROI_TESTING_CHECKS_HPP
