// Overflow-checked fee arithmetic shared by validation and gas payment.
#pragma once

#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <optional>

namespace optimist::exec {

// a * b, or nullopt when the exact product does not fit in 256 bits.
[[nodiscard]] inline std::optional<Uint256> checked_mul(const Uint256& a, std::uint64_t b) noexcept {
    __extension__ using U128 = unsigned __int128;
    Uint256 r;
    std::uint64_t carry = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        const U128 t = static_cast<U128>(a.w[i]) * b + carry;
        r.w[i] = static_cast<std::uint64_t>(t);
        carry = static_cast<std::uint64_t>(t >> 64);
    }
    if (carry != 0) return std::nullopt;
    return r;
}

// a + b, or nullopt when the sum reaches 2^256.
[[nodiscard]] inline std::optional<Uint256> checked_add(const Uint256& a, const Uint256& b) noexcept {
    const auto [sum, carry] = add_overflow(a, b);
    if (carry) return std::nullopt;
    return sum;
}

// The price per gas the sender pays (EIP-1559): min(max_fee, base_fee + priority_fee).
// REQUIRES: max_fee >= base_fee (validated), so the result is at least the base fee.
[[nodiscard]] inline Uint256 effective_gas_price(const Uint256& max_fee, const Uint256& max_priority_fee,
                                                 const Uint256& base_fee) noexcept {
    const auto tip_cap = checked_add(base_fee, max_priority_fee);
    if (!tip_cap || max_fee < *tip_cap) return max_fee;
    return *tip_cap;
}

}  // namespace optimist::exec
