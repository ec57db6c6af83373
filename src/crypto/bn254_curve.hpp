// The groups of bn254 (EIP-196, EIP-197), private to the crypto module:
//   G1 = E(Fp):  y^2 = x^3 + 3, of prime order r (cofactor 1);
//   the twist E'(Fp2): y^2 = x^3 + 3 / xi (a D-type sextic twist, xi = 9 + u), whose
//   subgroup of order r is G2.
// The same templates serve both, over F = Fp and F = Fp2 (instantiated in bn254_curve.cpp).
#pragma once

#include "bn254_field.hpp"

#include <array>
#include <cstddef>
#include <cstdint>

namespace optimist::crypto::bn254 {

// r = 21888242871839275222246405745257275088548364400416034343698204186575808495617.
inline constexpr Limbs kOrder = {0x43e1f593f0000001, 0x2833e84879b97091, 0xb85045b68181585d,
                                 0x30644e72e131a029};

// The curve parameter u of the BN family: p and r are polynomials in it, and the Miller
// loop, the final exponentiation and the G2 subgroup test are built on it.
inline constexpr std::uint64_t kBnU = 4965661367192848881;

// Non-adjacent form of n, least significant digit first: digits in {-1, 0, 1} with no
// two adjacent non-zeros, which minimises the additions of a double-and-add loop over a
// fixed scalar (the subtractions being as cheap as the additions).
template <std::size_t N>
struct Naf {
    std::array<std::int8_t, N> digits{};
    std::size_t length = 0;
};

template <std::size_t N>
constexpr Naf<N> to_naf(detail::Uint128 n) noexcept {
    Naf<N> out;
    while (n != 0) {
        std::int8_t d = 0;
        if ((n & 1) != 0) {
            d = (n & 3) == 1 ? 1 : -1;
            n = d == 1 ? n - 1 : n + 1;
        }
        out.digits[out.length++] = d;
        n >>= 1;
    }
    return out;
}

inline constexpr auto kBnUNaf = to_naf<65>(kBnU);

inline constexpr Fp kCurveB = fp_from_u64(3);
inline constexpr Fp2 kTwistB = Fp2{kCurveB, Fp{}} * inverse(kXi);

// An affine point. (0, 0) is the point at infinity, as in the precompiles' encoding:
// it satisfies neither curve equation (b != 0), so it cannot stand for a finite point.
template <class F>
struct Affine {
    F x;
    F y;

    [[nodiscard]] constexpr bool is_infinity() const noexcept { return x.is_zero() && y.is_zero(); }
    friend constexpr bool operator==(const Affine&, const Affine&) = default;
};

// Jacobian coordinates: (X, Y, Z) stands for (X / Z^2, Y / Z^3); Z = 0 is infinity.
// Additions need no inversion; one inversion returns to affine at the end.
template <class F>
struct Jacobian {
    F x;
    F y;
    F z;

    [[nodiscard]] constexpr bool is_infinity() const noexcept { return z.is_zero(); }
};

using G1Affine = Affine<Fp>;
using G2Affine = Affine<Fp2>;
using G1 = Jacobian<Fp>;
using G2 = Jacobian<Fp2>;

// Whether p satisfies y^2 = x^3 + 3 (over Fp) or y^2 = x^3 + 3 / xi (over Fp2), or is
// the point at infinity.
[[nodiscard]] bool is_on_curve(const G1Affine& p) noexcept;
[[nodiscard]] bool is_on_curve(const G2Affine& p) noexcept;

// Whether a point of the twist lies in G2, the subgroup of order r: the twist has
// order r (2p - r), so most of its points do not (EIP-197 requires the check).
// REQUIRES: is_on_curve(q).
[[nodiscard]] bool is_in_g2(const G2Affine& q) noexcept;

// The endomorphism psi = untwist . Frobenius . twist of the twist curve; on G2 it
// acts as multiplication by p.
[[nodiscard]] G2Affine endomorphism(const G2Affine& q) noexcept;
[[nodiscard]] G2 endomorphism(const G2& q) noexcept;

template <class F>
[[nodiscard]] Jacobian<F> to_jacobian(const Affine<F>& p) noexcept;
template <class F>
[[nodiscard]] Affine<F> to_affine(const Jacobian<F>& p) noexcept;
template <class F>
[[nodiscard]] Jacobian<F> neg(const Jacobian<F>& p) noexcept;
template <class F>
[[nodiscard]] Jacobian<F> dbl(const Jacobian<F>& p) noexcept;
// Complete: handles infinity, p = q and p = -q.
template <class F>
[[nodiscard]] Jacobian<F> add(const Jacobian<F>& p, const Jacobian<F>& q) noexcept;
// [k] p for any 256-bit k (not reduced mod r); variable time.
template <class F>
[[nodiscard]] Jacobian<F> mul(const Jacobian<F>& p, const Limbs& k) noexcept;
// p + q for q in affine coordinates (cheaper than add by a third). Complete, like add.
template <class F>
[[nodiscard]] Jacobian<F> add_mixed(const Jacobian<F>& p, const Affine<F>& q) noexcept;
// Equality of the points represented (not of the coordinates).
template <class F>
[[nodiscard]] bool equal(const Jacobian<F>& p, const Jacobian<F>& q) noexcept;

}  // namespace optimist::crypto::bn254
