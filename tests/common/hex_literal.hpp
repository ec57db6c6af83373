// Test helpers shared by every suite: hex literals that a test spells out itself.
#pragma once

#include <optimist/core/hex.hpp>

#include <gtest/gtest.h>

#include <string_view>

namespace optimist::test {

// Decodes hex that the test itself spells out; a typo fails the test, not the process.
inline Bytes hex(std::string_view s) {
    auto decoded = from_hex(s);
    EXPECT_TRUE(decoded.ok()) << "bad hex in test: " << s;
    return decoded.ok() ? *decoded : Bytes{};
}

template <std::size_t N>
FixedBytes<N> fixed(std::string_view s) {
    auto decoded = fixed_from_hex<N>(s);
    EXPECT_TRUE(decoded.ok()) << "bad hex in test: " << s;
    return decoded.ok() ? *decoded : FixedBytes<N>{};
}

}  // namespace optimist::test
