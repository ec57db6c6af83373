// The secure-trie keys of accounts (keccak256 of the address) and of storage slots
// (keccak256 of the 32-byte slot), remembered per thread.
//
// Every read of the committed state hashes its key, and a block reads the same few contracts,
// tokens and slots (a router, a pool's reserves, the coinbase) over and over: each hash costs a
// Keccak permutation (about 0.4 µs), as much as the trie walk it leads. A small direct-mapped
// table per thread answers those repeats; a miss costs one comparison. Per thread, so it
// needs no lock and the parallel executor's workers do not share cache lines through it.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

namespace optimist::state::detail {

[[nodiscard]] Hash hashed_address(const Address& address);
[[nodiscard]] Hash hashed_slot(const Uint256& slot);

}  // namespace optimist::state::detail
