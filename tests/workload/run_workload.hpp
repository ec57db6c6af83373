// Executes a workload the way a devnet would see it: the dev genesis, the setup in one
// block, the workload transactions in the next, with the sequential executor (the reference).
#pragma once

#include <optimist/core/keccak.hpp>
#include <optimist/exec/block_executor.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/workload/workload.hpp>

#include <gtest/gtest.h>

#include <string>
#include <vector>

namespace optimist::workload::testing {

struct Executed {
    state::InMemoryState state;  // after setup and workload
    std::vector<exec::ExecutedTx> setup;
    std::vector<exec::ExecutedTx> txs;
};

// Applies the transactions in one block over `s`; every one must be valid (else a test
// failure names it). Returns the executed transactions.
inline std::vector<exec::ExecutedTx> run_block(state::InMemoryState& s, const evm::BlockContext& ctx,
                                               const std::vector<tx::Transaction>& txs,
                                               const std::string& what) {
    exec::BlockExecutor executor(s, ctx);
    for (std::size_t i = 0; i < txs.size(); ++i) {
        auto r = executor.try_apply(txs[i]);
        EXPECT_TRUE(r.ok()) << what << " transaction " << i << " is invalid: " << exec::to_string(r.error());
    }
    auto executed = executor.take_executed();
    for (const state::WriteSet& ws : executor.take_write_sets()) s.apply(ws);
    return executed;
}

inline Executed execute(const Workload& w, std::uint64_t chain_id = 901) {
    Executed out;
    out.state.apply(sequencer::genesis_write_set(sequencer::dev_genesis()));
    out.setup = run_block(out.state, block_context(1, chain_id), w.setup, "setup");
    out.txs = run_block(out.state, block_context(2, chain_id), w.txs, "workload");
    return out;
}

// The storage slot of mapping[key] for a mapping declared at `slot` (Solidity's layout:
// keccak256(pad32(key) ‖ pad32(slot))).
inline Uint256 mapping_slot(const Address& key, std::uint64_t slot) {
    Bytes preimage(12, 0);
    append(preimage, key);
    append(preimage, Uint256{slot}.to_hash());
    return Uint256::from_hash(keccak256(preimage));
}

}  // namespace optimist::workload::testing
