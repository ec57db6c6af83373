// Nodes of the mutable Trie. Internal to the trie module.
#pragma once

#include "encoding.hpp"

#include <optimist/trie/trie.hpp>

#include <array>
#include <cstdint>

namespace optimist::trie::detail {

enum class NodeKind : std::uint8_t { leaf, extension, branch };

// Common header. The three kinds are separate types (not one struct with every field),
// so a leaf does not carry a branch's 16 child pointers; NodeDeleter dispatches on kind,
// which avoids a vtable.
struct Node {
    explicit Node(NodeKind k) noexcept : kind(k) {}

    NodeKind kind;
    // `ref` is stale: the node or something below it changed since it was last hashed.
    // Invariant: a dirty node's ancestors are dirty, so hashing visits only dirty paths.
    bool dirty = true;
    // The node has been handed to a commit() sink (or is embedded) since it last changed.
    // Invariant: an uncommitted node's ancestors are uncommitted.
    bool committed = false;
    NodeRef ref;
};

struct LeafNode : Node {
    LeafNode() noexcept : Node(NodeKind::leaf) {}
    Bytes path;   // nibbles: the rest of the key below the parent
    Bytes value;  // never empty
};

struct ExtensionNode : Node {
    ExtensionNode() noexcept : Node(NodeKind::extension) {}
    Bytes path;     // nibbles, never empty
    NodePtr child;  // always a branch
};

struct BranchNode : Node {
    BranchNode() noexcept : Node(NodeKind::branch) {}
    std::array<NodePtr, 16> children;
    Bytes value;  // the value of the key ending here, empty if none
};

inline LeafNode& as_leaf(Node& n) noexcept { return static_cast<LeafNode&>(n); }
inline const LeafNode& as_leaf(const Node& n) noexcept { return static_cast<const LeafNode&>(n); }
inline ExtensionNode& as_extension(Node& n) noexcept { return static_cast<ExtensionNode&>(n); }
inline const ExtensionNode& as_extension(const Node& n) noexcept {
    return static_cast<const ExtensionNode&>(n);
}
inline BranchNode& as_branch(Node& n) noexcept { return static_cast<BranchNode&>(n); }
inline const BranchNode& as_branch(const Node& n) noexcept { return static_cast<const BranchNode&>(n); }

// Marks a node changed: its hash must be recomputed and its encoding committed again.
inline void touch(Node& n) noexcept {
    n.dirty = true;
    n.committed = false;
}

// Recomputes the references of every dirty node under and including `node`.
// `scratch` is a reusable buffer.
const NodeRef& refresh(Node& node, Bytes& scratch);

// Appends the RLP of `node`. REQUIRES: refresh() ran since the last change below it.
void encode_node(const Node& node, Bytes& out);

}  // namespace optimist::trie::detail
