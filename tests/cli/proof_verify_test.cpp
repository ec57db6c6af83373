// `optimist proof verify` (tools/cli/proof_check.hpp) on real proof files made with the step
// machine: a proof that refutes a wrong claim, one that confirms a right one, and files that
// must not verify (a tampered byte, a wrong magic, a truncated file).
#include "../proof/fixture.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/proof/proof_file.hpp>

#include <gtest/gtest.h>

#include <algorithm>
#include <proof_check.hpp>

namespace optimist::cli {
namespace {

using proof::testing::Fixture;

struct Files {
    Fixture f;
    proof::BlockInputs in;
    std::unique_ptr<proof::BlockProver> honest;
    std::unique_ptr<proof::BlockProver> faulty;  // the recipient of transaction 0 gets one wei more

    Files() {
        in.number = f.parent.number + 1;
        in.timestamp = f.parent.timestamp + 2;
        in.txs.push_back(f.call(0, f.senders[1], {}, 12345, 21000));  // a transfer
        in.txs.push_back(f.call(2, f.counter, {}));                   // SLOAD, ADD, SSTORE, LOG
        auto h = proof::BlockProver::create(f.rules, in, f.parent, {}, f.world.world());
        EXPECT_TRUE(h) << (h ? "" : h.error());
        honest = std::move(*h);
        auto d = proof::BlockProver::create(f.rules, in, f.parent, {}, f.world.world(),
                                            proof::Fault{proof::FaultKind::transfer_balance, 0});
        EXPECT_TRUE(d) << (d ? "" : d.error());
        faulty = std::move(*d);
    }

    // The file for step k of big step j, answering `claimed`.
    Bytes file(std::uint64_t j, std::uint64_t k, const Hash& claimed) {
        auto pre = honest->step_commitment(j, k);
        auto step = honest->prove_step(j, k);
        EXPECT_TRUE(pre && step);
        return proof::encode_proof_file({f.rules, in, *pre, claimed, proof::encode_step_proof(*step)});
    }
};

// The offset of `needle` in `haystack` (it must be there).
std::size_t find(const Bytes& haystack, ByteView needle) {
    auto it = std::search(haystack.begin(), haystack.end(), needle.begin(), needle.end());
    EXPECT_NE(it, haystack.end());
    return static_cast<std::size_t>(it - haystack.begin());
}

TEST(ProofVerify, RefutesAWrongClaim) {
    Files t;
    // The setup step of the transfer: the faulty side claims the recipient got one wei more.
    auto wrong = t.faulty->step_commitment(1, 1);
    auto right = t.honest->step_commitment(1, 1);
    ASSERT_TRUE(wrong && right);
    ASSERT_NE(*wrong, *right);
    const Bytes file = t.file(1, 0, *wrong);
    auto r = check_proof_bytes(file);
    ASSERT_TRUE(r) << r.error();
    EXPECT_TRUE(r->refutes);
    EXPECT_EQ(r->post, *right);
    EXPECT_EQ(r->claimed_post, *wrong);
    EXPECT_EQ(r->l2_block, t.in.number);
    EXPECT_EQ(r->tx_count, 2U);
    ASSERT_TRUE(r->tx_index);
    EXPECT_EQ(*r->tx_index, 0U);
    EXPECT_NE(r->step.find("transaction 0 (phase block: transaction setup)"), std::string::npos) << r->step;
    const std::string text = format_proof_report(*r);
    EXPECT_NE(text.find("REFUTES the claim"), std::string::npos) << text;
    EXPECT_NE(text.find(to_hex(right->view())), std::string::npos);
}

TEST(ProofVerify, ConfirmsARightClaimAndNamesTheOpcode) {
    Files t;
    // Step 1 of the counter call is its first instruction: PUSH1 at pc 0.
    auto right = t.honest->step_commitment(2, 2);
    ASSERT_TRUE(right);
    auto r = check_proof_bytes(t.file(2, 1, *right));
    ASSERT_TRUE(r) << r.error();
    EXPECT_FALSE(r->refutes);
    EXPECT_NE(r->step.find("transaction 1 (phase evm, depth 0, pc 0: PUSH1)"), std::string::npos) << r->step;
    EXPECT_NE(format_proof_report(*r).find("CONFIRMS the claim"), std::string::npos);
}

TEST(ProofVerify, BlockFinalization) {
    Files t;
    const std::uint64_t last = t.honest->big_steps() - 1;  // the finalization leaf n + 1 -> n + 2
    auto step = t.honest->prove_big_step(last);
    ASSERT_TRUE(step) << step.error();
    const Bytes file = proof::encode_proof_file({t.f.rules, t.in, t.honest->big_step_commitment(last),
                                                 t.faulty->output_root(), proof::encode_step_proof(*step)});
    auto r = check_proof_bytes(file);
    ASSERT_TRUE(r) << r.error();
    EXPECT_TRUE(r->refutes);
    EXPECT_EQ(r->post, t.honest->output_root());
    EXPECT_FALSE(r->tx_index);
    EXPECT_NE(r->step.find("block finalization"), std::string::npos);
}

TEST(ProofVerify, TamperedBytesFail) {
    Files t;
    auto wrong = t.faulty->step_commitment(1, 1);
    ASSERT_TRUE(wrong);
    const Bytes good = t.file(1, 0, *wrong);
    ASSERT_TRUE(check_proof_bytes(good));

    // The agreed pre commitment: the proof no longer opens it.
    auto pre = t.honest->step_commitment(1, 0);
    ASSERT_TRUE(pre);
    Bytes bad = good;
    bad[find(bad, pre->view()) + 7] ^= 0x01;
    auto r = check_proof_bytes(bad);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("does not verify"), std::string::npos) << r.error();

    // A byte of the revealed pre-step state inside the proof.
    auto step = t.honest->prove_step(1, 0);
    ASSERT_TRUE(step);
    bad = good;
    bad[find(bad, step->pre_state) + step->pre_state.size() / 2] ^= 0x80;
    EXPECT_FALSE(check_proof_bytes(bad));
}

// The file's block inputs are what the step runs on; the file does not authenticate them (the
// L1's referee derives them from the inbox instead). Another sender makes the transfer
// invalid, so the step skips it: the proof still verifies, to another commitment.
TEST(ProofVerify, RunsOnTheInputsInTheFile) {
    Files t;
    auto right = t.honest->step_commitment(1, 1);
    ASSERT_TRUE(right);
    Bytes file = t.file(1, 0, *right);
    file[find(file, t.f.senders[0].view()) + 19] ^= 0x01;
    auto r = check_proof_bytes(file);
    ASSERT_TRUE(r) << r.error();
    EXPECT_NE(r->post, *right);
    EXPECT_TRUE(r->refutes);
}

TEST(ProofVerify, WrongMagicFails) {
    Files t;
    Bytes file = t.file(1, 0, Hash{});
    file[0] = 'X';
    auto r = check_proof_bytes(file);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("bad magic"), std::string::npos) << r.error();
    EXPECT_FALSE(check_proof_bytes(Bytes{}));
}

TEST(ProofVerify, TruncatedFails) {
    Files t;
    const Bytes file = t.file(1, 0, Hash{});
    for (std::size_t cut : {std::size_t{1}, std::size_t{33}, file.size() / 2, file.size() - 6}) {
        const Bytes shorter(file.begin(), file.end() - static_cast<std::ptrdiff_t>(cut));
        auto r = check_proof_bytes(shorter);
        EXPECT_FALSE(r) << "cut " << cut;
    }
    auto r = check_proof_bytes(Bytes(file.begin(), file.end() - 1));
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("truncated"), std::string::npos) << r.error();
    Bytes longer = file;
    longer.push_back(0);
    EXPECT_FALSE(check_proof_bytes(longer));
}

}  // namespace
}  // namespace optimist::cli
