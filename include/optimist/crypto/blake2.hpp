// The BLAKE2b compression function F (RFC 7693, section 3.2) with a caller-chosen number
// of rounds, as the BLAKE2F precompile 0x09 exposes it (EIP-152).
#pragma once

#include <array>
#include <cstdint>

namespace optimist::crypto {

struct Blake2bState {
    std::array<std::uint64_t, 8> h{};   // chain value
    std::array<std::uint64_t, 16> m{};  // message block
    std::array<std::uint64_t, 2> t{};   // byte offset counter, low word first
    bool final_block = false;
};

// Updates state.h in place by `rounds` rounds of F. Round i uses message schedule
// SIGMA[i mod 10], so rounds = 12 is standard BLAKE2b and any count (0 to 2^32 - 1) is
// defined. Cost is linear in `rounds`; the precompile charges one gas per round.
void blake2b_compress(std::uint32_t rounds, Blake2bState& state) noexcept;

}  // namespace optimist::crypto
