// KZG proof verification for EIP-4844 blobs over BLS12-381, the check behind the point
// evaluation precompile (0x0a, run through run_precompile in precompiles.hpp).
//
// The trusted setup of the Ethereum KZG ceremony (data/kzg/trusted_setup.txt) is compiled
// into the library and checked against its SHA-256 on first use; if the check fails, the
// process aborts with a diagnostic, since a build with a wrong setup would silently
// disagree with the chain (docs/kzg.md).
//
// Thread safety: every function may be called concurrently from any thread.
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstdint>
#include <string_view>

namespace optimist::crypto::kzg {

using Commitment = FixedBytes<48>;  // a compressed G1 point
using Proof = FixedBytes<48>;       // a compressed G1 point

inline constexpr std::uint64_t kFieldElementsPerBlob = 4096;
inline constexpr std::uint8_t kVersionedHashVersion = 0x01;  // VERSIONED_HASH_VERSION_KZG
inline constexpr std::uint64_t kPointEvaluationGas = 50000;  // POINT_EVALUATION_PRECOMPILE_GAS
inline constexpr std::size_t kPointEvaluationInputSize = 192;

// BLS_MODULUS, the order r of the BLS12-381 groups, as a big-endian word.
inline constexpr Hash kBlsModulus{{0x73, 0xed, 0xa7, 0x53, 0x29, 0x9d, 0x7d, 0x48, 0x33, 0x39, 0xd8,
                                   0x08, 0x09, 0xa1, 0xd8, 0x05, 0x53, 0xbd, 0xa4, 0x02, 0xff, 0xfe,
                                   0x5b, 0xfe, 0xff, 0xff, 0xff, 0xff, 0x00, 0x00, 0x00, 0x01}};

// kzg_to_versioned_hash: 0x01 ‖ sha256(commitment)[1:].
[[nodiscard]] Hash versioned_hash(const Commitment& commitment) noexcept;

enum class ProofStatus : std::uint8_t {
    valid,
    invalid_proof,   // well-formed inputs, but the pairing check fails
    bad_z,           // z >= BLS_MODULUS
    bad_y,           // y >= BLS_MODULUS
    bad_commitment,  // not a valid compressed G1 point (flags, range, curve, subgroup)
    bad_proof,       // likewise
};

[[nodiscard]] std::string_view to_string(ProofStatus s) noexcept;

// verify_kzg_proof of the EIP-4844 consensus specs: the polynomial committed to by
// `commitment` takes the value y at z, as `proof` attests. z and y are big-endian field
// elements; the point at infinity (0xc0 00..00) is a valid commitment and proof.
// A few milliseconds (docs/kzg.md); the first call also loads the setup (about 35 ms).
// Allocates nothing after the setup is loaded.
[[nodiscard]] ProofStatus verify_proof(const Commitment& commitment, const Hash& z, const Hash& y,
                                       const Proof& proof) noexcept;

// SHA-256 of the trusted setup file the library embeds (the value it is checked against).
[[nodiscard]] Hash trusted_setup_sha256() noexcept;

}  // namespace optimist::crypto::kzg
