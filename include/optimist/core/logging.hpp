// Leveled logging for the node processes: one line per record on stderr,
//   2026-11-22T02:40:01.123Z INFO  [rpc] listening on http://127.0.0.1:9545
// with the time in UTC, the level, the component and the message. Records below the
// configured level cost one comparison. Lines from several threads never interleave.
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace optimist::logging {

enum class Level : int { trace = 0, debug, info, warn, error, off };

void set_level(Level level) noexcept;
[[nodiscard]] Level level() noexcept;
[[nodiscard]] inline bool enabled(Level l) noexcept { return l >= level() && l != Level::off; }

// "trace", "debug", "info", "warn" (or "warning"), "error", "off"; nullopt otherwise.
[[nodiscard]] std::optional<Level> parse_level(std::string_view name) noexcept;
[[nodiscard]] std::string_view to_string(Level level) noexcept;

// Writes the record if `level` is enabled.
void write(Level level, std::string_view component, std::string_view message);

inline void trace(std::string_view component, std::string_view message) {
    if (enabled(Level::trace)) write(Level::trace, component, message);
}
inline void debug(std::string_view component, std::string_view message) {
    if (enabled(Level::debug)) write(Level::debug, component, message);
}
inline void info(std::string_view component, std::string_view message) {
    if (enabled(Level::info)) write(Level::info, component, message);
}
inline void warn(std::string_view component, std::string_view message) {
    if (enabled(Level::warn)) write(Level::warn, component, message);
}
inline void error(std::string_view component, std::string_view message) {
    if (enabled(Level::error)) write(Level::error, component, message);
}

}  // namespace optimist::logging
