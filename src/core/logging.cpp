#include <optimist/core/logging.hpp>

#include <atomic>
#include <chrono>
#include <cstdio>
#include <ctime>
#include <mutex>

namespace optimist::logging {
namespace {

std::atomic<Level> g_level{Level::info};
std::mutex g_write_mutex;

// "2026-11-22T02:40:01.123Z" into `out` (at least 25 bytes).
void format_now(char* out, std::size_t size) {
    const auto now = std::chrono::system_clock::now();
    const auto ms = std::chrono::duration_cast<std::chrono::milliseconds>(now.time_since_epoch()).count() % 1000;
    const std::time_t seconds = std::chrono::system_clock::to_time_t(now);
    std::tm utc{};
    gmtime_r(&seconds, &utc);
    std::snprintf(out, size, "%04d-%02d-%02dT%02d:%02d:%02d.%03dZ", utc.tm_year + 1900, utc.tm_mon + 1,
                  utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, static_cast<int>(ms));
}

}  // namespace

void set_level(Level level) noexcept { g_level.store(level, std::memory_order_relaxed); }
Level level() noexcept { return g_level.load(std::memory_order_relaxed); }

std::optional<Level> parse_level(std::string_view name) noexcept {
    if (name == "trace") return Level::trace;
    if (name == "debug") return Level::debug;
    if (name == "info") return Level::info;
    if (name == "warn" || name == "warning") return Level::warn;
    if (name == "error") return Level::error;
    if (name == "off") return Level::off;
    return std::nullopt;
}

std::string_view to_string(Level level) noexcept {
    switch (level) {
        case Level::trace: return "TRACE";
        case Level::debug: return "DEBUG";
        case Level::info: return "INFO ";
        case Level::warn: return "WARN ";
        case Level::error: return "ERROR";
        case Level::off: return "OFF  ";
    }
    return "?    ";
}

void write(Level level, std::string_view component, std::string_view message) {
    if (!enabled(level)) return;
    char stamp[64];
    format_now(stamp, sizeof stamp);
    // Build the whole line first so one fwrite emits it: records from different threads
    // (and from processes sharing a terminal) stay whole.
    std::string line;
    line.reserve(48 + component.size() + message.size());
    line.append(stamp).append(" ").append(to_string(level)).append(" [").append(component).append("] ");
    line.append(message).push_back('\n');
    const std::lock_guard lock(g_write_mutex);
    std::fwrite(line.data(), 1, line.size(), stderr);
    std::fflush(stderr);
}

}  // namespace optimist::logging
