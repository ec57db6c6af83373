#include "fixture.hpp"

#include "demo_fixture.hpp"

#include <optimist/core/hex.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace optimist::ethtest {
namespace {

using testing::kFixture;

std::vector<StateTest> parse_demo() { return parse_state_tests(nlohmann::json::parse(kFixture)); }

TEST(Fixture, ParsesEnvPreAndPost) {
    auto j = nlohmann::json::parse(kFixture);
    j["demo"]["pre"]["0x095e7baea6a6c7c4c2dfeb977efac326af552d87"]["storage"] = {{"0x00", "0x01"},
                                                                                 {"0x01", "0x00"}};
    const auto tests = parse_state_tests(j);
    ASSERT_EQ(tests.size(), 1U);
    const StateTest& t = tests[0];
    EXPECT_EQ(t.name, "demo");
    EXPECT_EQ(t.env.gas_limit, 0xff112233445566U);
    EXPECT_EQ(t.env.number, 1U);
    EXPECT_EQ(t.env.timestamp, 1000U);
    EXPECT_EQ(t.env.base_fee, Uint256{10});
    EXPECT_EQ(t.env.prev_randao, Uint256{0x20000});
    EXPECT_EQ(to_hex(t.env.coinbase), "0x2adc25665018aa1fe0e6bc666dac8fc2697ff9ba");
    ASSERT_EQ(t.pre.size(), 3U);
    EXPECT_EQ(to_hex(t.pre[0].first), "0x095e7baea6a6c7c4c2dfeb977efac326af552d87");
    const auto& account = t.pre[0].second;
    EXPECT_EQ(account.balance, Uint256{1'000'000'000'000'000'000ULL});
    EXPECT_EQ(account.code.size(), 9U);
    ASSERT_EQ(account.storage.size(), 1U);  // zero values are not stored
    EXPECT_EQ(account.storage.at(Uint256{0}), Uint256{1});
    ASSERT_EQ(t.post.size(), 2U);  // only the Cancun entries
    EXPECT_EQ(t.post[1].data_index, 1U);
    EXPECT_EQ(t.post[1].expect_exception, "TransactionException.RLP_INVALID_VALUE");
}

TEST(Fixture, BuildsALegacyTransaction) {
    const auto tests = parse_demo();
    const auto built = build_transaction(tests[0].tx, tests[0].post[0]);
    ASSERT_TRUE(built);
    const tx::Transaction& tx = *built;
    EXPECT_EQ(tx.type, tx::TxType::legacy);
    EXPECT_EQ(tx.gas_limit, 400000U);
    EXPECT_EQ(tx.value, Uint256{100000});
    EXPECT_EQ(tx.max_fee_per_gas, Uint256{10});
    EXPECT_EQ(tx.max_priority_fee_per_gas, Uint256{10});
    EXPECT_TRUE(tx.data.empty());
    EXPECT_TRUE(tx.access_list.empty());  // null entry: no access list
    EXPECT_EQ(to_hex(tx.sender), "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
    ASSERT_TRUE(tx.to);
}

TEST(Fixture, OversizedValueIsAnInvalidTransaction) {
    const auto tests = parse_demo();
    const auto built = build_transaction(tests[0].tx, tests[0].post[1]);
    ASSERT_FALSE(built);
    EXPECT_EQ(built.error().exception, "TransactionException.RLP_INVALID_VALUE");
}

TEST(Fixture, AccessListAndDynamicFees) {
    auto j = nlohmann::json::parse(kFixture);
    auto& tx = j["demo"]["transaction"];
    tx.erase("gasPrice");
    tx["maxFeePerGas"] = "0x20";
    tx["maxPriorityFeePerGas"] = "0x02";
    tx["value"][1] = "0x00";
    const auto tests = parse_state_tests(j);
    const auto built = build_transaction(tests[0].tx, tests[0].post[1]);
    ASSERT_TRUE(built);
    EXPECT_EQ(built->type, tx::TxType::dynamic_fee);
    EXPECT_EQ(built->max_fee_per_gas, Uint256{32});
    EXPECT_EQ(built->max_priority_fee_per_gas, Uint256{2});
    EXPECT_EQ(built->data, (Bytes{0x01, 0xff}));
    ASSERT_EQ(built->access_list.size(), 1U);
    ASSERT_EQ(built->access_list[0].storage_keys.size(), 2U);
    EXPECT_EQ(Uint256::from_hash(built->access_list[0].storage_keys[1]), Uint256{1});
}

TEST(Fixture, BlobTransaction) {
    auto j = nlohmann::json::parse(kFixture);
    auto& tx = j["demo"]["transaction"];
    tx["maxFeePerBlobGas"] = "0x05";
    tx["blobVersionedHashes"] = {"0x0100000000000000000000000000000000000000000000000000000000000000"};
    const auto tests = parse_state_tests(j);
    const auto built = build_transaction(tests[0].tx, tests[0].post[0]);
    ASSERT_TRUE(built);
    EXPECT_EQ(built->type, tx::TxType::blob);
    EXPECT_EQ(built->max_fee_per_blob_gas, Uint256{5});
    ASSERT_EQ(built->blob_versioned_hashes.size(), 1U);
    EXPECT_EQ(built->blob_versioned_hashes[0][0], 0x01);
}

TEST(Fixture, CreationAndDerivedSender) {
    auto j = nlohmann::json::parse(kFixture);
    auto& tx = j["demo"]["transaction"];
    tx["to"] = "";
    tx.erase("sender");
    const auto tests = parse_state_tests(j);
    const auto built = build_transaction(tests[0].tx, tests[0].post[0]);
    ASSERT_TRUE(built);
    EXPECT_FALSE(built->to);
    // The sender the fixture would have listed, derived from secretKey.
    EXPECT_EQ(to_hex(built->sender), "0xa94f5374fce5edbc8e2a8697c15331677e6ebf0b");
}

TEST(Fixture, IndexOutOfRangeIsMalformed) {
    const auto tests = parse_demo();
    PostEntry p = tests[0].post[0];
    p.gas_index = 5;
    const auto built = build_transaction(tests[0].tx, p);
    ASSERT_FALSE(built);
    EXPECT_TRUE(built.error().exception.empty());
}

TEST(Fixture, MalformedInputThrowsWithTheTestName) {
    auto j = nlohmann::json::parse(kFixture);
    j["demo"]["pre"]["0x095e7baea6a6c7c4c2dfeb977efac326af552d87"]["balance"] = "0xzz";
    try {
        (void)parse_state_tests(j);
        FAIL() << "expected an exception";
    } catch (const std::runtime_error& e) {
        EXPECT_NE(std::string(e.what()).find("demo"), std::string::npos);
        EXPECT_NE(std::string(e.what()).find("balance"), std::string::npos);
    }
}

TEST(Fixture, BlockHashIsKeccakOfTheDecimalNumber) {
    EXPECT_EQ(to_hex(state_test_block_hash(1)),
              "0xc89efdaa54c0f20c7adf612882df0950f5a951637e0307cdcb4c672f298b8bc6");
}

}  // namespace
}  // namespace optimist::ethtest
