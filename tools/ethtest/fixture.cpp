#include "fixture.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/exec/apply_transaction.hpp>

#include <nlohmann/json.hpp>

#include <limits>
#include <stdexcept>
#include <string>

namespace optimist::ethtest {
namespace {

using nlohmann::json;

// "0x:bigint 0x..." marks a number the fixture author made deliberately too large for RLP.
constexpr std::string_view kBigIntPrefix = "0x:bigint ";

[[noreturn]] void malformed(std::string_view what, std::string_view value) {
    throw std::runtime_error("malformed " + std::string(what) + ": \"" + std::string(value) + "\"");
}

// nullopt for numbers outside 256 bits (the "0x:bigint" escape included).
std::optional<Uint256> parse_big(std::string_view s) {
    if (s.starts_with(kBigIntPrefix)) s.remove_prefix(kBigIntPrefix.size());
    if (s == "0x" || s == "0X") return Uint256{};
    return uint256_from_string(s);
}

Uint256 parse_u256(const json& j, std::string_view what) {
    const auto& s = j.get_ref<const std::string&>();
    const auto v = parse_big(s);
    if (!v) malformed(what, s);
    return *v;
}

std::optional<std::uint64_t> parse_small(std::string_view s) {
    const auto v = parse_big(s);
    if (!v || !v->fits_u64()) return std::nullopt;
    return v->w[0];
}

std::uint64_t parse_u64(const json& j, std::string_view what) {
    const auto& s = j.get_ref<const std::string&>();
    const auto v = parse_small(s);
    if (!v) malformed(what, s);
    return *v;
}

Bytes parse_bytes(const json& j, std::string_view what) {
    const auto& s = j.get_ref<const std::string&>();
    auto b = from_hex(s);
    if (!b) malformed(what, s);
    return std::move(b).value();
}

template <std::size_t N>
FixedBytes<N> parse_fixed(const json& j, std::string_view what) {
    const auto& s = j.get_ref<const std::string&>();
    auto b = fixed_from_hex<N>(s);
    if (!b) malformed(what, s);
    return *b;
}

// 32-byte words given as numbers ("0x01") or full hashes: both right-aligned.
Hash parse_word(const json& j, std::string_view what) { return parse_u256(j, what).to_hash(); }

Env parse_env(const json& j) {
    Env env;
    env.coinbase = parse_fixed<20>(j.at("currentCoinbase"), "currentCoinbase");
    env.gas_limit = parse_u64(j.at("currentGasLimit"), "currentGasLimit");
    env.number = parse_u64(j.at("currentNumber"), "currentNumber");
    env.timestamp = parse_u64(j.at("currentTimestamp"), "currentTimestamp");
    if (j.contains("currentDifficulty"))
        env.difficulty = parse_u256(j["currentDifficulty"], "currentDifficulty");
    if (j.contains("currentRandom"))
        env.prev_randao = parse_u256(j["currentRandom"], "currentRandom");
    else if (j.contains("currentPrevRandao"))
        env.prev_randao = parse_u256(j["currentPrevRandao"], "currentPrevRandao");
    if (j.contains("currentBaseFee")) env.base_fee = parse_u256(j["currentBaseFee"], "currentBaseFee");
    if (j.contains("currentExcessBlobGas")) {
        env.excess_blob_gas = parse_u64(j["currentExcessBlobGas"], "currentExcessBlobGas");
    }
    return env;
}

std::vector<std::pair<Address, state::InMemoryState::StoredAccount>> parse_pre(const json& j) {
    std::vector<std::pair<Address, state::InMemoryState::StoredAccount>> pre;
    pre.reserve(j.size());
    for (const auto& [key, value] : j.items()) {
        state::InMemoryState::StoredAccount account;
        account.nonce = parse_u64(value.at("nonce"), "nonce");
        account.balance = parse_u256(value.at("balance"), "balance");
        account.code = parse_bytes(value.at("code"), "code");
        for (const auto& [slot, word] : value.at("storage").items()) {
            const Uint256 v = parse_u256(word, "storage value");
            const auto k = parse_big(slot);
            if (!k) malformed("storage key", slot);
            if (!v.is_zero()) account.storage[*k] = v;
        }
        pre.emplace_back(parse_fixed<20>(json(key), "pre address"), std::move(account));
    }
    return pre;
}

std::vector<tx::AccessListEntry> parse_access_list(const json& j) {
    std::vector<tx::AccessListEntry> list;
    for (const json& e : j) {
        tx::AccessListEntry entry;
        entry.address = parse_fixed<20>(e.at("address"), "access list address");
        for (const json& k : e.at("storageKeys")) entry.storage_keys.push_back(parse_word(k, "storage key"));
        list.push_back(std::move(entry));
    }
    return list;
}

TxTemplate parse_tx(const json& j) {
    TxTemplate t;
    for (const json& d : j.at("data")) t.data.push_back(parse_bytes(d, "data"));
    for (const json& g : j.at("gasLimit"))
        t.gas_limits.push_back(parse_small(g.get_ref<const std::string&>()));
    for (const json& v : j.at("value")) t.values.push_back(parse_big(v.get_ref<const std::string&>()));
    if (j.contains("accessLists")) {
        for (const json& a : j["accessLists"]) {
            if (a.is_null())
                t.access_lists.emplace_back(std::nullopt);
            else
                t.access_lists.emplace_back(parse_access_list(a));
        }
    }
    if (j.contains("gasPrice")) t.gas_price = parse_big(j["gasPrice"].get_ref<const std::string&>());
    t.dynamic_fee = j.contains("maxFeePerGas") || j.contains("maxPriorityFeePerGas");
    if (j.contains("maxFeePerGas"))
        t.max_fee_per_gas = parse_big(j["maxFeePerGas"].get_ref<const std::string&>());
    if (j.contains("maxPriorityFeePerGas")) {
        t.max_priority_fee_per_gas = parse_big(j["maxPriorityFeePerGas"].get_ref<const std::string&>());
    }
    t.nonce = parse_u64(j.at("nonce"), "nonce");
    const auto& to = j.at("to").get_ref<const std::string&>();
    if (!to.empty()) t.to = parse_fixed<20>(j["to"], "to");
    t.secret_key = parse_fixed<32>(j.at("secretKey"), "secretKey");
    if (j.contains("sender")) t.sender = parse_fixed<20>(j["sender"], "sender");
    if (j.contains("maxFeePerBlobGas")) {
        t.max_fee_per_blob_gas = parse_big(j["maxFeePerBlobGas"].get_ref<const std::string&>());
    }
    if (j.contains("blobVersionedHashes")) {
        std::vector<Hash> hashes;
        for (const json& h : j["blobVersionedHashes"])
            hashes.push_back(parse_fixed<32>(h, "blob versioned hash"));
        t.blob_versioned_hashes = std::move(hashes);
    }
    return t;
}

std::vector<PostEntry> parse_post(const json& j) {
    std::vector<PostEntry> post;
    const auto it = j.find(std::string(kFork));
    if (it == j.end()) return post;
    for (const json& e : *it) {
        PostEntry p;
        const json& idx = e.at("indexes");
        p.data_index = idx.at("data").get<std::size_t>();
        p.gas_index = idx.at("gas").get<std::size_t>();
        p.value_index = idx.at("value").get<std::size_t>();
        p.state_root = parse_fixed<32>(e.at("hash"), "post hash");
        p.logs_hash = parse_fixed<32>(e.at("logs"), "logs hash");
        if (e.contains("expectException")) p.expect_exception = e["expectException"].get<std::string>();
        post.push_back(std::move(p));
    }
    return post;
}

}  // namespace

std::vector<StateTest> parse_state_tests(const json& file) {
    std::vector<StateTest> tests;
    if (!file.is_object()) throw std::runtime_error("a state test file is a JSON object");
    for (const auto& [name, body] : file.items()) {
        try {
            StateTest t;
            t.name = name;
            t.post = parse_post(body.at("post"));
            t.env = parse_env(body.at("env"));
            t.pre = parse_pre(body.at("pre"));
            t.tx = parse_tx(body.at("transaction"));
            tests.push_back(std::move(t));
        } catch (const std::exception& e) {
            throw std::runtime_error(name + ": " + e.what());
        }
    }
    return tests;
}

Result<tx::Transaction, TxBuildError> build_transaction(const TxTemplate& t, const PostEntry& post) {
    constexpr std::string_view kInvalidValue = "TransactionException.RLP_INVALID_VALUE";
    if (post.data_index >= t.data.size() || post.gas_index >= t.gas_limits.size() ||
        post.value_index >= t.values.size()) {
        return fail(TxBuildError{"", "post entry index out of range"});
    }
    const auto& gas = t.gas_limits[post.gas_index];
    const auto& value = t.values[post.value_index];
    if (!gas || !value)
        return fail(TxBuildError{std::string(kInvalidValue), "gas limit or value out of range"});

    tx::Transaction out;
    out.nonce = t.nonce;
    out.gas_limit = *gas;
    out.value = *value;
    out.to = t.to;
    out.data = t.data[post.data_index];
    if (post.data_index < t.access_lists.size() && t.access_lists[post.data_index]) {
        out.access_list = *t.access_lists[post.data_index];
        out.type = tx::TxType::access_list;
    }
    if (t.dynamic_fee) {
        if (!t.max_fee_per_gas || !t.max_priority_fee_per_gas) {
            return fail(TxBuildError{std::string(kInvalidValue), "fee cap out of range"});
        }
        out.type = tx::TxType::dynamic_fee;
        out.max_fee_per_gas = *t.max_fee_per_gas;
        out.max_priority_fee_per_gas = *t.max_priority_fee_per_gas;
    } else {
        if (!t.gas_price) return fail(TxBuildError{std::string(kInvalidValue), "gas price out of range"});
        out.max_fee_per_gas = *t.gas_price;
        out.max_priority_fee_per_gas = *t.gas_price;
    }
    if (t.blob_versioned_hashes) {
        if (!t.max_fee_per_blob_gas) {
            return fail(TxBuildError{std::string(kInvalidValue), "max fee per blob gas out of range"});
        }
        out.type = tx::TxType::blob;
        out.blob_versioned_hashes = *t.blob_versioned_hashes;
        out.max_fee_per_blob_gas = *t.max_fee_per_blob_gas;
    }
    if (t.sender) {
        out.sender = *t.sender;
    } else {
        const auto sender = crypto::address_from_private_key(t.secret_key);
        if (!sender) return fail(TxBuildError{"", "secretKey is not a valid private key"});
        out.sender = *sender;
    }
    out.chain_id = 1;
    return out;
}

Hash state_test_block_hash(std::uint64_t number) {
    const std::string decimal = std::to_string(number);
    return keccak256(ByteView{reinterpret_cast<const std::uint8_t*>(decimal.data()), decimal.size()});
}

evm::BlockContext block_context(const Env& env) {
    evm::BlockContext b;
    b.coinbase = env.coinbase;
    b.number = env.number;
    b.timestamp = env.timestamp;
    b.gas_limit = env.gas_limit;
    b.prev_randao = env.prev_randao;
    b.base_fee = env.base_fee;
    b.blob_base_fee = exec::blob_base_fee(env.excess_blob_gas);
    b.chain_id = 1;
    b.block_hash = [](std::uint64_t n) { return state_test_block_hash(n); };
    return b;
}

}  // namespace optimist::ethtest
