// The extension tower of bn254 above Fp2 (EIP-197), in which pairings take their values:
//   Fp6  = Fp2[v] / (v^3 - xi),  xi = 9 + u
//   Fp12 = Fp6[w] / (w^2 - v),    so w^6 = xi.
// Private to the crypto module. Fp12 products are the bulk of a pairing's cost; they
// live in bn254_tower.cpp so that the Fp2 arithmetic inlines into them.
#pragma once

#include "bn254_field.hpp"

namespace optimist::crypto::bn254 {

// c0 + c1 v + c2 v^2.
struct Fp6 {
    Fp2 c0;
    Fp2 c1;
    Fp2 c2;

    friend constexpr bool operator==(const Fp6&, const Fp6&) = default;
};

// c0 + c1 w. Written as a polynomial in w, its coefficients are
// c0.c0 + c1.c0 w + c0.c1 w^2 + c1.c1 w^3 + c0.c2 w^4 + c1.c2 w^5.
struct Fp12 {
    Fp6 c0;
    Fp6 c1;

    friend constexpr bool operator==(const Fp12&, const Fp12&) = default;
};

inline constexpr Fp12 kFp12One{Fp6{kFp2One, Fp2{}, Fp2{}}, Fp6{}};

namespace detail {

// (p - 1) / 6 (p = 1 mod 6).
constexpr Limbs modulus_minus_one_over_6() noexcept {
    Limbs q{};
    Uint128 rem = 0;
    for (int i = 3; i >= 0; --i) {
        const Uint128 cur = (rem << 64) | (kModulus[i] - (i == 0 ? 1 : 0));
        q[i] = static_cast<std::uint64_t>(cur / 6);
        rem = cur % 6;
    }
    return q;
}

// gamma[i] = xi^(i (p - 1) / 6): w^p = w * xi^((p - 1) / 6), so the Frobenius map scales
// the coefficient of w^i by gamma[i] after conjugating it.
constexpr std::array<Fp2, 6> frobenius_gammas() noexcept {
    std::array<Fp2, 6> g{};
    g[0] = kFp2One;
    g[1] = pow(kXi, modulus_minus_one_over_6());
    for (std::size_t i = 2; i < 6; ++i) g[i] = g[i - 1] * g[1];
    return g;
}

}  // namespace detail

inline constexpr std::array<Fp2, 6> kFrobeniusGamma = detail::frobenius_gammas();

Fp6 operator+(const Fp6& a, const Fp6& b) noexcept;
Fp6 operator-(const Fp6& a, const Fp6& b) noexcept;
Fp6 operator*(const Fp6& a, const Fp6& b) noexcept;
Fp6 inverse(const Fp6& a) noexcept;

Fp12 operator*(const Fp12& a, const Fp12& b) noexcept;
Fp12 sqr(const Fp12& a) noexcept;
// 1 / a; zero maps to zero.
Fp12 inverse(const Fp12& a) noexcept;

// c0 - c1 w = a^(p^6). On the cyclotomic subgroup (the image of the final exponentiation's
// easy part), where a^(p^6 + 1) = 1, this is the inverse.
inline Fp12 conj(const Fp12& a) noexcept { return {a.c0, {-a.c1.c0, -a.c1.c1, -a.c1.c2}}; }

// a^p.
Fp12 frobenius(const Fp12& a) noexcept;

// a^2 for a in the cyclotomic subgroup (Granger and Scott, "Faster squaring in the
// cyclotomic subgroup of sixth degree extensions", PKC 2010): half the cost of sqr.
// REQUIRES: a^(p^4 - p^2 + 1) = 1, otherwise the result is meaningless.
Fp12 cyclotomic_sqr(const Fp12& a) noexcept;

// a * (s0 + s1 w + s3 w^3), the shape of a Miller loop line: 13 Fp2 products instead of
// the 18 of a full product.
Fp12 mul_by_line(const Fp12& a, const Fp2& s0, const Fp2& s1, const Fp2& s3) noexcept;

}  // namespace optimist::crypto::bn254
