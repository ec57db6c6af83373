// Where the node's blocks stand on L1, as the batcher and proposer last saw it: the L1
// head, the newest L2 block whose batch is mined on L1 (safe), the newest whose output root
// has passed the challenge window (finalized), and the proposals of this node's proposer.
// Blocks above safe are unsafe: sequenced, not yet on L1 (op-node's terms).
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/l1/types.hpp>

#include <cstdint>
#include <map>

namespace optimist::sequencer {

struct ProposalRef {
    std::uint64_t index = 0;  // in the L1 output oracle
    std::uint64_t l1_block = 0;
    Hash output_root;
    l1::OutputStatus status = l1::OutputStatus::proposed;
};

struct RollupStatus {
    bool l1_enabled = false;  // an L1 is configured (the batcher and proposer run)
    bool l1_reachable = false;
    l1::L1Head head_l1;
    std::uint64_t safe_l2 = 0;
    std::uint64_t finalized_l2 = 0;
    std::uint64_t posted_l2 = 0;    // sent to the inbox, possibly not mined yet
    std::uint64_t proposed_l2 = 0;  // newest L2 block with a proposal
    std::map<std::uint64_t, ProposalRef> proposals;  // by L2 block
};

}  // namespace optimist::sequencer
