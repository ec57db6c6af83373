// The stub in-process: transactions to the inbox, the oracle and plain transfers; what is
// refused at admission and what fails in a block; finalization and bond refunds.
#include "l1_test_util.hpp"

#include <optimist/l1/l1_stub.hpp>

#include <gtest/gtest.h>

#include <thread>

namespace optimist::l1::test {
namespace {

class StubTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = L1Stub::open(stub_config(dir_));
        ASSERT_TRUE(s) << s.error();
        stub_ = std::move(*s);
        config_ = *stub_->config();
    }

    Hash send(const tx::Transaction& t) {
        auto h = stub_->send_raw_transaction(wire(t));
        EXPECT_TRUE(h) << h.error().message;
        return h ? *h : Hash{};
    }
    std::string refusal(const tx::Transaction& t) { return refusal(wire(t)); }
    std::string refusal(const Bytes& w) {
        auto h = stub_->send_raw_transaction(w);
        EXPECT_FALSE(h);
        if (h) return "accepted";
        EXPECT_EQ(h.error().kind, L1ErrorKind::rejected);
        return h.error().message;
    }
    L1Receipt receipt(const Hash& h) {
        auto r = stub_->receipt(h);
        EXPECT_TRUE(r && *r);
        return r && *r ? **r : L1Receipt{};
    }
    std::uint64_t mine() {
        auto head = stub_->mine();
        EXPECT_TRUE(head);
        return head ? head->number : 0;
    }
    Uint256 balance(const Address& a) { return *stub_->balance(a); }

    TempDir dir_;
    std::unique_ptr<L1Stub> stub_;
    L1Config config_;
};

TEST_F(StubTest, GenesisFundsTheDevAccounts) {
    EXPECT_EQ(*stub_->chain_id(), 900u);
    EXPECT_EQ(stub_->head()->number, 0u);
    for (const auto& g : dev_genesis_accounts()) EXPECT_EQ(balance(g.address), Uint256{10'000} * kEther);
    EXPECT_EQ(dev_address(0), *tx::recover_sender(l1_tx(dev_key(0), Address{}, {}, 0)));
    EXPECT_EQ(to_hex(config_.batch_inbox), "0xff00000000000000000000000000000000000901");
    ASSERT_TRUE(stub_->block(0));
    EXPECT_EQ(stub_->block(0)->hash, stub_->head()->hash);
}

TEST_F(StubTest, InboxEntriesCarryTheRecoveredSender) {
    const Bytes batch1 = {0x00, 0x01, 0x02, 0xff};
    const Bytes batch2 = {0x42};
    const Hash h1 = send(l1_tx(dev_key(1), config_.batch_inbox, batch1, 0));
    const Hash h2 = send(l1_tx(dev_key(2), config_.batch_inbox, batch2, 0));
    const Hash h3 = send(l1_tx(dev_key(1), config_.batch_inbox, batch2, 1));
    EXPECT_EQ(*stub_->nonce(dev_address(1), NonceView::pending), 2u);
    EXPECT_EQ(*stub_->nonce(dev_address(1), NonceView::latest), 0u);
    EXPECT_FALSE(*stub_->receipt(h1));
    const std::uint64_t block = mine();
    EXPECT_EQ(block, 1u);

    auto entries = stub_->batches(0, 100);
    ASSERT_TRUE(entries);
    ASSERT_EQ(entries->size(), 3u);
    EXPECT_EQ((*entries)[0], (InboxEntry{1, 0, dev_address(1), batch1, h1}));
    EXPECT_EQ((*entries)[1], (InboxEntry{1, 1, dev_address(2), batch2, h2}));
    EXPECT_EQ((*entries)[2], (InboxEntry{1, 2, dev_address(1), batch2, h3}));
    EXPECT_TRUE(stub_->batches(2, 100)->empty());
    EXPECT_TRUE(stub_->batches(5, 2)->empty());

    const L1Receipt r = receipt(h1);
    EXPECT_TRUE(r.success);
    EXPECT_EQ(r.block_number, 1u);
    EXPECT_EQ(r.block_hash, stub_->head()->hash);
    EXPECT_EQ(r.from, dev_address(1));
    EXPECT_EQ(r.to, config_.batch_inbox);
    EXPECT_EQ(r.gas_used, 21'000u + 3 * 16 + 4);
    EXPECT_EQ(balance(dev_address(1)), Uint256{10'000} * kEther - fee_of(batch1) - fee_of(batch2));
    EXPECT_EQ(*stub_->nonce(dev_address(1), NonceView::latest), 2u);

    const auto b = stub_->block(1);
    ASSERT_TRUE(b);
    EXPECT_EQ(b->tx_hashes, (std::vector<Hash>{h1, h2, h3}));
    EXPECT_EQ(b->header.parent_hash, stub_->block(0)->hash);
    EXPECT_EQ(b->header.gas_used, r.gas_used + 2 * (21'000u + 16));
}

TEST_F(StubTest, TransfersMoveValue) {
    Address to;
    to[19] = 0x77;
    const Hash h = send(l1_tx(dev_key(0), to, {}, 0, kEther));
    mine();
    EXPECT_TRUE(receipt(h).success);
    EXPECT_EQ(balance(to), kEther);
    EXPECT_EQ(balance(dev_address(0)), Uint256{9'999} * kEther - fee_of({}));
}

TEST_F(StubTest, RefusesInvalidTransactions) {
    // A tampered signature recovers no key, or another one whose signature check fails.
    tx::Transaction bad = l1_tx(dev_key(0), config_.batch_inbox, {1}, 0);
    bad.s = bad.s + Uint256{1};
    bad.r = Uint256{0};
    EXPECT_EQ(refusal(bad), "invalid transaction v, r, s values");
    EXPECT_EQ(refusal(l1_tx(dev_key(0), config_.batch_inbox, {1}, 0, {}, 901)),
              "invalid chain id for signer");
    EXPECT_EQ(refusal(Bytes{0x02, 0xc0}).substr(0, 4), "rlp:");

    send(l1_tx(dev_key(0), config_.batch_inbox, {1}, 0));
    EXPECT_EQ(refusal(l1_tx(dev_key(0), config_.batch_inbox, {1}, 0)), "already known");
    EXPECT_EQ(refusal(l1_tx(dev_key(0), config_.batch_inbox, {2}, 0)), "replacement transaction underpriced");
    EXPECT_EQ(refusal(l1_tx(dev_key(0), config_.batch_inbox, {1}, 5)), "nonce too high");
    mine();
    EXPECT_EQ(refusal(l1_tx(dev_key(0), config_.batch_inbox, {1}, 0)), "already known");
    EXPECT_EQ(refusal(l1_tx(dev_key(0), config_.batch_inbox, {3}, 0)), "nonce too low");

    // An account without funds.
    Hash poor_key;
    poor_key[31] = 0x99;
    EXPECT_EQ(refusal(l1_tx(poor_key, config_.batch_inbox, {1}, 0)),
              "insufficient funds for gas * price + value");
    // A value above the balance.
    EXPECT_EQ(refusal(l1_tx(dev_key(2), config_.batch_inbox, {}, 0, Uint256{20'000} * kEther)),
              "insufficient funds for gas * price + value");

    tx::Transaction create = l1_tx(dev_key(0), Address{}, {}, 1);
    create.to.reset();
    create.gas_limit = 100'000;
    EXPECT_EQ(refusal(wire(*tx::sign_transaction(create, dev_key(0)))),
              "contract creation is not supported by the L1 stub");
}

TEST_F(StubTest, OutputProposalsHoldTheirBond) {
    const Hash h =
        send(l1_tx(dev_key(3 - 1), config_.output_oracle, propose_data(0xaa, 10), 0, config_.min_bond));
    const std::uint64_t block = mine();
    const L1Receipt r = receipt(h);
    EXPECT_TRUE(r.success) << r.failure_reason;
    auto outs = stub_->outputs(0, 10);
    ASSERT_TRUE(outs);
    ASSERT_EQ(outs->size(), 1u);
    EXPECT_EQ((*outs)[0], (OutputProposal{0, dev_address(2), 10, root_of(0xaa), config_.min_bond, block,
                                          OutputStatus::proposed}));
    EXPECT_EQ(balance(config_.output_oracle), config_.min_bond);
    EXPECT_TRUE(stub_->batches(0, 10)->empty());
}

TEST_F(StubTest, BondBelowMinimumFailsInTheBlock) {
    const Uint256 before = balance(dev_address(0));
    const Bytes data = propose_data(0xaa, 10);
    const Hash h = send(l1_tx(dev_key(0), config_.output_oracle, data, 0, config_.min_bond - Uint256{1}));
    mine();
    const L1Receipt r = receipt(h);
    EXPECT_FALSE(r.success);
    EXPECT_NE(r.failure_reason.find("bond below minimum"), std::string::npos) << r.failure_reason;
    // Gas is paid and the nonce used; the value stays with the sender.
    EXPECT_EQ(balance(dev_address(0)), before - fee_of(data));
    EXPECT_EQ(*stub_->nonce(dev_address(0), NonceView::latest), 1u);
    EXPECT_TRUE(stub_->outputs(0, 10)->empty());
    EXPECT_TRUE(balance(config_.output_oracle).is_zero());
}

TEST_F(StubTest, BadCalldataFailsInTheBlock) {
    const Hash h = send(l1_tx(dev_key(0), config_.output_oracle, {1, 2, 3}, 0, config_.min_bond));
    mine();
    const L1Receipt r = receipt(h);
    EXPECT_FALSE(r.success);
    EXPECT_EQ(r.failure_reason, "invalid calldata: calldata is 3 bytes, want 68");
}

TEST_F(StubTest, L2BlockNumbersMustIncrease) {
    send(l1_tx(dev_key(0), config_.output_oracle, propose_data(1, 10), 0, config_.min_bond));
    // Same block, same L1 block: the second must also be above the first.
    const Hash same =
        send(l1_tx(dev_key(0), config_.output_oracle, propose_data(2, 10), 1, config_.min_bond));
    mine();
    const Hash lower =
        send(l1_tx(dev_key(1), config_.output_oracle, propose_data(3, 9), 0, config_.min_bond));
    const Hash higher =
        send(l1_tx(dev_key(1), config_.output_oracle, propose_data(4, 11), 1, config_.min_bond));
    mine();
    EXPECT_FALSE(receipt(same).success);
    EXPECT_NE(receipt(same).failure_reason.find("L2 block number must increase"), std::string::npos);
    EXPECT_FALSE(receipt(lower).success);
    EXPECT_TRUE(receipt(higher).success);
    auto outs = stub_->outputs(0, 10);
    ASSERT_EQ(outs->size(), 2u);
    EXPECT_EQ((*outs)[1].l2_block, 11u);
    EXPECT_EQ((*outs)[1].index, 1u);
    EXPECT_EQ(stub_->outputs(1, 1)->size(), 1u);
    EXPECT_TRUE(stub_->outputs(2, 10)->empty());
}

TEST_F(StubTest, FinalizesAfterTheWindowAndRefundsTheBond) {
    const Bytes data = propose_data(0xaa, 5);
    const Uint256 before = balance(dev_address(0));
    send(l1_tx(dev_key(0), config_.output_oracle, data, 0, config_.min_bond));
    const std::uint64_t proposed_in = mine();
    send(l1_tx(dev_key(0), config_.output_oracle, propose_data(0xbb, 6), 1, config_.min_bond));
    mine();
    EXPECT_EQ(balance(dev_address(0)), before - Uint256{2} * config_.min_bond - Uint256{2} * fee_of(data));

    // Window 3: proposed in block P, finalized in block P + 3.
    while (stub_->head()->number < proposed_in + config_.challenge_window - 1) mine();
    EXPECT_EQ((*stub_->outputs(0, 1))[0].status, OutputStatus::proposed);
    mine();
    auto outs = *stub_->outputs(0, 10);
    EXPECT_EQ(outs[0].status, OutputStatus::finalized);
    EXPECT_EQ(outs[1].status, OutputStatus::proposed);
    EXPECT_EQ(balance(config_.output_oracle), config_.min_bond);
    EXPECT_EQ(balance(dev_address(0)), before - config_.min_bond - Uint256{2} * fee_of(data));
    mine();
    EXPECT_EQ((*stub_->outputs(1, 1))[0].status, OutputStatus::finalized);
    EXPECT_TRUE(balance(config_.output_oracle).is_zero());
    EXPECT_EQ(balance(dev_address(0)), before - Uint256{2} * fee_of(data));
}

TEST_F(StubTest, MiningThreadMinesEachTransaction) {
    stub_->start();
    const Hash h = send(l1_tx(dev_key(0), config_.batch_inbox, {9}, 0));
    for (int i = 0; i < 200 && !*stub_->receipt(h); ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    stub_->stop();
    ASSERT_TRUE(*stub_->receipt(h));
    EXPECT_EQ(stub_->pending_count(), 0u);
}

TEST(StubBlockTime, MinesOnATimer) {
    TempDir dir;
    L1StubConfig c = stub_config(dir);
    c.block_time = std::chrono::milliseconds(20);
    auto stub = L1Stub::open(c);
    ASSERT_TRUE(stub) << stub.error();
    (*stub)->start();
    for (int i = 0; i < 200 && (*stub)->head()->number < 3; ++i)
        std::this_thread::sleep_for(std::chrono::milliseconds(10));
    (*stub)->stop();
    EXPECT_GE((*stub)->head()->number, 3u);
    // Timestamps strictly increase even at many blocks a second.
    for (std::uint64_t n = 1; n <= 3; ++n)
        EXPECT_GT((*stub)->block(n)->header.timestamp, (*stub)->block(n - 1)->header.timestamp);
}

}  // namespace
}  // namespace optimist::l1::test
