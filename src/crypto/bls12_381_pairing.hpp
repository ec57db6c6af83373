// The optimal ate pairing of BLS12-381, as the pairing-product check the KZG point
// evaluation needs (EIP-4844). Private to the crypto module.
//
// G2 arguments are fixed points of the trusted setup, so their Miller-loop lines are
// computed once (prepare_g2) and every check only evaluates them at its G1 points.
#pragma once

#include "bls12_381_curve.hpp"

#include <array>
#include <bit>
#include <cstddef>
#include <span>

namespace optimist::crypto::bls {

// The ate Miller loop runs over the bits of |x|.
inline constexpr u64 kAteLoopCount = kXAbs;

// One tangent per bit below the top one and one chord per further set bit.
inline constexpr std::size_t kLineCount =
    static_cast<std::size_t>(std::bit_width(kAteLoopCount) - 1 + std::popcount(kAteLoopCount) - 1);

// The line through T (tangent or chord towards Q) on the twist, as y = slope·x + c with
// offset = slope·x_T - y_T. Mapped to E(Fp12) by (x, y) -> (x/w^2, y/w^3) and scaled by
// w^3 (which the final exponentiation removes), its value at P is
//   offset - slope·x_P·w^2 + y_P·w^3.
struct LineCoeffs {
    Fp2 slope;
    Fp2 offset;
};

struct G2Prepared {
    std::array<LineCoeffs, kLineCount> lines{};
};

// REQUIRES: q is a point of G2 other than infinity.
G2Prepared prepare_g2(const G2Affine& q) noexcept;

// One factor e(p, q) of a pairing product; p at infinity contributes 1.
struct PairingTerm {
    G1Affine p;
    const G2Prepared* q = nullptr;
};

// The product of the terms' Miller-loop values f_{x,q}(p), sharing the squarings.
Fp12 miller_loop(std::span<const PairingTerm> terms) noexcept;

// f^(3(p^12 - 1)/r). The hard part uses 3(p^4 - p^2 + 1)/r =
// (x - 1)^2 (x + p)(x^2 + p^2 - 1) + 3 (Hayashida, Hayasaka and Teruya, 2020), an
// exponent that costs five 64-bit exponentiations. The cube of the pairing is still a
// non-degenerate bilinear pairing, and since 3 is prime to r, a product is 1 for it
// exactly when it is 1 for the pairing itself.
Fp12 final_exponentiation(const Fp12& f) noexcept;

// True when Π e(p_i, q_i) = 1.
bool pairing_product_is_one(std::span<const PairingTerm> terms) noexcept;

}  // namespace optimist::crypto::bls
