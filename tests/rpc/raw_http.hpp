// A blocking loopback TCP connection that sends arbitrary bytes: for the HTTP cases a
// well-behaved client cannot produce (malformed requests, stalls, pipelining).
#pragma once

#include <chrono>
#include <cstdint>
#include <string>
#include <string_view>

namespace optimist::rpc::testing {

class RawConnection {
public:
    explicit RawConnection(std::uint16_t port);  // 127.0.0.1:port
    ~RawConnection();
    RawConnection(const RawConnection&) = delete;
    RawConnection& operator=(const RawConnection&) = delete;

    [[nodiscard]] bool connected() const { return fd_ >= 0; }
    bool send(std::string_view bytes);
    // Everything received until the peer closes or `timeout` passes.
    std::string read_until_close(std::chrono::milliseconds timeout);
    // Everything received until `marker` has arrived (or `timeout` passes).
    std::string read_until(std::string_view marker, std::chrono::milliseconds timeout);
    // True when the peer closed the connection within `timeout`.
    bool closed_by_peer(std::chrono::milliseconds timeout);

private:
    int fd_ = -1;
    std::string pending_;
};

// The status code of the first response in `raw` ("HTTP/1.1 413 ..."), or 0.
int status_of(std::string_view raw);

}  // namespace optimist::rpc::testing
