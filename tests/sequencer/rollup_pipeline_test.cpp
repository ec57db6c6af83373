// The rollup pipeline in-process: a sequencer with its batcher and proposer posting to an
// L1 stub, and a verifier that rebuilds the chain from the L1 alone.
#include "node_test_util.hpp"

#include <optimist/chain/chain_store.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/l1/l1_stub.hpp>
#include <optimist/l1/output_oracle_abi.hpp>
#include <optimist/rollup/channel.hpp>
#include <optimist/rollup/frame.hpp>
#include <optimist/sequencer/pipeline.hpp>
#include <optimist/sequencer/verifier.hpp>

#include <gtest/gtest.h>

namespace optimist::sequencer {
namespace {

using test::TempDir;
using test::transfer;
using test::wire;

Address recipient(std::uint64_t i) {
    Address a;
    a[0] = 0xaa;
    a[18] = static_cast<std::uint8_t>(i >> 8);
    a[19] = static_cast<std::uint8_t>(i);
    return a;
}

class RollupPipelineTest : public ::testing::Test {
protected:
    void SetUp() override {
        l1::L1StubConfig l1_config;
        l1_config.datadir = l1_dir_.str();
        l1_config.block_time = std::chrono::milliseconds(0);
        l1_config.l1.challenge_window = 3;
        auto stub = l1::L1Stub::open(l1_config);
        ASSERT_TRUE(stub) << stub.error();
        l1_ = std::move(*stub);

        auto seq = Node::open(test::test_config(seq_dir_));
        ASSERT_TRUE(seq) << seq.error();
        sequencer_ = std::move(*seq);
        PipelineConfig pc;
        pc.batcher.key = dev_private_key(kDevBatcherAccount);
        pc.batcher.max_blocks_per_batch = 7;  // several batches
        pc.proposer.key = dev_private_key(kDevProposerAccount);
        pipeline_ = std::make_unique<Pipeline>(*sequencer_, *l1_, pc);

        auto ver = Node::open(test::test_config(ver_dir_));
        ASSERT_TRUE(ver) << ver.error();
        verifier_node_ = std::move(*ver);
        verifier_ = std::make_unique<Verifier>(*verifier_node_, *l1_);
    }

    // Pipeline rounds and L1 blocks until everything sequenced is safe and proposed.
    void settle() {
        for (int round = 0; round < 200; ++round) {
            pipeline_->step();
            ASSERT_TRUE(l1_->mine());
            const RollupStatus s = sequencer_->rollup_status();
            if (s.safe_l2 == sequencer_->head().number && s.proposed_l2 == sequencer_->head().number) return;
        }
        FAIL() << "the pipeline did not settle";
    }

    // Sends `raw` to the inbox from dev account `account` and mines it.
    void post_to_inbox(std::size_t account, const Bytes& raw) {
        tx::Transaction t;
        t.type = tx::TxType::dynamic_fee;
        t.chain_id = l1::kDevL1ChainId;
        t.nonce = *l1_->nonce(dev_address(account), l1::NonceView::pending);
        t.max_fee_per_gas = Uint256{10'000'000'000ULL};
        t.max_priority_fee_per_gas = Uint256{1};
        t.gas_limit = 3'000'000;
        t.to = l1_->stub_config().l1.batch_inbox;
        t.data = raw;
        auto hash = l1_->send_raw_transaction(tx::encode_transaction(*tx::sign_transaction(t, dev_private_key(account))));
        ASSERT_TRUE(hash) << hash.error().message;
        ASSERT_TRUE(l1_->mine());
    }

    TempDir l1_dir_, seq_dir_, ver_dir_;
    std::unique_ptr<l1::L1Stub> l1_;
    std::unique_ptr<Node> sequencer_;
    std::unique_ptr<Pipeline> pipeline_;
    std::unique_ptr<Node> verifier_node_;
    std::unique_ptr<Verifier> verifier_;
};

TEST_F(RollupPipelineTest, VerifierReproducesEveryOutputRootOverAThousandTransactions) {
    std::uint64_t sent = 0;
    std::array<std::uint64_t, 8> nonces{};
    while (sent < 1'000) {
        for (int i = 0; i < 50 && sent < 1'000; ++i, ++sent) {
            const std::size_t from = sent % 8;
            ASSERT_TRUE(sequencer_->submit_raw_transaction(wire(transfer(from, recipient(sent), Uint256{sent + 1}, nonces[from]++))));
        }
        ASSERT_TRUE(sequencer_->produce_block());
        pipeline_->step();  // batches and proposals go out while blocks are still being made
        ASSERT_TRUE(l1_->mine());
    }
    settle();
    const std::uint64_t head = sequencer_->head().number;
    ASSERT_EQ(head, 20u);

    ASSERT_TRUE(verifier_->step());
    EXPECT_EQ(verifier_node_->head().number, head);
    EXPECT_EQ(verifier_node_->head_hash(), sequencer_->head_hash());
    EXPECT_EQ(verifier_->checks().size(), head);  // interval 1: a root per block
    EXPECT_EQ(verifier_->mismatches(), 0u);
    EXPECT_TRUE(verifier_->rejections().empty());
    for (const OutputCheck& c : verifier_->checks()) EXPECT_TRUE(c.matches) << "L2 block " << c.l2_block;

    // The challenge window passes: the sequencer reports the roots finalized.
    for (int i = 0; i < 5; ++i) {
        ASSERT_TRUE(l1_->mine());
        pipeline_->step();
    }
    EXPECT_EQ(sequencer_->rollup_status().finalized_l2, head);
}

TEST_F(RollupPipelineTest, RestartedPipelineNeverPostsABlockTwice) {
    for (std::uint64_t i = 0; i < 6; ++i) {
        ASSERT_TRUE(sequencer_->submit_raw_transaction(wire(transfer(0, recipient(i), Uint256{1}, i))));
        ASSERT_TRUE(sequencer_->produce_block());
    }
    pipeline_->step();  // posts, unmined
    // A fresh pipeline (a restarted sequencer) while the post is still unmined.
    PipelineConfig pc;
    pc.batcher.key = dev_private_key(kDevBatcherAccount);
    pc.proposer.key = dev_private_key(kDevProposerAccount);
    pipeline_ = std::make_unique<Pipeline>(*sequencer_, *l1_, pc);
    settle();
    // Every inbox entry of the batcher carries blocks nobody posted before.
    auto entries = l1_->batches(0, l1_->head()->number);
    ASSERT_TRUE(entries);
    std::set<std::uint64_t> blocks;
    for (const l1::InboxEntry& e : *entries) {
        auto frames = rollup::parse_payload(e.data);
        ASSERT_TRUE(frames);
        for (const rollup::Frame& f : *frames) {
            auto batch = rollup::decode_channel(f.data);
            ASSERT_TRUE(batch) << "one frame per channel at this size";
            for (const rollup::BatchBlock& b : batch->blocks) EXPECT_TRUE(blocks.insert(b.number).second) << b.number;
        }
    }
    EXPECT_EQ(blocks.size(), 6u);
    ASSERT_TRUE(verifier_->step());
    EXPECT_EQ(verifier_node_->head_hash(), sequencer_->head_hash());
}

TEST_F(RollupPipelineTest, DerivationRejectsBadDataWithReasonsAndGoesOn) {
    for (std::uint64_t i = 0; i < 3; ++i) {
        ASSERT_TRUE(sequencer_->submit_raw_transaction(wire(transfer(1, recipient(i), Uint256{1}, i))));
        ASSERT_TRUE(sequencer_->produce_block());
    }
    settle();

    // Garbage from the batcher, a truncated frame, and a valid batch from an unauthorized key.
    post_to_inbox(kDevBatcherAccount, Bytes{0x00, 0x01, 0x02});
    auto block = sequencer_->chain().block_by_number(1);
    rollup::Batch forged{block->header.parent_hash, {{1, block->header.timestamp, {}}}};
    auto codec = rollup::make_compressor(rollup::Codec::zstd);
    const Bytes channel = *rollup::encode_channel(forged, *codec);
    const auto frames = *rollup::split_channel(rollup::channel_id_for(channel), channel);
    Bytes truncated = rollup::encode_payload(frames);
    truncated.resize(truncated.size() - 3);
    post_to_inbox(kDevBatcherAccount, truncated);
    post_to_inbox(3, rollup::encode_payload(frames));  // dev account 3 is not the batcher
    Bytes not_compressed = rollup::encode_payload(*rollup::split_channel(rollup::ChannelId{}, Bytes{0x02, 0x12, 0x34}));
    post_to_inbox(kDevBatcherAccount, not_compressed);

    ASSERT_TRUE(verifier_->step());
    EXPECT_EQ(verifier_node_->head_hash(), sequencer_->head_hash());
    EXPECT_EQ(verifier_->mismatches(), 0u);
    const auto& rejections = verifier_->rejections();
    ASSERT_EQ(rejections.size(), 4u);
    auto has = [&](std::string_view needle) {
        return std::any_of(rejections.begin(), rejections.end(),
                           [&](const DerivationRejection& r) { return r.reason.find(needle) != std::string::npos; });
    };
    EXPECT_TRUE(has("not the authorized batcher"));
    EXPECT_TRUE(has("truncated"));
    for (const auto& r : rejections) EXPECT_FALSE(r.reason.empty());
}

// Regression: a batch from the batcher that overlaps derived blocks with different content
// was partly imported on top of the verifier's own head instead of being rejected whole.
TEST_F(RollupPipelineTest, BatchRewritingADerivedBlockIsRejectedWhole) {
    for (std::uint64_t i = 0; i < 3; ++i) {
        ASSERT_TRUE(sequencer_->submit_raw_transaction(wire(transfer(5, recipient(i), Uint256{1}, i))));
        ASSERT_TRUE(sequencer_->produce_block());
    }
    settle();
    ASSERT_TRUE(verifier_->step());
    ASSERT_EQ(verifier_node_->head().number, 3u);

    // Blocks 2-4 where block 2 has a different transaction, and a new block 4.
    auto b1 = sequencer_->chain().block_by_number(1);
    auto b2 = sequencer_->chain().block_by_number(2);
    auto b3 = sequencer_->chain().block_by_number(3);
    rollup::Batch forged{b1->hash,
                         {{2, b2->header.timestamp, {transfer(6, recipient(9), Uint256{1}, 0)}},
                          {3, b3->header.timestamp, b3->transactions},
                          {4, b3->header.timestamp + 1, {}}}};
    auto codec = rollup::make_compressor(rollup::Codec::zstd);
    const Bytes channel = *rollup::encode_channel(forged, *codec);
    post_to_inbox(kDevBatcherAccount, rollup::encode_payload(*rollup::split_channel(rollup::channel_id_for(channel), channel)));

    ASSERT_TRUE(verifier_->step());
    EXPECT_EQ(verifier_node_->head().number, 3u);  // block 4 of the forged batch was not imported
    EXPECT_EQ(verifier_node_->head_hash(), sequencer_->head_hash());
    ASSERT_EQ(verifier_->rejections().size(), 1u);
    EXPECT_NE(verifier_->rejections()[0].reason.find("batch block 2"), std::string::npos) << verifier_->rejections()[0].reason;
}

TEST_F(RollupPipelineTest, VerifierFlagsAWrongRoot) {
    ASSERT_TRUE(sequencer_->submit_raw_transaction(wire(transfer(2, recipient(0), Uint256{5}, 0))));
    ASSERT_TRUE(sequencer_->produce_block());
    // The batcher alone (no honest proposer); a dishonest proposer (dev account 4) claims a
    // wrong root for block 1.
    PipelineConfig pc;
    pc.batcher.key = dev_private_key(kDevBatcherAccount);
    Batcher batcher(*sequencer_, *l1_, pc.batcher, pc);
    for (int i = 0; i < 3; ++i) {
        ASSERT_TRUE(batcher.step());
        ASSERT_TRUE(l1_->mine());
        if (sequencer_->rollup_status().safe_l2 == 1) break;
    }
    tx::Transaction t;
    t.type = tx::TxType::dynamic_fee;
    t.chain_id = l1::kDevL1ChainId;
    t.nonce = 0;
    t.max_fee_per_gas = Uint256{10'000'000'000ULL};
    t.max_priority_fee_per_gas = Uint256{1};
    t.gas_limit = 200'000;
    t.to = l1_->stub_config().l1.output_oracle;
    t.value = l1_->stub_config().l1.min_bond;
    t.data = l1::encode_propose_call({keccak256(Bytes{1, 2, 3}), 1});
    ASSERT_TRUE(l1_->send_raw_transaction(tx::encode_transaction(*tx::sign_transaction(t, dev_private_key(4)))));
    ASSERT_TRUE(l1_->mine());
    ASSERT_TRUE(verifier_->step());
    ASSERT_FALSE(verifier_->checks().empty());
    EXPECT_EQ(verifier_->mismatches(), 1u);
    EXPECT_FALSE(verifier_->checks().front().matches);
    EXPECT_EQ(verifier_->checks().front().derived, *output_root_at(*sequencer_, 1));
}

}  // namespace
}  // namespace optimist::sequencer
