// Referee: the L1's judge in dispute games (l1::DisputeReferee), built on the step machine.
//
// It derives each disputed L2 block's inputs (number, timestamp, transactions) from the L1's
// own inbox with the same Deriver the verifier uses, so no party can choose them, and checks
// one-step proofs with proof::verify_step.
//
// Derivation limits (docs/protocol.md): a later batch that rewrites a derived block is
// ignored whole, as the verifier does; the parent-hash link of a batch is not checked here
// (it needs execution), which only matters for batches the verifier rejects.
//
// Thread safety: every method may be called from any thread (an internal mutex guards the
// derivation cache).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/l1/dispute_referee.hpp>
#include <optimist/l1/inbox_reader.hpp>
#include <optimist/proof/block_inputs.hpp>

#include <map>
#include <memory>
#include <mutex>
#include <optional>

namespace optimist::sequencer {
class Deriver;
}

namespace optimist::fault {

class Referee final : public l1::DisputeReferee {
public:
    Referee(proof::ChainRules rules, const Address& batcher, std::shared_ptr<const l1::InboxReader> inbox);
    ~Referee() override;

    [[nodiscard]] std::optional<std::uint64_t> big_steps(std::uint64_t l2_block, std::uint64_t l1_block) const override;
    [[nodiscard]] bool is_transaction_step(std::uint64_t l2_block, std::uint64_t big_step) const override;
    [[nodiscard]] unsigned step_bits(std::uint64_t l2_block, std::uint64_t big_step, std::uint64_t l1_block) const override;
    [[nodiscard]] Result<Hash, std::string> verify_step(const l1::StepPosition& at, const Hash& pre, ByteView proof,
                                                        std::uint64_t l1_block) const override;

    // Block `l2_block`'s inputs as the inbox up to `l1_block` derives them.
    [[nodiscard]] std::optional<proof::BlockInputs> inputs(std::uint64_t l2_block, std::uint64_t l1_block) const;

private:
    void derive_to(std::uint64_t l1_block) const;

    proof::ChainRules rules_;
    Address batcher_;
    std::shared_ptr<const l1::InboxReader> inbox_;
    mutable std::mutex mutex_;
    mutable std::unique_ptr<sequencer::Deriver> deriver_;
    mutable std::uint64_t next_l1_block_ = 0;
    mutable std::map<std::uint64_t, proof::BlockInputs> blocks_;
};

}  // namespace optimist::fault
