// Conversions between EVM words and bytes, addresses and hashes, inline for the hot loop.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <cstring>

namespace optimist::evm::detail {

inline std::uint64_t load_be64(const std::uint8_t* p) noexcept {
    std::uint64_t v = 0;
    std::memcpy(&v, p, 8);
    return __builtin_bswap64(v);
}

inline void store_be64(std::uint8_t* p, std::uint64_t v) noexcept {
    v = __builtin_bswap64(v);
    std::memcpy(p, &v, 8);
}

// 32 big-endian bytes to a word.
inline Uint256 load_word(const std::uint8_t* p) noexcept {
    return Uint256{load_be64(p + 24), load_be64(p + 16), load_be64(p + 8), load_be64(p)};
}

// A word as 32 big-endian bytes.
inline void store_word(std::uint8_t* p, const Uint256& v) noexcept {
    store_be64(p, v.w[3]);
    store_be64(p + 8, v.w[2]);
    store_be64(p + 16, v.w[1]);
    store_be64(p + 24, v.w[0]);
}

// N (1..32) big-endian bytes to a word: PUSHn immediates.
template <std::size_t N>
inline Uint256 load_push(const std::uint8_t* p) noexcept {
    static_assert(N >= 1 && N <= 32);
    Uint256 r;
    // Fill limbs from the least significant end: the last byte is the lowest.
    std::size_t remaining = N;
    const std::uint8_t* end = p + N;
    for (std::size_t limb = 0; remaining > 0; ++limb) {
        const std::size_t take = remaining < 8 ? remaining : 8;
        std::uint64_t v = 0;
        for (std::size_t i = 0; i < take; ++i)
            v = (v << 8) | end[static_cast<std::ptrdiff_t>(i) - static_cast<std::ptrdiff_t>(take)];
        r.w[limb] = v;
        end -= take;
        remaining -= take;
    }
    return r;
}

inline Hash to_hash(const Uint256& v) noexcept {
    Hash h;
    store_word(h.data(), v);
    return h;
}

inline Uint256 to_word(const Hash& h) noexcept { return load_word(h.data()); }

inline Uint256 to_word(const Address& a) noexcept {
    std::uint32_t hi = 0;
    std::memcpy(&hi, a.data(), 4);
    return Uint256{load_be64(a.data() + 12), load_be64(a.data() + 4), __builtin_bswap32(hi), 0};
}

// The low 20 bytes of a word (Yellow Paper: addresses taken from the stack).
inline Address to_address(const Uint256& v) noexcept {
    Address a;
    const std::uint32_t hi = __builtin_bswap32(static_cast<std::uint32_t>(v.w[2]));
    std::memcpy(a.data(), &hi, 4);
    store_be64(a.data() + 4, v.w[1]);
    store_be64(a.data() + 12, v.w[0]);
    return a;
}

// Words needed to hold `bytes` bytes. REQUIRES: bytes < 2^64 - 31.
constexpr std::uint64_t num_words(std::uint64_t bytes) noexcept { return (bytes + 31) / 32; }

}  // namespace optimist::evm::detail
