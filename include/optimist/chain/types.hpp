// The values ChainStore hands out: a stored block and a transaction's location.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstdint>
#include <vector>

namespace optimist::chain {

// A block as stored: its transactions carry their senders (recorded at commit, so nothing is
// recovered again on read).
struct StoredBlock {
    tx::BlockHeader header;
    Hash hash;
    std::vector<tx::Transaction> transactions;
    friend bool operator==(const StoredBlock&, const StoredBlock&) = default;
};

// Where an included transaction is.
struct TxLocation {
    std::uint64_t block_number = 0;
    Hash block_hash;
    std::uint32_t index = 0;
    friend bool operator==(const TxLocation&, const TxLocation&) = default;
};

}  // namespace optimist::chain
