// Helpers shared by the trie tests: deterministic random content and a reference model.
#pragma once

#include <optimist/core/bytes.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <map>
#include <random>
#include <string_view>
#include <utility>
#include <vector>

namespace optimist::trie::test {

// Byte order with a proper prefix first, as std::less<Bytes> but written out: GCC 12 at
// -O3 reports a false -Wstringop-overread for std::vector's operator<=> inlined into
// std::map lookups.
struct BytesLess {
    bool operator()(const Bytes& a, const Bytes& b) const noexcept {
        const std::size_t n = std::min(a.size(), b.size());
        const int c = n == 0 ? 0 : std::memcmp(a.data(), b.data(), n);
        return c != 0 ? c < 0 : a.size() < b.size();
    }
};

// The reference model the tries are checked against.
using Content = std::map<Bytes, Bytes, BytesLess>;

inline Bytes str_bytes(std::string_view s) { return Bytes(s.begin(), s.end()); }

inline Bytes random_bytes(std::mt19937_64& rng, std::size_t n) {
    Bytes out(n);
    for (auto& b : out) b = static_cast<std::uint8_t>(rng());
    return out;
}

// Keys of mixed lengths over a small alphabet, so that many keys share prefixes and many
// are proper prefixes of others (the branch-value and extension-split cases), plus values
// that are tiny (single bytes below 0x80 encode as themselves), embedded-size or long.
inline Content random_content(std::mt19937_64& rng, std::size_t n) {
    Content content;
    std::uniform_int_distribution<int> key_len(0, 6);
    std::uniform_int_distribution<int> value_kind(0, 3);
    while (content.size() < n) {
        Bytes key(static_cast<std::size_t>(key_len(rng)));
        for (auto& b : key) b = static_cast<std::uint8_t>(rng() % 4 * 0x11);  // 0x00,0x11,0x22,0x33
        if (rng() % 3 == 0) key = random_bytes(rng, 1 + rng() % 40);
        Bytes value;
        switch (value_kind(rng)) {
            case 0:
                value = {static_cast<std::uint8_t>(rng() % 0x80)};
                break;  // includes 0x00
            case 1:
                value = random_bytes(rng, 1 + rng() % 8);
                break;
            case 2:
                value = random_bytes(rng, 20 + rng() % 20);
                break;
            default:
                value = random_bytes(rng, 60 + rng() % 100);
                break;
        }
        content[key] = value;
    }
    return content;
}

inline Content random_fixed_content(std::mt19937_64& rng, std::size_t n, std::size_t key_size = 32) {
    Content content;
    while (content.size() < n) content[random_bytes(rng, key_size)] = random_bytes(rng, 32);
    return content;
}

inline std::vector<std::pair<Bytes, Bytes>> as_items(const Content& content) {
    return {content.begin(), content.end()};
}

}  // namespace optimist::trie::test
