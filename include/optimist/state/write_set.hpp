// WriteSet and ReadSet: what one transaction changed and what it read.
//
// The executor applies write sets to committed state; the parallel executor validates read
// sets; the proof system builds witnesses from both (DESIGN decision 2). Entries are sorted
// by address (and slot), so iterating them is deterministic.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/state/account.hpp>

#include <utility>
#include <vector>

namespace optimist::state {

struct StorageWrite {
    Uint256 key;
    Uint256 value;  // zero deletes the slot
};

struct AccountWrite {
    Address address;
    // The account is removed from the state (self-destructed in the transaction that created
    // it, or touched while empty, EIP-161). Other fields are then meaningless.
    bool deleted = false;
    // Storage written before this transaction is wiped (the account was (re)created).
    bool storage_cleared = false;
    std::uint64_t nonce = 0;
    Uint256 balance;
    Hash code_hash = kEmptyCodeHash;
    bool code_changed = false;          // contract creation set new code (in `code`)
    Bytes code;
    std::vector<StorageWrite> storage;  // sorted by key; only slots whose value changed
};

struct WriteSet {
    std::vector<AccountWrite> accounts;  // sorted by address
};

struct ReadSet {
    std::vector<Address> accounts;                     // sorted, unique
    std::vector<std::pair<Address, Uint256>> storage;  // sorted, unique
};

}  // namespace optimist::state
