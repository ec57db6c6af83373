// TxRun: one transaction of a block executed step by step over the full pre-state, the
// prover's side of level 3. It holds the live machine and view, so it can give the
// commitment of its current state and the data a one-step proof opens.
#pragma once

#include "step_support.hpp"

#include <optimist/exec/apply_transaction.hpp>
#include <optimist/proof/block_prover.hpp>
#include <optimist/proof/substate_commitment.hpp>

#include <memory>
#include <vector>

namespace optimist::proof::detail {

class TxRun {
public:
    // `start` is the block state before the transaction (phase block, tx_index = the index).
    // New trie nodes and code of the commit steps go to `created`.
    // `ancestors` (header RLPs, parent first) go into proofs of BLOCKHASH steps.
    TxRun(const StepContext& ctx, const StepState& start, MemoryWorld& created, Fault fault,
          const std::vector<Bytes>* ancestors);

    [[nodiscard]] Phase phase() const noexcept { return state_.phase; }
    // The current state's full description (for the commitment and for proofs).
    [[nodiscard]] StepState snapshot_state();
    [[nodiscard]] bool finished() const noexcept;  // back in the block phase, next transaction
    // One step. Stays put once finished.
    [[nodiscard]] Status<std::string> step();
    [[nodiscard]] std::uint64_t steps_taken() const noexcept { return steps_; }
    // The receipt (after settle).
    [[nodiscard]] const std::optional<tx::Receipt>& receipt() const noexcept { return receipt_; }

    // Fills the parts of `proof` that open this state for its next step (all but the
    // substate entries, nodes and code, which proving discovers by verifying).
    [[nodiscard]] Status<std::string> open(StepProof& proof);
    // The entry witness for `key` against the current substate's maps.
    [[nodiscard]] EntryWitness entry_witness(const EntryKey& key);

private:
    void refresh_state();
    [[nodiscard]] Status<std::string> setup();
    [[nodiscard]] Status<std::string> settle();
    [[nodiscard]] Status<std::string> commit_one();
    void inject_after_step(std::uint8_t op);

    StepContext ctx_;
    StepState state_;
    MemoryWorld& created_;
    Fault fault_;
    const std::vector<Bytes>* ancestors_;
    bool fault_done_ = false;
    std::uint64_t steps_ = 0;
    bool dirty_ = false;  // state_ lags the machine: refresh before it is read

    std::unique_ptr<TrieStateReader> reader_;
    std::unique_ptr<state::StateView> view_;
    std::unique_ptr<evm::Machine> machine_;
    std::optional<exec::TxSetup> setup_;
    std::vector<FrameCommitment> frames_;  // of the current evm state
    std::vector<std::optional<Hash>> entry_cache_;  // each live frame's entry substate hash
    std::optional<SubstateTrees> trees_;  // of the current substate, for entry witnesses
    state::Substate substate_;
    std::vector<state::SubstateEntry> pending_;  // commit phase: sorted by path
    std::optional<tx::Receipt> receipt_;
};

}  // namespace optimist::proof::detail
