#include "evm_sides.hpp"

#include "text.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/exec/simulate_call.hpp>
#include <optimist/state/state_view.hpp>

#include <chrono>
#include <thread>

namespace optimist::bench {
namespace {

// The account that deploys the benchmark contracts on Optimist's side (anvil only receives
// the resulting contract accounts).
const Address kDeployer = Address::right_aligned(Bytes{0xbe, 0x7c, 0xde, 0x91});

std::string quantity(const Uint256& v) {
    if (v.is_zero()) return "0x0";
    std::string hex = to_hex(v.to_be_bytes_trimmed(), false);
    if (hex.front() == '0') hex.erase(0, 1);
    return concat("0x", hex);
}

std::string word(const Uint256& v) { return to_hex(v.to_hash().view()); }

Result<std::uint64_t, std::string> parse_quantity(const nlohmann::json& j) {
    if (!j.is_string()) return fail(std::string("not a hex quantity: ") + j.dump());
    const std::string s = j.get<std::string>();
    if (s.size() < 3 || s.size() > 18 || s[0] != '0' || s[1] != 'x')
        return fail(concat("not a 64-bit hex quantity: ", s));
    try {
        return std::stoull(s.substr(2), nullptr, 16);
    } catch (const std::exception&) {
        return fail(concat("not a 64-bit hex quantity: ", s));
    }
}

std::string describe(const rpc::RpcError& e) {
    std::string out = concat(e.message, " (code ", e.code, ")");
    if (e.data) out += concat(", data ", e.data->dump());
    return out;
}

}  // namespace

// --- FrozenState ----------------------------------------------------------------------------

FrozenState::FrozenState(const state::InMemoryState& source) {
    for (const auto& [address, stored] : source.accounts()) {
        Entry& e = accounts_[address];
        e.account = *source.read_account(address);  // the one place records are derived
        e.storage = stored.storage;
        if (!stored.code.empty()) code_[e.account.code_hash] = stored.code;
    }
}

std::optional<state::Account> FrozenState::read_account(const Address& address) const {
    const auto it = accounts_.find(address);
    if (it == accounts_.end()) return std::nullopt;
    return it->second.account;
}

Uint256 FrozenState::read_storage(const Address& address, const Uint256& key) const {
    const auto it = accounts_.find(address);
    if (it == accounts_.end()) return Uint256{};
    const auto slot = it->second.storage.find(key);
    return slot == it->second.storage.end() ? Uint256{} : slot->second;
}

Bytes FrozenState::read_code(const Hash& code_hash) const {
    const auto it = code_.find(code_hash);
    return it == code_.end() ? Bytes{} : it->second;
}

// --- OptimistSide ---------------------------------------------------------------------------

OptimistSide::OptimistSide(Address caller, std::uint64_t gas_limit, std::uint64_t chain_id)
    : caller_(caller), deployer_(kDeployer), gas_limit_(gas_limit) {
    // No benchmark contract reads a block field; these match a fresh anvil closely enough.
    block_.number = 1;
    block_.timestamp = 1;
    block_.gas_limit = gas_limit;
    block_.chain_id = Uint256(chain_id);
}

Result<Address, std::string> OptimistSide::deploy(const workload::ContractArtifact& contract) {
    if (frozen_) return fail(std::string("deploy after freeze"));
    state::StateView view(built_);
    evm::Message msg;
    msg.kind = evm::CallKind::create;
    msg.gas = static_cast<std::int64_t>(gas_limit_);
    msg.sender = deployer_;
    msg.input = Bytes(contract.creation_code.begin(), contract.creation_code.end());
    evm::TxContext tx;
    tx.origin = deployer_;
    const evm::ExecutionResult r = evm::execute(view, block_, tx, msg);
    if (r.status != evm::StatusCode::success) {
        return fail(concat("deploying ", contract.name, ": ", evm::to_string(r.status),
                           r.output.empty() ? "" : concat(" ", to_hex(r.output))));
    }
    view.finalize();
    built_.apply(view.write_set());
    return r.create_address;
}

void OptimistSide::freeze() { frozen_.emplace(built_); }

Result<CallResult, std::string> OptimistSide::call(const Address& to, ByteView data) const {
    if (!frozen_) return fail(std::string("call before freeze"));
    exec::CallRequest request;
    request.from = caller_;
    request.to = to;
    request.gas = gas_limit_;
    request.data = Bytes(data.begin(), data.end());
    auto outcome = exec::simulate_call(*frozen_, block_, request);
    if (!outcome) return fail(concat("eth_call rejected: ", exec::to_string(outcome.error())));
    CallResult out;
    out.success = outcome->status == evm::StatusCode::success;
    out.status = std::string(evm::to_string(outcome->status));
    out.output = std::move(outcome->output);
    out.gas_used = outcome->gas_used;
    return out;
}

// --- AnvilSide ------------------------------------------------------------------------------

AnvilSide::AnvilSide(std::string url, Address caller, std::uint64_t gas_limit)
    : client_(std::move(url), rpc::HttpClientOptions{.timeout = std::chrono::milliseconds(120'000)}),
      caller_(caller),
      gas_limit_(gas_limit) {}

Result<std::string, std::string> AnvilSide::connect() {
    auto version = client_.call("web3_clientVersion");
    if (!version) return fail(concat("web3_clientVersion: ", describe(version.error())));
    auto block = client_.call("eth_getBlockByNumber", {"latest", false});
    if (!block) return fail(concat("eth_getBlockByNumber: ", describe(block.error())));
    auto limit = parse_quantity((*block)["gasLimit"]);
    if (!limit) return fail(concat("the latest block's gasLimit: ", limit.error()));
    if (*limit < gas_limit_) {
        return fail(concat("anvil's block gas limit ", *limit, " is below the call gas ", gas_limit_,
                           ": start anvil with --gas-limit ", gas_limit_, " --disable-block-gas-limit"));
    }
    return version->is_string() ? version->get<std::string>() : version->dump();
}

Result<void, std::string> AnvilSide::copy_contracts(const state::InMemoryState& state) {
    for (const auto& [address, account] : state.accounts()) {
        if (account.code.empty()) continue;
        const std::string a = to_hex(address.view());
        std::vector<std::pair<std::string, nlohmann::json>> calls;
        calls.emplace_back("anvil_setCode", nlohmann::json{a, to_hex(account.code)});
        calls.emplace_back("anvil_setNonce", nlohmann::json{a, quantity(Uint256(account.nonce))});
        calls.emplace_back("anvil_setBalance", nlohmann::json{a, quantity(account.balance)});
        for (const auto& [key, value] : account.storage) {
            calls.emplace_back("anvil_setStorageAt", nlohmann::json{a, word(key), word(value)});
        }
        for (auto& r : client_.batch(calls)) {
            if (!r) return fail(concat("copying ", a, ": ", describe(r.error())));
        }
        auto code = client_.call("eth_getCode", {a, "latest"});
        if (!code) return fail(concat("eth_getCode ", a, ": ", describe(code.error())));
        if (!code->is_string() || code->get<std::string>() != to_hex(account.code)) {
            return fail(concat("anvil's code at ", a, " differs from what was set"));
        }
    }
    return {};
}

Result<CallResult, std::string> AnvilSide::call(const Address& to, ByteView data) {
    const nlohmann::json request = {{"from", to_hex(caller_.view())},
                                    {"to", to_hex(to.view())},
                                    {"gas", quantity(Uint256(gas_limit_))},
                                    {"data", to_hex(data)}};
    auto r = client_.call("eth_call", {request, "latest"});
    CallResult out;
    if (r) {
        if (!r->is_string()) return fail(concat("eth_call returned ", r->dump()));
        auto bytes = from_hex(r->get<std::string>());
        if (!bytes) return fail(concat("eth_call returned ", r->dump()));
        out.success = true;
        out.status = "success";
        out.output = std::move(*bytes);
        return out;
    }
    const rpc::RpcError& e = r.error();
    if (e.is_transport()) return fail(concat("eth_call: ", e.message));
    // A revert (code 3, the revert data in `data`) or a halt (no data).
    out.success = false;
    out.status = e.code == rpc::kExecutionReverted ? "revert" : concat("error: ", e.message);
    if (e.data && e.data->is_string()) {
        if (auto bytes = from_hex(e.data->get<std::string>())) out.output = std::move(*bytes);
    }
    return out;
}

Result<std::uint64_t, std::string> AnvilSide::gas_used(const Address& to, ByteView data) {
    auto snapshot = client_.call("evm_snapshot");
    if (!snapshot) return fail(concat("evm_snapshot: ", describe(snapshot.error())));
    const nlohmann::json tx = {{"from", to_hex(caller_.view())},
                               {"to", to_hex(to.view())},
                               {"gas", quantity(Uint256(gas_limit_))},
                               {"data", to_hex(data)}};
    auto hash = client_.call("eth_sendTransaction", {tx});
    Result<std::uint64_t, std::string> gas = fail(std::string("no receipt"));
    if (!hash) {
        gas = fail(concat("eth_sendTransaction: ", describe(hash.error())));
    } else {
        // anvil mines each transaction as it arrives (automine); allow it a moment.
        for (int attempt = 0; attempt < 200; ++attempt) {
            auto receipt = client_.call("eth_getTransactionReceipt", {*hash});
            if (!receipt) {
                gas = fail(concat("eth_getTransactionReceipt: ", describe(receipt.error())));
                break;
            }
            if (!receipt->is_null()) {
                gas = parse_quantity((*receipt)["gasUsed"]);
                break;
            }
            std::this_thread::sleep_for(std::chrono::milliseconds(10));
        }
    }
    auto reverted = client_.call("evm_revert", {*snapshot});
    if (!reverted) return fail(concat("evm_revert: ", describe(reverted.error())));
    if (!reverted->is_boolean() || !reverted->get<bool>()) return fail(std::string("evm_revert refused"));
    return gas;
}

}  // namespace optimist::bench
