// The base field Fp of BLS12-381 (a 381-bit prime), for the KZG point evaluation
// precompile (EIP-4844). Private to the crypto module.
//
// Values are kept in Montgomery form on six 64-bit limbs: a is stored as a·R mod p with
// R = 2^384, so that a product needs no division (mont(aR·bR) = abR). Every operation is
// a fixed-size loop without allocation. Nothing here is constant-time: the precompile
// verifies public data, so timing leaks nothing.
#pragma once

#include "carry_chain.hpp"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

namespace optimist::crypto::bls {

using u64 = std::uint64_t;
using u128 = unsigned __int128;

// A little-endian unsigned integer of N 64-bit limbs.
template <std::size_t N>
using Limbs = std::array<u64, N>;

namespace limbs {

// a += b; returns the carry out.
template <std::size_t N>
constexpr u64 add(Limbs<N>& a, const Limbs<N>& b) noexcept {
    u64 carry = 0;
    for (std::size_t i = 0; i < N; ++i) a[i] = add_carry(a[i], b[i], carry);
    return carry;
}

// a -= b; returns the borrow out.
template <std::size_t N>
constexpr u64 sub(Limbs<N>& a, const Limbs<N>& b) noexcept {
    u64 borrow = 0;
    for (std::size_t i = 0; i < N; ++i) a[i] = sub_borrow(a[i], b[i], borrow);
    return borrow;
}

template <std::size_t N>
constexpr bool less(const Limbs<N>& a, const Limbs<N>& b) noexcept {
    for (std::size_t i = N; i-- > 0;) {
        if (a[i] != b[i]) return a[i] < b[i];
    }
    return false;
}

template <std::size_t N>
constexpr bool bit(const Limbs<N>& a, std::size_t i) noexcept {
    return ((a[i / 64] >> (i % 64)) & 1) != 0;
}

// Position of the highest set bit plus one; 0 for zero.
template <std::size_t N>
constexpr std::size_t bit_length(const Limbs<N>& a) noexcept {
    for (std::size_t i = N; i-- > 0;) {
        if (a[i] != 0) return 64 * i + 64 - static_cast<std::size_t>(__builtin_clzll(a[i]));
    }
    return 0;
}

// a / d, rounding down. REQUIRES: d != 0.
template <std::size_t N>
constexpr Limbs<N> div_small(Limbs<N> a, u64 d) noexcept {
    u128 rem = 0;
    for (std::size_t i = N; i-- > 0;) {
        const u128 cur = (rem << 64) | a[i];
        a[i] = static_cast<u64>(cur / d);
        rem = cur % d;
    }
    return a;
}

// a + k or a - k for a small k, wrapping modulo 2^(64N) (the callers never wrap).
template <std::size_t N>
constexpr Limbs<N> add_small(Limbs<N> a, u64 k) noexcept {
    Limbs<N> b{};
    b[0] = k;
    add(a, b);
    return a;
}

template <std::size_t N>
constexpr Limbs<N> sub_small(Limbs<N> a, u64 k) noexcept {
    Limbs<N> b{};
    b[0] = k;
    sub(a, b);
    return a;
}

// Big-endian bytes (8N of them) to limbs and back: the wire format of every field
// element and scalar in EIP-4844.
template <std::size_t N>
constexpr Limbs<N> from_be_bytes(std::span<const std::uint8_t, 8 * N> in) noexcept {
    Limbs<N> out{};
    for (std::size_t i = 0; i < 8 * N; ++i) {
        const std::size_t limb = (8 * N - 1 - i) / 8;
        out[limb] = (out[limb] << 8) | in[i];
    }
    return out;
}

template <std::size_t N>
constexpr void to_be_bytes(const Limbs<N>& a, std::span<std::uint8_t, 8 * N> out) noexcept {
    for (std::size_t i = 0; i < 8 * N; ++i) {
        const std::size_t shift = 8 * ((8 * N - 1 - i) % 8);
        out[i] = static_cast<std::uint8_t>(a[(8 * N - 1 - i) / 8] >> shift);
    }
}

}  // namespace limbs

// p = 0x1a0111ea...ffffaaab, the BLS12-381 base field modulus.
inline constexpr Limbs<6> kP = {0xb9feffffffffaaab, 0x1eabfffeb153ffff, 0x6730d2a0f6b0f624,
                                0x64774b84f38512bf, 0x4b1ba7b6434bacd7, 0x1a0111ea397fe69a};

namespace fp_constants {

// 2^k mod p by doubling: the Montgomery constants are derived from p at compile time
// rather than transcribed, so a typo cannot make them disagree with it.
constexpr Limbs<6> pow2_mod_p(int k) noexcept {
    Limbs<6> x{1};
    for (int i = 0; i < k; ++i) {
        const u64 carry = limbs::add(x, x);
        if (carry != 0 || !limbs::less(x, kP)) limbs::sub(x, kP);
    }
    return x;
}

// -p^-1 mod 2^64 by Newton's iteration (each step doubles the correct low bits).
constexpr u64 neg_inverse_mod_2_64(u64 p0) noexcept {
    u64 y = 1;
    for (int i = 0; i < 7; ++i) y *= 2 - p0 * y;
    return 0 - y;
}

inline constexpr Limbs<6> kR = pow2_mod_p(384);   // Montgomery form of 1
inline constexpr Limbs<6> kR2 = pow2_mod_p(768);  // converts into Montgomery form
inline constexpr u64 kInv = neg_inverse_mod_2_64(kP[0]);
static_assert(kP[0] * (0 - kInv) == 1);
static_assert(kP[5] < 0x7fffffffffffffff, "the no-carry Montgomery multiplication needs a spare top bit");

inline constexpr Limbs<6> kPMinus2 = limbs::sub_small(kP, 2);                           // inversion
inline constexpr Limbs<6> kPPlus1Div4 = limbs::div_small(limbs::add_small(kP, 1), 4);   // sqrt, p ≡ 3 mod 4
inline constexpr Limbs<6> kPMinus3Div4 = limbs::div_small(limbs::sub_small(kP, 3), 4);  // Fp2 sqrt
inline constexpr Limbs<6> kPMinus1Div2 = limbs::div_small(limbs::sub_small(kP, 1), 2);  // sign, Fp2 sqrt
inline constexpr Limbs<6> kPMinus1Div6 = limbs::div_small(limbs::sub_small(kP, 1), 6);  // Frobenius

}  // namespace fp_constants

class Fp {
public:
    constexpr Fp() noexcept = default;  // zero

    static constexpr Fp zero() noexcept { return Fp{}; }
    static constexpr Fp one() noexcept { return Fp{fp_constants::kR}; }

    // The element a, for a < p (REQUIRES). Used for constants and small integers.
    static constexpr Fp from_canonical(const Limbs<6>& a) noexcept { return Fp{a} * Fp{fp_constants::kR2}; }
    static constexpr Fp from_u64(u64 a) noexcept { return from_canonical(Limbs<6>{a}); }

    // A 48-byte big-endian integer; nullopt unless it is below p.
    static constexpr std::optional<Fp> from_be_bytes(std::span<const std::uint8_t, 48> in) noexcept {
        const Limbs<6> a = limbs::from_be_bytes<6>(in);
        if (!limbs::less(a, kP)) return std::nullopt;
        return from_canonical(a);
    }

    // The integer in [0, p) this element stands for.
    // Multiplying by the raw integer 1 divides by R: a·R·1·R^-1 = a.
    constexpr Limbs<6> to_canonical() const noexcept { return (*this * Fp{Limbs<6>{1}}).v_; }

    constexpr void to_be_bytes(std::span<std::uint8_t, 48> out) const noexcept {
        limbs::to_be_bytes<6>(to_canonical(), out);
    }

    constexpr bool is_zero() const noexcept { return v_ == Limbs<6>{}; }
    friend constexpr bool operator==(const Fp&, const Fp&) = default;

    friend constexpr Fp operator+(Fp a, const Fp& b) noexcept {
        // p < 2^382, so the sum of two reduced values fits in 384 bits.
        limbs::add(a.v_, b.v_);
        if (!limbs::less(a.v_, kP)) limbs::sub(a.v_, kP);
        return a;
    }

    friend constexpr Fp operator-(Fp a, const Fp& b) noexcept {
        if (limbs::sub(a.v_, b.v_) != 0) limbs::add(a.v_, kP);
        return a;
    }

    friend constexpr Fp operator-(const Fp& a) noexcept { return Fp{} - a; }

    // Montgomery multiplication, coarsely integrated operand scanning with the product
    // and the reduction interleaved. Because p's top limb is below 2^63 - 1, the running
    // value stays within six limbs and no carry word is needed (Botrel, Gutoski and
    // Piellard, "Faster big-integer modular multiplication for most moduli").
    friend constexpr Fp operator*(const Fp& a, const Fp& b) noexcept {
        u64 t[6] = {};
        for (std::size_t i = 0; i < 6; ++i) {
            u128 s = u128{a.v_[0]} * b.v_[i] + t[0];
            t[0] = static_cast<u64>(s);
            u64 carry_mul = static_cast<u64>(s >> 64);
            const u64 m = t[0] * fp_constants::kInv;  // makes t + m·p divisible by 2^64
            s = u128{m} * kP[0] + t[0];
            u64 carry_red = static_cast<u64>(s >> 64);
            for (std::size_t j = 1; j < 6; ++j) {
                s = u128{a.v_[j]} * b.v_[i] + t[j] + carry_mul;
                t[j] = static_cast<u64>(s);
                carry_mul = static_cast<u64>(s >> 64);
                s = u128{m} * kP[j] + t[j] + carry_red;
                t[j - 1] = static_cast<u64>(s);
                carry_red = static_cast<u64>(s >> 64);
            }
            t[5] = carry_mul + carry_red;
        }
        Fp r;
        for (std::size_t i = 0; i < 6; ++i) r.v_[i] = t[i];
        if (!limbs::less(r.v_, kP)) limbs::sub(r.v_, kP);
        return r;
    }

    Fp& operator+=(const Fp& b) noexcept { return *this = *this + b; }
    Fp& operator-=(const Fp& b) noexcept { return *this = *this - b; }
    Fp& operator*=(const Fp& b) noexcept { return *this = *this * b; }

    constexpr Fp square() const noexcept { return *this * *this; }
    constexpr Fp dbl() const noexcept { return *this + *this; }

    // a^-1 by Fermat's little theorem (a^(p-2)); zero maps to zero.
    Fp inverse() const noexcept;

    // A square root (the one a^((p+1)/4) gives, p ≡ 3 mod 4), if a is a square.
    std::optional<Fp> sqrt() const noexcept;

    // The ZCash serialisation's sign: true when the canonical value exceeds (p-1)/2,
    // i.e. it is the larger of a and -a.
    bool is_lexicographically_largest() const noexcept;

private:
    constexpr explicit Fp(const Limbs<6>& v) noexcept : v_(v) {}

    Limbs<6> v_{};
};

// base^exp by square-and-multiply from the top bit, for any field type with one(),
// square() and *. Exponents are public constants, so no ladder is needed.
template <typename F, std::size_t N>
constexpr F pow(const F& base, const Limbs<N>& exp) noexcept {
    F acc = F::one();
    for (std::size_t i = limbs::bit_length(exp); i-- > 0;) {
        acc = acc.square();
        if (limbs::bit(exp, i)) acc = acc * base;
    }
    return acc;
}

}  // namespace optimist::crypto::bls
