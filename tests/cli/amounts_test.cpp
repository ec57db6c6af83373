#include <cli_common.hpp>

#include <gtest/gtest.h>

#include <random>

namespace optimist::cli {
namespace {

Uint256 u(std::string_view s) { return *uint256_from_string(s); }

TEST(ParseAmount, UnitsAndDecimals) {
    EXPECT_EQ(*parse_amount("0"), Uint256{});
    EXPECT_EQ(*parse_amount("123"), Uint256{123});
    EXPECT_EQ(*parse_amount("123wei"), Uint256{123});
    EXPECT_EQ(*parse_amount("20gwei"), Uint256{20'000'000'000ULL});
    EXPECT_EQ(*parse_amount("1.5eth"), Uint256{1'500'000'000'000'000'000ULL});
    EXPECT_EQ(*parse_amount("1.5ether"), Uint256{1'500'000'000'000'000'000ULL});
    EXPECT_EQ(*parse_amount(".5eth"), Uint256{500'000'000'000'000'000ULL});
    EXPECT_EQ(*parse_amount("0.000000000000000001eth"), Uint256{1});
    EXPECT_EQ(*parse_amount("10000eth"), u("10000000000000000000000"));
}

TEST(ParseAmount, RejectsWithReasons) {
    for (const char* bad : {"", "eth", "1.2.3eth", "1.5", "0.0000000000000000001eth", "1.5gwe", "-1", "1e18", "0x10",
                            "1 eth"}) {
        auto r = parse_amount(bad);
        EXPECT_FALSE(r) << bad;
    }
    EXPECT_NE(parse_amount("3btc").error().find("not a unit"), std::string::npos);
    EXPECT_NE(parse_amount("1.5").error().find("more decimals"), std::string::npos);
    // One above 2^256 - 1.
    EXPECT_FALSE(parse_amount("115792089237316195423570985008687907853269984665640564039457584007913129639936"));
}

TEST(FormatEther, TrimsTrailingZeros) {
    EXPECT_EQ(format_ether(Uint256{}), "0 ETH");
    EXPECT_EQ(format_ether(Uint256{1}), "0.000000000000000001 ETH");
    EXPECT_EQ(format_ether(Uint256{1'500'000'000'000'000'000ULL}), "1.5 ETH");
    EXPECT_EQ(format_ether(u("10000000000000000000000")), "10000 ETH");
}

// Random strings never crash the parser; whatever it accepts formats back to the same wei.
TEST(ParseAmount, RandomInputs) {
    std::mt19937_64 rng(7);
    const std::string alphabet = "0123456789.ethgwi x-";
    for (int i = 0; i < 20'000; ++i) {
        std::string s(rng() % 24, ' ');
        for (char& c : s) c = alphabet[rng() % alphabet.size()];
        auto r = parse_amount(s);
        if (!r) continue;
        const std::string formatted = format_ether(*r);
        auto back = parse_amount(formatted.substr(0, formatted.size() - 4) + "eth");
        ASSERT_TRUE(back) << s << " -> " << formatted;
        EXPECT_EQ(*back, *r) << s;
    }
}

}  // namespace
}  // namespace optimist::cli
