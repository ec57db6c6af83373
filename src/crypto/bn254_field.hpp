// The base field Fp of bn254 (alt_bn128, EIP-196) and its quadratic extension
// Fp2 = Fp[u] / (u^2 + 1) (EIP-197), private to the crypto module.
//
// Elements are kept in Montgomery form (a * 2^256 mod p) on four 64-bit limbs, always
// fully reduced, so equality is limb equality. Everything is constexpr so that the
// curve and tower constants derived from p (R^2, the twist coefficient, the Frobenius
// coefficients) are computed by the compiler instead of being transcribed by hand.
// Not constant time: every input of the precompiles is public.
#pragma once

#include "carry_chain.hpp"

#include <array>
#include <cstdint>
#include <type_traits>

namespace optimist::crypto::bn254 {

// A 256-bit number, least significant limb first.
using Limbs = std::array<std::uint64_t, 4>;

// p = 21888242871839275222246405745257275088696311157297823662689037894645226208583.
inline constexpr Limbs kModulus = {0x3c208c16d87cfd47, 0x97816a916871ca8d, 0xb85045b68181585d,
                                   0x30644e72e131a029};

namespace detail {

using Uint128 = unsigned __int128;

using crypto::add_carry;
using crypto::sub_borrow;

// The full 128-bit product a * b as (lo, hi).
constexpr std::uint64_t mul_wide(std::uint64_t a, std::uint64_t b, std::uint64_t& hi) noexcept {
    const Uint128 p = Uint128{a} * b;
    hi = static_cast<std::uint64_t>(p >> 64);
    return static_cast<std::uint64_t>(p);
}

constexpr bool less_than(const Limbs& a, const Limbs& b) noexcept {
    for (int i = 3; i >= 0; --i) {
        if (a[i] != b[i]) return a[i] < b[i];
    }
    return false;
}

// -p^-1 mod 2^64 by Newton's iteration (each step doubles the correct low bits).
constexpr std::uint64_t montgomery_inverse() noexcept {
    std::uint64_t x = 1;
    for (int i = 0; i < 6; ++i) x *= 2 - kModulus[0] * x;
    return ~x + 1;
}

inline constexpr std::uint64_t kMontInv = montgomery_inverse();

// p < 2^254 leaves two spare bits, which the arithmetic below relies on: a sum of two
// reduced elements never carries out of 256 bits, and the Montgomery product needs no
// fifth accumulator limb ("no-carry" CIOS).
static_assert(kModulus[3] < (std::uint64_t{1} << 62));

// (t - p if t >= p else t) for t < 2p, without a branch: which way it goes depends on
// the data, and a mispredicted branch costs more than the whole subtraction. Scalars
// rather than arrays, so that GCC keeps everything in registers.
constexpr Limbs reduce_once(std::uint64_t t0, std::uint64_t t1, std::uint64_t t2, std::uint64_t t3) noexcept {
    std::uint64_t borrow = 0;
    const std::uint64_t d0 = sub_borrow(t0, kModulus[0], borrow);
    const std::uint64_t d1 = sub_borrow(t1, kModulus[1], borrow);
    const std::uint64_t d2 = sub_borrow(t2, kModulus[2], borrow);
    const std::uint64_t d3 = sub_borrow(t3, kModulus[3], borrow);
    const std::uint64_t keep = 0 - borrow;  // all ones when t < p
    return {(t0 & keep) | (d0 & ~keep), (t1 & keep) | (d1 & ~keep), (t2 & keep) | (d2 & ~keep),
            (t3 & keep) | (d3 & ~keep)};
}

}  // namespace detail

// An element of Fp in Montgomery form. The default value is zero.
struct Fp {
    Limbs mont{};

    friend constexpr bool operator==(const Fp&, const Fp&) = default;
    [[nodiscard]] constexpr bool is_zero() const noexcept {
        return (mont[0] | mont[1] | mont[2] | mont[3]) == 0;
    }
};

constexpr Fp operator+(const Fp& a, const Fp& b) noexcept {
    std::uint64_t carry = 0;
    const std::uint64_t s0 = detail::add_carry(a.mont[0], b.mont[0], carry);
    const std::uint64_t s1 = detail::add_carry(a.mont[1], b.mont[1], carry);
    const std::uint64_t s2 = detail::add_carry(a.mont[2], b.mont[2], carry);
    const std::uint64_t s3 = detail::add_carry(a.mont[3], b.mont[3], carry);
    return Fp{detail::reduce_once(s0, s1, s2, s3)};
}

// a - b, adding p back (masked, not branched on) when it borrows.
constexpr Fp operator-(const Fp& a, const Fp& b) noexcept {
    std::uint64_t borrow = 0;
    const std::uint64_t d0 = detail::sub_borrow(a.mont[0], b.mont[0], borrow);
    const std::uint64_t d1 = detail::sub_borrow(a.mont[1], b.mont[1], borrow);
    const std::uint64_t d2 = detail::sub_borrow(a.mont[2], b.mont[2], borrow);
    const std::uint64_t d3 = detail::sub_borrow(a.mont[3], b.mont[3], borrow);
    const std::uint64_t mask = 0 - borrow;
    std::uint64_t carry = 0;
    const std::uint64_t r0 = detail::add_carry(d0, kModulus[0] & mask, carry);
    const std::uint64_t r1 = detail::add_carry(d1, kModulus[1] & mask, carry);
    const std::uint64_t r2 = detail::add_carry(d2, kModulus[2] & mask, carry);
    const std::uint64_t r3 = detail::add_carry(d3, kModulus[3] & mask, carry);
    return Fp{{r0, r1, r2, r3}};
}

constexpr Fp operator-(const Fp& a) noexcept { return Fp{} - a; }

// Montgomery product a * b * 2^-256 mod p, coarsely integrated operand scanning: each
// round adds a * b[i], then the multiple m * p that clears the low limb, and shifts one
// limb. With p < 2^254 the running value stays below 2p, so five limbs suffice and the
// fifth never carries out ("no-carry" CIOS).
constexpr Fp operator*(const Fp& a, const Fp& b) noexcept {
    using detail::add_carry;
    using detail::mul_wide;
    std::uint64_t t0 = 0;
    std::uint64_t t1 = 0;
    std::uint64_t t2 = 0;
    std::uint64_t t3 = 0;
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t h0 = 0;
        std::uint64_t h1 = 0;
        std::uint64_t h2 = 0;
        std::uint64_t h3 = 0;
        const std::uint64_t bi = b.mont[i];
        std::uint64_t l0 = mul_wide(a.mont[0], bi, h0);
        std::uint64_t l1 = mul_wide(a.mont[1], bi, h1);
        std::uint64_t l2 = mul_wide(a.mont[2], bi, h2);
        std::uint64_t l3 = mul_wide(a.mont[3], bi, h3);
        std::uint64_t c = 0;
        t0 = add_carry(t0, l0, c);
        t1 = add_carry(t1, l1, c);
        t2 = add_carry(t2, l2, c);
        t3 = add_carry(t3, l3, c);
        std::uint64_t t4 = c;
        c = 0;
        t1 = add_carry(t1, h0, c);
        t2 = add_carry(t2, h1, c);
        t3 = add_carry(t3, h2, c);
        t4 = add_carry(t4, h3, c);

        const std::uint64_t m = t0 * detail::kMontInv;
        l0 = mul_wide(m, kModulus[0], h0);
        l1 = mul_wide(m, kModulus[1], h1);
        l2 = mul_wide(m, kModulus[2], h2);
        l3 = mul_wide(m, kModulus[3], h3);
        c = 0;
        add_carry(t0, l0, c);  // zero by the choice of m; only the carry matters
        t1 = add_carry(t1, l1, c);
        t2 = add_carry(t2, l2, c);
        t3 = add_carry(t3, l3, c);
        t4 = add_carry(t4, 0, c);
        c = 0;
        t0 = add_carry(t1, h0, c);
        t1 = add_carry(t2, h1, c);
        t2 = add_carry(t3, h2, c);
        t3 = add_carry(t4, h3, c);
    }
    return Fp{detail::reduce_once(t0, t1, t2, t3)};
}

constexpr Fp& operator+=(Fp& a, const Fp& b) noexcept { return a = a + b; }
constexpr Fp& operator-=(Fp& a, const Fp& b) noexcept { return a = a - b; }
constexpr Fp& operator*=(Fp& a, const Fp& b) noexcept { return a = a * b; }

constexpr Fp sqr(const Fp& a) noexcept { return a * a; }
constexpr Fp dbl(const Fp& a) noexcept { return a + a; }

// a / 2: Montgomery form commutes with halving, so halve the representation (adding p
// first when it is odd; a + p < 2^255 cannot overflow).
constexpr Fp halve(const Fp& a) noexcept {
    const std::uint64_t mask = 0 - (a.mont[0] & 1);
    std::uint64_t carry = 0;
    const std::uint64_t v0 = detail::add_carry(a.mont[0], kModulus[0] & mask, carry);
    const std::uint64_t v1 = detail::add_carry(a.mont[1], kModulus[1] & mask, carry);
    const std::uint64_t v2 = detail::add_carry(a.mont[2], kModulus[2] & mask, carry);
    const std::uint64_t v3 = detail::add_carry(a.mont[3], kModulus[3] & mask, carry);
    return Fp{{(v0 >> 1) | (v1 << 63), (v1 >> 1) | (v2 << 63), (v2 >> 1) | (v3 << 63), v3 >> 1}};
}

namespace detail {

// 2^512 mod p, by doubling 1 512 times: multiplying by it enters Montgomery form.
constexpr Fp montgomery_r2() noexcept {
    Fp x{Limbs{1, 0, 0, 0}};
    for (int i = 0; i < 512; ++i) x = x + x;
    return x;
}

inline constexpr Fp kR2 = montgomery_r2();

}  // namespace detail

// The element with canonical value v. REQUIRES: v < p.
constexpr Fp fp_from_limbs(const Limbs& v) noexcept { return Fp{v} * detail::kR2; }

constexpr Fp fp_from_u64(std::uint64_t v) noexcept { return fp_from_limbs(Limbs{v, 0, 0, 0}); }

// The canonical value of a, below p.
constexpr Limbs to_limbs(const Fp& a) noexcept { return (a * Fp{Limbs{1, 0, 0, 0}}).mont; }

inline constexpr Fp kFpOne = fp_from_u64(1);

// a^e by square-and-multiply from the top bit. Variable time in e.
template <class F>
constexpr F pow(const F& a, const Limbs& e, const F& one) noexcept {
    F r = one;
    for (int i = 255; i >= 0; --i) {
        r = sqr(r);
        if (((e[static_cast<std::size_t>(i) / 64] >> (i % 64)) & 1) != 0) r = r * a;
    }
    return r;
}

constexpr Fp pow(const Fp& a, const Limbs& e) noexcept { return pow(a, e, kFpOne); }

// a^(p - 2) = a^-1 (Fermat); zero maps to zero.
constexpr Fp inverse(const Fp& a) noexcept {
    Limbs e = kModulus;
    e[0] -= 2;  // the low limb of p is odd and above 2
    return pow(a, e);
}

namespace detail {

// Double-width values for Fp2 products with lazy reduction: the three products of
// Karatsuba are combined unreduced and only two of them reduced (two Montgomery
// reductions instead of three, and no reduction of the operand sums).
using Wide = std::array<std::uint64_t, 8>;

// a * b in full, for a, b < 2^256.
constexpr Wide product(const Limbs& a, const Limbs& b) noexcept {
    Wide t{};
    for (std::size_t i = 0; i < 4; ++i) {
        std::uint64_t h0 = 0;
        std::uint64_t h1 = 0;
        std::uint64_t h2 = 0;
        std::uint64_t h3 = 0;
        const std::uint64_t l0 = mul_wide(a[0], b[i], h0);
        const std::uint64_t l1 = mul_wide(a[1], b[i], h1);
        const std::uint64_t l2 = mul_wide(a[2], b[i], h2);
        const std::uint64_t l3 = mul_wide(a[3], b[i], h3);
        std::uint64_t c = 0;
        t[i] = add_carry(t[i], l0, c);
        t[i + 1] = add_carry(t[i + 1], l1, c);
        t[i + 2] = add_carry(t[i + 2], l2, c);
        t[i + 3] = add_carry(t[i + 3], l3, c);
        const std::uint64_t top = c;
        c = 0;
        t[i + 1] = add_carry(t[i + 1], h0, c);
        t[i + 2] = add_carry(t[i + 2], h1, c);
        t[i + 3] = add_carry(t[i + 3], h2, c);
        t[i + 4] = add_carry(top, h3, c);  // t[i + 4] was still zero; no carry out
    }
    return t;
}

// Montgomery reduction: t * 2^-256 mod p. REQUIRES: t < p * 2^256 (then the result of the
// four rounds is below 2p and one conditional subtraction finishes it).
constexpr Fp reduce(const Wide& t) noexcept {
    std::uint64_t t0 = t[0];
    std::uint64_t t1 = t[1];
    std::uint64_t t2 = t[2];
    std::uint64_t t3 = t[3];
    std::uint64_t t4 = t[4];
    std::uint64_t t5 = t[5];
    std::uint64_t t6 = t[6];
    std::uint64_t t7 = t[7];
    std::uint64_t pending = 0;  // carry owed to the limb above the current window
    for (int i = 0; i < 4; ++i) {
        const std::uint64_t m = t0 * kMontInv;
        std::uint64_t h0 = 0;
        std::uint64_t h1 = 0;
        std::uint64_t h2 = 0;
        std::uint64_t h3 = 0;
        const std::uint64_t l0 = mul_wide(m, kModulus[0], h0);
        const std::uint64_t l1 = mul_wide(m, kModulus[1], h1);
        const std::uint64_t l2 = mul_wide(m, kModulus[2], h2);
        const std::uint64_t l3 = mul_wide(m, kModulus[3], h3);
        std::uint64_t c = 0;
        add_carry(t0, l0, c);  // zero by the choice of m; only the carry matters
        t1 = add_carry(t1, l1, c);
        t2 = add_carry(t2, l2, c);
        t3 = add_carry(t3, l3, c);
        t4 = add_carry(t4, pending, c);
        const std::uint64_t low_carry = c;
        c = 0;
        t1 = add_carry(t1, h0, c);
        t2 = add_carry(t2, h1, c);
        t3 = add_carry(t3, h2, c);
        t4 = add_carry(t4, h3, c);
        pending = low_carry + c;
        // Divide by 2^64: the low limb is zero.
        t0 = t1;
        t1 = t2;
        t2 = t3;
        t3 = t4;
        t4 = t5;
        t5 = t6;
        t6 = t7;
        t7 = 0;
    }
    return Fp{reduce_once(t0, t1, t2, t3)};
}

// a + b without reduction. REQUIRES: a + b < 2^256.
constexpr Limbs add_unreduced(const Limbs& a, const Limbs& b) noexcept {
    std::uint64_t c = 0;
    const std::uint64_t s0 = add_carry(a[0], b[0], c);
    const std::uint64_t s1 = add_carry(a[1], b[1], c);
    const std::uint64_t s2 = add_carry(a[2], b[2], c);
    const std::uint64_t s3 = add_carry(a[3], b[3], c);
    return {s0, s1, s2, s3};
}

// a - b; when that is negative, p * 2^256 is added back, which keeps the value modulo p
// and in [0, p * 2^256) for a, b in that range.
constexpr Wide sub_wide(const Wide& a, const Wide& b, bool wrap) noexcept {
    Wide r{};
    std::uint64_t borrow = 0;
    for (std::size_t i = 0; i < 8; ++i) r[i] = sub_borrow(a[i], b[i], borrow);
    if (wrap) {
        const std::uint64_t mask = 0 - borrow;
        std::uint64_t c = 0;
        for (std::size_t i = 0; i < 4; ++i) r[4 + i] = add_carry(r[4 + i], kModulus[i] & mask, c);
    }
    return r;
}

}  // namespace detail

// An element of Fp2: c0 + c1 * u with u^2 = -1 (EIP-197).
struct Fp2 {
    Fp c0;
    Fp c1;

    friend constexpr bool operator==(const Fp2&, const Fp2&) = default;
    [[nodiscard]] constexpr bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero(); }
};

constexpr Fp2 operator+(const Fp2& a, const Fp2& b) noexcept { return {a.c0 + b.c0, a.c1 + b.c1}; }
constexpr Fp2 operator-(const Fp2& a, const Fp2& b) noexcept { return {a.c0 - b.c0, a.c1 - b.c1}; }
constexpr Fp2 operator-(const Fp2& a) noexcept { return {-a.c0, -a.c1}; }

// Karatsuba with lazy reduction: (a0 b0 - a1 b1) + ((a0 + a1)(b0 + b1) - a0 b0 - a1 b1) u.
// The sums are below 2p, so their product is below 4p^2 < p * 2^256 (p < 2^254), and
// a0 b1 + a1 b0 < 2p^2: both coefficients are in reduce's range.
constexpr Fp2 operator*(const Fp2& a, const Fp2& b) noexcept {
    using detail::add_unreduced;
    using detail::product;
    using detail::sub_wide;
    const detail::Wide t0 = product(a.c0.mont, b.c0.mont);
    const detail::Wide t1 = product(a.c1.mont, b.c1.mont);
    const detail::Wide t2 = product(add_unreduced(a.c0.mont, a.c1.mont), add_unreduced(b.c0.mont, b.c1.mont));
    return {detail::reduce(sub_wide(t0, t1, true)),
            detail::reduce(sub_wide(sub_wide(t2, t0, false), t1, false))};
}

constexpr Fp2 operator*(const Fp2& a, const Fp& s) noexcept { return {a.c0 * s, a.c1 * s}; }

constexpr Fp2& operator+=(Fp2& a, const Fp2& b) noexcept { return a = a + b; }
constexpr Fp2& operator-=(Fp2& a, const Fp2& b) noexcept { return a = a - b; }
constexpr Fp2& operator*=(Fp2& a, const Fp2& b) noexcept { return a = a * b; }

// (c0 + c1 u)^2 = (c0 + c1)(c0 - c1) + 2 c0 c1 u: two products.
constexpr Fp2 sqr(const Fp2& a) noexcept {
    const Fp t = a.c0 * a.c1;
    return {(a.c0 + a.c1) * (a.c0 - a.c1), t + t};
}

constexpr Fp2 dbl(const Fp2& a) noexcept { return a + a; }
constexpr Fp2 halve(const Fp2& a) noexcept { return {halve(a.c0), halve(a.c1)}; }

// The conjugate c0 - c1 u, which is also a^p (Frobenius), since u^p = -u for p = 3 mod 4.
constexpr Fp2 conj(const Fp2& a) noexcept { return {a.c0, -a.c1}; }

// a * xi with xi = 9 + u, the non-residue of the tower (EIP-197): (9 c0 - c1) + (c0 + 9 c1) u.
constexpr Fp2 mul_by_xi(const Fp2& a) noexcept {
    const Fp c0_9 = dbl(dbl(dbl(a.c0))) + a.c0;
    const Fp c1_9 = dbl(dbl(dbl(a.c1))) + a.c1;
    return {c0_9 - a.c1, a.c0 + c1_9};
}

// 1 / (c0 + c1 u) = (c0 - c1 u) / (c0^2 + c1^2); zero maps to zero.
constexpr Fp2 inverse(const Fp2& a) noexcept {
    const Fp norm_inv = inverse(sqr(a.c0) + sqr(a.c1));
    return {a.c0 * norm_inv, -(a.c1 * norm_inv)};
}

inline constexpr Fp2 kFp2One{kFpOne, Fp{}};
inline constexpr Fp2 kXi{fp_from_u64(9), kFpOne};

constexpr Fp2 pow(const Fp2& a, const Limbs& e) noexcept { return pow(a, e, kFp2One); }

}  // namespace optimist::crypto::bn254
