// A trie updated knowing only some of its nodes: the stateless side of a fraud proof.
//
// A prover runs a block's trie operations against its full node store through a
// RecordingSource and publishes the recorded nodes (the witness). A verifier replays the
// same operations on a PartialTrie over witness_source(witness) and gets the same values
// and the same new root, having checked every node against the hash that commits to it
// (node_store.hpp): a witness can make the replay fail, never make it lie.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/trie/node_store.hpp>
#include <optimist/trie/trie.hpp>

#include <map>
#include <optional>
#include <span>
#include <utility>
#include <vector>

namespace optimist::trie {

// The trie with a given root, whose nodes are fetched from a NodeSource only when an
// operation needs them: the nodes on the key's path, and for erase the one surviving
// sibling of a branch the removal collapses (its kind decides the new shape). Untouched
// subtrees stay hash references. Each fetched node is checked as lookup() checks it (hash,
// canonical form, an extension leading to a branch, kMaxNodeDepth) and kept in memory.
//
// Errors: an operation that needs a node the source lacks fails with missing_node (and
// hash_mismatch / malformed_node for bad nodes) and leaves the content and root hash
// unchanged: updates fetch everything they need before changing anything. Nodes fetched
// before the failure stay cached, and the object remains usable.
//
// The root hash and the nodes commit() emits equal those of a Trie holding the same
// content: both share one implementation of the mutations and of hashing.
//
// Thread safety: none; the source is called only from the calling thread, during calls.
// Recursion depth is bounded by the nibble length of the longest key used.
class PartialTrie {
public:
    // The trie whose root is `root` (kEmptyRoot: the empty trie). Fetches nothing yet.
    PartialTrie(NodeSource source, const Hash& root);

    // The value under `key`, or nullopt when absent.
    [[nodiscard]] Result<std::optional<Bytes>, TrieError> get(ByteView key);

    // Inserts or replaces the value under `key`; an empty value erases it (as Trie::put).
    [[nodiscard]] Status<TrieError> put(ByteView key, ByteView value);

    // Removes `key`; returns whether it was present.
    [[nodiscard]] Result<bool, TrieError> erase(ByteView key);

    // Never fails: unfetched subtrees are known by their hashes.
    [[nodiscard]] Hash root_hash();

    // As Trie::commit: emits (hash, RLP) of the hashed nodes created since the previous
    // commit (fetched nodes are stored already and are not emitted), children first, and
    // the root whatever its size once it changed.
    void commit(const NodeSink& sink);

private:
    NodeSource source_;
    // The nodes, some of them unfetched (hash references). A Trie, so that root_hash and
    // commit are Trie's own code.
    Trie trie_;
};

// Wraps a source and records each node it delivers, so that a prover running its
// operations on a PartialTrie over source() learns exactly the witness a verifier needs
// to replay them. Only nodes that hash to the requested hash are recorded (anything else
// is rejected by the reader and has no place in a witness).
//
// Not copyable or movable: source() refers to this object, which must outlive it.
// Thread safety: none.
class RecordingSource {
public:
    explicit RecordingSource(NodeSource inner) : inner_(std::move(inner)) {}
    RecordingSource(const RecordingSource&) = delete;
    RecordingSource& operator=(const RecordingSource&) = delete;

    [[nodiscard]] NodeSource source();

    // The RLP of every recorded node, once each, ordered by hash (deterministic).
    [[nodiscard]] std::vector<Bytes> nodes() const;
    [[nodiscard]] std::size_t size() const noexcept { return recorded_.size(); }

private:
    NodeSource inner_;
    std::map<Hash, Bytes> recorded_;
};

// A source serving exactly `nodes` (a witness), each under its keccak256. It owns a copy
// of them and may be copied and called freely. O(total size) to build.
[[nodiscard]] NodeSource witness_source(std::span<const Bytes> nodes);

}  // namespace optimist::trie
