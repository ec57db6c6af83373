// Sequential block execution: transactions applied one after another over a BlockOverlay,
// with block-level gas accounting and receipts. This is the reference every other executor
// must match bit for bit (DESIGN decision 3) and what the challenger re-executes.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/evm/execution.hpp>
#include <optimist/exec/apply_transaction.hpp>
#include <optimist/exec/block_overlay.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/state/write_set.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/receipt.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <span>
#include <utility>
#include <vector>

namespace optimist::exec {

// One applied transaction.
struct ExecutedTx {
    tx::Receipt receipt;           // cumulative gas used up to and including this transaction
    std::uint64_t gas_used = 0;    // this transaction's own gas, after refunds
    Address contract_address;      // zero unless a successful creation
    std::vector<state::Log> logs;  // empty unless status is success
    Bytes output;                  // return or revert data
    evm::StatusCode status = evm::StatusCode::success;
};

// Incremental execution of one block, for the block builder: it offers transactions one at
// a time and skips those that are refused.
//
// Thread safety: none. `pre` must outlive the executor and must not change while it is used.
class BlockExecutor {
public:
    // ctx.gas_limit is the block gas limit.
    BlockExecutor(const state::StateReader& pre, evm::BlockContext ctx);

    // Validates and applies `t` (sender already recovered) on top of the transactions applied
    // so far. On an invalid transaction nothing changes and the error says why, so the
    // builder can skip it: every apply_transaction rule, plus gas_limit_exceeds_block when
    // t.gas_limit is above gas_left() (go-ethereum's gas pool, GAS_ALLOWANCE_EXCEEDED,
    // reported in geth's order: after the funds check, before intrinsic gas), and
    // blob_gas_exceeds_block when the block's blob gas would pass kMaxBlobGasPerBlock.
    // The pointer stays valid until the next try_apply or the executor's destruction.
    [[nodiscard]] Result<const ExecutedTx*, TxError> try_apply(const tx::Transaction& t,
                                                               evm::Tracer* tracer = nullptr);

    // Takes a transaction another executor applied on top of the same state (the parallel
    // executor's results, when it hands the rest of a block to this one): its write set is
    // applied and its gas counted as try_apply would have; the receipt's cumulative gas is
    // set here. REQUIRES: `executed` and `writes` are what try_apply would have produced.
    void adopt(ExecutedTx executed, state::WriteSet writes, std::uint64_t blob_gas_used);

    [[nodiscard]] std::uint64_t gas_used() const noexcept { return gas_used_; }
    [[nodiscard]] std::uint64_t gas_left() const noexcept { return ctx_.gas_limit - gas_used_; }
    [[nodiscard]] std::uint64_t blob_gas_used() const noexcept { return blob_gas_used_; }
    [[nodiscard]] const evm::BlockContext& context() const noexcept { return ctx_; }

    [[nodiscard]] const std::vector<ExecutedTx>& executed() const noexcept { return executed_; }
    // The write set of each applied transaction, in order: what state::StateStore::apply
    // takes, one by one, to commit the block.
    [[nodiscard]] const std::vector<state::WriteSet>& write_sets() const noexcept { return write_sets_; }
    // The state after the applied transactions (the pre-state overlaid with the write sets).
    [[nodiscard]] const state::StateReader& state() const noexcept { return overlay_; }

    // Moves the results out (receipts and write sets); the executor is left empty of them
    // and must not be used for further transactions.
    [[nodiscard]] std::vector<ExecutedTx> take_executed() noexcept { return std::move(executed_); }
    [[nodiscard]] std::vector<state::WriteSet> take_write_sets() noexcept { return std::move(write_sets_); }

private:
    evm::BlockContext ctx_;
    // ctx_ with gas_limit lowered to the gas left in the block: validation then reports
    // gas_limit_exceeds_block at the point where geth's gas pool would (see try_apply).
    evm::BlockContext validation_ctx_;
    BlockOverlay overlay_;
    std::uint64_t gas_used_ = 0;
    std::uint64_t blob_gas_used_ = 0;
    std::vector<ExecutedTx> executed_;
    std::vector<state::WriteSet> write_sets_;
};

// A whole block's transactions replayed (verifier and challenger): all or nothing.
struct BlockExecution {
    std::vector<ExecutedTx> txs;
    std::vector<state::WriteSet> write_sets;
    std::uint64_t gas_used = 0;
};

// Fails on the first invalid transaction with its index and the reason: a block that
// contains one is invalid as a whole.
[[nodiscard]] Result<BlockExecution, std::pair<std::size_t, TxError>> execute_block(
    const state::StateReader& pre, const evm::BlockContext& ctx, std::span<const tx::Transaction> txs);

// The BlockContext of a header: coinbase, number, timestamp, gas limit, prev_randao (the
// mix hash, EIP-4399), base fee (zero when absent), blob base fee (from the excess blob gas,
// EIP-4844; zero excess when absent), chain id, and `block_hash` for BLOCKHASH.
[[nodiscard]] evm::BlockContext block_context(const tx::BlockHeader& h, std::uint64_t chain_id,
                                              std::function<Hash(std::uint64_t)> block_hash);

}  // namespace optimist::exec
