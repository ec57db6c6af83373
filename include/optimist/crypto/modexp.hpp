// Arbitrary-precision modular exponentiation for the MODEXP precompile 0x05 (EIP-198),
// computed with GMP.
//
// Operands are big-endian unsigned integers of any byte length. The precompile reads
// them from call data that is "infinitely right-padded with zero bytes" (EIP-198), so an
// operand may extend past the input; PaddedNumber describes such a value without
// materializing the padding.
//
// Cost: dominated by GMP's mpz_powm, roughly (modulus bits)^~1.6 * (exponent bits).
// Nothing here bounds it: callers bound the operand sizes, as the precompile's gas does.
// Thread safety: reentrant; no shared state.
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstdint>

namespace optimist::crypto {

// The value `bytes` followed by `zero_padding` zero bytes, i.e. bytes * 256^zero_padding,
// with byte length bytes.size() + zero_padding.
struct PaddedNumber {
    ByteView bytes;
    std::uint64_t zero_padding = 0;

    [[nodiscard]] std::uint64_t length() const noexcept { return bytes.size() + zero_padding; }
};

// base^exponent mod modulus as exactly modulus.length() big-endian bytes (leading zeros
// kept). A zero modulus yields modulus.length() zero bytes (EIP-198 leaves x mod 0
// undefined; every client returns zeros), 0^0 is 1, and anything mod 1 is 0.
// REQUIRES: each operand's length fits in memory as a GMP integer (in particular
// zero_padding < 2^61), which the precompile's gas check guarantees.
[[nodiscard]] Bytes modexp(PaddedNumber base, PaddedNumber exponent, PaddedNumber modulus);

[[nodiscard]] inline Bytes modexp(ByteView base, ByteView exponent, ByteView modulus) {
    return modexp(PaddedNumber{base}, PaddedNumber{exponent}, PaddedNumber{modulus});
}

}  // namespace optimist::crypto
