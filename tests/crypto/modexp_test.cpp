#include "test_util.hpp"

#include <optimist/crypto/modexp.hpp>
#include <optimist/crypto/precompiles.hpp>

#include <gtest/gtest.h>

#include <cstdio>
#include <limits>
#include <random>
#include <string>

namespace optimist::crypto {
namespace {

using test::hex;
using test::hex_of;

const Address kModexp = Address::right_aligned(Bytes{0x05});
constexpr std::uint64_t kBigGas = std::uint64_t{1} << 40;

std::string word(std::uint64_t v) {
    char buf[17];
    std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(v));
    return std::string(48, '0') + buf;
}

const std::string kMaxWord(64, 'f');

struct Vector {
    const char* name;
    std::string input;
    std::string expected;
    std::uint64_t gas;
};

// EIP-2565 gas with EIP-198 semantics. The first two are EIP-198's examples; the
// nagydani ones are the community vectors with their EIP-2565 gas (as published in
// go-ethereum's precompile test data).
TEST(ModexpPrecompile, PublishedVectors) {
    const std::string secp_p_minus_1 = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2e";
    const std::string secp_p = "fffffffffffffffffffffffffffffffffffffffffffffffffffffffefffffc2f";
    const std::string nagydani1_base =
        "e09ad9675465c53a109fac66a445c91b292d2bb2c5268addb30cd82f80fcb0033ff97c80a5fc6f39193ae969c6ede6710a6b"
        "7ac27078"
        "a06d90ef1c72e5c85fb5";
    const std::string nagydani1_mod =
        "fc9e1f6beb81516545975218075ec2af118cd8798df6e08a147c60fd6095ac2bb02c2908cf4dd7c81f11c289e4bce98f3553"
        "768f392a"
        "80ce22bf5c4f4a248c6b";
    const std::vector<Vector> vectors = {
        {"eip_example1", word(1) + word(32) + word(32) + "03" + secp_p_minus_1 + secp_p, word(1), 1360},
        {"eip_example2", word(0) + word(32) + word(32) + secp_p_minus_1 + secp_p, word(0), 1360},
        {"nagydani-1-square", word(64) + word(1) + word(64) + nagydani1_base + "02" + nagydani1_mod,
         "60008f1614cc01dcfb6bfb09c625cf90b47d4468db81b5f8b7a39d42f332eab9b2da8f2d95311648a8f243f4bb13cfb3d8f"
         "7f2a3c0"
         "14122ebb3ed41b02783adc",
         200},
        {"nagydani-1-qube", word(64) + word(1) + word(64) + nagydani1_base + "03" + nagydani1_mod,
         "4834a46ba565db27903b1c720c9d593e84e4cbd6ad2e64b31885d944f68cd801f92225a8961c952ddf2797fa4701b330c85"
         "c4b3637"
         "98100b921a1a22a46a7fec",
         200},
        {"nagydani-1-pow0x10001", word(64) + word(3) + word(64) + nagydani1_base + "010001" + nagydani1_mod,
         "c36d804180c35d4426b57b50c5bfcca5c01856d104564cd513b461d3c8b8409128a5573e416d0ebe38f5f736766d9dc2714"
         "3e4da98"
         "1dfa4d67f7dc474cbee6d2",
         341},
        // EIP-198: base 3, exponent 0xffff, modulus 2^255; the trailing 0x07 is ignored.
        {"eip198_excess_ignored", word(1) + word(2) + word(32) + "03ffff80" + std::string(62, '0') + "07",
         "3b01b01ac41f2d6e917c6d6a221ce793802469026d9ab7578fa2e79e4da6aaab", 200},
        // EIP-198: the same modulus read from a truncated input, right-padded with zeros.
        {"eip198_right_padded", word(1) + word(2) + word(32) + "03ffff80",
         "3b01b01ac41f2d6e917c6d6a221ce793802469026d9ab7578fa2e79e4da6aaab", 200},
    };
    for (const auto& v : vectors) {
        SCOPED_TRACE(v.name);
        const Bytes input = hex(v.input);
        const PrecompileResult r = run_precompile(kModexp, input, kBigGas);
        ASSERT_EQ(r.status, PrecompileStatus::success);
        EXPECT_EQ(hex_of(r.output), v.expected);
        EXPECT_EQ(r.gas_used, v.gas);
        // One gas short fails and consumes everything.
        const PrecompileResult short_gas = run_precompile(kModexp, input, v.gas - 1);
        EXPECT_EQ(short_gas.status, PrecompileStatus::out_of_gas);
        EXPECT_EQ(short_gas.gas_used, v.gas - 1);
        EXPECT_TRUE(short_gas.output.empty());
    }
}

// Larger nagydani cases are priced by formula: ceil(len / 8)^2 * iterations / 3.
TEST(ModexpPrecompile, GasFormula) {
    const auto gas_of = [](std::uint64_t base_len, std::uint64_t exp_len, std::uint64_t mod_len,
                           const std::string& exp_hex) {
        // Operand bytes are irrelevant to the price except the exponent's head.
        const std::string input =
            word(base_len) + word(exp_len) + word(mod_len) + std::string(2 * base_len, '0') + exp_hex;
        return run_precompile(kModexp, hex(input), kBigGas).gas_used;
    };
    EXPECT_EQ(gas_of(128, 3, 128, "010001"), 1365u);   // nagydani-2-pow0x10001
    EXPECT_EQ(gas_of(256, 1, 256, "02"), 341u);        // nagydani-3-square
    EXPECT_EQ(gas_of(256, 3, 256, "010001"), 5461u);   // nagydani-3-pow0x10001
    EXPECT_EQ(gas_of(512, 3, 512, "010001"), 21845u);  // nagydani-4-pow0x10001
    EXPECT_EQ(gas_of(1024, 1, 1024, "02"), 5461u);     // nagydani-5-square
    EXPECT_EQ(gas_of(1024, 3, 1024, "010001"), 87381u);
    // Exponent 0 and 1 both count one iteration.
    EXPECT_EQ(gas_of(1024, 1, 1024, "00"), 5461u);
    EXPECT_EQ(gas_of(1024, 1, 1024, "01"), 5461u);
    EXPECT_EQ(gas_of(1024, 0, 1024, ""), 5461u);
    // Lengths are rounded up to 8-byte words: 65 bytes are 9 words.
    EXPECT_EQ(gas_of(65, 1, 1, "02"), 200u);
    EXPECT_EQ(gas_of(65, 2, 1, "ffff"), 81u * 15 / 3);
    // Exponent longer than 32 bytes: 8 * (len - 32) plus the head's top bit index.
    EXPECT_EQ(gas_of(64, 64, 64, std::string(64, '0')), 64u * 256 / 3);  // all-zero head
    EXPECT_EQ(gas_of(64, 64, 64, std::string(62, '0') + "01"), 64u * 256 / 3);
    EXPECT_EQ(gas_of(64, 64, 64, "80" + std::string(62, '0')), 64u * (256 + 255) / 3);
    // The head itself right-padded: one byte 0x01 then the input ends, so the head is
    // 0x01 followed by 31 zero bytes, msb 248.
    EXPECT_EQ(gas_of(64, 40, 64, "01"), 64u * (64 + 248) / 3);
}

TEST(ModexpPrecompile, HugeLengthsSaturate) {
    const std::uint64_t limit = (std::uint64_t{1} << 62) - 1;
    const auto run = [&](const std::string& header) { return run_precompile(kModexp, hex(header), limit); };
    // EIP-198's third example: modulus length 2^256 - 1.
    auto r = run(word(0) + word(32) + kMaxWord + std::string(64, 'f'));
    EXPECT_EQ(r.status, PrecompileStatus::out_of_gas);
    EXPECT_EQ(r.gas_used, limit);
    EXPECT_EQ(run(kMaxWord + word(0) + word(1)).status, PrecompileStatus::out_of_gas);
    EXPECT_EQ(run(word(1) + kMaxWord + word(1)).status, PrecompileStatus::out_of_gas);
    // 2^64 exactly, just past the 64-bit range.
    EXPECT_EQ(run(word(0) + word(0) + std::string(47, '0') + "1" + std::string(16, '0')).status,
              PrecompileStatus::out_of_gas);
    // Largest lengths that still fit 64 bits: the products must not wrap.
    EXPECT_EQ(run(word(~std::uint64_t{0}) + word(~std::uint64_t{0}) + word(1)).status,
              PrecompileStatus::out_of_gas);
    EXPECT_EQ(run(word(1) + word(~std::uint64_t{0}) + word(1)).status, PrecompileStatus::out_of_gas);
    EXPECT_EQ(run(word(std::uint64_t{1} << 35) + word(1) + word(0)).status, PrecompileStatus::out_of_gas);
    // Zero base and modulus lengths cost the minimum whatever the exponent length
    // (the multiplication complexity is zero) and return nothing.
    r = run(word(0) + kMaxWord + word(0));
    EXPECT_EQ(r.status, PrecompileStatus::success);
    EXPECT_EQ(r.gas_used, 200u);
    EXPECT_TRUE(r.output.empty());
}

TEST(ModexpPrecompile, EdgeValues) {
    const auto run = [](const std::string& input) { return run_precompile(kModexp, hex(input), kBigGas); };
    auto r = run("");  // all lengths zero
    EXPECT_EQ(r.status, PrecompileStatus::success);
    EXPECT_EQ(r.gas_used, 200u);
    EXPECT_TRUE(r.output.empty());
    // Zero-length modulus: empty output even with a base.
    EXPECT_TRUE(run(word(1) + word(1) + word(0) + "0302").output.empty());
    // Modulus 0 (32 bytes long): 32 zero bytes.
    EXPECT_EQ(hex_of(run(word(1) + word(1) + word(32) + "0302").output), std::string(64, '0'));
    // Modulus 1: 0; 0^0 mod 5 = 1; empty base and exponent are zero.
    EXPECT_EQ(hex_of(run(word(1) + word(1) + word(1) + "030201").output), "00");
    EXPECT_EQ(hex_of(run(word(0) + word(0) + word(1) + "05").output), "01");
    // Anything to the power 0 is 1 (here modulo 0x0100, in a 2-byte output).
    EXPECT_EQ(hex_of(run(word(1) + word(0) + word(2) + "ff0100").output), "0001");
}

// Reference for small operands: square-and-multiply in 128-bit arithmetic.
std::uint64_t small_modexp(std::uint64_t b, std::uint64_t e, std::uint64_t m) {
    using Uint128 = unsigned __int128;
    Uint128 result = 1 % m;
    Uint128 x = b % m;
    for (; e != 0; e >>= 1) {
        if (e & 1) result = result * x % m;
        x = x * x % m;
    }
    return static_cast<std::uint64_t>(result);
}

Bytes be8(std::uint64_t v) {
    Bytes out(8);
    for (int i = 7; i >= 0; --i, v >>= 8) out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
    return out;
}

TEST(Modexp, MatchesSmallReference) {
    std::mt19937_64 rng(198);
    for (int i = 0; i < 20000; ++i) {
        const std::uint64_t b = rng() >> (rng() % 64);
        const std::uint64_t e = rng() >> (rng() % 64);
        const std::uint64_t m = (rng() >> (rng() % 64)) | 1;
        EXPECT_EQ(hex_of(modexp(be8(b), be8(e), be8(m))), hex_of(be8(small_modexp(b, e, m))))
            << b << "^" << e << " mod " << m;
    }
    EXPECT_EQ(hex_of(modexp(hex("0123456789abcdef"), hex("010001"), hex("fedcba9876543211"))),
              "24acb0ef8050885f");
}

TEST(Modexp, PaddingEqualsExplicitZeros) {
    // 0x02 followed by three zero bytes, i.e. 0x02000000, in each position.
    const Bytes two = {0x02};
    const Bytes two_padded = {0x02, 0, 0, 0};
    const Bytes mod = hex("fffffffb");
    EXPECT_EQ(modexp(PaddedNumber{two, 3}, PaddedNumber{two}, PaddedNumber{mod}),
              modexp(two_padded, two, mod));
    EXPECT_EQ(modexp(PaddedNumber{two}, PaddedNumber{two, 3}, PaddedNumber{mod}),
              modexp(two, two_padded, mod));
    const Bytes big_mod_padded = {0xff, 0xff, 0xff, 0xfb, 0, 0};
    EXPECT_EQ(modexp(PaddedNumber{two}, PaddedNumber{two}, PaddedNumber{mod, 2}),
              modexp(two, two, big_mod_padded));
    EXPECT_EQ(modexp(PaddedNumber{two}, PaddedNumber{two}, PaddedNumber{mod, 2}).size(), 6u);
}

}  // namespace
}  // namespace optimist::crypto
