// The JSON-RPC methods optimist-l1 serves for an L1Stub: enough of the Ethereum API for
// wallets and tools to watch and use it (eth_chainId, net_version, eth_blockNumber,
// eth_getBlockByNumber, eth_getBalance, eth_getTransactionCount, eth_sendRawTransaction,
// eth_estimateGas (intrinsic gas: no code runs on the stub), eth_gasPrice,
// eth_getTransactionByHash, eth_getTransactionReceipt), plus optimist_l1Config,
// optimist_l1Batches, optimist_l1Outputs, optimist_l1Games, optimist_l1Game,
// optimist_l1Credit and optimist_l1Mine, which L1RpcClient uses.
// Formats and errors follow docs/rpc.md; the optimist_l1* shapes are in docs/l1.md.
#pragma once

#include <optimist/l1/l1_stub.hpp>
#include <optimist/rpc/dispatcher.hpp>

#include <cstdint>

namespace optimist::l1 {

// Most L1 blocks one optimist_l1Batches call may span, most proposals one
// optimist_l1Outputs call returns, and most games one optimist_l1Games call returns (each
// carries its move history).
inline constexpr std::uint64_t kMaxBatchesRange = 10'000;
inline constexpr std::uint64_t kMaxOutputsCount = 1'000;
inline constexpr std::uint64_t kMaxGamesCount = 100;

// Registers the methods on `dispatcher`. `stub` must outlive the dispatcher's use.
void register_l1_api(rpc::Dispatcher& dispatcher, L1Stub& stub);

}  // namespace optimist::l1
