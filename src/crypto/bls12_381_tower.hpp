// The extension fields of BLS12-381 that the pairing works in, built as a tower:
//   Fp2  = Fp[u] / (u^2 + 1)
//   Fp6  = Fp2[v] / (v^3 - ξ),  ξ = 1 + u
//   Fp12 = Fp6[w] / (w^2 - v)
// (the towering every BLS12-381 implementation and the ZCash serialisation assume).
// Private to the crypto module.
#pragma once

#include "bls12_381_fp.hpp"

#include <optional>

namespace optimist::crypto::bls {

struct Fp2 {
    Fp c0;  // real part
    Fp c1;  // coefficient of u

    static constexpr Fp2 zero() noexcept { return {}; }
    static constexpr Fp2 one() noexcept { return {Fp::one(), Fp::zero()}; }

    constexpr bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero(); }
    friend constexpr bool operator==(const Fp2&, const Fp2&) = default;

    friend constexpr Fp2 operator+(const Fp2& a, const Fp2& b) noexcept { return {a.c0 + b.c0, a.c1 + b.c1}; }
    friend constexpr Fp2 operator-(const Fp2& a, const Fp2& b) noexcept { return {a.c0 - b.c0, a.c1 - b.c1}; }
    friend constexpr Fp2 operator-(const Fp2& a) noexcept { return {-a.c0, -a.c1}; }

    // Karatsuba: three base multiplications instead of four.
    friend constexpr Fp2 operator*(const Fp2& a, const Fp2& b) noexcept {
        const Fp t0 = a.c0 * b.c0;
        const Fp t1 = a.c1 * b.c1;
        return {t0 - t1, (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
    }

    friend constexpr Fp2 operator*(const Fp2& a, const Fp& k) noexcept { return {a.c0 * k, a.c1 * k}; }

    // (a + bu)^2 = (a + b)(a - b) + 2ab·u.
    constexpr Fp2 square() const noexcept { return {(c0 + c1) * (c0 - c1), (c0 * c1).dbl()}; }
    constexpr Fp2 dbl() const noexcept { return {c0.dbl(), c1.dbl()}; }

    // Multiplication by ξ = 1 + u: (a + bu)(1 + u) = (a - b) + (a + b)u.
    constexpr Fp2 mul_by_xi() const noexcept { return {c0 - c1, c0 + c1}; }

    // The p-power Frobenius map of Fp2, since u^p = -u.
    constexpr Fp2 conjugate() const noexcept { return {c0, -c1}; }

    // Zero maps to zero.
    Fp2 inverse() const noexcept;

    // A square root if there is one (Adj and Rodríguez-Henríquez, "Square root
    // computation over even extension fields", algorithm 9, for p ≡ 3 mod 4).
    std::optional<Fp2> sqrt() const noexcept;

    // The ZCash sign of a G2 y-coordinate: the imaginary part decides unless it is zero.
    bool is_lexicographically_largest() const noexcept;
};

struct Fp6 {
    Fp2 c0;
    Fp2 c1;  // coefficient of v
    Fp2 c2;  // coefficient of v^2

    static constexpr Fp6 zero() noexcept { return {}; }
    static constexpr Fp6 one() noexcept { return {Fp2::one(), Fp2::zero(), Fp2::zero()}; }

    constexpr bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero() && c2.is_zero(); }
    friend constexpr bool operator==(const Fp6&, const Fp6&) = default;

    friend constexpr Fp6 operator+(const Fp6& a, const Fp6& b) noexcept {
        return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2};
    }
    friend constexpr Fp6 operator-(const Fp6& a, const Fp6& b) noexcept {
        return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2};
    }
    friend constexpr Fp6 operator-(const Fp6& a) noexcept { return {-a.c0, -a.c1, -a.c2}; }

    // Karatsuba over the cubic extension: six Fp2 multiplications; v^3 = ξ folds the
    // degree 3 and 4 terms back.
    friend constexpr Fp6 operator*(const Fp6& a, const Fp6& b) noexcept {
        const Fp2 t0 = a.c0 * b.c0;
        const Fp2 t1 = a.c1 * b.c1;
        const Fp2 t2 = a.c2 * b.c2;
        return {
            t0 + ((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2).mul_by_xi(),
            (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + t2.mul_by_xi(),
            (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1,
        };
    }

    constexpr Fp6 square() const noexcept { return *this * *this; }

    // Multiplication by v: (a0 + a1 v + a2 v^2)·v = ξ a2 + a0 v + a1 v^2.
    constexpr Fp6 mul_by_v() const noexcept { return {c2.mul_by_xi(), c0, c1}; }

    Fp6 inverse() const noexcept;
};

struct Fp12 {
    Fp6 c0;
    Fp6 c1;  // coefficient of w

    static constexpr Fp12 zero() noexcept { return {}; }
    static constexpr Fp12 one() noexcept { return {Fp6::one(), Fp6::zero()}; }

    constexpr bool is_zero() const noexcept { return c0.is_zero() && c1.is_zero(); }
    friend constexpr bool operator==(const Fp12&, const Fp12&) = default;

    friend constexpr Fp12 operator*(const Fp12& a, const Fp12& b) noexcept {
        const Fp6 t0 = a.c0 * b.c0;
        const Fp6 t1 = a.c1 * b.c1;
        return {t0 + t1.mul_by_v(), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
    }

    // (a + bw)^2 = (a^2 + v b^2) + 2ab·w, with a^2 + v b^2 = (a + b)(a + vb) - ab - v ab.
    constexpr Fp12 square() const noexcept {
        const Fp6 ab = c0 * c1;
        const Fp6 c = (c0 + c1) * (c0 + c1.mul_by_v()) - ab - ab.mul_by_v();
        return {c, ab + ab};
    }

    // The square of an element of the cyclotomic subgroup (f^(p^6 + 1) = f^(p^4 - p^2 + 1)
    // = 1, where the final exponentiation's easy part lands), at about half the cost of
    // square() (Granger and Scott, "Faster squaring in the cyclotomic subgroup of sixth
    // degree extensions", 2010). REQUIRES: f is in that subgroup; for other elements the
    // result is meaningless.
    Fp12 cyclotomic_square() const noexcept;

    // The p^6-power Frobenius map (w^(p^6) = -w); on the cyclotomic subgroup, where
    // the final exponentiation's results live, it is the inverse.
    constexpr Fp12 conjugate() const noexcept { return {c0, -c1}; }

    Fp12 inverse() const noexcept;

    // The p-power Frobenius map.
    Fp12 frobenius() const noexcept;
};

}  // namespace optimist::crypto::bls
