#include "bn254_curve.hpp"

#include "bn254_tower.hpp"

#include <array>
#include <cstddef>
#include <type_traits>

namespace optimist::crypto::bn254 {
namespace {

template <class F>
constexpr F one() noexcept {
    if constexpr (std::is_same_v<F, Fp>) {
        return kFpOne;
    } else {
        return kFp2One;
    }
}

template <class F>
bool satisfies(const Affine<F>& p, const F& b) noexcept {
    return p.is_infinity() || sqr(p.y) == sqr(p.x) * p.x + b;
}

}  // namespace

bool is_on_curve(const G1Affine& p) noexcept { return satisfies(p, kCurveB); }

bool is_on_curve(const G2Affine& p) noexcept { return satisfies(p, kTwistB); }

// Untwisting (x, y) to (x w^2, y w^3), raising to p and twisting back multiplies x^p by
// w^(2(p - 1)) = xi^((p - 1) / 3) and y^p by w^(3(p - 1)) = xi^((p - 1) / 2).
G2Affine endomorphism(const G2Affine& q) noexcept {
    if (q.is_infinity()) return q;
    return {conj(q.x) * kFrobeniusGamma[2], conj(q.y) * kFrobeniusGamma[3]};
}

// The same in Jacobian coordinates: conjugating Z keeps X / Z^2 and Y / Z^3 consistent.
G2 endomorphism(const G2& q) noexcept {
    return {conj(q.x) * kFrobeniusGamma[2], conj(q.y) * kFrobeniusGamma[3], conj(q.z)};
}

namespace {

// [u] Q by the NAF of u: 62 doublings and 23 mixed additions.
G2 mul_by_u(const G2Affine& q) noexcept {
    const G2Affine neg_q{q.x, -q.y};
    G2 r = to_jacobian(q);  // the top digit is 1
    for (std::size_t i = kBnUNaf.length - 1; i-- > 0;) {
        r = dbl(r);
        if (kBnUNaf.digits[i] == 1) r = add_mixed(r, q);
        if (kBnUNaf.digits[i] == -1) r = add_mixed(r, neg_q);
    }
    return r;
}

}  // namespace

// Q is in G2 iff [u + 1] Q + psi([u] Q) + psi^2([u] Q) = psi^3([2u] Q) (Dai, Lin, Zhao and
// Zhou, "Fast subgroup membership testings for G1, G2 and GT on pairing-friendly curves",
// ePrint 2022/348, section 5.1): one 63-bit scalar multiplication instead of the
// 254-bit [r] Q = O. The tests check it against [r] Q on points in and outside G2.
bool is_in_g2(const G2Affine& q) noexcept {
    if (q.is_infinity()) return true;
    const G2 uq = mul_by_u(q);
    const G2 psi_uq = endomorphism(uq);
    const G2 lhs = add(add(add_mixed(uq, q), psi_uq), endomorphism(psi_uq));
    const G2 rhs = endomorphism(endomorphism(endomorphism(dbl(uq))));
    return equal(lhs, rhs);
}

template <class F>
Jacobian<F> to_jacobian(const Affine<F>& p) noexcept {
    if (p.is_infinity()) return {one<F>(), one<F>(), F{}};
    return {p.x, p.y, one<F>()};
}

template <class F>
Affine<F> to_affine(const Jacobian<F>& p) noexcept {
    if (p.is_infinity()) return {};
    const F z_inv = inverse(p.z);
    const F z_inv2 = sqr(z_inv);
    return {p.x * z_inv2, p.y * z_inv2 * z_inv};
}

template <class F>
Jacobian<F> neg(const Jacobian<F>& p) noexcept {
    return {p.x, -p.y, p.z};
}

// dbl-2009-l (Explicit-Formulas Database, a = 0): 2M + 5S. Infinity (Z = 0) and points
// of order 2 (Y = 0) both yield Z3 = 0.
template <class F>
Jacobian<F> dbl(const Jacobian<F>& p) noexcept {
    const F a = sqr(p.x);
    const F b = sqr(p.y);
    const F c = sqr(b);
    const F d = dbl(sqr(p.x + b) - a - c);
    const F e = dbl(a) + a;
    const F x3 = sqr(e) - dbl(d);
    const F c8 = dbl(dbl(dbl(c)));
    return {x3, e * (d - x3) - c8, dbl(p.y * p.z)};
}

// add-2007-bl (Explicit-Formulas Database): 11M + 5S, with the cases it excludes
// (an input at infinity, equal or opposite inputs) handled first.
template <class F>
Jacobian<F> add(const Jacobian<F>& p, const Jacobian<F>& q) noexcept {
    if (p.is_infinity()) return q;
    if (q.is_infinity()) return p;
    const F z1z1 = sqr(p.z);
    const F z2z2 = sqr(q.z);
    const F u1 = p.x * z2z2;
    const F u2 = q.x * z1z1;
    const F s1 = p.y * q.z * z2z2;
    const F s2 = q.y * p.z * z1z1;
    const F h = u2 - u1;
    const F r = dbl(s2 - s1);
    if (h.is_zero()) {
        if (r.is_zero()) return dbl(p);
        return {one<F>(), one<F>(), F{}};
    }
    const F i = sqr(dbl(h));
    const F j = h * i;
    const F v = u1 * i;
    const F x3 = sqr(r) - j - dbl(v);
    const F y3 = r * (v - x3) - dbl(s1 * j);
    const F z3 = (sqr(p.z + q.z) - z1z1 - z2z2) * h;
    return {x3, y3, z3};
}

// madd-2007-bl (Explicit-Formulas Database): 7M + 4S, special cases first as in add.
template <class F>
Jacobian<F> add_mixed(const Jacobian<F>& p, const Affine<F>& q) noexcept {
    if (q.is_infinity()) return p;
    if (p.is_infinity()) return to_jacobian(q);
    const F z1z1 = sqr(p.z);
    const F u2 = q.x * z1z1;
    const F s2 = q.y * p.z * z1z1;
    const F h = u2 - p.x;
    const F r = dbl(s2 - p.y);
    if (h.is_zero()) {
        if (r.is_zero()) return dbl(p);
        return {one<F>(), one<F>(), F{}};
    }
    const F hh = sqr(h);
    const F i = dbl(dbl(hh));
    const F j = h * i;
    const F v = p.x * i;
    const F x3 = sqr(r) - j - dbl(v);
    const F y3 = r * (v - x3) - dbl(p.y * j);
    const F z3 = sqr(p.z + h) - z1z1 - hh;
    return {x3, y3, z3};
}

// Fixed 4-bit windows: 256 doublings and at most 64 additions.
template <class F>
Jacobian<F> mul(const Jacobian<F>& p, const Limbs& k) noexcept {
    std::array<Jacobian<F>, 16> table;
    table[0] = {one<F>(), one<F>(), F{}};
    table[1] = p;
    for (std::size_t i = 2; i < table.size(); ++i) {
        table[i] = (i % 2 == 0) ? dbl(table[i / 2]) : add(table[i - 1], p);
    }
    Jacobian<F> acc = table[0];
    bool started = false;  // skip doubling infinity through the leading zero windows
    for (int window = 63; window >= 0; --window) {
        const auto digit =
            static_cast<std::size_t>((k[static_cast<std::size_t>(window) / 16] >> (4 * (window % 16))) & 0xf);
        if (started) {
            for (int i = 0; i < 4; ++i) acc = dbl(acc);
        }
        if (digit != 0) {
            acc = started ? add(acc, table[digit]) : table[digit];
            started = true;
        }
    }
    return acc;
}

// X1 Z2^2 = X2 Z1^2 and Y1 Z2^3 = Y2 Z1^3.
template <class F>
bool equal(const Jacobian<F>& p, const Jacobian<F>& q) noexcept {
    if (p.is_infinity() || q.is_infinity()) return p.is_infinity() && q.is_infinity();
    const F z1z1 = sqr(p.z);
    const F z2z2 = sqr(q.z);
    return p.x * z2z2 == q.x * z1z1 && p.y * q.z * z2z2 == q.y * p.z * z1z1;
}

#define OPTIMIST_BN254_INSTANTIATE(F)                                              \
    template Jacobian<F> to_jacobian(const Affine<F>&) noexcept;                   \
    template Affine<F> to_affine(const Jacobian<F>&) noexcept;                     \
    template Jacobian<F> neg(const Jacobian<F>&) noexcept;                         \
    template Jacobian<F> dbl(const Jacobian<F>&) noexcept;                         \
    template Jacobian<F> add(const Jacobian<F>&, const Jacobian<F>&) noexcept;     \
    template Jacobian<F> mul(const Jacobian<F>&, const Limbs&) noexcept;           \
    template Jacobian<F> add_mixed(const Jacobian<F>&, const Affine<F>&) noexcept; \
    template bool equal(const Jacobian<F>&, const Jacobian<F>&) noexcept;

OPTIMIST_BN254_INSTANTIATE(Fp)
OPTIMIST_BN254_INSTANTIATE(Fp2)

#undef OPTIMIST_BN254_INSTANTIATE

}  // namespace optimist::crypto::bn254
