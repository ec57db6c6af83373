// Reading tries back from stored nodes: lookups, proofs and reloading a mutable Trie.
//
// Trie::commit hands each hashed node to a sink that a store keeps under the node's
// keccak256; this is the other direction. The trie module still never touches a database:
// the caller supplies a NodeSource (e.g. a LevelDB get). Stored nodes are data from
// outside, so every node is checked before it is used: it must hash to the reference its
// parent holds and decode as a canonical trie node, and anything else is an error value,
// never a crash or a wrong answer.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/trie/trie.hpp>

#include <functional>
#include <optional>
#include <string_view>
#include <vector>

namespace optimist::trie {

// The RLP of the node whose keccak256 is `hash`, or nullopt when it is not stored.
// Called only for nodes of 32 bytes or more and for roots (nodes under 32 bytes travel
// inside their parent). Must be safe to call as often as the walk needs; the functions
// below call it from the caller's thread only.
using NodeSource = std::function<std::optional<Bytes>(const Hash& hash)>;

enum class TrieError {
    missing_node,    // the source has no node under a hash the trie refers to
    hash_mismatch,   // the source returned bytes that do not hash to the requested hash
    malformed_node,  // not canonical RLP, or not a node a canonical trie contains (wrong
                     // item count, bad path, empty value, a branch with fewer than two
                     // entries, an extension not leading to a branch, a reference of the
                     // wrong size, a path deeper than kMaxNodeDepth)
};

[[nodiscard]] std::string_view to_string(TrieError e) noexcept;

// Paths longer than this many nodes are rejected as malformed, which bounds the work (and,
// for load_trie, the recursion) that stored data can cause. A key of n bytes spans at most
// 2n + 1 nodes (65 for the 32-byte keys of the state), so keys up to 255 bytes always fit.
inline constexpr std::size_t kMaxNodeDepth = 512;

// The value under `key` in the trie with root `root` (kEmptyRoot: the empty trie), or
// nullopt when the key is absent. Reads only the nodes on the key's path.
[[nodiscard]] Result<std::optional<Bytes>, TrieError> lookup(const NodeSource& source, const Hash& root,
                                                             ByteView key);

// The proof for `key` in the format of Trie::prove (eth_getProof, EIP-1186): the RLP of
// each hashed node on the key's path, root first; embedded nodes are not listed. It proves
// presence or absence; the empty trie has the empty proof.
[[nodiscard]] Result<std::vector<Bytes>, TrieError> prove(const NodeSource& source, const Hash& root,
                                                          ByteView key);

// Rebuilds the whole trie in memory from its stored nodes, so that it can be updated
// incrementally. The result has root_hash() == root, and commit() emits nothing until it
// changes (its nodes are already stored). Reads every node of the trie: O(size).
[[nodiscard]] Result<Trie, TrieError> load_trie(const NodeSource& source, const Hash& root);

}  // namespace optimist::trie
