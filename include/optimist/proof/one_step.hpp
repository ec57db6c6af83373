// One-step proofs: the witness of a single step and its verifier (DESIGN "The dispute game";
// docs/protocol.md, "One-step proofs").
//
// The witness opens the agreed pre-step state only as far as the step reads it: the revealed
// frames against the frames chain, the top stack items against the stack chain, memory words
// against the memory root, substate entries (or their absence) against the dirty maps, and
// accounts and slots of the pre-transaction state through MPT nodes. The verifier rebuilds a
// partial machine from it, runs exactly one step with the interpreter the sequencer runs
// (DESIGN decision 1), and computes the post-step commitment. Anything the step touches that
// the witness did not open makes verification fail; the witness can never change the result.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/log.hpp>
#include <optimist/core/result.hpp>
#include <optimist/proof/block_inputs.hpp>
#include <optimist/proof/sparse_merkle.hpp>
#include <optimist/proof/step_state.hpp>
#include <optimist/proof/world.hpp>
#include <optimist/state/substate.hpp>

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace optimist::proof {

inline constexpr std::uint8_t kStepProofVersion = 1;

// What a proof is about.
enum class StepKind : std::uint8_t {
    block_setup = 1,     // output root of b - 1 -> block state before transaction 0
    block_finalize = 2,  // block state after the last transaction -> output root of b
    transaction = 3,     // one step inside transaction tx_index (level 3)
};

struct MemoryWitness {
    std::uint8_t frame = 0;  // 0: the top frame; 1: its parent (frame exit)
    std::uint64_t word = 0;
    Hash value;  // the 32-byte word
    SmtProof proof;
};

struct EntryWitness {
    EntryKey key;
    std::optional<state::SubstateEntry> entry;  // nullopt: proven absent
    SmtProof proof;                             // against the world or transaction map
};

struct StepProof {
    StepKind kind = StepKind::transaction;
    std::uint64_t l2_block = 0;
    std::uint64_t tx_index = 0;  // transaction: the one the level-3 game disputes

    Bytes pre_state;  // StepState::encode() (empty for block_setup)

    // block_setup: the output root's preimage and the parent header (its hash is in it).
    Hash parent_state_root;
    Hash parent_message_root;
    Bytes parent_header;

    // Every other kind: the block's header template (its hash is StepState::context), and
    // for BLOCKHASH the ancestors' headers, parent first.
    Bytes header;
    std::vector<Bytes> ancestors;

    // evm phase: the revealed frames (outermost first) over the chain value below them.
    Hash frames_base;
    std::vector<FrameCommitment> frames;
    Hash stack_base;              // the top frame's stack chain below the revealed items
    std::vector<Uint256> stack;   // the top frame's revealed items, bottom first
    std::vector<MemoryWitness> memory;
    std::vector<Bytes> frame_code;  // the code of each revealed frame
    std::optional<Bytes> input;        // the top frame's call data
    std::optional<Bytes> return_data;  // the top frame's return data
    std::optional<Bytes> output;       // the top frame's output, when it halted
    std::optional<SubstateCommitment> entry_substate;  // the top frame's, when it halted in failure

    // The substate entries the step reads or writes, the pre-transaction trie nodes and code
    // it reads, the transaction's logs (settle) and the block's receipts (block_finalize).
    std::vector<EntryWitness> entries;
    std::vector<Log> logs;
    std::vector<Bytes> receipts;
    std::vector<Bytes> nodes;
    std::vector<Bytes> codes;
    // commit phase: the entry being written (the leftmost of the pending world map).
    std::optional<state::SubstateEntry> commit_entry;
    SmtProof commit_proof;
};

[[nodiscard]] Bytes encode_step_proof(const StepProof& p);
// Takes untrusted bytes: bounded sizes, canonical, never throws.
[[nodiscard]] Result<StepProof, std::string> decode_step_proof(ByteView in);

// Why verification failed. `missing` names a substate entry the step needed that the proof
// does not open (the prover adds it and tries again).
struct StepError {
    std::string message;
    std::optional<EntryKey> missing;
};

// Verifies `proof` for the step after `pre` (a step state commitment, or for block_setup the
// parent's output root) and returns the commitment after it (a step state commitment, or for
// block_finalize the block's output root). `inputs` are block l2_block's inputs from L1 data.
// `world`, when given, replaces the proof's nodes and code as the source of the
// pre-transaction state (the prover verifies against its full store to discover the witness).
[[nodiscard]] Result<Hash, StepError> verify_step(const ChainRules& rules, const BlockInputs& inputs,
                                                  const Hash& pre, const StepProof& proof,
                                                  const World* world = nullptr);

}  // namespace optimist::proof
