#include <optimist/core/hex.hpp>

#include <gtest/gtest.h>

#include <random>

namespace optimist {
namespace {

TEST(Hex, EncodesLowerCaseWithOptionalPrefix) {
    const Bytes data{0x00, 0x01, 0xab, 0xff};
    EXPECT_EQ(to_hex(data), "0x0001abff");
    EXPECT_EQ(to_hex(data, false), "0001abff");
    EXPECT_EQ(to_hex(Bytes{}), "0x");
}

TEST(Hex, DecodesWithAndWithoutPrefixAndAnyCase) {
    EXPECT_EQ(*from_hex("0x0001ABff"), (Bytes{0x00, 0x01, 0xab, 0xff}));
    EXPECT_EQ(*from_hex("0X0a"), (Bytes{0x0a}));
    EXPECT_EQ(*from_hex("dead"), (Bytes{0xde, 0xad}));
    EXPECT_TRUE(from_hex("0x")->empty());
    EXPECT_TRUE(from_hex("")->empty());
}

TEST(Hex, RejectsOddLengthAndBadDigits) {
    EXPECT_EQ(from_hex("0x123").error(), HexError::odd_length);
    EXPECT_EQ(from_hex("0xzz").error(), HexError::invalid_digit);
    EXPECT_EQ(from_hex("0x0g").error(), HexError::invalid_digit);
    EXPECT_EQ(from_hex("x0").error(), HexError::invalid_digit);
    EXPECT_FALSE(to_string(HexError::invalid_digit).empty());
}

TEST(Hex, FixedSizeChecksLength) {
    auto addr = fixed_from_hex<20>("0x00000000000000000000000000000000000000ff");
    ASSERT_TRUE(addr);
    EXPECT_EQ((*addr)[19], 0xff);
    EXPECT_EQ(fixed_from_hex<20>("0x00ff").error(), HexError::wrong_length);
}

TEST(Hex, RoundTripsRandomBytes) {
    std::mt19937_64 rng(7);
    for (int i = 0; i < 1000; ++i) {
        Bytes data(rng() % 64);
        for (auto& b : data) b = static_cast<std::uint8_t>(rng());
        EXPECT_EQ(*from_hex(to_hex(data)), data);
    }
}

TEST(Hex, RandomStringsNeverCrashAndAcceptOnlyHex) {
    std::mt19937_64 rng(11);
    const std::string alphabet = "0123456789abcdefABCDEFxXgz ";
    for (int i = 0; i < 10000; ++i) {
        std::string s(rng() % 12, ' ');
        for (auto& c : s) c = alphabet[rng() % alphabet.size()];
        auto r = from_hex(s);
        if (r) {
            // Whatever is accepted decodes every digit pair and re-encodes to the same
            // digits (compared case-insensitively, without the prefix).
            std::string digits = s.starts_with("0x") || s.starts_with("0X") ? s.substr(2) : s;
            for (auto& c : digits) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
            EXPECT_EQ(to_hex(*r, false), digits) << s;
        }
    }
}

}  // namespace
}  // namespace optimist
