// Database keys of the state store (layout documented in state_store.hpp) and the node
// source the trie reads stored nodes through.
#pragma once

#include <optimist/core/rlp.hpp>
#include <optimist/db/database.hpp>
#include <optimist/db/keys.hpp>
#include <optimist/state/state_store.hpp>
#include <optimist/trie/node_store.hpp>

namespace optimist::state::detail {

[[nodiscard]] inline Bytes node_key(const Hash& hash) { return db::prefixed_key(kNodeKeyPrefix, hash); }
[[nodiscard]] inline Bytes code_key(const Hash& hash) { return db::prefixed_key(kCodeKeyPrefix, hash); }

// The slot value as the storage trie holds it (its key: hashed_slot, hashed_keys.hpp).
[[nodiscard]] inline Result<Uint256, rlp::RlpError> decode_slot_value(ByteView encoded) {
    const auto item = rlp::decode(encoded);
    if (!item) return fail(item.error());
    return rlp::decode_uint256(*item);
}

// Reads nodes from `db`, which must outlive the source. Safe to call from any thread.
[[nodiscard]] inline trie::NodeSource node_source(const db::Database& db) {
    return [&db](const Hash& hash) { return db.get(node_key(hash)); };
}

}  // namespace optimist::state::detail
