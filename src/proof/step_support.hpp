// Pieces shared by the one-step verifier and the prover: the context of a transaction step,
// step states from a running machine, the partial machine a proof opens, and writing one
// dirty entry into the state trie.
#pragma once

#include "witnessed_substate.hpp"

#include <optimist/evm/machine.hpp>
#include <optimist/proof/one_step.hpp>
#include <optimist/proof/world.hpp>
#include <optimist/state/state_view.hpp>
#include <optimist/trie/node_store.hpp>
#include <optimist/tx/block.hpp>

#include <map>
#include <optional>
#include <set>

namespace optimist::proof {

struct StepContext {
    const tx::Transaction* tx = nullptr;
    evm::BlockContext block;
    evm::TxContext tx_context;
    World world;  // the pre-transaction state's nodes and code
    std::map<std::uint64_t, Hash> ancestors;  // block number -> hash, for BLOCKHASH
};

namespace detail {

// The step state of a transaction whose machine and view are complete (the prover's, or the
// verifier's right after transaction setup): every frame's commitment from its full data and
// its entry substate from the view reverted to the frame's snapshot.
// `entry_cache`, when given, holds each live frame's entry substate hash once computed (a
// frame's entry substate never changes while it lives); the caller keeps it aligned with the
// frames (push on entry, pop on exit).
[[nodiscard]] Result<StepState, StepError> machine_state(const StepState& base, const evm::Machine& machine,
                                                         const state::StateView& view, const state::StateReader& reader,
                                                         std::vector<FrameCommitment>* frames_out,
                                                         std::vector<std::optional<Hash>>* entry_cache = nullptr);

// What a proof opens of an evm-phase state, as a machine image whose unrevealed parts are zero.
struct PartialFrame {
    FrameCommitment committed;
    Hash stack_base;               // chain below the revealed items
    std::uint32_t window = 0;      // index of the first revealed stack item
    std::optional<PartialMerkleTree> memory;
    std::set<std::uint64_t> words;  // revealed memory words
    bool input_revealed = false;
    bool return_data_revealed = false;
};
struct PartialMachine {
    evm::MachineImage image;
    std::vector<PartialFrame> frames;  // as image.frames
    Hash frames_base;
    std::uint8_t op = 0;     // the top frame's instruction (when not halted)
    bool exit = false;       // the top frame halted: this step pops it
};
[[nodiscard]] Result<PartialMachine, StepError> open_machine(const StepState& s, const StepProof& p);

// The substate entry an instruction reads besides accounts (whose reads the gated reader
// catches): the slot of SLOAD/SSTORE, the transient slot of TLOAD/TSTORE.
[[nodiscard]] std::optional<EntryKey> required_entry(const PartialMachine& pm);

// The step state after machine.step() on a partial machine.
[[nodiscard]] Result<StepState, StepError> machine_state_after(const StepState& s, const PartialMachine& pm,
                                                               const evm::Machine& machine,
                                                               const state::StateView& view,
                                                               const state::StateReader& reader,
                                                               const WitnessedSubstate& sub, const StepProof& p);

// Writes one dirty world entry into the state trie with root `root`, reading only the nodes
// it needs from `nodes`; new nodes go to `sink` when given. Returns the new root.
[[nodiscard]] Result<Hash, std::string> write_entry(const trie::NodeSource& nodes, const Hash& root,
                                                    const state::SubstateEntry& e, const trie::NodeSink* sink);

// Block number -> hash for the header's ancestors (parent first), checked as a hash chain.
[[nodiscard]] Result<std::map<std::uint64_t, Hash>, std::string> ancestor_hashes(const tx::BlockHeader& header,
                                                                                 const std::vector<Bytes>& ancestors);

}  // namespace detail
}  // namespace optimist::proof
