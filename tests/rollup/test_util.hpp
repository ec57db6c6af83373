// Helpers shared by the rollup tests: signed transactions, random batches, mutations.
#pragma once

#include "../common/fuzz_cases.hpp"
#include "../common/hex_literal.hpp"

#include <optimist/core/rlp.hpp>
#include <optimist/rollup/batch.hpp>
#include <optimist/rollup/compression.hpp>
#include <optimist/tx/signing.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <ostream>
#include <random>
#include <vector>

namespace optimist::rollup {

inline void PrintTo(Codec c, std::ostream* os) { *os << to_string(c); }

}  // namespace optimist::rollup

namespace optimist::rollup::test {

using optimist::test::fixed;
using optimist::test::hex;

inline constexpr Codec kAllCodecs[] = {Codec::zlib, Codec::zstd, Codec::brotli};

// Names parameterized tests by codec.
inline std::string codec_name(const ::testing::TestParamInfo<Codec>& param) {
    return std::string(to_string(param.param));
}

using optimist::test_common::fuzz_cases;

template <std::size_t N>
FixedBytes<N> random_fixed(std::mt19937_64& rng) {
    FixedBytes<N> out;
    for (auto& b : out.bytes) b = static_cast<std::uint8_t>(rng());
    return out;
}

inline Bytes random_bytes(std::mt19937_64& rng, std::size_t size) {
    Bytes b(size);
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
}

inline Hash random_key(std::mt19937_64& rng) {
    Hash k = random_fixed<32>(rng);
    k[0] &= 0x7f;  // below the group order
    k[31] |= 1;    // not zero
    return k;
}

// A signed transaction of a random non-blob type, as the sequencer would include it.
inline tx::Transaction random_signed(std::mt19937_64& rng) {
    tx::Transaction t;
    t.type = static_cast<tx::TxType>(rng() % 3);
    t.chain_id = 901;
    t.nonce = rng() % 500;
    t.max_fee_per_gas = Uint256{1'000'000'000 + rng() % 1'000'000'000};
    t.max_priority_fee_per_gas =
        t.type == tx::TxType::dynamic_fee ? Uint256{rng() % 2'000'000'000} : t.max_fee_per_gas;
    t.gas_limit = 21'000 + rng() % 100'000;
    if (rng() % 8 != 0) t.to = random_fixed<20>(rng);
    t.value = Uint256{rng() % 1'000'000'000'000'000'000ULL};
    t.data = random_bytes(rng, rng() % 4 == 0 ? rng() % 200 : 0);
    if (t.type == tx::TxType::access_list && rng() % 2 == 0) {
        t.access_list.push_back({random_fixed<20>(rng), {random_fixed<32>(rng)}});
    }
    auto s = tx::sign_transaction(std::move(t), random_key(rng));
    EXPECT_TRUE(s.ok());
    tx::Transaction out = std::move(s).value();
    out.sender = {};  // decoded transactions carry no sender; compare like with like
    return out;
}

// `blocks` contiguous blocks from number `first`, each with up to `max_txs` transactions.
inline Batch random_batch(std::mt19937_64& rng, std::size_t blocks, std::size_t max_txs,
                          std::uint64_t first = 1) {
    Batch b;
    b.parent_hash = random_fixed<32>(rng);
    std::uint64_t ts = 1'700'000'000 + rng() % 1000;
    for (std::size_t i = 0; i < blocks; ++i) {
        BatchBlock blk;
        blk.number = first + i;
        ts += 1 + rng() % 3;
        blk.timestamp = ts;
        const std::size_t n = max_txs == 0 ? 0 : rng() % (max_txs + 1);
        for (std::size_t k = 0; k < n; ++k) blk.transactions.push_back(random_signed(rng));
        b.blocks.push_back(std::move(blk));
    }
    return b;
}

// One random edit: insert, flip a bit, overwrite, truncate, erase.
inline void mutate(Bytes& data, std::mt19937_64& rng) {
    const int kind = static_cast<int>(rng() % 5);
    if (data.empty() || kind == 0) {
        data.insert(data.begin() + static_cast<std::ptrdiff_t>(data.empty() ? 0 : rng() % data.size()),
                    static_cast<std::uint8_t>(rng()));
    } else if (kind == 1) {
        data[rng() % data.size()] ^= static_cast<std::uint8_t>(1U << (rng() % 8));
    } else if (kind == 2) {
        data[rng() % data.size()] = static_cast<std::uint8_t>(rng());
    } else if (kind == 3) {
        data.resize(rng() % data.size());
    } else {
        data.erase(data.begin() + static_cast<std::ptrdiff_t>(rng() % data.size()));
    }
}

}  // namespace optimist::rollup::test
