#include "kzg_setup.hpp"

#include <optimist/crypto/hashes.hpp>
#include <optimist/crypto/kzg.hpp>

#include <array>
#include <optional>

namespace optimist::crypto::kzg {
namespace {

// A big-endian field element of the scalar field, if it is below BLS_MODULUS
// (bytes_to_bls_field rejects the rest rather than reducing them).
std::optional<bls::Limbs<4>> scalar(const Hash& h) noexcept {
    const auto v = bls::limbs::from_be_bytes<4>(std::span<const std::uint8_t, 32>(h.data(), 32));
    if (!bls::limbs::less(v, bls::kR)) return std::nullopt;
    return v;
}

Result<bls::G1Affine, bls::DecodeError> g1(const FixedBytes<48>& b) noexcept {
    return bls::decode_g1(std::span<const std::uint8_t, 48>(b.data(), 48));
}

}  // namespace

Hash versioned_hash(const Commitment& commitment) noexcept {
    Hash h = sha256(commitment);
    h[0] = kVersionedHashVersion;
    return h;
}

std::string_view to_string(ProofStatus s) noexcept {
    switch (s) {
        case ProofStatus::valid:
            return "valid";
        case ProofStatus::invalid_proof:
            return "invalid_proof";
        case ProofStatus::bad_z:
            return "bad_z";
        case ProofStatus::bad_y:
            return "bad_y";
        case ProofStatus::bad_commitment:
            return "bad_commitment";
        case ProofStatus::bad_proof:
            return "bad_proof";
    }
    return "unknown";
}

ProofStatus verify_proof(const Commitment& commitment, const Hash& z, const Hash& y,
                         const Proof& proof) noexcept {
    const auto z_scalar = scalar(z);
    if (!z_scalar) return ProofStatus::bad_z;
    const auto y_scalar = scalar(y);
    if (!y_scalar) return ProofStatus::bad_y;
    const auto c = g1(commitment);
    if (!c) return ProofStatus::bad_commitment;
    const auto pi = g1(proof);
    if (!pi) return ProofStatus::bad_proof;
    const detail::TrustedSetup& setup = detail::trusted_setup();

    // The spec checks e(C - [y]G1, G2) = e(π, [τ]G2 - [z]G2). Moving [z] to the G1 side
    // by bilinearity gives e(C - [y]G1 + [z]π, -G2) · e(π, [τ]G2) = 1, whose G2 points
    // are both fixed, so their lines come precomputed with the setup.
    using bls::G1;
    const G1 minus_g1 = bls::negate(G1::from_affine(bls::g1_generator()));
    const G1 lhs =
        bls::add(G1::from_affine(*c), bls::mul_sum(G1::from_affine(*pi), *z_scalar, minus_g1, *y_scalar));
    const std::array<bls::PairingTerm, 2> terms{
        bls::PairingTerm{bls::to_affine(lhs), &setup.neg_g2_lines},
        bls::PairingTerm{*pi, &setup.tau_g2_lines},
    };
    return bls::pairing_product_is_one(terms) ? ProofStatus::valid : ProofStatus::invalid_proof;
}

}  // namespace optimist::crypto::kzg
