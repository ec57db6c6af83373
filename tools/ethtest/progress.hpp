// Progress display: a redrawn bar on a terminal, a plain line per tenth otherwise (logs and
// ctest output stay readable). Thread-safe: advance() may be called from any thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <iosfwd>
#include <mutex>

namespace optimist::ethtest {

class Progress {
public:
    Progress(std::ostream& out, std::size_t total, bool terminal);
    void advance();
    // Ends the bar's line on a terminal.
    void finish();

private:
    void draw(std::size_t done);

    std::ostream& out_;
    std::size_t total_;
    bool terminal_;
    std::atomic<std::size_t> done_{0};
    std::mutex mutex_;
    std::chrono::steady_clock::time_point start_;
    std::chrono::steady_clock::time_point last_draw_;
    std::size_t last_tenth_ = 0;
};

}  // namespace optimist::ethtest
