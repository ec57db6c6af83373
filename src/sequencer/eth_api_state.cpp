// Account and storage reads at a block: balance, nonce, code, storage, EIP-1186 proofs.
#include "eth_api_context.hpp"
#include "eth_json.hpp"

#include <optimist/rpc/dispatcher.hpp>
#include <optimist/state/state_store.hpp>

namespace optimist::sequencer::eth_api {
namespace {

// A storage slot argument: geth accepts any hex up to 32 bytes (a hash or a quantity).
Result<Uint256, std::string> parse_slot(const json& value) {
    if (!value.is_string()) return fail(std::string("cannot unmarshal non-string into hash"));
    const auto text = value.get<std::string>();
    auto bytes = rpc::parse_data(text);
    if (bytes && bytes->size() <= 32) {
        Hash h;
        std::copy(bytes->begin(), bytes->end(), h.bytes.end() - static_cast<std::ptrdiff_t>(bytes->size()));
        return Uint256::from_hash(h);
    }
    auto q = rpc::parse_quantity(text);  // odd-length hex such as "0x1"
    if (q) return *q;
    return fail(bytes ? std::string("hex string longer than 32 bytes") : bytes.error());
}

}  // namespace

void register_state_methods(rpc::Dispatcher& d, const ContextPtr& ctx) {
    d.add("eth_getBalance", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 2); !a) return fail(a.error());
        auto address = rpc::required_arg<Address>(params, 0, rpc::parse_address);
        if (!address) return fail(address.error());
        auto id = block_id_arg(params, 1);
        if (!id) return fail(id.error());
        Uint256 balance;
        if (auto s = ctx->with_state(*id, [&](const state::StateReader& st, const tx::BlockHeader&) {
                if (auto acc = st.read_account(*address)) balance = acc->balance;
            });
            !s)
            return fail(s.error());
        return json(eth_json::quantity(balance));
    });
    d.add("eth_getTransactionCount", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 2); !a) return fail(a.error());
        auto address = rpc::required_arg<Address>(params, 0, rpc::parse_address);
        if (!address) return fail(address.error());
        auto id = block_id_arg(params, 1);
        if (!id) return fail(id.error());
        if (id->kind == rpc::BlockId::Kind::pending) return json(eth_json::quantity(ctx->node.pending_nonce(*address)));
        std::uint64_t nonce = 0;
        if (auto s = ctx->with_state(*id, [&](const state::StateReader& st, const tx::BlockHeader&) {
                if (auto acc = st.read_account(*address)) nonce = acc->nonce;
            });
            !s)
            return fail(s.error());
        return json(eth_json::quantity(nonce));
    });
    d.add("eth_getCode", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 1, 2); !a) return fail(a.error());
        auto address = rpc::required_arg<Address>(params, 0, rpc::parse_address);
        if (!address) return fail(address.error());
        auto id = block_id_arg(params, 1);
        if (!id) return fail(id.error());
        Bytes code;
        if (auto s = ctx->with_state(*id, [&](const state::StateReader& st, const tx::BlockHeader&) {
                if (auto acc = st.read_account(*address)) code = st.read_code(acc->code_hash);
            });
            !s)
            return fail(s.error());
        return json(eth_json::hex_data(code));
    });
    d.add("eth_getStorageAt", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 2, 3); !a) return fail(a.error());
        auto address = rpc::required_arg<Address>(params, 0, rpc::parse_address);
        if (!address) return fail(address.error());
        auto slot = rpc::required_arg<Uint256>(params, 1, parse_slot);
        if (!slot) return fail(slot.error());
        auto id = block_id_arg(params, 2);
        if (!id) return fail(id.error());
        Uint256 value;
        if (auto s = ctx->with_state(
                *id, [&](const state::StateReader& st, const tx::BlockHeader&) { value = st.read_storage(*address, *slot); });
            !s)
            return fail(s.error());
        return json(eth_json::hex_data(value.to_hash()));
    });
    d.add("eth_getProof", [ctx](const json& params) -> HandlerResult {
        if (auto a = rpc::check_arity(params, 2, 3); !a) return fail(a.error());
        auto address = rpc::required_arg<Address>(params, 0, rpc::parse_address);
        if (!address) return fail(address.error());
        if (!params[1].is_array()) return fail(rpc::invalid_argument(1, "cannot unmarshal non-array into []string"));
        std::vector<Uint256> slots;
        for (const json& s : params[1]) {
            auto slot = parse_slot(s);
            if (!slot) return fail(rpc::invalid_argument(1, slot.error()));
            slots.push_back(*slot);
        }
        auto id = block_id_arg(params, 2);
        if (!id) return fail(id.error());
        const auto number = ctx->resolve(*id);
        auto header = number ? ctx->node.chain().header_by_number(*number) : std::nullopt;
        if (!header) return fail(RpcError::server("header not found"));
        auto proof = ctx->node.state().proof(header->state_root, *address, slots);
        if (!proof) return fail(RpcError::internal(proof.error()));
        json account_proof = json::array();
        for (const Bytes& node : proof->account_proof) account_proof.push_back(eth_json::hex_data(node));
        json storage = json::array();
        for (const auto& sp : proof->storage) {
            json nodes = json::array();
            for (const Bytes& node : sp.proof) nodes.push_back(eth_json::hex_data(node));
            storage.push_back({{"key", eth_json::hex_data(sp.key.to_hash())},
                               {"value", eth_json::quantity(sp.value)},
                               {"proof", std::move(nodes)}});
        }
        return json{{"address", eth_json::hex_data(*address)},
                    {"accountProof", std::move(account_proof)},
                    {"balance", eth_json::quantity(proof->account.balance)},
                    {"codeHash", eth_json::hex_data(proof->account.code_hash)},
                    {"nonce", eth_json::quantity(proof->account.nonce)},
                    {"storageHash", eth_json::hex_data(proof->account.storage_root)},
                    {"storageProof", std::move(storage)}};
    });
}

}  // namespace optimist::sequencer::eth_api
