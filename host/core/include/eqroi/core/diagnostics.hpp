// Errors the user can act on: a place in a file and a message.
#pragma once

#include <stdexcept>
#include <string>
#include <vector>

namespace eqroi {

/// A position in a user's file; line and column are 1-based, 0 when unknown.
struct SourcePos {
    std::string file;
    int line = 0;
    int column = 0;
};

/// One problem found in a study file, printed as `file:line:col: message`.
struct Diagnostic {
    SourcePos where;
    std::string message;
    std::string to_string() const;
};

/// Bad input from the user (study file, command line values): exit code 2 in the CLI.
/// Carries every problem found, not only the first.
class InputError : public std::runtime_error {
public:
    explicit InputError(std::vector<Diagnostic> diagnostics);
    const std::vector<Diagnostic>& diagnostics() const noexcept { return diagnostics_; }

private:
    std::vector<Diagnostic> diagnostics_;
};

/// A plugin that cannot be loaded or used: names the file, the model (when known) and why.
class PluginError : public std::runtime_error {
public:
    PluginError(std::string file, std::string model, std::string reason);
    const std::string& file() const noexcept { return file_; }
    const std::string& model() const noexcept { return model_; }
    const std::string& reason() const noexcept { return reason_; }
    /// True for the refusal of a file no trust list approves (UntrustedPluginError). Kept in
    /// the base so that copies (PluginRegistry::errors() holds PluginError by value) keep it.
    bool untrusted() const noexcept { return untrusted_; }

protected:
    bool untrusted_ = false;

private:
    std::string file_, model_, reason_;
};

/// An evaluation that failed at run time (a model returned an error or a non-finite amount):
/// exit code 1 in the CLI.
class EvaluationError : public std::runtime_error {
public:
    using std::runtime_error::runtime_error;
};

/// Closest candidate to `word` by edit distance, or "" when none is close enough to be a
/// plausible typo (distance <= max(2, size/3)).
std::string nearest(const std::string& word, const std::vector<std::string>& candidates);

}  // namespace eqroi
