#include <optimist/core/keccak.hpp>
#include <optimist/trie/secure_trie.hpp>

namespace optimist::trie {

void SecureTrie::put(ByteView key, ByteView value) { trie_.put(keccak256(key), value); }

bool SecureTrie::erase(ByteView key) { return trie_.erase(keccak256(key)); }

std::optional<ByteView> SecureTrie::get(ByteView key) const { return trie_.get(keccak256(key)); }

std::vector<Bytes> SecureTrie::prove(ByteView key) { return trie_.prove(keccak256(key)); }

}  // namespace optimist::trie
