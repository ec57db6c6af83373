// BlockOverlay: write sets layered over the pre-block state, mirroring InMemoryState::apply.
#include <optimist/exec/block_overlay.hpp>

namespace optimist::exec {

std::optional<state::Account> BlockOverlay::read_account(const Address& address) const {
    const auto it = accounts_.find(address);
    if (it == accounts_.end()) return pre_.read_account(address);
    const Entry& e = it->second;
    if (e.deleted) return std::nullopt;

    state::Account a;
    a.nonce = e.nonce;
    a.balance = e.balance;
    a.code_hash = e.code_hash;
    if (e.nonzero_slots > 0) {
        a.storage_root = kUnknownStorageRoot;
    } else if (e.storage_cleared) {
        a.storage_root = kEmptyTrieRoot;
    } else {
        // The pre-state's slots are visible, minus the ones zeroed in the block. With none
        // zeroed the pre-state's root is exact; otherwise all of them may have been zeroed,
        // which cannot be told without enumerating them (the documented imprecision).
        const auto before = pre_.read_account(address);
        const Hash pre_root = before ? before->storage_root : kEmptyTrieRoot;
        a.storage_root = e.storage.empty() || pre_root == kEmptyTrieRoot ? pre_root : kUnknownStorageRoot;
    }
    return a;
}

Uint256 BlockOverlay::read_storage(const Address& address, const Uint256& key) const {
    const auto it = accounts_.find(address);
    if (it == accounts_.end()) return pre_.read_storage(address, key);
    const Entry& e = it->second;
    if (e.deleted) return Uint256{};
    const auto slot = e.storage.find(key);
    if (slot != e.storage.end()) return slot->second;
    return e.storage_cleared ? Uint256{} : pre_.read_storage(address, key);
}

Bytes BlockOverlay::read_code(const Hash& code_hash) const {
    const auto it = code_.find(code_hash);
    return it != code_.end() ? it->second : pre_.read_code(code_hash);
}

void BlockOverlay::apply(const state::WriteSet& writes) {
    for (const state::AccountWrite& w : writes.accounts) apply_account(w);
}

void BlockOverlay::apply_account(const state::AccountWrite& w) {
    Entry& e = accounts_[w.address];
    if (w.deleted) {
        // The account and all its storage are gone, whatever the pre-state held.
        e = Entry{};
        e.deleted = true;
        e.storage_cleared = true;
        return;
    }
    if (e.deleted || w.storage_cleared) {
        // Recreated after a deletion (its storage stays wiped) or wiped by this write.
        e.storage.clear();
        e.nonzero_slots = 0;
        e.storage_cleared = true;
    }
    e.deleted = false;
    e.nonce = w.nonce;
    e.balance = w.balance;
    // StateView reports the account's current code hash in every write, and it changes only
    // together with code_changed, so taking it as is matches InMemoryState keeping its code.
    e.code_hash = w.code_hash;
    if (w.code_changed && !w.code.empty()) code_.try_emplace(w.code_hash, w.code);
    for (const state::StorageWrite& sw : w.storage) {
        auto [slot, inserted] = e.storage.try_emplace(sw.key, sw.value);
        if (!inserted) {
            if (!slot->second.is_zero()) --e.nonzero_slots;
            slot->second = sw.value;
        }
        if (!sw.value.is_zero()) ++e.nonzero_slots;
    }
}

}  // namespace optimist::exec
