// optimist-l1's JSON-RPC served in-process on an ephemeral loopback port, driven through
// L1RpcClient: every answer equals the stub's own.
#include "l1_test_util.hpp"
#include "served_l1.hpp"

#include <optimist/l1/l1_stub.hpp>
#include <optimist/l1/rpc_api.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/http_client.hpp>
#include <optimist/rpc/http_server.hpp>
#include <optimist/rpc/params.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace optimist::l1::test {
namespace {

using nlohmann::json;

class L1RpcTest : public ::testing::Test {
protected:
    void SetUp() override {
        auto s = L1Stub::open(stub_config(dir_));
        ASSERT_TRUE(s) << s.error();
        stub_ = std::move(*s);
        served_.start(*stub_);
    }

    TempDir dir_;
    std::unique_ptr<L1Stub> stub_;
    ServedL1 served_;
};

TEST_F(L1RpcTest, ClientAnswersAsTheStub) {
    L1& remote = served_.client();
    L1& local = *stub_;
    EXPECT_EQ(*remote.chain_id(), 900u);
    EXPECT_EQ(*remote.config(), *local.config());
    EXPECT_EQ(*remote.head(), *local.head());
    const L1Config c = *local.config();

    const Bytes batch = {0, 1, 2, 3};
    auto h1 = remote.send_raw_transaction(wire(l1_tx(dev_key(0), c.batch_inbox, batch, 0)));
    ASSERT_TRUE(h1) << h1.error().message;
    auto h2 = remote.send_raw_transaction(
        wire(l1_tx(dev_key(1), c.output_oracle, propose_data(5, 42), 0, c.min_bond)));
    ASSERT_TRUE(h2) << h2.error().message;
    auto h3 = remote.send_raw_transaction(
        wire(l1_tx(dev_key(1), c.output_oracle, propose_data(6, 41), 1, c.min_bond)));
    ASSERT_TRUE(h3);
    EXPECT_EQ(*remote.nonce(dev_address(1), NonceView::pending), 2u);
    EXPECT_EQ(*remote.nonce(dev_address(1), NonceView::latest), 0u);
    EXPECT_FALSE(*remote.receipt(*h1));

    auto mined = remote.mine();
    ASSERT_TRUE(mined) << mined.error().message;
    EXPECT_EQ(*mined, *local.head());
    for (int i = 0; i < 3; ++i) ASSERT_TRUE(remote.mine());  // finalizes the proposal (window 3)

    for (const Hash& h : {*h1, *h2, *h3}) EXPECT_EQ(*remote.receipt(h), *local.receipt(h));
    EXPECT_FALSE((*remote.receipt(*h3))->success);
    EXPECT_FALSE((*remote.receipt(*h3))->failure_reason.empty());
    EXPECT_EQ(*remote.batches(0, 100), *local.batches(0, 100));
    EXPECT_EQ(remote.batches(0, 100)->size(), 1u);
    EXPECT_EQ(*remote.outputs(0, 10), *local.outputs(0, 10));
    EXPECT_EQ((*remote.outputs(0, 10))[0].status, OutputStatus::finalized);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(*remote.balance(dev_address(i)), *local.balance(dev_address(i)));
        EXPECT_EQ(*remote.nonce(dev_address(i), NonceView::latest),
                  *local.nonce(dev_address(i), NonceView::latest));
    }
    EXPECT_EQ(*remote.head(), *local.head());
}

TEST_F(L1RpcTest, RejectionsCarryTheStubsMessages) {
    const L1Config c = *stub_->config();
    const Bytes wrong_chain = wire(l1_tx(dev_key(0), c.batch_inbox, {1}, 0, {}, 1));
    auto r = served_.client().send_raw_transaction(wrong_chain);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), (L1Error{L1ErrorKind::rejected, "invalid chain id for signer"}));
    ASSERT_TRUE(served_.client().send_raw_transaction(wire(l1_tx(dev_key(0), c.batch_inbox, {1}, 0))));
    ASSERT_TRUE(served_.client().mine());
    EXPECT_EQ(served_.client().send_raw_transaction(wire(l1_tx(dev_key(0), c.batch_inbox, {2}, 0))).error().message,
              "nonce too low");
    EXPECT_EQ(served_.client().outputs(0, kMaxOutputsCount + 1).error().kind, L1ErrorKind::rejected);
}

TEST_F(L1RpcTest, ServesBlocksToStandardTools) {
    const L1Config c = *stub_->config();
    auto h = stub_->send_raw_transaction(wire(l1_tx(dev_key(0), c.batch_inbox, {7}, 0)));
    ASSERT_TRUE(h);
    ASSERT_TRUE(stub_->mine());
    rpc::HttpClient raw(served_.url());
    EXPECT_EQ(*raw.call("eth_chainId"), "0x384");
    EXPECT_EQ(*raw.call("net_version"), "900");
    EXPECT_EQ(*raw.call("eth_blockNumber"), "0x1");
    auto block = raw.call("eth_getBlockByNumber", json::array({"latest", false}));
    ASSERT_TRUE(block);
    EXPECT_EQ((*block)["number"], "0x1");
    EXPECT_EQ((*block)["hash"], rpc::format_hash(stub_->head()->hash));
    EXPECT_EQ((*block)["parentHash"], rpc::format_hash(stub_->block(0)->hash));
    EXPECT_EQ((*block)["transactions"], json::array({rpc::format_hash(*h)}));
    EXPECT_EQ((*block)["baseFeePerGas"], "0x3b9aca00");
    for (const char* key : {"timestamp", "gasLimit", "gasUsed", "stateRoot", "miner", "transactionsRoot"})
        EXPECT_TRUE(block->contains(key)) << key;
    auto full = raw.call("eth_getBlockByNumber", json::array({"0x1", true}));
    ASSERT_TRUE(full);
    EXPECT_EQ((*full)["transactions"][0]["from"], rpc::format_address(dev_address(0)));
    EXPECT_EQ((*full)["transactions"][0]["input"], "0x07");
    EXPECT_TRUE(raw.call("eth_getBlockByNumber", json::array({"0x9"}))->is_null());
    auto receipt = raw.call("eth_getTransactionReceipt", json::array({rpc::format_hash(*h)}));
    ASSERT_TRUE(receipt);
    EXPECT_EQ((*receipt)["status"], "0x1");
    EXPECT_EQ((*receipt)["blockNumber"], "0x1");
    EXPECT_EQ((*receipt)["to"], rpc::format_address(c.batch_inbox));
    EXPECT_EQ((*receipt)["cumulativeGasUsed"], (*receipt)["gasUsed"]);
    EXPECT_EQ(
        *raw.call("eth_getTransactionCount", json::array({rpc::format_address(dev_address(0)), "pending"})),
        "0x1");
    auto old = raw.call("eth_getBalance", json::array({rpc::format_address(dev_address(0)), "0x0"}));
    ASSERT_FALSE(old);
    EXPECT_EQ(old.error().code, rpc::kServerError);
    auto bad = raw.call("optimist_l1Batches", json::array({"0x0"}));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, rpc::kInvalidParams);
}

TEST(L1RpcClientTransport, UnreachableIsUnavailable) {
    rpc::HttpClientOptions options;
    options.timeout = std::chrono::milliseconds(2'000);
    // Port 1 on loopback: nothing listens there.
    L1RpcClient client("http://127.0.0.1:1", options);
    auto head = client.head();
    ASSERT_FALSE(head);
    EXPECT_EQ(head.error().kind, L1ErrorKind::unavailable);
}

}  // namespace
}  // namespace optimist::l1::test
