// Output roots against digests computed independently (ethers.js keccak256 over the
// concatenated 128 bytes), and against keccak256 of the layout spelled out here.
#include "test_util.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/rollup/output_root.hpp>

#include <gtest/gtest.h>

namespace optimist::rollup {
namespace {

using test::fixed;

const Hash kState = fixed<32>("0x0102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f20");
const Hash kBlock = fixed<32>("0x" + std::string(64, 'f'));

TEST(OutputRoot, MatchesIndependentDigests) {
    // keccak256(0x00*32 ‖ state ‖ 0x00*32 ‖ 0xff*32), from ethers.js.
    EXPECT_EQ(output_root(kState, Hash{}, kBlock),
              fixed<32>("0x6bda0456dec50488b1d06c110a60e7f2f77655de84f97195bbc20d9d74f7eccf"));
    // The same with a message-passer storage root of 0xab*32.
    Hash ab;
    ab.bytes.fill(0xab);
    EXPECT_EQ(output_root(kState, ab, kBlock),
              fixed<32>("0xf21a6f21bebb0dac053022dcd7a097e039cc7125ea54ace6733216c50da87e40"));
    // All zero: keccak256 of 128 zero bytes.
    EXPECT_EQ(output_root(Hash{}, Hash{}, Hash{}),
              fixed<32>("0x012893657d8eb2efad4de0a91bcd0e39ad9837745dec3ea923737ea803fc8e3d"));
}

TEST(OutputRoot, IsKeccakOfTheDocumentedLayout) {
    std::mt19937_64 rng(1);
    for (int i = 0; i < 20; ++i) {
        const Hash s = test::random_fixed<32>(rng), m = test::random_fixed<32>(rng),
                   b = test::random_fixed<32>(rng);
        Bytes preimage(32, 0);  // version 0
        append(preimage, s);
        append(preimage, m);
        append(preimage, b);
        ASSERT_EQ(preimage.size(), 128U);
        EXPECT_EQ(output_root(s, m, b), keccak256(preimage));
    }
}

TEST(OutputRoot, EveryFieldCounts) {
    const Hash base = output_root(kState, Hash{}, kBlock);
    Hash s = kState;
    s[31] ^= 1;
    EXPECT_NE(output_root(s, Hash{}, kBlock), base);
    Hash m{};
    m[0] = 1;
    EXPECT_NE(output_root(kState, m, kBlock), base);
    Hash b = kBlock;
    b[0] = 0;
    EXPECT_NE(output_root(kState, Hash{}, b), base);
    // Fields are not interchangeable.
    EXPECT_NE(output_root(kBlock, Hash{}, kState), base);
}

}  // namespace
}  // namespace optimist::rollup
