// A dispatcher with a few test methods and a server for it on an ephemeral loopback port.
#pragma once

#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/error.hpp>
#include <optimist/rpc/http_client.hpp>
#include <optimist/rpc/http_server.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include <chrono>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>

namespace optimist::rpc::testing {

inline Dispatcher make_test_dispatcher() {
    using nlohmann::json;
    Dispatcher d;
    d.add("echo", [](const json& params) -> HandlerResult { return params; });
    // sleep [ms]: a slow handler.
    d.add("sleep", [](const json& params) -> HandlerResult {
        std::this_thread::sleep_for(std::chrono::milliseconds(params.at(0).get<int>()));
        return json("slept");
    });
    d.add("revert",
          [](const json&) -> HandlerResult { return fail(RpcError::execution_reverted("0xdead")); });
    d.add("throw", [](const json&) -> HandlerResult { throw std::runtime_error("glue bug"); });
    return d;
}

class ServerTest : public ::testing::Test {
protected:
    void start(HttpServerOptions options = {}) {
        options.port = 0;
        server_ = std::make_unique<HttpServer>(dispatcher_, options);
        auto started = server_->start();
        ASSERT_TRUE(started) << started.error();
        ASSERT_NE(server_->port(), 0);
    }
    void SetUp() override { start(); }
    void TearDown() override {
        if (server_) server_->stop();
    }

    std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }

    Dispatcher dispatcher_ = make_test_dispatcher();
    std::unique_ptr<HttpServer> server_;
};

}  // namespace optimist::rpc::testing
