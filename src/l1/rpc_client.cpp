#include "game_json.hpp"
#include "l1_json.hpp"

#include <optimist/l1/rpc_client.hpp>
#include <optimist/rpc/params.hpp>

namespace optimist::l1 {
namespace {

using nlohmann::json;

L1Error from_rpc(const rpc::RpcError& e) {
    if (e.is_transport()) return {L1ErrorKind::unavailable, e.message};
    if (e.code == rpc::kServerError || e.code == rpc::kInvalidParams)
        return {L1ErrorKind::rejected, e.message};
    return {L1ErrorKind::internal, e.message};
}

L1Error malformed(std::string_view method, const std::string& why) {
    return {L1ErrorKind::internal, "malformed " + std::string(method) + " response: " + why};
}

// Parses a result with one of the rpc::parse_* functions.
template <typename T>
L1Result<T> parse(std::string_view method, L1Result<json> r, Result<T, std::string> (*parser)(const json&)) {
    if (!r) return fail(r.error());
    auto v = parser(*r);
    if (!v) return fail(malformed(method, v.error()));
    return std::move(v).value();
}

template <typename T>
L1Result<std::vector<T>> parse_list(std::string_view method, L1Result<json> r,
                                    Result<T, std::string> (*parser)(const json&)) {
    if (!r) return fail(r.error());
    if (!r->is_array()) return fail(malformed(method, "expected an array"));
    std::vector<T> out;
    for (const auto& item : *r) {
        auto v = parser(item);
        if (!v) return fail(malformed(method, v.error()));
        out.push_back(std::move(v).value());
    }
    return out;
}

}  // namespace

L1RpcClient::L1RpcClient(std::string url, rpc::HttpClientOptions options)
    : client_(std::move(url), options) {}

L1RpcClient::~L1RpcClient() = default;

L1Result<json> L1RpcClient::call(std::string_view method, json params) {
    const std::lock_guard lock(mutex_);
    auto r = client_.call(method, std::move(params));
    if (!r) return fail(from_rpc(r.error()));
    return std::move(r).value();
}

L1Result<std::uint64_t> L1RpcClient::chain_id() {
    return parse<std::uint64_t>("eth_chainId", call("eth_chainId", json::array()), rpc::parse_quantity_u64);
}

L1Result<L1Config> L1RpcClient::config() {
    return parse<L1Config>("optimist_l1Config", call("optimist_l1Config", json::array()),
                           l1json::config_from_json);
}

L1Result<L1Head> L1RpcClient::head() {
    auto r = call("eth_getBlockByNumber", json::array({"latest", false}));
    if (r && r->is_null()) return fail(malformed("eth_getBlockByNumber", "no latest block"));
    return parse<L1Head>("eth_getBlockByNumber", std::move(r), l1json::head_from_json);
}

L1Result<std::uint64_t> L1RpcClient::nonce(const Address& account, NonceView view) {
    const char* tag = view == NonceView::pending ? "pending" : "latest";
    return parse<std::uint64_t>(
        "eth_getTransactionCount",
        call("eth_getTransactionCount", json::array({rpc::format_address(account), tag})),
        rpc::parse_quantity_u64);
}

L1Result<Uint256> L1RpcClient::balance(const Address& account) {
    return parse<Uint256>("eth_getBalance",
                          call("eth_getBalance", json::array({rpc::format_address(account), "latest"})),
                          rpc::parse_quantity);
}

L1Result<Hash> L1RpcClient::send_raw_transaction(ByteView wire) {
    return parse<Hash>("eth_sendRawTransaction",
                       call("eth_sendRawTransaction", json::array({rpc::format_data(wire)})),
                       rpc::parse_hash);
}

L1Result<std::optional<L1Receipt>> L1RpcClient::receipt(const Hash& tx_hash) {
    auto r = call("eth_getTransactionReceipt", json::array({rpc::format_hash(tx_hash)}));
    if (!r) return fail(r.error());
    if (r->is_null()) return std::optional<L1Receipt>{};
    auto receipt = l1json::receipt_from_json(*r);
    if (!receipt) return fail(malformed("eth_getTransactionReceipt", receipt.error()));
    return std::optional<L1Receipt>(std::move(*receipt));
}

L1Result<std::vector<InboxEntry>> L1RpcClient::batches(std::uint64_t from_l1_block,
                                                       std::uint64_t to_l1_block) {
    return parse_list<InboxEntry>(
        "optimist_l1Batches",
        call("optimist_l1Batches",
             json::array({rpc::format_quantity(from_l1_block), rpc::format_quantity(to_l1_block)})),
        l1json::inbox_entry_from_json);
}

L1Result<std::vector<OutputProposal>> L1RpcClient::outputs(std::uint64_t from_index, std::uint64_t max) {
    return parse_list<OutputProposal>(
        "optimist_l1Outputs",
        call("optimist_l1Outputs",
             json::array({rpc::format_quantity(from_index), rpc::format_quantity(max)})),
        l1json::output_from_json);
}

L1Result<std::vector<DisputeGame>> L1RpcClient::games(std::uint64_t from_id, std::uint64_t max) {
    return parse_list<DisputeGame>(
        "optimist_l1Games",
        call("optimist_l1Games", json::array({rpc::format_quantity(from_id), rpc::format_quantity(max)})),
        l1json::game_from_json);
}

L1Result<std::optional<DisputeGame>> L1RpcClient::game(std::uint64_t id) {
    auto r = call("optimist_l1Game", json::array({rpc::format_quantity(id)}));
    if (!r) return fail(r.error());
    if (r->is_null()) return std::optional<DisputeGame>{};
    auto game = l1json::game_from_json(*r);
    if (!game) return fail(malformed("optimist_l1Game", game.error()));
    return std::optional<DisputeGame>(std::move(*game));
}

L1Result<Uint256> L1RpcClient::credit(const Address& account) {
    return parse<Uint256>("optimist_l1Credit",
                          call("optimist_l1Credit", json::array({rpc::format_address(account)})),
                          rpc::parse_quantity);
}

L1Result<L1Head> L1RpcClient::mine() {
    return parse<L1Head>("optimist_l1Mine", call("optimist_l1Mine", json::array()), l1json::head_from_json);
}

}  // namespace optimist::l1
