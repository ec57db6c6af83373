// The database keys of the chain records (layout documented in chain_store.hpp).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/db/keys.hpp>

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
inline Bytes by_hash(std::uint8_t prefix, const Hash& hash) { return db::prefixed_key(prefix, hash); }

// "N" + big-endian number, so canonical entries iterate in block order.
inline Bytes canonical(std::uint64_t number) { return db::prefixed_key(kCanonical, db::be64(number)); }

inline Bytes head() { return Bytes{kHead}; }

inline Bytes meta(std::string_view name) {
    return db::prefixed_key(kMeta, ByteView(reinterpret_cast<const std::uint8_t*>(name.data()), name.size()));
}

}  // namespace optimist::chain::keys
