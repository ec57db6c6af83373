// HttpServer: JSON-RPC over HTTP/1.1, as geth and anvil serve it, in front of a Dispatcher.
//
// - POST to any path ("/" is what wallets use) with a JSON body; the response is 200 with
//   Content-Type application/json whatever the JSON-RPC outcome (errors are in the body),
//   and an empty body when the request held only notifications. Any request Content-Type
//   is accepted, so `curl -d` works without -H.
// - CORS: every response carries Access-Control-Allow-Origin: *; OPTIONS preflights get
//   204 with the allowed methods and headers.
// - GET answers 200 with a short JSON hint (load balancers probe with GET, and geth answers
//   200 too); other methods get 405.
// - A body above max_body_bytes gets 413 with a JSON-RPC -32600 "request body too large"
//   error; unparsable HTTP gets 400; both close the connection.
// - Keep-alive per HTTP/1.1; "Expect: 100-continue" is honoured (curl sends it for large
//   bodies and would otherwise wait a second).
// - All I/O is asynchronous on one io_context run by `threads` threads, so a slow or stalled
//   client holds no thread. Handlers run on those threads: `threads` is also how many
//   requests execute at once.
//
// Boost.Beast/Asio stay inside src/rpc; this header exposes none of it.
#pragma once

#include <optimist/core/result.hpp>
#include <optimist/rpc/dispatcher.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>

namespace optimist::rpc {

struct HttpServerOptions {
    // IPv4 or IPv6 literal. "127.0.0.1" keeps the node private; "0.0.0.0" exposes it.
    std::string bind_address = "127.0.0.1";
    // 0 picks a free port; port() reports it after start().
    std::uint16_t port = 9545;
    unsigned threads = 2;  // 0 is taken as 1
    std::size_t max_body_bytes = 5 * 1024 * 1024;
    std::size_t max_batch = kDefaultMaxBatch;
    // A connection that sends nothing for this long (between requests, or while a request
    // trickles in) is closed, and so is one that does not read its response in time.
    std::chrono::milliseconds idle_timeout{60'000};
    // How long stop() lets in-flight requests finish before it abandons them.
    std::chrono::milliseconds shutdown_timeout{5'000};
};

// Thread safety: start(), stop() and port() may be called from any thread except the
// server's own (i.e. not from inside a handler). The Dispatcher must outlive the server and
// have all its methods registered before start().
class HttpServer {
public:
    HttpServer(const Dispatcher& dispatcher, HttpServerOptions options = {});
    ~HttpServer();  // stop()
    HttpServer(const HttpServer&) = delete;
    HttpServer& operator=(const HttpServer&) = delete;

    // Binds, listens and starts the threads. Errors read like
    // "cannot listen on 127.0.0.1:9545: address already in use". A server starts once.
    [[nodiscard]] Result<void, std::string> start();

    // The bound port (the chosen one when options.port was 0); 0 before start().
    [[nodiscard]] std::uint16_t port() const noexcept;

    // Stops accepting, closes idle connections, lets requests in progress finish and send
    // their response (up to shutdown_timeout), then joins the threads. Idempotent. Meant to
    // be called from a thread that waited for SIGINT/SIGTERM (sigwait, a signal_set), not
    // from an async signal handler itself.
    void stop();

    // Connections accepted since start(): lets tests see keep-alive at work.
    [[nodiscard]] std::uint64_t connections_accepted() const noexcept;

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace optimist::rpc
