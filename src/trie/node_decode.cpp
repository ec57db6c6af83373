#include "node_decode.hpp"

#include <optimist/core/keccak.hpp>

namespace optimist::trie {

std::string_view to_string(TrieError e) noexcept {
    switch (e) {
        case TrieError::missing_node:
            return "trie node missing from the store";
        case TrieError::hash_mismatch:
            return "stored trie node does not hash to its key";
        case TrieError::malformed_node:
            return "stored trie node is malformed";
    }
    return "unknown trie error";
}

namespace detail {

Result<DecodedNode, TrieError> decode_node(ByteView encoded) {
    const auto item = rlp::decode(encoded);
    if (!item || !item->is_list) return fail(TrieError::malformed_node);
    const auto fields = rlp::decode_list(*item);
    if (!fields) return fail(TrieError::malformed_node);
    const std::vector<rlp::Item>& f = *fields;

    DecodedNode node;
    if (f.size() == 2) {
        if (f[0].is_list) return fail(TrieError::malformed_node);
        auto hp = hex_prefix_decode(f[0].payload);
        if (!hp) return fail(TrieError::malformed_node);
        node.path = std::move(hp->nibbles);
        if (hp->is_leaf) {
            if (f[1].is_list || f[1].payload.empty()) return fail(TrieError::malformed_node);
            node.kind = NodeKind::leaf;
            node.value = f[1].payload;
        } else {
            if (node.path.empty() || !valid_ref(f[1], false)) return fail(TrieError::malformed_node);
            node.kind = NodeKind::extension;
            node.children[0] = f[1];
        }
        return node;
    }
    if (f.size() != 17 || f[16].is_list) return fail(TrieError::malformed_node);
    node.kind = NodeKind::branch;
    node.value = f[16].payload;
    int entries = node.value.empty() ? 0 : 1;
    for (std::size_t i = 0; i < 16; ++i) {
        if (!valid_ref(f[i], true)) return fail(TrieError::malformed_node);
        if (!is_empty_ref(f[i])) ++entries;
        node.children[i] = f[i];
    }
    // A canonical trie collapses a branch with fewer than two entries.
    if (entries < 2) return fail(TrieError::malformed_node);
    return node;
}

Result<Bytes, TrieError> fetch_node(const NodeSource& source, const Hash& hash) {
    std::optional<Bytes> node = source(hash);
    if (!node) return fail(TrieError::missing_node);
    if (keccak256(*node) != hash) return fail(TrieError::hash_mismatch);
    return std::move(*node);
}

Result<ByteView, TrieError> resolve_child(const NodeSource& source, const rlp::Item& ref, Bytes& buffer) {
    if (ref.is_list) return ref.encoded;
    auto node = fetch_node(source, Hash::right_aligned(ref.payload));
    if (!node) return fail(node.error());
    if (node->size() < 32) return fail(TrieError::malformed_node);
    buffer = std::move(*node);
    return ByteView(buffer);
}

}  // namespace detail
}  // namespace optimist::trie
