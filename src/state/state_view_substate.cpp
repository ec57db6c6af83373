// StateView::substate and preload: the logical view of a transaction's state that the
// step commitments hash, and its inverse for a one-step verifier (substate.hpp).
#include "state_view_impl.hpp"

#include <optimist/core/keccak.hpp>

#include <algorithm>

namespace optimist::state {

namespace {

using detail::CachedAccount;

Hash committed_code_hash(const CachedAccount& acc) {
    return acc.existed_before ? acc.committed.code_hash : kEmptyCodeHash;
}

// The code an account entry carries: the account's own when it is not the committed one.
bool carries_code(const CachedAccount& acc) {
    return acc.exists && (acc.created_in_tx || acc.code_hash != committed_code_hash(acc));
}

bool differs_from_committed(const CachedAccount& acc) {
    if (acc.exists != acc.existed_before) return true;
    if (!acc.exists) return false;
    return acc.nonce != acc.committed.nonce || acc.balance != acc.committed.balance ||
           acc.code_hash != acc.committed.code_hash;
}

SubstateEntry make_entry(SubstateKind kind, const Address& a, const Uint256& key = {}) {
    SubstateEntry e;
    e.kind = kind;
    e.address = a;
    e.key = key;
    return e;
}

Hash code_hash_of(ByteView code) { return code.empty() ? kEmptyCodeHash : keccak256(code); }

}  // namespace

Substate StateView::substate() const {
    const Impl& v = *impl_;
    Substate s;
    for (const auto& [address, acc] : v.accounts) {
        const bool flagged = acc.storage_cleared || acc.created_in_tx || acc.destructed || acc.touched;
        if (flagged || differs_from_committed(acc)) {
            SubstateEntry e = make_entry(SubstateKind::account, address);
            // A missing account has no fields; what it held before it went away does not count.
            if (acc.exists) {
                e.exists = true;
                e.nonce = acc.nonce;
                e.balance = acc.balance;
                e.code_hash = acc.code_hash;
                if (carries_code(acc)) e.code = acc.code;
            }
            e.storage_cleared = acc.storage_cleared;
            e.created_in_tx = acc.created_in_tx;
            e.destructed = acc.destructed;
            e.touched = acc.touched;
            s.entries.push_back(std::move(e));
        }
        // `committed` is the slot's base value: zero once the account's storage was cleared.
        for (const auto& [key, slot] : acc.storage) {
            if (slot.current == slot.committed) continue;
            SubstateEntry e = make_entry(SubstateKind::storage, address, key);
            e.value = slot.current;
            s.entries.push_back(std::move(e));
        }
    }
    for (const Address& a : v.warm_accounts) s.entries.push_back(make_entry(SubstateKind::warm_account, a));
    for (const auto& k : v.warm_slots) s.entries.push_back(make_entry(SubstateKind::warm_slot, k.address, k.key));
    for (const auto& [k, value] : v.transient) {
        if (value.is_zero()) continue;
        SubstateEntry e = make_entry(SubstateKind::transient, k.address, k.key);
        e.value = value;
        s.entries.push_back(std::move(e));
    }
    std::sort(s.entries.begin(), s.entries.end(),
              [](const SubstateEntry& x, const SubstateEntry& y) { return key_less(x, y); });
    s.refund = v.refund;
    s.logs = v.logs;
    return s;
}

Result<void, std::string> StateView::preload(const Substate& s) {
    Impl& v = *impl_;
    if (!v.journal.empty() || !v.accounts.empty() || !v.warm_accounts.empty() || !v.warm_slots.empty() ||
        !v.transient.empty() || !v.logs.empty() || v.refund != 0) {
        return fail(std::string("preload: the view is not fresh"));
    }
    // Checks what the entries say on their own first; what needs the reader (whether an
    // account's code is the committed one) is checked while installing, and a failure there
    // starts the view over, so a rejected substate always leaves the view fresh.
    const auto bad = [](std::size_t i, const char* why) {
        return fail("preload: entry " + std::to_string(i) + ": " + why);
    };
    for (std::size_t i = 0; i < s.entries.size(); ++i) {
        const SubstateEntry& e = s.entries[i];
        if (i != 0 && !key_less(s.entries[i - 1], e)) return bad(i, "out of order or repeated");
        switch (e.kind) {
            case SubstateKind::account:
                if (!e.exists && (e.nonce != 0 || !e.balance.is_zero() || e.code_hash != kEmptyCodeHash ||
                                  !e.code.empty())) {
                    return bad(i, "a missing account has fields");
                }
                [[fallthrough]];
            case SubstateKind::warm_account:
                if (!e.key.is_zero()) return bad(i, "an account entry has a key");
                break;
            case SubstateKind::storage:
            case SubstateKind::warm_slot:
            case SubstateKind::transient:
                break;
            default:
                return bad(i, "unknown kind");
        }
    }

    for (const SubstateEntry& e : s.entries) {
        switch (e.kind) {
            case SubstateKind::account: {
                CachedAccount& acc = v.load(e.address);  // committed values from the reader
                acc.exists = e.exists;
                acc.nonce = e.nonce;
                acc.balance = e.balance;
                acc.code_hash = e.code_hash;
                acc.storage_cleared = e.storage_cleared;
                acc.created_in_tx = e.created_in_tx;
                acc.destructed = e.destructed;
                acc.touched = e.touched;
                // Code that is not the committed account's is only known from the entry.
                const bool carries = carries_code(acc);
                const char* why = nullptr;
                if (carries && code_hash_of(e.code) != e.code_hash) {
                    why = "the code of a changed account is missing or does not match its hash";
                } else if (!carries && !e.code.empty()) {
                    why = "code given for an account whose code is the committed one";
                }
                if (why != nullptr) {
                    const StateReader& reader = v.reader;
                    impl_ = std::make_unique<Impl>(reader);
                    return fail("preload: " + std::string(why));
                }
                if (carries) {
                    acc.code = e.code;
                    acc.code_loaded = true;
                    acc.code_changed = true;
                }
                break;
            }
            case SubstateKind::storage:
                // Entries are sorted by kind, so the account's storage_cleared is already set
                // and decides the base value (the reader's, or zero).
                v.load_slot(e.address, e.key).current = e.value;
                break;
            case SubstateKind::warm_account:
                v.warm_accounts.insert(e.address);
                break;
            case SubstateKind::warm_slot:
                v.warm_slots.insert(Impl::SlotKey{e.address, e.key});
                break;
            case SubstateKind::transient:
                if (!e.value.is_zero()) v.transient[Impl::SlotKey{e.address, e.key}] = e.value;
                break;
        }
    }
    v.refund = s.refund;
    v.logs = s.logs;
    return {};
}

}  // namespace optimist::state
