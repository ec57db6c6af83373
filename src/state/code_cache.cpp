#include "code_cache.hpp"

#include "store_keys.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/core/logging.hpp>

namespace optimist::state::detail {

Bytes CodeCache::get(const Hash& code_hash) const {
    if (code_hash == kEmptyCodeHash) return {};
    std::shared_ptr<const Bytes> cached;
    {
        const std::lock_guard lock(mutex_);
        if (const auto it = entries_.find(code_hash); it != entries_.end()) cached = it->second;
    }
    // Copied outside the lock: contract code is kilobytes, and parallel executors' workers
    // fetch the same few contracts' code for every transaction.
    if (cached) return *cached;
    // Read outside the lock: concurrent misses on one hash read twice, which is harmless.
    std::optional<Bytes> code = db_.get(code_key(code_hash));
    if (!code) return {};
    if (keccak256(*code) != code_hash) {
        logging::error("state", "stored code does not hash to its key " + to_hex(code_hash));
        return {};
    }
    auto shared = std::make_shared<const Bytes>(*code);  // copied before taking the lock
    const std::lock_guard lock(mutex_);
    insert_locked(code_hash, std::move(shared));
    return std::move(*code);
}

void CodeCache::insert_locked(const Hash& code_hash, std::shared_ptr<const Bytes> code) const {
    if (code->size() > capacity_ || entries_.contains(code_hash)) return;
    while (bytes_ + code->size() > capacity_ && !order_.empty()) {
        const auto it = entries_.find(order_.front());
        bytes_ -= it->second->size();
        entries_.erase(it);
        order_.pop_front();
    }
    const std::size_t size = code->size();
    entries_.emplace(code_hash, std::move(code));
    order_.push_back(code_hash);
    bytes_ += size;
}

}  // namespace optimist::state::detail
