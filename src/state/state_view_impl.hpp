// StateView's internals, shared by the files that implement it: the operations
// (state_view.cpp), the image (state_view_image.cpp) and the substate (state_view_substate.cpp).
//
// Each account touched is loaded once from the reader into `accounts` (recorded in the read
// set) and changed in place; every change first pushes a journal entry holding the previous
// value, so revert(n) pops entries back to n. Warm sets, transient storage, logs and the
// refund counter are journaled the same way, which is what EIP-2929 and EIP-1153 require on
// frame revert.
#pragma once

#include <optimist/state/state_view.hpp>

#include <memory>
#include <set>
#include <unordered_map>
#include <unordered_set>
#include <utility>
#include <variant>
#include <vector>

namespace optimist::state::detail {

struct Uint256Hasher {
    std::size_t operator()(const Uint256& v) const noexcept {
        // Storage keys are often small integers or hashes: mix all limbs.
        std::uint64_t h = v.w[0] * 0x9e3779b97f4a7c15ULL;
        h ^= v.w[1] + 0x7f4a7c159e3779b9ULL + (h << 6) + (h >> 2);
        h ^= v.w[2] + (h << 6) + (h >> 2);
        h ^= v.w[3] + (h << 6) + (h >> 2);
        return static_cast<std::size_t>(h);
    }
};

struct SlotKey {
    Address address;
    Uint256 key;
    friend bool operator==(const SlotKey&, const SlotKey&) = default;
};

inline bool slot_key_less(const SlotKey& x, const SlotKey& y) noexcept {
    return x.address != y.address ? x.address < y.address : x.key < y.key;
}

struct SlotKeyHasher {
    std::size_t operator()(const SlotKey& k) const noexcept {
        return FixedBytesHasher{}(k.address) ^ (Uint256Hasher{}(k.key) * 31);
    }
};

struct Slot {
    Uint256 committed;  // the reader's value (zero if storage was cleared before loading)
    Uint256 original;   // value at the start of the transaction (EIP-2200)
    Uint256 current;
};

struct CachedAccount {
    bool existed_before = false;  // present in the reader
    Account committed;            // the reader's record, when existed_before
    bool exists = false;
    std::uint64_t nonce = 0;
    Uint256 balance;
    Hash code_hash = kEmptyCodeHash;
    Bytes code;
    bool code_loaded = false;
    bool code_changed = false;
    bool storage_cleared = false;  // created in this transaction: the reader's storage is gone
    bool created_in_tx = false;
    bool destructed = false;
    bool touched = false;
    std::unordered_map<Uint256, Slot, Uint256Hasher> storage;
};

// Previous values, restored on revert.
struct BalanceChange { Address a; Uint256 prev; bool prev_exists; bool prev_touched; };
struct NonceChange { Address a; std::uint64_t prev; bool prev_exists; bool prev_touched; };
struct StorageChange { Address a; Uint256 key; Uint256 prev; };
struct TransientChange { SlotKey k; Uint256 prev; };
struct WarmAccount { Address a; };
struct WarmSlot { SlotKey k; };
struct LogAdded {};
struct RefundChange { std::int64_t prev; };
struct TouchChange { Address a; bool prev_exists; bool prev_touched; };
// Rare, multi-field changes keep a copy of the whole account.
struct AccountReplaced { Address a; std::unique_ptr<CachedAccount> prev; };

// The variant's alternative index is the entry's tag in the image (state_view_image.cpp):
// append new kinds at the end.
using JournalEntry = std::variant<BalanceChange, NonceChange, StorageChange, TransientChange, WarmAccount,
                                  WarmSlot, LogAdded, RefundChange, TouchChange, AccountReplaced>;

using AccountMap = std::unordered_map<Address, CachedAccount, FixedBytesHasher>;

}  // namespace optimist::state::detail

namespace optimist::state {

struct StateView::Impl {
    using CachedAccount = detail::CachedAccount;
    using Slot = detail::Slot;
    using SlotKey = detail::SlotKey;

    const StateReader& reader;
    detail::AccountMap accounts;
    std::unordered_set<Address, FixedBytesHasher> warm_accounts;
    std::unordered_set<SlotKey, detail::SlotKeyHasher> warm_slots;
    std::unordered_map<SlotKey, Uint256, detail::SlotKeyHasher> transient;
    std::vector<Log> logs;
    std::int64_t refund = 0;
    std::vector<detail::JournalEntry> journal;
    std::set<std::pair<Address, Uint256>> storage_reads;

    // The last account load() returned: an instruction's state accesses mostly name the
    // executing contract, again and again. Entries of `accounts` are never erased, and a
    // node-based map keeps them in place, so the pointer stays good.
    Address last_address;
    CachedAccount* last_account = nullptr;
    // Likewise the last slot load_slot() returned: SSTORE reads the current and the original
    // value and then writes, three lookups of one slot. Reset when an account's storage map is
    // replaced (undoing AccountReplaced), which frees its entries.
    Address last_slot_address;
    Uint256 last_slot_key;
    Slot* last_slot = nullptr;

    explicit Impl(const StateReader& r);
    ~Impl();
    Impl(const Impl&) = delete;
    Impl& operator=(const Impl&) = delete;

    CachedAccount& load(const Address& a) {
        if (last_account != nullptr && last_address == a) return *last_account;
        auto [it, inserted] = accounts.try_emplace(a);
        CachedAccount& acc = it->second;
        last_address = a;
        last_account = &acc;
        if (inserted) {
            if (auto committed = reader.read_account(a)) {
                acc.existed_before = true;
                acc.committed = *committed;
                acc.exists = true;
                acc.nonce = committed->nonce;
                acc.balance = committed->balance;
                acc.code_hash = committed->code_hash;
            }
        }
        return acc;
    }

    Slot& load_slot(const Address& a, const Uint256& key) {
        if (last_slot != nullptr && last_slot_key == key && last_slot_address == a) return *last_slot;
        Slot& slot = load_slot_uncached(a, key);
        last_slot_address = a;
        last_slot_key = key;
        last_slot = &slot;
        return slot;
    }

    Slot& load_slot_uncached(const Address& a, const Uint256& key) {
        CachedAccount& acc = load(a);
        auto [it, inserted] = acc.storage.try_emplace(key);
        if (inserted && !acc.storage_cleared) {
            if (acc.existed_before) {
                storage_reads.emplace(a, key);
                const Uint256 v = reader.read_storage(a, key);
                it->second = Slot{v, v, v};
            }
        }
        return it->second;
    }

    // Changing a field brings the account into existence (as geth's state objects do).
    static void mark_changed(CachedAccount& acc) {
        acc.exists = true;
        acc.touched = true;
    }

    void undo(detail::JournalEntry& entry);

    void replace_journaled(const Address& a, CachedAccount& acc) {
        journal.emplace_back(detail::AccountReplaced{a, std::make_unique<CachedAccount>(acc)});
    }

    const Bytes& load_code(const Address& a) {
        CachedAccount& acc = load(a);
        if (!acc.code_loaded) {
            if (acc.code_hash != kEmptyCodeHash) acc.code = reader.read_code(acc.code_hash);
            acc.code_loaded = true;
        }
        return acc.code;
    }
};

}  // namespace optimist::state
