// Database keys of the state store (layout documented in state_store.hpp) and the node
// source the trie reads stored nodes through.
#pragma once

#include <optimist/db/database.hpp>
#include <optimist/state/state_store.hpp>
#include <optimist/trie/node_store.hpp>

namespace optimist::state::detail {

[[nodiscard]] inline Bytes prefixed_key(std::uint8_t prefix, const Hash& hash) {
    Bytes key;
    key.reserve(1 + Hash::size());
    key.push_back(prefix);
    append(key, hash);
    return key;
}

[[nodiscard]] inline Bytes node_key(const Hash& hash) { return prefixed_key(kNodeKeyPrefix, hash); }
[[nodiscard]] inline Bytes code_key(const Hash& hash) { return prefixed_key(kCodeKeyPrefix, hash); }

// Reads nodes from `db`, which must outlive the source. Safe to call from any thread.
[[nodiscard]] inline trie::NodeSource node_source(const db::Database& db) {
    return [&db](const Hash& hash) { return db.get(node_key(hash)); };
}

}  // namespace optimist::state::detail
