// The step machine against the reference executor, and every one-step proof of a varied block
// checked by the verifier from the proof bytes alone.
#include "fixture.hpp"

#include <optimist/proof/one_step.hpp>

#include <gtest/gtest.h>

namespace optimist::proof {
namespace {

using testing::Fixture;

std::unique_ptr<BlockProver> make_prover(Fixture& f, const BlockInputs& in, Fault fault = {}) {
    auto p = BlockProver::create(f.rules, in, f.parent, {}, f.world.world(), fault);
    EXPECT_TRUE(p) << (p ? "" : p.error());
    return p ? std::move(*p) : nullptr;
}

TEST(StepMachine, AgreesWithTheBlockExecutor) {
    Fixture f;
    const BlockInputs in = f.varied_block();
    const auto ref = f.reference(in);
    auto prover = make_prover(f, in);
    ASSERT_TRUE(prover);
    ASSERT_EQ(ref.receipts.size(), in.txs.size());
    EXPECT_EQ(prover->header().state_root, ref.state_root);
    EXPECT_EQ(prover->header().gas_used, ref.gas_used);
    EXPECT_EQ(prover->receipts(), ref.receipts);
    // The reverting call, the creation and the selfdestruct all behaved.
    EXPECT_FALSE(ref.receipts[3].success);
    EXPECT_TRUE(ref.receipts[8].success);
}

TEST(StepMachine, BigStepCommitmentsChain) {
    Fixture f;
    const BlockInputs in = f.varied_block();
    auto prover = make_prover(f, in);
    ASSERT_TRUE(prover);
    ASSERT_EQ(prover->big_steps(), in.txs.size() + 2);
    // Setup and finalization proofs move the agreed commitments.
    for (std::uint64_t j : {std::uint64_t{0}, in.txs.size() + 1}) {
        auto proof = prover->prove_big_step(j);
        ASSERT_TRUE(proof) << proof.error();
        auto decoded = decode_step_proof(encode_step_proof(*proof));
        ASSERT_TRUE(decoded) << decoded.error();
        auto post = verify_step(f.rules, in, prover->big_step_commitment(j), *decoded);
        ASSERT_TRUE(post) << post.error().message;
        EXPECT_EQ(*post, prover->big_step_commitment(j + 1));
    }
    // Level 3 ends where level 2 says: the first and the last position of each transaction.
    for (std::uint64_t j = 1; j <= in.txs.size(); ++j) {
        auto first = prover->step_commitment(j, 0);
        auto last = prover->step_commitment(j, std::uint64_t{1} << prover->step_bits(j));
        ASSERT_TRUE(first && last);
        EXPECT_EQ(*first, prover->big_step_commitment(j));
        EXPECT_EQ(*last, prover->big_step_commitment(j + 1));
    }
}

// Every step of every transaction: the proof, serialized and read back, verifies without any
// other data to exactly the next step's commitment.
TEST(StepMachine, EveryStepProofVerifies) {
    Fixture f;
    const BlockInputs in = f.varied_block();
    auto prover = make_prover(f, in);
    ASSERT_TRUE(prover);
    std::size_t proofs = 0;
    std::size_t max_size = 0;
    for (std::uint64_t j = 1; j <= in.txs.size(); ++j) {
        const std::uint64_t steps = prover->step_count(j);
        ASSERT_GT(steps, 1U);
        for (std::uint64_t k = 0; k <= steps; ++k) {
            auto pre = prover->step_commitment(j, k);
            auto next = prover->step_commitment(j, k + 1);
            ASSERT_TRUE(pre && next);
            auto proof = prover->prove_step(j, k);
            ASSERT_TRUE(proof) << "tx " << j - 1 << " step " << k << ": " << proof.error();
            const Bytes bytes = encode_step_proof(*proof);
            max_size = std::max(max_size, bytes.size());
            auto decoded = decode_step_proof(bytes);
            ASSERT_TRUE(decoded) << decoded.error();
            auto post = verify_step(f.rules, in, *pre, *decoded);
            ASSERT_TRUE(post) << "tx " << j - 1 << " step " << k << ": " << post.error().message;
            EXPECT_EQ(*post, *next) << "tx " << j - 1 << " step " << k;
            ++proofs;
        }
    }
    EXPECT_GT(proofs, 100U);
    std::cout << "[ proofs ] " << proofs << " one-step proofs, largest " << max_size << " bytes\n";
}

}  // namespace
}  // namespace optimist::proof
