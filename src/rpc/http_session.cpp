#include "http_session.hpp"

#include <optimist/core/logging.hpp>

#include <boost/asio/dispatch.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/write.hpp>

#include <exception>
#include <string_view>
#include <utility>

namespace optimist::rpc::detail {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;

constexpr std::string_view kComponent = "rpc";
// Beast's default of 8 KiB rejects some browsers' cookie-laden headers.
constexpr std::uint32_t kHeaderLimit = 64 * 1024;
// After an error response, the rest of the request is read and dropped for a while before
// the socket closes: closing with unread data makes the kernel send RST, which can destroy
// the response before the client reads it.
constexpr auto kLingerTimeout = std::chrono::seconds(2);
constexpr std::size_t kMaxLingerBytes = 64 * 1024 * 1024;
constexpr std::string_view kAllowedMethods = "POST, GET, OPTIONS";
constexpr std::string_view kContinue = "HTTP/1.1 100 Continue\r\n\r\n";

bool is_http_error(const beast::error_code& ec) {
    return ec.category() == http::make_error_code(http::error::bad_method).category();
}

std::string json_error_body(int code, std::string_view message) {
    std::string out = R"({"jsonrpc":"2.0","id":null,"error":{"code":)";
    out += std::to_string(code);
    out += R"(,"message":")";
    out += message;  // callers pass plain ASCII without quotes or backslashes
    out += "\"}}";
    return out;
}

}  // namespace

Session::Session(asio::ip::tcp::socket socket, std::shared_ptr<ServerContext> context)
    : stream_(std::move(socket)), context_(std::move(context)) {}

Session::~Session() {
    std::lock_guard lock(context_->sessions_mutex);
    context_->sessions.erase(this);
}

void Session::start() {
    {
        std::lock_guard lock(context_->sessions_mutex);
        context_->sessions.emplace(this, weak_from_this());
    }
    // Registered before `stopping` is read (in read_request): stop() sets the flag before it
    // walks the registry, so either it sees this session or this session sees the flag.
    asio::dispatch(stream_.get_executor(), [self = shared_from_this()] { self->read_request(); });
}

void Session::request_stop() {
    asio::post(stream_.get_executor(), [self = shared_from_this()] {
        self->stop_requested_ = true;
        if (self->waiting_for_request_ || self->lingering_) self->close();
    });
}

bool Session::stopping() const { return stop_requested_ || context_->stopping.load(); }

void Session::read_request() {
    if (stopping()) return close();
    parser_.emplace();
    parser_->body_limit(context_->options.max_body_bytes);
    parser_->header_limit(kHeaderLimit);
    waiting_for_request_ = true;
    stream_.expires_after(context_->options.idle_timeout);
    http::async_read_header(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_header(ec); });
}

void Session::on_header(beast::error_code ec) {
    waiting_for_request_ = false;
    if (ec) return on_read_error(ec);
    if (parser_->is_done()) return respond();
    const auto expect = parser_->get()[http::field::expect];
    if (beast::iequals(expect, "100-continue")) {
        stream_.expires_after(context_->options.idle_timeout);
        asio::async_write(stream_, asio::buffer(kContinue.data(), kContinue.size()),
                          [self = shared_from_this()](beast::error_code write_ec, std::size_t) {
                              if (write_ec) return self->close();
                              self->read_body();
                          });
        return;
    }
    read_body();
}

void Session::read_body() {
    stream_.expires_after(context_->options.idle_timeout);
    http::async_read(
        stream_, buffer_, *parser_,
        [self = shared_from_this()](beast::error_code ec, std::size_t) { self->on_request(ec); });
}

void Session::on_request(beast::error_code ec) {
    if (ec) return on_read_error(ec);
    respond();
}

void Session::on_read_error(beast::error_code ec) {
    if (ec == asio::error::operation_aborted) return;  // closed by request_stop()
    if (ec == http::error::end_of_stream || ec == beast::error::timeout || !is_http_error(ec) ||
        ec == http::error::partial_message) {
        // The client went away or went quiet: nobody is waiting for an answer.
        logging::trace(kComponent, "connection closed: " + ec.message());
        return close();
    }
    Response response;
    response.version(11);
    response.set(http::field::access_control_allow_origin, "*");
    if (ec == http::error::body_limit) {
        response.result(http::status::payload_too_large);
        response.set(http::field::content_type, "application/json");
        response.body() =
            json_error_body(-32600, "request body too large: the limit is " +
                                        std::to_string(context_->options.max_body_bytes) + " bytes");
    } else if (ec == http::error::header_limit) {
        response.result(http::status::request_header_fields_too_large);
        response.set(http::field::content_type, "text/plain");
        response.body() = "request header too large\n";
    } else {
        response.result(http::status::bad_request);
        response.set(http::field::content_type, "text/plain");
        response.body() = "malformed HTTP request: " + ec.message() + "\n";
    }
    logging::debug(kComponent, "HTTP " + std::to_string(response.result_int()) + ": " + ec.message());
    response.keep_alive(false);
    send(std::move(response), /*close_after=*/true);
}

void Session::respond() {
    auto& request = parser_->get();
    const bool keep_alive = request.keep_alive() && !stopping();
    Response response{http::status::ok, request.version()};
    response.set(http::field::server, "optimist");
    response.set(http::field::access_control_allow_origin, "*");

    switch (request.method()) {
        case http::verb::post: {
            response.set(http::field::content_type, "application/json");
            try {
                response.body() = context_->dispatcher.handle(request.body(), context_->options.max_batch);
            } catch (const std::exception& e) {
                // Dispatcher::handle catches handler exceptions itself; this is the last net.
                logging::error(kComponent, std::string("request failed: ") + e.what());
                response.body() = json_error_body(-32603, "internal error");
            }
            break;
        }
        case http::verb::options: {
            // CORS preflight: browsers (wallet dapps) ask before a cross-origin POST with a
            // JSON content type.
            response.result(http::status::no_content);
            response.set(http::field::access_control_allow_methods, kAllowedMethods);
            const auto requested = request[http::field::access_control_request_headers];
            response.set(http::field::access_control_allow_headers,
                         requested.empty() ? beast::string_view("Content-Type") : requested);
            response.set(http::field::access_control_max_age, "86400");
            break;
        }
        case http::verb::get: {
            response.set(http::field::content_type, "application/json");
            response.body() = R"({"jsonrpc":"2.0","result":"optimist JSON-RPC: POST requests to this URL"})";
            break;
        }
        default: {
            response.result(http::status::method_not_allowed);
            response.set(http::field::allow, kAllowedMethods);
            response.set(http::field::content_type, "text/plain");
            response.body() = "method not allowed: use POST\n";
            break;
        }
    }
    parser_.reset();  // frees the request body before the response goes out
    response.keep_alive(keep_alive);
    send(std::move(response), !keep_alive);
}

void Session::send(Response response, bool close_after) {
    response_ = std::move(response);
    // RFC 9110 section 8.6: no Content-Length on a 204.
    if (response_.result() != http::status::no_content) response_.prepare_payload();
    stream_.expires_after(context_->options.idle_timeout);
    http::async_write(stream_, response_,
                      [self = shared_from_this(), close_after](beast::error_code ec, std::size_t) {
                          self->on_write(close_after, ec);
                      });
}

void Session::on_write(bool close_after, beast::error_code ec) {
    response_ = {};
    if (ec) return close();
    if (close_after || stopping()) return linger();
    read_request();
}

void Session::linger() {
    beast::error_code ec;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_send, ec);
    if (ec || stop_requested_) return close();
    lingering_ = true;
    stream_.expires_after(kLingerTimeout);  // for the whole drain, not per read
    drain();
}

void Session::drain() {
    stream_.async_read_some(asio::buffer(drain_buffer_),
                            [self = shared_from_this()](beast::error_code ec, std::size_t n) {
                                self->drained_ += n;
                                // EOF (the client read the response and closed), the linger
                                // timeout, or too much data: done either way.
                                if (ec || !self->lingering_ || self->drained_ > kMaxLingerBytes)
                                    return self->close();
                                self->drain();
                            });
}

void Session::close() {
    waiting_for_request_ = false;
    lingering_ = false;
    beast::error_code ec;
    stream_.socket().shutdown(asio::ip::tcp::socket::shutdown_both, ec);
    stream_.close();
}

}  // namespace optimist::rpc::detail
