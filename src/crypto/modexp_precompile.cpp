// MODEXP (0x05): EIP-198 semantics, EIP-2565 gas.
#include "precompile_impl.hpp"

#include <optimist/crypto/modexp.hpp>

#include <algorithm>
#include <array>
#include <bit>
#include <limits>
#include <optional>

namespace optimist::crypto::detail {
namespace {

using Uint128 = unsigned __int128;

constexpr std::uint64_t kMinGas = 200;    // EIP-2565
constexpr std::uint64_t kGasDivisor = 3;  // EIP-2565 (was GQUADDIVISOR = 20 in EIP-198)
constexpr std::size_t kHeaderSize = 96;   // three 32-byte lengths
constexpr std::uint64_t kExponentHeadSize = 32;

// A 32-byte big-endian length from the header, or nullopt when it is 2^64 or more. Such
// lengths are legal input (EIP-198 shows one) but no gas limit can pay for them.
std::optional<std::uint64_t> read_length(ByteView input, std::size_t offset) noexcept {
    std::array<std::uint8_t, 32> word{};
    const ByteView part = available(input, offset, 32);
    std::copy(part.begin(), part.end(), word.begin());
    if (!std::all_of(word.begin(), word.begin() + 24, [](std::uint8_t b) { return b == 0; })) {
        return std::nullopt;
    }
    std::uint64_t v = 0;
    for (std::size_t i = 24; i < 32; ++i) v = (v << 8) | word[i];
    return v;
}

// Index of the highest set bit of the exponent's first min(exp_len, 32) bytes, or 0 when
// they are all zero (EIP-198, ADJUSTED_EXPONENT_LENGTH). Bytes past the input are zeros
// at the low-order end of this head.
std::uint64_t exponent_head_msb(ByteView input, std::uint64_t base_len, std::uint64_t exp_len) noexcept {
    const std::uint64_t head_len = std::min(exp_len, kExponentHeadSize);
    const ByteView head = available(input, Uint128{kHeaderSize} + base_len, head_len);
    for (std::size_t i = 0; i < head.size(); ++i) {
        if (head[i] != 0) {
            const auto top_bit = static_cast<std::uint64_t>(7 - std::countl_zero(head[i]));
            return 8 * (head_len - 1 - i) + top_bit;
        }
    }
    return 0;
}

// EIP-2565: max(200, floor(ceil(max(base_len, mod_len) / 8)^2 * iterations / 3)), where
// iterations = max(adjusted exponent length, 1). Saturates at the Uint128 maximum, which
// exceeds every 64-bit gas limit.
Uint128 modexp_gas(ByteView input, std::optional<std::uint64_t> base_len,
                   std::optional<std::uint64_t> exp_len, std::optional<std::uint64_t> mod_len) noexcept {
    constexpr Uint128 kSaturated = std::numeric_limits<Uint128>::max();
    // A length of 2^64 or more makes the complexity at least (2^61)^2.
    if (!base_len || !mod_len) return kSaturated;
    const std::uint64_t max_len = std::max(*base_len, *mod_len);
    const Uint128 words = max_len / 8 + (max_len % 8 != 0 ? 1 : 0);
    const Uint128 complexity = words * words;  // < 2^122
    // Zero complexity (both lengths 0) costs the minimum whatever the exponent length.
    if (complexity == 0) return kMinGas;
    if (!exp_len) return kSaturated;  // iterations >= 8 * (2^64 - 32)

    const std::uint64_t msb = exponent_head_msb(input, *base_len, *exp_len);
    Uint128 iterations = msb;
    if (*exp_len > kExponentHeadSize) iterations += Uint128{8} * (*exp_len - kExponentHeadSize);
    iterations = std::max<Uint128>(iterations, 1);

    Uint128 product = 0;
    if (__builtin_mul_overflow(complexity, iterations, &product)) return kSaturated;
    return std::max<Uint128>(kMinGas, product / kGasDivisor);
}

PaddedNumber operand(ByteView input, Uint128 offset, std::uint64_t length) noexcept {
    const ByteView part = available(input, offset, length);
    return PaddedNumber{part, length - part.size()};
}

}  // namespace

PrecompileResult run_modexp(ByteView input, std::uint64_t gas_limit) {
    const auto base_len = read_length(input, 0);
    const auto exp_len = read_length(input, 32);
    const auto mod_len = read_length(input, 64);

    const Uint128 gas = modexp_gas(input, base_len, exp_len, mod_len);
    if (gas > gas_limit) return halt(PrecompileStatus::out_of_gas, gas_limit);
    PrecompileResult result{PrecompileStatus::success, static_cast<std::uint64_t>(gas), {}};

    // Affordable gas leaves base and modulus lengths below 2^64. The exponent length is
    // below 2^64 as well, except when both other lengths are zero (minimum gas whatever
    // the exponent): then the output is empty and nothing is computed.
    if (!mod_len || *mod_len == 0) return result;
    const Uint128 exp_offset = Uint128{kHeaderSize} + *base_len;
    const Uint128 mod_offset = exp_offset + *exp_len;
    result.output = modexp(operand(input, kHeaderSize, *base_len), operand(input, exp_offset, *exp_len),
                           operand(input, mod_offset, *mod_len));
    return result;
}

}  // namespace optimist::crypto::detail
