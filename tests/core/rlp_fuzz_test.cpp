// Fuzz-style checks of the RLP decoder: random and mutated inputs never crash it (the
// sanitizer build runs this file), and every input it accepts re-encodes to itself.
#include "../common/fuzz_cases.hpp"
#include "rlp_tree.hpp"

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

namespace optimist::rlp {
namespace {

std::size_t case_count() { return optimist::test_common::fuzz_cases(100000); }

testing::Tree random_tree(std::mt19937_64& rng, int depth) {
    testing::Tree t;
    if (depth < 4 && rng() % 3 == 0) {
        t.is_list = true;
        const std::size_t n = rng() % 6;
        for (std::size_t i = 0; i < n; ++i) t.items.push_back(random_tree(rng, depth + 1));
    } else {
        // Lengths straddle the 1-byte, short (< 56) and long forms.
        static constexpr std::size_t kLengths[] = {0, 1, 1, 2, 55, 56, 57, 200, 300};
        t.bytes.resize(kLengths[rng() % std::size(kLengths)]);
        for (auto& b : t.bytes) b = static_cast<std::uint8_t>(rng() % 4 == 0 ? rng() % 0x80 : rng());
    }
    return t;
}

void mutate(Bytes& data, std::mt19937_64& rng) {
    const int kind = static_cast<int>(rng() % 5);
    if (data.empty() || kind == 0) {
        data.insert(data.begin() + static_cast<std::ptrdiff_t>(data.empty() ? 0 : rng() % data.size()),
                    static_cast<std::uint8_t>(rng()));
    } else if (kind == 1) {
        data[rng() % data.size()] ^= static_cast<std::uint8_t>(1u << (rng() % 8));
    } else if (kind == 2) {
        data[rng() % data.size()] = static_cast<std::uint8_t>(rng());
    } else if (kind == 3) {
        data.resize(rng() % data.size());  // truncate
    } else {
        data.erase(data.begin() + static_cast<std::ptrdiff_t>(rng() % data.size()));
    }
}

void check_decoder(const Bytes& input, std::size_t& accepted) {
    auto tree = testing::decode_tree(input);
    if (tree) {
        ++accepted;
        ASSERT_EQ(testing::encode_tree(*tree), input);
    } else {
        ASSERT_FALSE(to_string(tree.error()).empty());
    }
}

TEST(RlpFuzz, RandomTreesRoundTrip) {
    std::mt19937_64 rng(2024);
    for (std::size_t i = 0; i < case_count() / 10; ++i) {
        const auto tree = random_tree(rng, 0);
        const Bytes enc = testing::encode_tree(tree);
        auto back = testing::decode_tree(enc);
        ASSERT_TRUE(back) << to_string(back.error());
        ASSERT_EQ(testing::encode_tree(*back), enc);
    }
}

TEST(RlpFuzz, RandomBytesNeverCrashAndAcceptedReencode) {
    std::mt19937_64 rng(99);
    std::size_t accepted = 0;
    const std::size_t n = case_count();
    for (std::size_t i = 0; i < n; ++i) {
        Bytes input(rng() % 40);
        for (auto& b : input) b = static_cast<std::uint8_t>(rng());
        check_decoder(input, accepted);
    }
    // Sanity: some random inputs are valid (e.g. single bytes), most are not.
    EXPECT_GT(accepted, 0u);
    EXPECT_LT(accepted, n);
}

TEST(RlpFuzz, MutatedEncodingsNeverCrashAndAcceptedReencode) {
    std::mt19937_64 rng(5);
    std::size_t accepted = 0;
    const std::size_t n = case_count();
    for (std::size_t i = 0; i < n; ++i) {
        Bytes input = testing::encode_tree(random_tree(rng, 0));
        const int mutations = 1 + static_cast<int>(rng() % 3);
        for (int m = 0; m < mutations; ++m) mutate(input, rng);
        check_decoder(input, accepted);
    }
    EXPECT_GT(accepted, 0u);
}

}  // namespace
}  // namespace optimist::rlp
