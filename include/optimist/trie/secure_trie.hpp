// The secure trie: a Trie whose keys are keccak256 of the caller's keys (Yellow Paper,
// appendix D, "TRIE(L_I^*)" for the world state and account storage). Hashing bounds the
// depth an attacker can force with chosen keys and spreads keys evenly.
#pragma once

#include <optimist/trie/trie.hpp>

namespace optimist::trie {

// Same contracts as Trie, with every key replaced by keccak256(key). Key order is hash
// order, so there is no next_key/prev_key; raw() exposes the underlying trie for walks.
class SecureTrie {
public:
    void put(ByteView key, ByteView value);
    bool erase(ByteView key);
    [[nodiscard]] std::optional<ByteView> get(ByteView key) const;
    [[nodiscard]] std::size_t size() const noexcept { return trie_.size(); }
    [[nodiscard]] bool empty() const noexcept { return trie_.empty(); }

    [[nodiscard]] Hash root_hash() { return trie_.root_hash(); }
    void commit(const NodeSink& sink) { trie_.commit(sink); }

    // The proof for keccak256(key): verify with verify_proof(root, keccak256(key), proof),
    // as eth_getProof clients do.
    [[nodiscard]] std::vector<Bytes> prove(ByteView key);

    [[nodiscard]] const Trie& raw() const noexcept { return trie_; }

private:
    Trie trie_;
};

}  // namespace optimist::trie
