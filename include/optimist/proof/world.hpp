// The world state as the step machine sees it: trie nodes and code by hash, and StateReaders
// over a root that read through them.
//
// The prover's World is its full node store (a database) with an overlay for the nodes the
// commit steps of earlier transactions in the block created; a verifier's World holds only
// the witness. Either way the state is reached by hash, so a missing or forged node is an
// error, never a wrong value.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/proof/substate_commitment.hpp>
#include <optimist/state/state_reader.hpp>
#include <optimist/state/write_set.hpp>
#include <optimist/trie/node_store.hpp>

#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <set>
#include <string>
#include <tuple>

namespace optimist::proof {

using CodeSource = std::function<std::optional<Bytes>(const Hash& code_hash)>;

struct World {
    trie::NodeSource nodes;
    CodeSource code;
};

// A World in memory (tests, the prover's overlay): nodes and code by hash.
class MemoryWorld {
public:
    void add_node(ByteView rlp);
    void add_code(ByteView code);
    // Serves this world's nodes and code, then `fallback`'s (may be empty).
    [[nodiscard]] World world(const World& fallback = {}) const;
    [[nodiscard]] std::size_t node_count() const noexcept { return nodes_->size(); }

private:
    std::shared_ptr<std::map<Hash, Bytes>> nodes_ = std::make_shared<std::map<Hash, Bytes>>();
    std::shared_ptr<std::map<Hash, Bytes>> codes_ = std::make_shared<std::map<Hash, Bytes>>();
};

// Writes a whole state (e.g. a genesis allocation: accounts with their code and storage) into
// `out` as trie nodes and code, and returns its root (equal to InMemoryState's for the same
// accounts).
[[nodiscard]] Hash build_state(MemoryWorld& out, const state::WriteSet& accounts);

// (kind, address, key): which substate entry.
struct EntryKey {
    state::SubstateKind kind = state::SubstateKind::account;
    Address address;
    Uint256 key;
    friend auto operator<=>(const EntryKey& a, const EntryKey& b) {
        return std::tie(a.kind, a.address, a.key) <=> std::tie(b.kind, b.address, b.key);
    }
    friend bool operator==(const EntryKey&, const EntryKey&) = default;
};
[[nodiscard]] std::string to_string(const EntryKey& k);

// StateReader over the state trie with root `root`. With a gate, only accounts and slots
// whose entry keys the gate lists may be read (the one-step verifier's rule: a step may read
// the pre-transaction state only where the witness also proved the dirty map); the first key
// read outside the gate and the first trie or code error are recorded, and such reads return
// empty values — the caller must check problem() after use.
class TrieStateReader final : public state::StateReader {
public:
    TrieStateReader(World world, const Hash& root, const std::set<EntryKey>* gate = nullptr);

    [[nodiscard]] std::optional<state::Account> read_account(const Address& address) const override;
    [[nodiscard]] Uint256 read_storage(const Address& address, const Uint256& key) const override;
    [[nodiscard]] Bytes read_code(const Hash& code_hash) const override;

    // The first key read outside the gate, if any.
    [[nodiscard]] const std::optional<EntryKey>& missing() const noexcept { return missing_; }
    // The first error (missing node, corrupt node, missing code), if any.
    [[nodiscard]] const std::optional<std::string>& problem() const noexcept { return problem_; }

private:
    bool allowed(const EntryKey& k) const;

    World world_;
    Hash root_;
    const std::set<EntryKey>* gate_;
    mutable std::optional<EntryKey> missing_;
    mutable std::optional<std::string> problem_;
    mutable std::map<Address, std::optional<state::Account>> accounts_;
};

}  // namespace optimist::proof
