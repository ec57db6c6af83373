// Nibble paths and their hex-prefix (compact) encoding (Yellow Paper, appendix C).
//
// The trie addresses keys one nibble (4 bits) at a time, because a branch node has 16
// children. Paths are held unpacked, one nibble per byte (values 0..15): splitting and
// joining paths at odd positions is then plain vector slicing.
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace optimist::trie {

// A path of nibbles, one per byte, each in 0..15.
using NibbleView = std::span<const std::uint8_t>;

// Appends the nibbles of `bytes`, high nibble first (2 * bytes.size() of them).
void append_nibbles(Bytes& out, ByteView bytes);
[[nodiscard]] Bytes to_nibbles(ByteView bytes);

// Packs nibbles back into bytes. REQUIRES: nibbles.size() is even.
[[nodiscard]] Bytes from_nibbles(NibbleView nibbles);

[[nodiscard]] std::size_t common_prefix_length(NibbleView a, NibbleView b) noexcept;

// Three-way comparison in nibble order, a proper prefix sorting first. For even-length
// paths this is the byte order of the keys they spell.
[[nodiscard]] int compare_nibbles(NibbleView a, NibbleView b) noexcept;

// HP(path, is_leaf): a flag nibble (2 for a leaf, plus 1 when the path length is odd),
// a zero padding nibble when the length is even, then the path packed two per byte.
void append_hex_prefix(Bytes& out, NibbleView path, bool is_leaf);
[[nodiscard]] Bytes hex_prefix_encode(NibbleView path, bool is_leaf);
[[nodiscard]] constexpr std::size_t hex_prefix_length(std::size_t nibble_count) noexcept {
    return nibble_count / 2 + 1;
}

struct HexPrefixPath {
    Bytes nibbles;
    bool is_leaf = false;
};

// Inverse of hex_prefix_encode. Rejects (nullopt) what no encoder produces: an empty
// input, a flag nibble above 3, or a non-zero padding nibble, so each path has exactly
// one accepted encoding.
[[nodiscard]] std::optional<HexPrefixPath> hex_prefix_decode(ByteView encoded);

}  // namespace optimist::trie
