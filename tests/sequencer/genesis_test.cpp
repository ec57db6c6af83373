#include "../common/hex_literal.hpp"

#include <optimist/crypto/secp256k1.hpp>
#include <optimist/sequencer/dev_accounts.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/state/in_memory_state.hpp>
#include <optimist/tx/block.hpp>

#include <gtest/gtest.h>

namespace optimist::sequencer {
namespace {

TEST(DevAccounts, EveryAddressBelongsToItsKey) {
    for (std::size_t i = 0; i < kDevAccounts.size(); ++i) {
        const auto derived = crypto::address_from_private_key(dev_private_key(i));
        ASSERT_TRUE(derived.has_value());
        EXPECT_EQ(*derived, dev_address(i)) << "account " << i;
    }
}

TEST(DevAccounts, AreTheTenAccountsAnvilFunds) {
    // The first and last of the well-known list, spelled out independently of the table.
    EXPECT_EQ(dev_address(0), test::fixed<20>("0xf39Fd6e51aad88F6F4ce6aB8827279cffFb92266"));
    EXPECT_EQ(dev_address(9), test::fixed<20>("0xa0Ee7A142d267C1f36714E4a8F75612F20a79720"));
    EXPECT_EQ(kDevAccounts.size(), 10u);
}

TEST(Genesis, DevGenesisFundsTheDevAccounts) {
    const Genesis g = dev_genesis();
    EXPECT_EQ(g.chain_id, 901u);
    ASSERT_EQ(g.alloc.size(), 10u);
    const Uint256 ten_thousand_eth = *uint256_from_string("10000000000000000000000");
    for (std::size_t i = 0; i < 10; ++i) {
        auto it = g.alloc.find(dev_address(i));
        ASSERT_NE(it, g.alloc.end());
        EXPECT_EQ(it->second.balance, ten_thousand_eth);
    }
}

TEST(Genesis, JsonRoundTrip) {
    Genesis g = dev_genesis();
    g.chain_id = 77;
    g.block_time = 0;
    g.extra_data = {1, 2, 3};
    GenesisAccount contract;
    contract.code = {0x60, 0x00};
    contract.nonce = 1;
    contract.storage[Uint256{1}] = Uint256{42};
    g.alloc[test::fixed<20>("0x00000000000000000000000000000000000000aa")] = contract;
    auto parsed = parse_genesis(genesis_to_json(g));
    ASSERT_TRUE(parsed) << parsed.error();
    EXPECT_EQ(parsed->chain_id, 77u);
    EXPECT_EQ(parsed->block_time, 0u);
    EXPECT_EQ(parsed->extra_data, g.extra_data);
    EXPECT_EQ(parsed->alloc.size(), g.alloc.size());
    EXPECT_EQ(genesis_state_root(*parsed), genesis_state_root(g));
    EXPECT_EQ(tx::header_hash(genesis_header(*parsed, genesis_state_root(*parsed))),
              tx::header_hash(genesis_header(g, genesis_state_root(g))));
}

TEST(Genesis, RejectsMistakesWithTheirLocation) {
    struct Case {
        const char* json;
        const char* expect;
    };
    for (const Case& c : {
             Case{"[]", "expected a JSON object"},
             Case{"{", "not valid JSON"},
             Case{R"({"gaslimit": 1})", "unknown field \"gaslimit\""},
             Case{R"({"chainId": 0})", "chainId must not be zero"},
             Case{R"({"gasLimit": "0x10"})", "below 21000"},
             Case{R"({"alloc": {"0x12": {"balance": "1"}}})", "bad address"},
             Case{R"({"alloc": {"0x00000000000000000000000000000000000000aa": {"balance": "-1"}}})", "balance"},
             Case{R"({"alloc": {"0x00000000000000000000000000000000000000aa": {"colour": "red"}}})", "unknown field"},
             Case{R"({"feeRecipient": "0x1234"})", "feeRecipient"},
             Case{R"({"extraData": "0x)" "00000000000000000000000000000000000000000000000000000000000000000000" R"("})",
                  "longer than 32 bytes"},
         }) {
        auto r = parse_genesis(c.json);
        ASSERT_FALSE(r) << c.json;
        EXPECT_NE(r.error().find(c.expect), std::string::npos) << c.json << " -> " << r.error();
    }
}

TEST(Genesis, WriteSetMatchesTheAllocation) {
    const Genesis g = dev_genesis();
    const state::WriteSet ws = genesis_write_set(g);
    ASSERT_EQ(ws.accounts.size(), 10u);
    for (std::size_t i = 1; i < ws.accounts.size(); ++i) EXPECT_LT(ws.accounts[i - 1].address, ws.accounts[i].address);
    state::InMemoryState s;
    s.apply(ws);
    EXPECT_EQ(s.state_root(), genesis_state_root(g));
    EXPECT_NE(genesis_state_root(g), kEmptyTrieRoot);
}

}  // namespace
}  // namespace optimist::sequencer
