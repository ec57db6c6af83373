// The referee: inbox derivation for disputed blocks, and one-step proof checks.
#include <optimist/fault/referee.hpp>
#include <optimist/proof/one_step.hpp>
#include <optimist/sequencer/derivation.hpp>
#include <optimist/tx/signing.hpp>

namespace optimist::fault {

Referee::Referee(proof::ChainRules rules, const Address& batcher, std::shared_ptr<const l1::InboxReader> inbox)
    : rules_(rules), batcher_(batcher), inbox_(std::move(inbox)),
      deriver_(std::make_unique<sequencer::Deriver>(batcher)) {}

Referee::~Referee() = default;

void Referee::derive_to(std::uint64_t l1_block) const {
    if (l1_block < next_l1_block_) return;
    auto entries = inbox_->batches(next_l1_block_, l1_block);
    if (!entries) return;  // unavailable: retried on the next call
    auto take = [this](const sequencer::DerivedBatch& b) {
        // A batch that rewrites an already derived block is ignored whole (as the verifier).
        for (const auto& block : b.batch.blocks) {
            if (blocks_.contains(block.number)) return;
        }
        std::map<std::uint64_t, proof::BlockInputs> fresh;
        for (const auto& block : b.batch.blocks) {
            proof::BlockInputs in;
            in.number = block.number;
            in.timestamp = block.timestamp;
            for (tx::Transaction t : block.transactions) {
                auto sender = tx::recover_sender(t);
                if (!sender) return;  // undecodable senders make the batch invalid
                t.sender = *sender;
                in.txs.push_back(std::move(t));
            }
            fresh.emplace(block.number, std::move(in));
        }
        blocks_.merge(fresh);
    };
    for (const l1::InboxEntry& e : *entries) {
        for (const auto& b : deriver_->add(e).batches) take(b);
    }
    (void)deriver_->advance_to(l1_block);
    next_l1_block_ = l1_block + 1;
}

std::optional<proof::BlockInputs> Referee::inputs(std::uint64_t l2_block, std::uint64_t l1_block) const {
    const std::lock_guard lock(mutex_);
    derive_to(l1_block);
    auto it = blocks_.find(l2_block);
    if (it == blocks_.end()) return std::nullopt;
    return it->second;
}

std::optional<std::uint64_t> Referee::big_steps(std::uint64_t l2_block, std::uint64_t l1_block) const {
    auto in = inputs(l2_block, l1_block);
    if (!in) return std::nullopt;
    return in->txs.size() + 2;
}

bool Referee::is_transaction_step(std::uint64_t l2_block, std::uint64_t big_step) const {
    const std::lock_guard lock(mutex_);
    auto it = blocks_.find(l2_block);
    return it != blocks_.end() && big_step >= 1 && big_step <= it->second.txs.size();
}

unsigned Referee::step_bits(std::uint64_t l2_block, std::uint64_t big_step, std::uint64_t l1_block) const {
    auto in = inputs(l2_block, l1_block);
    if (!in || big_step < 1 || big_step > in->txs.size()) return 0;
    return proof::step_bits(in->txs[big_step - 1].gas_limit);
}

Result<Hash, std::string> Referee::verify_step(const l1::StepPosition& at, const Hash& pre, ByteView proof_bytes,
                                               std::uint64_t l1_block) const {
    auto in = inputs(at.l2_block, l1_block);
    if (!in) return fail("L2 block " + std::to_string(at.l2_block) + " is not derivable from the L1 data");
    auto proof = proof::decode_step_proof(proof_bytes);
    if (!proof) return fail(proof.error());
    const std::uint64_t n = in->txs.size();
    if (proof->l2_block != at.l2_block) return fail(std::string("the proof is for another block"));
    if (at.step) {
        if (proof->kind != proof::StepKind::transaction || proof->tx_index + 1 != at.big_step)
            return fail(std::string("the proof is not for the disputed transaction"));
    } else if (at.big_step == 0) {
        if (proof->kind != proof::StepKind::block_setup) return fail(std::string("the leaf is the block setup"));
    } else if (at.big_step == n + 1) {
        if (proof->kind != proof::StepKind::block_finalize) return fail(std::string("the leaf is the block finalization"));
    } else {
        return fail(std::string("a transaction's big step is decided at level 3"));
    }
    auto post = proof::verify_step(rules_, *in, pre, *proof);
    if (!post) return fail(post.error().message);
    return *post;
}

}  // namespace optimist::fault
