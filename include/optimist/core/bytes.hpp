// Byte strings and fixed-size byte arrays (hashes, addresses) shared by every module.
#pragma once

#include <algorithm>
#include <array>
#include <compare>
#include <cstddef>
#include <cstdint>
#include <cstring>
#include <span>
#include <type_traits>
#include <vector>

namespace optimist {

using Bytes = std::vector<std::uint8_t>;
using ByteView = std::span<const std::uint8_t>;

// A value type of exactly N bytes, ordered lexicographically (as keys sort in tries and
// maps, which keeps every iteration that feeds a hash deterministic).
template <std::size_t N>
struct FixedBytes {
    std::array<std::uint8_t, N> bytes{};

    static constexpr std::size_t size() noexcept { return N; }
    constexpr std::uint8_t* data() noexcept { return bytes.data(); }
    constexpr const std::uint8_t* data() const noexcept { return bytes.data(); }
    constexpr std::uint8_t& operator[](std::size_t i) noexcept { return bytes[i]; }
    constexpr const std::uint8_t& operator[](std::size_t i) const noexcept { return bytes[i]; }
    constexpr auto begin() const noexcept { return bytes.begin(); }
    constexpr auto end() const noexcept { return bytes.end(); }
    constexpr operator ByteView() const noexcept { return {bytes.data(), N}; }  // NOLINT
    constexpr ByteView view() const noexcept { return {bytes.data(), N}; }

    constexpr bool is_zero() const noexcept {
        return std::all_of(bytes.begin(), bytes.end(), [](std::uint8_t b) { return b == 0; });
    }

    // Copies `src` right-aligned (big-endian numbers and addresses taken from 32-byte
    // words keep their low-order bytes). REQUIRES: src.size() <= N.
    static constexpr FixedBytes right_aligned(ByteView src) noexcept {
        FixedBytes out;
        std::copy(src.begin(), src.end(), out.bytes.begin() + (N - src.size()));
        return out;
    }

    // memcmp of a constant length, which GCC expands inline for equality: the defaulted
    // comparison reached a memcmp call through std::array, on every probe of every map keyed
    // by addresses and hashes (the state's caches, warm sets).
    friend constexpr bool operator==(const FixedBytes& x, const FixedBytes& y) noexcept {
        if (std::is_constant_evaluated()) return x.bytes == y.bytes;
        return std::memcmp(x.bytes.data(), y.bytes.data(), N) == 0;
    }
    friend constexpr auto operator<=>(const FixedBytes&, const FixedBytes&) = default;
};

using Hash = FixedBytes<32>;
using Address = FixedBytes<20>;

inline ByteView as_view(const Bytes& b) noexcept { return {b.data(), b.size()}; }

inline Bytes to_bytes(ByteView v) { return Bytes(v.begin(), v.end()); }

inline void append(Bytes& out, ByteView v) { out.insert(out.end(), v.begin(), v.end()); }

// Hash functor for unordered containers keyed by FixedBytes. Every byte counts: addresses
// such as precompiles (0x00..01 - 0x00..0a) differ only in their last bytes.
struct FixedBytesHasher {
    template <std::size_t N>
    std::size_t operator()(const FixedBytes<N>& v) const noexcept {
        std::uint64_t h = 0xcbf29ce484222325ULL;
        std::size_t i = 0;
        for (; i + 8 <= N; i += 8) {
            std::uint64_t word;
            std::memcpy(&word, v.data() + i, 8);
            h = (h ^ word) * 0x100000001b3ULL;
            h ^= h >> 29;
        }
        for (; i < N; ++i) h = (h ^ v[i]) * 0x100000001b3ULL;
        return static_cast<std::size_t>(h ^ (h >> 32));
    }
};

}  // namespace optimist
