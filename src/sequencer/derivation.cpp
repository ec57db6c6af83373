#include <optimist/core/hex.hpp>
#include <optimist/l1/types.hpp>
#include <optimist/rollup/channel.hpp>
#include <optimist/sequencer/derivation.hpp>

namespace optimist::sequencer {
namespace {

std::vector<DerivationRejection> to_rejections(const std::vector<rollup::Rejection>& in, std::uint64_t l1_block,
                                               const Hash& tx) {
    std::vector<DerivationRejection> out;
    for (const rollup::Rejection& r : in)
        out.push_back({l1_block, tx, std::string(rollup::to_string(r.reason)) + ": " + r.message});
    return out;
}

}  // namespace

Deriver::Deriver(const Address& authorized_batcher, rollup::AssemblerLimits assembler, rollup::BatchLimits batch_limits)
    : batcher_(authorized_batcher), assembler_(assembler), batch_limits_(batch_limits) {}

DerivationOutput Deriver::add(const l1::InboxEntry& entry) {
    DerivationOutput out;
    if (entry.sender != batcher_) {
        out.rejections.push_back({entry.l1_block, entry.tx_hash,
                                  "sender " + to_hex(entry.sender.view()) + " is not the authorized batcher " +
                                      to_hex(batcher_.view())});
        return out;
    }
    last_l1_block_ = std::max(last_l1_block_, entry.l1_block);
    rollup::AssemblerOutput assembled = assembler_.add_payload(entry.data, entry.l1_block);
    out.rejections = to_rejections(assembled.rejections, entry.l1_block, entry.tx_hash);
    for (rollup::AssembledChannel& channel : assembled.channels) {
        auto batch = rollup::decode_channel(channel.data, batch_limits_);
        if (!batch) {
            out.rejections.push_back({entry.l1_block, entry.tx_hash,
                                      "channel " + to_hex(channel.id.view()) + ": " + batch.error().message});
            continue;
        }
        out.batches.push_back({std::move(*batch), channel.completed_at});
    }
    return out;
}

std::vector<DerivationRejection> Deriver::advance_to(std::uint64_t l1_block) {
    if (l1_block <= last_l1_block_) return {};
    last_l1_block_ = l1_block;
    return to_rejections(assembler_.expire(l1_block), l1_block, Hash{});
}

}  // namespace optimist::sequencer
