#include "pre_state_cache.hpp"

#include <mutex>

namespace optimist::exec::detail {

std::size_t PreStateCache::SlotKeyHasher::operator()(const SlotKey& k) const noexcept {
    std::uint64_t h = FixedBytesHasher{}(k.address);
    for (const std::uint64_t w : k.slot.w) h = (h ^ w) * 0x100000001b3ULL + (h >> 29);
    return static_cast<std::size_t>(h);
}

void PreStateCache::reset(const state::StateReader& pre) {
    pre_ = &pre;
    for (Shard& shard : shards_) {
        shard.accounts.clear();
        shard.slots.clear();
    }
}

std::optional<state::Account> PreStateCache::read_account(const Address& address) const {
    Shard& shard = shards_[FixedBytesHasher{}(address) % kShards];
    {
        const std::lock_guard guard(shard.lock);
        if (const auto it = shard.accounts.find(address); it != shard.accounts.end()) return it->second;
    }
    std::optional<state::Account> account = pre_->read_account(address);
    const std::lock_guard guard(shard.lock);
    shard.accounts.try_emplace(address, account);
    return account;
}

Uint256 PreStateCache::read_storage(const Address& address, const Uint256& key) const {
    const SlotKey k{address, key};
    Shard& shard = shards_[SlotKeyHasher{}(k) % kShards];
    {
        const std::lock_guard guard(shard.lock);
        if (const auto it = shard.slots.find(k); it != shard.slots.end()) return it->second;
    }
    const Uint256 value = pre_->read_storage(address, key);
    const std::lock_guard guard(shard.lock);
    shard.slots.try_emplace(k, value);
    return value;
}

Bytes PreStateCache::read_code(const Hash& code_hash) const { return pre_->read_code(code_hash); }

}  // namespace optimist::exec::detail
