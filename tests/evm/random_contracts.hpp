// Random but meaningful contract calls for the resume tests: a few contracts whose code is
// built from stack-balanced snippets (arithmetic, memory, storage with refunds, transient
// storage, logs, KECCAK256, nested CALL/CALLCODE/DELEGATECALL/STATICCALL with and without
// value, CREATE/CREATE2 of generated init code, RETURNDATACOPY, short loops, forward jumps)
// ending in STOP, RETURN, REVERT, SELFDESTRUCT or an exceptional halt.
//
// Deterministic per seed. Contract i calls only contracts j > i, so call trees stay small
// and every message ends in a few thousand steps at most.
#pragma once

#include <optimist/evm/execution.hpp>
#include <optimist/state/in_memory_state.hpp>

#include <cstdint>
#include <vector>

namespace optimist::evm::test {

struct RandomCall {
    state::InMemoryState reader;
    BlockContext block;
    TxContext tx;
    Message msg;
    // Warm before the first step, as the transaction applier makes them (EIP-2929/3651).
    std::vector<Address> warm;
};

[[nodiscard]] RandomCall make_random_call(std::uint64_t seed);

}  // namespace optimist::evm::test
