#include "http_session.hpp"

#include <optimist/core/logging.hpp>
#include <optimist/rpc/http_server.hpp>

#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/strand.hpp>

#include <cctype>
#include <condition_variable>
#include <thread>
#include <vector>

namespace optimist::rpc {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
using tcp = asio::ip::tcp;

constexpr std::string_view kComponent = "rpc";
// After a failed accept (EMFILE, ENFILE, ENOBUFS), wait instead of spinning on the error.
constexpr auto kAcceptRetryDelay = std::chrono::milliseconds(100);

std::string lower_first(std::string s) {
    if (!s.empty()) s[0] = static_cast<char>(std::tolower(static_cast<unsigned char>(s[0])));
    return s;
}

std::string endpoint_text(const std::string& address, std::uint16_t port) {
    const bool v6 = address.find(':') != std::string::npos;
    return (v6 ? "[" + address + "]" : address) + ":" + std::to_string(port);
}

}  // namespace

struct HttpServer::Impl {
    Impl(const Dispatcher& dispatcher, HttpServerOptions options)
        : context(std::make_shared<detail::ServerContext>(dispatcher, std::move(options))),
          io(static_cast<int>(context->options.threads)),
          acceptor(asio::make_strand(io)),
          retry_timer(acceptor.get_executor()) {}

    void accept();
    void on_accept(beast::error_code ec, tcp::socket socket);
    void run_thread();

    // `context` is declared first so that it outlives the io_context, whose destruction may
    // destroy sessions still queued after a forced stop.
    std::shared_ptr<detail::ServerContext> context;
    asio::io_context io;
    tcp::acceptor acceptor;  // used only on its strand once the threads run
    asio::steady_timer retry_timer;
    std::vector<std::thread> threads;
    std::atomic<std::uint16_t> port{0};

    std::mutex lifecycle_mutex;  // start() and stop()
    bool started = false;
    bool stopped = false;

    std::mutex run_mutex;
    std::condition_variable run_cv;
    std::size_t running = 0;
};

void HttpServer::Impl::accept() {
    acceptor.async_accept(asio::make_strand(io), [this](beast::error_code ec, tcp::socket socket) {
        on_accept(ec, std::move(socket));
    });
}

void HttpServer::Impl::on_accept(beast::error_code ec, tcp::socket socket) {
    if (ec == asio::error::operation_aborted || !acceptor.is_open()) return;
    if (ec) {
        logging::warn(kComponent, "accept failed: " + ec.message());
        retry_timer.expires_after(kAcceptRetryDelay);
        retry_timer.async_wait([this](beast::error_code wait_ec) {
            if (!wait_ec && acceptor.is_open()) accept();
        });
        return;
    }
    beast::error_code ignored;
    socket.set_option(tcp::no_delay(true), ignored);  // responses are single small writes
    context->connections.fetch_add(1, std::memory_order_relaxed);
    std::make_shared<detail::Session>(std::move(socket), context)->start();
    accept();
}

void HttpServer::Impl::run_thread() {
    for (;;) {
        try {
            io.run();
            break;
        } catch (const std::exception& e) {
            // Sessions catch their own failures; anything reaching here is a bug, but one
            // bad request must not take the endpoint down.
            logging::error(kComponent, std::string("uncaught exception in server thread: ") + e.what());
        }
    }
    {
        std::lock_guard lock(run_mutex);
        --running;
    }
    run_cv.notify_all();
}

HttpServer::HttpServer(const Dispatcher& dispatcher, HttpServerOptions options)
    : impl_(std::make_unique<Impl>(dispatcher, std::move(options))) {}

HttpServer::~HttpServer() { stop(); }

std::uint16_t HttpServer::port() const noexcept { return impl_->port.load(); }

std::uint64_t HttpServer::connections_accepted() const noexcept {
    return impl_->context->connections.load(std::memory_order_relaxed);
}

Result<void, std::string> HttpServer::start() {
    Impl& s = *impl_;
    std::lock_guard lock(s.lifecycle_mutex);
    const HttpServerOptions& options = s.context->options;
    const std::string where = endpoint_text(options.bind_address, options.port);
    if (s.started || s.stopped) return fail("cannot listen on " + where + ": the server was already started");

    beast::error_code ec;
    const auto address = asio::ip::make_address(options.bind_address, ec);
    if (ec) return fail("cannot listen on " + where + ": invalid bind address");
    const tcp::endpoint endpoint(address, options.port);
    auto failed = [&](std::string_view step) -> Result<void, std::string> {
        beast::error_code ignored;
        s.acceptor.close(ignored);
        logging::debug(kComponent, std::string(step) + " failed: " + ec.message());
        return fail("cannot listen on " + where + ": " + lower_first(ec.message()));
    };
    s.acceptor.open(endpoint.protocol(), ec);
    if (ec) return failed("open");
    // Lets a restarted node bind while old connections sit in TIME_WAIT; on Linux it does not
    // allow two listeners on one port, so "address already in use" is still reported.
    s.acceptor.set_option(asio::socket_base::reuse_address(true), ec);
    if (ec) return failed("setsockopt");
    s.acceptor.bind(endpoint, ec);
    if (ec) return failed("bind");
    s.acceptor.listen(asio::socket_base::max_listen_connections, ec);
    if (ec) return failed("listen");
    s.port = s.acceptor.local_endpoint(ec).port();

    s.accept();
    const unsigned n = options.threads == 0 ? 1 : options.threads;
    s.running = n;
    s.threads.reserve(n);
    for (unsigned i = 0; i < n; ++i) s.threads.emplace_back([&s] { s.run_thread(); });
    s.started = true;
    logging::info(kComponent, "listening on http://" + endpoint_text(options.bind_address, s.port.load()));
    return {};
}

void HttpServer::stop() {
    Impl& s = *impl_;
    std::lock_guard lock(s.lifecycle_mutex);
    if (s.stopped) return;
    s.stopped = true;
    if (!s.started) return;

    s.context->stopping.store(true);
    asio::post(s.acceptor.get_executor(), [&s] {
        beast::error_code ignored;
        s.acceptor.close(ignored);
        s.retry_timer.cancel();
    });
    std::vector<std::shared_ptr<detail::Session>> live;
    {
        std::lock_guard sessions_lock(s.context->sessions_mutex);
        for (const auto& [ptr, weak] : s.context->sessions)
            if (auto session = weak.lock()) live.push_back(std::move(session));
    }
    for (const auto& session : live) session->request_stop();
    live.clear();  // the posted stop requests hold their sessions; this thread must not

    {
        std::unique_lock run_lock(s.run_mutex);
        if (!s.run_cv.wait_for(run_lock, s.context->options.shutdown_timeout,
                               [&s] { return s.running == 0; })) {
            logging::warn(kComponent, "requests still running after the shutdown timeout; abandoning them");
            s.io.stop();
        }
    }
    for (auto& thread : s.threads) thread.join();
    s.threads.clear();
    logging::info(kComponent, "HTTP server stopped");
}

}  // namespace optimist::rpc
