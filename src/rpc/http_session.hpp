// One HTTP connection of HttpServer (internal to src/rpc).
#pragma once

#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/http_server.hpp>

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <array>
#include <atomic>
#include <memory>
#include <mutex>
#include <optional>
#include <unordered_map>

namespace optimist::rpc::detail {

class Session;

// What every session shares with the server. Held by shared_ptr from each session, so a
// session whose handler is destroyed with the io_context (after a forced stop) still finds it.
struct ServerContext {
    ServerContext(const Dispatcher& d, HttpServerOptions o) : dispatcher(d), options(std::move(o)) {}

    const Dispatcher& dispatcher;
    HttpServerOptions options;
    std::atomic<bool> stopping{false};
    std::atomic<std::uint64_t> connections{0};

    std::mutex sessions_mutex;
    std::unordered_map<const Session*, std::weak_ptr<Session>> sessions;
};

class Session : public std::enable_shared_from_this<Session> {
public:
    Session(boost::asio::ip::tcp::socket socket, std::shared_ptr<ServerContext> context);
    ~Session();

    // Registers with the context and starts reading. Call once, right after construction.
    void start();
    // From any thread: close now if waiting for a request, else after the current response.
    void request_stop();

private:
    using Parser = boost::beast::http::request_parser<boost::beast::http::string_body>;
    using Response = boost::beast::http::response<boost::beast::http::string_body>;

    void read_request();
    void on_header(boost::beast::error_code ec);
    void read_body();
    void on_request(boost::beast::error_code ec);
    void on_read_error(boost::beast::error_code ec);
    void respond();
    void send(Response response, bool close_after);
    void on_write(bool close_after, boost::beast::error_code ec);
    void linger();
    void drain();
    void close();
    [[nodiscard]] bool stopping() const;

    boost::beast::tcp_stream stream_;
    boost::beast::flat_buffer buffer_;
    std::optional<Parser> parser_;
    Response response_;  // lives here while async_write sends it
    std::shared_ptr<ServerContext> context_;
    bool waiting_for_request_ = false;  // true while idle between requests
    bool lingering_ = false;
    bool stop_requested_ = false;
    std::size_t drained_ = 0;
    std::array<char, 16 * 1024> drain_buffer_{};
};

}  // namespace optimist::rpc::detail
