#include "http_test_util.hpp"

namespace optimist::rpc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

TEST_F(ServerTest, ClientReconnectsAfterServerClosedIdleConnection) {
    server_->stop();
    start(HttpServerOptions{.idle_timeout = 150ms});
    HttpClient client(url());
    ASSERT_TRUE(client.call("echo"));
    std::this_thread::sleep_for(400ms);  // the server has closed the kept-alive connection
    const auto r = client.call("echo", json::array({1}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(client.connections_opened(), 2u);
}

TEST_F(ServerTest, ClientTimeoutIsTransportError) {
    HttpClient client(url(), HttpClientOptions{.timeout = 100ms});
    const auto r = client.call("sleep", json::array({600}));
    ASSERT_FALSE(r);
    EXPECT_TRUE(r.error().is_transport());
    EXPECT_NE(r.error().message.find("timed out"), std::string::npos) << r.error().message;
    // The next call opens a fresh connection instead of reading the stale response.
    std::this_thread::sleep_for(600ms);
    const auto next = client.call("echo", json::array({"fresh"}));
    ASSERT_TRUE(next) << next.error().message;
    EXPECT_EQ(*next, json::array({"fresh"}));
}

TEST_F(ServerTest, ExplicitCloseOpensANewConnection) {
    HttpClient client(url());
    ASSERT_TRUE(client.call("echo"));
    client.close();
    ASSERT_TRUE(client.call("echo"));
    EXPECT_EQ(client.connections_opened(), 2u);
}

TEST(HttpClientErrors, ConnectionRefused) {
    std::uint16_t port = 0;
    {
        Dispatcher d;
        HttpServer probe(d, HttpServerOptions{.port = 0});
        ASSERT_TRUE(probe.start());
        port = probe.port();
    }  // closed again: nothing listens on `port` now
    HttpClient client("http://127.0.0.1:" + std::to_string(port));
    const auto r = client.call("echo");
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error().code, kTransportError);
    EXPECT_EQ(r.error().message, "transport: cannot connect to http://127.0.0.1:" + std::to_string(port) +
                                     ": connection refused");
    const auto batch = client.batch({{"a", json::array()}, {"b", json::array()}});
    ASSERT_EQ(batch.size(), 2u);
    EXPECT_TRUE(batch[1].error().is_transport());
    EXPECT_FALSE(client.post_raw("{}"));
}

TEST(HttpClientErrors, BadUrls) {
    for (const char* url : {"127.0.0.1:8545", "https://localhost:8545", "http://", "http://host:port",
                            "http://host:123456", "http://[::1"}) {
        SCOPED_TRACE(url);
        HttpClient client(url);
        const auto r = client.call("echo");
        ASSERT_FALSE(r);
        EXPECT_TRUE(r.error().is_transport());
    }
}

TEST(HttpClientErrors, NonJsonRpcResponses) {
    // A server answering with something that is not JSON-RPC: the raw dispatcher output
    // of a notification is empty, which a call must report rather than accept.
    Dispatcher d;
    d.add("n", [](const json&) -> HandlerResult { return json(1); });
    HttpServer server(d, HttpServerOptions{.port = 0});
    ASSERT_TRUE(server.start());
    HttpClient client("http://127.0.0.1:" + std::to_string(server.port()));
    const auto get = client.request("DELETE");
    ASSERT_TRUE(get);
    EXPECT_EQ(get->status, 405);
    const auto r = client.call("n");
    ASSERT_TRUE(r);
    EXPECT_EQ(*r, 1);
}

}  // namespace
}  // namespace optimist::rpc::testing
