// Mempool: the signed transactions accepted by the sequencer and not yet in a block, with
// go-ethereum's admission policies (replacement by price bump, per-sender and total limits)
// and block-order selection by effective tip.
//
// Pure in-memory bookkeeping: it reads no state (callers pass account nonces in) and does no
// I/O (the node journals the raw bytes it keeps here).
// Thread safety: none; the node guards the pool with a mutex.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstddef>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace optimist::sequencer {

struct MempoolConfig {
    std::size_t max_total = 10'000;         // transactions in the pool (geth: GlobalSlots + GlobalQueue)
    std::size_t max_per_sender = 64;        // transactions of one sender (geth: AccountQueue)
    std::uint64_t max_nonce_gap = 64;       // a nonce may be at most this far above the account's
    std::uint64_t price_bump_percent = 10;  // a replacement pays this much more (geth: PriceBump)
    Uint256 min_tip;                        // the smallest priority fee (gas price for legacy) accepted
    std::size_t max_block_txs = 5'000;      // how many transactions the builder asks select() for
};

// One pooled transaction.
struct MempoolEntry {
    tx::Transaction tx;         // signed, sender recovered
    Hash hash;                  // tx::transaction_hash(tx)
    Bytes raw;                  // the wire bytes, as journaled
    std::uint64_t arrival = 0;  // the node's arrival sequence number: earlier wins ties
};

// Why a transaction was not pooled; to_string gives go-ethereum's message where geth has one.
enum class MempoolError : std::uint8_t {
    already_known,            // "already known": this hash is pooled
    nonce_too_low,            // "nonce too low": below the account nonce
    underpriced,              // "transaction underpriced": tip below the configured minimum
    nonce_too_far,            // our policy: beyond account nonce + max_nonce_gap
    replacement_underpriced,  // "replacement transaction underpriced"
    sender_full,              // "account limit exceeded": max_per_sender reached
    pool_full,                // "txpool is full": full and no cheaper transaction to evict
};

[[nodiscard]] std::string_view to_string(MempoolError e) noexcept;

struct AddOutcome {
    bool replaced = false;
    Hash replaced_hash;           // the transaction with the same sender and nonce, when replaced
    std::optional<Hash> evicted;  // the cheapest transaction, dropped to make room
};

class Mempool {
public:
    explicit Mempool(MempoolConfig config = {});

    // Admits `entry` given the sender's current account nonce. Checks, in order: already
    // known, nonce too low, minimum tip, nonce gap, replacement of the same sender and nonce
    // (both max fee and priority fee at least price_bump_percent higher, and strictly
    // higher), the per-sender limit, then the total limit: a full pool evicts its cheapest
    // transaction (lowest max fee; among equals the newest) if `entry`'s max fee is strictly
    // higher. A replacement takes the old one's place in the limits.
    // REQUIRES: entry.tx.sender recovered, entry.hash its hash.
    [[nodiscard]] Result<AddOutcome, MempoolError> add(MempoolEntry entry, std::uint64_t account_nonce);

    // Removes one transaction; false if it was not pooled.
    bool remove(const Hash& hash);
    // Drops the sender's transactions with nonces below `new_account_nonce` (included in a
    // block, or made invalid by one).
    void remove_included(const Address& sender, std::uint64_t new_account_nonce);
    // remove_included for every sender in the pool, with nonces from `account_nonce`.
    void prune(const std::function<std::uint64_t(const Address&)>& account_nonce);

    [[nodiscard]] const MempoolEntry* get(const Hash& hash) const;
    [[nodiscard]] bool contains(const Hash& hash) const { return by_hash_.contains(hash); }
    [[nodiscard]] std::size_t size() const noexcept { return by_hash_.size(); }
    [[nodiscard]] std::size_t size_for(const Address& sender) const;

    // eth_getTransactionCount "pending": the nonce after the run of pooled nonces that starts
    // at the account nonce (the account nonce itself when that one is not pooled).
    [[nodiscard]] std::uint64_t pending_nonce(const Address& sender, std::uint64_t account_nonce) const;

    // The ready transactions in block order, at most `max_txs`: per sender the contiguous
    // nonce run from its account nonce; across senders the highest effective tip at
    // `base_fee` first (min(priority fee, max fee - base fee)), ties by arrival. A
    // transaction whose max fee is below the base fee is not ready, and neither are its
    // sender's later nonces. The builder tries them in this order and reports back through
    // remove / prune. O(senders + max_txs log senders); `account_nonce` is called once per
    // sender.
    [[nodiscard]] std::vector<MempoolEntry> select(
        const Uint256& base_fee, const std::function<std::uint64_t(const Address&)>& account_nonce,
        std::size_t max_txs) const;

    // Every pooled transaction, by sender then nonce (the RPC's txpool view and tests).
    template <typename F>
    void for_each(F&& fn) const {
        for (const auto& [sender, nonces] : by_sender_) {
            for (const auto& [nonce, hash] : nonces) fn(by_hash_.at(hash));
        }
    }
    // Every pooled transaction in arrival order (what the node re-journals or re-admits).
    [[nodiscard]] std::vector<const MempoolEntry*> entries_by_arrival() const;

    [[nodiscard]] const MempoolConfig& config() const noexcept { return config_; }

private:
    // Eviction order: lowest max fee first; among equal fees the newest first.
    struct PriceKey {
        Uint256 fee_cap;
        std::uint64_t arrival;
        Hash hash;
    };
    struct CheaperFirst {
        bool operator()(const PriceKey& a, const PriceKey& b) const noexcept;
    };

    void insert(MempoolEntry entry);
    void erase(const MempoolEntry& entry);
    [[nodiscard]] bool pays_bump(const tx::Transaction& old_tx, const tx::Transaction& new_tx) const;

    MempoolConfig config_;
    std::unordered_map<Hash, MempoolEntry, FixedBytesHasher> by_hash_;
    std::map<Address, std::map<std::uint64_t, Hash>> by_sender_;  // nonce order per sender
    std::set<PriceKey, CheaperFirst> by_price_;
};

}  // namespace optimist::sequencer
