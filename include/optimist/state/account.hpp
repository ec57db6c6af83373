// Account records and the constants of empty state.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/empty_hashes.hpp>
#include <optimist/core/log.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <vector>

namespace optimist::state {

using optimist::kEmptyCodeHash;
using optimist::kEmptyTrieRoot;

// The account fields committed to by the state trie (Yellow Paper 4.1).
struct Account {
    std::uint64_t nonce = 0;
    Uint256 balance;
    Hash code_hash = kEmptyCodeHash;
    Hash storage_root = kEmptyTrieRoot;

    // EIP-161: no nonce, no balance, no code.
    [[nodiscard]] bool is_empty() const noexcept {
        return nonce == 0 && balance.is_zero() && code_hash == kEmptyCodeHash;
    }
    friend bool operator==(const Account&, const Account&) = default;
};

// RLP of [nonce, balance, storage_root, code_hash], the value stored in the state trie.
[[nodiscard]] Bytes encode_account(const Account& a);
// Inverse of encode_account; accepts only its canonical output (strict RLP, 32-byte hashes,
// exactly four fields).
[[nodiscard]] Result<Account, rlp::RlpError> decode_account(ByteView encoded);

using optimist::Log;

// keccak256 of the RLP list of logs, each [address, [topics...], data]: what state tests
// compare as "logs".
[[nodiscard]] Hash logs_hash(const std::vector<Log>& logs);

}  // namespace optimist::state
