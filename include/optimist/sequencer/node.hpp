// Node: the sequencer. Owns the chain store and the world state on one LevelDB database, the
// mempool and the block producer, and answers the reads the JSON-RPC layer needs.
//
// Lifecycle: open() creates the database with the genesis block or resumes from the stored
// head (and the journal of accepted, not yet included transactions); start() runs the block
// producer (a block every block_time, or on each accepted transaction when it is zero);
// stop() finishes the block in progress and returns.
//
// Crash safety (DESIGN decision 6): a block is committed in one LevelDB write batch (state
// nodes, block, receipts, indexes, head pointer, removal of its transactions from the journal);
// a transaction is journaled before its hash is returned to the client. After kill -9 a
// restart resumes from the last committed block with every acknowledged transaction either
// in a block or pending again.
//
// Thread safety: every public method may be called from any thread. Block production is
// serialized; reads of the head state run under a shared lock that block commit takes
// exclusively for the few milliseconds it needs.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/sequencer/mempool.hpp>
#include <optimist/sequencer/rollup_status.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/receipt.hpp>
#include <optimist/tx/transaction.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace optimist::chain {
class ChainStore;
}
namespace optimist::state {
class StateStore;
}
namespace optimist::exec {
struct BlockRun;
}

namespace optimist::sequencer {

struct NodeConfig {
    std::string datadir;
    Genesis genesis = dev_genesis();
    // Time between blocks; zero produces a block as soon as a transaction is accepted.
    std::chrono::milliseconds block_time{1000};
    // Blocks with no transactions are produced too (as op-node does), unless this is false.
    bool empty_blocks = true;
    MempoolConfig mempool;
    // fsync every block and journal write: survives power loss, not only a killed process.
    bool sync_writes = false;
    // Threads executing each block (Block-STM, exec/parallel_executor.hpp) and recovering
    // senders of imported blocks; 0: the machine's hardware threads, 1: sequential.
    unsigned exec_threads = 0;
};

// Why a transaction was not accepted: the JSON-RPC error code and a geth-like message.
struct SubmitError {
    int code = -32000;
    std::string message;
};

class Node {
public:
    [[nodiscard]] static Result<std::unique_ptr<Node>, std::string> open(NodeConfig config);
    ~Node();
    Node(const Node&) = delete;
    Node& operator=(const Node&) = delete;

    void start();
    void stop();

    // Decodes, validates (chain id, signature, intrinsic gas, nonce, balance, pool policy),
    // journals and pools a signed transaction; returns its hash.
    [[nodiscard]] Result<Hash, SubmitError> submit_raw_transaction(ByteView wire);

    // Builds and commits one block from the pool now (the producer thread calls this; tests
    // call it directly). Returns the new head header.
    [[nodiscard]] Result<tx::BlockHeader, std::string> produce_block();

    // Derivation (verifier mode): executes and commits the block that `parent_hash`, `number`,
    // `timestamp` and `txs` determine (next_header_template), all or nothing — an invalid
    // transaction makes the whole block invalid and nothing is committed. Senders are
    // recovered here. Fails unless the block extends the head.
    [[nodiscard]] Result<tx::BlockHeader, std::string> import_block(const Hash& parent_hash, std::uint64_t number,
                                                                    std::uint64_t timestamp,
                                                                    std::vector<tx::Transaction> txs);

    [[nodiscard]] const Genesis& genesis() const noexcept { return config_.genesis; }
    [[nodiscard]] std::uint64_t chain_id() const noexcept { return config_.genesis.chain_id; }
    [[nodiscard]] const NodeConfig& config() const noexcept { return config_; }

    [[nodiscard]] tx::BlockHeader head() const;
    [[nodiscard]] Hash head_hash() const;
    [[nodiscard]] const chain::ChainStore& chain() const noexcept { return *chain_; }
    [[nodiscard]] const state::StateStore& state() const noexcept { return *state_; }

    // Runs `fn` with the state after block `number` (nullopt: the head) and that block's
    // header. The head state is read under the shared lock; older blocks through their
    // stored state root. Fails when the block does not exist.
    using StateFn = std::function<void(const state::StateReader&, const tx::BlockHeader&)>;
    [[nodiscard]] Status<std::string> with_state(std::optional<std::uint64_t> number, const StateFn& fn) const;

    // eth_getTransactionCount "pending": the nonce after the sender's pooled transactions.
    [[nodiscard]] std::uint64_t pending_nonce(const Address& sender) const;
    [[nodiscard]] std::size_t pending_count() const;
    [[nodiscard]] std::optional<tx::Transaction> pending_transaction(const Hash& hash) const;
    // The transactions a block built now would try, in order.
    [[nodiscard]] std::vector<tx::Transaction> pending_transactions() const;

    // The rollup pipeline's view of L1 (rollup_status.hpp); the pipeline updates it.
    [[nodiscard]] RollupStatus rollup_status() const;
    void update_rollup_status(const std::function<void(RollupStatus&)>& update);

    // Blocks until the head reaches `number` or `timeout` passes; true if it did.
    bool wait_for_block(std::uint64_t number, std::chrono::milliseconds timeout) const;

private:
    struct Impl;
    explicit Node(NodeConfig config);
    // Fills the header's execution fields, applies the write sets, commits the block.
    // REQUIRES: build_mutex held.
    // `run` holds exactly the applied transactions `txs`, in order.
    void seal_and_commit(tx::BlockHeader& header, std::span<const tx::Transaction> txs, exec::BlockRun& run);

    NodeConfig config_;
    std::unique_ptr<Impl> impl_;
    chain::ChainStore* chain_ = nullptr;
    state::StateStore* state_ = nullptr;
};

}  // namespace optimist::sequencer
