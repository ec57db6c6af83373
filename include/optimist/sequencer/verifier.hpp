// Verifier: rebuilds the L2 chain from L1 data alone and checks every posted output root.
//
// It reads only the L1 (the batch inbox and the output oracle): derivation keeps the
// authorized batcher's entries, reassembles and decodes the batches, and its own Node
// (its own datadir, the same genesis) executes each block with Node::import_block. Each
// proposal whose L2 block has been derived is checked against the root computed locally.
// Malformed, truncated or unauthorized data is rejected with a reason and derivation goes on
// with the next entry; a block that does not continue the derived chain or fails to execute
// is rejected whole. This is the base the challenger builds on.
//
// Restart: the node resumes from its datadir; the L1 is read again from block 0 (the
// derivation is deterministic) and blocks already imported are skipped.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/sequencer/derivation.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace optimist::l1 {
class L1;
}

namespace optimist::sequencer {

class Node;

struct OutputCheck {
    std::uint64_t index = 0;  // in the oracle
    std::uint64_t l2_block = 0;
    Hash posted;   // the proposal's root
    Hash derived;  // the root of the derived block
    bool matches = false;
};

class Verifier {
public:
    // `node` is the verifier's own node; the authorized batcher comes from its genesis.
    Verifier(Node& node, l1::L1& l1);

    // Derives from the L1 up to its head and checks the proposals that became checkable.
    [[nodiscard]] Status<std::string> step();

    [[nodiscard]] const std::vector<OutputCheck>& checks() const noexcept { return checks_; }
    [[nodiscard]] const std::vector<DerivationRejection>& rejections() const noexcept { return rejections_; }
    [[nodiscard]] std::uint64_t l1_block() const noexcept { return next_l1_block_ == 0 ? 0 : next_l1_block_ - 1; }
    [[nodiscard]] std::size_t mismatches() const noexcept;

    // Called for every new check and rejection (logging, tests).
    std::function<void(const OutputCheck&)> on_check;
    std::function<void(const DerivationRejection&)> on_reject;

private:
    void import(const DerivedBatch& batch, const Hash& l1_tx);
    // Why block i of `batch`, at or below the derived head, is not the derived block of its
    // number; nullopt when it is the same block.
    [[nodiscard]] std::optional<std::string> conflict_with_derived(const rollup::Batch& batch, std::size_t i) const;
    void reject(DerivationRejection r);

    Node& node_;
    l1::L1& l1_;
    Deriver deriver_;
    std::uint64_t next_l1_block_ = 0;
    std::uint64_t next_output_ = 0;
    std::vector<OutputCheck> checks_;
    std::vector<DerivationRejection> rejections_;
};

}  // namespace optimist::sequencer
