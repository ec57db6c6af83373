// The groups G1 (on E: y^2 = x^3 + 4 over Fp) and G2 (on the twist E': y^2 = x^3 + 4ξ
// over Fp2) of BLS12-381, and their compressed ZCash encoding, which EIP-4844 uses for
// commitments, proofs and the trusted setup. Private to the crypto module.
#pragma once

#include "bls12_381_tower.hpp"

#include <optimist/core/result.hpp>

#include <algorithm>
#include <cstdint>
#include <span>

namespace optimist::crypto::bls {

// r = 0x73eda753...00000001, the order of G1 and G2 (EIP-4844's BLS_MODULUS).
inline constexpr Limbs<4> kR = {0xffffffff00000001, 0x53bda402fffe5bfe, 0x3339d80809a1d805,
                                0x73eda753299d7d48};

// |x| for the curve parameter x = -0xd201000000010000, of which p and r are polynomials.
inline constexpr u64 kXAbs = 0xd201000000010000;

template <typename F>
struct Affine {
    F x;
    F y;
    bool infinity = true;

    friend constexpr bool operator==(const Affine&, const Affine&) = default;
};

// Jacobian coordinates (x/z^2, y/z^3): additions without inversions. z = 0 is the point
// at infinity.
template <typename F>
struct Jacobian {
    F x = F::one();
    F y = F::one();
    F z;

    static constexpr Jacobian from_affine(const Affine<F>& a) noexcept {
        if (a.infinity) return Jacobian{};
        return Jacobian{a.x, a.y, F::one()};
    }

    constexpr bool is_infinity() const noexcept { return z.is_zero(); }
};

using G1Affine = Affine<Fp>;
using G2Affine = Affine<Fp2>;
using G1 = Jacobian<Fp>;
using G2 = Jacobian<Fp2>;

// The group law on y^2 = x^3 + b (a = 0; b plays no part in it). Both formulas come from
// the Explicit-Formulas Database: dbl-2009-l and add-2007-bl, with the exceptional
// cases (infinity, P = Q, P = -Q) handled before the generic path.
template <typename F>
constexpr Jacobian<F> dbl(const Jacobian<F>& p) noexcept {
    if (p.is_infinity() || p.y.is_zero()) return Jacobian<F>{};
    const F a = p.x.square();
    const F b = p.y.square();
    const F c = b.square();
    const F d = ((p.x + b).square() - a - c).dbl();
    const F e = a.dbl() + a;
    const F x3 = e.square() - d.dbl();
    const F c8 = c.dbl().dbl().dbl();
    return Jacobian<F>{x3, e * (d - x3) - c8, (p.y * p.z).dbl()};
}

template <typename F>
constexpr Jacobian<F> add(const Jacobian<F>& p, const Jacobian<F>& q) noexcept {
    if (p.is_infinity()) return q;
    if (q.is_infinity()) return p;
    const F z1z1 = p.z.square();
    const F z2z2 = q.z.square();
    const F u1 = p.x * z2z2;
    const F u2 = q.x * z1z1;
    const F s1 = p.y * q.z * z2z2;
    const F s2 = q.y * p.z * z1z1;
    const F h = u2 - u1;
    const F r = (s2 - s1).dbl();
    if (h.is_zero()) return r.is_zero() ? dbl(p) : Jacobian<F>{};
    const F i = h.dbl().square();
    const F j = h * i;
    const F v = u1 * i;
    const F x3 = r.square() - j - v.dbl();
    return Jacobian<F>{x3, r * (v - x3) - (s1 * j).dbl(), ((p.z + q.z).square() - z1z1 - z2z2) * h};
}

template <typename F>
constexpr Jacobian<F> negate(const Jacobian<F>& p) noexcept {
    return Jacobian<F>{p.x, -p.y, p.z};
}

// [k]p by double-and-add from the top bit (k little-endian limbs). Scalars are public.
template <typename F, std::size_t N>
constexpr Jacobian<F> mul(const Jacobian<F>& p, const Limbs<N>& k) noexcept {
    Jacobian<F> acc{};
    for (std::size_t i = limbs::bit_length(k); i-- > 0;) {
        acc = dbl(acc);
        if (limbs::bit(k, i)) acc = add(acc, p);
    }
    return acc;
}

// [a]p + [b]q with one shared chain of doublings (Straus and Shamir's trick).
template <typename F, std::size_t N>
constexpr Jacobian<F> mul_sum(const Jacobian<F>& p, const Limbs<N>& a, const Jacobian<F>& q,
                              const Limbs<N>& b) noexcept {
    const Jacobian<F> p_plus_q = add(p, q);
    Jacobian<F> acc{};
    const std::size_t bits = std::max(limbs::bit_length(a), limbs::bit_length(b));
    for (std::size_t i = bits; i-- > 0;) {
        acc = dbl(acc);
        const bool bit_a = limbs::bit(a, i);
        const bool bit_b = limbs::bit(b, i);
        if (bit_a && bit_b) {
            acc = add(acc, p_plus_q);
        } else if (bit_a) {
            acc = add(acc, p);
        } else if (bit_b) {
            acc = add(acc, q);
        }
    }
    return acc;
}

template <typename F>
constexpr bool equal(const Jacobian<F>& p, const Jacobian<F>& q) noexcept {
    if (p.is_infinity() || q.is_infinity()) return p.is_infinity() && q.is_infinity();
    const F z1z1 = p.z.square();
    const F z2z2 = q.z.square();
    return p.x * z2z2 == q.x * z1z1 && p.y * q.z * z2z2 == q.y * p.z * z1z1;
}

template <typename F>
Affine<F> to_affine(const Jacobian<F>& p) noexcept {
    if (p.is_infinity()) return Affine<F>{};
    const F zinv = p.z.inverse();
    const F zinv2 = zinv.square();
    return Affine<F>{p.x * zinv2, p.y * zinv2 * zinv, false};
}

// [r]p = O: the point lies in the order-r subgroup. A plain multiplication by r: slower
// than the endomorphism-based tests, and obviously right; G2 points are only checked
// when the trusted setup is loaded.
template <typename F>
constexpr bool has_order_r(const Jacobian<F>& p) noexcept {
    return mul(p, kR).is_infinity();
}

// Membership of G1 for a point of E, by the endomorphism σ(x, y) = (βx, y) with β a cube
// root of unity: p ∈ G1 exactly when σ(p) = -[x^2]p (Scott, "A note on group membership
// tests for G1, G2 and GT on BLS pairing-friendly curves", eprint 2021/1130, with the
// proof completed in eprint 2022/352). [x^2] is a 128-bit multiplication, half of [r]'s.
// REQUIRES: is_on_curve(p).
bool in_g1(const G1Affine& p) noexcept;

bool is_on_curve(const G1Affine& p) noexcept;
bool is_on_curve(const G2Affine& p) noexcept;

const G1Affine& g1_generator() noexcept;
const G2Affine& g2_generator() noexcept;

// Why a compressed point was rejected (tests tell the cases apart; callers need not).
enum class DecodeError : std::uint8_t {
    bad_flags,        // compression bit clear, or an infinity with sign bit or x bits set
    not_in_field,     // x (or one of its Fp2 parts) is not below p
    not_on_curve,     // x^3 + b has no square root
    not_in_subgroup,  // on the curve, outside the order-r subgroup
};

// The ZCash compressed encoding (EIP-4844 and the consensus specs' KeyValidate, with
// the point at infinity allowed): byte 0 carries three flags above the big-endian x,
//   0x80 compressed (must be set), 0x40 infinity (then every other bit is zero),
//   0x20 y is the lexicographically larger root.
// For G2, x = x.c1 ‖ x.c0. Decoding checks the field range, the curve equation and
// membership of the order-r subgroup.
Result<G1Affine, DecodeError> decode_g1(std::span<const std::uint8_t, 48> in) noexcept;
Result<G2Affine, DecodeError> decode_g2(std::span<const std::uint8_t, 96> in) noexcept;

void encode_g1(const G1Affine& p, std::span<std::uint8_t, 48> out) noexcept;
void encode_g2(const G2Affine& p, std::span<std::uint8_t, 96> out) noexcept;

}  // namespace optimist::crypto::bls
