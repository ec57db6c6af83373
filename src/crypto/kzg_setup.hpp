// The trusted setup of the Ethereum KZG ceremony, reduced to what verifying one KZG proof
// needs: the G2 points [1] and [τ], the first two of the setup's 65 G2 monomial points.
// Private to the crypto module.
#pragma once

#include "bls12_381_pairing.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <string>
#include <string_view>

namespace optimist::crypto::kzg::detail {

struct TrustedSetup {
    bls::G2Affine tau_g2;          // [τ]G2
    bls::G2Prepared neg_g2_lines;  // Miller-loop lines of -[1]G2
    bls::G2Prepared tau_g2_lines;  // Miller-loop lines of [τ]G2
};

// data/kzg/trusted_setup.txt as the build embedded it (kzg_trusted_setup.cpp, generated).
std::string_view embedded_trusted_setup_file() noexcept;

// Parses a trusted_setup.txt in c-kzg-4844's format (a line "4096", a line "65", the
// 4096 Lagrange-basis G1 points, the 65 monomial G2 points, optionally the 4096
// monomial G1 points; hex, one point a line) after checking that the whole file hashes
// to `expected_sha256`. Only the first two G2 points are decoded (and checked to be G2's
// generator and a point of G2); the error says what was wrong, for the abort message.
Result<TrustedSetup, std::string> load_trusted_setup(std::string_view file, const Hash& expected_sha256);

// The embedded setup, loaded on first use. A setup that fails to load aborts the
// process with the reason on stderr: every alternative would let a node compute a
// different state than the chain's.
const TrustedSetup& trusted_setup() noexcept;

}  // namespace optimist::crypto::kzg::detail
