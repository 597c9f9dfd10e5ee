// The test for NaN and infinities on the engine's hot paths (a plugin's output, a batch's net
// flows): one pass, no branch, vectorised.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstring>

namespace eqroi::detail {

/// Whether any of the n amounts is NaN or infinite. An exponent of all ones is NaN or
/// infinity, and (exponent + 1) >> 11 is 1 exactly then: shifts, an AND, an add and an OR, all
/// 64-bit lane operations SSE2 has (a 64-bit compare is not), so the loop vectorises on the
/// baseline x86-64 target. Callers look for the culprit only when this says there is one.
inline bool any_non_finite(const double* x, std::size_t n) {
    std::uint64_t bad = 0;
    for (std::size_t i = 0; i < n; ++i) {
        std::uint64_t bits;
        std::memcpy(&bits, x + i, sizeof bits);
        bad |= (((bits >> 52) & 0x7ffu) + 1) >> 11;
    }
    return bad != 0;
}

}  // namespace eqroi::detail
