// StateView's operations (the internals and their invariants are in state_view_impl.hpp).
#include "state_view_impl.hpp"

#include <optimist/core/keccak.hpp>

#include <algorithm>
#include <cassert>

namespace optimist::state {

using detail::AccountReplaced;
using detail::BalanceChange;
using detail::LogAdded;
using detail::NonceChange;
using detail::RefundChange;
using detail::SlotKey;
using detail::StorageChange;
using detail::TouchChange;
using detail::TransientChange;
using detail::WarmAccount;
using detail::WarmSlot;
using CachedAccount = detail::CachedAccount;
using Slot = detail::Slot;

void StateView::Impl::undo(detail::JournalEntry& entry) {
    std::visit(
        [this](auto& e) {
            using T = std::decay_t<decltype(e)>;
            if constexpr (std::is_same_v<T, BalanceChange>) {
                auto& acc = accounts.at(e.a);
                acc.balance = e.prev;
                acc.exists = e.prev_exists;
                acc.touched = e.prev_touched;
            } else if constexpr (std::is_same_v<T, NonceChange>) {
                auto& acc = accounts.at(e.a);
                acc.nonce = e.prev;
                acc.exists = e.prev_exists;
                acc.touched = e.prev_touched;
            } else if constexpr (std::is_same_v<T, StorageChange>) {
                accounts.at(e.a).storage.at(e.key).current = e.prev;
            } else if constexpr (std::is_same_v<T, TransientChange>) {
                transient[e.k] = e.prev;
            } else if constexpr (std::is_same_v<T, WarmAccount>) {
                warm_accounts.erase(e.a);
            } else if constexpr (std::is_same_v<T, WarmSlot>) {
                warm_slots.erase(e.k);
            } else if constexpr (std::is_same_v<T, LogAdded>) {
                logs.pop_back();
            } else if constexpr (std::is_same_v<T, RefundChange>) {
                refund = e.prev;
            } else if constexpr (std::is_same_v<T, TouchChange>) {
                auto& acc = accounts.at(e.a);
                acc.exists = e.prev_exists;
                acc.touched = e.prev_touched;
            } else if constexpr (std::is_same_v<T, AccountReplaced>) {
                accounts.at(e.a) = std::move(*e.prev);
                last_slot = nullptr;  // the account's slots were freed with its old map
            }
        },
        entry);
}

namespace {

// Journals outlive their view on the thread, with their capacity: a view lives for one
// transaction, and growing a fresh journal to a long transaction's length every time meant
// reallocating it and faulting its new pages in again and again.
// Entries of up to about 100 bytes: a thread keeps at most about 6 MiB.
constexpr std::size_t kSpareJournalCapacity = std::size_t{1} << 16;  // entries; larger ones are freed

// Views must not outlive their thread's thread_local objects (none is destroyed during
// static destruction).
std::vector<detail::JournalEntry>& spare_journal() {
    thread_local std::vector<detail::JournalEntry> spare;
    return spare;
}

}  // namespace

StateView::Impl::Impl(const StateReader& r) : reader(r) { journal.swap(spare_journal()); }

StateView::Impl::~Impl() {
    journal.clear();
    std::vector<detail::JournalEntry>& spare = spare_journal();
    if (journal.capacity() <= kSpareJournalCapacity && journal.capacity() > spare.capacity()) journal.swap(spare);
}

StateView::StateView(const StateReader& reader) : impl_(std::make_unique<Impl>(reader)) {}
StateView::~StateView() = default;
StateView::StateView(StateView&&) noexcept = default;
StateView& StateView::operator=(StateView&&) noexcept = default;

bool StateView::exists(const Address& a) { return impl_->load(a).exists; }

bool StateView::is_empty(const Address& a) {
    const CachedAccount& acc = impl_->load(a);
    return !acc.exists || (acc.nonce == 0 && acc.balance.is_zero() && acc.code_hash == kEmptyCodeHash);
}

Uint256 StateView::balance(const Address& a) { return impl_->load(a).balance; }
std::uint64_t StateView::nonce(const Address& a) { return impl_->load(a).nonce; }
Hash StateView::code_hash(const Address& a) { return impl_->load(a).code_hash; }
ByteView StateView::code(const Address& a) { return impl_->load_code(a); }

bool StateView::has_committed_storage(const Address& a) {
    const CachedAccount& acc = impl_->load(a);
    return acc.existed_before && !acc.storage_cleared && acc.committed.storage_root != kEmptyTrieRoot;
}

void StateView::set_balance(const Address& a, const Uint256& v) {
    CachedAccount& acc = impl_->load(a);
    impl_->journal.emplace_back(BalanceChange{a, acc.balance, acc.exists, acc.touched});
    acc.balance = v;
    impl_->mark_changed(acc);
}

void StateView::add_balance(const Address& a, const Uint256& v) { set_balance(a, balance(a) + v); }

void StateView::sub_balance(const Address& a, const Uint256& v) {
    const Uint256 b = balance(a);
    assert(b >= v);
    set_balance(a, b - v);
}

void StateView::set_nonce(const Address& a, std::uint64_t n) {
    CachedAccount& acc = impl_->load(a);
    impl_->journal.emplace_back(NonceChange{a, acc.nonce, acc.exists, acc.touched});
    acc.nonce = n;
    impl_->mark_changed(acc);
}

void StateView::set_code(const Address& a, Bytes code) {
    CachedAccount& acc = impl_->load(a);
    impl_->replace_journaled(a, acc);
    acc.code_hash = code.empty() ? kEmptyCodeHash : keccak256(code);
    acc.code = std::move(code);
    acc.code_loaded = true;
    acc.code_changed = true;
    impl_->mark_changed(acc);
}

void StateView::touch(const Address& a) {
    CachedAccount& acc = impl_->load(a);
    impl_->journal.emplace_back(TouchChange{a, acc.exists, acc.touched});
    impl_->mark_changed(acc);
}

void StateView::create_contract(const Address& a) {
    CachedAccount& acc = impl_->load(a);
    impl_->replace_journaled(a, acc);
    acc.exists = true;
    acc.touched = true;
    acc.nonce = 1;  // EIP-161
    acc.code_hash = kEmptyCodeHash;
    acc.code.clear();
    acc.code_loaded = true;
    acc.code_changed = true;
    acc.storage_cleared = true;
    acc.created_in_tx = true;
    // A new contract's storage starts empty, and its "original" values (EIP-2200) are zero.
    for (auto& [key, slot] : acc.storage) slot = Slot{};
}

bool StateView::created_in_tx(const Address& a) { return impl_->load(a).created_in_tx; }

void StateView::selfdestruct(const Address& a, const Address& beneficiary) {
    const Uint256 amount = balance(a);
    const bool created = created_in_tx(a);
    if (beneficiary != a) {
        add_balance(beneficiary, amount);
        set_balance(a, Uint256{});
    } else if (created) {
        set_balance(a, Uint256{});  // burnt together with the account
    }
    if (created) {
        CachedAccount& acc = impl_->load(a);
        if (!acc.destructed) {
            impl_->replace_journaled(a, acc);
            acc.destructed = true;
        }
    }
}

Uint256 StateView::storage(const Address& a, const Uint256& key) { return impl_->load_slot(a, key).current; }

Uint256 StateView::original_storage(const Address& a, const Uint256& key) {
    return impl_->load_slot(a, key).original;
}

void StateView::set_storage(const Address& a, const Uint256& key, const Uint256& value) {
    Slot& slot = impl_->load_slot(a, key);
    impl_->journal.emplace_back(StorageChange{a, key, slot.current});
    slot.current = value;
}

Uint256 StateView::transient_storage(const Address& a, const Uint256& key) const {
    const auto it = impl_->transient.find(SlotKey{a, key});
    return it == impl_->transient.end() ? Uint256{} : it->second;
}

void StateView::set_transient_storage(const Address& a, const Uint256& key, const Uint256& value) {
    Uint256& cell = impl_->transient[SlotKey{a, key}];
    impl_->journal.emplace_back(TransientChange{SlotKey{a, key}, cell});
    cell = value;
}

bool StateView::access_account(const Address& a) {
    if (!impl_->warm_accounts.insert(a).second) return true;
    impl_->journal.emplace_back(WarmAccount{a});
    return false;
}

bool StateView::access_storage(const Address& a, const Uint256& key) {
    const SlotKey k{a, key};
    if (!impl_->warm_slots.insert(k).second) return true;
    impl_->journal.emplace_back(WarmSlot{k});
    return false;
}

bool StateView::is_warm(const Address& a) const { return impl_->warm_accounts.contains(a); }

bool StateView::loaded(const Address& a) const noexcept { return impl_->accounts.contains(a); }

void StateView::add_log(Log log) {
    impl_->logs.push_back(std::move(log));
    impl_->journal.emplace_back(LogAdded{});
}

const std::vector<Log>& StateView::logs() const noexcept { return impl_->logs; }

void StateView::add_refund(std::int64_t delta) {
    impl_->journal.emplace_back(RefundChange{impl_->refund});
    impl_->refund += delta;
}

std::int64_t StateView::refund() const noexcept { return impl_->refund; }

std::size_t StateView::snapshot() const noexcept { return impl_->journal.size(); }

void StateView::revert(std::size_t snapshot) {
    assert(snapshot <= impl_->journal.size());
    while (impl_->journal.size() > snapshot) {
        impl_->undo(impl_->journal.back());
        impl_->journal.pop_back();
    }
}

void StateView::finalize() {
    for (auto& [address, acc] : impl_->accounts) {
        const bool empty = acc.nonce == 0 && acc.balance.is_zero() && acc.code_hash == kEmptyCodeHash;
        if (acc.destructed || (acc.touched && acc.exists && empty)) acc.exists = false;
    }
    // Finalization is not revertible.
    impl_->journal.clear();
}

WriteSet StateView::write_set() const {
    WriteSet out;
    for (const auto& [address, acc] : impl_->accounts) {
        if (!acc.exists) {
            if (acc.existed_before) {
                AccountWrite w;
                w.address = address;
                w.deleted = true;
                out.accounts.push_back(std::move(w));
            }
            continue;
        }
        AccountWrite w;
        w.address = address;
        w.storage_cleared = acc.storage_cleared && acc.existed_before;
        w.nonce = acc.nonce;
        w.balance = acc.balance;
        w.code_hash = acc.code_hash;
        if (acc.code_changed) {
            w.code_changed = true;
            w.code = acc.code;
        }
        for (const auto& [key, slot] : acc.storage) {
            if (slot.current != slot.committed || (acc.storage_cleared && !slot.current.is_zero()))
                w.storage.push_back(StorageWrite{key, slot.current});
        }
        const bool account_changed = !acc.existed_before || acc.nonce != acc.committed.nonce ||
                                     acc.balance != acc.committed.balance ||
                                     acc.code_hash != acc.committed.code_hash;
        if (!account_changed && !w.storage_cleared && w.storage.empty() && !acc.code_changed) continue;
        std::sort(w.storage.begin(), w.storage.end(),
                  [](const StorageWrite& x, const StorageWrite& y) { return x.key < y.key; });
        out.accounts.push_back(std::move(w));
    }
    std::sort(out.accounts.begin(), out.accounts.end(),
              [](const AccountWrite& x, const AccountWrite& y) { return x.address < y.address; });
    return out;
}

ReadSet StateView::read_set() const {
    ReadSet out;
    for (const auto& [address, acc] : impl_->accounts) out.accounts.push_back(address);
    std::sort(out.accounts.begin(), out.accounts.end());
    out.storage.assign(impl_->storage_reads.begin(), impl_->storage_reads.end());
    return out;
}

}  // namespace optimist::state
