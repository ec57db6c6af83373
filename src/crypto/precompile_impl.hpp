// Pieces shared by the precompile implementations (private to the crypto module).
#pragma once

#include <optimist/crypto/precompiles.hpp>

#include <algorithm>
#include <cstdint>

namespace optimist::crypto::detail {

// Exceptional halt: the call consumes all of its gas and returns nothing.
inline PrecompileResult halt(PrecompileStatus status, std::uint64_t gas_limit) {
    return PrecompileResult{status, gas_limit, {}};
}

// The part of input[offset, offset + length) that lies inside `input`: call data reads
// past the end see zeros (EIP-198), which callers account for as padding. Offsets are
// 128-bit so that offset + length cannot wrap for any 64-bit length.
inline ByteView available(ByteView input, unsigned __int128 offset, std::uint64_t length) noexcept {
    if (offset >= input.size()) return {};
    const auto start = static_cast<std::size_t>(offset);
    const std::size_t n = std::min<std::uint64_t>(length, input.size() - start);
    return input.subspan(start, n);
}

// EIP-198 with EIP-2565 pricing.
PrecompileResult run_modexp(ByteView input, std::uint64_t gas_limit);

// EIP-196/197 semantics with EIP-1108 pricing (bn254_precompile.cpp).
PrecompileResult run_bn254_add(ByteView input, std::uint64_t gas_limit);
PrecompileResult run_bn254_mul(ByteView input, std::uint64_t gas_limit);
PrecompileResult run_bn254_pairing(ByteView input, std::uint64_t gas_limit);

// EIP-4844's point evaluation (kzg_precompile.cpp).
PrecompileResult run_point_evaluation(ByteView input, std::uint64_t gas_limit);

}  // namespace optimist::crypto::detail
