// Hashing, committing and proving: everything that turns nodes into encodings.
#include "node.hpp"

#include <optimist/core/keccak.hpp>

#include <cassert>

namespace optimist::trie {

namespace detail {

void NodeDeleter::operator()(Node* node) const noexcept {
    switch (node->kind) {
        case NodeKind::leaf:
            delete static_cast<LeafNode*>(node);
            return;
        case NodeKind::extension:
            delete static_cast<ExtensionNode*>(node);
            return;
        case NodeKind::branch:
            delete static_cast<BranchNode*>(node);
            return;
        case NodeKind::hash:
            delete static_cast<HashNode*>(node);
            return;
    }
}

void encode_node(const Node& node, Bytes& out) {
    switch (node.kind) {
        case NodeKind::leaf: {
            const LeafNode& leaf = as_leaf(node);
            encode_leaf(out, leaf.path, leaf.value);
            return;
        }
        case NodeKind::extension: {
            const ExtensionNode& ext = as_extension(node);
            encode_extension(out, ext.path, ext.child->ref);
            return;
        }
        case NodeKind::branch: {
            const BranchNode& branch = as_branch(node);
            std::array<const NodeRef*, 16> refs{};
            for (std::size_t i = 0; i < 16; ++i)
                if (branch.children[i]) refs[i] = &branch.children[i]->ref;
            encode_branch(out, refs, branch.value);
            return;
        }
        case NodeKind::hash:
            // Clean and committed, so neither refresh() nor commit encodes it; its parent
            // embeds only its reference.
            assert(false && "encode_node: an unresolved node has no encoding here");
            return;
    }
}

const NodeRef& refresh(Node& node, Bytes& scratch) {
    if (!node.dirty) return node.ref;
    // Children first: the parent's encoding embeds their references. They reuse
    // `scratch`, which is free again when they return.
    if (node.kind == NodeKind::extension) {
        refresh(*as_extension(node).child, scratch);
    } else if (node.kind == NodeKind::branch) {
        for (auto& child : as_branch(node).children)
            if (child) refresh(*child, scratch);
    }
    scratch.clear();
    encode_node(node, scratch);
    node.ref = NodeRef::of_encoding(scratch);
    node.dirty = false;
    return node.ref;
}

}  // namespace detail

using detail::as_branch;
using detail::as_extension;
using detail::Node;
using detail::NodeKind;

namespace {

// Emits the uncommitted nodes under `node`, children first. Committed nodes are skipped
// with their whole subtree: by the invariant nothing below them changed.
void commit_node(Node& node, Bytes& scratch, const NodeSink& sink) {
    if (node.committed) return;
    if (node.kind == NodeKind::extension) {
        commit_node(*as_extension(node).child, scratch, sink);
    } else if (node.kind == NodeKind::branch) {
        for (auto& child : as_branch(node).children)
            if (child) commit_node(*child, scratch, sink);
    }
    if (node.ref.is_hash()) {
        scratch.clear();
        encode_node(node, scratch);
        sink(node.ref.hash(), scratch);
    }
    node.committed = true;
}

}  // namespace

Hash Trie::root_hash() {
    if (!root_) return kEmptyRoot;
    return detail::root_hash_of(detail::refresh(*root_, scratch_));
}

void Trie::commit(const NodeSink& sink) {
    if (!root_) {
        committed_root_.reset();
        return;
    }
    const Hash root = root_hash();
    commit_node(*root_, scratch_, sink);
    // A root under 32 bytes is embedded nowhere, so it is stored by hash too.
    if (!root_->ref.is_hash() && committed_root_ != root) sink(root, root_->ref.view());
    committed_root_ = root;
}

std::vector<Bytes> Trie::prove(ByteView key) {
    std::vector<Bytes> proof;
    if (!root_) return proof;
    detail::refresh(*root_, scratch_);
    const Bytes nibbles = to_nibbles(key);
    NibbleView path = nibbles;
    const Node* node = root_.get();
    bool is_root = true;
    while (node != nullptr) {
        // Embedded nodes travel inside their parent's encoding.
        if (is_root || node->ref.is_hash()) {
            Bytes encoded;
            detail::encode_node(*node, encoded);
            proof.push_back(std::move(encoded));
        }
        is_root = false;
        switch (node->kind) {
            case NodeKind::leaf:
                return proof;
            case NodeKind::extension: {
                const auto& ext = as_extension(*node);
                const std::size_t n = ext.path.size();
                if (path.size() < n || common_prefix_length(ext.path, path) < n) return proof;
                path = path.subspan(n);
                node = ext.child.get();
                break;
            }
            case NodeKind::branch: {
                const auto& branch = as_branch(*node);
                if (path.empty()) return proof;
                node = branch.children[path[0]].get();
                path = path.subspan(1);
                break;
            }
            case NodeKind::hash:  // only in a PartialTrie, which has no prove()
                assert(false && "Trie holds no unresolved nodes");
                return proof;
        }
    }
    return proof;
}

}  // namespace optimist::trie
