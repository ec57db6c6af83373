// lookup and prove over stored nodes: one walk along the key's path, iterative, reading
// only the nodes on that path. It follows Trie::prove step for step, so both produce the
// same proof for the same content.
#include "node_decode.hpp"

#include <algorithm>

namespace optimist::trie {

using detail::DecodedNode;
using detail::NodeKind;

namespace {

using Found = Result<std::optional<Bytes>, TrieError>;

// Walks from `root` along `key`; appends each node it reads from the source to `proof`
// when given (the root, and every hashed node; embedded nodes travel inside their parent).
Found walk(const NodeSource& source, const Hash& root, ByteView key, std::vector<Bytes>* proof) {
    if (root == kEmptyRoot) return std::optional<Bytes>{};
    auto root_node = detail::fetch_node(source, root);
    if (!root_node) return fail(root_node.error());
    Bytes buffer = std::move(*root_node);  // the last node read from the source
    if (proof != nullptr) proof->push_back(buffer);

    const Bytes nibbles = to_nibbles(key);
    NibbleView path = nibbles;
    ByteView encoded = buffer;
    bool after_extension = false;
    for (std::size_t depth = 0; depth < kMaxNodeDepth; ++depth) {
        auto node = detail::decode_node(encoded);
        if (!node) return fail(node.error());
        const DecodedNode& n = *node;
        // An extension always leads to a branch; anything else is not a canonical trie.
        if (after_extension && n.kind != NodeKind::branch) return fail(TrieError::malformed_node);

        const rlp::Item* next = nullptr;
        switch (n.kind) {
            case NodeKind::leaf:
                if (std::equal(path.begin(), path.end(), n.path.begin(), n.path.end()))
                    return std::optional<Bytes>(to_bytes(n.value));
                return std::optional<Bytes>{};
            case NodeKind::extension:
                if (path.size() < n.path.size() || !std::equal(n.path.begin(), n.path.end(), path.begin()))
                    return std::optional<Bytes>{};
                path = path.subspan(n.path.size());
                next = &n.children[0];
                after_extension = true;
                break;
            case NodeKind::branch:
                if (path.empty()) {
                    if (n.value.empty()) return std::optional<Bytes>{};
                    return std::optional<Bytes>(to_bytes(n.value));
                }
                next = &n.children[path[0]];
                path = path.subspan(1);
                after_extension = false;
                break;
            case NodeKind::hash:  // decode_node yields only the three stored kinds
                return fail(TrieError::malformed_node);
        }
        if (detail::is_empty_ref(*next)) return std::optional<Bytes>{};
        const bool hashed = detail::is_hash_ref(*next);
        auto child = detail::resolve_child(source, *next, buffer);
        if (!child) return fail(child.error());
        encoded = *child;
        if (hashed && proof != nullptr) proof->push_back(buffer);
    }
    return fail(TrieError::malformed_node);
}

}  // namespace

Result<std::optional<Bytes>, TrieError> lookup(const NodeSource& source, const Hash& root, ByteView key) {
    return walk(source, root, key, nullptr);
}

Result<std::vector<Bytes>, TrieError> prove(const NodeSource& source, const Hash& root, ByteView key) {
    std::vector<Bytes> proof;
    auto found = walk(source, root, key, &proof);
    if (!found) return fail(found.error());
    return proof;
}

}  // namespace optimist::trie
