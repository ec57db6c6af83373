#include "bls12_381_tower.hpp"

#include <array>

namespace optimist::crypto::bls {
namespace {

// γ_k = ξ^(k(p-1)/6) for k = 0..5: writing an Fp12 element as Σ c_k w^k (w^6 = ξ),
// its p-th power is Σ conj(c_k) γ_k w^k, because w^(p-1) = ξ^((p-1)/6).
// Computed once from ξ rather than transcribed.
const std::array<Fp2, 6>& frobenius_coefficients() noexcept {
    static const std::array<Fp2, 6> gammas = [] {
        std::array<Fp2, 6> g{};
        const Fp2 xi{Fp::one(), Fp::one()};
        const Fp2 gamma1 = pow(xi, fp_constants::kPMinus1Div6);
        g[0] = Fp2::one();
        for (std::size_t k = 1; k < g.size(); ++k) g[k] = g[k - 1] * gamma1;
        return g;
    }();
    return gammas;
}

}  // namespace

Fp2 Fp2::inverse() const noexcept {
    // 1 / (a + bu) = (a - bu) / (a^2 + b^2).
    const Fp norm_inv = (c0.square() + c1.square()).inverse();
    return {c0 * norm_inv, -(c1 * norm_inv)};
}

std::optional<Fp2> Fp2::sqrt() const noexcept {
    const Fp2 a1 = pow(*this, fp_constants::kPMinus3Div4);
    const Fp2 x0 = a1 * *this;
    const Fp2 alpha = a1 * x0;  // a^((p-1)/2)
    Fp2 root;
    if (alpha == -Fp2::one()) {
        root = Fp2{-x0.c1, x0.c0};  // u·x0
    } else {
        root = pow(alpha + Fp2::one(), fp_constants::kPMinus1Div2) * x0;
    }
    // The algorithm yields a root only for squares; checking the result covers the rest.
    if (root.square() != *this) return std::nullopt;
    return root;
}

bool Fp2::is_lexicographically_largest() const noexcept {
    if (!c1.is_zero()) return c1.is_lexicographically_largest();
    return c0.is_lexicographically_largest();
}

Fp6 Fp6::inverse() const noexcept {
    // Guide to Pairing-Based Cryptography, algorithm 5.23: the adjugate over the norm.
    const Fp2 t0 = c0.square() - (c1 * c2).mul_by_xi();
    const Fp2 t1 = c2.square().mul_by_xi() - c0 * c1;
    const Fp2 t2 = c1.square() - c0 * c2;
    const Fp2 norm = c0 * t0 + (c2 * t1 + c1 * t2).mul_by_xi();
    const Fp2 norm_inv = norm.inverse();
    return {t0 * norm_inv, t1 * norm_inv, t2 * norm_inv};
}

Fp12 Fp12::inverse() const noexcept {
    // 1 / (a + bw) = (a - bw) / (a^2 - v b^2).
    const Fp6 norm_inv = (c0.square() - c1.square().mul_by_v()).inverse();
    return {c0 * norm_inv, -(c1 * norm_inv)};
}

Fp12 Fp12::cyclotomic_square() const noexcept {
    // Over Fp4 = Fp2[t] / (t^2 - ξ) with t = w^3, f = A + B·w + C·w^2 where
    //   A = c_0 + c_3 t,  B = c_1 + c_4 t,  C = c_2 + c_5 t   (c_k the coefficient of w^k),
    // and in the cyclotomic subgroup f^2 = (3A^2 - 2Ā) + (3tC^2 + 2B̄)·w + (3B^2 - 2C̄)·w^2,
    // with ¯ the conjugation t -> -t. Each Fp4 square costs three Fp2 squarings.
    const auto fp4_square = [](const Fp2& a, const Fp2& b) {
        const Fp2 a2 = a.square();
        const Fp2 b2 = b.square();
        return std::array<Fp2, 2>{a2 + b2.mul_by_xi(), (a + b).square() - a2 - b2};
    };
    // c_0 = c0.c0, c_1 = c1.c0, c_2 = c0.c1, c_3 = c1.c1, c_4 = c0.c2, c_5 = c1.c2.
    const auto a2 = fp4_square(c0.c0, c1.c1);
    const auto b2 = fp4_square(c1.c0, c0.c2);
    const auto c2 = fp4_square(c0.c1, c1.c2);
    const auto three_minus_two = [](const Fp2& sq, const Fp2& x) { return (sq - x).dbl() + sq; };
    const auto three_plus_two = [](const Fp2& sq, const Fp2& x) { return (sq + x).dbl() + sq; };
    Fp12 r;
    r.c0.c0 = three_minus_two(a2[0], c0.c0);             // A', real part
    r.c1.c1 = three_plus_two(a2[1], c1.c1);              // A', t part
    r.c1.c0 = three_plus_two(c2[1].mul_by_xi(), c1.c0);  // B' = 3tC^2 + 2B̄: t·t = ξ
    r.c0.c2 = three_minus_two(c2[0], c0.c2);
    r.c0.c1 = three_minus_two(b2[0], c0.c1);  // C'
    r.c1.c2 = three_plus_two(b2[1], c1.c2);
    return r;
}

Fp12 Fp12::frobenius() const noexcept {
    // c0 = g0 + g1 v + g2 v^2 holds the even powers of w (v = w^2), c1 the odd ones.
    const auto& g = frobenius_coefficients();
    return {
        Fp6{c0.c0.conjugate() * g[0], c0.c1.conjugate() * g[2], c0.c2.conjugate() * g[4]},
        Fp6{c1.c0.conjugate() * g[1], c1.c1.conjugate() * g[3], c1.c2.conjugate() * g[5]},
    };
}

}  // namespace optimist::crypto::bls
