// StateReader: read access to committed state, the state a transaction starts from.
//
// StateView (state_view.hpp) reads through this interface on the first access to each
// account, slot or code, and records what it read. Implementations: InMemoryState, the
// LevelDB-backed trie (sequencer), and the parallel executor's multi-version view.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/state/account.hpp>

#include <optional>

namespace optimist::state {

class StateReader {
public:
    virtual ~StateReader() = default;

    // nullopt when the account does not exist.
    [[nodiscard]] virtual std::optional<Account> read_account(const Address& address) const = 0;
    // Zero when the slot or account does not exist.
    [[nodiscard]] virtual Uint256 read_storage(const Address& address, const Uint256& key) const = 0;
    // The code with this hash; empty for kEmptyCodeHash or unknown hashes.
    [[nodiscard]] virtual Bytes read_code(const Hash& code_hash) const = 0;
};

}  // namespace optimist::state
