// The point evaluation precompile at 0x0a (EIP-4844).
#include "precompile_impl.hpp"

#include <optimist/crypto/kzg.hpp>

#include <algorithm>
#include <cstddef>
#include <utility>

namespace optimist::crypto::detail {

// Input: versioned_hash (32) ‖ z (32) ‖ y (32) ‖ commitment (48) ‖ proof (48). Gas is
// checked first; any defect after that is an exceptional halt that consumes all gas, as
// the EIP's asserts are. Output: FIELD_ELEMENTS_PER_BLOB ‖ BLS_MODULUS, two words.
PrecompileResult run_point_evaluation(ByteView input, std::uint64_t gas_limit) {
    if (gas_limit < kzg::kPointEvaluationGas) return halt(PrecompileStatus::out_of_gas, gas_limit);
    if (input.size() != kzg::kPointEvaluationInputSize)
        return halt(PrecompileStatus::invalid_input, gas_limit);

    Hash versioned_hash;
    Hash z;
    Hash y;
    kzg::Commitment commitment;
    kzg::Proof proof;
    const auto read = [&input](std::size_t offset, auto& field) {
        std::copy_n(input.begin() + static_cast<std::ptrdiff_t>(offset), field.size(), field.bytes.begin());
    };
    read(0, versioned_hash);
    read(32, z);
    read(64, y);
    read(96, commitment);
    read(144, proof);

    if (kzg::versioned_hash(commitment) != versioned_hash)
        return halt(PrecompileStatus::invalid_input, gas_limit);
    if (kzg::verify_proof(commitment, z, y, proof) != kzg::ProofStatus::valid) {
        return halt(PrecompileStatus::invalid_input, gas_limit);
    }

    Bytes out(64, 0);
    for (std::size_t i = 0; i < 8; ++i)
        out[31 - i] = static_cast<std::uint8_t>(kzg::kFieldElementsPerBlob >> (8 * i));
    std::copy(kzg::kBlsModulus.begin(), kzg::kBlsModulus.end(), out.begin() + 32);
    return {PrecompileStatus::success, kzg::kPointEvaluationGas, std::move(out)};
}

}  // namespace optimist::crypto::detail
