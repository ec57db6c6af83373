// A stub's JSON-RPC (optimist-l1's methods) served in-process on an ephemeral loopback port,
// with an L1RpcClient of it: what the RPC tests drive.
#pragma once

#include <optimist/l1/l1_stub.hpp>
#include <optimist/l1/rpc_api.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/http_server.hpp>

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace optimist::l1::test {

class ServedL1 {
public:
    ~ServedL1() {
        if (server_) server_->stop();
    }

    // Serves `stub` (which must outlive this); a failure to start fails the calling test.
    void start(L1Stub& stub) {
        register_l1_api(dispatcher_, stub);
        rpc::HttpServerOptions options;
        options.port = 0;
        server_ = std::make_unique<rpc::HttpServer>(dispatcher_, options);
        auto started = server_->start();
        ASSERT_TRUE(started) << started.error();
        client_ = std::make_unique<L1RpcClient>(url());
    }

    [[nodiscard]] std::string url() const { return "http://127.0.0.1:" + std::to_string(server_->port()); }
    [[nodiscard]] L1RpcClient& client() { return *client_; }

private:
    rpc::Dispatcher dispatcher_;
    std::unique_ptr<rpc::HttpServer> server_;
    std::unique_ptr<L1RpcClient> client_;
};

}  // namespace optimist::l1::test
