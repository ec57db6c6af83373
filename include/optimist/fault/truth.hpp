// Truth: what a party of a dispute game believes about the L2 chain, at every level of the
// game: output roots per block (level 1) and the step machine's commitments and proofs inside
// a block (levels 2 and 3).
//
// ChainTruth reads a node's own chain (the challenger's re-derived one, or the proposer's) and
// re-executes blocks with the step machine on demand. With a FaultPlan it is deliberately
// wrong at one block, consistently at every level (the dishonest side of the fault tests and
// of `optimist-sequencer --fault`).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/proof/block_prover.hpp>

#include <cstdint>
#include <map>
#include <memory>
#include <mutex>
#include <optional>
#include <string>

namespace optimist::sequencer {
class Node;
struct Genesis;
}

namespace optimist::fault {

class Truth {
public:
    virtual ~Truth() = default;
    // The output root of L2 block `l2_block`, or an error when the chain does not have it yet.
    [[nodiscard]] virtual Result<Hash, std::string> output_root(std::uint64_t l2_block) = 0;
    // The step machine over block `l2_block` (kept for later calls).
    [[nodiscard]] virtual Result<proof::BlockProver*, std::string> prover(std::uint64_t l2_block) = 0;
};

// A deliberate fault at one block.
struct FaultPlan {
    std::uint64_t l2_block = 0;
    proof::Fault fault;
};

class ChainTruth final : public Truth {
public:
    // `node` must outlive this object.
    explicit ChainTruth(const sequencer::Node& node, std::optional<FaultPlan> fault = std::nullopt);

    [[nodiscard]] Result<Hash, std::string> output_root(std::uint64_t l2_block) override;
    [[nodiscard]] Result<proof::BlockProver*, std::string> prover(std::uint64_t l2_block) override;

private:
    const sequencer::Node& node_;
    std::optional<FaultPlan> fault_;
    std::mutex mutex_;
    std::map<std::uint64_t, std::unique_ptr<proof::BlockProver>> provers_;
};

// The chain rules of a genesis, or of a node's (chain id, gas limit, fee recipient).
[[nodiscard]] proof::ChainRules chain_rules(const sequencer::Genesis& genesis);
[[nodiscard]] proof::ChainRules chain_rules(const sequencer::Node& node);

}  // namespace optimist::fault
