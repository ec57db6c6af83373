#include <optimist/core/logging.hpp>
#include <optimist/rpc/http_client.hpp>

#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <cctype>
#include <limits>
#include <map>
#include <optional>

namespace optimist::rpc {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using nlohmann::json;

constexpr std::string_view kComponent = "rpc";
constexpr std::size_t kSnippet = 200;  // how much of an unexpected body goes into a message

struct Url {
    std::string host;  // without IPv6 brackets
    std::string port = "80";
    std::string target = "/";
    std::string host_header;
};

Result<Url, std::string> parse_url(std::string_view url) {
    constexpr std::string_view kScheme = "http://";
    if (url.starts_with("https://")) return fail(std::string("https is not supported: ") + std::string(url));
    if (!url.starts_with(kScheme)) return fail("URL must start with http://: " + std::string(url));
    std::string_view rest = url.substr(kScheme.size());
    Url out;
    const auto slash = rest.find('/');
    if (slash != std::string_view::npos) {
        out.target = std::string(rest.substr(slash));
        rest = rest.substr(0, slash);
    }
    out.host_header = std::string(rest);
    std::string_view host = rest;
    std::string_view port;
    if (rest.starts_with('[')) {
        const auto close = rest.find(']');
        if (close == std::string_view::npos) return fail("invalid URL: " + std::string(url));
        host = rest.substr(1, close - 1);
        if (close + 1 < rest.size()) {
            if (rest[close + 1] != ':') return fail("invalid URL: " + std::string(url));
            port = rest.substr(close + 2);
        }
    } else if (const auto colon = rest.rfind(':'); colon != std::string_view::npos) {
        host = rest.substr(0, colon);
        port = rest.substr(colon + 1);
    }
    if (host.empty()) return fail("invalid URL (no host): " + std::string(url));
    out.host = std::string(host);
    if (!port.empty() || rest.ends_with(':')) {
        if (port.empty() || port.size() > 5) return fail("invalid port in URL: " + std::string(url));
        for (char c : port)
            if (!std::isdigit(static_cast<unsigned char>(c)))
                return fail("invalid port in URL: " + std::string(url));
        out.port = std::string(port);
    }
    return out;
}

std::string snippet(std::string_view body) {
    std::string out(body.substr(0, kSnippet));
    if (body.size() > kSnippet) out += "...";
    return out;
}

std::string describe(const beast::error_code& ec) {
    if (ec == beast::error::timeout) return "timed out";
    std::string m = ec.message();
    if (!m.empty()) m[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(m[0])));
    return m;
}

// Failures after which the request certainly did not reach a live server: the connection
// was closed or reset while idle.
bool closed_by_peer(const beast::error_code& ec) {
    return ec == http::error::end_of_stream || ec == asio::error::eof ||
           ec == asio::error::connection_reset || ec == asio::error::broken_pipe ||
           ec == asio::error::connection_aborted;
}

RpcError transport(std::string message) { return RpcError::transport("transport: " + std::move(message)); }

}  // namespace

std::string HttpResponse::header(std::string_view name) const {
    for (const auto& [key, value] : headers)
        if (beast::iequals(key, name)) return value;
    return {};
}

struct HttpClient::Impl {
    Impl(std::string url_text, HttpClientOptions opts) : url(std::move(url_text)), options(opts) {
        auto parsed = parse_url(url);
        if (parsed)
            parts = std::move(parsed).value();
        else
            url_error = parsed.error();
    }

    // Runs the private io_context until the operation just started completes. Async
    // operations are used only because beast::tcp_stream's timeouts need them.
    void run() {
        io.restart();
        io.run();
    }

    Result<void, std::string> connect();
    Result<HttpResponse, std::string> exchange_once(http::request<http::string_body>& request,
                                                    bool& retryable);
    Result<HttpResponse, std::string> exchange(http::request<http::string_body>& request);
    Result<HttpResponse, std::string> post_json(std::string body);

    std::string url;
    HttpClientOptions options;
    Url parts;
    std::string url_error;
    asio::io_context io;
    std::optional<beast::tcp_stream> stream;
    beast::flat_buffer buffer;
    std::uint64_t connections = 0;
    std::uint64_t next_id = 1;
};

Result<void, std::string> HttpClient::Impl::connect() {
    stream.reset();
    buffer.clear();
    tcp::resolver resolver(io);
    beast::error_code ec;
    tcp::resolver::results_type endpoints;
    resolver.async_resolve(parts.host, parts.port, [&](beast::error_code e, tcp::resolver::results_type r) {
        ec = e;
        endpoints = std::move(r);
    });
    run();
    if (ec) return fail("cannot resolve " + parts.host + ": " + describe(ec));

    stream.emplace(io);
    stream->expires_after(options.timeout);
    stream->async_connect(endpoints, [&](beast::error_code e, const tcp::endpoint&) { ec = e; });
    run();
    if (ec) {
        stream.reset();
        return fail("cannot connect to " + url + ": " + describe(ec));
    }
    beast::error_code ignored;
    stream->socket().set_option(tcp::no_delay(true), ignored);
    ++connections;
    return {};
}

Result<HttpResponse, std::string> HttpClient::Impl::exchange_once(http::request<http::string_body>& request,
                                                                  bool& retryable) {
    retryable = false;
    beast::error_code ec;
    stream->expires_after(options.timeout);
    http::async_write(*stream, request, [&](beast::error_code e, std::size_t) { ec = e; });
    run();
    if (ec) {
        retryable = closed_by_peer(ec);
        stream.reset();
        return fail("cannot send request to " + url + ": " + describe(ec));
    }

    http::response_parser<http::string_body> parser;
    parser.body_limit(std::numeric_limits<std::uint64_t>::max());  // results may be large traces
    stream->expires_after(options.timeout);
    http::async_read(*stream, buffer, parser, [&](beast::error_code e, std::size_t) { ec = e; });
    run();
    if (ec) {
        retryable = !parser.got_some() && closed_by_peer(ec);
        stream.reset();
        return fail("no response from " + url + ": " + describe(ec));
    }

    auto& message = parser.get();
    HttpResponse out;
    out.status = static_cast<int>(message.result_int());
    for (const auto& field : message) out.headers.emplace_back(field.name_string(), field.value());
    if (!message.keep_alive()) stream.reset();
    out.body = std::move(message.body());
    return out;
}

Result<HttpResponse, std::string> HttpClient::Impl::exchange(http::request<http::string_body>& request) {
    if (!url_error.empty()) return fail(url_error);
    const bool reused = stream.has_value();
    if (!reused) {
        if (auto connected = connect(); !connected) return fail(connected.error());
    }
    bool retryable = false;
    auto response = exchange_once(request, retryable);
    if (response || !reused || !retryable) return response;
    logging::debug(kComponent, "kept-alive connection to " + url + " was closed; reconnecting");
    if (auto connected = connect(); !connected) return fail(connected.error());
    return exchange_once(request, retryable);
}

Result<HttpResponse, std::string> HttpClient::Impl::post_json(std::string body) {
    http::request<http::string_body> request{http::verb::post, parts.target, 11};
    request.set(http::field::host, parts.host_header);
    request.set(http::field::user_agent, "optimist");
    request.set(http::field::content_type, "application/json");
    request.body() = std::move(body);
    request.prepare_payload();
    return exchange(request);
}

HttpClient::HttpClient(std::string url, HttpClientOptions options)
    : impl_(std::make_unique<Impl>(std::move(url), options)) {}
HttpClient::~HttpClient() = default;
HttpClient::HttpClient(HttpClient&&) noexcept = default;
HttpClient& HttpClient::operator=(HttpClient&&) noexcept = default;

std::uint64_t HttpClient::connections_opened() const noexcept { return impl_->connections; }

void HttpClient::close() { impl_->stream.reset(); }

namespace {

// The result of one call from its response object.
Result<json, RpcError> read_response(const json& response, int status) {
    if (const auto error = response.find("error"); error != response.end()) {
        if (auto parsed = RpcError::from_json(*error)) return fail(std::move(*parsed));
        return fail(transport("malformed error object: " + snippet(error->dump())));
    }
    if (status != 200)
        return fail(transport("HTTP " + std::to_string(status) + ": " + snippet(response.dump())));
    if (const auto result = response.find("result"); result != response.end()) return *result;
    return fail(transport("response has neither result nor error: " + snippet(response.dump())));
}

std::string request_text(std::uint64_t id, std::string_view method, const json& params) {
    const json request = {{"jsonrpc", "2.0"}, {"id", id}, {"method", method}, {"params", params}};
    return request.dump(-1, ' ', false, json::error_handler_t::replace);
}

RpcError unexpected_body(const HttpResponse& response) {
    if (response.status != 200)
        return transport("HTTP " + std::to_string(response.status) + ": " + snippet(response.body));
    return transport("invalid JSON-RPC response: " + snippet(response.body));
}

}  // namespace

Result<json, RpcError> HttpClient::call(std::string_view method, json params) {
    const std::uint64_t id = impl_->next_id++;
    auto response = impl_->post_json(request_text(id, method, params));
    if (!response) return fail(transport(response.error()));
    const json document = json::parse(response->body, nullptr, false);
    if (document.is_discarded() || !document.is_object()) return fail(unexpected_body(*response));
    // Errors about the request as a whole (parse error, invalid request) carry id null.
    if (document.contains("result") && document.value("id", json()) != json(id))
        return fail(transport("response id mismatch: " + snippet(response->body)));
    return read_response(document, response->status);
}

std::vector<Result<json, RpcError>> HttpClient::batch(
    const std::vector<std::pair<std::string, json>>& calls) {
    std::vector<Result<json, RpcError>> out;
    if (calls.empty()) return out;
    out.reserve(calls.size());
    const std::uint64_t first_id = impl_->next_id;
    impl_->next_id += calls.size();

    std::string body = "[";
    for (std::size_t i = 0; i < calls.size(); ++i) {
        if (i > 0) body += ',';
        body += request_text(first_id + i, calls[i].first, calls[i].second);
    }
    body += ']';

    auto fill = [&](const Result<json, RpcError>& same) {
        for (std::size_t i = 0; i < calls.size(); ++i) out.push_back(same);
        return out;
    };
    auto response = impl_->post_json(std::move(body));
    if (!response) return fill(fail(transport(response.error())));
    const json document = json::parse(response->body, nullptr, false);
    if (document.is_discarded()) return fill(fail(unexpected_body(*response)));
    if (document.is_object()) {
        // One error for the whole batch (batch too large, body too large, parse error).
        auto single = read_response(document, response->status);
        return fill(single ? Result<json, RpcError>(fail(transport("single result for a batch"))) : single);
    }
    if (!document.is_array()) return fill(fail(unexpected_body(*response)));

    std::map<std::uint64_t, const json*> by_id;
    for (const json& item : document) {
        if (!item.is_object()) continue;
        const auto id = item.find("id");
        if (id != item.end() && id->is_number_unsigned()) by_id.emplace(id->get<std::uint64_t>(), &item);
    }
    for (std::size_t i = 0; i < calls.size(); ++i) {
        const auto it = by_id.find(first_id + i);
        if (it == by_id.end()) {
            out.push_back(
                fail(transport("no response for call " + std::to_string(i) + " (" + calls[i].first + ")")));
        } else {
            out.push_back(read_response(*it->second, response->status));
        }
    }
    return out;
}

Result<std::string, std::string> HttpClient::post_raw(std::string body) {
    auto response = impl_->post_json(std::move(body));
    if (!response) return fail(response.error());
    return std::move(response->body);
}

Result<HttpResponse, std::string> HttpClient::request(
    std::string_view method, std::string body,
    const std::vector<std::pair<std::string, std::string>>& headers) {
    const http::verb verb = http::string_to_verb(method);
    if (verb == http::verb::unknown) return fail("unknown HTTP method " + std::string(method));
    http::request<http::string_body> request{verb, impl_->parts.target, 11};
    request.set(http::field::host, impl_->parts.host_header);
    request.set(http::field::user_agent, "optimist");
    if (verb == http::verb::post) request.set(http::field::content_type, "application/json");
    for (const auto& [name, value] : headers) request.set(name, value);
    request.body() = std::move(body);
    request.prepare_payload();
    return impl_->exchange(request);
}

}  // namespace optimist::rpc
