// Helpers shared by the crypto tests.
#pragma once

#include "../common/hex_literal.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/core/hex.hpp>

#include <gtest/gtest.h>

#include <string>
#include <string_view>

namespace optimist::crypto::test {

using optimist::test::fixed;
using optimist::test::hex;

// A decimal number below 2^256 as 32 big-endian bytes (the fixtures spell r and s in
// decimal). Schoolbook: multiply the byte string by 10 and add each digit.
inline Hash hash_from_decimal(std::string_view digits) {
    Hash out;
    for (char c : digits) {
        EXPECT_TRUE(c >= '0' && c <= '9') << "bad decimal in test: " << digits;
        unsigned carry = static_cast<unsigned>(c - '0');
        for (std::size_t i = 32; i-- > 0;) {
            const unsigned v = out[i] * 10u + carry;
            out[i] = static_cast<std::uint8_t>(v & 0xff);
            carry = v >> 8;
        }
        EXPECT_EQ(carry, 0u) << "decimal above 2^256 in test: " << digits;
    }
    return out;
}

inline std::string hex_of(ByteView v) { return to_hex(v, false); }

}  // namespace optimist::crypto::test
