// Helpers shared by the tx tests: hex literals, random transactions, a signing key.
#pragma once

#include "../common/fuzz_cases.hpp"
#include "../common/hex_literal.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/core/hex.hpp>
#include <optimist/tx/error.hpp>
#include <optimist/tx/signing.hpp>
#include <optimist/tx/transaction.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <ostream>
#include <random>
#include <string_view>

namespace optimist::tx {

// GoogleTest prints rejections by their message.
inline void PrintTo(const TxRejection& r, std::ostream* os) { *os << to_string(r); }

}  // namespace optimist::tx

namespace optimist::tx::test {

using optimist::test::fixed;
using optimist::test::hex;

using optimist::test_common::fuzz_cases;

template <std::size_t N>
FixedBytes<N> random_fixed(std::mt19937_64& rng) {
    FixedBytes<N> out;
    for (auto& b : out.bytes) b = static_cast<std::uint8_t>(rng());
    return out;
}

// A random number of random width, so encodings cover 0, 1..32-byte integers.
inline Uint256 random_uint(std::mt19937_64& rng, std::size_t max_bytes = 32) {
    Bytes b(rng() % (max_bytes + 1));
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return Uint256::from_be_bytes(b);
}

inline Bytes random_bytes(std::mt19937_64& rng, std::size_t max_len) {
    Bytes b(rng() % (max_len + 1));
    for (auto& x : b) x = static_cast<std::uint8_t>(rng() % 3 == 0 ? 0 : rng());
    return b;
}

// An unsigned transaction of a random type (legacy with or without EIP-155, 1, 2 or 3).
inline Transaction random_unsigned(std::mt19937_64& rng) {
    Transaction t;
    const unsigned kind = static_cast<unsigned>(rng() % 5);
    t.type = kind <= 1 ? TxType::legacy : static_cast<TxType>(kind - 1);
    if (kind != 0) t.chain_id = rng() % 4 == 0 ? rng() : 1 + rng() % 1000;
    t.nonce = rng() % 2 == 0 ? rng() % 1000 : rng();
    t.max_fee_per_gas = random_uint(rng, 16);
    t.max_priority_fee_per_gas =
        t.type == TxType::dynamic_fee || t.type == TxType::blob ? random_uint(rng, 16) : t.max_fee_per_gas;
    t.gas_limit = rng() % 2 == 0 ? 21000 + rng() % 1000000 : rng();
    if (t.type == TxType::blob || rng() % 4 != 0) t.to = random_fixed<20>(rng);
    t.value = random_uint(rng);
    t.data = random_bytes(rng, rng() % 8 == 0 ? 300 : 40);
    if (t.is_typed()) {
        for (std::size_t i = rng() % 3; i > 0; --i) {
            AccessListEntry e{random_fixed<20>(rng), {}};
            for (std::size_t k = rng() % 3; k > 0; --k) e.storage_keys.push_back(random_fixed<32>(rng));
            t.access_list.push_back(std::move(e));
        }
    }
    if (t.type == TxType::blob) {
        t.max_fee_per_blob_gas = random_uint(rng, 8);
        for (std::size_t i = 1 + rng() % 3; i > 0; --i)
            t.blob_versioned_hashes.push_back(random_fixed<32>(rng));
    }
    return t;
}

inline Hash random_private_key(std::mt19937_64& rng) {
    // Below the group order with overwhelming probability; zero is astronomically unlikely.
    Hash k = random_fixed<32>(rng);
    k[0] &= 0x7f;
    k[31] |= 1;
    return k;
}

}  // namespace optimist::tx::test
