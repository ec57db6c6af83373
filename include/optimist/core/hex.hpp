// Hex encoding and decoding ("0x"-prefixed or bare), as JSON-RPC and the test fixtures use.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <string>
#include <string_view>

namespace optimist {

enum class HexError {
    odd_length,      // a byte needs two digits
    invalid_digit,   // a character outside [0-9a-fA-F]
    wrong_length,    // the fixed-size target needs exactly N bytes
};

[[nodiscard]] std::string_view to_string(HexError e) noexcept;

// Lower-case hex of `data`, with a "0x" prefix when `prefix` is set.
[[nodiscard]] std::string to_hex(ByteView data, bool prefix = true);

// Decodes hex with or without a "0x"/"0X" prefix. An empty string (or "0x") is empty bytes.
[[nodiscard]] Result<Bytes, HexError> from_hex(std::string_view hex);

// Decodes exactly N bytes.
template <std::size_t N>
[[nodiscard]] Result<FixedBytes<N>, HexError> fixed_from_hex(std::string_view hex) {
    auto bytes = from_hex(hex);
    if (!bytes) return fail(bytes.error());
    if (bytes->size() != N) return fail(HexError::wrong_length);
    FixedBytes<N> out;
    std::copy(bytes->begin(), bytes->end(), out.bytes.begin());
    return out;
}

}  // namespace optimist
