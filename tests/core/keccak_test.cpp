#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <fstream>
#include <random>
#include <string>

namespace optimist {
namespace {

std::string hash_hex(std::string_view text) {
    const auto* p = reinterpret_cast<const std::uint8_t*>(text.data());
    return to_hex(keccak256(ByteView(p, text.size())), false);
}

// Published Keccak-256 digests (the Keccak team's and Ethereum's well-known values).
TEST(Keccak256, KnownVectors) {
    EXPECT_EQ(hash_hex(""), "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470");
    EXPECT_EQ(hash_hex("abc"), "4e03657aea45a94fc7d47ba826c8d667c0d1e6e33a64a036ec44f58fa12d6c45");
    EXPECT_EQ(hash_hex("The quick brown fox jumps over the lazy dog"),
              "4d741b6f1eb29cb2a9b9911c82f56fa8d73b04959d3d9d222895df6c0b28aa15");
    // rlp("") = 0x80 hashes to the empty trie root.
    const Bytes rlp_empty{0x80};
    EXPECT_EQ(to_hex(keccak256(rlp_empty), false),
              "56e81f171bcc55a6ff8345e692c0f86e5b48e01b996cadc001622fb5e363b421");
    // The event signature every ERC20 indexer knows.
    EXPECT_EQ(hash_hex("Transfer(address,address,uint256)"),
              "ddf252ad1be2c89b69c2b068fc378daa952ba7f163c4a11628f55a4df523b3ef");
}

// ethereum/tests BasicTests/keyaddrtest.json: each key is keccak256 of its seed word.
TEST(Keccak256, BasicTestsKeyAddrSeeds) {
    std::ifstream in(OPTIMIST_ETHTESTS_DIR "/BasicTests/keyaddrtest.json");
    if (!in) GTEST_SKIP() << "ethtests not unpacked";
    const auto cases = nlohmann::json::parse(in);
    ASSERT_FALSE(cases.empty());
    for (const auto& c : cases)
        EXPECT_EQ(hash_hex(c["seed"].get<std::string>()), c["key"].get<std::string>()) << c["seed"];
}

// Inputs around the 136-byte rate exercise padding in the same block and in a new one.
TEST(Keccak256, IncrementalMatchesOneShotAcrossBlockBoundaries) {
    std::mt19937_64 rng(1);
    for (std::size_t len : {0, 1, 135, 136, 137, 271, 272, 273, 1000, 4096}) {
        Bytes data(len);
        for (auto& b : data) b = static_cast<std::uint8_t>(rng());
        const Hash expected = keccak256(data);
        for (std::size_t chunk : {1, 7, 64, 135, 136, 500}) {
            Keccak256 h;
            for (std::size_t off = 0; off < len; off += chunk)
                h.update(ByteView(data).subspan(off, std::min(chunk, len - off)));
            EXPECT_EQ(h.finish(), expected) << "len " << len << " chunk " << chunk;
        }
    }
}

// The one-shot keccak256 pads in the state itself, lane by lane: every length up to two
// blocks and a bit, against the incremental hasher fed byte by byte.
TEST(Keccak256, OneShotMatchesIncrementalAtEveryLength) {
    std::mt19937_64 rng(2);
    Bytes data(300);
    for (auto& b : data) b = static_cast<std::uint8_t>(rng());
    for (std::size_t len = 0; len <= data.size(); ++len) {
        Keccak256 h;
        for (std::size_t i = 0; i < len; ++i) h.update(ByteView(data).subspan(i, 1));
        EXPECT_EQ(keccak256(ByteView(data).first(len)), h.finish()) << "len " << len;
    }
}

TEST(Keccak256, LongInputVector) {
    // One million 'a' characters.
    const std::string a(1000000, 'a');
    EXPECT_EQ(hash_hex(a), "fadae6b49f129bbb812be8407b7b2894f34aecf6dbd1f9b0f0c7e9853098fc96");
}

}  // namespace
}  // namespace optimist

#include <openssl/evp.h>

namespace optimist {
namespace {

// SHA3-256 differs from Keccak-256 only in the padding byte (0x06 vs 0x01). Building
// SHA3-256 from our permutation and comparing it with OpenSSL's on random inputs checks
// keccak_f1600 and the sponge against an independent implementation.
Hash sha3_256_with_our_permutation(ByteView data) {
    std::array<std::uint64_t, 25> state{};
    Bytes padded(data.begin(), data.end());
    padded.push_back(0x06);
    while (padded.size() % Keccak256::kRate != 0) padded.push_back(0);
    padded.back() |= 0x80;
    for (std::size_t off = 0; off < padded.size(); off += Keccak256::kRate) {
        for (std::size_t i = 0; i < Keccak256::kRate / 8; ++i) {
            std::uint64_t lane;
            std::memcpy(&lane, padded.data() + off + 8 * i, 8);
            state[i] ^= lane;
        }
        keccak_f1600(state);
    }
    Hash out;
    std::memcpy(out.data(), state.data(), 32);
    return out;
}

Hash openssl_sha3_256(ByteView data) {
    Hash out;
    unsigned int len = 0;
    EVP_Digest(data.data(), data.size(), out.data(), &len, EVP_sha3_256(), nullptr);
    return out;
}

TEST(Keccak256, PermutationMatchesOpenSslSha3) {
    std::mt19937_64 rng(3);
    for (int i = 0; i < 2000; ++i) {
        Bytes data(rng() % 700);
        for (auto& b : data) b = static_cast<std::uint8_t>(rng());
        ASSERT_EQ(sha3_256_with_our_permutation(data), openssl_sha3_256(data)) << "length " << data.size();
    }
}

}  // namespace
}  // namespace optimist
