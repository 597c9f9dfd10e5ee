#include <eqroi/core/diagnostics.hpp>

#include <algorithm>
#include <numeric>

namespace eqroi {

std::string Diagnostic::to_string() const {
    std::string s = where.file;
    if (where.line > 0) {
        s += ':' + std::to_string(where.line);
        if (where.column > 0) s += ':' + std::to_string(where.column);
    }
    if (!s.empty()) s += ": ";
    return s + message;
}

namespace {
std::string join(const std::vector<Diagnostic>& ds) {
    std::string s;
    for (const auto& d : ds) {
        if (!s.empty()) s += '\n';
        s += d.to_string();
    }
    return s;
}

std::size_t edit_distance(const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
        std::size_t diag = row[0];
        row[0] = i;
        for (std::size_t j = 1; j <= b.size(); ++j) {
            std::size_t up = row[j];
            row[j] = std::min({row[j] + 1, row[j - 1] + 1, diag + (a[i - 1] != b[j - 1])});
            diag = up;
        }
    }
    return row[b.size()];
}
}  // namespace

InputError::InputError(std::vector<Diagnostic> diagnostics)
    : std::runtime_error(join(diagnostics)), diagnostics_(std::move(diagnostics)) {}

PluginError::PluginError(std::string file, std::string model, std::string reason)
    : std::runtime_error(file + ": " + (model.empty() ? "" : "model '" + model + "': ") + reason),
      file_(std::move(file)), model_(std::move(model)), reason_(std::move(reason)) {}

std::string nearest(const std::string& word, const std::vector<std::string>& candidates) {
    std::string best;
    std::size_t best_d = std::max<std::size_t>(2, word.size() / 3) + 1;
    for (const auto& c : candidates) {
        std::size_t d = edit_distance(word, c);
        if (d < best_d) {
            best_d = d;
            best = c;
        }
    }
    return best;
}

}  // namespace eqroi
