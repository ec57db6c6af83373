// What decides an L2 block apart from its parent: the chain's rules and what the L1's batch
// data carries for it (number, timestamp, transactions). The dispute game's referee derives
// these from L1 data; the step machine never takes them from a party's witness.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstdint>
#include <vector>

namespace optimist::proof {

struct ChainRules {
    std::uint64_t chain_id = 901;
    std::uint64_t gas_limit = 30'000'000;
    Address fee_recipient;
};

struct BlockInputs {
    std::uint64_t number = 0;
    std::uint64_t timestamp = 0;
    std::vector<tx::Transaction> txs;  // senders recovered
};

// log2 of the level-3 range of a transaction with this gas limit: every step but a frame's
// halt and exit costs gas, frames cost at least 100 gas each, and each commit step writes an
// entry some gas paid for, so 4 * gas_limit + 64 steps bound every trace.
[[nodiscard]] unsigned step_bits(std::uint64_t gas_limit) noexcept;

}  // namespace optimist::proof
