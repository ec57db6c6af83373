// L1Stub: accepting transactions, mining blocks, and the reads.
#include "game_records.hpp"
#include "records.hpp"
#include "stub_impl.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/validation.hpp>

#include <algorithm>

namespace optimist::l1 {
namespace {

std::uint64_t unix_seconds() {
    return static_cast<std::uint64_t>(
        std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch())
            .count());
}

L1Error rejected(std::string message) { return L1Error{L1ErrorKind::rejected, std::move(message)}; }
L1Error internal(std::string message) { return L1Error{L1ErrorKind::internal, std::move(message)}; }

std::string block_time_description(std::chrono::milliseconds block_time) {
    return block_time.count() == 0 ? std::string("mining a block for each transaction")
                                   : "mining a block every " + std::to_string(block_time.count()) + " ms";
}

L1Head head_of(const Ledger& ledger) { return {ledger.head.number, ledger.head_hash, ledger.head.timestamp}; }

// The most a transaction can cost its sender: gas limit * max fee + value, what admission
// reserves against the balance (the mined cost, intrinsic gas * base fee, is never more).
Uint256 max_cost(const tx::Transaction& t) { return Uint256(t.gas_limit) * t.max_fee_per_gas + t.value; }

void log_block(const BuiltBlock& block) {
    for (const auto& d : block.dropped)
        logging::warn(kLog, "dropped transaction " + to_hex(d.pending->hash) + ": " + d.reason);
    for (const auto& inc : block.included) {
        if (!inc.receipt.success)
            logging::info(kLog, "transaction " + to_hex(inc.receipt.tx_hash) +
                                    " failed: " + inc.receipt.failure_reason);
    }
    const BlockChanges& changes = block.changes;
    for (const auto& p : changes.new_proposals) {
        logging::info(kLog, "output proposal " + std::to_string(p.index) + " for L2 block " +
                                std::to_string(p.l2_block) + ": " + to_hex(p.output_root));
    }
    for (const auto& [index, p] : changes.changed_proposals)
        logging::info(kLog,
                      "output proposal " + std::to_string(index) + " " + std::string(to_string(p.status)));
    for (const auto& [id, g] : changes.games) {
        if (g.status == GameStatus::in_progress && g.created_l1_block != block.header.number) continue;
        logging::info(
            kLog, "dispute game " + std::to_string(id) + " over output proposal " +
                      std::to_string(g.output_index) + ": " + std::string(to_string(g.status)) +
                      (g.end == GameEnd::none ? std::string() : " (" + std::string(to_string(g.end)) + ")"));
    }
    logging::debug(kLog, "mined L1 block " + std::to_string(block.header.number) + " with " +
                             std::to_string(block.included.size()) + " transactions");
}

}  // namespace

void L1Stub::start() {
    Impl& m = *impl_;
    if (m.miner.joinable()) return;
    {
        const std::lock_guard lock(m.wake_mutex);
        m.stopping = false;
    }
    m.miner = std::thread([this] {
        Impl& w = *impl_;
        const auto block_time = config_.block_time;
        auto next = std::chrono::steady_clock::now() + block_time;
        while (true) {
            {
                std::unique_lock lock(w.wake_mutex);
                if (block_time.count() == 0) {
                    w.wake.wait(lock, [&] { return w.stopping || w.tx_arrived; });
                } else {
                    w.wake.wait_until(lock, next, [&] { return w.stopping; });
                }
                if (w.stopping) return;
                w.tx_arrived = false;
            }
            if (block_time.count() != 0) {
                next += block_time;
                // After a stall (suspend, debugger) do not mine a burst of blocks.
                const auto now = std::chrono::steady_clock::now();
                if (next < now) next = now + block_time;
            }
            if (auto r = mine(); !r) logging::error(kLog, "mining failed: " + r.error().message);
        }
    });
    logging::info(kLog, block_time_description(config_.block_time));
}

void L1Stub::stop() {
    Impl& m = *impl_;
    {
        const std::lock_guard lock(m.wake_mutex);
        m.stopping = true;
    }
    m.wake.notify_all();
    if (m.miner.joinable()) m.miner.join();
}

L1Result<std::uint64_t> L1Stub::chain_id() { return config_.l1.chain_id; }

L1Result<L1Config> L1Stub::config() {
    const std::lock_guard lock(impl_->mutex);
    return impl_->ledger.config;
}

L1Result<L1Head> L1Stub::head() {
    const std::lock_guard lock(impl_->mutex);
    return head_of(impl_->ledger);
}

L1Result<std::uint64_t> L1Stub::nonce(const Address& account, NonceView view) {
    const std::lock_guard lock(impl_->mutex);
    std::uint64_t n = impl_->ledger.account(account).nonce;
    if (view == NonceView::pending) {
        // Admission keeps each sender's pending nonces contiguous from the account nonce.
        n += static_cast<std::uint64_t>(
            std::count_if(impl_->pending.begin(), impl_->pending.end(),
                          [&](const PendingTx& p) { return p.tx.sender == account; }));
    }
    return n;
}

L1Result<Uint256> L1Stub::balance(const Address& account) {
    const std::lock_guard lock(impl_->mutex);
    return impl_->ledger.account(account).balance;
}

L1Result<Hash> L1Stub::send_raw_transaction(ByteView wire) {
    Impl& m = *impl_;
    tx::TxRules rules;
    rules.chain_id = config_.l1.chain_id;
    rules.block_gas_limit = config_.gas_limit;
    rules.base_fee = config_.base_fee;
    auto t = tx::admit_transaction(wire, rules);
    if (!t) return fail(rejected(tx::to_string(t.error())));
    if (!t->to) return fail(rejected("contract creation is not supported by the L1 stub"));
    const Hash hash = tx::transaction_hash(*t);
    {
        const std::lock_guard lock(m.mutex);
        if (m.pending_hashes.contains(hash) || m.db->get(records::transaction_key(hash)))
            return fail(rejected("already known"));
        const Account account = m.ledger.account(t->sender);
        if (t->nonce < account.nonce) return fail(rejected("nonce too low"));
        // What the sender's pending transactions take: their nonces (contiguous from the
        // account nonce) and, at most, their maximum cost.
        std::uint64_t pending_nonce = account.nonce;
        Uint256 reserved;
        for (const PendingTx& p : m.pending) {
            if (p.tx.sender != t->sender) continue;
            ++pending_nonce;
            reserved += max_cost(p.tx);
        }
        // The stub has no queue for future nonces and replaces nothing.
        if (t->nonce < pending_nonce) return fail(rejected("replacement transaction underpriced"));
        if (t->nonce > pending_nonce) return fail(rejected("nonce too high"));
        const tx::SenderAccount available{
            pending_nonce, account.balance > reserved ? account.balance - reserved : Uint256{}};
        if (auto s = tx::validate_against_account(*t, available, 0); !s)
            return fail(rejected(tx::to_string(s.error())));

        // Journal before acknowledging: once the caller has the hash, a crash must not lose it.
        const std::uint64_t seq = m.next_seq;
        if (auto s = m.db->put(records::journal_key(seq), wire, config_.sync_writes); !s)
            return fail(internal("cannot journal the transaction: " + s.error()));
        ++m.next_seq;
        m.pending.push_back(PendingTx{seq, hash, std::move(*t), to_bytes(wire)});
        m.pending_hashes.insert(hash);
    }
    logging::debug(kLog, "accepted transaction " + to_hex(hash));
    if (config_.block_time.count() == 0) {
        {
            const std::lock_guard lock(m.wake_mutex);
            m.tx_arrived = true;
        }
        m.wake.notify_one();
    }
    return hash;
}

void L1Stub::set_referee(std::shared_ptr<const DisputeReferee> referee) {
    const std::lock_guard lock(impl_->mutex);
    impl_->referee = std::move(referee);
}

std::shared_ptr<const InboxReader> L1Stub::inbox_reader() const { return impl_->inbox; }

L1Result<L1Head> L1Stub::mine() {
    Impl& m = *impl_;
    const std::lock_guard lock(m.mutex);
    Ledger& ledger = m.ledger;
    BuildParams params;
    // Strictly increasing timestamps, even when blocks come faster than one a second.
    params.timestamp = std::max(ledger.head.timestamp + 1, unix_seconds());
    params.base_fee = config_.base_fee;
    params.gas_limit = config_.gas_limit;
    // Called under `mutex`: the referee reads the inbox through InboxIndex, never through
    // this stub's locked methods (inbox_reader.hpp).
    params.referee = m.referee.get();
    std::vector<PendingTx> queue(m.pending.begin(), m.pending.end());
    const BuiltBlock block = build_block(ledger, queue, params);
    const BlockChanges& changes = block.changes;

    db::WriteBatch batch;
    std::vector<Hash> tx_hashes;
    for (const auto& inc : block.included) {
        tx_hashes.push_back(inc.receipt.tx_hash);
        batch.put(records::transaction_key(inc.receipt.tx_hash),
                  records::encode_transaction({inc.pending->wire, inc.receipt}));
    }
    batch.put(records::block_key(block.header.number), records::encode_block(block.header, tx_hashes));
    for (const auto& [address, account] : changes.accounts)
        batch.put(records::account_key(address), records::encode_account(account));
    for (const auto& e : block.inbox)
        batch.put(records::inbox_key(e.l1_block, e.index), records::encode_inbox_entry(e));
    for (const auto& p : changes.new_proposals)
        batch.put(records::output_key(p.index), records::encode_output(p));
    for (const auto& [index, p] : changes.changed_proposals)
        batch.put(records::output_key(index), records::encode_output(p));
    for (const auto& [id, g] : changes.games) batch.put(records::game_key(id), records::encode_game(g));
    for (const auto& [address, amount] : changes.credits) {
        if (amount.is_zero()) {
            batch.erase(records::credit_key(address));
        } else {
            batch.put(records::credit_key(address), records::encode_credit(amount));
        }
    }
    for (std::size_t i = 0; i < block.consumed; ++i) batch.erase(records::journal_key(queue[i].seq));
    batch.put(records::head_key(), records::be64(block.header.number));
    // Nothing in memory changes unless the block is on disk: a failed write leaves the
    // previous head and the journal as they were.
    if (auto s = m.db->write(batch, config_.sync_writes); !s)
        return fail(
            internal("cannot write L1 block " + std::to_string(block.header.number) + ": " + s.error()));

    ledger.head = block.header;
    ledger.head_hash = block.hash;
    for (const auto& [address, account] : changes.accounts) ledger.accounts[address] = account;
    for (const auto& p : changes.new_proposals) ledger.proposals.push_back(p);
    for (const auto& [index, p] : changes.changed_proposals) ledger.proposals[index] = p;
    ledger.first_unfinalized = block.first_unfinalized;
    for (const auto& [id, g] : changes.games) {
        if (id == ledger.games.size()) {
            ledger.games.push_back(g);
        } else {
            ledger.games[id] = g;
        }
        if (g.status == GameStatus::in_progress) {
            ledger.open_games.insert(id);
        } else {
            ledger.open_games.erase(id);
        }
    }
    for (const auto& [address, amount] : changes.credits) {
        if (amount.is_zero()) {
            ledger.credits.erase(address);
        } else {
            ledger.credits[address] = amount;
        }
    }
    for (std::size_t i = 0; i < block.consumed; ++i) {
        m.pending_hashes.erase(m.pending.front().hash);
        m.pending.pop_front();
    }
    m.inbox->publish(block.header.number, !block.inbox.empty());

    log_block(block);
    return head_of(ledger);
}

L1Result<std::optional<L1Receipt>> L1Stub::receipt(const Hash& tx_hash) {
    auto t = transaction(tx_hash);
    if (!t) return std::optional<L1Receipt>{};
    return std::optional<L1Receipt>(std::move(t->receipt));
}

std::optional<L1Transaction> L1Stub::transaction(const Hash& tx_hash) const {
    auto raw = impl_->db->get(records::transaction_key(tx_hash));
    if (!raw) return std::nullopt;
    auto record = records::decode_transaction(*raw, tx_hash);
    auto t = record ? tx::decode_transaction(record->wire)
                    : Result<tx::Transaction, tx::TxRejection>(fail(tx::TxRejection()));
    if (!record || !t) {
        logging::error(kLog, "unreadable transaction record " + to_hex(tx_hash));
        return std::nullopt;
    }
    t->sender = record->receipt.from;
    return L1Transaction{std::move(*t), std::move(record->receipt)};
}

L1Result<std::vector<InboxEntry>> L1Stub::batches(std::uint64_t from_l1_block, std::uint64_t to_l1_block) {
    return impl_->inbox->batches(from_l1_block, to_l1_block);
}

L1Result<std::vector<OutputProposal>> L1Stub::outputs(std::uint64_t from_index, std::uint64_t max) {
    const std::lock_guard lock(impl_->mutex);
    const auto& all = impl_->ledger.proposals;
    std::vector<OutputProposal> out;
    for (std::uint64_t i = from_index; i < all.size() && out.size() < max; ++i) out.push_back(all[i]);
    return out;
}

L1Result<std::vector<DisputeGame>> L1Stub::games(std::uint64_t from_id, std::uint64_t max) {
    const std::lock_guard lock(impl_->mutex);
    const auto& all = impl_->ledger.games;
    std::vector<DisputeGame> out;
    for (std::uint64_t i = from_id; i < all.size() && out.size() < max; ++i) out.push_back(all[i]);
    return out;
}

L1Result<std::optional<DisputeGame>> L1Stub::game(std::uint64_t id) {
    const std::lock_guard lock(impl_->mutex);
    const auto& all = impl_->ledger.games;
    if (id >= all.size()) return std::optional<DisputeGame>{};
    return std::optional<DisputeGame>(all[id]);
}

L1Result<Uint256> L1Stub::credit(const Address& account) {
    const std::lock_guard lock(impl_->mutex);
    return impl_->ledger.credit(account);
}

std::optional<L1Block> L1Stub::block(std::uint64_t number) const {
    auto raw = impl_->db->get(records::block_key(number));
    if (!raw) return std::nullopt;
    auto block = records::decode_block(*raw);
    if (!block) logging::error(kLog, "unreadable L1 block record " + std::to_string(number));
    return block;
}

std::size_t L1Stub::pending_count() const {
    const std::lock_guard lock(impl_->mutex);
    return impl_->pending.size();
}

}  // namespace optimist::l1
