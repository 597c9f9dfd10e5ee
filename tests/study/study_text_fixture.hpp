// Shared by the StudyText tests: reading an example study, a line diff of two texts, and a
// fixture that loads every bundled model once so edited texts can be parsed as studies.
#pragma once

#include <eqroi/core/study.hpp>
#include <eqroi/core/registry.hpp>
#include <eqroi/core/study_text.hpp>

#include <gtest/gtest.h>

#include <fstream>
#include <memory>
#include <sstream>
#include <stdexcept>
#include <string>
#include <vector>

namespace eqroi::test {

inline std::string read(const std::string& name) {
    std::ifstream in(std::string(EQROI_EXAMPLES_DIR) + "/" + name, std::ios::binary);
    std::stringstream s;
    s << in.rdbuf();
    return s.str();
}

inline std::vector<std::string> lines_of(const std::string& text) {
    std::vector<std::string> lines;
    std::size_t b = 0;
    while (b < text.size()) {
        const std::size_t e = text.find('\n', b);
        const std::size_t end = e == std::string::npos ? text.size() : e + 1;
        lines.push_back(text.substr(b, end - b));
        b = end;
    }
    return lines;
}

/// The lines between the longest common prefix and the longest common suffix of two texts.
struct LineDiff {
    std::size_t at = 0;  ///< 0-based index of the first line that differs
    std::vector<std::string> removed, added;
};

inline LineDiff diff(const std::string& before, const std::string& after) {
    const auto a = lines_of(before), b = lines_of(after);
    std::size_t p = 0;
    while (p < a.size() && p < b.size() && a[p] == b[p]) ++p;
    std::size_t s = 0;
    while (s < a.size() - p && s < b.size() - p && a[a.size() - 1 - s] == b[b.size() - 1 - s]) ++s;
    LineDiff d;
    d.at = p;
    d.removed.assign(a.begin() + static_cast<long>(p), a.end() - static_cast<long>(s));
    d.added.assign(b.begin() + static_cast<long>(p), b.end() - static_cast<long>(s));
    return d;
}

using Lines = std::vector<std::string>;

/// The comment line above each [[alternative]] in the examples.
inline const std::string kRuler =
    "# "
    "---------------------------------------------------------------------------------------------"
    "\n";

class StudyTextTest : public ::testing::Test {
protected:
    static void SetUpTestSuite() {
        registry_ = std::make_unique<PluginRegistry>(TrustPolicy::trust_everything());
        for (const char* file :
             {EQROI_PLUGIN_MAINTENANCE, EQROI_PLUGIN_TRAINING, EQROI_PLUGIN_SPARE_PARTS,
              EQROI_PLUGIN_DOWNTIME, EQROI_PLUGIN_OPERATIONS, EQROI_PLUGIN_BENEFITS,
              EQROI_PLUGIN_SCHEDULE})
            registry_->load_file(file);
    }
    static void TearDownTestSuite() { registry_.reset(); }

    static Study parse(const std::string& text) {
        return parse_study(text, "edited.toml", *registry_);
    }

    static const Alternative& alternative(const Study& s, const std::string& id) {
        const Alternative* a = s.find(id);
        if (!a) throw std::runtime_error("no alternative " + id);
        return *a;
    }

    static const ModelUse* model(const Study& s, const std::string& id, const std::string& m) {
        for (const auto& use : alternative(s, id).models)
            if (use.model == m) return &use;
        return nullptr;
    }

    static std::vector<double> values(const Study& s, const std::string& id, const std::string& m,
                                      const std::string& key) {
        const ModelUse* use = model(s, id, m);
        if (!use || !use->params.count(key)) return {};
        return use->params.at(key).values;
    }

private:
    static inline std::unique_ptr<PluginRegistry> registry_;
};

}  // namespace eqroi::test
