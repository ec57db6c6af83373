#include "http_test_util.hpp"
#include "raw_http.hpp"

#include <atomic>
#include <future>
#include <vector>

namespace optimist::rpc::testing {
namespace {

using nlohmann::json;
using namespace std::chrono_literals;

constexpr auto kWait = 5s;

TEST_F(ServerTest, CallsAndErrorsRoundTrip) {
    HttpClient client(url());
    const auto r = client.call("echo", json::array({1, "two", nullptr}));
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, json::array({1, "two", nullptr}));

    const auto missing = client.call("eth_nope");
    ASSERT_FALSE(missing);
    EXPECT_EQ(missing.error().code, kMethodNotFound);
    EXPECT_FALSE(missing.error().is_transport());

    const auto reverted = client.call("revert");
    ASSERT_FALSE(reverted);
    EXPECT_EQ(reverted.error(), RpcError::execution_reverted("0xdead"));

    const auto crashed = client.call("throw");
    ASSERT_FALSE(crashed);
    EXPECT_EQ(crashed.error().code, kInternalError);
    EXPECT_TRUE(client.call("echo"));  // still serving
}

TEST_F(ServerTest, BatchOverHttp) {
    HttpClient client(url());
    const auto results =
        client.batch({{"echo", json::array({1})}, {"nope", json::array()}, {"echo", json::array({2})}});
    ASSERT_EQ(results.size(), 3u);
    ASSERT_TRUE(results[0]);
    EXPECT_EQ(*results[0], json::array({1}));
    ASSERT_FALSE(results[1]);
    EXPECT_EQ(results[1].error().code, kMethodNotFound);
    ASSERT_TRUE(results[2]);
    EXPECT_EQ(*results[2], json::array({2}));
    EXPECT_TRUE(client.batch({}).empty());
}

TEST_F(ServerTest, BatchLimitComesFromServerOptions) {
    server_->stop();
    start(HttpServerOptions{.max_batch = 2});
    HttpClient client(url());
    const auto results =
        client.batch({{"echo", json::array()}, {"echo", json::array()}, {"echo", json::array()}});
    ASSERT_EQ(results.size(), 3u);
    for (const auto& r : results) {
        ASSERT_FALSE(r);
        EXPECT_EQ(r.error().code, kInvalidRequest);
        EXPECT_EQ(r.error().message, "batch too large: 3 requests, the limit is 2");
    }
}

TEST_F(ServerTest, ResponsesAreJsonWithCors) {
    HttpClient client(url());
    const auto r = client.request("POST", R"({"jsonrpc":"2.0","id":1,"method":"echo"})");
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(r->header("content-type"), "application/json");
    EXPECT_EQ(r->header("Access-Control-Allow-Origin"), "*");
    EXPECT_EQ(r->body, R"({"jsonrpc":"2.0","id":1,"result":[]})");
}

TEST_F(ServerTest, ParseErrorsAndNotificationsOverHttp) {
    HttpClient client(url());
    const auto parse = client.post_raw("{");
    ASSERT_TRUE(parse) << parse.error();
    EXPECT_EQ(json::parse(*parse)["error"]["code"], kParseError);
    const auto notification = client.request("POST", R"({"jsonrpc":"2.0","method":"echo"})");
    ASSERT_TRUE(notification);
    EXPECT_EQ(notification->status, 200);
    EXPECT_EQ(notification->body, "");
}

TEST_F(ServerTest, AnyPathAndAnyContentTypeAreAccepted) {
    HttpClient client(url() + "/some/path");
    const auto r = client.request("POST", R"({"jsonrpc":"2.0","id":1,"method":"echo"})",
                                  {{"Content-Type", "application/x-www-form-urlencoded"}});
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, 200);
    EXPECT_EQ(json::parse(r->body)["result"], json::array());
}

TEST_F(ServerTest, OptionsPreflight) {
    HttpClient client(url());
    const auto r = client.request("OPTIONS", "",
                                  {{"Origin", "http://localhost:3000"},
                                   {"Access-Control-Request-Method", "POST"},
                                   {"Access-Control-Request-Headers", "content-type,x-custom"}});
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->status, 204);
    EXPECT_EQ(r->header("Access-Control-Allow-Origin"), "*");
    EXPECT_NE(r->header("Access-Control-Allow-Methods").find("POST"), std::string::npos);
    EXPECT_EQ(r->header("Access-Control-Allow-Headers"), "content-type,x-custom");
    EXPECT_EQ(r->header("Content-Length"), "");
    EXPECT_TRUE(client.call("echo"));  // the connection stays usable
    EXPECT_EQ(client.connections_opened(), 1u);
}

TEST_F(ServerTest, GetAndOtherMethods) {
    HttpClient client(url());
    const auto get = client.request("GET");
    ASSERT_TRUE(get);
    EXPECT_EQ(get->status, 200);
    EXPECT_TRUE(json::accept(get->body));
    const auto put = client.request("PUT", "{}");
    ASSERT_TRUE(put);
    EXPECT_EQ(put->status, 405);
    EXPECT_NE(put->header("Allow").find("POST"), std::string::npos);
}

TEST_F(ServerTest, OversizedBodyIs413WithJsonRpcError) {
    server_->stop();
    start(HttpServerOptions{.max_body_bytes = 1024});
    HttpClient client(url());
    std::string body =
        R"({"jsonrpc":"2.0","id":1,"method":"echo","params":[")" + std::string(4096, 'a') + "\"]}";
    const auto r = client.request("POST", body);
    ASSERT_TRUE(r) << r.error();
    EXPECT_EQ(r->status, 413);
    const json error = json::parse(r->body);
    EXPECT_EQ(error["error"]["code"], kInvalidRequest);
    EXPECT_EQ(error["error"]["message"], "request body too large: the limit is 1024 bytes");
    EXPECT_EQ(error["id"], nullptr);
    // The client's call() reports the server's error, and the server keeps serving.
    const auto call = client.call("echo", json::array({std::string(2000, 'b')}));
    ASSERT_FALSE(call);
    EXPECT_EQ(call.error().code, kInvalidRequest);
    EXPECT_TRUE(client.call("echo", json::array({"small"})));
}

TEST_F(ServerTest, OversizedChunkedBodyIs413) {
    server_->stop();
    start(HttpServerOptions{.max_body_bytes = 100});
    RawConnection c(server_->port());
    ASSERT_TRUE(c.connected());
    std::string request = "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n";
    for (int i = 0; i < 4; ++i) request += "40\r\n" + std::string(64, 'a') + "\r\n";
    request += "0\r\n\r\n";
    c.send(request);
    EXPECT_EQ(status_of(c.read_until_close(kWait)), 413);
}

TEST_F(ServerTest, MalformedHttpIs400AndServerSurvives) {
    const char* requests[] = {
        "GARBAGE\r\n\r\n",
        "POST / HTTP/1.1\r\nContent-Length: abc\r\n\r\n",
        "POST / HTTP/9.9\r\n\r\n",
        "POST / HTTP/1.1\r\nBad Header\r\n\r\n",
    };
    for (const char* request : requests) {
        SCOPED_TRACE(request);
        RawConnection c(server_->port());
        ASSERT_TRUE(c.connected());
        c.send(request);
        EXPECT_EQ(status_of(c.read_until_close(kWait)), 400);
    }
    // Connections dropped mid-request, or reset, leave the server serving.
    for (int i = 0; i < 10; ++i) {
        RawConnection c(server_->port());
        c.send("POST / HTTP/1.1\r\nContent-Length: 100\r\n\r\n{\"js");
    }
    HttpClient client(url());
    EXPECT_TRUE(client.call("echo"));
}

TEST_F(ServerTest, KeepAliveReusesOneConnection) {
    HttpClient client(url());
    for (int i = 0; i < 20; ++i) ASSERT_TRUE(client.call("echo", json::array({i})));
    EXPECT_EQ(client.connections_opened(), 1u);
    EXPECT_EQ(server_->connections_accepted(), 1u);
}

TEST_F(ServerTest, PipelinedRequestsOnOneConnection) {
    RawConnection c(server_->port());
    const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"echo"})";
    const std::string request =
        "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body;
    c.send(request + request + request);
    const std::string raw = c.read_until(R"("id":1,"result":[]})"
                                         "HTTP",
                                         kWait);
    std::size_t count = 0;
    for (std::size_t pos = 0; (pos = raw.find("HTTP/1.1 200", pos)) != std::string::npos; ++pos) ++count;
    std::string rest = raw;
    while (count < 3) {  // the third response may still be on its way
        rest = c.read_until("HTTP/1.1 200", kWait);
        if (rest.empty()) break;
        ++count;
    }
    EXPECT_EQ(count, 3u);
}

TEST_F(ServerTest, Http10ClosesAfterResponse) {
    RawConnection c(server_->port());
    const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"echo"})";
    c.send("POST / HTTP/1.0\r\nContent-Length: " + std::to_string(body.size()) + "\r\n\r\n" + body);
    const std::string raw = c.read_until_close(kWait);
    EXPECT_EQ(status_of(raw), 200);
    EXPECT_NE(raw.find(R"({"jsonrpc":"2.0","id":1,"result":[]})"), std::string::npos);
}

TEST_F(ServerTest, Expect100Continue) {
    RawConnection c(server_->port());
    const std::string body = R"({"jsonrpc":"2.0","id":1,"method":"echo"})";
    c.send("POST / HTTP/1.1\r\nHost: x\r\nExpect: 100-continue\r\nContent-Length: " +
           std::to_string(body.size()) + "\r\n\r\n");
    EXPECT_EQ(status_of(c.read_until("\r\n\r\n", kWait)), 100);
    c.send(body);
    const std::string raw = c.read_until(R"("result":[]})", kWait);
    EXPECT_NE(raw.find("HTTP/1.1 200"), std::string::npos) << raw;
}

TEST_F(ServerTest, ConcurrentClients) {
    constexpr int kThreads = 8;
    constexpr int kCalls = 100;
    std::atomic<int> ok{0};
    std::vector<std::thread> threads;
    for (int t = 0; t < kThreads; ++t) {
        threads.emplace_back([&, t] {
            HttpClient client(url());
            for (int i = 0; i < kCalls; ++i) {
                const json params = json::array({t, i});
                const auto r = client.call("echo", params);
                if (r && *r == params) ++ok;
            }
        });
    }
    for (auto& t : threads) t.join();
    EXPECT_EQ(ok, kThreads * kCalls);
    EXPECT_EQ(server_->connections_accepted(), static_cast<std::uint64_t>(kThreads));
}

TEST_F(ServerTest, StalledClientDoesNotBlockOthers) {
    server_->stop();
    start(HttpServerOptions{.threads = 1});
    RawConnection stalled(server_->port());
    stalled.send("POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 100\r\n\r\n{");
    RawConnection stalled_header(server_->port());
    stalled_header.send("POST / HTTP/1.1\r\nHo");
    HttpClient client(url());
    const auto start_time = std::chrono::steady_clock::now();
    for (int i = 0; i < 10; ++i) ASSERT_TRUE(client.call("echo"));
    EXPECT_LT(std::chrono::steady_clock::now() - start_time, 2s);
}

TEST_F(ServerTest, IdleConnectionsAreClosed) {
    server_->stop();
    start(HttpServerOptions{.idle_timeout = 200ms});
    RawConnection c(server_->port());
    c.send("POST / HTTP/1.1\r\n");  // never finished
    EXPECT_TRUE(c.closed_by_peer(kWait));
}

TEST_F(ServerTest, PortInUseIsReported) {
    HttpServer second(dispatcher_, HttpServerOptions{.port = server_->port()});
    const auto r = second.start();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(),
              "cannot listen on 127.0.0.1:" + std::to_string(server_->port()) + ": address already in use");
    second.stop();  // harmless on a server that never started
}

TEST_F(ServerTest, BadBindAddressAndDoubleStart) {
    HttpServer bad(dispatcher_, HttpServerOptions{.bind_address = "not-an-ip", .port = 0});
    const auto r = bad.start();
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), "cannot listen on not-an-ip:0: invalid bind address");
    EXPECT_FALSE(server_->start());
}

TEST_F(ServerTest, Ipv6Loopback) {
    HttpServer v6(dispatcher_, HttpServerOptions{.bind_address = "::1", .port = 0});
    if (!v6.start()) GTEST_SKIP() << "no IPv6 loopback here";
    HttpClient client("http://[::1]:" + std::to_string(v6.port()));
    EXPECT_TRUE(client.call("echo"));
    v6.stop();
}

TEST_F(ServerTest, StopWithClientsConnectedIsPrompt) {
    std::vector<std::unique_ptr<HttpClient>> clients;
    for (int i = 0; i < 4; ++i) {
        clients.push_back(std::make_unique<HttpClient>(url()));
        ASSERT_TRUE(clients.back()->call("echo"));  // each holds an idle kept-alive connection
    }
    RawConnection half(server_->port());
    half.send("POST / HTTP/1.1\r\nContent-Le");
    const auto start_time = std::chrono::steady_clock::now();
    server_->stop();
    EXPECT_LT(std::chrono::steady_clock::now() - start_time, 2s);
    EXPECT_TRUE(half.closed_by_peer(kWait));
    const auto after = clients[0]->call("echo");
    ASSERT_FALSE(after);
    EXPECT_TRUE(after.error().is_transport());
    server_->stop();  // idempotent
}

TEST_F(ServerTest, StopLetsInFlightRequestFinish) {
    auto pending = std::async(std::launch::async, [this] {
        HttpClient client(url());
        return client.call("sleep", json::array({400}));
    });
    std::this_thread::sleep_for(100ms);  // the request is in the handler by now
    server_->stop();
    const auto r = pending.get();
    ASSERT_TRUE(r) << r.error().message;
    EXPECT_EQ(*r, "slept");
}

TEST_F(ServerTest, StopFromAnotherThreadWhileBusy) {
    std::atomic<bool> done{false};
    std::vector<std::thread> threads;
    for (int t = 0; t < 4; ++t) {
        threads.emplace_back([&] {
            HttpClient client(url());
            while (!done) {
                if (!client.call("echo")) break;  // transport errors once stopped
            }
        });
    }
    std::this_thread::sleep_for(100ms);
    std::thread stopper([&] { server_->stop(); });
    stopper.join();
    done = true;
    for (auto& t : threads) t.join();
}

}  // namespace
}  // namespace optimist::rpc::testing
