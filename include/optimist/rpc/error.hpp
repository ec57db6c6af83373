// RpcError: the error object of a JSON-RPC 2.0 response, with the codes geth uses.
//
// Handlers return it as the error side of HandlerResult; HttpClient returns it for server
// errors and, with code kTransportError, for failures before a response was read.
#pragma once

#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace optimist::rpc {

// JSON-RPC 2.0 section 5.1.
inline constexpr int kParseError = -32700;
inline constexpr int kInvalidRequest = -32600;
inline constexpr int kMethodNotFound = -32601;
inline constexpr int kInvalidParams = -32602;
inline constexpr int kInternalError = -32603;
// geth's code for every other failure of a method ("nonce too low", "header not found", ...).
inline constexpr int kServerError = -32000;
// geth's code for a reverted eth_call / eth_estimateGas, with the revert data in `data`.
inline constexpr int kExecutionReverted = 3;
// Client side only: the request did not produce a JSON-RPC response (connection refused,
// timeout, HTTP error without a JSON-RPC body, malformed response). It lies in the
// spec's implementation-defined range, which no geth-compatible server uses for this code.
inline constexpr int kTransportError = -32099;

struct RpcError {
    int code = kInternalError;
    std::string message;
    std::optional<nlohmann::json> data;

    [[nodiscard]] static RpcError parse_error(std::string message = "parse error");
    [[nodiscard]] static RpcError invalid_request(std::string message = "invalid request");
    // "the method <name> does not exist/is not available" (geth's wording).
    [[nodiscard]] static RpcError method_not_found(std::string_view method);
    [[nodiscard]] static RpcError invalid_params(std::string message);
    [[nodiscard]] static RpcError internal(std::string message);
    [[nodiscard]] static RpcError server(std::string message);
    // Code 3, message "execution reverted" (or "execution reverted: <reason>" when the
    // caller decoded an Error(string) reason), data the "0x"-prefixed revert bytes.
    [[nodiscard]] static RpcError execution_reverted(std::string hex_data, std::string_view reason = {});
    [[nodiscard]] static RpcError transport(std::string message);

    [[nodiscard]] bool is_transport() const noexcept { return code == kTransportError; }

    // {"code": ..., "message": ..., "data": ...} ("data" only when present).
    [[nodiscard]] nlohmann::json to_json() const;
    // Reads a response's "error" member; nullopt unless it has an integer code and a string
    // message.
    [[nodiscard]] static std::optional<RpcError> from_json(const nlohmann::json& value);

    friend bool operator==(const RpcError&, const RpcError&) = default;
};

}  // namespace optimist::rpc
