#include <optimist/core/hex.hpp>
#include <optimist/l1/l1.hpp>
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

Status<std::string> derive_inbox(l1::L1& l1, Deriver& deriver, std::uint64_t& next_l1_block, std::uint64_t to_l1_block,
                                 const InboxVisitor& visit) {
    // Entries read per L1 request: bounded, so one answer never grows without limit.
    constexpr std::uint64_t kPage = 1'000;
    auto rejected = [&](DerivationRejection&& r) {
        if (visit.on_rejection) visit.on_rejection(std::move(r));
    };
    while (next_l1_block <= to_l1_block) {
        const std::uint64_t to = std::min(to_l1_block, next_l1_block + kPage - 1);
        auto entries = l1.batches(next_l1_block, to);
        if (!entries) return fail("L1 inbox: " + entries.error().message);
        for (const l1::InboxEntry& entry : *entries) {
            DerivationOutput out = deriver.add(entry);
            for (DerivationRejection& r : out.rejections) rejected(std::move(r));
            for (const DerivedBatch& b : out.batches) visit.on_batch(b, entry.tx_hash);
        }
        for (DerivationRejection& r : deriver.advance_to(to)) rejected(std::move(r));
        next_l1_block = to + 1;
    }
    return {};
}

}  // namespace optimist::sequencer
