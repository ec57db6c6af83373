// The optimal ate pairing of bn254 (EIP-197), private to the crypto module.
//
// e(P, Q) = f_{6u+2,Q}(P) * l_{[6u+2]Q, pi(Q)}(P) * l_{[6u+2]Q + pi(Q), -pi^2(Q)}(P),
// raised to (p^12 - 1) / r. A product of pairings shares one Miller loop (one squaring of
// the accumulator per step for all pairs) and one final exponentiation, which is how
// the precompile's check e(P1, Q1) * ... * e(Pk, Qk) = 1 is computed.
#pragma once

#include "bn254_curve.hpp"
#include "bn254_tower.hpp"

#include <cstddef>
#include <span>

namespace optimist::crypto::bn254 {

struct PairingTerm {
    G1Affine p;
    G2Affine q;
};

// How many terms miller_loop takes at once: its per-term state lives on the stack.
inline constexpr std::size_t kMillerBatch = 8;

// The product of the Miller loops of the terms, before the final exponentiation; a term
// with a point at infinity contributes 1.
// REQUIRES: terms.size() <= kMillerBatch; each p on the curve and each q in G2.
[[nodiscard]] Fp12 miller_loop(std::span<const PairingTerm> terms) noexcept;

// f^((p^12 - 1) / r): f^((p^6 - 1)(p^2 + 1)) by conjugation, one inversion and a
// Frobenius, then the hard part (p^4 - p^2 + 1) / r as an addition chain in p and u
// (Scott, Benger, Charlemagne, Dominguez Perez and Kachisa, "On the final exponentiation
// for calculating pairings on ordinary elliptic curves", Pairing 2009), using three
// exponentiations by u with cyclotomic squarings.
// REQUIRES: f != 0.
[[nodiscard]] Fp12 final_exponentiation(const Fp12& f) noexcept;

}  // namespace optimist::crypto::bn254
