// One-step proofs over random contract calls (the generator of the EVM resume tests): the step
// machine agrees with the block executor, and the proof of every step (the first 150 of each
// transaction, then every 11th) verifies from its bytes to the next step's commitment.
#include "../evm/random_contracts.hpp"
#include "fixture.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/proof/one_step.hpp>

#include <gtest/gtest.h>

namespace optimist::proof {
namespace {

struct RandomBlock {
    ChainRules rules;
    state::InMemoryState pre;
    MemoryWorld world;
    tx::BlockHeader parent;
    BlockInputs inputs;
};

RandomBlock make_block(std::uint64_t seed) {
    evm::test::RandomCall call = evm::test::make_random_call(seed);
    RandomBlock b;
    b.rules.fee_recipient = call.block.coinbase;
    b.pre = call.reader;
    // Fund the sender for gas at 1 wei (and its value).
    auto accounts = b.pre.accounts();
    state::InMemoryState::StoredAccount sender = accounts.contains(call.msg.sender) ? accounts.at(call.msg.sender)
                                                                                     : state::InMemoryState::StoredAccount{};
    sender.balance = sender.balance + (Uint256{1} << 100);
    b.pre.put_account(call.msg.sender, sender);
    state::WriteSet ws;
    for (const auto& [address, a] : b.pre.accounts()) {
        state::AccountWrite w;
        w.address = address;
        w.nonce = a.nonce;
        w.balance = a.balance;
        w.code = a.code;
        w.code_changed = !a.code.empty();
        for (const auto& [k, v] : a.storage) w.storage.push_back({k, v});
        ws.accounts.push_back(std::move(w));
    }
    b.parent = tx::cancun_header();
    b.parent.number = 20;
    b.parent.state_root = build_state(b.world, ws);
    b.parent.gas_limit = b.rules.gas_limit;
    b.parent.gas_used = b.rules.gas_limit / 2;
    b.parent.base_fee_per_gas = Uint256{1};
    b.parent.timestamp = 500;
    tx::Transaction t;
    t.type = tx::TxType::dynamic_fee;
    t.chain_id = b.rules.chain_id;
    t.sender = call.msg.sender;
    t.nonce = sender.nonce;
    t.to = call.msg.recipient;
    t.value = call.msg.value;
    t.data = call.msg.input;
    t.gas_limit = static_cast<std::uint64_t>(call.msg.gas) + 100'000;
    t.max_fee_per_gas = Uint256{1};
    t.max_priority_fee_per_gas = Uint256{0};
    b.inputs.number = 21;
    b.inputs.timestamp = 502;
    b.inputs.txs.push_back(t);
    return b;
}

TEST(RandomBlocks, EveryStepProofVerifies) {
    std::size_t proofs = 0;
    std::size_t steps_total = 0;
    const std::uint64_t first_seed = std::getenv("SEED") ? std::strtoull(std::getenv("SEED"), nullptr, 10) : 1;
    for (std::uint64_t seed = first_seed; seed <= 8; ++seed) {
        RandomBlock b = make_block(seed);
        auto prover = BlockProver::create(b.rules, b.inputs, b.parent, {}, b.world.world());
        ASSERT_TRUE(prover) << "seed " << seed << ": " << prover.error();
        // Against the reference executor.
        const tx::BlockHeader h = tx::child_header_template(b.parent, tx::header_hash(b.parent), b.inputs.timestamp,
                                                            b.rules.fee_recipient, b.rules.gas_limit);
        exec::BlockExecutor executor(b.pre, exec::block_context(h, b.rules.chain_id, {}));
        auto applied = executor.try_apply(b.inputs.txs[0]);
        ASSERT_TRUE(applied) << "seed " << seed;
        state::InMemoryState post = b.pre;
        for (const auto& ws : executor.write_sets()) post.apply(ws);
        EXPECT_EQ((*prover)->header().state_root, post.state_root()) << "seed " << seed;
        ASSERT_EQ((*prover)->receipts().size(), 1U);
        EXPECT_EQ((*prover)->receipts()[0], (*applied)->receipt) << "seed " << seed;

        const std::uint64_t steps = (*prover)->step_count(1);
        steps_total += steps;
        const std::uint64_t first_k = std::getenv("STEP") ? std::strtoull(std::getenv("STEP"), nullptr, 10) : 0;
        for (std::uint64_t k = first_k; k <= steps; k += (k < 150 ? 1 : 11)) {
            auto pre = (*prover)->step_commitment(1, k);
            auto next = (*prover)->step_commitment(1, k + 1);
            auto proof = (*prover)->prove_step(1, k);
            ASSERT_TRUE(pre && next);
            ASSERT_TRUE(proof) << "seed " << seed << " step " << k << ": " << proof.error();
            auto decoded = decode_step_proof(encode_step_proof(*proof));
            ASSERT_TRUE(decoded);
            auto post_commitment = verify_step(b.rules, b.inputs, *pre, *decoded);
            ASSERT_TRUE(post_commitment) << "seed " << seed << " step " << k << ": " << post_commitment.error().message;
            if (*post_commitment != *next) {
                auto st = decode_step_state(decoded->pre_state);
                std::string what = "phase " + std::to_string(static_cast<int>(st->phase));
                if (!decoded->frames.empty()) {
                    const auto& top = decoded->frames.back();
                    const Bytes& code = decoded->frame_code.back();
                    what += " frames " + std::to_string(decoded->frames.size()) + " depth " + std::to_string(top.depth) +
                            " pc " + std::to_string(top.pc) + " halted " + std::to_string(top.halted) + " status " +
                            std::to_string(top.status) + " kind " + std::to_string(top.kind);
                    if (!top.halted && top.pc < code.size()) what += " op 0x" + to_hex(ByteView(&code[top.pc], 1), false);
                }
                FAIL() << "seed " << seed << " step " << k << ": " << what;
            }
            ++proofs;
        }
    }
    std::cout << "[ random ] " << proofs << " proofs over " << steps_total << " steps\n";
}

}  // namespace
}  // namespace optimist::proof
