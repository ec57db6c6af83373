#include "node_test_util.hpp"

#include <optimist/chain/chain_store.hpp>
#include <optimist/state/state_store.hpp>

#include <gtest/gtest.h>

namespace optimist::sequencer {
namespace {

using test::kGwei;
using test::TempDir;
using test::transfer;
using test::wire;

Uint256 balance_at(const Node& node, const Address& a, std::optional<std::uint64_t> block = std::nullopt) {
    Uint256 out;
    EXPECT_TRUE(node.with_state(block, [&](const state::StateReader& s, const tx::BlockHeader&) {
        if (auto acc = s.read_account(a)) out = acc->balance;
    }));
    return out;
}

const Address kRecipient = [] {
    Address a;
    a[19] = 0x77;
    return a;
}();

TEST(Node, GenesisFundsTheDevAccounts) {
    TempDir dir;
    auto node = Node::open(test::test_config(dir));
    ASSERT_TRUE(node) << node.error();
    EXPECT_EQ((*node)->head().number, 0u);
    EXPECT_EQ(balance_at(**node, dev_address(3)), *uint256_from_string("10000000000000000000000"));
}

TEST(Node, IncludesASubmittedTransferAndChargesExactly) {
    TempDir dir;
    auto node = Node::open(test::test_config(dir));
    ASSERT_TRUE(node) << node.error();
    Node& n = **node;
    const Uint256 before = balance_at(n, dev_address(0));
    const tx::Transaction t = transfer(0, kRecipient, Uint256{12345}, 0);
    auto hash = n.submit_raw_transaction(wire(t));
    ASSERT_TRUE(hash) << hash.error().message;
    EXPECT_EQ(*hash, tx::transaction_hash(t));
    EXPECT_EQ(n.pending_count(), 1u);
    EXPECT_EQ(n.pending_nonce(dev_address(0)), 1u);
    ASSERT_TRUE(n.pending_transaction(*hash).has_value());

    auto header = n.produce_block();
    ASSERT_TRUE(header) << header.error();
    EXPECT_EQ(header->number, 1u);
    EXPECT_EQ(header->gas_used, 21'000u);
    EXPECT_EQ(n.pending_count(), 0u);
    const auto at = n.chain().tx_location(*hash);
    ASSERT_TRUE(at.has_value());
    EXPECT_EQ(at->block_number, 1u);
    const auto receipts = n.chain().receipts(at->block_hash);
    ASSERT_TRUE(receipts && receipts->size() == 1);
    EXPECT_TRUE((*receipts)[0].success);

    const Uint256 price = *header->base_fee_per_gas + t.max_priority_fee_per_gas;
    EXPECT_EQ(balance_at(n, kRecipient), Uint256{12345});
    EXPECT_EQ(balance_at(n, dev_address(0)), before - Uint256{12345} - price * Uint256{21'000});
    // History stays readable at the old root.
    EXPECT_EQ(balance_at(n, dev_address(0), 0), before);
    EXPECT_EQ(balance_at(n, kRecipient, 0), Uint256{});
    // The state root in the header is the state the node serves.
    EXPECT_EQ(header->state_root, n.head().state_root);
}

TEST(Node, RejectsWithGethMessages) {
    TempDir dir;
    auto node = Node::open(test::test_config(dir));
    ASSERT_TRUE(node) << node.error();
    Node& n = **node;
    ASSERT_TRUE(n.submit_raw_transaction(wire(transfer(0, kRecipient, Uint256{1}, 0))));
    auto again = n.submit_raw_transaction(wire(transfer(0, kRecipient, Uint256{1}, 0)));
    ASSERT_FALSE(again);
    EXPECT_EQ(again.error().message, "already known");
    auto wrong_chain = n.submit_raw_transaction(wire(transfer(1, kRecipient, Uint256{1}, 0, /*chain_id=*/1)));
    ASSERT_FALSE(wrong_chain);
    EXPECT_EQ(wrong_chain.error().message, "invalid chain id for signer");
    auto garbage = n.submit_raw_transaction(Bytes{0x02, 0xc0});
    ASSERT_FALSE(garbage);
    EXPECT_NE(garbage.error().message.find("rlp"), std::string::npos) << garbage.error().message;
    // 5% more than the pooled transaction's fees: not enough to replace it.
    auto cheap = n.submit_raw_transaction(
        wire(transfer(0, kRecipient, Uint256{2}, 0, 901, Uint256{10'500'000'000ULL}, Uint256{1'050'000})));
    ASSERT_FALSE(cheap);
    EXPECT_EQ(cheap.error().message, "replacement transaction underpriced");
    ASSERT_TRUE(n.produce_block());
    auto stale = n.submit_raw_transaction(wire(transfer(0, kRecipient, Uint256{3}, 0)));
    ASSERT_FALSE(stale);
    EXPECT_EQ(stale.error().message, "nonce too low");
    // Far more than the balance.
    auto rich = n.submit_raw_transaction(
        wire(transfer(2, kRecipient, *uint256_from_string("20000000000000000000000"), 0)));
    ASSERT_FALSE(rich);
    EXPECT_EQ(rich.error().message, "insufficient funds for gas * price + value");
}

TEST(Node, ResumesFromTheStoredHeadAndJournal) {
    TempDir dir;
    Hash head_hash;
    Hash state_root;
    Hash pending_hash;
    {
        auto node = Node::open(test::test_config(dir));
        ASSERT_TRUE(node) << node.error();
        for (std::uint64_t i = 0; i < 3; ++i) {
            ASSERT_TRUE((*node)->submit_raw_transaction(wire(transfer(0, kRecipient, Uint256{100}, i))));
            ASSERT_TRUE((*node)->produce_block());
        }
        head_hash = (*node)->head_hash();
        state_root = (*node)->head().state_root;
        // Accepted but not yet in a block when the node goes away.
        auto h = (*node)->submit_raw_transaction(wire(transfer(0, kRecipient, Uint256{100}, 3)));
        ASSERT_TRUE(h);
        pending_hash = *h;
    }
    auto node = Node::open(test::test_config(dir));
    ASSERT_TRUE(node) << node.error();
    Node& n = **node;
    EXPECT_EQ(n.head().number, 3u);
    EXPECT_EQ(n.head_hash(), head_hash);
    EXPECT_EQ(n.head().state_root, state_root);
    EXPECT_EQ(balance_at(n, kRecipient), Uint256{300});
    EXPECT_EQ(n.pending_count(), 1u);
    EXPECT_TRUE(n.pending_transaction(pending_hash).has_value());
    ASSERT_TRUE(n.produce_block());
    EXPECT_EQ(balance_at(n, kRecipient), Uint256{400});
    EXPECT_TRUE(n.chain().load_pending().empty());
}

TEST(Node, RefusesADatadirOfAnotherGenesis) {
    TempDir dir;
    { ASSERT_TRUE(Node::open(test::test_config(dir))); }
    NodeConfig other_chain = test::test_config(dir);
    other_chain.genesis.chain_id = 902;
    auto a = Node::open(other_chain);
    ASSERT_FALSE(a);
    EXPECT_NE(a.error().find("chain id"), std::string::npos) << a.error();
    NodeConfig other_alloc = test::test_config(dir);
    other_alloc.genesis.alloc.erase(dev_address(9));
    auto b = Node::open(other_alloc);
    ASSERT_FALSE(b);
    EXPECT_NE(b.error().find("genesis"), std::string::npos) << b.error();
}

TEST(Node, BlockGasLimitSpillsTransactionsIntoLaterBlocks) {
    TempDir dir;
    NodeConfig config = test::test_config(dir);
    config.genesis.gas_limit = 50'000;  // two transfers per block
    auto node = Node::open(config);
    ASSERT_TRUE(node) << node.error();
    Node& n = **node;
    for (std::uint64_t i = 0; i < 5; ++i) ASSERT_TRUE(n.submit_raw_transaction(wire(transfer(1, kRecipient, Uint256{1}, i))));
    std::vector<std::uint64_t> gas;
    for (int b = 0; b < 3; ++b) {
        auto h = n.produce_block();
        ASSERT_TRUE(h) << h.error();
        gas.push_back(h->gas_used);
    }
    EXPECT_EQ(gas, (std::vector<std::uint64_t>{42'000, 42'000, 21'000}));
    EXPECT_EQ(balance_at(n, kRecipient), Uint256{5});
}

TEST(Node, DropsATransactionThatAnEarlierOneMadeUnpayable) {
    TempDir dir;
    auto node = Node::open(test::test_config(dir));
    ASSERT_TRUE(node) << node.error();
    Node& n = **node;
    // Both fit the balance on their own; after the first, the second cannot pay.
    const Uint256 most = *uint256_from_string("9999000000000000000000");
    ASSERT_TRUE(n.submit_raw_transaction(wire(transfer(4, kRecipient, most, 0))));
    auto second = n.submit_raw_transaction(wire(transfer(4, kRecipient, most, 1)));
    ASSERT_TRUE(second);
    auto h = n.produce_block();
    ASSERT_TRUE(h);
    EXPECT_EQ(h->gas_used, 21'000u);
    EXPECT_EQ(n.pending_count(), 0u);
    EXPECT_FALSE(n.chain().tx_location(*second).has_value());
    EXPECT_TRUE(n.chain().load_pending().empty());
}

TEST(Node, EmptyBlocksLowerTheBaseFee) {
    TempDir dir;
    auto node = Node::open(test::test_config(dir));
    ASSERT_TRUE(node) << node.error();
    auto b1 = (*node)->produce_block();
    auto b2 = (*node)->produce_block();
    ASSERT_TRUE(b1 && b2);
    EXPECT_LT(*b2->base_fee_per_gas, *b1->base_fee_per_gas);
    EXPECT_GT(b2->timestamp, b1->timestamp);
    EXPECT_EQ(b2->parent_hash, tx::header_hash(*b1));
}

TEST(Node, ProducerThreadMinesOnEachTransaction) {
    TempDir dir;
    auto node = Node::open(test::test_config(dir));  // block_time 0
    ASSERT_TRUE(node) << node.error();
    (*node)->start();
    ASSERT_TRUE((*node)->submit_raw_transaction(wire(transfer(5, kRecipient, Uint256{9}, 0))));
    EXPECT_TRUE((*node)->wait_for_block(1, std::chrono::seconds(10)));
    (*node)->stop();
    EXPECT_EQ(balance_at(**node, kRecipient), Uint256{9});
}

// Derivation's path: a second node that imports the sequencer's blocks from (parent hash,
// number, timestamp, transactions) reproduces every block hash and state root.
TEST(Node, ImportReproducesProducedBlocks) {
    TempDir seq_dir;
    TempDir ver_dir;
    auto seq = Node::open(test::test_config(seq_dir));
    auto ver = Node::open(test::test_config(ver_dir));
    ASSERT_TRUE(seq && ver);
    for (std::uint64_t i = 0; i < 4; ++i) {
        ASSERT_TRUE((*seq)->submit_raw_transaction(wire(transfer(0, kRecipient, Uint256{i + 1}, i))));
        ASSERT_TRUE((*seq)->submit_raw_transaction(wire(transfer(1, kRecipient, Uint256{7}, i))));
        ASSERT_TRUE((*seq)->produce_block());
    }
    for (std::uint64_t n = 1; n <= 4; ++n) {
        auto block = (*seq)->chain().block_by_number(n);
        ASSERT_TRUE(block);
        std::vector<tx::Transaction> txs = block->transactions;
        for (auto& t : txs) t.sender = Address{};  // batches carry no senders
        auto imported = (*ver)->import_block(block->header.parent_hash, n, block->header.timestamp, txs);
        ASSERT_TRUE(imported) << imported.error();
        EXPECT_EQ(tx::header_hash(*imported), block->hash) << "block " << n;
    }
    EXPECT_EQ((*ver)->head().state_root, (*seq)->head().state_root);
}

TEST(Node, ImportRefusesBadBlocksWithoutCommitting) {
    TempDir dir;
    auto node = Node::open(test::test_config(dir));
    ASSERT_TRUE(node);
    Node& n = **node;
    const Hash genesis = n.head_hash();
    const Hash root = n.head().state_root;
    // Nonce 5 for a fresh account: the block is invalid as a whole.
    std::vector<tx::Transaction> bad = {transfer(0, kRecipient, Uint256{1}, 0), transfer(0, kRecipient, Uint256{1}, 5)};
    auto r = n.import_block(genesis, 1, 10, bad);
    ASSERT_FALSE(r);
    EXPECT_NE(r.error().find("transaction 1 is invalid"), std::string::npos) << r.error();
    EXPECT_EQ(n.head().number, 0u);
    EXPECT_EQ(n.head().state_root, root);
    auto wrong_parent = n.import_block(Hash{}, 1, 10, {});
    ASSERT_FALSE(wrong_parent);
    EXPECT_NE(wrong_parent.error().find("parent"), std::string::npos);
    auto wrong_number = n.import_block(genesis, 2, 10, {});
    ASSERT_FALSE(wrong_number);
    auto old_time = n.import_block(genesis, 1, 0, {});
    ASSERT_FALSE(old_time);
    EXPECT_NE(old_time.error().find("timestamp"), std::string::npos);
    ASSERT_TRUE(n.import_block(genesis, 1, 10, {transfer(0, kRecipient, Uint256{1}, 0)}));
    EXPECT_EQ(n.head().number, 1u);
}

}  // namespace
}  // namespace optimist::sequencer
