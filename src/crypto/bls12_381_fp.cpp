#include "bls12_381_fp.hpp"

namespace optimist::crypto::bls {

Fp Fp::inverse() const noexcept { return pow(*this, fp_constants::kPMinus2); }

std::optional<Fp> Fp::sqrt() const noexcept {
    const Fp root = pow(*this, fp_constants::kPPlus1Div4);
    if (root.square() != *this) return std::nullopt;  // not a quadratic residue
    return root;
}

bool Fp::is_lexicographically_largest() const noexcept {
    return limbs::less(fp_constants::kPMinus1Div2, to_canonical());
}

}  // namespace optimist::crypto::bls
