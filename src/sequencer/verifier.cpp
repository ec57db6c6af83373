#include <optimist/chain/chain_store.hpp>
#include <optimist/core/hex.hpp>
#include <optimist/core/logging.hpp>
#include <optimist/l1/l1.hpp>
#include <optimist/sequencer/node.hpp>
#include <optimist/sequencer/pipeline.hpp>
#include <optimist/sequencer/verifier.hpp>
#include <optimist/tx/codec.hpp>

#include <algorithm>

namespace optimist::sequencer {
namespace {

constexpr std::string_view kLog = "verifier";
constexpr std::uint64_t kOutputsPerRequest = 1'000;

}  // namespace

std::optional<std::string> Verifier::conflict_with_derived(const rollup::Batch& batch, std::size_t i) const {
    const rollup::BatchBlock& block = batch.blocks[i];
    auto ours = node_.chain().block_by_number(block.number);
    if (!ours) return "derived block " + std::to_string(block.number) + " is unreadable";
    if (i == 0 && ours->header.parent_hash != batch.parent_hash)
        return "parent " + to_hex(batch.parent_hash.view()) + " differs from the derived chain's " +
               to_hex(ours->header.parent_hash.view());
    if (ours->header.timestamp != block.timestamp)
        return "timestamp " + std::to_string(block.timestamp) + " differs from the derived block's " +
               std::to_string(ours->header.timestamp);
    if (ours->transactions.size() != block.transactions.size())
        return "conflicts with the derived block (" + std::to_string(block.transactions.size()) + " transactions, derived " +
               std::to_string(ours->transactions.size()) + ")";
    for (std::size_t t = 0; t < block.transactions.size(); ++t) {
        if (tx::transaction_hash(block.transactions[t]) != tx::transaction_hash(ours->transactions[t]))
            return "transaction " + std::to_string(t) + " differs from the derived block's";
    }
    return std::nullopt;
}

Verifier::Verifier(Node& node, l1::L1& l1) : node_(node), l1_(l1), deriver_(node.genesis().batcher) {}

std::size_t Verifier::mismatches() const noexcept {
    return static_cast<std::size_t>(std::count_if(checks_.begin(), checks_.end(), [](const OutputCheck& c) { return !c.matches; }));
}

void Verifier::reject(DerivationRejection r) {
    logging::warn(kLog, "rejected data from L1 block " + std::to_string(r.l1_block) +
                            (r.l1_tx == Hash{} ? std::string() : " tx " + to_hex(r.l1_tx.view())) + ": " + r.reason);
    if (on_reject) on_reject(r);
    rejections_.push_back(std::move(r));
}

void Verifier::import(const DerivedBatch& derived, const Hash& l1_tx) {
    const rollup::Batch& batch = derived.batch;
    for (std::size_t i = 0; i < batch.blocks.size(); ++i) {
        const rollup::BatchBlock& block = batch.blocks[i];
        const tx::BlockHeader head = node_.head();
        if (block.number <= head.number) {
            // Already derived (a restart re-reads L1, or a batch re-posted). Only the same
            // block may be skipped: same parent for the batch's first block, same timestamp
            // and transactions. A batch that rewrites a derived block is rejected whole.
            if (auto why = conflict_with_derived(batch, i)) {
                reject({derived.l1_block, l1_tx, "batch block " + std::to_string(block.number) + ": " + *why});
                return;
            }
            continue;
        }
        const Hash parent = i == 0 ? batch.parent_hash : node_.head_hash();
        auto imported = node_.import_block(parent, block.number, block.timestamp, block.transactions);
        if (!imported) {
            reject({derived.l1_block, l1_tx, "batch block " + std::to_string(block.number) + ": " + imported.error()});
            return;  // the rest of the batch cannot follow a rejected block
        }
    }
}

Status<std::string> Verifier::step() {
    auto head = l1_.head();
    if (!head) return fail("L1 head: " + head.error().message);
    auto derived = derive_inbox(l1_, deriver_, next_l1_block_, head->number,
                                {[&](const DerivedBatch& b, const Hash& l1_tx) { import(b, l1_tx); },
                                 [&](DerivationRejection&& r) { reject(std::move(r)); }});
    if (!derived) return derived;
    const std::uint64_t derived_head = node_.head().number;
    node_.update_rollup_status([&](RollupStatus& s) {
        s.l1_enabled = true;
        s.l1_reachable = true;
        s.head_l1 = *head;
        s.safe_l2 = derived_head;  // everything derived came from L1
    });

    // Check each proposal once its block is derived; proposals are in index order with
    // increasing L2 blocks, so stop at the first that is not derivable yet.
    std::size_t matched = 0;
    std::uint64_t last_matched = 0;
    while (true) {
        auto page = l1_.outputs(next_output_, kOutputsPerRequest);
        if (!page) return fail("L1 outputs: " + page.error().message);
        std::size_t used = 0;
        for (const l1::OutputProposal& p : *page) {
            if (p.l2_block > derived_head) break;
            OutputCheck c;
            c.index = p.index;
            c.l2_block = p.l2_block;
            c.posted = p.output_root;
            c.derived = output_root_at(node_, p.l2_block).value_or(Hash{});
            c.matches = c.derived == c.posted;
            if (c.matches) {
                ++matched;
                last_matched = c.l2_block;
            } else {
                logging::error(kLog, "output " + std::to_string(c.index) + " (L2 block " + std::to_string(c.l2_block) +
                                         ") DOES NOT MATCH: posted " + to_hex(c.posted.view()) + ", derived " +
                                         to_hex(c.derived.view()));
            }
            if (on_check) on_check(c);
            checks_.push_back(c);
            next_output_ = p.index + 1;
            ++used;
        }
        if (used < kOutputsPerRequest || page->size() < kOutputsPerRequest) break;
    }
    if (matched > 0) {
        logging::info(kLog, std::to_string(matched) + " more output root(s) match, up to L2 block " +
                                std::to_string(last_matched) + " (derived head " + std::to_string(derived_head) + ")");
    }
    return {};
}

}  // namespace optimist::sequencer
