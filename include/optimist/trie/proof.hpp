// Verification of Merkle proofs in the eth_getProof (EIP-1186) format.
//
// A proof is the list of node encodings on the path from the root to the key, root
// first, without the nodes embedded in their parent (they travel inside it). The
// verifier needs nothing but the root: every node is checked against the hash its
// parent (or the caller) commits to, so a proof that verifies cannot name a wrong value.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <optional>
#include <span>
#include <string_view>

namespace optimist::trie {

enum class ProofError {
    empty_proof,    // no nodes, but the root is not the empty trie's
    root_mismatch,  // the first node does not hash to the root
    hash_mismatch,  // a node does not hash to the reference its parent holds
    missing_node,   // the path leads on through a hashed reference past the last node
    unused_node,    // nodes are left over once the path has ended
    invalid_rlp,    // a node is not canonical RLP
    invalid_node,   // RLP, but not a trie node: wrong item count, bad hex-prefix path,
                    // empty leaf value, an embedded node of 32 bytes or more, ...
};

[[nodiscard]] std::string_view to_string(ProofError e) noexcept;

// Walks `proof` from `root` along `key` (the raw trie key: for a secure trie pass
// keccak256 of the account address or storage slot). Returns the value when the proof
// shows the key present, std::nullopt when it shows the key absent, or the first
// inconsistency found. Every node must be used exactly once, in path order.
// Never reads outside the given buffers, whatever their content.
[[nodiscard]] Result<std::optional<Bytes>, ProofError> verify_proof(const Hash& root, ByteView key,
                                                                    std::span<const Bytes> proof);

}  // namespace optimist::trie
