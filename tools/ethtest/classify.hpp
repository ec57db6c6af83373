// Naming why a case fails when the cause is a known gap rather than a bug: re-running the
// case with a probe tracer tells whether it reaches a precompile this version does not
// implement (bn254 at 0x06-0x08, KZG point evaluation at 0x0a; issue 9).
#pragma once

#include "runner.hpp"

#include <string>

namespace optimist::ethtest {

inline constexpr std::string_view kBn254Missing = "bn254 precompile not implemented (issue 9)";
inline constexpr std::string_view kKzgMissing = "KZG point evaluation not implemented (issue 9)";

// The known-gap reason for a failing case ("bn254 ...", "KZG ...", or both joined by "; "),
// or an empty string when the case reaches no unimplemented precompile.
[[nodiscard]] std::string known_gap(const CaseRef& c);

}  // namespace optimist::ethtest
