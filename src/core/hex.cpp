#include <optimist/core/hex.hpp>

namespace optimist {

namespace {

constexpr char kDigits[] = "0123456789abcdef";

// -1 for a character that is not a hex digit.
constexpr int digit_value(char c) noexcept {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
}

}  // namespace

std::string_view to_string(HexError e) noexcept {
    switch (e) {
        case HexError::odd_length: return "hex string has odd length";
        case HexError::invalid_digit: return "invalid hex digit";
        case HexError::wrong_length: return "hex string has wrong length";
    }
    return "unknown hex error";
}

std::string to_hex(ByteView data, bool prefix) {
    std::string out;
    out.reserve(data.size() * 2 + 2);
    if (prefix) out += "0x";
    for (std::uint8_t b : data) {
        out += kDigits[b >> 4];
        out += kDigits[b & 0xf];
    }
    return out;
}

Result<Bytes, HexError> from_hex(std::string_view hex) {
    if (hex.size() >= 2 && hex[0] == '0' && (hex[1] == 'x' || hex[1] == 'X')) hex.remove_prefix(2);
    if (hex.size() % 2 != 0) return fail(HexError::odd_length);
    Bytes out(hex.size() / 2);
    for (std::size_t i = 0; i < out.size(); ++i) {
        const int hi = digit_value(hex[2 * i]);
        const int lo = digit_value(hex[2 * i + 1]);
        if (hi < 0 || lo < 0) return fail(HexError::invalid_digit);
        out[i] = static_cast<std::uint8_t>((hi << 4) | lo);
    }
    return out;
}

}  // namespace optimist
