// Recursive Length Prefix (Yellow Paper, appendix B): encoder and strict decoder.
//
// The decoder accepts only canonical encodings, so every accepted input re-encodes to
// itself byte for byte; hashes of decoded objects are therefore stable. Each rejection
// names the rule broken (the kinds used by ethereum/tests' invalid RLP cases).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <string_view>
#include <vector>

namespace optimist::rlp {

enum class RlpError {
    input_too_short,            // a header or payload runs past the end of the input
    leading_zero_in_length,     // a long-form length starts with a zero byte
    non_canonical_length,       // long form used for a length below 56
    non_canonical_single_byte,  // a single byte below 0x80 wrapped as a one-byte string
    length_too_large,           // a length that does not fit in memory (more than 8 length bytes)
    trailing_bytes,             // input continues after the item
    expected_list,              // found a string where a list was required
    expected_string,            // found a list where a string was required
    leading_zero_in_integer,    // an integer encoded with a leading zero byte
    integer_overflow,           // an integer wider than the target type
    wrong_list_length,          // a list with a different number of items than the type has
    wrong_size,                 // a fixed-size string (hash, address) of another length
};

[[nodiscard]] std::string_view to_string(RlpError e) noexcept;

// ---------------------------------------------------------------------------------------
// Encoding. Encoder appends to one buffer; lists are opened and closed around their items
// so nested structures are built without temporary vectors.

class Encoder {
public:
    void add_bytes(ByteView data);
    void add_uint(std::uint64_t v);
    void add_uint(const Uint256& v);
    // Appends an item that is already RLP-encoded.
    void add_raw(ByteView encoded);

    // Returns a mark to pass to end_list once the list's items are added.
    [[nodiscard]] std::size_t begin_list() const noexcept { return buf_.size(); }
    void end_list(std::size_t mark);

    [[nodiscard]] const Bytes& bytes() const noexcept { return buf_; }
    [[nodiscard]] Bytes take() && noexcept { return std::move(buf_); }
    void clear() noexcept { buf_.clear(); }

private:
    Bytes buf_;
};

[[nodiscard]] Bytes encode_bytes(ByteView data);
[[nodiscard]] Bytes encode_uint(const Uint256& v);
// Wraps already-encoded items in a list header.
[[nodiscard]] Bytes encode_list(const std::vector<Bytes>& encoded_items);
// The header for a string (is_list = false) or list of `payload_length` bytes.
void append_header(Bytes& out, bool is_list, std::size_t payload_length);
[[nodiscard]] std::size_t header_length(std::size_t payload_length) noexcept;

// ---------------------------------------------------------------------------------------
// Decoding. Items are views into the caller's input; nothing is copied.

struct Item {
    bool is_list = false;
    ByteView payload;  // the string's bytes, or the concatenated encodings of the list's items
    ByteView encoded;  // header and payload
};

// Decodes the item at the front of `input` and advances `input` past it.
[[nodiscard]] Result<Item, RlpError> decode_next(ByteView& input) noexcept;

// Decodes `input` as exactly one item (trailing bytes are an error).
[[nodiscard]] Result<Item, RlpError> decode(ByteView input) noexcept;

// The items of a list item, in order.
[[nodiscard]] Result<std::vector<Item>, RlpError> decode_list(const Item& list);

// Scalars from string items: canonical big-endian (no leading zero byte; zero is empty).
[[nodiscard]] Result<std::uint64_t, RlpError> decode_uint64(const Item& item) noexcept;
[[nodiscard]] Result<Uint256, RlpError> decode_uint256(const Item& item) noexcept;
// A string item's bytes (a list is an error).
[[nodiscard]] Result<ByteView, RlpError> decode_string(const Item& item) noexcept;
// A string of exactly N bytes.
template <std::size_t N>
[[nodiscard]] Result<FixedBytes<N>, RlpError> decode_fixed(const Item& item) noexcept {
    auto s = decode_string(item);
    if (!s) return fail(s.error());
    if (s->size() != N) return fail(RlpError::wrong_size);
    FixedBytes<N> out;
    std::copy(s->begin(), s->end(), out.bytes.begin());
    return out;
}

}  // namespace optimist::rlp
