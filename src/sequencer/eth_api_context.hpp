// Shared by the eth_api_*.cpp files: the handler context, block-id resolution and the
// small parsing helpers every handler uses. Internal to the sequencer module.
#pragma once

#include <optimist/chain/chain_store.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/error.hpp>
#include <optimist/rpc/params.hpp>
#include <optimist/sequencer/eth_api.hpp>
#include <optimist/sequencer/node.hpp>

#include <nlohmann/json.hpp>

#include <memory>
#include <optional>

namespace optimist::rpc {
class Dispatcher;
}

namespace optimist::sequencer::eth_api {

using nlohmann::json;
using rpc::HandlerResult;
using rpc::RpcError;

struct Context {
    Node& node;
    EthApiOptions options;

    // The number of the block `id` names, for reads of state and blocks. Tags: "latest" and
    // "pending" are the head ("pending" state reads see the head: pooled transactions are
    // not executed ahead); "earliest" is 0; "safe" is the newest block whose batch is mined
    // on L1 and "finalized" the newest whose output root passed the challenge window (genesis
    // when no L1 is configured).
    // nullopt when a numbered or hashed block does not exist.
    [[nodiscard]] std::optional<std::uint64_t> resolve(const rpc::BlockId& id) const;

    // Runs `fn` on the state after block `id`; -32000 "header not found" when absent.
    [[nodiscard]] Result<void, RpcError> with_state(const rpc::BlockId& id, const Node::StateFn& fn) const;
};

// Registration of each group of methods (eth_api_*.cpp).
// Handlers capture the shared context, which lives as long as the last of them.
using ContextPtr = std::shared_ptr<const Context>;
void register_chain_methods(rpc::Dispatcher& d, const ContextPtr& ctx);
void register_state_methods(rpc::Dispatcher& d, const ContextPtr& ctx);
void register_call_methods(rpc::Dispatcher& d, const ContextPtr& ctx);
void register_log_methods(rpc::Dispatcher& d, const ContextPtr& ctx);

// The block id argument at `index`, "latest" when omitted.
[[nodiscard]] Result<rpc::BlockId, RpcError> block_id_arg(const json& params, std::size_t index);

}  // namespace optimist::sequencer::eth_api
