// The Ethereum JSON-RPC methods of the sequencer (eth_*, net_*, web3_*, debug_traceTransaction,
// optimist_*), registered on an rpc::Dispatcher and answered from a Node.
#pragma once

#include <cstddef>
#include <cstdint>

namespace optimist::rpc {
class Dispatcher;
}

namespace optimist::sequencer {

class Node;

struct EthApiOptions {
    // Most blocks one eth_getLogs may scan, and most logs it may return.
    std::uint64_t max_logs_range = 10'000;
    std::size_t max_logs = 10'000;
    // Gas of eth_call and eth_estimateGas when the request names none, and their ceiling
    // (geth's --rpc.gascap).
    std::uint64_t gas_cap = 50'000'000;
    // Steps debug_traceTransaction records before it refuses (the trace is built in memory).
    std::size_t max_trace_steps = 1'000'000;
    // Most blocks eth_feeHistory reports.
    std::uint64_t max_fee_history = 1024;
    // eth_maxPriorityFeePerGas: the tip suggested to wallets (the devnet has no contention).
    std::uint64_t suggested_tip = 1'000'000;  // 0.001 gwei
};

// Registers every method. `node` must outlive the dispatcher's use.
void register_eth_api(rpc::Dispatcher& dispatcher, Node& node, const EthApiOptions& options = {});

}  // namespace optimist::sequencer
