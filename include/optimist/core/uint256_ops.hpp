// Inline operations on Uint256. Include <optimist/core/uint256.hpp>, which includes this
// file after declaring the type; the contract stated there (EVM semantics, noexcept, no
// heap) holds for everything here.
#pragma once

#include <optimist/core/uint256.hpp>

#include <cstddef>
#include <cstdint>
#include <type_traits>
#include <utility>

namespace optimist {

namespace uint256_detail {

__extension__ using U128 = unsigned __int128;

// Portable carry chains, used during constant evaluation and off x86-64. At run time on
// x86-64, add_overflow, sub_overflow and operator< use an add/adc or sub/sbb asm block
// instead: GCC 12 does not fuse __builtin_add_overflow chains into add/adc (GCC 14's
// __builtin_addcll does), and the portable chain is about twice as slow.
constexpr std::pair<Uint256, bool> add_portable(const Uint256& a, const Uint256& b) noexcept {
    Uint256 r;
    bool carry = false;
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t s = 0;
        const bool c1 = __builtin_add_overflow(a.w[i], b.w[i], &s);
        const bool c2 = __builtin_add_overflow(s, std::uint64_t{carry}, &r.w[i]);
        carry = c1 || c2;
    }
    return {r, carry};
}

constexpr std::pair<Uint256, bool> sub_portable(const Uint256& a, const Uint256& b) noexcept {
    Uint256 r;
    bool borrow = false;
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t d = 0;
        const bool b1 = __builtin_sub_overflow(a.w[i], b.w[i], &d);
        const bool b2 = __builtin_sub_overflow(d, std::uint64_t{borrow}, &r.w[i]);
        borrow = b1 || b2;
    }
    return {r, borrow};
}

// x = x * m + a; returns the limb carried out of the top (the part above 2^256).
constexpr std::uint64_t mul_add_small(Uint256& x, std::uint64_t m, std::uint64_t a) noexcept {
    std::uint64_t carry = a;
    for (std::size_t i = 0; i < 4; ++i) {
        const U128 t = static_cast<U128>(x.w[i]) * m + carry;
        x.w[i] = static_cast<std::uint64_t>(t);
        carry = static_cast<std::uint64_t>(t >> 64);
    }
    return carry;
}

// Value of a decimal or hex digit in either case; 99 for any other character.
constexpr int digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return 99;
}

// Shift helpers for 0 <= bits < 64: `hi << bits | lo >> (64 - bits)` without the
// undefined shift by 64 when bits == 0.
constexpr std::uint64_t funnel_left(std::uint64_t hi, std::uint64_t lo, unsigned bits) noexcept {
    return (hi << bits) | ((lo >> 1) >> (63 - bits));
}
constexpr std::uint64_t funnel_right(std::uint64_t hi, std::uint64_t lo, unsigned bits) noexcept {
    return (lo >> bits) | ((hi << 1) << (63 - bits));
}

}  // namespace uint256_detail

// ---- Addition and subtraction ----

// a + b mod 2^256, and whether the exact sum reached 2^256 (the carry).
[[nodiscard]] constexpr std::pair<Uint256, bool> add_overflow(const Uint256& a, const Uint256& b) noexcept {
#if defined(__x86_64__) && defined(__GNUC__)
    if (!std::is_constant_evaluated()) {
        Uint256 r = a;
        bool carry;
        asm("addq %[b0], %[r0]\n\t"
            "adcq %[b1], %[r1]\n\t"
            "adcq %[b2], %[r2]\n\t"
            "adcq %[b3], %[r3]"
            : [r0] "+&r"(r.w[0]), [r1] "+&r"(r.w[1]), [r2] "+&r"(r.w[2]), [r3] "+&r"(r.w[3]), "=@ccc"(carry)
            : [b0] "rm"(b.w[0]), [b1] "rm"(b.w[1]), [b2] "rm"(b.w[2]), [b3] "rm"(b.w[3]));
        return {r, carry};
    }
#endif
    return uint256_detail::add_portable(a, b);
}

// a - b mod 2^256, and whether b > a (the borrow).
[[nodiscard]] constexpr std::pair<Uint256, bool> sub_overflow(const Uint256& a, const Uint256& b) noexcept {
#if defined(__x86_64__) && defined(__GNUC__)
    if (!std::is_constant_evaluated()) {
        Uint256 r = a;
        bool borrow;
        asm("subq %[b0], %[r0]\n\t"
            "sbbq %[b1], %[r1]\n\t"
            "sbbq %[b2], %[r2]\n\t"
            "sbbq %[b3], %[r3]"
            : [r0] "+&r"(r.w[0]), [r1] "+&r"(r.w[1]), [r2] "+&r"(r.w[2]), [r3] "+&r"(r.w[3]), "=@ccc"(borrow)
            : [b0] "rm"(b.w[0]), [b1] "rm"(b.w[1]), [b2] "rm"(b.w[2]), [b3] "rm"(b.w[3]));
        return {r, borrow};
    }
#endif
    return uint256_detail::sub_portable(a, b);
}

[[nodiscard]] constexpr Uint256 operator+(const Uint256& a, const Uint256& b) noexcept {
    return add_overflow(a, b).first;
}
[[nodiscard]] constexpr Uint256 operator-(const Uint256& a, const Uint256& b) noexcept {
    return sub_overflow(a, b).first;
}
// Two's complement negation: 2^256 - a (and -0 == 0).
[[nodiscard]] constexpr Uint256 operator-(const Uint256& a) noexcept { return Uint256{} - a; }
[[nodiscard]] constexpr Uint256 operator+(const Uint256& a) noexcept { return a; }

// ---- Multiplication ----

// a * b mod 2^256: schoolbook on 64-bit limbs keeping only the low four limbs
// (6 full 64x64->128 products and 4 low-half products).
[[nodiscard]] constexpr Uint256 operator*(const Uint256& a, const Uint256& b) noexcept {
    using uint256_detail::U128;
    Uint256 r;
    U128 t = static_cast<U128>(a.w[0]) * b.w[0];
    r.w[0] = static_cast<std::uint64_t>(t);
    t = static_cast<U128>(a.w[1]) * b.w[0] + static_cast<std::uint64_t>(t >> 64);
    r.w[1] = static_cast<std::uint64_t>(t);
    t = static_cast<U128>(a.w[2]) * b.w[0] + static_cast<std::uint64_t>(t >> 64);
    r.w[2] = static_cast<std::uint64_t>(t);
    r.w[3] = a.w[3] * b.w[0] + static_cast<std::uint64_t>(t >> 64);

    t = static_cast<U128>(a.w[0]) * b.w[1] + r.w[1];
    r.w[1] = static_cast<std::uint64_t>(t);
    t = static_cast<U128>(a.w[1]) * b.w[1] + r.w[2] + static_cast<std::uint64_t>(t >> 64);
    r.w[2] = static_cast<std::uint64_t>(t);
    r.w[3] += a.w[2] * b.w[1] + static_cast<std::uint64_t>(t >> 64);

    t = static_cast<U128>(a.w[0]) * b.w[2] + r.w[2];
    r.w[2] = static_cast<std::uint64_t>(t);
    r.w[3] += a.w[1] * b.w[2] + static_cast<std::uint64_t>(t >> 64);

    r.w[3] += a.w[0] * b.w[3];
    return r;
}

// ---- Division (the general case is out of line, see udivrem) ----

[[nodiscard]] inline Uint256 operator/(const Uint256& a, const Uint256& b) noexcept {
    if (a.fits_u64() && b.fits_u64()) return b.w[0] == 0 ? Uint256{} : Uint256{a.w[0] / b.w[0]};
    return udivrem(a, b).quot;
}
[[nodiscard]] inline Uint256 operator%(const Uint256& a, const Uint256& b) noexcept {
    if (a.fits_u64() && b.fits_u64()) return b.w[0] == 0 ? Uint256{} : Uint256{a.w[0] % b.w[0]};
    return udivrem(a, b).rem;
}

// ---- Bitwise ----

[[nodiscard]] constexpr Uint256 operator&(const Uint256& a, const Uint256& b) noexcept {
    return {a.w[0] & b.w[0], a.w[1] & b.w[1], a.w[2] & b.w[2], a.w[3] & b.w[3]};
}
[[nodiscard]] constexpr Uint256 operator|(const Uint256& a, const Uint256& b) noexcept {
    return {a.w[0] | b.w[0], a.w[1] | b.w[1], a.w[2] | b.w[2], a.w[3] | b.w[3]};
}
[[nodiscard]] constexpr Uint256 operator^(const Uint256& a, const Uint256& b) noexcept {
    return {a.w[0] ^ b.w[0], a.w[1] ^ b.w[1], a.w[2] ^ b.w[2], a.w[3] ^ b.w[3]};
}
[[nodiscard]] constexpr Uint256 operator~(const Uint256& a) noexcept {
    return {~a.w[0], ~a.w[1], ~a.w[2], ~a.w[3]};
}

// ---- Shifts (by 256 or more: zero) ----

// Both shift every limb by n % 64 first, then move whole limbs with a four-way switch:
// about twice as fast as a loop over a variable limb offset.
[[nodiscard]] constexpr Uint256 operator<<(const Uint256& x, std::uint64_t n) noexcept {
    if (n >= 256) return {};
    const auto bits = static_cast<unsigned>(n % 64);
    const std::uint64_t t0 = x.w[0] << bits;
    const std::uint64_t t1 = uint256_detail::funnel_left(x.w[1], x.w[0], bits);
    const std::uint64_t t2 = uint256_detail::funnel_left(x.w[2], x.w[1], bits);
    const std::uint64_t t3 = uint256_detail::funnel_left(x.w[3], x.w[2], bits);
    switch (n / 64) {
        case 0:
            return {t0, t1, t2, t3};
        case 1:
            return {0, t0, t1, t2};
        case 2:
            return {0, 0, t0, t1};
        default:
            return {0, 0, 0, t0};
    }
}

[[nodiscard]] constexpr Uint256 operator>>(const Uint256& x, std::uint64_t n) noexcept {
    if (n >= 256) return {};
    const auto bits = static_cast<unsigned>(n % 64);
    const std::uint64_t t0 = uint256_detail::funnel_right(x.w[1], x.w[0], bits);
    const std::uint64_t t1 = uint256_detail::funnel_right(x.w[2], x.w[1], bits);
    const std::uint64_t t2 = uint256_detail::funnel_right(x.w[3], x.w[2], bits);
    const std::uint64_t t3 = x.w[3] >> bits;
    switch (n / 64) {
        case 0:
            return {t0, t1, t2, t3};
        case 1:
            return {t1, t2, t3, 0};
        case 2:
            return {t2, t3, 0, 0};
        default:
            return {t3, 0, 0, 0};
    }
}

[[nodiscard]] constexpr Uint256 operator<<(const Uint256& x, const Uint256& n) noexcept {
    return n.fits_u64() ? x << n.w[0] : Uint256{};
}
[[nodiscard]] constexpr Uint256 operator>>(const Uint256& x, const Uint256& n) noexcept {
    return n.fits_u64() ? x >> n.w[0] : Uint256{};
}

// ---- Unsigned order ----

[[nodiscard]] constexpr bool operator<(const Uint256& a, const Uint256& b) noexcept {
#if defined(__x86_64__) && defined(__GNUC__)
    if (!std::is_constant_evaluated()) {
        // Branch-free borrow chain: operands of mixed sizes make a limb-by-limb
        // comparison mispredict.
        std::uint64_t scratch;
        bool below;
        asm("movq %[a0], %[t]\n\t"
            "subq %[b0], %[t]\n\t"
            "movq %[a1], %[t]\n\t"
            "sbbq %[b1], %[t]\n\t"
            "movq %[a2], %[t]\n\t"
            "sbbq %[b2], %[t]\n\t"
            "movq %[a3], %[t]\n\t"
            "sbbq %[b3], %[t]"
            : [t] "=&r"(scratch), "=@ccc"(below)
            : [a0] "rm"(a.w[0]), [a1] "rm"(a.w[1]), [a2] "rm"(a.w[2]), [a3] "rm"(a.w[3]), [b0] "rm"(b.w[0]),
              [b1] "rm"(b.w[1]), [b2] "rm"(b.w[2]), [b3] "rm"(b.w[3]));
        return below;
    }
#endif
    return uint256_detail::sub_portable(a, b).second;
}
[[nodiscard]] constexpr bool operator>(const Uint256& a, const Uint256& b) noexcept { return b < a; }
[[nodiscard]] constexpr bool operator<=(const Uint256& a, const Uint256& b) noexcept { return !(b < a); }
[[nodiscard]] constexpr bool operator>=(const Uint256& a, const Uint256& b) noexcept { return !(a < b); }

// ---- Compound assignment, increment, decrement ----

constexpr Uint256& operator+=(Uint256& a, const Uint256& b) noexcept { return a = a + b; }
constexpr Uint256& operator-=(Uint256& a, const Uint256& b) noexcept { return a = a - b; }
constexpr Uint256& operator*=(Uint256& a, const Uint256& b) noexcept { return a = a * b; }
inline Uint256& operator/=(Uint256& a, const Uint256& b) noexcept { return a = a / b; }
inline Uint256& operator%=(Uint256& a, const Uint256& b) noexcept { return a = a % b; }
constexpr Uint256& operator&=(Uint256& a, const Uint256& b) noexcept { return a = a & b; }
constexpr Uint256& operator|=(Uint256& a, const Uint256& b) noexcept { return a = a | b; }
constexpr Uint256& operator^=(Uint256& a, const Uint256& b) noexcept { return a = a ^ b; }
constexpr Uint256& operator<<=(Uint256& a, std::uint64_t n) noexcept { return a = a << n; }
constexpr Uint256& operator>>=(Uint256& a, std::uint64_t n) noexcept { return a = a >> n; }
constexpr Uint256& operator<<=(Uint256& a, const Uint256& n) noexcept { return a = a << n; }
constexpr Uint256& operator>>=(Uint256& a, const Uint256& n) noexcept { return a = a >> n; }
constexpr Uint256& operator++(Uint256& a) noexcept { return a += 1; }
constexpr Uint256& operator--(Uint256& a) noexcept { return a -= 1; }
constexpr Uint256 operator++(Uint256& a, int) noexcept {
    const Uint256 old = a;
    a += 1;
    return old;
}
constexpr Uint256 operator--(Uint256& a, int) noexcept {
    const Uint256 old = a;
    a -= 1;
    return old;
}

// ---- Signed view and EVM bit operations ----

// Whether the two's complement reading is negative (bit 255 set).
[[nodiscard]] constexpr bool is_negative(const Uint256& a) noexcept { return (a.w[3] >> 63) != 0; }

// EVM SLT / SGT: signed comparison. Flipping the sign bit of both maps the signed order
// onto the unsigned one.
[[nodiscard]] constexpr bool slt(const Uint256& a, const Uint256& b) noexcept {
    constexpr std::uint64_t kSign = std::uint64_t{1} << 63;
    return Uint256{a.w[0], a.w[1], a.w[2], a.w[3] ^ kSign} < Uint256{b.w[0], b.w[1], b.w[2], b.w[3] ^ kSign};
}
[[nodiscard]] constexpr bool sgt(const Uint256& a, const Uint256& b) noexcept { return slt(b, a); }

// EVM SHL / SHR / SAR (EIP-145): the shift amount comes first.
[[nodiscard]] constexpr Uint256 shl(const Uint256& shift, const Uint256& value) noexcept {
    return value << shift;
}
[[nodiscard]] constexpr Uint256 shr(const Uint256& shift, const Uint256& value) noexcept {
    return value >> shift;
}
// Arithmetic right shift: fills with the sign bit; a shift of 256 or more gives 0 for a
// non-negative value and 2^256 - 1 (-1) for a negative one.
[[nodiscard]] constexpr Uint256 sar(const Uint256& shift, const Uint256& value) noexcept {
    if (!is_negative(value)) return value >> shift;
    return ~(~value >> shift);
}

// EVM BYTE: byte `index` of the 32-byte big-endian word (0 is the most significant);
// zero for index >= 32.
[[nodiscard]] constexpr Uint256 byte_at(const Uint256& index, const Uint256& x) noexcept {
    if (!index.fits_u64() || index.w[0] >= 32) return {};
    const std::uint64_t from_low = 31 - index.w[0];
    return Uint256{(x.w[from_low / 8] >> (from_low % 8 * 8)) & 0xff};
}

// EVM SIGNEXTEND: extends the sign of the two's complement number held in the low
// byte_index + 1 bytes of x; byte_index >= 31 leaves x unchanged.
[[nodiscard]] constexpr Uint256 signextend(const Uint256& byte_index, const Uint256& x) noexcept {
    if (!byte_index.fits_u64() || byte_index.w[0] >= 31) return x;
    const std::uint64_t sign_bit = byte_index.w[0] * 8 + 7;
    const unsigned limb = static_cast<unsigned>(sign_bit / 64);
    const unsigned bit = static_cast<unsigned>(sign_bit % 64);
    const bool negative = ((x.w[limb] >> bit) & 1) != 0;
    // Low mask up to and including the sign bit inside its limb; limbs above are all
    // sign, limbs below untouched.
    const std::uint64_t keep = (bit == 63) ? ~std::uint64_t{0} : (std::uint64_t{2} << bit) - 1;
    const std::uint64_t fill = negative ? ~std::uint64_t{0} : 0;
    Uint256 r = x;
    r.w[limb] = (x.w[limb] & keep) | (fill & ~keep);
    for (unsigned i = limb + 1; i < 4; ++i) r.w[i] = fill;
    return r;
}

// Number of leading zero bits (256 for zero).
[[nodiscard]] constexpr unsigned count_leading_zeros(const Uint256& x) noexcept {
    for (unsigned i = 4; i-- > 0;) {
        if (x.w[i] != 0) return (3 - i) * 64 + static_cast<unsigned>(__builtin_clzll(x.w[i]));
    }
    return 256;
}

// Bytes needed to write x big-endian without leading zeros (0 for zero): the byte
// length the EXP gas rule charges for (Yellow Paper, G_expbyte).
[[nodiscard]] constexpr unsigned count_significant_bytes(const Uint256& x) noexcept {
    return (256 - count_leading_zeros(x) + 7) / 8;
}

// ---- Literal ----

namespace literals {

namespace uint256_literal_detail {
// Deliberately not constexpr: reaching it during constant evaluation makes an invalid
// literal a compile error.
void invalid_uint256_literal();
}  // namespace uint256_literal_detail

// 115792089237316195423570985008687907853269984665640564039457584007913129639935_u256,
// 0xffff'ffff_u256: decimal or hex literals of any length up to 2^256 - 1, digit
// separators allowed; out-of-range or malformed literals do not compile.
template <char... Chars>
consteval Uint256 operator""_u256() noexcept {
    constexpr char kText[] = {Chars...};
    constexpr std::size_t kSize = sizeof...(Chars);
    std::size_t i = 0;
    std::uint64_t base = 10;
    if (kSize > 2 && kText[0] == '0' && (kText[1] == 'x' || kText[1] == 'X')) {
        base = 16;
        i = 2;
    } else if (kSize > 1 && kText[0] == '0') {
        uint256_literal_detail::invalid_uint256_literal();  // octal and binary are not supported
    }
    Uint256 x;
    for (; i < kSize; ++i) {
        if (kText[i] == '\'') continue;
        const auto digit = static_cast<std::uint64_t>(uint256_detail::digit_value(kText[i]));
        if (digit >= base) uint256_literal_detail::invalid_uint256_literal();
        if (uint256_detail::mul_add_small(x, base, digit) != 0)
            uint256_literal_detail::invalid_uint256_literal();
    }
    return x;
}

}  // namespace literals

}  // namespace optimist
