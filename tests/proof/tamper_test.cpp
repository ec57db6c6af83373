// A witness can make verification fail, never change its result: every proof of a varied
// block with bytes flipped either fails to decode or verify, or verifies to the very same
// commitment. Decoders take random bytes without crashing.
#include "fixture.hpp"

#include <optimist/proof/one_step.hpp>
#include <optimist/proof/proof_file.hpp>

#include <gtest/gtest.h>

#include <random>

namespace optimist::proof {
namespace {

using testing::Fixture;

TEST(Tamper, FlippedBytesNeverChangeTheResult) {
    Fixture f;
    const BlockInputs in = f.varied_block();
    auto prover = BlockProver::create(f.rules, in, f.parent, {}, f.world.world());
    ASSERT_TRUE(prover) << prover.error();
    std::mt19937_64 rng(11);
    std::size_t rejected = 0;
    std::size_t same = 0;
    for (std::uint64_t j = 1; j <= in.txs.size(); ++j) {
        for (std::uint64_t k = 0; k < (*prover)->step_count(j); k += 3) {
            auto pre = (*prover)->step_commitment(j, k);
            auto next = (*prover)->step_commitment(j, k + 1);
            auto proof = (*prover)->prove_step(j, k);
            ASSERT_TRUE(pre && next && proof);
            const Bytes good = encode_step_proof(*proof);
            for (int trial = 0; trial < 12; ++trial) {
                Bytes bad = good;
                const std::size_t at = rng() % bad.size();
                bad[at] = static_cast<std::uint8_t>(bad[at] ^ (1U << (rng() % 8)));
                auto decoded = decode_step_proof(bad);
                if (!decoded) {
                    ++rejected;
                    continue;
                }
                auto post = verify_step(f.rules, in, *pre, *decoded);
                if (!post) {
                    ++rejected;
                    continue;
                }
                EXPECT_EQ(*post, *next) << "a tampered proof changed the result: tx " << j - 1 << " step " << k
                                        << " byte " << at;
                ++same;
            }
        }
    }
    EXPECT_GT(rejected, 10 * same);  // nearly every flip is caught outright
}

TEST(Tamper, ATamperedProofFileFails) {
    Fixture f;
    const BlockInputs in = f.varied_block();
    auto prover = BlockProver::create(f.rules, in, f.parent, {}, f.world.world());
    ASSERT_TRUE(prover);
    auto proof = (*prover)->prove_step(2, 5);
    ASSERT_TRUE(proof);
    ProofFile file{f.rules, in, *(*prover)->step_commitment(2, 5), *(*prover)->step_commitment(2, 6),
                   encode_step_proof(*proof)};
    auto decoded = decode_proof_file(encode_proof_file(file));
    ASSERT_TRUE(decoded) << decoded.error();
    auto check = check_proof_file(*decoded);
    ASSERT_TRUE(check) << check.error();
    EXPECT_FALSE(check->refutes);  // the claim was the honest one
    // A different pre commitment: the proof does not open it.
    ProofFile wrong_pre = file;
    wrong_pre.pre[0] ^= 1;
    EXPECT_FALSE(check_proof_file(wrong_pre));
    // A wrong claim is refuted.
    ProofFile wrong_claim = file;
    wrong_claim.claimed_post[5] ^= 1;
    auto refuted = check_proof_file(wrong_claim);
    ASSERT_TRUE(refuted);
    EXPECT_TRUE(refuted->refutes);
    // Truncation anywhere fails to decode.
    const Bytes bytes = encode_proof_file(file);
    for (std::size_t cut = 0; cut < bytes.size(); cut += 97) EXPECT_FALSE(decode_proof_file(ByteView(bytes).first(cut)));
}

TEST(Tamper, DecodersTakeRandomBytes) {
    std::mt19937_64 rng(5);
    for (int i = 0; i < 20000; ++i) {
        Bytes junk(rng() % 300);
        for (auto& b : junk) b = static_cast<std::uint8_t>(rng());
        if (i % 3 == 0 && junk.size() >= 5) {
            junk[0] = 'O';
            junk[1] = 'P';
            junk[2] = 'S';
            junk[3] = i % 2 == 0 ? 'P' : 'F';
            junk[4] = 1;
        }
        (void)decode_step_proof(junk);
        (void)decode_proof_file(junk);
        (void)decode_step_state(junk);
        std::size_t pos = 0;
        (void)decode_frame(junk, pos);
    }
}

}  // namespace
}  // namespace optimist::proof
