#include "eip152_vectors.hpp"
#include "test_util.hpp"

#include <optimist/crypto/blake2.hpp>
#include <optimist/crypto/precompiles.hpp>

#include <gtest/gtest.h>
#include <openssl/evp.h>

#include <random>
#include <string>

namespace optimist::crypto {
namespace {

using test::eip152_input;
using test::hex;
using test::hex_of;

const Address kBlake2f = Address::right_aligned(Bytes{0x09});

struct Eip152Vector {
    std::string input;
    std::string output;  // empty: the call fails
};

// EIP-152, "Test Cases": vectors 0 to 7. Vector 8 (2^32 - 1 rounds, about a minute of
// CPU) runs in crypto_slow_tests.
TEST(Blake2f, Eip152Vectors) {
    const std::string h_m_t_f1 = eip152_input("", "01");
    const std::vector<Eip152Vector> vectors = {
        {"", ""},
        {"00000c" + h_m_t_f1, ""},             // 212 bytes
        {"000000000c" + h_m_t_f1, ""},         // 214 bytes
        {eip152_input("0000000c", "02"), ""},  // bad final flag
        {eip152_input("00000000", "01"),
         "08c9bcf367e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d282e6ad7f520e511f6c3e2b8c68059b944"
         "2be04"
         "54267ce079217e1319cde05b"},
        {eip152_input("0000000c", "01"),
         "ba80a53f981c4d0d6a2797b69f12f6e94c212f14685ac4b74b12bb6fdbffa2d17d87c5392aab792dc252d5de4533cc9518d"
         "38aa8"
         "dbf1925ab92386edd4009923"},
        {eip152_input("0000000c", "00"),
         "75ab69d3190a562c51aef8d88f1c2775876944407270c42c9844252c26d2875298743e7f6d5ea2f2d3e8d226039cd31b4e4"
         "26ac4"
         "f2d3d666a610c2116fde4735"},
        {eip152_input("00000001", "01"),
         "b63a380cb2897d521994a85234ee2c181b5f844d2c624c002677e9703449d2fba551b3a8333bcdf5f2f7e08993d53923de3"
         "d64fc"
         "c68c034e717b9293fed7a421"},
    };
    for (std::size_t i = 0; i < vectors.size(); ++i) {
        SCOPED_TRACE("EIP-152 test vector " + std::to_string(i));
        const Bytes input = hex(vectors[i].input);
        const std::uint64_t gas_limit = 0xffffffffULL + 1;
        const PrecompileResult r = run_precompile(kBlake2f, input, gas_limit);
        if (vectors[i].output.empty()) {
            EXPECT_EQ(r.status, PrecompileStatus::invalid_input);
            EXPECT_EQ(r.gas_used, gas_limit);
            EXPECT_TRUE(r.output.empty());
        } else {
            ASSERT_EQ(r.status, PrecompileStatus::success);
            EXPECT_EQ(hex_of(r.output), vectors[i].output);
            // EIP-152: GFROUND * rounds with GFROUND = 1.
            EXPECT_EQ(r.gas_used, (std::uint64_t{input[0]} << 24) | (std::uint64_t{input[1]} << 16) |
                                      (std::uint64_t{input[2]} << 8) | input[3]);
        }
    }
}

TEST(Blake2f, GasLimit) {
    const Bytes input = hex(eip152_input("0000000c", "01"));
    EXPECT_EQ(run_precompile(kBlake2f, input, 12).status, PrecompileStatus::success);
    const PrecompileResult short_gas = run_precompile(kBlake2f, input, 11);
    EXPECT_EQ(short_gas.status, PrecompileStatus::out_of_gas);
    EXPECT_EQ(short_gas.gas_used, 11u);
    EXPECT_TRUE(short_gas.output.empty());
    // Vector 8's round count is read as 2^32 - 1 (big-endian): one gas short fails
    // before any round runs.
    const PrecompileResult max_rounds =
        run_precompile(kBlake2f, hex(eip152_input("ffffffff", "01")), 0xfffffffeULL);
    EXPECT_EQ(max_rounds.status, PrecompileStatus::out_of_gas);
    // Gas is checked before the final flag: a bad flag with too little gas is out of gas.
    EXPECT_EQ(run_precompile(kBlake2f, hex(eip152_input("0000000c", "02")), 11).status,
              PrecompileStatus::out_of_gas);
}

// Full BLAKE2b-512 (RFC 7693, section 3.3) built on the compression function, compared
// with OpenSSL's independent implementation: exercises every SIGMA row, the counter and
// the final flag on messages of one and several blocks.
Bytes blake2b_512(ByteView msg) {
    constexpr std::array<std::uint64_t, 8> kIv{
        0x6a09e667f3bcc908ULL, 0xbb67ae8584caa73bULL, 0x3c6ef372fe94f82bULL, 0xa54ff53a5f1d36f1ULL,
        0x510e527fade682d1ULL, 0x9b05688c2b3e6c1fULL, 0x1f83d9abfb41bd6bULL, 0x5be0cd19137e2179ULL,
    };
    Blake2bState st;
    st.h = kIv;
    st.h[0] ^= 0x01010040;  // no key, 64-byte digest
    std::size_t offset = 0;
    do {
        const std::size_t n = std::min<std::size_t>(128, msg.size() - offset);
        st.m = {};
        for (std::size_t i = 0; i < n; ++i) st.m[i / 8] |= std::uint64_t{msg[offset + i]} << (8 * (i % 8));
        offset += n;
        st.t[0] = offset;
        st.final_block = offset == msg.size();
        blake2b_compress(12, st);
    } while (offset < msg.size());
    Bytes out(64);
    for (std::size_t i = 0; i < 64; ++i) out[i] = static_cast<std::uint8_t>(st.h[i / 8] >> (8 * (i % 8)));
    return out;
}

Bytes openssl_blake2b_512(ByteView msg) {
    Bytes out(64);
    unsigned int len = 0;
    EVP_MD* md = EVP_MD_fetch(nullptr, "BLAKE2B-512", nullptr);
    EXPECT_NE(md, nullptr);
    if (md == nullptr) return {};
    EXPECT_EQ(EVP_Digest(msg.data(), msg.size(), out.data(), &len, md, nullptr), 1);
    EVP_MD_free(md);
    return out;
}

TEST(Blake2b, CompressMatchesOpenSsl) {
    std::mt19937_64 rng(152);
    for (std::size_t len : {0, 1, 3, 127, 128, 129, 255, 256, 257, 1000}) {
        Bytes msg(len);
        for (auto& b : msg) b = static_cast<std::uint8_t>(rng());
        EXPECT_EQ(hex_of(blake2b_512(msg)), hex_of(openssl_blake2b_512(msg))) << "length " << len;
    }
}

}  // namespace
}  // namespace optimist::crypto
