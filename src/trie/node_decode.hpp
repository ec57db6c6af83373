// Decoding stored trie nodes: the shared first step of lookup, prove and load_trie.
// Internal to the trie module.
#pragma once

#include "node.hpp"

#include <optimist/core/result.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/trie/node_store.hpp>

#include <array>

namespace optimist::trie::detail {

// A node decoded in place: the views point into the encoding it was decoded from.
struct DecodedNode {
    NodeKind kind = NodeKind::leaf;
    Bytes path;      // nibbles (leaf, extension)
    ByteView value;  // the leaf's value, or the branch's (empty if none)
    // Child references as RLP items: the extension's child is children[0]. Each is the
    // empty string (no child; branches only), a 32-byte hash string, or an embedded node
    // (a list whose encoding is under 32 bytes).
    std::array<rlp::Item, 16> children{};
};

// Decodes `encoded` and checks everything that can be checked without the children: a
// canonical trie holds nothing else, so what passes re-encodes to the same bytes.
[[nodiscard]] Result<DecodedNode, TrieError> decode_node(ByteView encoded);

// A child reference in a node: a hash, an embedded node (shorter than 32 bytes), or
// (branches only, `may_be_empty`) nothing.
[[nodiscard]] inline bool valid_ref(const rlp::Item& ref, bool may_be_empty) noexcept {
    if (ref.is_list) return ref.encoded.size() < 32;
    return ref.payload.size() == 32 || (may_be_empty && ref.payload.empty());
}

[[nodiscard]] inline bool is_empty_ref(const rlp::Item& ref) noexcept {
    return !ref.is_list && ref.payload.empty();
}
[[nodiscard]] inline bool is_hash_ref(const rlp::Item& ref) noexcept {
    return !ref.is_list && ref.payload.size() == 32;
}

// The stored node under `hash`, checked to hash to it.
[[nodiscard]] Result<Bytes, TrieError> fetch_node(const NodeSource& source, const Hash& hash);

// The encoding of the child that `ref` (not empty) refers to: the embedded bytes, or the
// fetched node, which is stored in `buffer` (the view then points into it). A hashed child
// under 32 bytes would have been embedded, so it is malformed.
[[nodiscard]] Result<ByteView, TrieError> resolve_child(const NodeSource& source, const rlp::Item& ref,
                                                        Bytes& buffer);

// Builds the mutable node encoded as `encoded`, which its parent refers to by `ref`, as
// load_trie does: clean and committed (it is stored already), with the same checks.
// Embedded children are built too (they are part of `encoded`); hashed children become
// HashNodes, which PartialTrie resolves on demand. `nibble_depth` is the length of the
// node's path from the root; `must_be_branch` when its parent is an extension.
// Recursion is bounded by the encoding's size (embedded nodes are under 32 bytes).
[[nodiscard]] Result<NodePtr, TrieError> build_node(ByteView encoded, const NodeRef& ref,
                                                    std::size_t nibble_depth, bool must_be_branch);

}  // namespace optimist::trie::detail
