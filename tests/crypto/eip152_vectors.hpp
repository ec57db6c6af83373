// EIP-152's test inputs (its "Test Cases" section).
#pragma once

#include <string>
#include <string_view>

namespace optimist::crypto::test {

// The vectors' common input after the 4-byte rounds field: h (BLAKE2b-512's initial
// state), m = "abc", t = 3, then the final flag byte.
inline std::string eip152_input(std::string_view rounds, std::string_view flag) {
    return std::string(rounds) +
           "48c9bdf267e6096a3ba7ca8485ae67bb2bf894fe72f36e3cf1361d5f3af54fa5d182e6ad7f520e511f6c3e2b8c68059b6"
           "bbd41fb"
           "abd9831f79217e1319cde05b6162630000000000000000000000000000000000000000000000000000000000000000000"
           "0000000"
           "0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000"
           "0000000"
           "0000000000000000000000000000000000000000000000000000000000000000000000000300000000000000000000000"
           "0000000" +
           std::string(flag);
}

}  // namespace optimist::crypto::test
