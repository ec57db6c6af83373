#include "raw_http.hpp"

#include <arpa/inet.h>
#include <cstdlib>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

namespace optimist::rpc::testing {
namespace {

using Clock = std::chrono::steady_clock;

// Reads what is available within the remaining time; -1 on timeout, 0 on close.
long read_some(int fd, std::string& out, Clock::time_point deadline) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) return -1;
    pollfd p{fd, POLLIN, 0};
    if (::poll(&p, 1, static_cast<int>(left)) <= 0) return -1;
    char buf[4096];
    const ssize_t n = ::recv(fd, buf, sizeof(buf), 0);
    if (n < 0) return 0;  // reset counts as closed
    out.append(buf, static_cast<std::size_t>(n));
    return n;
}

}  // namespace

RawConnection::RawConnection(std::uint16_t port) {
    fd_ = ::socket(AF_INET, SOCK_STREAM, 0);
    if (fd_ < 0) return;
    sockaddr_in addr{};
    addr.sin_family = AF_INET;
    addr.sin_port = htons(port);
    addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    if (::connect(fd_, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) != 0) {
        ::close(fd_);
        fd_ = -1;
    }
}

RawConnection::~RawConnection() {
    if (fd_ >= 0) ::close(fd_);
}

bool RawConnection::send(std::string_view bytes) {
    while (!bytes.empty()) {
        const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
        if (n <= 0) return false;
        bytes.remove_prefix(static_cast<std::size_t>(n));
    }
    return true;
}

std::string RawConnection::read_until_close(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    std::string out = std::move(pending_);
    pending_.clear();
    while (read_some(fd_, out, deadline) > 0) {
    }
    return out;
}

std::string RawConnection::read_until(std::string_view marker, std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    std::string out = std::move(pending_);
    pending_.clear();
    while (out.find(marker) == std::string::npos && read_some(fd_, out, deadline) > 0) {
    }
    return out;
}

bool RawConnection::closed_by_peer(std::chrono::milliseconds timeout) {
    const auto deadline = Clock::now() + timeout;
    for (;;) {
        const long n = read_some(fd_, pending_, deadline);
        if (n == 0) return true;
        if (n < 0) return false;
    }
}

int status_of(std::string_view raw) {
    if (!raw.starts_with("HTTP/1.") || raw.size() < 12) return 0;
    return std::atoi(std::string(raw.substr(9, 3)).c_str());
}

}  // namespace optimist::rpc::testing
