// BlockOverlay: the state inside a block being executed sequentially - the pre-block state
// overlaid with the write sets of the transactions applied so far, so that transaction i+1
// reads what transaction i wrote without committing anything to the store.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/state/write_set.hpp>

#include <cstddef>
#include <map>
#include <optional>

namespace optimist::exec {

// Reported as the storage root of an account whose storage changed in the block and is not
// known to be empty. The real root would need hashing the storage trie; StateView only asks
// whether the root is non-empty (has_committed_storage, the EIP-7610 CREATE collision rule),
// so the value only has to differ from kEmptyTrieRoot. Never a real root: no trie hashes to
// all ones that anyone can find.
inline constexpr Hash kUnknownStorageRoot = [] {
    Hash h;
    h.bytes.fill(0xff);
    return h;
}();

// Composes write sets exactly as state::InMemoryState::apply does (the reference): a deleted
// account is gone with its storage; storage_cleared wipes the storage written before; code
// changes only with code_changed; a storage write of zero deletes the slot.
//
// read_account's storage_root is exact for accounts whose storage the block did not touch
// (the pre-state's root is passed through). Otherwise it is kEmptyTrieRoot when the storage
// is known empty (wiped or absent before the block and no non-zero slot written since) and
// kUnknownStorageRoot when not. The one imprecision: an account whose pre-existing slots
// were all set to zero in the block, without being cleared, still reports a non-empty root
// (which pre-existing slots remain is not known without enumerating the pre-state).
//
// Thread safety: const methods may run concurrently with each other; apply must not run
// concurrently with anything. `pre` must outlive the overlay and must not change.
class BlockOverlay final : public state::StateReader {
public:
    explicit BlockOverlay(const state::StateReader& pre) : pre_(pre) {}

    [[nodiscard]] std::optional<state::Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override;
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override;

    // Layers one transaction's write set on top of what is there.
    void apply(const state::WriteSet& writes);

    [[nodiscard]] const state::StateReader& pre() const noexcept { return pre_; }

private:
    struct Entry {
        bool deleted = false;
        // The pre-state's storage is not visible: wiped by storage_cleared or a deletion.
        bool storage_cleared = false;
        std::uint64_t nonce = 0;
        Uint256 balance;
        Hash code_hash = kEmptyCodeHash;
        // Every slot written in the block since the last wipe; zero values shadow the
        // pre-state's slot (a deletion).
        std::map<Uint256, Uint256> storage;
        std::size_t nonzero_slots = 0;  // how many values in `storage` are non-zero
    };

    void apply_account(const state::AccountWrite& w);

    const state::StateReader& pre_;
    std::map<Address, Entry> accounts_;
    std::map<Hash, Bytes> code_;  // code deployed in the block, by hash
};

}  // namespace optimist::exec
