// Strict readers for the fields of the stub's RLP records (records.hpp): each yields nullopt
// for a field that does not decode, so a damaged record reads as absent.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <optional>
#include <vector>

namespace optimist::l1::records::fields {

// Decodes `b` as one RLP list of exactly `n` items.
[[nodiscard]] inline std::optional<std::vector<rlp::Item>> list_of(ByteView b, std::size_t n) {
    auto item = rlp::decode(b);
    if (!item || !item->is_list) return std::nullopt;
    auto items = rlp::decode_list(*item);
    if (!items || items->size() != n) return std::nullopt;
    return std::move(*items);
}

[[nodiscard]] inline std::optional<std::uint64_t> u64(const rlp::Item& i) {
    auto v = rlp::decode_uint64(i);
    return v ? std::optional(*v) : std::nullopt;
}

[[nodiscard]] inline std::optional<Uint256> u256(const rlp::Item& i) {
    auto v = rlp::decode_uint256(i);
    return v ? std::optional(*v) : std::nullopt;
}

template <std::size_t N>
[[nodiscard]] std::optional<FixedBytes<N>> fixed(const rlp::Item& i) {
    auto v = rlp::decode_fixed<N>(i);
    return v ? std::optional(*v) : std::nullopt;
}

[[nodiscard]] inline std::optional<Bytes> bytes(const rlp::Item& i) {
    auto v = rlp::decode_string(i);
    return v ? std::optional(to_bytes(*v)) : std::nullopt;
}

}  // namespace optimist::l1::records::fields
