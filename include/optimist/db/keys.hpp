// Building blocks of database keys shared by every store on the node's LevelDB: a one-byte
// record prefix followed by the record's identity, and big-endian numbers, so keys of one
// kind iterate in numeric order.
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstdint>

namespace optimist::db {

// prefix ‖ rest.
[[nodiscard]] inline Bytes prefixed_key(std::uint8_t prefix, ByteView rest) {
    // Sized up front: GCC 12 warns falsely (-Warray-bounds) on growing a one-byte vector.
    Bytes key(1 + rest.size());
    key[0] = prefix;
    std::copy(rest.begin(), rest.end(), key.begin() + 1);
    return key;
}

// The 8 big-endian bytes of `v`.
[[nodiscard]] inline Bytes be64(std::uint64_t v) {
    Bytes out(8);
    for (int i = 7; i >= 0; --i, v >>= 8) out[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(v);
    return out;
}

}  // namespace optimist::db
