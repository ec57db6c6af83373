// Account records and the constants of empty state.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/log.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <vector>

namespace optimist::state {

// keccak256 of empty code.
inline constexpr Hash kEmptyCodeHash{{0xc5, 0xd2, 0x46, 0x01, 0x86, 0xf7, 0x23, 0x3c, 0x92, 0x7e, 0x7d,
                                      0xb2, 0xdc, 0xc7, 0x03, 0xc0, 0xe5, 0x00, 0xb6, 0x53, 0xca, 0x82,
                                      0x27, 0x3b, 0x7b, 0xfa, 0xd8, 0x04, 0x5d, 0x85, 0xa4, 0x70}};
// Root of the empty trie: keccak256(rlp("")).
inline constexpr Hash kEmptyTrieRoot{{0x56, 0xe8, 0x1f, 0x17, 0x1b, 0xcc, 0x55, 0xa6, 0xff, 0x83, 0x45,
                                      0xe6, 0x92, 0xc0, 0xf8, 0x6e, 0x5b, 0x48, 0xe0, 0x1b, 0x99, 0x6c,
                                      0xad, 0xc0, 0x01, 0x62, 0x2f, 0xb5, 0xe3, 0x63, 0xb4, 0x21}};

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

using optimist::Log;

// keccak256 of the RLP list of logs, each [address, [topics...], data]: what state tests
// compare as "logs".
[[nodiscard]] Hash logs_hash(const std::vector<Log>& logs);

}  // namespace optimist::state
