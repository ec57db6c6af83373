// Committing to a transaction's substate (state/substate.hpp): its entries go into two sparse
// Merkle trees of depth 256 — the world map (accounts, storage slots: what the commit phase
// writes into the trie) and the transaction map (warm sets, transient storage: dropped when
// the transaction settles) — plus the logs chain and the refund counter.
//
// An entry's path is keccak256(kind || address || key) with its first byte replaced by the
// kind, so account entries sort before storage entries: the commit phase, taking the leftmost
// world entry each step, writes every account before any slot (a slot write then lands in the
// storage trie the account's own entry left, e.g. a cleared one).
#pragma once

#include <optimist/proof/sparse_merkle.hpp>
#include <optimist/proof/step_state.hpp>
#include <optimist/state/substate.hpp>

namespace optimist::proof {

inline constexpr unsigned kSubstateDepth = 256;

[[nodiscard]] bool in_world_map(state::SubstateKind kind) noexcept;
[[nodiscard]] Path entry_path(state::SubstateKind kind, const Address& address, const Uint256& key);
[[nodiscard]] inline Path entry_path(const state::SubstateEntry& e) { return entry_path(e.kind, e.address, e.key); }
// keccak256 of the entry's canonical encoding (code bytes excluded: the code hash binds them).
[[nodiscard]] Hash entry_leaf(const state::SubstateEntry& e);
void encode_entry(Bytes& out, const state::SubstateEntry& e);  // includes code bytes
[[nodiscard]] Result<state::SubstateEntry, std::string> decode_entry(ByteView in, std::size_t& pos);

struct SubstateTrees {
    SparseMerkleTree world{kSubstateDepth};
    SparseMerkleTree tx{kSubstateDepth};
};
[[nodiscard]] SubstateTrees substate_trees(const state::Substate& s);
// The full commitment of a substate (logs chained from zero).
[[nodiscard]] SubstateCommitment commit_substate(const state::Substate& s);

}  // namespace optimist::proof
