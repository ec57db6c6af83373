// Running a block's candidate transactions, as a block builder does: in order, skipping the
// invalid ones, until one no longer fits the block. Two executors implement it with the same
// result, bit for bit (DESIGN decision 3): run_block_sequential, the reference, and
// run_block_parallel (parallel_executor.hpp), Block-STM on TBB.
#pragma once

#include <optimist/evm/execution.hpp>
#include <optimist/exec/apply_transaction.hpp>
#include <optimist/exec/block_executor.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/state/write_set.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>
#include <vector>

namespace optimist::exec {

// One candidate transaction's fate.
struct TxRun {
    // Set: the transaction is invalid at its place in the block (nonce, funds, fee caps...);
    // it has no effect and does not belong in the block. `executed` and `writes` are empty.
    std::optional<TxError> error;
    // The receipt's cumulative gas counts the applied transactions only.
    ExecutedTx executed;
    state::WriteSet writes;
};

struct BlockRun {
    // One entry per candidate decided, in order. Candidates from txs.size() on were not
    // decided: the first of them has a gas limit above the gas left in the block (or blob gas
    // above the blob gas left), which ends the block.
    std::vector<TxRun> txs;
    std::uint64_t gas_used = 0;
    std::uint64_t blob_gas_used = 0;

    [[nodiscard]] std::size_t applied() const noexcept;
};

// The sequential reference: BlockExecutor::try_apply on each candidate in turn (the sender of
// each must be recovered already). ctx.gas_limit is the block gas limit.
[[nodiscard]] BlockRun run_block_sequential(const state::StateReader& pre, const evm::BlockContext& ctx,
                                            std::span<const tx::Transaction> txs);

// run_block_sequential from candidate `from` on: `executor` has applied the candidates
// before it (try_apply or adopt), and `run` holds their entries (an error, or an empty entry
// for an applied one, filled in here from the executor). Leaves the finished block in `run`.
void finish_block_sequential(BlockExecutor& executor, std::span<const tx::Transaction> txs, std::size_t from,
                             BlockRun& run);

// True when `t` no longer fits a block with this much gas and blob gas left: the rule that
// ends a run (shared by both executors so they stop at the same candidate).
[[nodiscard]] bool ends_block(const tx::Transaction& t, std::uint64_t gas_left, std::uint64_t blob_gas_left) noexcept;

// The ExecutedTx of an applied transaction whose outcome is `out`, `cumulative_gas` being the
// block's gas used including it.
[[nodiscard]] ExecutedTx executed_from(const tx::Transaction& t, TxOutcome&& out, std::uint64_t cumulative_gas);

}  // namespace optimist::exec
