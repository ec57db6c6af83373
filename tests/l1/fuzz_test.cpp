// Outside data never crashes the stub: random calldata to the oracle decoder, random and
// mutated bytes to send_raw_transaction, random calldata mined through the oracle and inbox.
#include "../common/fuzz_cases.hpp"
#include "l1_test_util.hpp"

#include <optimist/l1/l1_stub.hpp>
#include <optimist/l1/output_oracle_abi.hpp>

#include <gtest/gtest.h>

#include <cstdlib>
#include <random>

namespace optimist::l1::test {
namespace {

using optimist::test_common::fuzz_cases;

Bytes random_bytes(std::mt19937_64& rng, std::size_t max_len) {
    Bytes b(rng() % (max_len + 1));
    for (auto& x : b) x = static_cast<std::uint8_t>(rng());
    return b;
}

TEST(L1Fuzz, CalldataDecoderNeverCrashes) {
    std::mt19937_64 rng(1);
    const Bytes valid = encode_propose_call({root_of(1), 1});
    for (std::size_t i = 0; i < fuzz_cases(20'000); ++i) {
        Bytes b = (i % 2) ? random_bytes(rng, 100) : valid;
        if (i % 2 == 0 && !b.empty()) b[rng() % b.size()] ^= static_cast<std::uint8_t>(1 + rng() % 255);
        auto r = decode_propose_call(b);
        if (r) {
            EXPECT_EQ(encode_propose_call(*r), b);
        }
    }
}

TEST(L1Fuzz, SendRawTransactionNeverCrashes) {
    TempDir dir;
    auto stub = L1Stub::open(stub_config(dir)).value();
    const L1Config config = *stub->config();
    std::mt19937_64 rng(2);
    const Bytes valid = wire(l1_tx(dev_key(0), config.batch_inbox, {1, 2, 3}, 0));
    std::size_t accepted = 0;
    for (std::size_t i = 0; i < fuzz_cases(2'000); ++i) {
        Bytes b;
        switch (i % 3) {
            case 0:
                b = random_bytes(rng, 200);
                break;
            case 1:
                b = valid;
                b[rng() % b.size()] = static_cast<std::uint8_t>(rng());
                break;
            default:
                b = valid;
                b.resize(rng() % b.size());
                break;
        }
        auto r = stub->send_raw_transaction(b);
        if (r) {
            ++accepted;
        } else {
            EXPECT_FALSE(r.error().message.empty());
        }
    }
    // Whatever got in (a mutation can land in a signed field and still recover some key)
    // mines without harm.
    EXPECT_TRUE(stub->mine());
    EXPECT_EQ(stub->pending_count(), 0u);
    (void)accepted;
}

TEST(L1Fuzz, RandomOracleAndInboxCalldataMines) {
    TempDir dir;
    auto stub = L1Stub::open(stub_config(dir)).value();
    const L1Config config = *stub->config();
    std::mt19937_64 rng(3);
    std::uint64_t nonce = 0;
    for (std::size_t i = 0; i < fuzz_cases(200); ++i) {
        Bytes data = random_bytes(rng, 80);
        if (i % 4 == 0) data = encode_propose_call({root_of(static_cast<std::uint8_t>(i)), rng() % 50});
        const Address to = i % 2 ? config.output_oracle : config.batch_inbox;
        ASSERT_TRUE(stub->send_raw_transaction(wire(l1_tx(dev_key(0), to, data, nonce++, config.min_bond))));
        if (i % 10 == 9) {
            ASSERT_TRUE(stub->mine());
        }
    }
    ASSERT_TRUE(stub->mine());
    EXPECT_EQ(*stub->nonce(dev_address(0), NonceView::latest), nonce);
    const auto outs = *stub->outputs(0, 1000);
    for (std::size_t i = 1; i < outs.size(); ++i) EXPECT_GT(outs[i].l2_block, outs[i - 1].l2_block);
}

}  // namespace
}  // namespace optimist::l1::test
