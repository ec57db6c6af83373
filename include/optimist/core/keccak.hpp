// Keccak-256 as Ethereum uses it (the original Keccak padding 0x01, not SHA3-256's 0x06).
// OpenSSL 3.0 on Debian 12 exposes only SHA3, hence our own permutation.
#pragma once

#include <optimist/core/bytes.hpp>

#include <array>
#include <cstdint>

namespace optimist {

[[nodiscard]] Hash keccak256(ByteView data) noexcept;

// Incremental hasher: absorb any number of pieces, then finish once. Absorbing works on
// 136-byte blocks (the rate), which the fraud-proof step machine relies on to split long
// KECCAK256 inputs into bounded steps.
class Keccak256 {
public:
    static constexpr std::size_t kRate = 136;

    void update(ByteView data) noexcept;
    // Pads, permutes and returns the digest. The hasher must not be used afterwards.
    [[nodiscard]] Hash finish() noexcept;

private:
    std::array<std::uint64_t, 25> state_{};
    std::array<std::uint8_t, kRate> buffer_{};
    std::size_t buffered_ = 0;
};

// The Keccak-f[1600] permutation, exposed for tests and the step machine.
void keccak_f1600(std::array<std::uint64_t, 25>& state) noexcept;

}  // namespace optimist
