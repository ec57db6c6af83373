// Per-transaction receipt fields derived from a block's receipts (receipt_info.hpp).
#include <optimist/chain/receipt_info.hpp>

namespace optimist::chain {

std::vector<ReceiptInfo> receipt_infos(std::span<const tx::Receipt> receipts) {
    std::vector<ReceiptInfo> out;
    out.reserve(receipts.size());
    std::uint64_t previous_cumulative = 0;
    std::uint64_t next_log_index = 0;
    for (const tx::Receipt& r : receipts) {
        const std::uint64_t cumulative = r.cumulative_gas_used;
        out.push_back(
            {cumulative >= previous_cumulative ? cumulative - previous_cumulative : 0, next_log_index});
        previous_cumulative = cumulative;
        next_log_index += r.logs.size();
    }
    return out;
}

}  // namespace optimist::chain
