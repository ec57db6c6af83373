#include "bls12_381_pairing.hpp"

namespace optimist::crypto::bls {
namespace {

constexpr bool loop_bit(int i) noexcept { return ((kAteLoopCount >> i) & 1) != 0; }
constexpr int kTopBit = std::bit_width(kAteLoopCount) - 1;

// f · (a + b·v) for an Fp6 element f: the product with c2 = 0 takes five Fp2
// multiplications instead of six.
Fp6 mul_by_01(const Fp6& f, const Fp2& a, const Fp2& b) noexcept {
    const Fp2 t0 = f.c0 * a;
    const Fp2 t1 = f.c1 * b;
    return {t0 + ((f.c1 + f.c2) * b - t1).mul_by_xi(), (f.c0 + f.c1) * (a + b) - t0 - t1,
            (f.c0 + f.c2) * a - t0 + t1};
}

// f times the line's value at p: offset - slope·x_P·w^2 + y_P·w^3, that is l0 + l1·w with
// l0 = offset + (-slope·x_P)·v and l1 = y_P·v (w^2 = v, w^3 = v·w). Most of its
// coefficients are zero, so the product costs 13 Fp2 multiplications, not 18.
Fp12 mul_by_line(const Fp12& f, const LineCoeffs& line, const G1Affine& p) noexcept {
    const Fp2 a = line.offset;
    const Fp2 b = -(line.slope * p.x);
    const Fp6 t0 = mul_by_01(f.c0, a, b);
    const Fp6 t1 = Fp6{f.c1.c0 * p.y, f.c1.c1 * p.y, f.c1.c2 * p.y}.mul_by_v();  // f1·l1
    const Fp6 s = mul_by_01(f.c0 + f.c1, a, b + Fp2{p.y, Fp::zero()});
    return {t0 + t1.mul_by_v(), s - t0 - t1};
}

// a^x for x < 0 and a in the cyclotomic subgroup: a^|x| by cyclotomic squarings, then
// conjugated, which inverts there.
Fp12 pow_x(const Fp12& a) noexcept {
    Fp12 acc = a;
    for (int i = kTopBit - 1; i >= 0; --i) {
        acc = acc.cyclotomic_square();
        if (loop_bit(i)) acc = acc * a;
    }
    return acc.conjugate();
}

}  // namespace

G2Prepared prepare_g2(const G2Affine& q) noexcept {
    // Affine steps with one inversion each: done once per setup point, so the simpler
    // formulas win over projective ones.
    G2Prepared out;
    std::size_t n = 0;
    Fp2 tx = q.x;
    Fp2 ty = q.y;
    const auto step = [&](const Fp2& slope, const Fp2& other_x) {
        out.lines[n++] = LineCoeffs{slope, slope * tx - ty};
        const Fp2 x3 = slope.square() - tx - other_x;
        ty = slope * (tx - x3) - ty;
        tx = x3;
    };
    for (int i = kTopBit - 1; i >= 0; --i) {
        const Fp2 x2 = tx.square();
        step((x2.dbl() + x2) * ty.dbl().inverse(), tx);                 // tangent: 3x^2 / 2y
        if (loop_bit(i)) step((q.y - ty) * (q.x - tx).inverse(), q.x);  // chord through T and Q
    }
    return out;
}

Fp12 miller_loop(std::span<const PairingTerm> terms) noexcept {
    Fp12 f = Fp12::one();
    std::size_t n = 0;
    const auto multiply_lines = [&] {
        for (const PairingTerm& t : terms) {
            if (!t.p.infinity) f = mul_by_line(f, t.q->lines[n], t.p);
        }
        ++n;
    };
    for (int i = kTopBit - 1; i >= 0; --i) {
        f = f.square();
        multiply_lines();
        if (loop_bit(i)) multiply_lines();
    }
    return f.conjugate();  // x < 0: f_{x,Q} = 1 / f_{|x|,Q} up to the final exponentiation
}

Fp12 final_exponentiation(const Fp12& f) noexcept {
    // Easy part, f^((p^6 - 1)(p^2 + 1)): afterwards f is in the cyclotomic subgroup.
    Fp12 t = f.conjugate() * f.inverse();
    t = t.frobenius().frobenius() * t;
    // Hard part.
    const Fp12 t0 = pow_x(t) * t.conjugate();                                        // t^(x-1)
    const Fp12 t1 = pow_x(t0) * t0.conjugate();                                      // t^((x-1)^2)
    const Fp12 t2 = pow_x(t1) * t1.frobenius();                                      // ·^(x+p)
    const Fp12 t3 = pow_x(pow_x(t2)) * t2.frobenius().frobenius() * t2.conjugate();  // ·^(x^2+p^2-1)
    return t3 * t.square() * t;
}

bool pairing_product_is_one(std::span<const PairingTerm> terms) noexcept {
    return final_exponentiation(miller_loop(terms)) == Fp12::one();
}

}  // namespace optimist::crypto::bls
