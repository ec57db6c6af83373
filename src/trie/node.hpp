// Nodes of the mutable Trie. Internal to the trie module.
#pragma once

#include "encoding.hpp"

#include <optimist/trie/trie.hpp>

#include <array>
#include <cstdint>
#include <optional>
#include <utility>

namespace optimist::trie::detail {

// `hash` is a node known only by its reference: a subtree of a PartialTrie that has not
// been fetched yet. A Trie never holds one; a PartialTrie resolves one (replaces it by the
// decoded node) before any operation descends into it or needs its kind.
enum class NodeKind : std::uint8_t { leaf, extension, branch, hash };

// Common header. The kinds are separate types (not one struct with every field),
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

// Always clean and committed: it stands for a node that is stored already, and its `ref`
// (a hash reference) is all its parent's encoding needs, so refresh() and commit never
// look inside it.
struct HashNode : Node {
    explicit HashNode(const Hash& hash) noexcept : Node(NodeKind::hash) {
        dirty = false;
        committed = true;
        ref = NodeRef::of_hash(hash);
    }
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

// The mutations, shared by Trie and PartialTrie so that both restructure identically
// (the root of a PartialTrie must equal that of a full Trie with the same content).
// They never fail, so a PartialTrie must first resolve every HashNode they will descend
// into or inspect: the nodes on the key's path and, for remove, the surviving child of a
// branch left with a single entry (see partial_trie.cpp). Meeting a HashNode there is a
// bug (asserted). Recursion depth is bounded by the path length.
enum class PutOutcome { unchanged, replaced, inserted };
PutOutcome insert(NodePtr& slot, NibbleView path, ByteView value);
// Returns whether the key was present (and is now removed).
bool remove(NodePtr& slot, NibbleView path);
// The leaf or branch holding the value of `path`, or nullptr.
const Node* find(const Node* node, NibbleView path);

// Recomputes the references of every dirty node under and including `node`.
// `scratch` is a reusable buffer.
const NodeRef& refresh(Node& node, Bytes& scratch);

// Appends the RLP of `node`. REQUIRES: refresh() ran since the last change below it.
void encode_node(const Node& node, Bytes& out);

// The one way into Trie's representation from outside trie.cpp (a friend of Trie): used
// by load_trie, and by PartialTrie, which keeps its nodes in a Trie to reuse its hashing
// and commit.
struct TrieAccess {
    static Trie make(NodePtr root, std::size_t size, const std::optional<Hash>& committed_root) {
        Trie t;
        t.root_ = std::move(root);
        t.size_ = size;
        t.committed_root_ = committed_root;
        return t;
    }
    static NodePtr& root(Trie& t) noexcept { return t.root_; }
};

}  // namespace optimist::trie::detail
