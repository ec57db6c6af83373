// The JSON-RPC methods through the dispatcher, in-process (the HTTP transport has its own
// tests in tests/rpc; the end-to-end tests in tests/e2e drive both with ethers.js).
#include "../common/hex_literal.hpp"
#include "node_test_util.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/keccak.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/sequencer/eth_api.hpp>
#include <optimist/trie/proof.hpp>

#include <nlohmann/json.hpp>

#include <gtest/gtest.h>

namespace optimist::sequencer {
namespace {

using nlohmann::json;
using test::transfer;
using test::wire;

class EthApiTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto n = Node::open(test::test_config(dir_));
        ASSERT_TRUE(n) << n.error();
        node_ = std::move(*n);
        register_eth_api(dispatcher_, *node_);
    }

    // The whole response object of one call.
    json call(const std::string& method, json params = json::array()) {
        const json request = {{"jsonrpc", "2.0"}, {"id", 1}, {"method", method}, {"params", std::move(params)}};
        return json::parse(dispatcher_.handle(request.dump()));
    }
    json result(const std::string& method, json params = json::array()) {
        json r = call(method, std::move(params));
        EXPECT_TRUE(r.contains("result")) << method << ": " << r.dump();
        return r.value("result", json());
    }
    std::string send(const tx::Transaction& t) { return result("eth_sendRawTransaction", {to_hex(wire(t))}).get<std::string>(); }

    test::TempDir dir_;
    std::unique_ptr<Node> node_;
    rpc::Dispatcher dispatcher_;
};

const std::string kRecipient = "0x0000000000000000000000000000000000000077";

// Deploys a contract whose runtime code emits LOG1(topic 0xaa..) with 32 bytes of data and
// stores CALLVALUE+1 at slot 0; reverts with Error("nope") when called with data.
// Runtime (hand-assembled):
//   CALLDATASIZE PUSH1 0x1a JUMPI          ; with data -> revert path
//   CALLVALUE PUSH1 1 ADD PUSH1 0 SSTORE   ; slot0 = value + 1
//   PUSH32 0xaa..aa PUSH1 0x20 PUSH1 0 LOG1
//   STOP
//   JUMPDEST (0x1a... computed below) revert with Error("nope")
Bytes runtime_code() {
    Bytes c;
    auto push = [&](std::initializer_list<std::uint8_t> b) { c.insert(c.end(), b); };
    push({0x36});              // CALLDATASIZE
    push({0x60, 0x00});        // PUSH1 <revert label>, patched below
    const std::size_t label_at = c.size() - 1;
    push({0x57});              // JUMPI
    push({0x34, 0x60, 0x01, 0x01, 0x60, 0x00, 0x55});  // CALLVALUE 1 ADD 0 SSTORE
    c.push_back(0x7f);         // PUSH32 topic
    c.insert(c.end(), 32, 0xaa);
    push({0x60, 0x20, 0x60, 0x00, 0xa1});  // LOG1(offset 0, size 32, topic)
    push({0x00});                          // STOP
    c[label_at] = static_cast<std::uint8_t>(c.size());
    push({0x5b});  // JUMPDEST
    // mstore Error(string) selector and ABI body "nope" at memory 0, revert(0, 0x64)
    const Bytes reason = optimist::test::hex(
        "08c379a0"
        "0000000000000000000000000000000000000000000000000000000000000020"
        "0000000000000000000000000000000000000000000000000000000000000004"
        "6e6f706500000000000000000000000000000000000000000000000000000000");
    for (std::size_t i = 0; i < reason.size(); ++i) {
        push({0x60, reason[i], 0x60, static_cast<std::uint8_t>(i), 0x53});  // MSTORE8
    }
    push({0x60, static_cast<std::uint8_t>(reason.size()), 0x60, 0x00, 0xfd});  // REVERT
    return c;
}

// Init code that returns runtime_code():
//   PUSH2 len DUP1 PUSH1 12 PUSH1 0 CODECOPY PUSH1 0 RETURN, then the runtime (at offset 12).
Bytes init_code() {
    const Bytes runtime = runtime_code();
    const std::uint8_t header[] = {0x61, static_cast<std::uint8_t>(runtime.size() >> 8),
                                   static_cast<std::uint8_t>(runtime.size()), 0x80, 0x60, 12, 0x60, 0x00, 0x39,
                                   0x60, 0x00, 0xf3};
    Bytes c;
    c.reserve(sizeof header + runtime.size());
    c.insert(c.end(), std::begin(header), std::end(header));
    c.insert(c.end(), runtime.begin(), runtime.end());
    return c;
}

TEST_F(EthApiTest, IdentityMethods) {
    EXPECT_EQ(result("eth_chainId"), "0x385");
    EXPECT_EQ(result("net_version"), "901");
    EXPECT_NE(result("web3_clientVersion").get<std::string>().find("Optimist"), std::string::npos);
    EXPECT_EQ(result("eth_blockNumber"), "0x0");
    EXPECT_EQ(result("eth_accounts"), json::array());
}

TEST_F(EthApiTest, BlocksTransactionsAndReceipts) {
    const tx::Transaction t = transfer(0, *fixed_from_hex<20>(kRecipient), Uint256{5}, 0);
    const std::string hash = send(t);
    EXPECT_EQ(result("eth_getTransactionCount", {std::string(kDevAccounts[0].address), "pending"}), "0x1");
    EXPECT_EQ(result("eth_getTransactionCount", {std::string(kDevAccounts[0].address), "latest"}), "0x0");
    const json pending_tx = result("eth_getTransactionByHash", {hash});
    EXPECT_TRUE(pending_tx["blockNumber"].is_null());
    EXPECT_TRUE(result("eth_getTransactionReceipt", {hash}).is_null());
    const json pending_block = result("eth_getBlockByNumber", {"pending", false});
    EXPECT_EQ(pending_block["transactions"], json::array({hash}));
    EXPECT_TRUE(pending_block["hash"].is_null());

    ASSERT_TRUE(node_->produce_block());
    const json block = result("eth_getBlockByNumber", {"latest", true});
    EXPECT_EQ(block["number"], "0x1");
    ASSERT_EQ(block["transactions"].size(), 1u);
    EXPECT_EQ(block["transactions"][0]["hash"], hash);
    EXPECT_EQ(block["transactions"][0]["from"], to_hex(dev_address(0).view()));
    EXPECT_EQ(result("eth_getBlockByHash", {block["hash"], false})["transactions"], json::array({hash}));
    EXPECT_EQ(result("eth_getBlockByNumber", {"earliest", false})["number"], "0x0");
    EXPECT_TRUE(result("eth_getBlockByNumber", {"0x99", false}).is_null());

    const json receipt = result("eth_getTransactionReceipt", {hash});
    EXPECT_EQ(receipt["status"], "0x1");
    EXPECT_EQ(receipt["gasUsed"], "0x5208");
    EXPECT_EQ(receipt["blockHash"], block["hash"]);
    EXPECT_EQ(receipt["to"], kRecipient);
    EXPECT_EQ(result("eth_getBalance", {kRecipient, "latest"}), "0x5");
    EXPECT_EQ(result("eth_getBalance", {kRecipient, "0x0"}), "0x0");
    EXPECT_EQ(result("eth_getTransactionCount", {std::string(kDevAccounts[0].address), "latest"}), "0x1");
}

TEST_F(EthApiTest, DeployCallLogsStorageAndTrace) {
    tx::Transaction deploy;
    deploy.type = tx::TxType::dynamic_fee;
    deploy.chain_id = 901;
    deploy.max_fee_per_gas = Uint256{10} * test::kGwei;
    deploy.max_priority_fee_per_gas = Uint256{1};
    deploy.gas_limit = 500'000;
    deploy.data = init_code();
    deploy = *tx::sign_transaction(deploy, dev_private_key(1));
    const std::string deploy_hash = send(deploy);
    ASSERT_TRUE(node_->produce_block());
    const json receipt = result("eth_getTransactionReceipt", {deploy_hash});
    ASSERT_EQ(receipt["status"], "0x1") << receipt.dump();
    const std::string contract = receipt["contractAddress"].get<std::string>();
    EXPECT_EQ(result("eth_getCode", {contract, "latest"}), to_hex(runtime_code()));

    // A call with value 41 stores 42 and logs.
    tx::Transaction poke = transfer(2, *fixed_from_hex<20>(contract), Uint256{41}, 0);
    poke.gas_limit = 100'000;
    poke = *tx::sign_transaction(poke, dev_private_key(2));
    const std::string poke_hash = send(poke);
    ASSERT_TRUE(node_->produce_block());
    EXPECT_EQ(result("eth_getTransactionReceipt", {poke_hash})["status"], "0x1");
    EXPECT_EQ(result("eth_getStorageAt", {contract, "0x0", "latest"}),
              "0x000000000000000000000000000000000000000000000000000000000000002a");

    const std::string topic = "0x" + std::string(64, 'a');
    const json logs = result("eth_getLogs", {{{"fromBlock", "0x0"}, {"toBlock", "latest"}, {"address", contract}, {"topics", {topic}}}});
    ASSERT_EQ(logs.size(), 1u);
    EXPECT_EQ(logs[0]["transactionHash"], poke_hash);
    EXPECT_EQ(logs[0]["blockNumber"], "0x2");
    EXPECT_EQ(logs[0]["logIndex"], "0x0");
    const json none = result("eth_getLogs", {{{"fromBlock", "0x0"}, {"topics", {"0x" + std::string(64, 'b')}}}});
    EXPECT_TRUE(none.empty());

    // eth_call: success returns nothing; with data it reverts with the reason and data.
    EXPECT_EQ(result("eth_call", {{{"to", contract}}, "latest"}), "0x");
    const json reverted = call("eth_call", {{{"to", contract}, {"input", "0x01"}}, "latest"});
    ASSERT_TRUE(reverted.contains("error")) << reverted.dump();
    EXPECT_EQ(reverted["error"]["code"], 3);
    EXPECT_EQ(reverted["error"]["message"], "execution reverted: nope");
    EXPECT_EQ(reverted["error"]["data"].get<std::string>().substr(0, 10), "0x08c379a0");

    // eth_estimateGas: enough for the call to succeed, and sending with it works.
    const json estimate = result("eth_estimateGas", {{{"from", std::string(kDevAccounts[3].address)}, {"to", contract}, {"value", "0x1"}}});
    const std::uint64_t gas = std::stoull(estimate.get<std::string>(), nullptr, 16);
    EXPECT_GT(gas, 21'000u + 5'000u);  // at least the transfer and the SSTORE
    tx::Transaction exact = transfer(3, *fixed_from_hex<20>(contract), Uint256{1}, 0);
    exact.gas_limit = gas;
    exact = *tx::sign_transaction(exact, dev_private_key(3));
    const std::string exact_hash = send(exact);
    ASSERT_TRUE(node_->produce_block());
    EXPECT_EQ(result("eth_getTransactionReceipt", {exact_hash})["status"], "0x1");
    // One gas less fails: the estimate is tight.
    const json short_call = call("eth_call", {{{"from", std::string(kDevAccounts[3].address)}, {"to", contract}, {"value", "0x1"},
                                                {"gas", to_hex(Uint256{gas - 1})}}, "0x2"});
    EXPECT_TRUE(short_call.contains("error")) << short_call.dump();

    // debug_traceTransaction: the struct logs of the poke end in STOP at depth 1.
    const json trace = result("debug_traceTransaction", {poke_hash});
    EXPECT_EQ(trace["failed"], false);
    ASSERT_FALSE(trace["structLogs"].empty());
    EXPECT_EQ(trace["structLogs"].back()["op"], "STOP");
    EXPECT_EQ(trace["structLogs"][0]["op"], "CALLDATASIZE");
    EXPECT_EQ(to_hex(Uint256{trace["gas"].get<std::uint64_t>()}),
              result("eth_getTransactionReceipt", {poke_hash})["gasUsed"]);
}

TEST_F(EthApiTest, ProofVerifiesAgainstTheStateRoot) {
    ASSERT_TRUE(node_->produce_block());
    const json block = result("eth_getBlockByNumber", {"latest", false});
    const std::string address(kDevAccounts[0].address);
    const json proof = result("eth_getProof", {address, json::array({"0x0"}), "latest"});
    ASSERT_FALSE(proof["accountProof"].empty());
    const Bytes first = optimist::test::hex(proof["accountProof"][0].get<std::string>());
    EXPECT_EQ(to_hex(keccak256(first).view()), block["stateRoot"]);
    EXPECT_EQ(proof["balance"], result("eth_getBalance", {address, "latest"}));
    EXPECT_EQ(proof["storageProof"][0]["value"], "0x0");
}

TEST_F(EthApiTest, ErrorsAreJsonRpcErrors) {
    auto code_of = [&](const std::string& method, json params) {
        json r = call(method, std::move(params));
        EXPECT_TRUE(r.contains("error")) << method << " " << r.dump();
        return r.contains("error") ? r["error"]["code"].get<int>() : 0;
    };
    EXPECT_EQ(code_of("eth_getBalance", json::array()), -32602);
    EXPECT_EQ(code_of("eth_getBalance", {"0x1234", "latest"}), -32602);
    EXPECT_EQ(code_of("eth_getBalance", {kRecipient, "0x99"}), -32000);
    EXPECT_EQ(code_of("eth_sendRawTransaction", {"0xdeadbeef"}), -32000);
    EXPECT_EQ(code_of("eth_getBlockByNumber", {"newest", false}), -32602);
    EXPECT_EQ(code_of("eth_getLogs", {{{"fromBlock", "0x2"}, {"toBlock", "0x1"}}}), -32000);
    EXPECT_EQ(code_of("eth_feeHistory", {"0x1", "latest", {90, 10}}), -32000);
    EXPECT_EQ(code_of("debug_traceTransaction", {"0x" + std::string(64, '0')}), -32000);
}

TEST_F(EthApiTest, FeeHistoryAndGasPrice) {
    ASSERT_TRUE(node_->produce_block());
    ASSERT_TRUE(node_->produce_block());
    const json h = result("eth_feeHistory", {"0x2", "latest", {25, 75}});
    EXPECT_EQ(h["oldestBlock"], "0x1");
    EXPECT_EQ(h["baseFeePerGas"].size(), 3u);
    EXPECT_EQ(h["gasUsedRatio"].size(), 2u);
    EXPECT_EQ(h["reward"].size(), 2u);
    const json next_fee = h["baseFeePerGas"][2];
    const Uint256 price = *uint256_from_string(result("eth_gasPrice").get<std::string>());
    EXPECT_GT(price, *uint256_from_string(next_fee.get<std::string>()));
}

}  // namespace
}  // namespace optimist::sequencer
