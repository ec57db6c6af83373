// How many cases a randomized test runs: `fallback`, unless OPTIMIST_FUZZ_CASES says
// otherwise (`make test-long` raises it).
#pragma once

#include <cstddef>
#include <cstdlib>

namespace optimist::test_common {

inline std::size_t fuzz_cases(std::size_t fallback) {
    if (const char* env = std::getenv("OPTIMIST_FUZZ_CASES"); env != nullptr && *env != '\0')
        return std::strtoull(env, nullptr, 10);
    return fallback;
}

}  // namespace optimist::test_common
