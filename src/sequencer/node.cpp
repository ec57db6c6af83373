#include <optimist/chain/chain_store.hpp>
#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/db/database.hpp>
#include <optimist/exec/block_executor.hpp>
#include <optimist/exec/parallel_executor.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/state/state_store.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/signing.hpp>
#include <optimist/tx/validation.hpp>

#include <algorithm>
#include <cstdio>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <set>
#include <shared_mutex>
#include <thread>

namespace optimist::sequencer {
namespace {

constexpr std::string_view kLog = "sequencer";

std::uint64_t unix_seconds() {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
}

std::string short_hash(const Hash& h) { return to_hex(h.view()).substr(0, 12); }

std::string format_ms(std::chrono::microseconds us) {
    char buf[32];
    std::snprintf(buf, sizeof buf, "%.2f ms", static_cast<double>(us.count()) / 1000.0);
    return buf;
}

}  // namespace

struct Node::Impl {
    std::unique_ptr<db::Database> db;
    std::unique_ptr<chain::ChainStore> chain;
    std::unique_ptr<state::StateStore> state;

    // Guards the head state and `head` against block commit (exclusive) and reads (shared).
    mutable std::shared_mutex state_mutex;
    tx::BlockHeader head;
    Hash head_hash;
    mutable std::condition_variable_any head_changed;

    // Guards the mempool.
    mutable std::mutex pool_mutex;
    Mempool pool;
    std::uint64_t arrival = 0;

    mutable std::mutex rollup_mutex;
    RollupStatus rollup;

    // Serializes block production (the producer thread and direct callers).
    std::mutex build_mutex;

    // The producer thread and its wake-up.
    std::thread producer;
    std::mutex wake_mutex;
    std::condition_variable wake;
    bool stopping = false;
    bool tx_arrived = false;

    // Runs every block's transactions (produced or imported); used under build_mutex only.
    exec::ParallelExecutor executor;

    Impl(const MempoolConfig& pool_config, unsigned exec_threads)
        : pool(pool_config), executor(exec::ParallelOptions{.threads = exec_threads}) {}
};

Node::Node(NodeConfig config) : config_(std::move(config)), impl_(std::make_unique<Impl>(config_.mempool, config_.exec_threads)) {}

Node::~Node() { stop(); }

Result<std::unique_ptr<Node>, std::string> Node::open(NodeConfig config) {
    std::error_code ec;
    std::filesystem::create_directories(config.datadir, ec);
    if (ec) return fail("cannot create datadir " + config.datadir + ": " + ec.message());

    std::unique_ptr<Node> node(new Node(std::move(config)));
    Impl& m = *node->impl_;
    const Genesis& genesis = node->config_.genesis;

    auto db = db::Database::open((std::filesystem::path(node->config_.datadir) / "chaindata").string());
    if (!db) return fail(db.error());
    m.db = std::move(*db);
    chain::ChainStoreOptions chain_options;
    chain_options.chain_id = genesis.chain_id;
    chain_options.sync_blocks = node->config_.sync_writes;
    auto chain = chain::ChainStore::open(*m.db, chain_options);
    if (!chain) return fail(chain.error());
    m.chain = std::move(*chain);

    if (!m.chain->has_genesis()) {
        auto state = state::StateStore::open(*m.db, kEmptyTrieRoot);
        if (!state) return fail(state.error());
        m.state = std::move(*state);
        m.state->apply(genesis_write_set(genesis));
        const tx::BlockHeader header = genesis_header(genesis, m.state->state_root());
        db::WriteBatch batch;
        m.state->commit(batch);
        if (auto s = m.chain->commit_block(header, {}, {}, std::move(batch)); !s)
            return fail("cannot write the genesis block: " + s.error());
        logging::info(kLog, "initialized chain " + std::to_string(genesis.chain_id) + " with genesis " +
                                to_hex(tx::header_hash(header).view()) + " in " + node->config_.datadir);
    } else {
        auto head = m.chain->head_header();
        if (!head) return fail("datadir " + node->config_.datadir + ": the stored head block is unreadable");
        auto state = state::StateStore::open(*m.db, head->state_root);
        if (!state) return fail("cannot load the state of the head block: " + state.error());
        m.state = std::move(*state);
    }
    auto head = m.chain->head_header();
    if (!head) return fail(std::string("the stored head block is unreadable"));
    // A datadir belongs to one chain: refuse to continue it under a different genesis.
    const Hash expected_genesis = tx::header_hash(genesis_header(genesis, genesis_state_root(genesis)));
    if (const auto stored = m.chain->genesis_hash(); stored && *stored != expected_genesis)
        return fail("datadir " + node->config_.datadir + " was initialized with genesis " + to_hex(stored->view()) +
                    ", the given genesis is " + to_hex(expected_genesis.view()) + "; use another --datadir");
    m.head = *head;
    m.head_hash = tx::header_hash(*head);
    node->chain_ = m.chain.get();
    node->state_ = m.state.get();

    // Re-admit journaled transactions: accepted before a crash or a stop, not yet in a block.
    std::size_t restored = 0;
    std::size_t dropped = 0;
    for (auto& [hash, raw] : m.chain->load_pending()) {
        tx::TxRules rules;
        rules.chain_id = genesis.chain_id;
        auto t = tx::admit_transaction(raw, rules);
        bool keep = false;
        if (t) {
            const auto account = m.state->read_account(t->sender);
            const std::uint64_t nonce = account ? account->nonce : 0;
            MempoolEntry entry{std::move(*t), hash, raw, m.arrival++};
            keep = m.pool.add(std::move(entry), nonce).ok();
        }
        if (keep) {
            ++restored;
        } else {
            ++dropped;
            (void)m.chain->erase_pending(hash);
        }
    }
    logging::info(kLog, "head block " + std::to_string(m.head.number) + " " + to_hex(m.head_hash.view()) +
                            ", state root " + to_hex(m.head.state_root.view()) + ", " + std::to_string(restored) +
                            " pending transactions restored" +
                            (dropped ? ", " + std::to_string(dropped) + " stale dropped" : std::string()));
    return node;
}

void Node::start() {
    Impl& m = *impl_;
    if (m.producer.joinable()) return;
    m.stopping = false;
    m.producer = std::thread([this] {
        Impl& p = *impl_;
        auto next = std::chrono::steady_clock::now() + config_.block_time;
        while (true) {
            {
                std::unique_lock lock(p.wake_mutex);
                if (config_.block_time.count() == 0) {
                    p.wake.wait(lock, [&] { return p.stopping || p.tx_arrived; });
                } else {
                    p.wake.wait_until(lock, next, [&] { return p.stopping; });
                }
                if (p.stopping) return;
                p.tx_arrived = false;
            }
            if (config_.block_time.count() != 0) {
                next += config_.block_time;
                // After a long stall (suspend, debugger) do not produce a burst of blocks.
                const auto now = std::chrono::steady_clock::now();
                if (next < now) next = now + config_.block_time;
                if (!config_.empty_blocks && pending_count() == 0) continue;
            }
            if (auto r = produce_block(); !r) logging::error(kLog, "block production failed: " + r.error());
        }
    });
    logging::info(kLog, config_.block_time.count() == 0
                            ? std::string("producing a block for each transaction")
                            : "producing a block every " + std::to_string(config_.block_time.count()) + " ms");
}

void Node::stop() {
    Impl& m = *impl_;
    {
        const std::lock_guard lock(m.wake_mutex);
        m.stopping = true;
    }
    m.wake.notify_all();
    if (m.producer.joinable()) m.producer.join();
}

Result<Hash, SubmitError> Node::submit_raw_transaction(ByteView wire) {
    Impl& m = *impl_;
    tx::TxRules rules;
    rules.chain_id = config_.genesis.chain_id;
    rules.block_gas_limit = config_.genesis.gas_limit;
    auto t = tx::admit_transaction(wire, rules);
    if (!t) return fail(SubmitError{-32000, tx::to_string(t.error())});
    const Hash hash = tx::transaction_hash(*t);

    std::uint64_t account_nonce = 0;
    Uint256 balance;
    {
        const std::shared_lock lock(m.state_mutex);
        if (auto account = m.state->read_account(t->sender)) {
            account_nonce = account->nonce;
            balance = account->balance;
        }
    }
    tx::SenderAccount sender{account_nonce, balance};
    if (auto ok = tx::validate_against_account(*t, sender, config_.mempool.max_nonce_gap); !ok)
        return fail(SubmitError{-32000, tx::to_string(ok.error())});

    {
        const std::lock_guard lock(m.pool_mutex);
        MempoolEntry entry{std::move(*t), hash, Bytes(wire.begin(), wire.end()), m.arrival++};
        auto added = m.pool.add(std::move(entry), account_nonce);
        if (!added) return fail(SubmitError{-32000, std::string(to_string(added.error()))});
        // Journal before acknowledging: once the client has the hash, a crash must not lose it.
        if (auto s = m.chain->put_pending(hash, wire); !s) {
            m.pool.remove(hash);
            return fail(SubmitError{-32603, "cannot journal the transaction: " + s.error()});
        }
        if (added->replaced) (void)m.chain->erase_pending(added->replaced_hash);
        if (added->evicted) (void)m.chain->erase_pending(*added->evicted);
    }
    logging::debug(kLog, "accepted transaction " + to_hex(hash.view()));
    if (config_.block_time.count() == 0) {
        {
            const std::lock_guard lock(m.wake_mutex);
            m.tx_arrived = true;
        }
        m.wake.notify_one();
    }
    return hash;
}

Result<tx::BlockHeader, std::string> Node::produce_block() {
    Impl& m = *impl_;
    const std::lock_guard build(m.build_mutex);
    const auto started = std::chrono::steady_clock::now();

    // Only this function (under build_mutex) changes the head, so the head and the head
    // state can be read here without the shared lock.
    const tx::BlockHeader parent = m.head;
    const Hash parent_hash = m.head_hash;

    // Strictly increasing, as Ethereum requires, even with several blocks a second.
    tx::BlockHeader header =
        next_header_template(config_.genesis, parent, parent_hash, std::max(unix_seconds(), parent.timestamp + 1));

    const chain::ChainStore& chain = *m.chain;
    evm::BlockContext ctx = exec::block_context(header, config_.genesis.chain_id,
                                                [&chain](std::uint64_t n) { return chain.canonical_hash(n).value_or(Hash{}); });
    std::vector<tx::Transaction> included;
    std::vector<Hash> dropped;
    exec::BlockRun run;
    {
        std::vector<MempoolEntry> candidates;
        {
            const std::lock_guard lock(m.pool_mutex);
            candidates = m.pool.select(*header.base_fee_per_gas,
                                       [&](const Address& a) {
                                           auto acc = m.state->read_account(a);
                                           return acc ? acc->nonce : 0;
                                       },
                                       config_.mempool.max_block_txs);
        }
        // Candidates past twice the block's gas in gas limits would only be executed to be
        // cut off: the run ends at the first one that no longer fits.
        std::vector<tx::Transaction> txs;
        std::uint64_t offered_gas = 0;
        for (const MempoolEntry& entry : candidates) {
            if (offered_gas > 2 * header.gas_limit) break;
            offered_gas += entry.tx.gas_limit;
            txs.push_back(entry.tx);
        }
        run = m.executor.run(*m.state, ctx, txs);

        std::vector<exec::TxRun> applied;
        for (std::size_t i = 0; i < run.txs.size(); ++i) {
            exec::TxRun& r = run.txs[i];
            if (!r.error) {
                included.push_back(std::move(txs[i]));
                applied.push_back(std::move(r));
                continue;
            }
            // A nonce above the account's waits in the pool for the ones below it. Anything
            // else (funds spent by an earlier transaction, nonce taken) can never become
            // valid in this order, so the transaction leaves the pool.
            if (*r.error == exec::TxError::nonce_too_high) continue;
            logging::info(kLog, "dropping transaction " + to_hex(candidates[i].hash.view()) + ": " +
                                    std::string(exec::to_string(*r.error)));
            dropped.push_back(candidates[i].hash);
        }
        run.txs = std::move(applied);
    }

    seal_and_commit(header, included, run);
    m.head_changed.notify_all();

    {
        const std::lock_guard lock(m.pool_mutex);
        for (const Hash& h : dropped) {
            m.pool.remove(h);
            (void)m.chain->erase_pending(h);
        }
        const std::shared_lock state_lock(m.state_mutex);
        m.pool.prune([&](const Address& a) {
            auto acc = m.state->read_account(a);
            return acc ? acc->nonce : 0;
        });
    }

    const auto elapsed = std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - started);
    if (!included.empty() || logging::enabled(logging::Level::debug)) {
        logging::info(kLog, "block " + std::to_string(header.number) + " " + short_hash(m.head_hash) + " txs=" +
                                std::to_string(included.size()) + " gas=" + std::to_string(header.gas_used) +
                                " base_fee=" + to_string(*header.base_fee_per_gas) + " in " + format_ms(elapsed));
    }
    return header;
}

void Node::seal_and_commit(tx::BlockHeader& header, std::span<const tx::Transaction> txs, exec::BlockRun& run) {
    Impl& m = *impl_;
    std::vector<tx::Receipt> receipts;
    receipts.reserve(run.txs.size());
    for (const exec::TxRun& r : run.txs) receipts.push_back(r.executed.receipt);
    header.gas_used = run.gas_used;
    header.transactions_root = tx::transactions_root(txs);
    header.receipts_root = tx::receipts_root(receipts);
    header.logs_bloom = tx::block_bloom(receipts);

    const std::unique_lock lock(m.state_mutex);
    for (const exec::TxRun& r : run.txs) m.state->apply(r.writes);
    header.state_root = m.state->state_root();
    db::WriteBatch batch;
    m.state->commit(batch);
    if (auto s = m.chain->commit_block(header, txs, receipts, std::move(batch)); !s) {
        // The in-memory state is now ahead of the disk. The disk is consistent (the batch
        // is atomic), so a restart resumes cleanly from the previous block.
        logging::error(kLog, "cannot commit block " + std::to_string(header.number) + ": " + s.error() +
                                 "; stopping so a restart resumes from the last committed block");
        std::abort();
    }
    m.head = header;
    m.head_hash = tx::header_hash(header);
}

Result<tx::BlockHeader, std::string> Node::import_block(const Hash& parent_hash, std::uint64_t number,
                                                        std::uint64_t timestamp, std::vector<tx::Transaction> txs) {
    Impl& m = *impl_;
    const std::lock_guard build(m.build_mutex);
    const tx::BlockHeader parent = m.head;
    if (number != parent.number + 1)
        return fail("block " + std::to_string(number) + " does not follow the head " + std::to_string(parent.number));
    if (parent_hash != m.head_hash)
        return fail("block " + std::to_string(number) + " has parent " + to_hex(parent_hash.view()) +
                    ", the head is " + to_hex(m.head_hash.view()));
    if (timestamp <= parent.timestamp)
        return fail("block " + std::to_string(number) + " timestamp " + std::to_string(timestamp) +
                    " is not above its parent's " + std::to_string(parent.timestamp));
    // Once, on every thread, before execution.
    if (const auto invalid = m.executor.recover_senders(txs); !invalid.empty())
        return fail("block " + std::to_string(number) + " transaction " + std::to_string(invalid.front().first) + ": " +
                    invalid.front().second);
    tx::BlockHeader header = next_header_template(config_.genesis, parent, m.head_hash, timestamp);
    const chain::ChainStore& chain = *m.chain;
    const evm::BlockContext ctx = exec::block_context(header, config_.genesis.chain_id, [&chain](std::uint64_t n) {
        return chain.canonical_hash(n).value_or(Hash{});
    });
    exec::BlockRun run = m.executor.run(*m.state, ctx, txs);
    // A block with an invalid transaction, or more gas than its limit, is invalid as a
    // whole: nothing is committed.
    for (std::size_t i = 0; i < run.txs.size(); ++i) {
        if (run.txs[i].error)
            return fail("block " + std::to_string(number) + " transaction " + std::to_string(i) + " is invalid: " +
                        std::string(exec::to_string(*run.txs[i].error)));
    }
    if (run.txs.size() < txs.size())
        return fail("block " + std::to_string(number) + " transaction " + std::to_string(run.txs.size()) +
                    " is invalid: " + std::string(exec::to_string(exec::TxError::gas_limit_exceeds_block)));
    seal_and_commit(header, txs, run);
    impl_->head_changed.notify_all();
    logging::debug(kLog, "imported block " + std::to_string(header.number) + " " + short_hash(m.head_hash) +
                             " txs=" + std::to_string(txs.size()));
    return header;
}

tx::BlockHeader Node::head() const {
    const std::shared_lock lock(impl_->state_mutex);
    return impl_->head;
}

Hash Node::head_hash() const {
    const std::shared_lock lock(impl_->state_mutex);
    return impl_->head_hash;
}

Status<std::string> Node::with_state(std::optional<std::uint64_t> number, const StateFn& fn) const {
    const Impl& m = *impl_;
    {
        const std::shared_lock lock(m.state_mutex);
        if (!number || *number == m.head.number) {
            fn(*m.state, m.head);
            return {};
        }
        if (*number > m.head.number) return fail("block " + std::to_string(*number) + " not found");
    }
    auto header = m.chain->header_by_number(*number);
    if (!header) return fail("block " + std::to_string(*number) + " not found");
    auto reader = m.state->reader_at(header->state_root);
    if (!reader) return fail("the state of block " + std::to_string(*number) + " is not stored");
    fn(*reader, *header);
    return {};
}

std::uint64_t Node::pending_nonce(const Address& sender) const {
    const Impl& m = *impl_;
    std::uint64_t account_nonce = 0;
    {
        const std::shared_lock lock(m.state_mutex);
        if (auto a = m.state->read_account(sender)) account_nonce = a->nonce;
    }
    const std::lock_guard lock(m.pool_mutex);
    return m.pool.pending_nonce(sender, account_nonce);
}

std::size_t Node::pending_count() const {
    const std::lock_guard lock(impl_->pool_mutex);
    return impl_->pool.size();
}

std::optional<tx::Transaction> Node::pending_transaction(const Hash& hash) const {
    const std::lock_guard lock(impl_->pool_mutex);
    if (const MempoolEntry* e = impl_->pool.get(hash)) return e->tx;
    return std::nullopt;
}

std::vector<tx::Transaction> Node::pending_transactions() const {
    const Impl& m = *impl_;
    std::vector<tx::Transaction> out;
    const std::shared_lock state_lock(m.state_mutex);
    const Uint256 base_fee = tx::calc_next_base_fee(m.head);
    const std::lock_guard lock(m.pool_mutex);
    for (MempoolEntry& e : m.pool.select(base_fee,
                                         [&](const Address& a) {
                                             auto acc = m.state->read_account(a);
                                             return acc ? acc->nonce : 0;
                                         },
                                         config_.mempool.max_block_txs))
        out.push_back(std::move(e.tx));
    return out;
}

RollupStatus Node::rollup_status() const {
    const std::lock_guard lock(impl_->rollup_mutex);
    return impl_->rollup;
}

void Node::update_rollup_status(const std::function<void(RollupStatus&)>& update) {
    const std::lock_guard lock(impl_->rollup_mutex);
    update(impl_->rollup);
}

bool Node::wait_for_block(std::uint64_t number, std::chrono::milliseconds timeout) const {
    const Impl& m = *impl_;
    std::shared_lock lock(m.state_mutex);
    return m.head_changed.wait_for(lock, timeout, [&] { return m.head.number >= number; });
}

}  // namespace optimist::sequencer
