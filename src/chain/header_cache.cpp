// The recent-header LRU (header_cache.hpp).
#include "header_cache.hpp"

namespace optimist::chain::detail {

void HeaderCache::touch(List::iterator it) { entries_.splice(entries_.begin(), entries_, it); }

void HeaderCache::put(const Hash& hash, const tx::BlockHeader& header) {
    if (capacity_ == 0) return;
    const std::lock_guard lock(mutex_);
    if (auto found = by_hash_.find(hash); found != by_hash_.end()) {
        touch(found->second);
        return;
    }
    entries_.push_front(Entry{hash, header});
    by_hash_[hash] = entries_.begin();
    by_number_[header.number] = entries_.begin();
    while (entries_.size() > capacity_) {
        const Entry& last = entries_.back();
        by_hash_.erase(last.hash);
        // Only the canonical chain is stored, so one hash per number; erase only our own.
        if (auto n = by_number_.find(last.header.number);
            n != by_number_.end() && n->second->hash == last.hash)
            by_number_.erase(n);
        entries_.pop_back();
    }
}

std::optional<tx::BlockHeader> HeaderCache::get(const Hash& hash) {
    const std::lock_guard lock(mutex_);
    auto found = by_hash_.find(hash);
    if (found == by_hash_.end()) return std::nullopt;
    touch(found->second);
    return found->second->header;
}

std::optional<Hash> HeaderCache::hash_of(std::uint64_t number) {
    const std::lock_guard lock(mutex_);
    auto found = by_number_.find(number);
    if (found == by_number_.end()) return std::nullopt;
    touch(found->second);
    return found->second->hash;
}

}  // namespace optimist::chain::detail
