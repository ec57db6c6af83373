// Substate: the logical state of one transaction's StateView, as the fraud-proof step
// commitments see it (DESIGN "Suggested step commitments": the dirty map D over the
// pre-transaction state, plus the warm sets and transient storage).
//
// It is a function of the logical state only: how the view got there (journal, cached
// reads, writes undone by a revert, a slot written and written back) does not show. The
// journal is not part of it: a frame's revert is committed to by the root of D at its entry.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/log.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/state/account.hpp>

#include <cstdint>
#include <vector>

namespace optimist::state {

// The order of the kinds is the order of the entries (SubstateEntry::key_less).
enum class SubstateKind : std::uint8_t {
    account,       // present when a field differs from the committed record or a flag is set
    storage,       // present when the value differs from the slot's base value
    warm_account,  // EIP-2929: present when warm
    warm_slot,     // EIP-2929: present when warm
    transient,     // EIP-1153: present when non-zero
};

struct SubstateEntry {
    SubstateKind kind = SubstateKind::account;
    Address address;
    Uint256 key;  // storage, warm_slot, transient; zero for the others

    // --- account: the current record (zero fields when the account does not exist) ---------
    bool exists = false;
    std::uint64_t nonce = 0;
    Uint256 balance;
    Hash code_hash = kEmptyCodeHash;
    // The code, when it is not the committed account's (created in this transaction, or
    // code_hash differs from the committed one); empty otherwise, then read by hash.
    Bytes code;
    bool storage_cleared = false;  // created in this transaction: committed storage is gone
    bool created_in_tx = false;    // EIP-6780
    bool destructed = false;       // SELFDESTRUCT of an account created in this transaction
    bool touched = false;          // EIP-161

    // --- storage, transient: the current value ---------------------------------------------
    // A storage slot's base value is zero when its account's storage was cleared in this
    // transaction, else the committed value.
    Uint256 value;

    // The entry order: (kind, address, key).
    [[nodiscard]] friend bool key_less(const SubstateEntry& a, const SubstateEntry& b) noexcept {
        if (a.kind != b.kind) return a.kind < b.kind;
        if (a.address != b.address) return a.address < b.address;
        return a.key < b.key;
    }
    friend bool operator==(const SubstateEntry&, const SubstateEntry&) = default;
};

struct Substate {
    std::vector<SubstateEntry> entries;  // sorted by key_less, keys unique
    std::int64_t refund = 0;             // the SSTORE refund counter (EIP-3529)
    std::vector<Log> logs;               // in emission order
    friend bool operator==(const Substate&, const Substate&) = default;
};

}  // namespace optimist::state
