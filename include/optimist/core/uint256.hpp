// Uint256: the EVM word. 256-bit unsigned integer, four little-endian 64-bit limbs.
//
// Contract: every operation is total and noexcept, with EVM semantics (Yellow Paper,
// appendix H.2): arithmetic wraps modulo 2^256, division and modulo by zero yield zero,
// shifts by 256 or more yield zero (or all sign bits for `sar`). Signed operations read
// the word as two's complement. No heap, no exceptions, no global state: every function
// is safe to call from any thread.
//
// Layout of the API:
//   - this header: the type, its byte conversions, and the out-of-line operations
//     (division and everything built on it, exponentiation, decimal/hex strings), which
//     live in src/core/uint256.cpp;
//   - uint256_ops.hpp (included at the end): the cheap inline operations (+ - * & | ^ ~,
//     shifts, comparisons, EVM bit operations), constexpr where the language allows.
#pragma once

#include <optimist/core/bytes.hpp>

#include <array>
#include <cstdint>
#include <iosfwd>
#include <optional>
#include <string>
#include <string_view>
#include <utility>

namespace optimist {

struct Uint256 {
    std::array<std::uint64_t, 4> w{};  // w[0] least significant

    constexpr Uint256() noexcept = default;
    constexpr Uint256(std::uint64_t v) noexcept : w{v, 0, 0, 0} {}  // NOLINT(google-explicit-constructor)
    constexpr Uint256(std::uint64_t w0, std::uint64_t w1, std::uint64_t w2, std::uint64_t w3) noexcept
        : w{w0, w1, w2, w3} {}

    static constexpr Uint256 max() noexcept { return {~0ULL, ~0ULL, ~0ULL, ~0ULL}; }

    // Big-endian bytes. Inputs shorter than 32 bytes are left-padded with zeros; inputs
    // longer than 32 bytes keep only their last (least significant) 32 bytes, i.e. the
    // value is taken modulo 2^256, as the EVM does when it reads a word from a longer
    // big-endian number.
    static Uint256 from_be_bytes(ByteView bytes) noexcept;
    static Uint256 from_hash(const Hash& h) noexcept { return from_be_bytes(h); }
    // Writes exactly 32 big-endian bytes to `out`.
    void to_be_bytes(std::uint8_t out[32]) const noexcept;
    [[nodiscard]] Hash to_hash() const noexcept;
    // Big-endian without leading zero bytes (zero is empty), as RLP encodes integers.
    // The only operation here that allocates.
    [[nodiscard]] Bytes to_be_bytes_trimmed() const;

    constexpr bool is_zero() const noexcept { return (w[0] | w[1] | w[2] | w[3]) == 0; }
    constexpr bool fits_u64() const noexcept { return (w[1] | w[2] | w[3]) == 0; }
    constexpr explicit operator bool() const noexcept { return !is_zero(); }

    // Limb by limb without branches: the defaulted comparison went through std::array's
    // memcmp call, on every stack comparison and storage-map probe.
    friend constexpr bool operator==(const Uint256& x, const Uint256& y) noexcept {
        return ((x.w[0] ^ y.w[0]) | (x.w[1] ^ y.w[1]) | (x.w[2] ^ y.w[2]) | (x.w[3] ^ y.w[3])) == 0;
    }
};

// Quotient and remainder of an unsigned division.
struct DivResult {
    Uint256 quot;
    Uint256 rem;
};

// ---- Out-of-line operations (src/core/uint256.cpp) ----

// Unsigned a / b and a % b in one pass; {0, 0} when b is zero (EVM DIV/MOD).
// Cost: one native division when both fit in 64 bits, a reciprocal-based long division
// when b fits in 64 bits, Knuth's algorithm D otherwise.
[[nodiscard]] DivResult udivrem(const Uint256& a, const Uint256& b) noexcept;

// EVM SDIV: two's complement quotient rounded toward zero; zero when b is zero;
// sdiv(-2^255, -1) == -2^255 (the overflow wraps).
[[nodiscard]] Uint256 sdiv(const Uint256& a, const Uint256& b) noexcept;
// EVM SMOD: two's complement remainder whose sign follows the dividend `a`; zero when
// b is zero.
[[nodiscard]] Uint256 smod(const Uint256& a, const Uint256& b) noexcept;

// EVM ADDMOD / MULMOD: (a + b) mod m and (a * b) mod m computed exactly (257- and
// 512-bit intermediates, no wrap before the reduction); zero when m is zero.
[[nodiscard]] Uint256 addmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept;
[[nodiscard]] Uint256 mulmod(const Uint256& a, const Uint256& b, const Uint256& m) noexcept;

// EVM EXP: base^exponent mod 2^256; exp(x, 0) == 1 for every x, including 0.
// Left-to-right square-and-multiply, with 4-bit windows for exponents above 32 bits: at
// most 255 squarings and 77 multiplications. Powers of two (2, 256, ...) are one shift.
[[nodiscard]] Uint256 exp(const Uint256& base, const Uint256& exponent) noexcept;

// Decimal, without leading zeros ("0" for zero).
[[nodiscard]] std::string to_string(const Uint256& x);
// "0x" followed by minimal lower-case hex digits ("0x0" for zero), the JSON-RPC
// QUANTITY encoding.
[[nodiscard]] std::string to_hex(const Uint256& x);
// Parses decimal ("123") or hex with a "0x"/"0X" prefix ("0x7b", either digit case).
// Leading zeros are accepted. Returns nullopt for an empty string, a bare "0x", a sign,
// whitespace, any other invalid digit, or a value above 2^256 - 1.
[[nodiscard]] std::optional<Uint256> uint256_from_string(std::string_view s) noexcept;

// Writes to_hex(x): lets test frameworks and logs print the value.
std::ostream& operator<<(std::ostream& os, const Uint256& x);

}  // namespace optimist

#include <optimist/core/uint256_ops.hpp>
