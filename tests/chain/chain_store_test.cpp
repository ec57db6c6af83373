// ChainStore: blocks round-trip through the database, across restarts, in one write each.
#include "test_util.hpp"

#include <optimist/chain/chain_store.hpp>
#include <optimist/chain/receipt_info.hpp>
#include <optimist/chain/records.hpp>
#include <optimist/tx/codec.hpp>

#include <gtest/gtest.h>

#include <atomic>
#include <thread>

namespace optimist::chain::test {
namespace {

// Everything committed reads back equal: headers, hashes, bodies with senders, receipts,
// transaction locations, the canonical mapping and the head.
void expect_chain_reads_back(const ChainStore& store, const std::vector<TestBlock>& chain) {
    ASSERT_TRUE(store.has_genesis());
    EXPECT_EQ(store.head_number(), chain.back().header.number);
    EXPECT_EQ(store.head_hash(), chain.back().hash);
    EXPECT_EQ(store.head_header(), chain.back().header);
    EXPECT_EQ(store.genesis_hash(), chain.front().hash);
    EXPECT_EQ(store.chain_id(), kChainId);
    for (const TestBlock& b : chain) {
        const std::uint64_t n = b.header.number;
        EXPECT_EQ(store.canonical_hash(n), b.hash) << n;
        EXPECT_EQ(store.header_by_hash(b.hash), b.header) << n;
        EXPECT_EQ(store.header_by_number(n), b.header) << n;
        const StoredBlock expected{b.header, b.hash, b.txs};
        EXPECT_EQ(store.block_by_hash(b.hash), expected) << n;
        EXPECT_EQ(store.block_by_number(n), expected) << n;
        EXPECT_EQ(store.receipts(b.hash), b.receipts) << n;
        for (std::uint32_t i = 0; i < b.txs.size(); ++i) {
            EXPECT_EQ(store.tx_location(tx::transaction_hash(b.txs[i])), (TxLocation{n, b.hash, i})) << n;
        }
    }
    const std::uint64_t past = chain.back().header.number + 1;
    EXPECT_FALSE(store.canonical_hash(past));
    EXPECT_FALSE(store.header_by_number(past));
    EXPECT_FALSE(store.block_by_number(past));
    const Hash unknown = tx::test::fixed<32>("0x" + std::string(64, 'a'));
    EXPECT_FALSE(store.header_by_hash(unknown));
    EXPECT_FALSE(store.block_by_hash(unknown));
    EXPECT_FALSE(store.receipts(unknown));
    EXPECT_FALSE(store.tx_location(unknown));
}

TEST_F(ChainStoreTest, EmptyStoreHasNothing) {
    open_store();
    EXPECT_FALSE(store_->has_genesis());
    EXPECT_FALSE(store_->head_number());
    EXPECT_FALSE(store_->head_hash());
    EXPECT_FALSE(store_->head_header());
    EXPECT_FALSE(store_->canonical_hash(0));
    EXPECT_FALSE(store_->genesis_hash());
    EXPECT_EQ(store_->chain_id(), kChainId);  // configured, recorded with genesis
    EXPECT_TRUE(store_->load_pending().empty());
    // Opening wrote nothing: the metadata arrives with the genesis block's batch.
    restart();
    EXPECT_FALSE(store_->has_genesis());
}

TEST_F(ChainStoreTest, BlocksReadBackBeforeAndAfterRestart) {
    open_store();
    const auto chain = commit_chain(6);
    expect_chain_reads_back(*store_, chain);
    restart();
    expect_chain_reads_back(*store_, chain);

    // The chain continues after the restart from the stored head.
    BlockMaker maker(99);
    TestBlock next = maker.next(chain.back(), 3);
    commit(next);
    EXPECT_EQ(store_->head_hash(), next.hash);
}

TEST_F(ChainStoreTest, StoredSendersAreTheSignersAndNeedNoRecovery) {
    open_store();
    const auto chain = commit_chain(2);
    restart();
    const auto block = store_->block_by_number(2);
    ASSERT_TRUE(block);
    ASSERT_FALSE(block->transactions.empty());
    for (const tx::Transaction& t : block->transactions) {
        EXPECT_FALSE(t.sender.is_zero());
        auto recovered = tx::recover_sender(t);
        ASSERT_TRUE(recovered.ok());
        EXPECT_EQ(*recovered, t.sender);
    }
}

TEST_F(ChainStoreTest, ExtraBatchLandsWithTheBlock) {
    open_store();
    BlockMaker maker(2);
    const TestBlock genesis = maker.next(std::nullopt, 0);
    db::WriteBatch extra;
    extra.put(bytes_of("n-state-node-1"), bytes_of("node one"));
    extra.put(bytes_of("c-code"), bytes_of("code"));
    commit(genesis, std::move(extra));
    EXPECT_EQ(db_->get(bytes_of("n-state-node-1")), bytes_of("node one"));
    EXPECT_EQ(db_->get(bytes_of("c-code")), bytes_of("code"));

    // A refused block writes nothing, its extra entries included.
    TestBlock orphan = maker.next(genesis, 1);
    orphan.header.parent_hash[0] ^= 1;
    orphan.hash = tx::header_hash(orphan.header);
    db::WriteBatch orphan_extra;
    orphan_extra.put(bytes_of("n-state-node-2"), bytes_of("node two"));
    EXPECT_FALSE(
        store_->commit_block(orphan.header, orphan.txs, orphan.receipts, std::move(orphan_extra)).ok());
    EXPECT_FALSE(db_->get(bytes_of("n-state-node-2")));
    EXPECT_FALSE(store_->header_by_hash(orphan.hash));
    EXPECT_EQ(store_->head_hash(), genesis.hash);
}

TEST_F(ChainStoreTest, OnlyBlocksThatExtendTheHeadAreAccepted) {
    open_store();
    BlockMaker maker(3);
    const TestBlock genesis = maker.next(std::nullopt, 0);
    const TestBlock one = maker.next(genesis, 2);
    const TestBlock two = maker.next(one, 2);

    auto before_genesis = store_->commit_block(one.header, one.txs, one.receipts, {});
    ASSERT_FALSE(before_genesis.ok());
    EXPECT_NE(before_genesis.error().find("no genesis"), std::string::npos) << before_genesis.error();
    commit(genesis);

    auto gap = store_->commit_block(two.header, two.txs, two.receipts, {});
    ASSERT_FALSE(gap.ok());
    EXPECT_NE(gap.error().find("head is block 0"), std::string::npos) << gap.error();

    auto missing_receipt = store_->commit_block(one.header, one.txs, std::span(one.receipts).first(1), {});
    ASSERT_FALSE(missing_receipt.ok());
    EXPECT_NE(missing_receipt.error().find("receipts"), std::string::npos) << missing_receipt.error();

    commit(one);
    auto again = store_->commit_block(one.header, one.txs, one.receipts, {});
    EXPECT_FALSE(again.ok());
    commit(two);
    EXPECT_EQ(store_->head_number(), 2u);
}

TEST_F(ChainStoreTest, PendingJournalSurvivesRestartAndCommitErasesIncluded) {
    open_store();
    BlockMaker maker(4);
    const TestBlock genesis = maker.next(std::nullopt, 0);
    commit(genesis);
    const TestBlock one = maker.next(genesis, 3);

    // Journal the block's transactions and one that stays pending.
    std::vector<std::pair<Hash, Bytes>> journal;
    for (const tx::Transaction& t : one.txs)
        journal.emplace_back(tx::transaction_hash(t), tx::encode_transaction(t));
    const tx::Transaction later = maker.signed_tx(7);
    journal.emplace_back(tx::transaction_hash(later), tx::encode_transaction(later));
    for (const auto& [hash, raw] : journal) ASSERT_TRUE(store_->put_pending(hash, raw).ok());
    std::sort(journal.begin(), journal.end());
    EXPECT_EQ(store_->load_pending(), journal);

    restart();
    EXPECT_EQ(store_->load_pending(), journal);

    commit(one);
    const std::vector<std::pair<Hash, Bytes>> left{
        {tx::transaction_hash(later), tx::encode_transaction(later)}};
    EXPECT_EQ(store_->load_pending(), left);

    ASSERT_TRUE(store_->erase_pending(tx::transaction_hash(later)).ok());
    EXPECT_TRUE(store_->load_pending().empty());
    ASSERT_TRUE(store_->erase_pending(tx::transaction_hash(later)).ok());  // erasing twice is fine
}

TEST_F(ChainStoreTest, ADifferentSchemaVersionIsRefused) {
    open_store();
    commit_chain(1);
    reopen_db();
    ASSERT_TRUE(db_->put(bytes_of("mschema_version"), encode_meta_uint(kSchemaVersion + 1)).ok());
    auto store = try_open();
    ASSERT_FALSE(store.ok());
    EXPECT_NE(store.error().find("schema version 2"), std::string::npos) << store.error();
    EXPECT_NE(store.error().find("reads version 1"), std::string::npos) << store.error();
}

TEST_F(ChainStoreTest, ADifferentChainIdIsRefused) {
    open_store();
    commit_chain(1);
    reopen_db();
    auto other = try_open(kChainId + 1);
    ASSERT_FALSE(other.ok());
    EXPECT_NE(other.error().find("chain id 901"), std::string::npos) << other.error();
    // Unconfigured, the store reports the recorded chain id.
    open_store(std::nullopt);
    EXPECT_EQ(store_->chain_id(), kChainId);
}

TEST_F(ChainStoreTest, ReceiptInfosSplitCumulativeGasAndNumberLogsAcrossTheBlock) {
    std::vector<tx::Receipt> receipts(3);
    receipts[0].cumulative_gas_used = 21'000;
    receipts[0].logs.resize(2);
    receipts[1].cumulative_gas_used = 50'000;
    receipts[2].cumulative_gas_used = 80'500;
    receipts[2].logs.resize(3);
    const std::vector<ReceiptInfo> expected{{21'000, 0}, {29'000, 2}, {30'500, 2}};
    EXPECT_EQ(receipt_infos(receipts), expected);
    EXPECT_TRUE(receipt_infos({}).empty());
    receipts[1].cumulative_gas_used = 10;  // corrupt: decreasing
    EXPECT_EQ(receipt_infos(receipts)[1].gas_used, 0u);
}

TEST_F(ChainStoreTest, ManyBlocksReadBackThroughAndPastTheHeaderCache) {
    // More blocks than the header cache holds, so reads mix cache hits and database reads.
    open_store();
    BlockMaker maker(5);
    std::vector<TestBlock> chain{maker.next(std::nullopt, 0)};
    for (int i = 0; i < 700; ++i) chain.push_back(maker.next(chain.back(), 0));
    for (const TestBlock& b : chain) commit(b);
    for (const TestBlock& b : chain) {
        ASSERT_EQ(store_->canonical_hash(b.header.number), b.hash);
        ASSERT_EQ(store_->header_by_number(b.header.number), b.header);
    }
    for (auto it = chain.rbegin(); it != chain.rend(); ++it)
        ASSERT_EQ(store_->header_by_hash(it->hash), it->header);
}

TEST_F(ChainStoreTest, ReadersSeeWholeBlocksWhileTheWriterCommits) {
    open_store();
    BlockMaker maker(6);
    std::vector<TestBlock> chain{maker.next(std::nullopt, 0)};
    for (int i = 0; i < 40; ++i) chain.push_back(maker.next(chain.back(), 2));
    commit(chain[0]);

    std::atomic<bool> done{false};
    std::atomic<int> failures{0};
    std::vector<std::thread> readers;
    for (int r = 0; r < 2; ++r) {
        readers.emplace_back([&] {
            while (!done.load()) {
                const auto n = store_->head_number();
                if (!n) {
                    failures++;
                    continue;
                }
                // A head that is visible has every record of its block in the database.
                const auto block = store_->block_by_number(*n);
                if (!block || !store_->receipts(block->hash) || block->hash != chain[*n].hash) failures++;
            }
        });
    }
    for (std::size_t i = 1; i < chain.size(); ++i) commit(chain[i]);
    done = true;
    for (auto& t : readers) t.join();
    EXPECT_EQ(failures.load(), 0);
}

}  // namespace
}  // namespace optimist::chain::test
