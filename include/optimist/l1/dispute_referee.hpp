// DisputeReferee: what the L1's dispute games need from the proof system (issue 7).
//
// The game logic (bisection, clocks, bonds) lives in the l1 module; knowing how many steps a
// block or a transaction has and checking a one-step proof needs the EVM, the state trie and
// the rollup's derivation, which sit above the l1 module. The tool that runs the L1
// (optimist-l1, or a test holding an L1Stub) wires an implementation in, as it does the
// FinalizationGate.
//
// The game's three levels (docs/protocol.md, "Dispute game"):
//   1. blocks: positions are L2 block numbers; the commitment at block b is its output root;
//   2. big steps of the first disputed block b: position 0 is "before block b" (commitment:
//      output root of b - 1), position n + 2 is "after block b" (commitment: output root of
//      b), where n is the number of transactions the L1's own data derives for block b.
//      Big step 0 -> 1 is the block setup, j -> j + 1 for 1 <= j <= n executes transaction
//      j - 1, and n + 1 -> n + 2 is the block finalization;
//   3. steps of the disputed transaction: positions 0 .. 2^bits, where position 0 carries
//      the commitment at big step j and position 2^bits the one at big step j + 1; a
//      finished transaction steps to itself, so every trace fits the fixed range.
// A one-step proof is checked at a level-2 leaf that is not a transaction (block setup or
// finalization) or at a level-3 leaf.
//
// Implementations must be deterministic (DESIGN decision 4) and must not throw.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace optimist::l1 {

// Where a one-step proof applies.
struct StepPosition {
    std::uint64_t l2_block = 0;  // the disputed block b
    std::uint64_t big_step = 0;  // j: the level-2 leaf j -> j + 1
    // For a transaction's big step: the level-3 leaf step -> step + 1. Unset for block setup
    // and finalization.
    std::optional<std::uint64_t> step;
};

class DisputeReferee {
public:
    virtual ~DisputeReferee() = default;

    // n + 2 for block b, where n is the number of transactions the L1's inbox data derives for
    // it as of L1 block `l1_block`; nullopt when that data does not derive block b (a root for
    // a block that does not exist is wrong, and its asserter loses).
    [[nodiscard]] virtual std::optional<std::uint64_t> big_steps(std::uint64_t l2_block,
                                                                 std::uint64_t l1_block) const = 0;

    // True when big step j of block b executes a transaction (1 <= j <= n), i.e. the game
    // descends to level 3 there; then `step_bits` is the log2 of the level-3 range.
    [[nodiscard]] virtual bool is_transaction_step(std::uint64_t l2_block, std::uint64_t big_step) const = 0;
    [[nodiscard]] virtual unsigned step_bits(std::uint64_t l2_block, std::uint64_t big_step,
                                             std::uint64_t l1_block) const = 0;

    // Checks `proof` (a versioned one-step proof) against the agreed commitment `pre` at
    // `at` and returns the commitment one step later. An error means the proof itself is
    // invalid (malformed, does not open `pre`, lacks a witness the step reads); the game then
    // ignores the submission.
    [[nodiscard]] virtual Result<Hash, std::string> verify_step(const StepPosition& at, const Hash& pre,
                                                                ByteView proof, std::uint64_t l1_block) const = 0;
};

}  // namespace optimist::l1
