// The Merkle Patricia Trie of the Yellow Paper (appendix D), held in memory.
//
// Trie maps byte-string keys to non-empty byte-string values and commits to its content
// with a 32-byte root hash. Every node caches the reference its parent embeds (its RLP
// when shorter than 32 bytes, else its keccak256), and an update marks only the nodes on
// the touched path stale, so root_hash() after k updates re-hashes O(k * depth) nodes,
// not the whole trie.
//
// Storage stays outside: commit() hands the encoding of every hashed node changed since
// the previous commit to a caller-supplied sink (e.g. a LevelDB write batch), and the
// trie never touches a database itself (STYLE.md, practice 6).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/empty_hashes.hpp>

#include <array>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <vector>

namespace optimist::trie {

// The root of the trie with no keys.
inline constexpr Hash kEmptyRoot = kEmptyTrieRoot;

// Receives a node's hash and RLP encoding. `encoded` is valid only during the call.
using NodeSink = std::function<void(const Hash& hash, ByteView encoded)>;

// Receives a key and its value during an in-order walk; both views are valid only
// during the call.
using EntryVisitor = std::function<void(ByteView key, ByteView value)>;

namespace detail {
struct Node;
struct NodeDeleter {
    void operator()(Node* node) const noexcept;
};
using NodePtr = std::unique_ptr<Node, NodeDeleter>;
// Builds tries from stored nodes (load_trie, node_store.hpp); defined in src/trie.
struct TrieAccess;
}  // namespace detail

// Thread safety: none. Const methods may run concurrently with each other; anything
// else needs external synchronisation (root_hash, prove and commit refresh the caches).
//
// Recursion depth is bounded by the nibble length of the longest key (64 for the 32-byte
// keys of the state and storage tries).
class Trie {
public:
    Trie();
    ~Trie();
    Trie(Trie&&) noexcept;
    Trie& operator=(Trie&&) noexcept;
    Trie(const Trie&) = delete;
    Trie& operator=(const Trie&) = delete;

    // Inserts or replaces the value under `key`. An empty value erases the key: the trie
    // never holds empty values (the ethereum/tests fixtures write deletion as null).
    void put(ByteView key, ByteView value);

    // Removes `key`; returns whether it was present.
    bool erase(ByteView key);

    // The value under `key`. The view stays valid until the next mutation of the trie.
    [[nodiscard]] std::optional<ByteView> get(ByteView key) const;
    [[nodiscard]] bool contains(ByteView key) const { return get(key).has_value(); }

    [[nodiscard]] std::size_t size() const noexcept { return size_; }
    [[nodiscard]] bool empty() const noexcept { return size_ == 0; }

    // The smallest key strictly greater (next_key) or the largest key strictly smaller
    // (prev_key) than `key` in byte order, where a proper prefix sorts first. `key`
    // itself need not be present.
    [[nodiscard]] std::optional<Bytes> next_key(ByteView key) const;
    [[nodiscard]] std::optional<Bytes> prev_key(ByteView key) const;

    // Visits every entry in increasing key order.
    void for_each(const EntryVisitor& visit) const;

    // The root hash. Re-hashes only nodes changed since the previous call.
    [[nodiscard]] Hash root_hash();

    // Emits (hash, RLP) of every node stored by hash that changed since the previous
    // commit, children before parents, and the root node whatever its size (a root is
    // always referenced by hash). Embedded nodes (RLP under 32 bytes) are part of their
    // parent's encoding and are not emitted. Nothing is emitted for the empty trie.
    void commit(const NodeSink& sink);

    // The Merkle proof for `key` in the eth_getProof format: the RLP of each node on the
    // path from the root, root first, leaving out nodes embedded in their parent. It
    // proves inclusion when `key` is present and absence otherwise; check it with
    // verify_proof (proof.hpp). The empty trie has the empty proof.
    [[nodiscard]] std::vector<Bytes> prove(ByteView key);

private:
    friend struct detail::TrieAccess;

    detail::NodePtr root_;
    std::size_t size_ = 0;
    // Root hash last emitted by commit(), so a root that was embedded as a child before is
    // still emitted once it becomes the root.
    std::optional<Hash> committed_root_;
    Bytes scratch_;  // reused encoding buffer, so re-hashing does not allocate per node
};

}  // namespace optimist::trie
