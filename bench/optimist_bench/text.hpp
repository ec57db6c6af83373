// String building for optimist-bench's messages. concat() appends each part in turn:
// `"literal" + std::to_string(n)` trips GCC 12's -Wrestrict false positive (the
// const char* + std::string&& overload inserts at the front), and -Werror makes that fatal.
#pragma once

#include <concepts>
#include <string>
#include <string_view>

namespace optimist::bench {

inline void append_part(std::string& out, std::string_view s) { out.append(s); }

template <std::integral T>
void append_part(std::string& out, T v) {
    out.append(std::to_string(v));
}

inline void append_part(std::string& out, double v) { out.append(std::to_string(v)); }

template <typename... Parts>
[[nodiscard]] std::string concat(const Parts&... parts) {
    std::string out;
    (append_part(out, parts), ...);
    return out;
}

}  // namespace optimist::bench
