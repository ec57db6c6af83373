// Opening and re-committing the dirty maps of a substate from a proof.
#include "witnessed_substate.hpp"

#include <algorithm>

namespace optimist::proof::detail {

namespace {

EntryKey key_of(const state::SubstateEntry& e) { return EntryKey{e.kind, e.address, e.key}; }

}  // namespace

Status<StepError> WitnessedSubstate::load(const std::vector<EntryWitness>& entries, const SubstateCommitment& pre) {
    world_.emplace(kSubstateDepth, pre.world_root);
    tx_.emplace(kSubstateDepth, pre.tx_root);
    for (const EntryWitness& w : entries) {
        if (w.entry && key_of(*w.entry) != w.key) return fail(StepError{"entry witness names another key", {}});
        if (!listed_.insert(w.key).second) return fail(StepError{"entry " + to_string(w.key) + " opened twice", {}});
        PartialMerkleTree& tree = in_world_map(w.key.kind) ? *world_ : *tx_;
        const Hash leaf = w.entry ? entry_leaf(*w.entry) : Hash{};
        if (auto s = tree.add(entry_path(w.key.kind, w.key.address, w.key.key), leaf, w.proof); !s)
            return fail(StepError{"entry " + to_string(w.key) + ": " + s.error(), {}});
        if (w.entry) present_.push_back(*w.entry);
    }
    std::sort(present_.begin(), present_.end(), [](const auto& a, const auto& b) { return key_less(a, b); });
    return {};
}

state::Substate WitnessedSubstate::preload(std::int64_t refund, std::vector<Log> logs) const {
    state::Substate s;
    s.entries = present_;
    s.refund = refund;
    s.logs = std::move(logs);
    return s;
}

Result<SubstateCommitment, StepError> WitnessedSubstate::commit(const state::StateView& view,
                                                                const SubstateCommitment& pre,
                                                                std::size_t preloaded_logs) {
    const state::Substate post = view.substate();
    std::set<EntryKey> seen;
    for (const state::SubstateEntry& e : post.entries) {
        const EntryKey k = key_of(e);
        seen.insert(k);
        if (!listed_.contains(k)) return fail(StepError{"the step changes " + to_string(k) + ", which the proof does not open", k});
        PartialMerkleTree& tree = in_world_map(k.kind) ? *world_ : *tx_;
        const Path path = entry_path(e);
        const Hash leaf = entry_leaf(e);
        if (tree.get(path) != leaf) tree.set(path, leaf);
    }
    // Opened entries the view no longer holds are gone (e.g. a slot written back to its
    // base value).
    for (const EntryKey& k : listed_) {
        if (seen.contains(k)) continue;
        PartialMerkleTree& tree = in_world_map(k.kind) ? *world_ : *tx_;
        const Path path = entry_path(k.kind, k.address, k.key);
        if (!tree.get(path).is_zero()) tree.set(path, Hash{});
    }
    SubstateCommitment c;
    c.world_root = world_->root();
    c.tx_root = tx_->root();
    if (post.logs.size() < preloaded_logs) return fail(StepError{"the step removed logs", {}});
    c.logs = logs_chain(pre.logs, std::span<const Log>(post.logs).subspan(preloaded_logs));
    c.log_count = pre.log_count + (post.logs.size() - preloaded_logs);
    c.refund = post.refund;
    return c;
}

}  // namespace optimist::proof::detail
