#include "eth_api_context.hpp"

#include <optimist/rpc/dispatcher.hpp>

#include <algorithm>
#include <memory>

namespace optimist::sequencer {
namespace eth_api {

std::optional<std::uint64_t> Context::resolve(const rpc::BlockId& id) const {
    using K = rpc::BlockId::Kind;
    switch (id.kind) {
        case K::latest:
        case K::pending: return node.head().number;
        case K::earliest: return 0;
        case K::safe: return std::min(node.rollup_status().safe_l2, node.head().number);
        case K::finalized: return std::min(node.rollup_status().finalized_l2, node.head().number);
        case K::number:
            if (id.number > node.head().number) return std::nullopt;
            return id.number;
        case K::hash: {
            auto header = node.chain().header_by_hash(id.hash);
            if (!header) return std::nullopt;
            // Only canonical blocks are stored (no reorgs on a single sequencer), so a stored
            // hash is canonical whether or not requireCanonical was asked for.
            return header->number;
        }
    }
    return std::nullopt;
}

Result<void, RpcError> Context::with_state(const rpc::BlockId& id, const Node::StateFn& fn) const {
    const auto number = resolve(id);
    if (!number) return fail(RpcError::server("header not found"));
    const bool head = id.kind == rpc::BlockId::Kind::latest || id.kind == rpc::BlockId::Kind::pending;
    if (auto s = node.with_state(head ? std::nullopt : number, fn); !s) return fail(RpcError::server("header not found"));
    return {};
}

Result<rpc::BlockId, RpcError> block_id_arg(const json& params, std::size_t index) {
    auto id = rpc::optional_arg<rpc::BlockId>(params, index, rpc::parse_block_id);
    if (!id) return fail(id.error());
    return id->value_or(rpc::BlockId::tag(rpc::BlockId::Kind::latest));
}

}  // namespace eth_api

void register_eth_api(rpc::Dispatcher& dispatcher, Node& node, const EthApiOptions& options) {
    const auto ctx = std::make_shared<const eth_api::Context>(eth_api::Context{node, options});
    eth_api::register_chain_methods(dispatcher, ctx);
    eth_api::register_state_methods(dispatcher, ctx);
    eth_api::register_call_methods(dispatcher, ctx);
    eth_api::register_log_methods(dispatcher, ctx);
}

}  // namespace optimist::sequencer
