// The seeded randomness of a workload: its accounts and its random choices. Everything here
// is defined bit for bit (no std distributions, whose results differ between standard
// libraries), so a seed names the same workload on every machine.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <string_view>
#include <utility>
#include <vector>

namespace optimist::workload {

// SplitMix64 (Steele, Lea and Flood, "Fast splittable pseudorandom number generators",
// 2014): tiny, fast and good enough to pick amounts and pools.
class Rng {
public:
    explicit Rng(std::uint64_t seed) noexcept : state_(seed) {}

    std::uint64_t next() noexcept;
    // Uniform in [0, n) by rejection, so no value is favoured. REQUIRES: n > 0.
    std::uint64_t below(std::uint64_t n) noexcept;
    // Uniform in [lo, hi]. REQUIRES: lo <= hi.
    std::uint64_t between(std::uint64_t lo, std::uint64_t hi) noexcept;

    // Fisher-Yates.
    template <typename T>
    void shuffle(std::vector<T>& v) noexcept {
        for (std::size_t i = v.size(); i > 1; --i) std::swap(v[i - 1], v[below(i)]);
    }

private:
    std::uint64_t state_;
};

// A workload account: its key signs, its address is the sender.
struct Account {
    Hash key;
    Address address;
};

// The `index`-th account of a workload with this seed: key = keccak256(domain ‖ seed ‖ index
// ‖ attempt) for the first attempt that is a valid secp256k1 scalar (all but ~2^-128 of
// them are). Distinct (seed, index) pairs give distinct keys.
[[nodiscard]] Account derive_account(std::uint64_t seed, std::uint64_t index);

// Keyless addresses (recipients that never send): the last 20 bytes of
// keccak256(domain ‖ seed ‖ index). `domain` keeps families of addresses apart.
[[nodiscard]] Address derive_address(std::string_view domain, std::uint64_t seed, std::uint64_t index);

}  // namespace optimist::workload
