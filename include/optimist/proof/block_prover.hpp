// BlockProver: the prover's side of the step machine for one L2 block. It executes the block
// step by step over the full pre-state, gives the commitment at any position of the dispute
// game's levels 2 and 3, and builds one-step proofs (checked against the verifier before
// they are returned).
//
// Level 2 (big steps): position 0 is the parent's output root, 1 .. n + 1 the block states
// before transaction 0 .. after transaction n - 1, n + 2 the block's output root.
// Level 3 (steps of transaction i, big step i + 1): position 0 is the block state before it,
// each step moves one step; once the transaction is done the state stays put.
//
// A Fault, when set, makes the prover compute a wrong trace on purpose (the dishonest side
// of the fault-injection tests): the fault changes the state the step after `at` produces,
// and everything after it follows from the changed state.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/proof/block_inputs.hpp>
#include <optimist/proof/one_step.hpp>
#include <optimist/proof/step_state.hpp>
#include <optimist/proof/world.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/receipt.hpp>

#include <cstdint>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace optimist::proof {

// Deliberate divergences (issue 7, fault injection). Each names a transaction of the block
// and changes one thing; see fault.cpp for exactly what.
enum class FaultKind : std::uint8_t {
    none,
    transfer_balance,  // the recipient of the transaction's value gets one wei more
    storage_value,     // the first SSTORE stores its value plus one
    arithmetic,        // the first ADD/SUB/MUL result is off by one
    gas,               // one step charges one more gas
    skip_transaction,  // the transaction is left out
    swap_transactions, // the transaction and the next one run in swapped order
    wrong_log,         // the first log's data gets an extra byte
    wrong_refund,      // the settled refund is one gas larger
    create_address,    // a created contract lands at another address
    empty_block_root,  // an empty block's output root is wrong
};
[[nodiscard]] std::string_view to_string(FaultKind k) noexcept;
[[nodiscard]] std::optional<FaultKind> parse_fault_kind(std::string_view name) noexcept;

struct Fault {
    FaultKind kind = FaultKind::none;
    std::uint64_t tx_index = 0;
};

class BlockProver {
public:
    // `parent` is block inputs.number - 1's header; `ancestors` its own ancestors' headers as
    // RLP, parent's parent first (up to 256, for BLOCKHASH; may be shorter). `world` serves
    // the nodes of the parent's state and code.
    static Result<std::unique_ptr<BlockProver>, std::string> create(ChainRules rules, BlockInputs inputs,
                                                                    tx::BlockHeader parent,
                                                                    std::vector<Bytes> ancestors, World world,
                                                                    Fault fault = {});
    ~BlockProver();
    BlockProver(const BlockProver&) = delete;
    BlockProver& operator=(const BlockProver&) = delete;

    [[nodiscard]] std::uint64_t big_steps() const noexcept;  // n + 2
    [[nodiscard]] Hash big_step_commitment(std::uint64_t j) const;
    [[nodiscard]] bool is_transaction_step(std::uint64_t j) const noexcept;
    [[nodiscard]] unsigned step_bits(std::uint64_t j) const;
    // Position k of big step j's level-3 range (j a transaction step).
    [[nodiscard]] Result<Hash, std::string> step_commitment(std::uint64_t j, std::uint64_t k);
    // How many steps transaction big step j takes until it stays put.
    [[nodiscard]] std::uint64_t step_count(std::uint64_t j) const;

    // The proof of the level-2 leaf j -> j + 1 (block setup or finalization), or of the
    // level-3 leaf k -> k + 1 of transaction big step j.
    [[nodiscard]] Result<StepProof, std::string> prove_big_step(std::uint64_t j);
    [[nodiscard]] Result<StepProof, std::string> prove_step(std::uint64_t j, std::uint64_t k);

    [[nodiscard]] const tx::BlockHeader& header() const noexcept;  // the sealed block
    [[nodiscard]] Hash output_root() const;
    [[nodiscard]] const std::vector<tx::Receipt>& receipts() const noexcept;
    // The nodes the block's execution created (so the next block's prover can read its state).
    [[nodiscard]] const MemoryWorld& created() const noexcept;

    [[nodiscard]] const ChainRules& rules() const noexcept;
    [[nodiscard]] const BlockInputs& inputs() const noexcept;

private:
    struct Impl;
    explicit BlockProver(std::unique_ptr<Impl> impl);
    std::unique_ptr<Impl> impl_;
};

}  // namespace optimist::proof
