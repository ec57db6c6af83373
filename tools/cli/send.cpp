// optimist send: builds an EIP-1559 transaction, signs it with a dev account (or --key),
// sends it and waits for its receipt.
#include "cli_common.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/rpc/http_client.hpp>
#include <optimist/rpc/params.hpp>
#include <optimist/sequencer/dev_accounts.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/signing.hpp>

#include <boost/program_options.hpp>

#include <chrono>
#include <iostream>
#include <thread>

namespace po = boost::program_options;

namespace optimist::cli {
namespace {

// Reads a quantity result or reports which call failed.
Result<Uint256, std::string> quantity_of(const Result<nlohmann::json, rpc::RpcError>& r, std::string_view what) {
    if (!r) return fail(std::string(what) + ": " + r.error().message);
    auto v = rpc::parse_quantity(*r);
    if (!v) return fail(std::string(what) + ": " + v.error());
    return *v;
}

}  // namespace

int run_send(const std::vector<std::string>& args) {
    std::string url;
    std::string to_text;
    std::string value_text;
    std::string data_text;
    std::string key_text;
    unsigned dev_account = 0;
    std::uint64_t gas = 0;
    double wait_seconds = 30;

    po::options_description desc("optimist send options");
    desc.add_options()
        ("help,h", "print this help and exit")
        ("rpc", po::value(&url)->default_value(std::string(kDefaultRpc)), "the node's JSON-RPC URL")
        ("to", po::value(&to_text), "recipient address; omit to deploy --data as init code")
        ("value", po::value(&value_text)->default_value("0"), "amount: 1.5eth, 20gwei or wei")
        ("data", po::value(&data_text)->default_value("0x"), "call data or init code, hex")
        ("key", po::value(&key_text), "private key (hex) to sign with, instead of a dev account")
        ("dev-account", po::value(&dev_account)->default_value(0), "dev account 0-9 to sign with")
        ("gas", po::value(&gas), "gas limit (default: eth_estimateGas)")
        ("wait", po::value(&wait_seconds)->default_value(30), "seconds to wait for the receipt (0: do not wait)");
    po::variables_map vm;
    try {
        po::store(po::command_line_parser(args).options(desc).run(), vm);
        po::notify(vm);
    } catch (const po::error& e) {
        std::cerr << "optimist send: " << e.what() << "\n\n" << desc << '\n';
        return kExitUsage;
    }
    if (vm.count("help")) {
        std::cout << "Usage: optimist send [options]\n\nSigns an EIP-1559 transaction (a transfer, a call, or a "
                     "deployment without --to), sends it\nand waits for the receipt.\n\n"
                  << desc << '\n';
        return kExitOk;
    }

    Hash key;
    if (vm.count("key")) {
        auto k = fixed_from_hex<32>(key_text);
        if (!k || !crypto::is_valid_scalar(*k)) {
            std::cerr << "optimist send: --key is not a valid secp256k1 private key\n";
            return kExitUsage;
        }
        key = *k;
    } else {
        if (dev_account >= sequencer::kDevAccounts.size()) {
            std::cerr << "optimist send: --dev-account must be 0-9\n";
            return kExitUsage;
        }
        key = sequencer::dev_private_key(dev_account);
    }
    const auto from = crypto::address_from_private_key(key);
    auto value = parse_amount(value_text);
    if (!value) {
        std::cerr << "optimist send: --value: " << value.error() << '\n';
        return kExitUsage;
    }
    auto data = from_hex(data_text);
    if (!data) {
        std::cerr << "optimist send: --data is not hex\n";
        return kExitUsage;
    }
    std::optional<Address> to;
    if (vm.count("to")) {
        auto a = fixed_from_hex<20>(to_text);
        if (!a) {
            std::cerr << "optimist send: --to is not a 20-byte address\n";
            return kExitUsage;
        }
        to = *a;
    }

    rpc::HttpClient client(url);
    const std::string from_hex_text = rpc::format_address(*from);
    auto chain_id = quantity_of(client.call("eth_chainId"), "eth_chainId");
    auto nonce = quantity_of(client.call("eth_getTransactionCount", {from_hex_text, "pending"}), "eth_getTransactionCount");
    auto tip = quantity_of(client.call("eth_maxPriorityFeePerGas"), "eth_maxPriorityFeePerGas");
    auto block = client.call("eth_getBlockByNumber", {"latest", false});
    for (const auto* r : {&chain_id, &nonce, &tip}) {
        if (!*r) {
            std::cerr << "optimist send: " << r->error() << '\n';
            return kExitFailure;
        }
    }
    if (!block || !block->is_object()) {
        std::cerr << "optimist send: cannot read the latest block from " << url << '\n';
        return kExitFailure;
    }
    auto base_fee = rpc::parse_quantity((*block)["baseFeePerGas"]);

    tx::Transaction t;
    t.type = tx::TxType::dynamic_fee;
    t.chain_id = chain_id->w[0];
    t.nonce = nonce->w[0];
    t.max_priority_fee_per_gas = *tip;
    // Twice the base fee plus the tip: stays valid through several blocks of rising fees.
    t.max_fee_per_gas = (base_fee ? *base_fee : Uint256{}) * Uint256{2} + *tip;
    t.to = to;
    t.value = *value;
    t.data = std::move(*data);
    if (vm.count("gas")) {
        t.gas_limit = gas;
    } else {
        nlohmann::json call = {{"from", from_hex_text}, {"value", rpc::format_quantity(t.value)},
                               {"input", rpc::format_data(t.data)}};
        if (to) call["to"] = rpc::format_address(*to);
        auto estimate = quantity_of(client.call("eth_estimateGas", {call}), "eth_estimateGas");
        if (!estimate) {
            std::cerr << "optimist send: " << estimate.error() << '\n';
            return kExitFailure;
        }
        t.gas_limit = estimate->w[0];
    }
    auto signed_tx = tx::sign_transaction(t, key);
    if (!signed_tx) {
        std::cerr << "optimist send: signing failed: " << tx::to_string(signed_tx.error()) << '\n';
        return kExitFailure;
    }
    const std::string raw = rpc::format_data(tx::encode_transaction(*signed_tx));
    auto sent = client.call("eth_sendRawTransaction", {raw});
    if (!sent) {
        std::cerr << "optimist send: rejected: " << sent.error().message << '\n';
        return kExitFailure;
    }
    const std::string hash = sent->get<std::string>();
    std::cout << "transaction " << hash << "\n  from  " << from_hex_text << "\n  nonce " << t.nonce << "\n  value "
              << format_ether(t.value) << "\n  gas   " << t.gas_limit << '\n';
    if (wait_seconds <= 0) return kExitOk;

    const auto deadline = std::chrono::steady_clock::now() + std::chrono::duration<double>(wait_seconds);
    while (std::chrono::steady_clock::now() < deadline) {
        auto receipt = client.call("eth_getTransactionReceipt", {hash});
        if (receipt && receipt->is_object()) {
            const bool ok = (*receipt)["status"] == "0x1";
            std::cout << "  block " << rpc::parse_quantity_u64((*receipt)["blockNumber"]).value_or(0) << ", gas used "
                      << rpc::parse_quantity_u64((*receipt)["gasUsed"]).value_or(0) << ", status "
                      << (ok ? "success" : "failed (reverted)") << '\n';
            if (!(*receipt)["contractAddress"].is_null())
                std::cout << "  contract " << (*receipt)["contractAddress"].get<std::string>() << '\n';
            return ok ? kExitOk : kExitFailure;
        }
        std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    std::cerr << "optimist send: no receipt within " << wait_seconds << " s (the transaction is still pending)\n";
    return kExitFailure;
}

}  // namespace optimist::cli
