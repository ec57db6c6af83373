#include "pre_state_cache.hpp"

#include "index_hash.hpp"

namespace optimist::exec::detail {
namespace {

std::uint64_t address_hash(const Address& a) noexcept { return finish_index_hash(unmixed_address_hash(a, 0)); }

}  // namespace

void PreStateCache::begin(const state::StateReader& pre, std::size_t txs) {
    pre_ = &pre;
    index_.begin(txs * 3);  // a sender, a recipient and a share of the contracts they call
    if (items_size_ < index_.capacity()) {
        items_size_ = index_.capacity();
        items_ = std::make_unique<Item[]>(items_size_);
    }
}

std::optional<state::Account> PreStateCache::read_account(const Address& address) const {
    const std::uint64_t hash = address_hash(address);
    const auto is_key = [&](std::uint32_t i) { return items_[i].address == address; };
    if (const std::uint32_t item = index_.find(hash, is_key); item != BlockIndex::kNone) return items_[item].account;
    // Read before adding: filling an entry must be quick and must not throw (others wait on it).
    std::optional<state::Account> account = pre_->read_account(address);
    // A full index leaves the rest of the block uncached (the next block gets more room).
    (void)index_.find_or_add(hash, is_key, [&](std::uint32_t i) noexcept {
        items_[i].address = address;
        items_[i].account = account;
    });
    return account;
}

}  // namespace optimist::exec::detail
