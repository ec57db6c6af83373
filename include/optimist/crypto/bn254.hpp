// Operations on the bn254 (alt_bn128) curve behind the precompiles 0x06 ECADD, 0x07 ECMUL
// (EIP-196) and 0x08 pairing check (EIP-197), over their byte encodings. Gas is the
// precompiles' business (run_precompile); these functions only compute.
//
// Encodings (EIP-196, EIP-197): an Fp element is a 32-byte big-endian integer below the
// field modulus p. A G1 point is x || y (64 bytes); (0, 0) is the point at infinity. A G2
// point is x || y over Fp2 = Fp[i] / (i^2 + 1), each written as its i coefficient first:
// x_i || x_1 || y_i || y_1 (128 bytes); all zeros is infinity.
//
// Errors: nullopt means invalid input (a coordinate >= p, a point not on its curve, a G2
// point outside the subgroup of order r, or a pairing input whose length is not a
// multiple of 192), which the precompiles turn into an exceptional halt.
//
// Cost on a 2.5 GHz Xeon: ecadd ~10 us (one field inversion), ecmul ~0.1 ms, pairing_check
// ~0.5 ms plus ~0.3 ms per term (one final exponentiation for all terms); no heap
// allocation. Thread safety: reentrant, no shared state.
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstddef>
#include <optional>

namespace optimist::crypto::bn254 {

inline constexpr std::size_t kEcaddInputSize = 128;
inline constexpr std::size_t kEcmulInputSize = 96;
inline constexpr std::size_t kPairingTermSize = 192;

// A G1 point as the precompiles return it.
using G1Bytes = FixedBytes<64>;

// P1 + P2 for input P1 || P2, right-padded with zeros to 128 bytes (bytes past 128 are
// ignored).
[[nodiscard]] std::optional<G1Bytes> ecadd(ByteView input) noexcept;

// [s] P for input P || s, right-padded with zeros to 96 bytes (bytes past 96 are
// ignored). s is any 256-bit big-endian integer; it is not required to be below r.
[[nodiscard]] std::optional<G1Bytes> ecmul(ByteView input) noexcept;

// Whether e(P1, Q1) * ... * e(Pk, Qk) = 1 for input P1 || Q1 || ... || Pk || Qk (192
// bytes per term; empty input gives true). Terms with a point at infinity contribute 1,
// but both points of every term are validated.
[[nodiscard]] std::optional<bool> pairing_check(ByteView input) noexcept;

}  // namespace optimist::crypto::bn254
