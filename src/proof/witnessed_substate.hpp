// The verifier's view of a substate: the entries a proof opens, checked against the dirty
// maps' roots, ready to preload into a fresh StateView; and after the step, the new roots
// from what the view then holds.
#pragma once

#include <optimist/proof/one_step.hpp>
#include <optimist/proof/substate_commitment.hpp>
#include <optimist/state/state_view.hpp>

#include <set>

namespace optimist::proof::detail {

class WitnessedSubstate {
public:
    // Checks every entry witness against `pre` (world entries against its world root, the
    // others against its transaction root).
    [[nodiscard]] Status<StepError> load(const std::vector<EntryWitness>& entries, const SubstateCommitment& pre);

    // The keys the proof opened: the gate of the pre-transaction reader.
    [[nodiscard]] const std::set<EntryKey>& listed() const noexcept { return listed_; }
    [[nodiscard]] bool lists(const EntryKey& k) const { return listed_.contains(k); }

    // The opened entries that are present, with `refund` and `logs`, for StateView::preload.
    [[nodiscard]] state::Substate preload(std::int64_t refund, std::vector<Log> logs) const;

    // The commitment after the step: `view` (preloaded by preload(), then stepped) holds the
    // new values of the opened entries; an entry it changed that the proof did not open is an
    // error naming it. Logs after the first `preloaded_logs` extend the chain of `pre`.
    [[nodiscard]] Result<SubstateCommitment, StepError> commit(const state::StateView& view,
                                                               const SubstateCommitment& pre,
                                                               std::size_t preloaded_logs);

private:
    std::optional<PartialMerkleTree> world_;
    std::optional<PartialMerkleTree> tx_;
    std::set<EntryKey> listed_;
    std::vector<state::SubstateEntry> present_;
};

}  // namespace optimist::proof::detail
