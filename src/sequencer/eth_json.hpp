// The JSON shapes of Ethereum's execution API (blocks, transactions, receipts, logs), as
// geth and anvil return them, so client libraries parse them unchanged. Internal to the
// sequencer module's RPC handlers.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/rpc/params.hpp>
#include <optimist/tx/block.hpp>
#include <optimist/tx/receipt.hpp>
#include <optimist/tx/transaction.hpp>

#include <nlohmann/json.hpp>

#include <cstdint>
#include <optional>
#include <span>

namespace optimist::sequencer::eth_json {

using nlohmann::json;

// The JSON-RPC encodings of rpc/params.hpp, under the short names the formatters use.
[[nodiscard]] inline std::string quantity(std::uint64_t v) { return rpc::format_quantity(v); }
[[nodiscard]] inline std::string quantity(const Uint256& v) { return rpc::format_quantity(v); }
[[nodiscard]] inline std::string hex_data(ByteView v) { return rpc::format_data(v); }

// Where a transaction sits; absent for pending transactions.
struct TxPosition {
    Hash block_hash;
    std::uint64_t block_number = 0;
    std::uint32_t index = 0;
    Uint256 base_fee;  // of its block: sets the effective gas price
};

// The price per gas the transaction pays in a block with this base fee (EIP-1559).
[[nodiscard]] Uint256 effective_gas_price(const tx::Transaction& t, const Uint256& base_fee);

[[nodiscard]] json transaction(const tx::Transaction& t, const Hash& hash, const std::optional<TxPosition>& at);

// `transactions`: hashes only, or full objects when `full`.
[[nodiscard]] json block(const tx::BlockHeader& h, const Hash& hash, std::span<const tx::Transaction> transactions,
                         std::span<const Hash> tx_hashes, bool full, std::size_t encoded_size);

struct LogPosition {
    Hash block_hash;
    std::uint64_t block_number = 0;
    Hash tx_hash;
    std::uint32_t tx_index = 0;
    std::uint32_t log_index = 0;  // within the block
};

[[nodiscard]] json log(const Log& l, const LogPosition& at);

// `gas_used`: this transaction's gas (the difference of cumulative gas); `first_log_index`:
// the block-wide index of its first log.
[[nodiscard]] json receipt(const tx::Receipt& r, const tx::Transaction& t, const Hash& tx_hash, const TxPosition& at,
                           std::uint64_t gas_used, std::uint32_t first_log_index);

}  // namespace optimist::sequencer::eth_json
