// Node encodings shared by the mutable Trie and the one-shot trie_root builder
// (Yellow Paper, appendix D: the functions c and n).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/trie/nibbles.hpp>

#include <array>
#include <cstdint>

namespace optimist::trie::detail {

// How a parent refers to a child node: the child's RLP itself when shorter than 32 bytes
// (embedded), else the RLP string of its keccak256 (0xa0 followed by the hash). Either
// fits in 33 bytes, so a reference never needs the heap.
class NodeRef {
public:
    static constexpr std::size_t kHashRefSize = 33;

    // Empty reference: an absent child, encoded as the empty string.
    NodeRef() = default;

    // The reference to the node whose full RLP is `encoded`.
    static NodeRef of_encoding(ByteView encoded) noexcept;
    // The reference to a node of 32 bytes or more whose keccak256 is already known
    // (a node loaded from storage by its hash), without hashing it again.
    static NodeRef of_hash(const Hash& hash) noexcept;

    [[nodiscard]] bool is_hash() const noexcept { return size_ == kHashRefSize; }
    [[nodiscard]] bool is_empty() const noexcept { return size_ == 0; }
    [[nodiscard]] ByteView view() const noexcept { return {bytes_.data(), size_}; }
    // REQUIRES: is_hash().
    [[nodiscard]] Hash hash() const noexcept;

private:
    std::array<std::uint8_t, kHashRefSize> bytes_{};
    std::uint8_t size_ = 0;
};

// The hash a root is known by: keccak256 of its RLP, whether or not it is embeddable.
[[nodiscard]] Hash root_hash_of(const NodeRef& root) noexcept;

// Length of `s` encoded as an RLP string.
[[nodiscard]] std::size_t rlp_string_length(ByteView s) noexcept;
void append_rlp_string(Bytes& out, ByteView s);

// The encoders append the node's RLP to `out`.
// Leaf: [HP(path, leaf), value].
void encode_leaf(Bytes& out, NibbleView path, ByteView value);
// Extension: [HP(path, extension), child reference].
void encode_extension(Bytes& out, NibbleView path, const NodeRef& child);
// Branch: [child 0, ..., child 15, value]; an empty reference is the empty string.
void encode_branch(Bytes& out, const std::array<const NodeRef*, 16>& children, ByteView value);

}  // namespace optimist::trie::detail
