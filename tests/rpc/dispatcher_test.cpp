#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/error.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <atomic>
#include <stdexcept>
#include <string>

namespace optimist::rpc {
namespace {

using nlohmann::json;

class DispatcherTest : public ::testing::Test {
protected:
    DispatcherTest() {
        dispatcher_.add("echo", [](const json& params) -> HandlerResult { return params; });
        dispatcher_.add("fail", [](const json&) -> HandlerResult {
            return fail(RpcError::execution_reverted("0x08c379a0", "nope"));
        });
        dispatcher_.add("throw", [](const json&) -> HandlerResult { throw std::runtime_error("boom"); });
        dispatcher_.add("throw_int", [](const json&) -> HandlerResult { throw 42; });
        dispatcher_.add("count", [this](const json&) -> HandlerResult {
            ++calls_;
            return json(nullptr);
        });
    }

    json handle(std::string_view body) const {
        const std::string out = dispatcher_.handle(body);
        if (out.empty()) return json();  // nothing sent back
        return json::parse(out);
    }

    static void expect_error(const json& response, int code, const json& id = nullptr) {
        ASSERT_TRUE(response.is_object()) << response;
        EXPECT_EQ(response.at("jsonrpc"), "2.0");
        EXPECT_EQ(response.at("id"), id) << response;
        EXPECT_EQ(response.at("error").at("code"), code) << response;
        EXPECT_FALSE(response.contains("result"));
    }

    Dispatcher dispatcher_;
    std::atomic<int> calls_{0};
};

TEST_F(DispatcherTest, CallReturnsResultWithIdAndVersion) {
    const std::string raw =
        dispatcher_.handle(R"({"jsonrpc":"2.0","id":7,"method":"echo","params":[1,"a"]})");
    // Members in geth's order, no whitespace.
    EXPECT_EQ(raw, R"({"jsonrpc":"2.0","id":7,"result":[1,"a"]})");
}

TEST_F(DispatcherTest, IdsAreEchoedExactly) {
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":"abc","method":"echo"})").at("id"), "abc");
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":null,"method":"echo"})").at("id"), nullptr);
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":-3,"method":"echo"})").at("id"), -3);
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":0,"method":"echo"})").at("id"), 0);
    EXPECT_EQ(dispatcher_.handle(R"({"jsonrpc":"2.0","id":18446744073709551615,"method":"echo"})"),
              R"({"jsonrpc":"2.0","id":18446744073709551615,"result":[]})");
    EXPECT_EQ(dispatcher_.handle(R"({"jsonrpc":"2.0","id":1.5,"method":"echo"})"),
              R"({"jsonrpc":"2.0","id":1.5,"result":[]})");
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":"","method":"echo"})").at("id"), "");
}

TEST_F(DispatcherTest, ParamsAbsentOrNullBecomeEmptyArray) {
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").at("result"), json::array());
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":null})").at("result"),
              json::array());
}

TEST_F(DispatcherTest, ObjectParamsArePassedThrough) {
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":{"a":1}})").at("result"),
              json({{"a", 1}}));
}

TEST_F(DispatcherTest, ScalarParamsAreInvalidParams) {
    for (const char* params : {"1", "\"x\"", "true"}) {
        const std::string body =
            std::string(R"({"jsonrpc":"2.0","id":1,"method":"echo","params":)") + params + "}";
        expect_error(handle(body), kInvalidParams, 1);
    }
}

TEST_F(DispatcherTest, ParseErrorHasNullId) {
    for (const char* body :
         {"", "{", "nope", R"({"jsonrpc":"2.0","id":1,"method":"echo")", "[1,]", "\xff\xfe"}) {
        const json r = handle(body);
        expect_error(r, kParseError);
        EXPECT_EQ(r["error"]["message"], "parse error");
    }
}

TEST_F(DispatcherTest, InvalidRequests) {
    const char* cases[] = {
        R"(1)",
        R"("x")",
        R"(null)",
        R"({"id":1,"method":"echo"})",                  // no version
        R"({"jsonrpc":"1.0","id":1,"method":"echo"})",  // wrong version
        R"({"jsonrpc":2.0,"id":1,"method":"echo"})",    // version not a string
        R"({"jsonrpc":"2.0","id":1})",                  // no method
        R"({"jsonrpc":"2.0","id":1,"method":""})",      // empty method
        R"({"jsonrpc":"2.0","id":1,"method":5})",       // method not a string
    };
    for (const char* body : cases) {
        SCOPED_TRACE(body);
        const json r = handle(body);
        const json id = r.is_object() && r.contains("id") ? r["id"] : json();
        expect_error(r, kInvalidRequest, id);
        EXPECT_EQ(r["error"]["message"], "invalid request");
        EXPECT_TRUE(id.is_null() || id == 1);
    }
    // Ids of the wrong type are not echoed.
    for (const char* body :
         {R"({"jsonrpc":"2.0","id":{},"method":"echo"})", R"({"jsonrpc":"2.0","id":[1],"method":"echo"})",
          R"({"jsonrpc":"2.0","id":true,"method":"echo"})"}) {
        expect_error(handle(body), kInvalidRequest);
    }
    // An invalid request without an id is still answered.
    expect_error(handle(R"({"jsonrpc":"2.0"})"), kInvalidRequest);
}

TEST_F(DispatcherTest, UnknownMethodUsesGethMessage) {
    const json r = handle(R"({"jsonrpc":"2.0","id":2,"method":"eth_nope"})");
    expect_error(r, kMethodNotFound, 2);
    EXPECT_EQ(r["error"]["message"], "the method eth_nope does not exist/is not available");
}

TEST_F(DispatcherTest, HandlerErrorKeepsCodeMessageAndData) {
    const json r = handle(R"({"jsonrpc":"2.0","id":3,"method":"fail"})");
    expect_error(r, kExecutionReverted, 3);
    EXPECT_EQ(r["error"]["message"], "execution reverted: nope");
    EXPECT_EQ(r["error"]["data"], "0x08c379a0");
    // No "data" member when there is none.
    const json u = handle(R"({"jsonrpc":"2.0","id":3,"method":"nope"})");
    EXPECT_FALSE(u["error"].contains("data"));
}

TEST_F(DispatcherTest, ThrowingHandlerIsInternalErrorAndServingContinues) {
    for (const char* method : {"throw", "throw_int"}) {
        const json r = handle(std::string(R"({"jsonrpc":"2.0","id":4,"method":")") + method + "\"}");
        expect_error(r, kInternalError, 4);
        EXPECT_EQ(r["error"]["message"], "method handler crashed");
    }
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":5,"method":"echo"})").at("result"), json::array());
}

TEST_F(DispatcherTest, NotificationsRunButGetNoResponse) {
    EXPECT_EQ(dispatcher_.handle(R"({"jsonrpc":"2.0","method":"count"})"), "");
    EXPECT_EQ(calls_, 1);
    // Not even errors of a valid notification are answered.
    EXPECT_EQ(dispatcher_.handle(R"({"jsonrpc":"2.0","method":"nope"})"), "");
    EXPECT_EQ(dispatcher_.handle(R"({"jsonrpc":"2.0","method":"throw"})"), "");
    EXPECT_EQ(dispatcher_.handle(R"({"jsonrpc":"2.0","method":"echo","params":5})"), "");
    // "id": null is a call, not a notification.
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":null,"method":"count"})").at("result"), nullptr);
    EXPECT_EQ(calls_, 2);
}

TEST_F(DispatcherTest, BatchAnswersInOrderAndSkipsNotifications) {
    const json r = handle(R"([
        {"jsonrpc":"2.0","id":1,"method":"echo","params":["a"]},
        {"jsonrpc":"2.0","method":"count"},
        {"jsonrpc":"2.0","id":"two","method":"nope"},
        1,
        {"jsonrpc":"2.0","id":3,"method":"echo","params":["c"]}
    ])");
    ASSERT_TRUE(r.is_array());
    ASSERT_EQ(r.size(), 4u);
    EXPECT_EQ(r[0]["id"], 1);
    EXPECT_EQ(r[0]["result"], json::array({"a"}));
    expect_error(r[1], kMethodNotFound, "two");
    expect_error(r[2], kInvalidRequest);
    EXPECT_EQ(r[3]["result"], json::array({"c"}));
    EXPECT_EQ(calls_, 1);
}

TEST_F(DispatcherTest, BatchOfNotificationsOnlyGetsNothing) {
    EXPECT_EQ(
        dispatcher_.handle(R"([{"jsonrpc":"2.0","method":"count"},{"jsonrpc":"2.0","method":"count"}])"), "");
    EXPECT_EQ(calls_, 2);
}

TEST_F(DispatcherTest, EmptyBatchIsOneError) {
    const json r = handle("[]");
    expect_error(r, kInvalidRequest);
    EXPECT_EQ(r["error"]["message"], "empty batch");
}

TEST_F(DispatcherTest, BatchLimit) {
    auto batch_of = [](std::size_t n) {
        std::string body = "[";
        for (std::size_t i = 0; i < n; ++i)
            body += std::string(i ? "," : "") + R"({"jsonrpc":"2.0","id":1,"method":"count"})";
        return body + "]";
    };
    const Dispatcher& d = dispatcher_;
    EXPECT_EQ(json::parse(d.handle(batch_of(1000))).size(), 1000u);
    const json r = json::parse(d.handle(batch_of(1001)));
    expect_error(r, kInvalidRequest);
    EXPECT_EQ(r["error"]["message"], "batch too large: 1001 requests, the limit is 1000");
    EXPECT_EQ(calls_, 1000);  // the oversized batch ran nothing
    // A transport's own limit.
    expect_error(json::parse(d.handle(batch_of(3), 2)), kInvalidRequest);
    EXPECT_EQ(json::parse(d.handle(batch_of(1001), 0)).size(), 1001u);  // 0: unlimited
    Dispatcher small(2);
    expect_error(json::parse(small.handle(batch_of(3))), kInvalidRequest);
}

TEST_F(DispatcherTest, NestedBatchIsInvalidRequestPerElement) {
    const json r = handle(R"([[{"jsonrpc":"2.0","id":1,"method":"echo"}]])");
    ASSERT_TRUE(r.is_array());
    ASSERT_EQ(r.size(), 1u);
    expect_error(r[0], kInvalidRequest);
}

TEST_F(DispatcherTest, DeeplyNestedInputDoesNotExhaustTheStack) {
    const std::string deep = std::string(200000, '[') + std::string(200000, ']');
    // A batch whose single element is an array: invalid request, answered without recursion.
    const json r = handle(deep);
    ASSERT_TRUE(r.is_array());
    const std::string in_params = R"({"jsonrpc":"2.0","id":1,"method":"count","params":)" + deep + "}";
    EXPECT_EQ(handle(in_params).at("result"), nullptr);
    expect_error(handle(std::string(200000, '[')), kParseError);
}

TEST_F(DispatcherTest, InvalidUtf8InResultIsReplacedNotThrown) {
    Dispatcher d;
    d.add("bytes", [](const json&) -> HandlerResult { return json(std::string("\xff\xfe", 2)); });
    const json r = json::parse(d.handle(R"({"jsonrpc":"2.0","id":1,"method":"bytes"})"));
    EXPECT_TRUE(r.at("result").is_string());
}

TEST_F(DispatcherTest, RegistryQueries) {
    EXPECT_TRUE(dispatcher_.has("echo"));
    EXPECT_FALSE(dispatcher_.has("ech"));
    EXPECT_EQ(dispatcher_.methods(),
              (std::vector<std::string>{"count", "echo", "fail", "throw", "throw_int"}));
    // Re-registering replaces.
    dispatcher_.add("echo", [](const json&) -> HandlerResult { return json("replaced"); });
    EXPECT_EQ(handle(R"({"jsonrpc":"2.0","id":1,"method":"echo"})").at("result"), "replaced");
}

TEST(RpcErrorTest, HelpersAndJsonRoundTrip) {
    EXPECT_EQ(RpcError::server("nonce too low").code, kServerError);
    EXPECT_EQ(RpcError::invalid_params("x").code, kInvalidParams);
    EXPECT_EQ(RpcError::internal("x").code, kInternalError);
    EXPECT_EQ(RpcError::execution_reverted("0x").message, "execution reverted");
    EXPECT_TRUE(RpcError::transport("x").is_transport());
    const RpcError e = RpcError::execution_reverted("0x1234", "reason");
    EXPECT_EQ(RpcError::from_json(e.to_json()), e);
    EXPECT_FALSE(RpcError::from_json(json({{"code", "1"}, {"message", "m"}})));
    EXPECT_FALSE(RpcError::from_json(json({{"code", 1}})));
    EXPECT_FALSE(RpcError::from_json(json::array()));
}

}  // namespace
}  // namespace optimist::rpc
