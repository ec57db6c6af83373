// The database keys of the chain records (layout documented in chain_store.hpp).
#pragma once

#include <optimist/core/bytes.hpp>

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace optimist::chain::keys {

inline constexpr std::uint8_t kHeader = 'h';
inline constexpr std::uint8_t kBody = 'B';
inline constexpr std::uint8_t kReceipts = 'r';
inline constexpr std::uint8_t kCanonical = 'N';
inline constexpr std::uint8_t kTxLocation = 't';
inline constexpr std::uint8_t kHead = 'H';
inline constexpr std::uint8_t kPending = 'p';
inline constexpr std::uint8_t kMeta = 'm';

inline constexpr std::string_view kSchemaVersionName = "schema_version";
inline constexpr std::string_view kChainIdName = "chain_id";
inline constexpr std::string_view kGenesisHashName = "genesis_hash";

// prefix + hash: headers, bodies, receipts (by block hash); locations, pending (by tx hash).
inline Bytes by_hash(std::uint8_t prefix, const Hash& hash) {
    Bytes key;
    key.reserve(1 + Hash::size());
    key.push_back(prefix);
    append(key, hash);
    return key;
}

// "N" + big-endian number, so canonical entries iterate in block order.
inline Bytes canonical(std::uint64_t number) {
    Bytes key(1 + sizeof(number));
    key[0] = kCanonical;
    for (std::size_t i = 0; i < sizeof(number); ++i)
        key[1 + i] = static_cast<std::uint8_t>(number >> (8 * (sizeof(number) - 1 - i)));
    return key;
}

inline Bytes head() { return Bytes{kHead}; }

inline Bytes meta(std::string_view name) {
    // Sized up front: GCC 12 warns falsely (-Warray-bounds) on growing a one-byte vector.
    Bytes key(1 + name.size());
    key[0] = kMeta;
    std::copy(name.begin(), name.end(), key.begin() + 1);
    return key;
}

}  // namespace optimist::chain::keys
