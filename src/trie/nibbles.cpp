#include <optimist/trie/nibbles.hpp>

#include <algorithm>

namespace optimist::trie {

void append_nibbles(Bytes& out, ByteView bytes) {
    // Sized once and written by index: this runs for every key of every trie operation.
    const std::size_t start = out.size();
    out.resize(start + 2 * bytes.size());
    std::uint8_t* p = out.data() + start;
    for (const std::uint8_t b : bytes) {
        *p++ = static_cast<std::uint8_t>(b >> 4);
        *p++ = static_cast<std::uint8_t>(b & 0x0f);
    }
}

Bytes to_nibbles(ByteView bytes) {
    Bytes out;
    append_nibbles(out, bytes);
    return out;
}

Bytes from_nibbles(NibbleView nibbles) {
    Bytes out(nibbles.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i)
        out[i] = static_cast<std::uint8_t>((nibbles[2 * i] << 4) | nibbles[2 * i + 1]);
    return out;
}

std::size_t common_prefix_length(NibbleView a, NibbleView b) noexcept {
    const std::size_t n = std::min(a.size(), b.size());
    std::size_t i = 0;
    while (i < n && a[i] == b[i]) ++i;
    return i;
}

int compare_nibbles(NibbleView a, NibbleView b) noexcept {
    const std::size_t i = common_prefix_length(a, b);
    if (i < a.size() && i < b.size()) return a[i] < b[i] ? -1 : 1;
    if (a.size() == b.size()) return 0;
    return a.size() < b.size() ? -1 : 1;
}

void append_hex_prefix(Bytes& out, NibbleView path, bool is_leaf) {
    const auto flag = static_cast<std::uint8_t>(is_leaf ? 2 : 0);
    const std::size_t start = out.size();
    out.resize(start + hex_prefix_length(path.size()));
    std::uint8_t* p = out.data() + start;
    std::size_t i = 0;
    if (path.size() % 2 == 1) {
        // Odd length: the first nibble shares the flag byte.
        *p++ = static_cast<std::uint8_t>(((flag | 1) << 4) | path[0]);
        i = 1;
    } else {
        *p++ = static_cast<std::uint8_t>(flag << 4);
    }
    for (; i < path.size(); i += 2) *p++ = static_cast<std::uint8_t>((path[i] << 4) | path[i + 1]);
}

Bytes hex_prefix_encode(NibbleView path, bool is_leaf) {
    Bytes out;
    out.reserve(hex_prefix_length(path.size()));
    append_hex_prefix(out, path, is_leaf);
    return out;
}

std::optional<HexPrefixPath> hex_prefix_decode(ByteView encoded) {
    if (encoded.empty()) return std::nullopt;
    const std::uint8_t flag = encoded[0] >> 4;
    if (flag > 3) return std::nullopt;
    const bool odd = (flag & 1) != 0;
    if (!odd && (encoded[0] & 0x0f) != 0) return std::nullopt;
    HexPrefixPath out;
    out.is_leaf = (flag & 2) != 0;
    out.nibbles.reserve(2 * encoded.size());
    if (odd) out.nibbles.push_back(encoded[0] & 0x0f);
    append_nibbles(out.nibbles, encoded.subspan(1));
    return out;
}

}  // namespace optimist::trie
