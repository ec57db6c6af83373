// Block-order selection: a max-heap over the head of each sender's ready nonce run, keyed by
// the effective tip at the block's base fee (what the sequencer earns per gas), ties broken by
// arrival so equal payers are served first come, first served.
#include <optimist/sequencer/mempool.hpp>

#include <limits>
#include <queue>

namespace optimist::sequencer {
namespace {

// EIP-1559: the part of the price above the base fee, min(priority fee, max fee - base fee).
// Legacy transactions hold gas_price in both fields, which gives gas_price - base_fee.
// REQUIRES: max fee >= base fee.
Uint256 effective_tip(const tx::Transaction& t, const Uint256& base_fee) {
    const Uint256 headroom = t.max_fee_per_gas - base_fee;
    return t.max_priority_fee_per_gas < headroom ? t.max_priority_fee_per_gas : headroom;
}

struct Head {
    Uint256 tip;
    std::uint64_t arrival;
    const MempoolEntry* entry;
    const std::map<std::uint64_t, Hash>* nonces;  // the sender's pooled nonces
};

// std::priority_queue pops the greatest: higher tip, then earlier arrival.
struct LowerPriority {
    bool operator()(const Head& a, const Head& b) const noexcept {
        if (a.tip != b.tip) return a.tip < b.tip;
        return a.arrival > b.arrival;
    }
};

}  // namespace

std::vector<MempoolEntry> Mempool::select(const Uint256& base_fee,
                                          const std::function<std::uint64_t(const Address&)>& account_nonce,
                                          std::size_t max_txs) const {
    std::vector<MempoolEntry> out;
    if (max_txs == 0) return out;

    // The sender's transaction with this nonce, if pooled and able to pay the base fee.
    auto ready = [&](const std::map<std::uint64_t, Hash>& nonces,
                     std::uint64_t nonce) -> const MempoolEntry* {
        const auto it = nonces.find(nonce);
        if (it == nonces.end()) return nullptr;
        const MempoolEntry& e = by_hash_.at(it->second);
        return e.tx.max_fee_per_gas < base_fee ? nullptr : &e;
    };

    std::priority_queue<Head, std::vector<Head>, LowerPriority> heads;
    for (const auto& [sender, nonces] : by_sender_) {
        if (const MempoolEntry* e = ready(nonces, account_nonce(sender)))
            heads.push(Head{effective_tip(e->tx, base_fee), e->arrival, e, &nonces});
    }
    while (!heads.empty() && out.size() < max_txs) {
        const Head top = heads.top();
        heads.pop();
        out.push_back(*top.entry);
        const std::uint64_t nonce = top.entry->tx.nonce;
        // A nonce of 2^64 - 1 has no successor (EIP-2681 makes it unusable anyway).
        if (nonce == std::numeric_limits<std::uint64_t>::max()) continue;
        if (const MempoolEntry* next = ready(*top.nonces, nonce + 1))
            heads.push(Head{effective_tip(next->tx, base_fee), next->arrival, next, top.nonces});
    }
    return out;
}

}  // namespace optimist::sequencer
