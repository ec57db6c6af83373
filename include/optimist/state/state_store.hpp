// StateStore: the persistent world state, Merkle Patricia Tries stored in LevelDB.
//
// The head (working) state is held as in-memory tries: the account trie and one storage
// trie per account with storage, all loaded at open() from the stored nodes. apply() updates
// them by write set, state_root() re-hashes only the paths touched since the last call, and
// commit() adds every node (and code) changed since the last commit to the caller's write
// batch, which the chain store writes together with the block (DESIGN decision 6). Older
// states stay readable: nodes are content-addressed and never deleted, so reader_at() and
// proof() read any committed root straight from the database.
//
// Key layout (the state owns exactly these two prefixes of the database; the chain store
// owns the others):
//   "n" ‖ keccak256(node RLP) -> node RLP      nodes of the account trie and of every storage
//                                              trie, one shared content-addressed space
//                                              (roots under 32 bytes are stored too)
//   "c" ‖ code hash           -> code          contract code (never the empty code)
// The account trie maps keccak256(address) to encode_account(); a storage trie maps
// keccak256(slot as 32 bytes) to rlp(value) (Yellow Paper 4.1, appendix D).
//
// Limitation: every storage trie of the head state is kept in memory (loaded at open), which
// suits a devnet-sized state; lazy loading of storage tries from nodes comes later. Nothing
// is garbage-collected: replaced nodes remain in the database (they serve historical reads).
//
// Thread safety: apply, state_root and commit, and the StateReader methods on the head state,
// need external synchronisation between writers and readers (the node holds a shared_mutex:
// reads of the head under a shared lock may run concurrently with each other). reader_at(),
// proof() and the readers reader_at() returns read only the database (plus an internal
// mutex-guarded code cache), so they are safe from any thread at any time, also while apply
// or commit run. The Database must outlive the store and every reader it hands out.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/db/database.hpp>
#include <optimist/state/account.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/state/write_set.hpp>

#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <vector>

namespace optimist::state {

inline constexpr std::uint8_t kNodeKeyPrefix = 'n';
inline constexpr std::uint8_t kCodeKeyPrefix = 'c';

class StateStore final : public StateReader {
public:
    // Loads the head state whose root is `root` (kEmptyTrieRoot: the empty state) from the
    // stored nodes. Fails when a node is missing or corrupt. Reads the whole state: O(size).
    [[nodiscard]] static Result<std::unique_ptr<StateStore>, std::string> open(db::Database& db,
                                                                               const Hash& root);

    ~StateStore() override;
    StateStore(const StateStore&) = delete;
    StateStore& operator=(const StateStore&) = delete;

    // StateReader on the head state (everything applied so far, committed or not): served
    // from the in-memory tries, and code from pending code, a cache and the database.
    [[nodiscard]] std::optional<Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override;
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override;

    // Applies one transaction's (or genesis') writes with the semantics of
    // InMemoryState::apply: `deleted` removes the account and its storage, `storage_cleared`
    // drops the storage before the slot writes, `code_changed` sets the code (its hash is
    // recomputed from the code), zero slot values delete the slot. The storage roots of the
    // accounts written are re-hashed here (touched paths only), so read_account is exact
    // between transactions.
    void apply(const WriteSet& writes);

    // The root of the head state. Re-hashes only the account-trie paths touched since the
    // last call.
    [[nodiscard]] Hash state_root();

    // Adds every node and every code changed since the last commit to `batch`, under the
    // keys above, so the new root (state_root()) is complete in the database once the caller
    // writes the batch. REQUIRES: the batch is written before the next commit().
    void commit(db::WriteBatch& batch);

    // A reader of the state at `root`, a root whose nodes are in the database (committed and
    // written), read straight from the stored nodes; nullptr when the root is not stored.
    // A node found missing or corrupt later is logged and reads as absent (the StateReader
    // interface has no error channel; proof() reports such errors).
    [[nodiscard]] std::unique_ptr<StateReader> reader_at(const Hash& root) const;

    // A stored trie node by its hash (any committed root's), for readers that walk tries
    // themselves (the fraud-proof prover). Thread-safe like reader_at().
    [[nodiscard]] std::optional<Bytes> node(const Hash& hash) const;

    // eth_getProof (EIP-1186) data at a committed root: the account (default-valued when
    // absent: zero nonce and balance, empty code hash and storage root) with its proof
    // against `root`, and each slot's value with its proof against the account's storage root.
    struct StorageProof {
        Uint256 key;
        Uint256 value;
        std::vector<Bytes> proof;
    };
    struct AccountProof {
        Address address;
        Account account;
        std::vector<Bytes> account_proof;
        std::vector<StorageProof> storage;
    };
    [[nodiscard]] Result<AccountProof, std::string> proof(const Hash& root, const Address& address,
                                                          std::span<const Uint256> slots) const;

private:
    struct Impl;
    explicit StateStore(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace optimist::state
