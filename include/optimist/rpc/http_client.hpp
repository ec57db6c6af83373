// HttpClient: a synchronous JSON-RPC over HTTP client for the CLI and the tests.
//
// One keep-alive connection, opened on first use and reused; when a request on a reused
// connection fails before any response byte arrives (the server closed it while idle), the
// client reconnects and sends it once more. JSON-RPC calls are safe to resend in that case:
// the server never received the first copy.
//
// Errors: a JSON-RPC error from the server comes back as that RpcError. Anything that kept
// a JSON-RPC response from arriving (bad URL, connection refused, timeout, an HTTP status
// without a JSON-RPC body, an unparsable or mismatched response) is an RpcError with code
// kTransportError (-32099) and a message starting with "transport: "; is_transport() tells
// the two apart.
//
// Thread safety: none; use one client per thread.
#pragma once

#include <optimist/core/result.hpp>
#include <optimist/rpc/error.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace optimist::rpc {

struct HttpClientOptions {
    // Per step: connecting, sending the request, receiving the response.
    std::chrono::milliseconds timeout{30'000};
};

struct HttpResponse {
    int status = 0;
    std::string body;
    std::vector<std::pair<std::string, std::string>> headers;

    // The first header named `name` (case-insensitive), or "".
    [[nodiscard]] std::string header(std::string_view name) const;
};

class HttpClient {
public:
    // `url` is "http://host:port[/path]" (port defaults to 80). A malformed URL is reported
    // by the first request.
    explicit HttpClient(std::string url, HttpClientOptions options = {});
    ~HttpClient();
    HttpClient(HttpClient&&) noexcept;
    HttpClient& operator=(HttpClient&&) noexcept;

    // One call; ids are assigned by the client.
    [[nodiscard]] Result<nlohmann::json, RpcError> call(std::string_view method,
                                                        nlohmann::json params = nlohmann::json::array());

    // One HTTP request carrying every call; results in the order of `calls`. A single error
    // for the whole batch (e.g. "batch too large") is given to every call. An empty batch
    // sends nothing and returns nothing.
    [[nodiscard]] std::vector<Result<nlohmann::json, RpcError>> batch(
        const std::vector<std::pair<std::string, nlohmann::json>>& calls);

    // POSTs `body` as it is and returns the response body, whatever the HTTP status: for
    // tests that send malformed or hand-written requests.
    [[nodiscard]] Result<std::string, std::string> post_raw(std::string body);

    // Any HTTP request to the URL's path (tests of OPTIONS, GET, status codes and headers).
    // Errors are transport messages.
    [[nodiscard]] Result<HttpResponse, std::string> request(
        std::string_view method, std::string body = {},
        const std::vector<std::pair<std::string, std::string>>& headers = {});

    // Connections opened so far (reconnects included).
    [[nodiscard]] std::uint64_t connections_opened() const noexcept;
    // Closes the connection; the next request opens a new one.
    void close();

private:
    struct Impl;
    std::unique_ptr<Impl> impl_;
};

}  // namespace optimist::rpc
