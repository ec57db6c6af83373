// load_trie: rebuilds a mutable Trie from stored nodes. Every node is created clean and
// committed with the reference it is stored under, so the loaded trie re-hashes and
// re-commits only what later updates touch. The same builder, without a source, turns one
// stored node into the nodes of a PartialTrie (detail::build_node).
#include "node_decode.hpp"

namespace optimist::trie {

namespace {

using detail::BranchNode;
using detail::DecodedNode;
using detail::ExtensionNode;
using detail::HashNode;
using detail::LeafNode;
using detail::NodeKind;
using detail::NodePtr;
using detail::NodeRef;

class Loader {
public:
    // Without a source (lazy), hashed children become HashNodes instead of being fetched.
    explicit Loader(const NodeSource* source) : source_(source) {}

    // Builds the node encoded as `encoded`, known to its parent by `ref`. `nibble_depth`
    // is the length of its path from the root.
    Result<NodePtr, TrieError> build(ByteView encoded, const NodeRef& ref, std::size_t depth,
                                     std::size_t nibble_depth, bool must_be_branch) {
        if (depth >= kMaxNodeDepth) return fail(TrieError::malformed_node);
        auto decoded = detail::decode_node(encoded);
        if (!decoded) return fail(decoded.error());
        DecodedNode& d = *decoded;
        // An extension always leads to a branch (Trie's mutations rely on it).
        if (must_be_branch && d.kind != NodeKind::branch) return fail(TrieError::malformed_node);

        NodePtr node;
        switch (d.kind) {
            case NodeKind::leaf: {
                // Keys are byte strings: a value at an odd nibble depth cannot be a key's.
                if ((nibble_depth + d.path.size()) % 2 != 0) return fail(TrieError::malformed_node);
                auto* leaf = new LeafNode();
                node.reset(leaf);
                leaf->path = std::move(d.path);
                leaf->value = to_bytes(d.value);
                ++size_;
                break;
            }
            case NodeKind::extension: {
                auto* ext = new ExtensionNode();
                node.reset(ext);
                auto child = build_child(d.children[0], depth, nibble_depth + d.path.size(), true);
                if (!child) return fail(child.error());
                ext->child = std::move(*child);
                ext->path = std::move(d.path);
                break;
            }
            case NodeKind::branch: {
                auto* branch = new BranchNode();
                node.reset(branch);
                if (!d.value.empty()) {
                    if (nibble_depth % 2 != 0) return fail(TrieError::malformed_node);
                    branch->value = to_bytes(d.value);
                    ++size_;
                }
                for (std::size_t i = 0; i < 16; ++i) {
                    if (detail::is_empty_ref(d.children[i])) continue;
                    auto child = build_child(d.children[i], depth, nibble_depth + 1, false);
                    if (!child) return fail(child.error());
                    branch->children[i] = std::move(*child);
                }
                break;
            }
            case NodeKind::hash:  // decode_node yields only the three stored kinds
                return fail(TrieError::malformed_node);
        }
        node->ref = ref;
        node->dirty = false;
        node->committed = true;
        return node;
    }

    [[nodiscard]] std::size_t size() const noexcept { return size_; }

private:
    Result<NodePtr, TrieError> build_child(const rlp::Item& ref, std::size_t depth, std::size_t nibble_depth,
                                           bool must_be_branch) {
        if (ref.is_list) {
            return build(ref.encoded, NodeRef::of_encoding(ref.encoded), depth + 1, nibble_depth,
                         must_be_branch);
        }
        const Hash hash = Hash::right_aligned(ref.payload);
        // Its kind is checked (must_be_branch) when a PartialTrie resolves it.
        if (source_ == nullptr) return NodePtr(new HashNode(hash));
        Bytes buffer;
        auto encoded = detail::resolve_child(*source_, ref, buffer);
        if (!encoded) return fail(encoded.error());
        return build(*encoded, NodeRef::of_hash(hash), depth + 1, nibble_depth, must_be_branch);
    }

    const NodeSource* source_;
    std::size_t size_ = 0;
};

}  // namespace

namespace detail {

Result<NodePtr, TrieError> build_node(ByteView encoded, const NodeRef& ref, std::size_t nibble_depth,
                                      bool must_be_branch) {
    Loader loader(nullptr);
    return loader.build(encoded, ref, 0, nibble_depth, must_be_branch);
}

}  // namespace detail

Result<Trie, TrieError> load_trie(const NodeSource& source, const Hash& root) {
    if (root == kEmptyRoot) return Trie{};
    auto encoded = detail::fetch_node(source, root);
    if (!encoded) return fail(encoded.error());
    // A root is stored by hash whatever its size; under 32 bytes its reference is itself.
    const NodeRef ref = encoded->size() < 32 ? NodeRef::of_encoding(*encoded) : NodeRef::of_hash(root);
    Loader loader(&source);
    auto node = loader.build(*encoded, ref, 0, 0, false);
    if (!node) return fail(node.error());
    return detail::TrieAccess::make(std::move(*node), loader.size(), root);
}

}  // namespace optimist::trie
