#include <optimist/rpc/error.hpp>

#include <utility>

namespace optimist::rpc {

RpcError RpcError::parse_error(std::string message) { return {kParseError, std::move(message), {}}; }

RpcError RpcError::invalid_request(std::string message) { return {kInvalidRequest, std::move(message), {}}; }

RpcError RpcError::method_not_found(std::string_view method) {
    return {kMethodNotFound, "the method " + std::string(method) + " does not exist/is not available", {}};
}

RpcError RpcError::invalid_params(std::string message) { return {kInvalidParams, std::move(message), {}}; }

RpcError RpcError::internal(std::string message) { return {kInternalError, std::move(message), {}}; }

RpcError RpcError::server(std::string message) { return {kServerError, std::move(message), {}}; }

RpcError RpcError::execution_reverted(std::string hex_data, std::string_view reason) {
    std::string message = "execution reverted";
    if (!reason.empty()) {
        message += ": ";
        message += reason;
    }
    return {kExecutionReverted, std::move(message), nlohmann::json(std::move(hex_data))};
}

RpcError RpcError::transport(std::string message) { return {kTransportError, std::move(message), {}}; }

nlohmann::json RpcError::to_json() const {
    nlohmann::json out = {{"code", code}, {"message", message}};
    if (data) out["data"] = *data;
    return out;
}

std::optional<RpcError> RpcError::from_json(const nlohmann::json& value) {
    if (!value.is_object()) return std::nullopt;
    const auto code = value.find("code");
    const auto message = value.find("message");
    if (code == value.end() || !code->is_number_integer()) return std::nullopt;
    if (message == value.end() || !message->is_string()) return std::nullopt;
    RpcError out{code->get<int>(), message->get<std::string>(), {}};
    if (const auto data = value.find("data"); data != value.end()) out.data = *data;
    return out;
}

}  // namespace optimist::rpc
