// The factory's calldata: selectors as Solidity and ethers.js compute them, the word layout,
// round trips, refusal of every non-canonical form, and random bytes (decoded, and mined
// through the stub) never crashing.
#include "../common/fuzz_cases.hpp"
#include "dispute_test_util.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/l1/dispute_game_abi.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

namespace optimist::l1::test {
namespace {

std::string selector_hex(std::string_view signature) {
    const auto s = abi_selector(signature);
    return to_hex(ByteView(s.data(), s.size()));
}

TEST(DisputeGameAbi, SelectorsAreTheSignaturesKeccakPrefix) {
    // Computed independently (keccak256 of the signature, first 4 bytes), as solc and
    // ethers.id(signature).slice(0, 10) give them.
    EXPECT_EQ(selector_hex(kCreateGameSignature), "0x2a0ec7f3");
    EXPECT_EQ(selector_hex(kBisectSignature), "0x38d6bb6c");
    EXPECT_EQ(selector_hex(kRespondSignature), "0xa9c577c5");
    EXPECT_EQ(selector_hex(kProveStepSignature), "0x52a9cfa7");
    EXPECT_EQ(selector_hex(kClaimCreditSignature), "0x1333db2e");
    EXPECT_EQ(selector_hex("proposeL2Output(bytes32,uint256)"), "0x5f5060e4");
}

TEST(DisputeGameAbi, LaysOutWordsAndRoundTrips) {
    const std::vector<GameCall> calls = {
        CreateGameCall{3, tagged("claim", 1)},
        BisectCall{0xffffffffffffffffULL, tagged("mid", 2)},
        RespondCall{7, true},
        RespondCall{7, false},
        ProveStepCall{9, Bytes{}},
        ProveStepCall{9, Bytes(32, 0xab)},
        ProveStepCall{9, Bytes(33, 0xcd)},
        ClaimCreditCall{},
    };
    for (const auto& c : calls) {
        const Bytes data = encode_game_call(c);
        auto back = decode_game_call(data);
        ASSERT_TRUE(back) << back.error();
        EXPECT_EQ(*back, c);
    }
    // proveStep(5, 0x0102): id, offset 0x40, length 2, data padded to a word.
    const Bytes prove = encode_game_call(ProveStepCall{5, Bytes{1, 2}});
    ASSERT_EQ(prove.size(), 4u + 4 * 32);
    EXPECT_EQ(to_hex(ByteView(prove).subspan(4)),
              "0x0000000000000000000000000000000000000000000000000000000000000005"
              "0000000000000000000000000000000000000000000000000000000000000040"
              "0000000000000000000000000000000000000000000000000000000000000002"
              "0102000000000000000000000000000000000000000000000000000000000000");
    EXPECT_EQ(to_hex(ByteView(encode_game_call(RespondCall{1, true})).subspan(36)),
              "0x0000000000000000000000000000000000000000000000000000000000000001");
    EXPECT_EQ(encode_game_call(ClaimCreditCall{}).size(), 4u);
}

TEST(DisputeGameAbi, RefusesNonCanonicalForms) {
    const Bytes respond = encode_game_call(RespondCall{1, true});
    Bytes not_bool = respond;
    not_bool.back() = 2;
    EXPECT_EQ(decode_game_call(not_bool).error(), "respond: agree is not a bool");
    Bytes big_id = encode_game_call(BisectCall{1, Hash{}});
    big_id[4 + 23] = 1;  // above 2^64
    EXPECT_EQ(decode_game_call(big_id).error(), "bisect: gameId does not fit in 64 bits");
    Bytes long_credit = encode_game_call(ClaimCreditCall{});
    long_credit.push_back(0);
    EXPECT_EQ(decode_game_call(long_credit).error(), "claimCredit: calldata is 5 bytes, want 4");
    Bytes create = encode_game_call(CreateGameCall{1, Hash{}});
    create.resize(create.size() + 32);
    EXPECT_EQ(decode_game_call(create).error(), "createGame: calldata is 100 bytes, want 68");

    const Bytes prove = encode_game_call(ProveStepCall{5, Bytes{1, 2}});
    Bytes offset = prove;
    offset[4 + 63] = 0x60;
    EXPECT_EQ(decode_game_call(offset).error(), "proveStep: proof offset is 96, want 64");
    Bytes length = prove;
    length[4 + 95] = 33;
    EXPECT_EQ(decode_game_call(length).error(),
              "proveStep: proof length 33 does not match the 32 bytes that follow");
    Bytes padding = prove;
    padding.back() = 1;
    EXPECT_EQ(decode_game_call(padding).error(), "proveStep: proof padding is not zero");
    Bytes unpadded = prove;
    unpadded.resize(unpadded.size() - 30);
    EXPECT_FALSE(decode_game_call(unpadded));
    EXPECT_EQ(decode_game_call(ByteView(prove).first(50)).error(),
              "proveStep: calldata is 50 bytes, want at least 100");
    EXPECT_EQ(decode_game_call(Bytes{0x38, 0xd6}).error(), "calldata is 2 bytes, shorter than a selector");
}

using optimist::test_common::fuzz_cases;

Bytes mutated(std::mt19937_64& rng, const std::vector<Bytes>& seeds) {
    Bytes b = seeds[rng() % seeds.size()];
    switch (rng() % 4) {
        case 0:
            b.resize(rng() % 200);
            for (auto& x : b) x = static_cast<std::uint8_t>(rng());
            break;
        case 1:
            if (!b.empty()) b[rng() % b.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
            break;
        case 2:
            b.resize(rng() % (b.size() + 40));
            break;
        default:
            break;
    }
    return b;
}

TEST(DisputeGameAbi, RandomCalldataNeverCrashesTheDecoder) {
    std::mt19937_64 rng(11);
    const std::vector<Bytes> seeds = {
        encode_game_call(CreateGameCall{1, Hash{}}), encode_game_call(BisectCall{2, Hash{}}),
        encode_game_call(RespondCall{3, true}), encode_game_call(ProveStepCall{4, Bytes(40, 7)}),
        encode_game_call(ClaimCreditCall{})};
    for (std::size_t i = 0; i < fuzz_cases(20'000); ++i) {
        const Bytes b = mutated(rng, seeds);
        auto r = decode_game_call(b);
        if (r) {
            EXPECT_EQ(encode_game_call(*r), b);  // only canonical forms decode
        } else {
            EXPECT_FALSE(r.error().empty());
        }
    }
}

using DisputeFuzz = DisputeHarness;

TEST_F(DisputeFuzz, RandomCallsToTheFactoryFailCleanly) {
    const Truth& truth = referee_->truth();
    const std::uint64_t index = propose(tagged("wrong", 10), 10);
    create(index, truth.block(10));
    const Uint256 total = total_eth();
    std::mt19937_64 rng(12);
    const std::vector<Bytes> seeds = {
        encode_game_call(CreateGameCall{0, Hash{}}), encode_game_call(BisectCall{0, Hash{}}),
        encode_game_call(RespondCall{0, true}), encode_game_call(ProveStepCall{0, Bytes(40, 7)}),
        encode_game_call(ClaimCreditCall{})};
    std::vector<Hash> hashes;
    for (std::size_t i = 0; i < fuzz_cases(300); ++i) {
        const std::size_t key = 1 + i % 2;  // never the asserter: its moves would play the game
        hashes.push_back(send(key, config_.dispute_game_factory, mutated(rng, seeds),
                              i % 3 == 0 ? config_.min_bond : Uint256{}));
        if (i % 25 == 24) mine();
    }
    mine();
    for (const Hash& h : hashes) {
        const L1Receipt r = receipt(h);
        EXPECT_TRUE(r.success || !r.failure_reason.empty());
    }
    EXPECT_EQ(total_eth(), total);
    expect_factory_solvent();
}

}  // namespace
}  // namespace optimist::l1::test
