// Shared by the charts and review-pack tests: an example study loaded with the bundled plugins
// (built into <build>/lib/eqroi/plugins) and run by eqroi::Engine, once per suite; a temporary
// directory per test; and, when EQROI_STUDIO_SCREENSHOT_DIR is set, a place to keep the images
// the tests draw so that a person can look at them.
#pragma once

#include <eqroi/core/engine.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/study.hpp>

#include <gtest/gtest.h>

#include <QByteArray>
#include <QDir>
#include <QString>
#include <QTemporaryDir>

#include <cmath>
#include <cstdlib>
#include <memory>
#include <string>

namespace charts_test {

/// A study and its result, loaded once per test suite.
struct Loaded {
    std::unique_ptr<eqroi::PluginRegistry> registry;
    eqroi::Study study;
    eqroi::StudyResult result;
};

inline std::unique_ptr<Loaded> load_example(const std::string& file_name) {
    // trust_everything() reads no trust list (and studio_main.cpp points the user's list at a
    // temporary anyway).
    auto out = std::make_unique<Loaded>();
    out->registry =
        std::make_unique<eqroi::PluginRegistry>(eqroi::TrustPolicy::trust_everything());
    out->registry->load_directories({std::string(EQROI_BUILD_DIR) + "/lib/eqroi/plugins"});
    out->study = eqroi::load_study(std::string(EQROI_EXAMPLES_DIR) + "/" + file_name,
                                   *out->registry);
    out->result = eqroi::Engine(out->study, *out->registry).run();
    return out;
}

/// |a - b| <= 1e-9 x max(1, |a|, |b|).
inline bool close(double a, double b) {
    return std::fabs(a - b) <= 1e-9 * std::max({1.0, std::fabs(a), std::fabs(b)});
}

/// EQROI_STUDIO_SCREENSHOT_DIR, created, or "" when unset (then nothing is kept).
inline QString screenshot_dir() {
    const QByteArray dir = qgetenv("EQROI_STUDIO_SCREENSHOT_DIR");
    if (dir.isEmpty()) return {};
    QDir().mkpath(QString::fromLocal8Bit(dir));
    return QString::fromLocal8Bit(dir);
}

}  // namespace charts_test
