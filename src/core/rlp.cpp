#include <optimist/core/rlp.hpp>

namespace optimist::rlp {

std::string_view to_string(RlpError e) noexcept {
    switch (e) {
        case RlpError::input_too_short: return "rlp: input too short";
        case RlpError::leading_zero_in_length: return "rlp: leading zero in length";
        case RlpError::non_canonical_length: return "rlp: non-canonical size (long form for a short length)";
        case RlpError::non_canonical_single_byte: return "rlp: non-canonical single byte (should be encoded as itself)";
        case RlpError::length_too_large: return "rlp: length too large";
        case RlpError::trailing_bytes: return "rlp: trailing bytes after the item";
        case RlpError::expected_list: return "rlp: expected a list";
        case RlpError::expected_string: return "rlp: expected a string";
        case RlpError::leading_zero_in_integer: return "rlp: non-canonical integer (leading zero bytes)";
        case RlpError::integer_overflow: return "rlp: integer too large";
        case RlpError::wrong_list_length: return "rlp: wrong number of list items";
        case RlpError::wrong_size: return "rlp: wrong size for a fixed-size string";
    }
    return "rlp: unknown error";
}

// ---------------------------------------------------------------------------------------
// Encoding

namespace {

// Number of bytes in the big-endian form of n (n > 0).
constexpr std::size_t byte_width(std::uint64_t n) noexcept {
    std::size_t w = 0;
    for (; n != 0; n >>= 8) ++w;
    return w;
}

// Writes the header into `out` (at most 9 bytes) and returns its length.
std::size_t write_header(std::uint8_t* out, bool is_list, std::size_t payload_length) noexcept {
    const std::uint8_t short_base = is_list ? 0xc0 : 0x80;
    const std::uint8_t long_base = is_list ? 0xf7 : 0xb7;
    if (payload_length < 56) {
        out[0] = static_cast<std::uint8_t>(short_base + payload_length);
        return 1;
    }
    const std::size_t w = byte_width(payload_length);
    out[0] = static_cast<std::uint8_t>(long_base + w);
    for (std::size_t i = 0; i < w; ++i)
        out[w - i] = static_cast<std::uint8_t>(payload_length >> (8 * i));
    return 1 + w;
}

}  // namespace

std::size_t header_length(std::size_t payload_length) noexcept {
    return payload_length < 56 ? 1 : 1 + byte_width(payload_length);
}

void append_header(Bytes& out, bool is_list, std::size_t payload_length) {
    std::uint8_t header[9];
    const std::size_t n = write_header(header, is_list, payload_length);
    out.insert(out.end(), header, header + n);
}

void Encoder::add_bytes(ByteView data) {
    // A single byte below 0x80 is its own encoding.
    if (data.size() == 1 && data[0] < 0x80) {
        buf_.push_back(data[0]);
        return;
    }
    append_header(buf_, false, data.size());
    append(buf_, data);
}

void Encoder::add_uint(std::uint64_t v) {
    if (v == 0) {
        buf_.push_back(0x80);
        return;
    }
    if (v < 0x80) {
        buf_.push_back(static_cast<std::uint8_t>(v));
        return;
    }
    const std::size_t w = byte_width(v);
    buf_.push_back(static_cast<std::uint8_t>(0x80 + w));
    for (std::size_t i = w; i-- > 0;) buf_.push_back(static_cast<std::uint8_t>(v >> (8 * i)));
}

void Encoder::add_uint(const Uint256& v) {
    if (v.fits_u64()) return add_uint(v.w[0]);
    std::uint8_t be[32];
    v.to_be_bytes(be);
    std::size_t skip = 0;
    while (be[skip] == 0) ++skip;  // v >= 2^64, so a non-zero byte exists
    add_bytes(ByteView(be + skip, 32 - skip));
}

void Encoder::add_raw(ByteView encoded) { append(buf_, encoded); }

void Encoder::end_list(std::size_t mark) {
    const std::size_t payload_length = buf_.size() - mark;
    std::uint8_t header[9];
    const std::size_t n = write_header(header, true, payload_length);
    buf_.insert(buf_.begin() + static_cast<std::ptrdiff_t>(mark), header, header + n);
}

Bytes encode_bytes(ByteView data) {
    Encoder e;
    e.add_bytes(data);
    return std::move(e).take();
}

Bytes encode_uint(const Uint256& v) {
    Encoder e;
    e.add_uint(v);
    return std::move(e).take();
}

Bytes encode_list(const std::vector<Bytes>& encoded_items) {
    std::size_t payload = 0;
    for (const auto& item : encoded_items) payload += item.size();
    Bytes out;
    out.reserve(header_length(payload) + payload);
    append_header(out, true, payload);
    for (const auto& item : encoded_items) append(out, item);
    return out;
}

// ---------------------------------------------------------------------------------------
// Decoding

Result<Item, RlpError> decode_next(ByteView& input) noexcept {
    if (input.empty()) return fail(RlpError::input_too_short);
    const std::uint8_t prefix = input[0];

    if (prefix < 0x80) {
        Item item{false, input.subspan(0, 1), input.subspan(0, 1)};
        input = input.subspan(1);
        return item;
    }

    const bool is_list = prefix >= 0xc0;
    const std::uint8_t base = is_list ? 0xc0 : 0x80;
    std::size_t header = 1;
    std::size_t length = 0;

    if (prefix - base < 56) {
        length = static_cast<std::size_t>(prefix - base);
    } else {
        const std::size_t width = static_cast<std::size_t>(prefix - base - 55);
        if (width > 8) return fail(RlpError::length_too_large);  // unreachable for 0xbf/0xff, kept for clarity
        if (input.size() < 1 + width) return fail(RlpError::input_too_short);
        if (input[1] == 0) return fail(RlpError::leading_zero_in_length);
        std::uint64_t len64 = 0;
        for (std::size_t i = 0; i < width; ++i) len64 = (len64 << 8) | input[1 + i];
        if (len64 < 56) return fail(RlpError::non_canonical_length);
        header = 1 + width;
        // Compare against what remains rather than computing header + length, which
        // could overflow for a hostile 8-byte length.
        if (len64 > input.size() - header) return fail(RlpError::input_too_short);
        length = static_cast<std::size_t>(len64);
    }

    if (length > input.size() - header) return fail(RlpError::input_too_short);
    const ByteView payload = input.subspan(header, length);
    if (!is_list && length == 1 && payload[0] < 0x80) return fail(RlpError::non_canonical_single_byte);

    Item item{is_list, payload, input.subspan(0, header + length)};
    input = input.subspan(header + length);
    return item;
}

Result<Item, RlpError> decode(ByteView input) noexcept {
    auto item = decode_next(input);
    if (!item) return item;
    if (!input.empty()) return fail(RlpError::trailing_bytes);
    return item;
}

Result<std::vector<Item>, RlpError> decode_list(const Item& list) {
    if (!list.is_list) return fail(RlpError::expected_list);
    std::vector<Item> items;
    ByteView rest = list.payload;
    while (!rest.empty()) {
        auto item = decode_next(rest);
        if (!item) return fail(item.error());
        items.push_back(*item);
    }
    return items;
}

Result<ByteView, RlpError> decode_string(const Item& item) noexcept {
    if (item.is_list) return fail(RlpError::expected_string);
    return item.payload;
}

Result<std::uint64_t, RlpError> decode_uint64(const Item& item) noexcept {
    if (item.is_list) return fail(RlpError::expected_string);
    const ByteView p = item.payload;
    if (p.size() > 8) return fail(RlpError::integer_overflow);
    if (!p.empty() && p[0] == 0) return fail(RlpError::leading_zero_in_integer);
    std::uint64_t v = 0;
    for (std::uint8_t b : p) v = (v << 8) | b;
    return v;
}

Result<Uint256, RlpError> decode_uint256(const Item& item) noexcept {
    if (item.is_list) return fail(RlpError::expected_string);
    const ByteView p = item.payload;
    if (p.size() > 32) return fail(RlpError::integer_overflow);
    if (!p.empty() && p[0] == 0) return fail(RlpError::leading_zero_in_integer);
    return Uint256::from_be_bytes(p);
}

}  // namespace optimist::rlp
