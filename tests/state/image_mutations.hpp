// Mutations of valid encodings for the image decoders' fuzz tests (StateView images here,
// machine images in tests/evm): bit flips, length fields set to boundary values, truncation,
// insertion, deletion and duplication, so inputs get past the first checks and reach the
// deeper ones. Header-only; belongs in tests/common once that folder takes shared fuzz helpers.
#pragma once

#include "../common/fuzz_cases.hpp"
#include <optimist/core/bytes.hpp>

#include <cstdint>
#include <cstdlib>
#include <random>

namespace optimist::test {

inline Bytes random_bytes(std::mt19937_64& rng, std::size_t max_size) {
    Bytes b(rng() % (max_size + 1));
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
}

inline void mutate_once(std::mt19937_64& rng, Bytes& b) {
    static constexpr std::uint64_t kInteresting[] = {0,          1,          2,          31,        32,
                                                     33,         1023,       1024,       1025,      0x7f,
                                                     0x80,       0xff,       0x7fffffff, 0xffffffff, 0x100000000ULL,
                                                     ~0ULL >> 1, ~0ULL};
    const auto at = [&](std::size_t width) { return b.size() <= width ? 0 : rng() % (b.size() - width + 1); };
    switch (b.empty() ? 4 : rng() % 9) {
        case 0: b[at(1)] ^= static_cast<std::uint8_t>(1U << (rng() % 8)); break;
        case 1: b[at(1)] = static_cast<std::uint8_t>(rng()); break;
        case 2: {
            static constexpr std::uint8_t kBytes[] = {0, 1, 2, 0x7f, 0x80, 0xff};
            b[at(1)] = kBytes[rng() % std::size(kBytes)];
            break;
        }
        case 3: b.resize(rng() % b.size()); break;
        case 4: b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng() % (b.size() + 1)), static_cast<std::uint8_t>(rng())); break;
        case 5: b.erase(b.begin() + static_cast<std::ptrdiff_t>(at(1))); break;
        case 6:
        case 7: {
            // A big-endian length or count field set to a boundary value.
            const std::size_t width = rng() % 2 == 0 ? 4 : 8;
            if (b.size() < width) break;
            const std::uint64_t v = kInteresting[rng() % std::size(kInteresting)];
            const std::size_t p = at(width);
            for (std::size_t i = 0; i < width; ++i) b[p + i] = static_cast<std::uint8_t>(v >> (8 * (width - 1 - i)));
            break;
        }
        default: {
            const std::size_t p = at(1);
            const std::size_t n = 1 + rng() % std::min<std::size_t>(64, b.size() - p);
            const Bytes chunk(b.begin() + static_cast<std::ptrdiff_t>(p), b.begin() + static_cast<std::ptrdiff_t>(p + n));
            b.insert(b.begin() + static_cast<std::ptrdiff_t>(rng() % (b.size() + 1)), chunk.begin(), chunk.end());
            break;
        }
    }
}

// One to three mutations of `b`.
inline Bytes mutated(std::mt19937_64& rng, Bytes b) {
    const int n = 1 + static_cast<int>(rng() % 3);
    for (int i = 0; i < n; ++i) mutate_once(rng, b);
    return b;
}

}  // namespace optimist::test
