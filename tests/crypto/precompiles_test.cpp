#include "test_util.hpp"

#include <optimist/crypto/precompiles.hpp>

#include <gtest/gtest.h>

#include <string>

namespace optimist::crypto {
namespace {

using test::hex;
using test::hex_of;

Address precompile(std::uint8_t n) { return Address::right_aligned(Bytes{n}); }

TEST(Precompiles, CancunAddresses) {
    EXPECT_FALSE(is_precompile(Address{}));
    for (std::uint8_t n = 1; n <= 0x0a; ++n) {
        EXPECT_TRUE(is_precompile(precompile(n))) << int{n};
        EXPECT_EQ(static_cast<std::uint8_t>(*precompile_id(precompile(n))), n);
    }
    EXPECT_FALSE(is_precompile(precompile(0x0b)));  // BLS12-381 arrives in Prague
    EXPECT_FALSE(is_precompile(precompile(0xff)));
    Address high = precompile(1);
    high[0] = 1;
    EXPECT_FALSE(is_precompile(high));
    high = precompile(1);
    high[18] = 1;  // 0x0101
    EXPECT_FALSE(is_precompile(high));
    EXPECT_EQ(to_string(PrecompileId::point_evaluation), "point_evaluation");
    EXPECT_EQ(to_string(PrecompileStatus::not_implemented), "not_implemented");
}

// Every Cancun precompile is implemented; an address past them is no precompile.
TEST(Precompiles, NotImplementedConsumeAllGas) {
    const auto r = run_precompile(precompile(0x0b), {}, 7);
    EXPECT_EQ(r.status, PrecompileStatus::not_implemented);
    EXPECT_EQ(r.gas_used, 7u);
}

struct WordPriced {
    std::uint8_t address;
    std::uint64_t base;
    std::uint64_t per_word;
};

// Yellow Paper, appendix E: base + per_word * ceil(|input| / 32).
TEST(Precompiles, PerWordGas) {
    for (const WordPriced& p :
         {WordPriced{0x02, 60, 12}, WordPriced{0x03, 600, 120}, WordPriced{0x04, 15, 3}}) {
        for (std::size_t len : {0, 1, 31, 32, 33, 64, 65, 1000}) {
            const Bytes input(len, 0xab);
            const std::uint64_t cost = p.base + p.per_word * ((len + 31) / 32);
            SCOPED_TRACE("precompile " + std::to_string(p.address) + ", length " + std::to_string(len));
            auto r = run_precompile(precompile(p.address), input, cost);
            EXPECT_EQ(r.status, PrecompileStatus::success);
            EXPECT_EQ(r.gas_used, cost);
            r = run_precompile(precompile(p.address), input, cost - 1);
            EXPECT_EQ(r.status, PrecompileStatus::out_of_gas);
            EXPECT_EQ(r.gas_used, cost - 1);
            EXPECT_TRUE(r.output.empty());
        }
    }
}

TEST(Precompiles, HashOutputs) {
    const Bytes abc = {'a', 'b', 'c'};
    auto r = run_precompile(precompile(0x02), abc, 1000);
    EXPECT_EQ(hex_of(r.output), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
    // RIPEMD-160 is left-padded to a 32-byte word.
    r = run_precompile(precompile(0x03), abc, 1000);
    EXPECT_EQ(hex_of(r.output), "0000000000000000000000008eb208f7e05d987a9b044a8e98c6b087f15a0bfc");
    r = run_precompile(precompile(0x03), {}, 1000);
    EXPECT_EQ(hex_of(r.output), "0000000000000000000000009c1185a5c5e9fc54612808977ee8f548b2258d31");
    r = run_precompile(precompile(0x04), abc, 1000);
    EXPECT_EQ(r.output, abc);
    r = run_precompile(precompile(0x04), {}, 15);
    EXPECT_TRUE(r.ok());
    EXPECT_TRUE(r.output.empty());
}

}  // namespace
}  // namespace optimist::crypto
