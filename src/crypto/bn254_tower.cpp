#include "bn254_tower.hpp"

namespace optimist::crypto::bn254 {
namespace {

// a * v = (xi c2) + c0 v + c1 v^2, since v^3 = xi.
Fp6 mul_by_v(const Fp6& a) noexcept { return {mul_by_xi(a.c2), a.c0, a.c1}; }

Fp6 mul_by_fp2(const Fp6& a, const Fp2& s) noexcept { return {a.c0 * s, a.c1 * s, a.c2 * s}; }

// a * (b + c v): five Fp2 products (Karatsuba on the two low coefficients).
Fp6 mul_by_01(const Fp6& a, const Fp2& b, const Fp2& c) noexcept {
    const Fp2 t0 = a.c0 * b;
    const Fp2 t1 = a.c1 * c;
    return {t0 + mul_by_xi(a.c2 * c), (a.c0 + a.c1) * (b + c) - t0 - t1, t1 + a.c2 * b};
}

// 3a - 2b and 3a + 2b, the shapes of the Granger-Scott formulas.
Fp2 triple_minus_double(const Fp2& a, const Fp2& b) noexcept { return dbl(a - b) + a; }
Fp2 triple_plus_double(const Fp2& a, const Fp2& b) noexcept { return dbl(a + b) + a; }

// (x0 + x1 y)^2 in Fp4 = Fp2[y] / (y^2 - xi): three squarings.
void fp4_sqr(const Fp2& x0, const Fp2& x1, Fp2& out0, Fp2& out1) noexcept {
    const Fp2 t0 = sqr(x0);
    const Fp2 t1 = sqr(x1);
    out0 = t0 + mul_by_xi(t1);
    out1 = sqr(x0 + x1) - t0 - t1;
}

}  // namespace

Fp6 operator+(const Fp6& a, const Fp6& b) noexcept { return {a.c0 + b.c0, a.c1 + b.c1, a.c2 + b.c2}; }

Fp6 operator-(const Fp6& a, const Fp6& b) noexcept { return {a.c0 - b.c0, a.c1 - b.c1, a.c2 - b.c2}; }

// Karatsuba over the three coefficients: six Fp2 products.
Fp6 operator*(const Fp6& a, const Fp6& b) noexcept {
    const Fp2 t0 = a.c0 * b.c0;
    const Fp2 t1 = a.c1 * b.c1;
    const Fp2 t2 = a.c2 * b.c2;
    return {
        mul_by_xi((a.c1 + a.c2) * (b.c1 + b.c2) - t1 - t2) + t0,
        (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1 + mul_by_xi(t2),
        (a.c0 + a.c2) * (b.c0 + b.c2) - t0 - t2 + t1,
    };
}

// The adjugate over the norm: 1 / a = (d0 + d1 v + d2 v^2) / (c0 d0 + xi (c2 d1 + c1 d2)).
Fp6 inverse(const Fp6& a) noexcept {
    const Fp2 d0 = sqr(a.c0) - mul_by_xi(a.c1 * a.c2);
    const Fp2 d1 = mul_by_xi(sqr(a.c2)) - a.c0 * a.c1;
    const Fp2 d2 = sqr(a.c1) - a.c0 * a.c2;
    const Fp2 norm_inv = inverse(a.c0 * d0 + mul_by_xi(a.c2 * d1 + a.c1 * d2));
    return {d0 * norm_inv, d1 * norm_inv, d2 * norm_inv};
}

Fp12 operator*(const Fp12& a, const Fp12& b) noexcept {
    const Fp6 t0 = a.c0 * b.c0;
    const Fp6 t1 = a.c1 * b.c1;
    return {t0 + mul_by_v(t1), (a.c0 + a.c1) * (b.c0 + b.c1) - t0 - t1};
}

// Complex squaring: (c0 + c1 w)^2 = (c0 + c1)(c0 + v c1) - t - v t + 2 t w with t = c0 c1.
Fp12 sqr(const Fp12& a) noexcept {
    const Fp6 t = a.c0 * a.c1;
    const Fp6 c0 = (a.c0 + a.c1) * (a.c0 + mul_by_v(a.c1)) - t - mul_by_v(t);
    return {c0, t + t};
}

// 1 / (c0 + c1 w) = (c0 - c1 w) / (c0^2 - v c1^2).
Fp12 inverse(const Fp12& a) noexcept {
    const Fp6 norm_inv = inverse(a.c0 * a.c0 - mul_by_v(a.c1 * a.c1));
    const Fp6 c1 = a.c1 * norm_inv;
    return {a.c0 * norm_inv, {-c1.c0, -c1.c1, -c1.c2}};
}

// (sum a_i w^i)^p = sum conj(a_i) gamma_i w^i; see kFrobeniusGamma.
Fp12 frobenius(const Fp12& a) noexcept {
    const auto& g = kFrobeniusGamma;
    return {
        {conj(a.c0.c0), conj(a.c0.c1) * g[2], conj(a.c0.c2) * g[4]},
        {conj(a.c1.c0) * g[1], conj(a.c1.c1) * g[3], conj(a.c1.c2) * g[5]},
    };
}

// Seen over Fp4 = Fp2[y] / (y^2 - xi) with y = w^3, a = A + B w + C w^2 where
// A = c0.c0 + c1.c1 y, B = c1.c0 + c0.c2 y, C = c0.c1 + c1.c2 y, and then
//   a^2 = (3 A^2 - 2 conj(A)) + (3 y C^2 + 2 conj(B)) w + (3 B^2 - 2 conj(C)) w^2,
// with conj(x0 + x1 y) = x0 - x1 y (the p^2-power Frobenius of Fp4).
Fp12 cyclotomic_sqr(const Fp12& a) noexcept {
    Fp2 a0;
    Fp2 a1;
    Fp2 b0;
    Fp2 b1;
    Fp2 c0;
    Fp2 c1;
    fp4_sqr(a.c0.c0, a.c1.c1, a0, a1);  // A^2
    fp4_sqr(a.c1.c0, a.c0.c2, b0, b1);  // B^2
    fp4_sqr(a.c0.c1, a.c1.c2, c0, c1);  // C^2

    Fp12 r;
    r.c0.c0 = triple_minus_double(a0, a.c0.c0);
    r.c1.c1 = triple_plus_double(a1, a.c1.c1);
    // y C^2 = xi c1 + c0 y.
    r.c1.c0 = triple_plus_double(mul_by_xi(c1), a.c1.c0);
    r.c0.c2 = triple_minus_double(c0, a.c0.c2);
    r.c0.c1 = triple_minus_double(b0, a.c0.c1);
    r.c1.c2 = triple_plus_double(b1, a.c1.c2);
    return r;
}

// With a = a0 + a1 w and the line L0 + L1 w, L0 = s0 and L1 = s1 + s3 v (w^3 = v w):
// Karatsuba on w with sparse Fp6 factors.
Fp12 mul_by_line(const Fp12& a, const Fp2& s0, const Fp2& s1, const Fp2& s3) noexcept {
    const Fp6 t0 = mul_by_fp2(a.c0, s0);
    const Fp6 t1 = mul_by_01(a.c1, s1, s3);
    const Fp6 c1 = mul_by_01(a.c0 + a.c1, s0 + s1, s3) - t0 - t1;
    return {t0 + mul_by_v(t1), c1};
}

}  // namespace optimist::crypto::bn254
