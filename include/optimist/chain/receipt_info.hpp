// What an RPC receipt (eth_getTransactionReceipt, eth_getLogs) needs beyond the stored
// receipt: the transaction's own gas and the block-wide index of its first log.
#pragma once

#include <optimist/tx/receipt.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace optimist::chain {

struct ReceiptInfo {
    // cumulative_gas_used minus that of the previous receipt (the first: its cumulative).
    std::uint64_t gas_used = 0;
    // Log indexes are numbered across the whole block: this receipt's logs are
    // first_log_index, first_log_index + 1, ...
    std::uint64_t first_log_index = 0;
    friend bool operator==(const ReceiptInfo&, const ReceiptInfo&) = default;
};

// result[i] belongs to receipts[i] (one block's receipts, in order). A cumulative gas that
// decreases (only in corrupt data) gives gas_used 0 rather than a wrapped-around value.
[[nodiscard]] std::vector<ReceiptInfo> receipt_infos(std::span<const tx::Receipt> receipts);

}  // namespace optimist::chain
