// Building one L1 block from the pending transactions: a pure function of the ledger, the
// transactions and the block parameters, so the stub can write the whole result in one
// WriteBatch and only then apply it to memory.
#pragma once

#include "block_state.hpp"
#include "ledger.hpp"
#include "output_oracle.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/l1/dispute_referee.hpp>
#include <optimist/l1/types.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace optimist::l1 {

// An accepted, journaled transaction waiting for a block.
struct PendingTx {
    std::uint64_t seq = 0;  // its journal key, in arrival order
    Hash hash;
    tx::Transaction tx;  // sender recovered
    Bytes wire;
};

struct BuildParams {
    std::uint64_t timestamp = 0;
    Uint256 base_fee;
    std::uint64_t gas_limit = 0;
    // A hold on finalization besides the stub's own dispute games (nullptr: none).
    const FinalizationGate* gate = nullptr;
    // Decides dispute games; called during the build, so it must not call back into the stub
    // (inbox_reader.hpp). nullptr: createGame fails, moves that need it fail.
    const DisputeReferee* referee = nullptr;
};

struct IncludedTx {
    const PendingTx* pending = nullptr;
    L1Receipt receipt;
};

struct DroppedTx {
    const PendingTx* pending = nullptr;
    std::string reason;
};

struct BuiltBlock {
    tx::BlockHeader header;
    Hash hash;
    std::vector<IncludedTx> included;
    std::vector<DroppedTx> dropped;  // no longer valid against the state (logged, unjournaled)
    std::size_t consumed = 0;        // pending[0, consumed) are included or dropped
    std::vector<InboxEntry> inbox;
    // Accounts, proposals (new ones, and stored ones now finalized or invalidated), games
    // and credits.
    BlockChanges changes;
    std::uint64_t first_unfinalized = 0;
};

// First ends the dispute games whose clock ran out, then includes pending transactions in
// arrival order until the next one would exceed the gas limit (it waits for the next
// block), then finalizes the proposals that are due. A transaction whose nonce or balance
// no longer fits the state is dropped with a reason. The receipts' block hash is the built
// block's.
[[nodiscard]] BuiltBlock build_block(const Ledger& ledger, std::span<const PendingTx> pending,
                                     const BuildParams& params);

}  // namespace optimist::l1
