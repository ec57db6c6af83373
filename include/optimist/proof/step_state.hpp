// The fraud-proof step machine's committed state (DESIGN decision 1; docs/protocol.md, "Step
// commitments").
//
// A block's execution is a sequence of steps, each moving a StepState to the next:
//   block   between transactions: the block's context, the state root, the gas and receipts
//           so far, how many transactions are done;
//   evm     inside transaction `tx_index`: the pre-transaction state root R0, the call frames
//           (a hash chain of frame commitments) and the substate (the dirty maps over R0,
//           logs, refund counter);
//   done    the transaction's message finished (status, gas left); the next step settles
//           refund, fees and the receipt;
//   commit  the dirty world entries are being written into the trie, one per step, leftmost
//           first; when none is left the state is `block` again with tx_index + 1.
// Transaction setup (validation, gas purchase, nonce, warm-up, the top-level message) is the
// step from `block` to `evm` (or straight to `done`, or past an invalid transaction).
//
// A StepState's commitment is keccak256 of its canonical encoding. Everything it does not
// hold inline it holds as a commitment a step opens only as far as it reads: frames by hash
// chain, a frame's stack by hash chain, memory and the dirty maps by sparse Merkle trees.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/log.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/proof/sparse_merkle.hpp>

#include <cstdint>
#include <span>
#include <string>

namespace optimist::proof {

inline constexpr std::uint8_t kCommitmentVersion = 1;

// ---- stack, memory, logs: the parts of a frame or substate a step opens piecewise ----------

// chain(base, [x0, x1, ...]) = keccak(... keccak(keccak(base || x0) || x1) ...): the stack's
// commitment is the chain over its items bottom first from a zero base, so a step that reads
// the top k items needs only those and the chain value below them.
[[nodiscard]] Hash stack_chain(const Hash& base, std::span<const Uint256> items);

inline constexpr unsigned kMemoryDepth = 32;  // 2^32 words: more than any gas limit reaches
[[nodiscard]] Path memory_path(std::uint64_t word_index) noexcept;
// keccak256 of the word, or zero for a zero word (so untouched memory costs nothing).
[[nodiscard]] Hash memory_leaf(const std::uint8_t* word32) noexcept;
// The tree over `memory` (a multiple of 32 bytes).
[[nodiscard]] SparseMerkleTree memory_tree(ByteView memory);
[[nodiscard]] Hash memory_root(ByteView memory);

[[nodiscard]] Hash log_hash(const Log& log);
[[nodiscard]] Hash logs_chain(const Hash& base, std::span<const Log> logs);

// ---- the substate ----------------------------------------------------------------------------

// The part of the substate a frame failure restores: committed at each frame's entry.
struct SubstateCommitment {
    Hash world_root;  // dirty accounts and storage slots (kSubstateDepth tree)
    Hash tx_root;     // warm accounts, warm slots, transient storage (dropped at settle)
    Hash logs;        // logs_chain over the logs so far
    std::uint64_t log_count = 0;
    std::int64_t refund = 0;

    [[nodiscard]] Hash hash() const;
    friend bool operator==(const SubstateCommitment&, const SubstateCommitment&) = default;
};

// ---- frames --------------------------------------------------------------------------------

struct FrameCommitment {
    std::uint8_t kind = 0;  // evm::CallKind
    bool is_static = false;
    std::uint32_t depth = 0;
    Address caller;
    Address address;
    Address code_address;
    Uint256 value;
    Hash code_hash;   // keccak256 of the code this frame runs (init code for creations)
    Hash input_hash;  // keccak256 of the call data
    std::uint64_t input_size = 0;
    std::uint32_t pc = 0;
    std::int64_t gas = 0;
    std::uint32_t stack_size = 0;
    Hash stack;  // stack_chain over the live stack
    std::uint64_t memory_size = 0;
    Hash memory;  // memory_root
    Hash return_data_hash;
    std::uint64_t return_data_size = 0;
    Hash entry_substate;  // SubstateCommitment::hash() when the frame was entered
    std::uint64_t ret_offset = 0;
    std::uint64_t ret_size = 0;
    bool halted = false;
    std::uint8_t status = 0;  // evm::StatusCode, when halted
    Hash output_hash;
    std::uint64_t output_size = 0;

    [[nodiscard]] Hash hash() const;
    void encode(Bytes& out) const;
    friend bool operator==(const FrameCommitment&, const FrameCommitment&) = default;
};
[[nodiscard]] Result<FrameCommitment, std::string> decode_frame(ByteView in, std::size_t& pos);

// chain over frame hashes, outermost first.
[[nodiscard]] Hash frames_chain(const Hash& base, std::span<const Hash> frame_hashes);

// ---- the step state --------------------------------------------------------------------------

enum class Phase : std::uint8_t { block = 1, evm = 2, done = 3, commit = 4 };

struct StepState {
    Phase phase = Phase::block;
    Hash context;              // keccak256 of the block's header template (tx::encode_header)
    std::uint64_t tx_index = 0;  // block: transactions done; otherwise: the one executing
    // block: the current root; evm/done: the pre-transaction root R0; commit: the root
    // being updated.
    Hash state_root;
    // Accumulators over the transactions before this one (block, evm, done) or including it
    // (commit).
    std::uint64_t gas_used = 0;
    Hash receipts;  // chain over keccak256(encode_receipt(r)) of each receipt
    // evm: the frames and the live substate.
    Hash frames;  // frames_chain over every live frame
    std::uint32_t frame_count = 0;
    SubstateCommitment substate;
    // done: the top-level message's outcome.
    std::uint8_t status = 0;
    std::int64_t gas_left = 0;
    // commit: the dirty world entries not yet written.
    Hash pending_world;

    [[nodiscard]] Bytes encode() const;
    [[nodiscard]] Hash commitment() const;
    friend bool operator==(const StepState&, const StepState&) = default;
};
[[nodiscard]] Result<StepState, std::string> decode_step_state(ByteView in);

[[nodiscard]] Hash receipts_chain_add(const Hash& chain, ByteView encoded_receipt);

}  // namespace optimist::proof
