#include "progress.hpp"

#include <iomanip>
#include <ostream>
#include <string>

namespace optimist::ethtest {

namespace {
constexpr std::size_t kBarWidth = 40;
constexpr auto kRedrawInterval = std::chrono::milliseconds(100);
}  // namespace

Progress::Progress(std::ostream& out, std::size_t total, bool terminal)
    : out_(out),
      total_(total),
      terminal_(terminal),
      start_(std::chrono::steady_clock::now()),
      last_draw_(start_) {}

void Progress::advance() {
    const std::size_t done = done_.fetch_add(1, std::memory_order_relaxed) + 1;
    const auto now = std::chrono::steady_clock::now();
    if (terminal_) {
        // Redraw at most every kRedrawInterval, and always for the last case.
        std::unique_lock lock(mutex_, std::try_to_lock);
        if (!lock.owns_lock() || (now - last_draw_ < kRedrawInterval && done != total_)) return;
        last_draw_ = now;
        draw(done);
        return;
    }
    const std::size_t tenth = total_ == 0 ? 10 : done * 10 / total_;
    std::lock_guard lock(mutex_);
    if (tenth <= last_tenth_) return;
    last_tenth_ = tenth;
    draw(done);
}

void Progress::draw(std::size_t done) {
    const double seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start_).count();
    const std::size_t percent = total_ == 0 ? 100 : done * 100 / total_;
    if (terminal_) {
        const std::size_t filled = total_ == 0 ? kBarWidth : done * kBarWidth / total_;
        out_ << "\r[" << std::string(filled, '#') << std::string(kBarWidth - filled, ' ') << "] " << done
             << '/' << total_ << ' ' << std::setw(3) << percent << "% " << std::fixed << std::setprecision(1)
             << seconds << 's' << std::flush;
    } else {
        out_ << done << '/' << total_ << " cases (" << percent << "%) after " << std::fixed
             << std::setprecision(1) << seconds << "s\n"
             << std::flush;
    }
}

void Progress::finish() {
    if (!terminal_) return;
    std::lock_guard lock(mutex_);
    draw(done_.load());
    out_ << '\n' << std::flush;
}

}  // namespace optimist::ethtest
