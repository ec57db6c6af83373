// Mempool admission and bookkeeping. Three indexes over the same entries: by hash (owner),
// by sender and nonce (replacement, nonce runs, pruning) and by price (eviction).
#include <optimist/sequencer/mempool.hpp>

#include <algorithm>
#include <cassert>
#include <utility>

namespace optimist::sequencer {
namespace {

// old * (100 + percent) / 100, the least a replacement must offer (go-ethereum's
// legacypool: thresholds rounded down). nullopt when the product passes 2^256: nothing can
// pay that much.
std::optional<Uint256> bumped(const Uint256& old, std::uint64_t percent) {
    const Uint256 factor{100 + percent};
    const Uint256 product = old * factor;
    if (!old.is_zero() && product / factor != old) return std::nullopt;
    return product / Uint256{100};
}

}  // namespace

std::string_view to_string(MempoolError e) noexcept {
    switch (e) {
        case MempoolError::already_known:
            return "already known";
        case MempoolError::nonce_too_low:
            return "nonce too low";
        case MempoolError::underpriced:
            return "transaction underpriced";
        case MempoolError::nonce_too_far:
            return "nonce too far in the future";
        case MempoolError::replacement_underpriced:
            return "replacement transaction underpriced";
        case MempoolError::sender_full:
            return "account limit exceeded: txpool is full for this sender";
        case MempoolError::pool_full:
            return "txpool is full";
    }
    return "unknown mempool error";
}

bool Mempool::CheaperFirst::operator()(const PriceKey& a, const PriceKey& b) const noexcept {
    if (a.fee_cap != b.fee_cap) return a.fee_cap < b.fee_cap;
    if (a.arrival != b.arrival) return a.arrival > b.arrival;  // newest first
    return a.hash < b.hash;
}

Mempool::Mempool(MempoolConfig config) : config_(std::move(config)) {}

bool Mempool::pays_bump(const tx::Transaction& old_tx, const tx::Transaction& new_tx) const {
    // Both caps must rise, strictly and by the bump: a higher fee cap alone would let a
    // sender churn the pool without offering the sequencer more.
    if (new_tx.max_fee_per_gas <= old_tx.max_fee_per_gas) return false;
    if (new_tx.max_priority_fee_per_gas <= old_tx.max_priority_fee_per_gas) return false;
    const auto fee = bumped(old_tx.max_fee_per_gas, config_.price_bump_percent);
    const auto tip = bumped(old_tx.max_priority_fee_per_gas, config_.price_bump_percent);
    return fee && tip && new_tx.max_fee_per_gas >= *fee && new_tx.max_priority_fee_per_gas >= *tip;
}

Result<AddOutcome, MempoolError> Mempool::add(MempoolEntry entry, std::uint64_t account_nonce) {
    const tx::Transaction& t = entry.tx;
    if (by_hash_.contains(entry.hash)) return fail(MempoolError::already_known);
    if (t.nonce < account_nonce) return fail(MempoolError::nonce_too_low);
    if (t.max_priority_fee_per_gas < config_.min_tip) return fail(MempoolError::underpriced);
    if (t.nonce - account_nonce > config_.max_nonce_gap) return fail(MempoolError::nonce_too_far);

    AddOutcome out;
    const auto sender_it = by_sender_.find(t.sender);
    if (sender_it != by_sender_.end()) {
        if (const auto same = sender_it->second.find(t.nonce); same != sender_it->second.end()) {
            const MempoolEntry& old = by_hash_.at(same->second);
            if (!pays_bump(old.tx, t)) return fail(MempoolError::replacement_underpriced);
            out.replaced = true;
            out.replaced_hash = old.hash;
            erase(old);
            insert(std::move(entry));
            return out;
        }
        if (sender_it->second.size() >= config_.max_per_sender) return fail(MempoolError::sender_full);
    }
    if (by_hash_.size() >= config_.max_total) {
        if (by_price_.empty() || !(t.max_fee_per_gas > by_price_.begin()->fee_cap))
            return fail(MempoolError::pool_full);
        const Hash victim = by_price_.begin()->hash;
        erase(by_hash_.at(victim));
        out.evicted = victim;
    }
    insert(std::move(entry));
    return out;
}

void Mempool::insert(MempoolEntry entry) {
    const Hash hash = entry.hash;
    by_sender_[entry.tx.sender][entry.tx.nonce] = hash;
    by_price_.insert(PriceKey{entry.tx.max_fee_per_gas, entry.arrival, hash});
    by_hash_.emplace(hash, std::move(entry));
}

// REQUIRES: `entry` is pooled. It is destroyed: read nothing from it afterwards.
void Mempool::erase(const MempoolEntry& entry) {
    const Hash hash = entry.hash;
    by_price_.erase(PriceKey{entry.tx.max_fee_per_gas, entry.arrival, hash});
    const auto sender_it = by_sender_.find(entry.tx.sender);
    assert(sender_it != by_sender_.end());
    sender_it->second.erase(entry.tx.nonce);
    if (sender_it->second.empty()) by_sender_.erase(sender_it);
    by_hash_.erase(hash);
}

bool Mempool::remove(const Hash& hash) {
    const auto it = by_hash_.find(hash);
    if (it == by_hash_.end()) return false;
    erase(it->second);
    return true;
}

void Mempool::remove_included(const Address& sender, std::uint64_t new_account_nonce) {
    const auto sender_it = by_sender_.find(sender);
    if (sender_it == by_sender_.end()) return;
    // Collect first: erase() drops the sender's map when it empties.
    std::vector<Hash> stale;
    for (const auto& [nonce, hash] : sender_it->second) {
        if (nonce >= new_account_nonce) break;
        stale.push_back(hash);
    }
    for (const Hash& h : stale) erase(by_hash_.at(h));
}

void Mempool::prune(const std::function<std::uint64_t(const Address&)>& account_nonce) {
    std::vector<Address> senders;
    senders.reserve(by_sender_.size());
    for (const auto& [sender, nonces] : by_sender_) senders.push_back(sender);
    for (const Address& s : senders) remove_included(s, account_nonce(s));
}

const MempoolEntry* Mempool::get(const Hash& hash) const {
    const auto it = by_hash_.find(hash);
    return it == by_hash_.end() ? nullptr : &it->second;
}

std::size_t Mempool::size_for(const Address& sender) const {
    const auto it = by_sender_.find(sender);
    return it == by_sender_.end() ? 0 : it->second.size();
}

std::uint64_t Mempool::pending_nonce(const Address& sender, std::uint64_t account_nonce) const {
    const auto it = by_sender_.find(sender);
    if (it == by_sender_.end()) return account_nonce;
    std::uint64_t next = account_nonce;
    for (auto n = it->second.find(next); n != it->second.end() && n->first == next; ++n) ++next;
    return next;
}

std::vector<const MempoolEntry*> Mempool::entries_by_arrival() const {
    std::vector<const MempoolEntry*> out;
    out.reserve(by_hash_.size());
    for (const auto& [hash, entry] : by_hash_) out.push_back(&entry);
    std::sort(out.begin(), out.end(), [](const MempoolEntry* a, const MempoolEntry* b) {
        return a->arrival != b->arrival ? a->arrival < b->arrival : a->hash < b->hash;
    });
    return out;
}

}  // namespace optimist::sequencer
