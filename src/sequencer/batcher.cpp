#include <optimist/chain/chain_store.hpp>
#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/l1/l1.hpp>
#include <optimist/rollup/channel.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/sequencer/pipeline.hpp>

#include <algorithm>

namespace optimist::sequencer {
namespace {

constexpr std::string_view kLog = "batcher";

}  // namespace

Batcher::Batcher(Node& node, l1::L1& l1, const BatcherConfig& config, const PipelineConfig& fees)
    : node_(node), l1_(l1), config_(config), sender_(l1, config.key, fees.l1_max_fee, fees.l1_priority_fee),
      compressor_(rollup::make_compressor(config.codec)),
      own_entries_(crypto::address_from_private_key(config.key).value_or(Address{})) {}

Status<std::string> Batcher::step() {
    auto head = l1_.head();
    if (!head) return fail("L1 head: " + head.error().message);

    // What this batcher's key has on L1: derive its own entries. A block is safe once the
    // channel carrying it is complete on L1.
    // Entries of other senders come back as rejections, which the batcher does not need.
    auto scanned = derive_inbox(l1_, own_entries_, next_l1_block_, head->number,
                                {[&](const DerivedBatch& b, const Hash&) {
                                     if (!b.batch.blocks.empty()) safe_ = std::max(safe_, b.batch.blocks.back().number);
                                 },
                                 {}});
    if (!scanned) return scanned;

    auto unmined = sender_.has_unmined();
    if (!unmined) return fail("L1 nonce: " + unmined.error());
    // Once everything sent is mined, what landed is exactly what is safe: anything sent but
    // lost (an L1 that dropped it) is posted again.
    if (!*unmined) posted_ = safe_;
    node_.update_rollup_status([&](RollupStatus& s) {
        s.head_l1 = *head;
        s.safe_l2 = std::max(s.safe_l2, safe_);
        s.posted_l2 = std::max(posted_, safe_);
    });
    if (*unmined) return {};  // wait: never two posts in flight

    const std::uint64_t l2_head = node_.head().number;
    if (l2_head <= posted_) return {};
    const std::uint64_t first = posted_ + 1;
    const std::uint64_t last = std::min(l2_head, posted_ + config_.max_blocks_per_batch);

    rollup::Batch batch;
    std::size_t tx_count = 0;
    for (std::uint64_t n = first; n <= last; ++n) {
        auto block = node_.chain().block_by_number(n);
        if (!block) return fail("L2 block " + std::to_string(n) + " is missing from the chain store");
        if (n == first) batch.parent_hash = block->header.parent_hash;
        tx_count += block->transactions.size();
        batch.blocks.push_back({n, block->header.timestamp, std::move(block->transactions)});
    }
    auto channel = rollup::encode_channel(batch, *compressor_);
    if (!channel) return fail("compressing blocks " + std::to_string(first) + "-" + std::to_string(last) + ": " +
                              channel.error().message);
    auto frames = rollup::split_channel(rollup::channel_id_for(*channel), *channel, config_.max_frame_size);
    if (!frames) return fail("framing: " + frames.error().message);
    if (!inbox_) {
        auto config = l1_.config();
        if (!config) return fail("L1 config: " + config.error().message);
        inbox_ = config->batch_inbox;
    }
    for (const rollup::Frame& frame : *frames) {
        const Bytes payload = rollup::encode_payload(std::span<const rollup::Frame>(&frame, 1));
        auto hash = sender_.send(*inbox_, payload, Uint256{});
        if (!hash) return fail("posting blocks " + std::to_string(first) + "-" + std::to_string(last) + ": " + hash.error());
    }
    posted_ = last;
    node_.update_rollup_status([&](RollupStatus& s) { s.posted_l2 = std::max(s.posted_l2, posted_); });
    const auto level = tx_count > 0 ? logging::Level::info : logging::Level::debug;
    logging::write(level, kLog, "posted L2 blocks " + std::to_string(first) + "-" + std::to_string(last) + " (" +
                            std::to_string(tx_count) + " txs) in " + std::to_string(frames->size()) + " frame(s), " +
                            std::to_string(channel->size()) + " bytes " + std::string(rollup::to_string(config_.codec)));
    return {};
}

}  // namespace optimist::sequencer
