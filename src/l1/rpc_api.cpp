// The JSON-RPC methods of optimist-l1 (rpc_api.hpp).
#include "eth_format.hpp"
#include "game_json.hpp"
#include "l1_json.hpp"

#include <optimist/l1/rpc_api.hpp>
#include <optimist/rpc/error.hpp>
#include <optimist/rpc/params.hpp>
#include <optimist/tx/intrinsic_gas.hpp>

namespace optimist::l1 {
namespace {

using nlohmann::json;
using rpc::HandlerResult;
using rpc::RpcError;

RpcError to_rpc(const L1Error& e) {
    return e.kind == L1ErrorKind::rejected ? RpcError::server(e.message) : RpcError::internal(e.message);
}

// The stub keeps every state only at its head; older blocks' accounts are not stored.
Result<void, RpcError> require_head_state(L1Stub& stub, const json& params, std::size_t index) {
    auto id = rpc::optional_arg<rpc::BlockId>(params, index, rpc::parse_block_id);
    if (!id) return fail(id.error());
    if (!*id) return {};
    using Kind = rpc::BlockId::Kind;
    const rpc::BlockId& b = **id;
    if (b.kind == Kind::number || b.kind == Kind::hash || b.kind == Kind::earliest) {
        const auto head = stub.head();
        const bool at_head = head && ((b.kind == Kind::number && b.number == head->number) ||
                                      (b.kind == Kind::hash && b.hash == head->hash) ||
                                      (b.kind == Kind::earliest && head->number == 0));
        if (!at_head) return fail(RpcError::server("the L1 stub keeps only the head state; use \"latest\""));
    }
    return {};
}

// The block a tag or number names; "safe" and "finalized" are the head (the stub does not
// reorganize).
std::optional<std::uint64_t> resolve_block(L1Stub& stub, const rpc::BlockId& id) {
    using Kind = rpc::BlockId::Kind;
    if (id.kind == Kind::number) return id.number;
    if (id.kind == Kind::earliest) return 0;
    auto head = stub.head();
    if (!head) return std::nullopt;
    return head->number;
}

}  // namespace

void register_l1_api(rpc::Dispatcher& d, L1Stub& stub) {
    L1Stub* s = &stub;
    d.add("eth_chainId", [s](const json&) -> HandlerResult {
        return json(rpc::format_quantity(s->stub_config().l1.chain_id));
    });
    d.add("net_version",
          [s](const json&) -> HandlerResult { return json(std::to_string(s->stub_config().l1.chain_id)); });
    d.add("web3_clientVersion", [](const json&) -> HandlerResult { return json("optimist-l1/0.1.0"); });
    d.add("eth_syncing", [](const json&) -> HandlerResult { return json(false); });
    d.add("eth_gasPrice", [s](const json&) -> HandlerResult {
        return json(rpc::format_quantity(s->stub_config().base_fee));
    });
    d.add("eth_maxPriorityFeePerGas",
          [](const json&) -> HandlerResult { return json(rpc::format_quantity(Uint256{})); });
    d.add("eth_blockNumber", [s](const json&) -> HandlerResult {
        auto head = s->head();
        if (!head) return fail(to_rpc(head.error()));
        return json(rpc::format_quantity(head->number));
    });
    d.add("eth_getBlockByNumber", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 2); !a) return fail(a.error());
        auto id = rpc::required_arg<rpc::BlockId>(params, 0, rpc::parse_block_number);
        if (!id) return fail(id.error());
        bool full = false;
        if (params.size() > 1 && !params[1].is_null()) {
            if (!params[1].is_boolean())
                return fail(rpc::invalid_argument(1, "cannot unmarshal non-bool into bool"));
            full = params[1].get<bool>();
        }
        const auto number = resolve_block(*s, *id);
        if (!number) return json(nullptr);
        const auto block = s->block(*number);
        if (!block) return json(nullptr);
        return format_block(*s, *block, full);
    });
    // What any call costs on the stub: its intrinsic gas (no code runs on the L1 stub).
    d.add("eth_estimateGas", [](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 3); !a) return fail(a.error());
        const json& call = params[0];
        if (!call.is_object()) return fail(rpc::invalid_argument(0, "cannot unmarshal non-object into call"));
        tx::Transaction t;
        t.type = tx::TxType::dynamic_fee;
        for (const char* key : {"input", "data"}) {
            if (!call.contains(key) || call[key].is_null()) continue;
            auto data = rpc::parse_data(call[key]);
            if (!data) return fail(rpc::invalid_argument(0, data.error()));
            t.data = std::move(*data);
            break;
        }
        if (!call.contains("to") || call["to"].is_null())
            return fail(RpcError::server("contract creation is not supported by the L1 stub"));
        return json(rpc::format_quantity(tx::intrinsic_gas(t)));
    });
    d.add("eth_getBalance", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 2); !a) return fail(a.error());
        auto address = rpc::required_arg<Address>(params, 0, rpc::parse_address);
        if (!address) return fail(address.error());
        if (auto h = require_head_state(*s, params, 1); !h) return fail(h.error());
        auto balance = s->balance(*address);
        if (!balance) return fail(to_rpc(balance.error()));
        return json(rpc::format_quantity(*balance));
    });
    d.add("eth_getTransactionCount", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 2); !a) return fail(a.error());
        auto address = rpc::required_arg<Address>(params, 0, rpc::parse_address);
        if (!address) return fail(address.error());
        auto id = rpc::optional_arg<rpc::BlockId>(params, 1, rpc::parse_block_id);
        if (!id) return fail(id.error());
        const bool pending = *id && (*id)->kind == rpc::BlockId::Kind::pending;
        if (!pending) {
            if (auto h = require_head_state(*s, params, 1); !h) return fail(h.error());
        }
        auto nonce = s->nonce(*address, pending ? NonceView::pending : NonceView::latest);
        if (!nonce) return fail(to_rpc(nonce.error()));
        return json(rpc::format_quantity(*nonce));
    });
    d.add("eth_sendRawTransaction", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
        auto wire = rpc::required_arg<Bytes>(params, 0, rpc::parse_data);
        if (!wire) return fail(wire.error());
        auto hash = s->send_raw_transaction(*wire);
        if (!hash) return fail(to_rpc(hash.error()));
        return json(rpc::format_hash(*hash));
    });
    d.add("eth_getTransactionByHash", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
        auto hash = rpc::required_arg<Hash>(params, 0, rpc::parse_hash);
        if (!hash) return fail(hash.error());
        const auto t = s->transaction(*hash);
        if (!t) return json(nullptr);
        return format_transaction(*t, s->stub_config().base_fee);
    });
    d.add("eth_getTransactionReceipt", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
        auto hash = rpc::required_arg<Hash>(params, 0, rpc::parse_hash);
        if (!hash) return fail(hash.error());
        const auto t = s->transaction(*hash);
        if (!t) return json(nullptr);
        // Cumulative gas: the block's earlier transactions plus this one.
        std::uint64_t cumulative = 0;
        if (const auto block = s->block(t->receipt.block_number)) {
            for (std::size_t i = 0; i < t->receipt.index && i < block->tx_hashes.size(); ++i) {
                if (const auto earlier = s->transaction(block->tx_hashes[i]))
                    cumulative += earlier->receipt.gas_used;
            }
        }
        cumulative += t->receipt.gas_used;
        return format_receipt(*t, s->stub_config().base_fee, cumulative);
    });

    d.add("optimist_l1Config", [s](const json&) -> HandlerResult {
        auto config = s->config();
        if (!config) return fail(to_rpc(config.error()));
        return l1json::to_json(*config);
    });
    d.add("optimist_l1Batches", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 2, 2); !a) return fail(a.error());
        auto from = rpc::required_arg<std::uint64_t>(params, 0, rpc::parse_quantity_u64);
        if (!from) return fail(from.error());
        auto to = rpc::required_arg<std::uint64_t>(params, 1, rpc::parse_quantity_u64);
        if (!to) return fail(to.error());
        if (*to >= *from && *to - *from >= kMaxBatchesRange)
            return fail(
                RpcError::server("query exceeds max block range " + std::to_string(kMaxBatchesRange)));
        auto entries = s->batches(*from, *to);
        if (!entries) return fail(to_rpc(entries.error()));
        json out = json::array();
        for (const auto& e : *entries) out.push_back(l1json::to_json(e));
        return out;
    });
    d.add("optimist_l1Outputs", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 2, 2); !a) return fail(a.error());
        auto from = rpc::required_arg<std::uint64_t>(params, 0, rpc::parse_quantity_u64);
        if (!from) return fail(from.error());
        auto count = rpc::required_arg<std::uint64_t>(params, 1, rpc::parse_quantity_u64);
        if (!count) return fail(count.error());
        if (*count > kMaxOutputsCount)
            return fail(
                rpc::invalid_argument(1, "count above the limit of " + std::to_string(kMaxOutputsCount)));
        auto outputs = s->outputs(*from, *count);
        if (!outputs) return fail(to_rpc(outputs.error()));
        json out = json::array();
        for (const auto& p : *outputs) out.push_back(l1json::to_json(p));
        return out;
    });
    d.add("optimist_l1Games", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 2, 2); !a) return fail(a.error());
        auto from = rpc::required_arg<std::uint64_t>(params, 0, rpc::parse_quantity_u64);
        if (!from) return fail(from.error());
        auto count = rpc::required_arg<std::uint64_t>(params, 1, rpc::parse_quantity_u64);
        if (!count) return fail(count.error());
        if (*count > kMaxGamesCount)
            return fail(
                rpc::invalid_argument(1, "count above the limit of " + std::to_string(kMaxGamesCount)));
        auto games = s->games(*from, *count);
        if (!games) return fail(to_rpc(games.error()));
        auto head = s->head();
        if (!head) return fail(to_rpc(head.error()));
        json out = json::array();
        for (const auto& g : *games) out.push_back(l1json::to_json(g, head->number));
        return out;
    });
    d.add("optimist_l1Game", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
        auto id = rpc::required_arg<std::uint64_t>(params, 0, rpc::parse_quantity_u64);
        if (!id) return fail(id.error());
        auto game = s->game(*id);
        if (!game) return fail(to_rpc(game.error()));
        if (!*game) return json(nullptr);
        auto head = s->head();
        if (!head) return fail(to_rpc(head.error()));
        return l1json::to_json(**game, head->number);
    });
    d.add("optimist_l1Credit", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 1); !a) return fail(a.error());
        auto address = rpc::required_arg<Address>(params, 0, rpc::parse_address);
        if (!address) return fail(address.error());
        auto credit = s->credit(*address);
        if (!credit) return fail(to_rpc(credit.error()));
        return json(rpc::format_quantity(*credit));
    });
    d.add("optimist_l1Mine", [s](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 0, 0); !a) return fail(a.error());
        auto head = s->mine();
        if (!head) return fail(to_rpc(head.error()));
        return l1json::to_json(*head);
    });
}

}  // namespace optimist::l1
