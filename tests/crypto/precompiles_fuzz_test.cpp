// Random inputs to every precompile: nothing crashes (the sanitizer build runs this too),
// gas never exceeds the limit, and failures follow the halt contract.
#include <optimist/crypto/precompiles.hpp>

#include <gtest/gtest.h>

#include <random>

namespace optimist::crypto {
namespace {

// A 32-byte big-endian word holding v.
void put_word(Bytes& out, std::size_t offset, std::uint64_t v) {
    for (std::size_t i = 0; i < 8; ++i) out[offset + 31 - i] = static_cast<std::uint8_t>(v >> (8 * i));
}

Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
    Bytes out(n);
    for (auto& b : out) b = static_cast<std::uint8_t>(rng());
    return out;
}

// Mostly random bytes, but often shaped like valid input so that the deep paths run too.
Bytes fuzz_input(std::mt19937_64& rng, std::uint8_t address) {
    const std::size_t len = rng() % 4 == 0 ? rng() % 1024 : rng() % 300;
    Bytes in = random_bytes(rng, len);
    const bool shaped = rng() % 2 == 0;
    if (!shaped) return in;
    switch (address) {
        case 0x01:  // valid v so that recovery runs
            in.resize(128);
            std::fill(in.begin() + 32, in.begin() + 63, 0);
            in[63] = static_cast<std::uint8_t>(27 + rng() % 2);
            break;
        case 0x05: {  // small lengths so that exponentiation runs
            const std::uint64_t base_len = rng() % 70;
            const std::uint64_t exp_len = rng() % 40;
            const std::uint64_t mod_len = rng() % 70;
            const std::size_t body = static_cast<std::size_t>(base_len + exp_len + mod_len);
            in = random_bytes(rng, 96 + (rng() % 3 == 0 ? rng() % (body + 1) : body));
            std::fill(in.begin(), in.begin() + 96, 0);
            put_word(in, 0, base_len);
            put_word(in, 32, exp_len);
            put_word(in, 64, mod_len);
            break;
        }
        case 0x09:  // right length, small round count, flag 0..2
            in = random_bytes(rng, 213);
            in[0] = in[1] = 0;
            in[2] = static_cast<std::uint8_t>(rng() % 4);
            in[212] = static_cast<std::uint8_t>(rng() % 3);
            break;
        default:
            break;
    }
    return in;
}

TEST(PrecompilesFuzz, RandomInputs) {
    std::mt19937_64 rng(0x0a);
    for (std::uint8_t address = 1; address <= 0x0a; ++address) {
        const Address a = Address::right_aligned(Bytes{address});
        int successes = 0;
        for (int i = 0; i < 10000; ++i) {
            const Bytes input = fuzz_input(rng, address);
            const std::uint64_t gas_limit = rng() % 8 == 0 ? rng() % 200 : rng() % 200000;
            const PrecompileResult r = run_precompile(a, input, gas_limit);
            ASSERT_LE(r.gas_used, gas_limit) << "precompile " << int{address} << ", case " << i;
            if (r.ok()) {
                ++successes;
            } else {
                ASSERT_EQ(r.gas_used, gas_limit);
                ASSERT_TRUE(r.output.empty());
            }
        }
        const bool implemented = address <= 0x05 || address == 0x09;
        // Random bytes are rarely bn254 points; bn254_test.cpp fuzzes those with valid ones.
        const bool bn254 = address >= 0x06 && address <= 0x08;
        if (implemented) {
            EXPECT_GT(successes, 1000) << "precompile " << int{address};
        } else if (!bn254) {
            EXPECT_EQ(successes, 0) << "precompile " << int{address};
        }
    }
}

// A short input never reads past its end, whatever lengths the modexp header claims.
TEST(PrecompilesFuzz, ModexpRandomHeaders) {
    std::mt19937_64 rng(198);
    const Address a = Address::right_aligned(Bytes{0x05});
    for (int i = 0; i < 10000; ++i) {
        Bytes in = random_bytes(rng, rng() % 160);
        // Random high bytes in each length word: zero, small, or huge.
        for (std::size_t w = 0; w < 3 && w * 32 + 32 <= in.size(); ++w) {
            const auto mode = rng() % 3;
            const auto word = in.begin() + static_cast<std::ptrdiff_t>(w * 32);
            if (mode != 2) std::fill(word, word + 30, 0);
            if (mode == 0) in[w * 32 + 30] = 0;
        }
        const std::uint64_t gas_limit = rng() % 1000000;
        const PrecompileResult r = run_precompile(a, in, gas_limit);
        ASSERT_LE(r.gas_used, gas_limit);
        if (!r.ok()) {
            ASSERT_EQ(r.status, PrecompileStatus::out_of_gas);
        }
    }
}

}  // namespace
}  // namespace optimist::crypto
