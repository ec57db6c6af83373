// Dispatcher: JSON-RPC 2.0 request bodies in, response bodies out, with geth's semantics.
//
// The transport (HttpServer, or a test) hands it a body; it parses, validates, routes each
// call to the handler registered under its method name and serializes the responses:
//   - unparsable JSON -> -32700 "parse error", id null;
//   - not an object, "jsonrpc" other than "2.0", missing or empty "method", or an id that
//     is not a string, number or null -> -32600 "invalid request" (id echoed when valid);
//   - unknown method -> -32601 "the method X does not exist/is not available";
//   - "params" absent or null -> the handler gets []; an array or object is passed through;
//     anything else -> -32602;
//   - a request without "id" is a notification: the handler runs, nothing is returned;
//   - a batch (array) answers with an array in request order, notifications left out; an
//     empty batch or one above `max_batch` (0: no limit, as in geth) is a single -32600 error;
//   - a handler that throws -> -32603 "method handler crashed" (logged with the exception);
//     the process keeps serving.
// Ids are echoed as parsed (integers exactly; non-integral numbers as nlohmann re-prints them).
//
// Handlers are written against <optimist/rpc/error.hpp>, which brings in nlohmann/json.hpp;
// this header needs only the forward declarations, so transports stay light.
#pragma once

#include <optimist/core/result.hpp>

#include <nlohmann/json_fwd.hpp>

#include <cstddef>
#include <functional>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace optimist::rpc {

struct RpcError;  // <optimist/rpc/error.hpp>

using HandlerResult = Result<nlohmann::json, RpcError>;
// `params` is always an array or an object. A handler may be called from several threads at
// once (one per server thread), so it must be thread-safe. It should return errors rather
// than throw; a throw is caught and answered with -32603.
using Handler = std::function<HandlerResult(const nlohmann::json& params)>;

inline constexpr std::size_t kDefaultMaxBatch = 1000;

// Thread safety: register every method before the first handle(); after that handle() is
// const and may run concurrently on any number of threads.
class Dispatcher {
public:
    explicit Dispatcher(std::size_t max_batch = kDefaultMaxBatch) : max_batch_(max_batch) {}

    // Registers `handler` under `method`, replacing any handler already there.
    void add(std::string method, Handler handler);
    [[nodiscard]] bool has(std::string_view method) const;
    // Registered method names, sorted.
    [[nodiscard]] std::vector<std::string> methods() const;

    // The response body for request body `body`; "" when nothing is to be sent back (a
    // notification, or a batch of notifications only). Never throws for bad input.
    [[nodiscard]] std::string handle(std::string_view body) const { return handle(body, max_batch_); }
    // As above with a batch limit chosen by the transport.
    [[nodiscard]] std::string handle(std::string_view body, std::size_t max_batch) const;

private:
    std::map<std::string, Handler, std::less<>> handlers_;
    std::size_t max_batch_;
};

}  // namespace optimist::rpc
