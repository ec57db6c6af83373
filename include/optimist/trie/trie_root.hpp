// One-shot root computation for content known in full (transactions, receipts and
// withdrawals roots of a block; a fresh storage or state trie).
//
// Builds no mutable tree: it sorts the keys and hashes the trie bottom-up by recursing
// over sorted ranges, which allocates far less than inserting key by key.
#pragma once

#include <optimist/core/bytes.hpp>

#include <span>
#include <utility>

namespace optimist::trie {

// The root of the trie holding `items` in any order. Applied as Trie::put would be in
// sequence: of duplicate keys the last wins, and an empty value deletes the key.
[[nodiscard]] Hash trie_root(std::span<const std::pair<Bytes, Bytes>> items);
[[nodiscard]] Hash trie_root(std::span<const std::pair<ByteView, ByteView>> items);

// As trie_root with every key replaced by keccak256(key) (see secure_trie.hpp).
[[nodiscard]] Hash secure_trie_root(std::span<const std::pair<Bytes, Bytes>> items);

// The root of the list trie of a block: value i under key rlp(i) (Yellow Paper 4.3,
// transactions, receipts and EIP-4895 withdrawals roots). `values` are already encoded.
[[nodiscard]] Hash ordered_trie_root(std::span<const Bytes> values);

}  // namespace optimist::trie
