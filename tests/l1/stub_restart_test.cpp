// Durability: everything mined and everything acknowledged survives closing and reopening
// the datadir (the same code path as a killed process: LevelDB replays its log).
#include "l1_test_util.hpp"

#include <optimist/l1/l1_stub.hpp>

#include <gtest/gtest.h>

namespace optimist::l1::test {
namespace {

TEST(StubRestart, KeepsChainInboxProposalsBalancesAndJournal) {
    TempDir dir;
    const L1StubConfig config = stub_config(dir);
    const Bytes batch = {0xca, 0xfe};
    Hash unmined;
    L1Head head;
    std::vector<InboxEntry> entries;
    std::vector<OutputProposal> outputs;
    Uint256 balance0;
    L1Config l1;
    {
        auto stub = L1Stub::open(config).value();
        l1 = *stub->config();
        ASSERT_TRUE(stub->send_raw_transaction(wire(l1_tx(dev_key(0), l1.batch_inbox, batch, 0))));
        ASSERT_TRUE(stub->send_raw_transaction(
            wire(l1_tx(dev_key(1), l1.output_oracle, propose_data(7, 100), 0, l1.min_bond))));
        ASSERT_TRUE(stub->mine());
        for (int i = 0; i < 4; ++i) ASSERT_TRUE(stub->mine());  // past the window of 3
        auto h = stub->send_raw_transaction(wire(l1_tx(dev_key(0), l1.batch_inbox, batch, 1)));
        ASSERT_TRUE(h);
        unmined = *h;
        head = *stub->head();
        entries = *stub->batches(0, 100);
        outputs = *stub->outputs(0, 100);
        balance0 = *stub->balance(dev_address(0));
        ASSERT_EQ(outputs.size(), 1u);
        EXPECT_EQ(outputs[0].status, OutputStatus::finalized);
    }
    auto reopened = L1Stub::open(config);
    ASSERT_TRUE(reopened) << reopened.error();
    auto& stub = *reopened;
    EXPECT_EQ(*stub->head(), head);
    EXPECT_EQ(*stub->batches(0, 100), entries);
    EXPECT_EQ(*stub->outputs(0, 100), outputs);
    EXPECT_EQ(*stub->balance(dev_address(0)), balance0);
    EXPECT_EQ(*stub->nonce(dev_address(0), NonceView::latest), 1u);
    EXPECT_EQ(*stub->nonce(dev_address(0), NonceView::pending), 2u);
    EXPECT_EQ(stub->pending_count(), 1u);
    EXPECT_EQ(stub->send_raw_transaction(wire(l1_tx(dev_key(0), l1.batch_inbox, batch, 1))).error().message,
              "already known");

    // The journaled transaction is mined after the restart, and the chain goes on.
    auto next = stub->mine();
    ASSERT_TRUE(next);
    EXPECT_EQ(next->number, head.number + 1);
    EXPECT_EQ(stub->block(next->number)->header.parent_hash, head.hash);
    auto r = stub->receipt(unmined);
    ASSERT_TRUE(r && *r);
    EXPECT_TRUE((*r)->success);
    EXPECT_EQ(stub->batches(0, 100)->size(), 2u);
    EXPECT_EQ(stub->pending_count(), 0u);
    // A proposal's L2 block must still exceed the stored ones.
    auto low = stub->send_raw_transaction(
        wire(l1_tx(dev_key(1), l1.output_oracle, propose_data(8, 100), 1, l1.min_bond)));
    ASSERT_TRUE(low);
    ASSERT_TRUE(stub->mine());
    EXPECT_FALSE((*stub->receipt(*low))->success);
}

TEST(StubRestart, RefusesAnotherChainsDatadir) {
    TempDir dir;
    L1StubConfig config = stub_config(dir);
    ASSERT_TRUE(L1Stub::open(config));
    config.l1.chain_id = 901;
    auto other = L1Stub::open(config);
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().find("use another --datadir"), std::string::npos) << other.error();
}

TEST(StubRestart, AdoptsANewWindow) {
    TempDir dir;
    L1StubConfig config = stub_config(dir);
    ASSERT_TRUE(L1Stub::open(config));
    config.l1.challenge_window = 20;
    auto reopened = L1Stub::open(config);
    ASSERT_TRUE(reopened);
    EXPECT_EQ((*reopened)->config()->challenge_window, 20u);
}

}  // namespace
}  // namespace optimist::l1::test
