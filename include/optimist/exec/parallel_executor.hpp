// Parallel block execution: Block-STM (Gelashvili et al., 2022) on a TBB task arena.
//
// Every candidate transaction runs optimistically on its own StateView over a multi-version
// memory of the block's writes; what it read is validated after the lower transactions
// have written, and re-executed when it no longer holds. The result is bit-identical to
// run_block_sequential (DESIGN decision 3): the same decisions, receipts, logs, gas and
// write sets, transaction by transaction.
//
// What keeps a typical block from serializing:
//  - versions per account field (existence/nonce/code, balance) and per storage slot, so
//    calling a contract does not conflict with paying it;
//  - the coinbase's priority fee is paid lazily: a transaction that never loads the coinbase
//    account leaves its fee with the executor instead of reading and writing the balance
//    (CoinbasePayment::deferred_if_untouched); the fees are summed in block order when a
//    later transaction does read the coinbase, and when the write sets are assembled;
//  - senders are independent as long as each sends once; a sender's second transaction
//    depends on its first through the nonce, as it must.
// Cheap paths: blocks under ParallelOptions::min_txs run sequentially, and a block whose
// first executions mostly conflict (one hot slot, say) is run sequentially instead of being
// retried over and over. The executor keeps its memory from block to block.
//
// Thread safety: one ParallelExecutor runs one block at a time. `pre` is read from several
// threads at once: its const methods must be safe to call concurrently (InMemoryState,
// StateStore under the node's shared lock, BlockOverlay).
#pragma once

#include <optimist/exec/block_run.hpp>

#include <cstddef>
#include <functional>
#include <memory>
#include <span>
#include <string>
#include <vector>

namespace optimist::exec {

struct ParallelOptions {
    unsigned threads = 0;  // 0: the machine's hardware threads
    // Blocks with fewer candidates run sequentially: starting the workers costs more than
    // it saves on a handful of transactions.
    std::size_t min_txs = 8;
    // The conflict guard: each worker looks at its executions in windows of
    // `probe_executions`; when more than `max_reexecution_share` of a window were
    // re-executions (or executions cut short by a dependency), the rest of the block runs
    // sequentially, keeping the results of the transactions before it that are final. A
    // window gives up as soon as its conflicts alone exceed that share of a whole window.
    std::size_t probe_executions = 24;
    double max_reexecution_share = 0.4;
    // Testing: called on the worker before each execution of transaction `tx`. The property
    // tests delay some executions in it at random, so that the workers interleave in many ways even on a
    // loaded machine. Unset in production.
    std::function<void(std::size_t tx)> before_execution = nullptr;
};

struct ParallelStats {
    std::size_t txs = 0;
    std::size_t executions = 0;        // incarnations run, first runs included
    std::size_t validations = 0;
    std::size_t dependency_waits = 0;  // executions stopped by an ESTIMATE of a lower transaction
    bool sequential = false;           // the block (or its rest) ran on the sequential path
    std::string why_sequential;        // "single thread", "small block", "conflicts", ...
    // When Block-STM gave up part-way: how many transactions from the start of the block kept
    // its results (the sequential path ran the others).
    std::size_t kept_from_parallel = 0;

    // Executions beyond one per transaction, per transaction (0 = no conflict at all).
    [[nodiscard]] double reexecutions_per_tx() const noexcept;
};

class ParallelExecutor {
public:
    explicit ParallelExecutor(ParallelOptions options = {});
    ~ParallelExecutor();
    ParallelExecutor(const ParallelExecutor&) = delete;
    ParallelExecutor& operator=(const ParallelExecutor&) = delete;

    [[nodiscard]] unsigned threads() const noexcept;

    // run_block_sequential's result, computed in parallel. Senders must be recovered.
    [[nodiscard]] BlockRun run(const state::StateReader& pre, const evm::BlockContext& ctx,
                               std::span<const tx::Transaction> txs, ParallelStats* stats = nullptr);

    // Recovers every transaction's sender on this executor's threads, once, before
    // execution (signature recovery costs more than executing a simple transaction).
    // Returns the index and reason of each transaction whose signature is invalid; their
    // sender is left as it was.
    [[nodiscard]] std::vector<std::pair<std::size_t, std::string>> recover_senders(std::span<tx::Transaction> txs);

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace optimist::exec
