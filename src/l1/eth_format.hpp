// Ethereum JSON shapes of the stub's blocks, transactions and receipts (as geth writes them),
// so ethers.js, viem and cast can read the L1 like any other chain.
#pragma once

#include <optimist/l1/l1_stub.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>

namespace optimist::l1 {

// `full_txs`: transaction objects instead of hashes (read from `stub`).
[[nodiscard]] nlohmann::json format_block(const L1Stub& stub, const L1Block& block, bool full_txs);
[[nodiscard]] nlohmann::json format_transaction(const L1Transaction& t, const Uint256& base_fee);
// `cumulative_gas`: gas used by the block up to and including this transaction.
[[nodiscard]] nlohmann::json format_receipt(const L1Transaction& t, const Uint256& base_fee,
                                            std::uint64_t cumulative_gas);

}  // namespace optimist::l1
