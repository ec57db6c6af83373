#include <optimist/core/keccak.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/trie/trie_root.hpp>

namespace optimist::state {

namespace {

Hash storage_root(const std::map<Uint256, Uint256>& storage) {
    if (storage.empty()) return kEmptyTrieRoot;
    std::vector<std::pair<Bytes, Bytes>> items;
    items.reserve(storage.size());
    for (const auto& [key, value] : storage) {
        const Hash k = key.to_hash();
        items.emplace_back(Bytes(k.begin(), k.end()), rlp::encode_uint(value));
    }
    return trie::secure_trie_root(items);
}

}  // namespace

std::optional<Account> InMemoryState::read_account(const Address& address) const {
    const auto it = accounts_.find(address);
    if (it == accounts_.end()) return std::nullopt;
    const StoredAccount& s = it->second;
    Account a;
    a.nonce = s.nonce;
    a.balance = s.balance;
    a.code_hash = s.code.empty() ? kEmptyCodeHash : keccak256(s.code);
    a.storage_root = storage_root(s.storage);
    return a;
}

Uint256 InMemoryState::read_storage(const Address& address, const Uint256& key) const {
    const auto it = accounts_.find(address);
    if (it == accounts_.end()) return Uint256{};
    const auto slot = it->second.storage.find(key);
    return slot == it->second.storage.end() ? Uint256{} : slot->second;
}

Bytes InMemoryState::read_code(const Hash& code_hash) const {
    const auto it = code_by_hash_.find(code_hash);
    return it == code_by_hash_.end() ? Bytes{} : it->second;
}

void InMemoryState::put_account(const Address& address, StoredAccount account) {
    std::erase_if(account.storage, [](const auto& kv) { return kv.second.is_zero(); });
    if (!account.code.empty()) code_by_hash_[keccak256(account.code)] = account.code;
    accounts_[address] = std::move(account);
}

void InMemoryState::apply(const WriteSet& writes) {
    for (const AccountWrite& w : writes.accounts) {
        if (w.deleted) {
            accounts_.erase(w.address);
            continue;
        }
        StoredAccount& s = accounts_[w.address];
        if (w.storage_cleared) s.storage.clear();
        s.nonce = w.nonce;
        s.balance = w.balance;
        if (w.code_changed) {
            s.code = w.code;
            if (!s.code.empty()) code_by_hash_[w.code_hash] = s.code;
        }
        for (const StorageWrite& sw : w.storage) {
            if (sw.value.is_zero()) {
                s.storage.erase(sw.key);
            } else {
                s.storage[sw.key] = sw.value;
            }
        }
    }
}

Hash InMemoryState::state_root() const {
    std::vector<std::pair<Bytes, Bytes>> items;
    items.reserve(accounts_.size());
    for (const auto& [address, stored] : accounts_) {
        Account a;
        a.nonce = stored.nonce;
        a.balance = stored.balance;
        a.code_hash = stored.code.empty() ? kEmptyCodeHash : keccak256(stored.code);
        a.storage_root = storage_root(stored.storage);
        items.emplace_back(Bytes(address.begin(), address.end()), encode_account(a));
    }
    return trie::secure_trie_root(items);
}

}  // namespace optimist::state
