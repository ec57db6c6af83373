#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/sequencer/dev_accounts.hpp>
#include <optimist/sequencer/genesis.hpp>
#include <optimist/state/in_memory_state.hpp>

#include <nlohmann/json.hpp>

#include <fstream>
#include <limits>
#include <sstream>

namespace optimist::sequencer {
namespace {

using nlohmann::json;

// The sequencer fee vault address of the OP Stack predeploys: a familiar, obviously
// synthetic fee recipient for the devnet.
constexpr std::string_view kDevFeeRecipient = "0x4200000000000000000000000000000000000011";

Result<Uint256, std::string> read_u256(const json& j, std::string_view what) {
    if (j.is_number_unsigned()) return Uint256{j.get<std::uint64_t>()};
    if (j.is_string()) {
        if (auto v = uint256_from_string(j.get<std::string>())) return *v;
    }
    return fail(std::string(what) + ": expected a non-negative number or a decimal/0x-hex string");
}

Result<std::uint64_t, std::string> read_u64(const json& j, std::string_view what) {
    auto v = read_u256(j, what);
    if (!v) return fail(v.error());
    if (!v->fits_u64()) return fail(std::string(what) + ": above 2^64-1");
    return v->w[0];
}

Result<Bytes, std::string> read_bytes(const json& j, std::string_view what) {
    if (!j.is_string()) return fail(std::string(what) + ": expected a hex string");
    auto b = from_hex(j.get<std::string>());
    if (!b) return fail(std::string(what) + ": " + std::string(to_string(b.error())));
    return std::move(*b);
}

template <std::size_t N>
Result<FixedBytes<N>, std::string> read_fixed(const json& j, std::string_view what) {
    if (!j.is_string()) return fail(std::string(what) + ": expected a hex string");
    auto b = fixed_from_hex<N>(j.get<std::string>());
    if (!b) return fail(std::string(what) + ": " + std::string(to_string(b.error())));
    return *b;
}

Result<GenesisAccount, std::string> read_account(const json& j, const std::string& where) {
    if (!j.is_object()) return fail(where + ": expected an object");
    GenesisAccount a;
    for (const auto& [key, value] : j.items()) {
        const std::string field = where + "." + key;
        if (key == "balance") {
            auto v = read_u256(value, field);
            if (!v) return fail(v.error());
            a.balance = *v;
        } else if (key == "nonce") {
            auto v = read_u64(value, field);
            if (!v) return fail(v.error());
            a.nonce = *v;
        } else if (key == "code") {
            auto v = read_bytes(value, field);
            if (!v) return fail(v.error());
            a.code = std::move(*v);
        } else if (key == "storage") {
            if (!value.is_object()) return fail(field + ": expected an object of slot: value");
            for (const auto& [slot_text, slot_value] : value.items()) {
                auto slot = uint256_from_string(slot_text);
                if (!slot) return fail(field + ": bad slot " + slot_text);
                auto v = read_u256(slot_value, field + "[" + slot_text + "]");
                if (!v) return fail(v.error());
                if (!v->is_zero()) a.storage[*slot] = *v;
            }
        } else {
            return fail(field + ": unknown field");
        }
    }
    return a;
}

}  // namespace

Genesis dev_genesis() {
    Genesis g;
    g.fee_recipient = *fixed_from_hex<20>(kDevFeeRecipient);
    // 10,000 ETH, anvil's default funding.
    const Uint256 funding = Uint256{10'000} * Uint256{1'000'000'000'000'000'000ULL};
    for (std::size_t i = 0; i < kDevAccounts.size(); ++i) g.alloc[dev_address(i)].balance = funding;
    g.batcher = dev_address(kDevBatcherAccount);
    return g;
}

Result<Genesis, std::string> parse_genesis(std::string_view json_text) {
    json doc = json::parse(json_text, nullptr, /*allow_exceptions=*/false);
    if (doc.is_discarded()) return fail(std::string("genesis: not valid JSON"));
    if (!doc.is_object()) return fail(std::string("genesis: expected a JSON object"));
    Genesis g;
    for (const auto& [key, value] : doc.items()) {
        if (key == "chainId") {
            auto v = read_u64(value, key);
            if (!v) return fail("genesis: " + v.error());
            if (*v == 0) return fail(std::string("genesis: chainId must not be zero"));
            g.chain_id = *v;
        } else if (key == "gasLimit") {
            auto v = read_u64(value, key);
            if (!v) return fail("genesis: " + v.error());
            if (*v < 21'000) return fail(std::string("genesis: gasLimit below 21000 fits no transaction"));
            g.gas_limit = *v;
        } else if (key == "baseFeePerGas") {
            auto v = read_u256(value, key);
            if (!v) return fail("genesis: " + v.error());
            g.base_fee = *v;
        } else if (key == "timestamp") {
            auto v = read_u64(value, key);
            if (!v) return fail("genesis: " + v.error());
            g.timestamp = *v;
        } else if (key == "extraData") {
            auto v = read_bytes(value, key);
            if (!v) return fail("genesis: " + v.error());
            if (v->size() > 32) return fail(std::string("genesis: extraData longer than 32 bytes"));
            g.extra_data = std::move(*v);
        } else if (key == "feeRecipient") {
            auto v = read_fixed<20>(value, key);
            if (!v) return fail("genesis: " + v.error());
            g.fee_recipient = *v;
        } else if (key == "blockTime") {
            auto v = read_u64(value, key);
            if (!v) return fail("genesis: " + v.error());
            g.block_time = *v;
        } else if (key == "batcherAddress") {
            auto v = read_fixed<20>(value, key);
            if (!v) return fail("genesis: " + v.error());
            g.batcher = *v;
        } else if (key == "alloc") {
            if (!value.is_object()) return fail(std::string("genesis: alloc: expected an object"));
            for (const auto& [addr_text, account] : value.items()) {
                auto address = fixed_from_hex<20>(addr_text);
                if (!address) return fail("genesis: alloc: bad address " + addr_text);
                auto a = read_account(account, "alloc[" + addr_text + "]");
                if (!a) return fail("genesis: " + a.error());
                g.alloc[*address] = std::move(*a);
            }
        } else {
            return fail("genesis: unknown field \"" + key + "\"");
        }
    }
    return g;
}

Result<Genesis, std::string> load_genesis_file(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    if (!in) return fail("cannot read genesis file " + path);
    std::stringstream text;
    text << in.rdbuf();
    auto g = parse_genesis(text.str());
    if (!g) return fail(path + ": " + g.error());
    return g;
}

std::string genesis_to_json(const Genesis& g) {
    json alloc = json::object();
    for (const auto& [address, a] : g.alloc) {
        json entry = {{"balance", to_hex(a.balance)}};
        if (a.nonce != 0) entry["nonce"] = to_hex(Uint256{a.nonce});
        if (!a.code.empty()) entry["code"] = to_hex(a.code);
        if (!a.storage.empty()) {
            json storage = json::object();
            for (const auto& [slot, value] : a.storage) storage[to_hex(slot)] = to_hex(value);
            entry["storage"] = std::move(storage);
        }
        alloc[to_hex(address.view())] = std::move(entry);
    }
    const json doc = {
        {"chainId", g.chain_id},
        {"gasLimit", to_hex(Uint256{g.gas_limit})},
        {"baseFeePerGas", to_hex(g.base_fee)},
        {"timestamp", to_hex(Uint256{g.timestamp})},
        {"extraData", to_hex(g.extra_data)},
        {"feeRecipient", to_hex(g.fee_recipient.view())},
        {"blockTime", g.block_time},
        {"batcherAddress", to_hex(g.batcher.view())},
        {"alloc", std::move(alloc)},
    };
    return doc.dump(2);
}

state::WriteSet genesis_write_set(const Genesis& g) {
    state::WriteSet writes;
    for (const auto& [address, a] : g.alloc) {  // std::map: sorted by address
        state::AccountWrite w;
        w.address = address;
        w.nonce = a.nonce;
        w.balance = a.balance;
        if (!a.code.empty()) {
            w.code_changed = true;
            w.code = a.code;
            w.code_hash = keccak256(a.code);
        }
        for (const auto& [slot, value] : a.storage) w.storage.push_back({slot, value});
        writes.accounts.push_back(std::move(w));
    }
    return writes;
}

Hash genesis_state_root(const Genesis& g) {
    state::InMemoryState state;
    state.apply(genesis_write_set(g));
    return state.state_root();
}

tx::BlockHeader genesis_header(const Genesis& g, const Hash& state_root) {
    tx::BlockHeader h = tx::cancun_header();
    h.state_root = state_root;
    h.gas_limit = g.gas_limit;
    h.timestamp = g.timestamp;
    h.extra_data = g.extra_data;
    h.base_fee_per_gas = g.base_fee;
    return h;
}

tx::BlockHeader next_header_template(const Genesis& g, const tx::BlockHeader& parent, const Hash& parent_hash,
                                     std::uint64_t timestamp) {
    return tx::child_header_template(parent, parent_hash, timestamp, g.fee_recipient, g.gas_limit);
}

}  // namespace optimist::sequencer
