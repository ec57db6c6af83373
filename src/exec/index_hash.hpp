// Hashes of the keys Block-STM's BlockIndex tables hold: accounts and storage slots. Every
// lookup in the multi-version memory and the pre-state cache hashes its key first, dozens of
// times per transaction, so the words are multiplied by distinct odd constants independently
// (no chain of dependent multiplications, as in a byte-wise FNV) and combined; one final mix
// spreads the high bits into the low ones that the index takes.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <cstring>

namespace optimist::exec::detail {

// `tag` tells apart keys of different kinds at the same address.
[[nodiscard]] inline std::uint64_t unmixed_address_hash(const Address& a, std::uint8_t tag) noexcept {
    std::uint64_t lo = 0;
    std::uint64_t mid = 0;
    std::uint32_t hi = 0;
    std::memcpy(&lo, a.data(), 8);
    std::memcpy(&mid, a.data() + 8, 8);
    std::memcpy(&hi, a.data() + 16, 4);
    return (lo * 0x9e3779b97f4a7c15ULL) ^ (mid * 0xc2b2ae3d27d4eb4fULL) ^
           (((std::uint64_t{hi} << 8) | tag) * 0x165667b19e3779f9ULL);
}

[[nodiscard]] inline std::uint64_t unmixed_slot_hash(const Uint256& slot) noexcept {
    return (slot.w[0] * 0xd6e8feb86659fd93ULL) ^ (slot.w[1] * 0x9fb21c651e98df25ULL) ^
           (slot.w[2] * 0xa0761d6478bd642fULL) ^ (slot.w[3] * 0xe7037ed1a0b428dbULL);
}

[[nodiscard]] inline std::uint64_t finish_index_hash(std::uint64_t h) noexcept {
    h ^= h >> 32;
    h *= 0x9e3779b97f4a7c15ULL;
    return h ^ (h >> 29);
}

}  // namespace optimist::exec::detail
