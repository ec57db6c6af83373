#include <optimist/core/logging.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/error.hpp>

#include <nlohmann/json.hpp>

#include <chrono>
#include <exception>
#include <optional>

namespace optimist::rpc {
namespace {

using nlohmann::json;

constexpr std::string_view kComponent = "rpc";

// Handlers may put arbitrary bytes into strings; replacing invalid UTF-8 keeps dump() from
// throwing halfway through a response.
std::string dump(const json& value) { return value.dump(-1, ' ', false, json::error_handler_t::replace); }

// Built by hand rather than as a json object so that the members come in the order geth
// writes them and the result is not copied into a temporary object.
std::string result_response(const json& id, const json& result) {
    std::string out = R"({"jsonrpc":"2.0","id":)";
    out += dump(id);
    out += R"(,"result":)";
    out += dump(result);
    out += '}';
    return out;
}

std::string error_response(const json& id, const RpcError& error) {
    std::string out = R"({"jsonrpc":"2.0","id":)";
    out += dump(id);
    out += R"(,"error":)";
    out += dump(error.to_json());
    out += '}';
    return out;
}

bool valid_id(const json& id) { return id.is_null() || id.is_string() || id.is_number(); }

void log_call(std::string_view method, const json* id, std::chrono::steady_clock::time_point start,
              const RpcError* error) {
    if (!logging::enabled(logging::Level::debug)) return;
    const auto us =
        std::chrono::duration_cast<std::chrono::microseconds>(std::chrono::steady_clock::now() - start)
            .count();
    // Appends only: GCC 12 reports a false -Wrestrict on `"literal" + std::string` here.
    std::string line(method);
    if (id != nullptr) {
        line += " id=";
        line += dump(*id);
    } else {
        line += " notification";
    }
    line += ' ';
    line += std::to_string(us);
    line += "us";
    if (error != nullptr) {
        line += " error ";
        line += std::to_string(error->code);
        line += ' ';
        line += error->message;
    }
    logging::debug(kComponent, line);
}

}  // namespace

void Dispatcher::add(std::string method, Handler handler) {
    handlers_[std::move(method)] = std::move(handler);
}

bool Dispatcher::has(std::string_view method) const { return handlers_.find(method) != handlers_.end(); }

std::vector<std::string> Dispatcher::methods() const {
    std::vector<std::string> out;
    out.reserve(handlers_.size());
    for (const auto& [name, handler] : handlers_) out.push_back(name);
    return out;
}

namespace {

// One request object; nullopt for a notification.
std::optional<std::string> handle_one(const std::map<std::string, Handler, std::less<>>& handlers,
                                      const json& request) {
    static const json kNullId;
    if (!request.is_object()) return error_response(kNullId, RpcError::invalid_request());
    const auto id_it = request.find("id");
    const bool notification = id_it == request.end();
    if (!notification && !valid_id(*id_it)) return error_response(kNullId, RpcError::invalid_request());
    const json& id = notification ? kNullId : *id_it;

    // An invalid request is answered even without an id: the spec only exempts valid
    // notifications, and a silent drop would hide the client's mistake.
    const auto version = request.find("jsonrpc");
    if (version == request.end() || !version->is_string() || version->get_ref<const std::string&>() != "2.0")
        return error_response(id, RpcError::invalid_request());
    const auto method_it = request.find("method");
    if (method_it == request.end() || !method_it->is_string() ||
        method_it->get_ref<const std::string&>().empty())
        return error_response(id, RpcError::invalid_request());
    const std::string& method = method_it->get_ref<const std::string&>();

    const auto start = std::chrono::steady_clock::now();
    const json* id_for_log = notification ? nullptr : &id;
    auto answer = [&](const RpcError& error) -> std::optional<std::string> {
        log_call(method, id_for_log, start, &error);
        if (notification) return std::nullopt;
        return error_response(id, error);
    };

    static const json kEmptyParams = json::array();
    const auto params_it = request.find("params");
    const bool no_params = params_it == request.end() || params_it->is_null();
    if (!no_params && !params_it->is_array() && !params_it->is_object())
        return answer(RpcError::invalid_params("params must be an array or an object"));
    const json& params = no_params ? kEmptyParams : *params_it;

    const auto handler = handlers.find(method);
    if (handler == handlers.end()) return answer(RpcError::method_not_found(method));

    std::optional<HandlerResult> result;
    try {
        result.emplace(handler->second(params));
    } catch (const std::exception& e) {
        logging::error(kComponent, "method " + method + " crashed: " + e.what());
        return answer(RpcError::internal("method handler crashed"));
    } catch (...) {
        logging::error(kComponent, "method " + method + " crashed: unknown exception");
        return answer(RpcError::internal("method handler crashed"));
    }
    if (!result->ok()) return answer(result->error());
    log_call(method, id_for_log, start, nullptr);
    if (notification) return std::nullopt;
    return result_response(id, result->value());
}

}  // namespace

std::string Dispatcher::handle(std::string_view body, std::size_t max_batch) const {
    static const json kNullId;
    try {
        // The SAX-driven DOM parser is iterative, so deeply nested input cannot exhaust the
        // stack; allow_exceptions=false turns every syntax error into a discarded value.
        const json document = json::parse(body, nullptr, /*allow_exceptions=*/false);
        if (document.is_discarded()) return error_response(kNullId, RpcError::parse_error());
        if (!document.is_array()) return handle_one(handlers_, document).value_or(std::string());

        if (document.empty()) return error_response(kNullId, RpcError::invalid_request("empty batch"));
        if (max_batch != 0 && document.size() > max_batch) {
            return error_response(
                kNullId, RpcError::invalid_request("batch too large: " + std::to_string(document.size()) +
                                                   " requests, the limit is " + std::to_string(max_batch)));
        }
        std::string out = "[";
        for (const json& request : document) {
            auto response = handle_one(handlers_, request);
            if (!response) continue;
            if (out.size() > 1) out += ',';
            out += *response;
        }
        if (out.size() == 1) return {};
        out += ']';
        return out;
    } catch (const std::exception& e) {
        // Only allocation failure can get here; answer rather than take the server down.
        logging::error(kComponent, std::string("request failed: ") + e.what());
        return error_response(kNullId, RpcError::internal("internal error"));
    }
}

}  // namespace optimist::rpc
