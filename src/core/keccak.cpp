// Keccak-f[1600] following FIPS 202 section 3 (theta, rho, pi, chi, iota), with the
// Ethereum-era padding. Lanes are little-endian 64-bit words, as the spec orders bytes.
#include <optimist/core/keccak.hpp>

#include <bit>
#include <cstring>

namespace optimist {

namespace {

constexpr std::array<std::uint64_t, 24> kRoundConstants = {
    0x0000000000000001ULL, 0x0000000000008082ULL, 0x800000000000808aULL, 0x8000000080008000ULL,
    0x000000000000808bULL, 0x0000000080000001ULL, 0x8000000080008081ULL, 0x8000000000008009ULL,
    0x000000000000008aULL, 0x0000000000000088ULL, 0x0000000080008009ULL, 0x000000008000000aULL,
    0x000000008000808bULL, 0x800000000000008bULL, 0x8000000000008089ULL, 0x8000000000008003ULL,
    0x8000000000008002ULL, 0x8000000000000080ULL, 0x000000000000800aULL, 0x800000008000000aULL,
    0x8000000080008081ULL, 0x8000000000008080ULL, 0x0000000080000001ULL, 0x8000000080008008ULL,
};

static_assert(std::endian::native == std::endian::little, "lanes are loaded little-endian");

inline void absorb_block(std::array<std::uint64_t, 25>& state, const std::uint8_t* block) noexcept {
    for (std::size_t i = 0; i < Keccak256::kRate / 8; ++i) {
        std::uint64_t lane;
        std::memcpy(&lane, block + 8 * i, 8);
        state[i] ^= lane;
    }
    keccak_f1600(state);
}

// One round from lanes `a` into lanes `e`, computed output row by output row: theta's
// column parities first, then for each row of the result its five rho/pi inputs and their chi.
// Working row by row keeps about a dozen values live, where computing all 25 rho/pi lanes
// before chi made the compiler spill most of them: this form hashes 1.3x faster
// (docs/performance.md).
[[gnu::always_inline]] inline void keccak_round(const std::uint64_t* a, std::uint64_t* e, std::uint64_t rc) noexcept {
    const std::uint64_t c0 = a[0] ^ a[5] ^ a[10] ^ a[15] ^ a[20];
    const std::uint64_t c1 = a[1] ^ a[6] ^ a[11] ^ a[16] ^ a[21];
    const std::uint64_t c2 = a[2] ^ a[7] ^ a[12] ^ a[17] ^ a[22];
    const std::uint64_t c3 = a[3] ^ a[8] ^ a[13] ^ a[18] ^ a[23];
    const std::uint64_t c4 = a[4] ^ a[9] ^ a[14] ^ a[19] ^ a[24];
    const std::uint64_t d0 = c4 ^ std::rotl(c1, 1);
    const std::uint64_t d1 = c0 ^ std::rotl(c2, 1);
    const std::uint64_t d2 = c1 ^ std::rotl(c3, 1);
    const std::uint64_t d3 = c2 ^ std::rotl(c4, 1);
    const std::uint64_t d4 = c3 ^ std::rotl(c0, 1);
    // Output row y takes, for x = 0..4, lane (x + 3y) mod 5 of row x (pi inverted), xored with
    // its column's d and rotated by that lane's rho offset; chi then mixes the row.
    const auto chi = [e](std::size_t row, std::uint64_t b0, std::uint64_t b1, std::uint64_t b2, std::uint64_t b3,
                         std::uint64_t b4) noexcept {
        e[row + 0] = b0 ^ (~b1 & b2);
        e[row + 1] = b1 ^ (~b2 & b3);
        e[row + 2] = b2 ^ (~b3 & b4);
        e[row + 3] = b3 ^ (~b4 & b0);
        e[row + 4] = b4 ^ (~b0 & b1);
    };
    chi(0, a[0] ^ d0, std::rotl(a[6] ^ d1, 44), std::rotl(a[12] ^ d2, 43), std::rotl(a[18] ^ d3, 21),
        std::rotl(a[24] ^ d4, 14));
    e[0] ^= rc;  // iota
    chi(5, std::rotl(a[3] ^ d3, 28), std::rotl(a[9] ^ d4, 20), std::rotl(a[10] ^ d0, 3), std::rotl(a[16] ^ d1, 45),
        std::rotl(a[22] ^ d2, 61));
    chi(10, std::rotl(a[1] ^ d1, 1), std::rotl(a[7] ^ d2, 6), std::rotl(a[13] ^ d3, 25), std::rotl(a[19] ^ d4, 8),
        std::rotl(a[20] ^ d0, 18));
    chi(15, std::rotl(a[4] ^ d4, 27), std::rotl(a[5] ^ d0, 36), std::rotl(a[11] ^ d1, 10), std::rotl(a[17] ^ d2, 15),
        std::rotl(a[23] ^ d3, 56));
    chi(20, std::rotl(a[2] ^ d2, 62), std::rotl(a[8] ^ d3, 55), std::rotl(a[14] ^ d4, 39), std::rotl(a[15] ^ d0, 41),
        std::rotl(a[21] ^ d1, 2));
}

}  // namespace

// Cloned for x86-64-v3 (BMI1 andn, BMI2 rorx), resolved once at load time: where the CPU
// has them this clone is about 1.3x faster, and the default clone keeps the binary portable.
__attribute__((target_clones("default", "arch=x86-64-v3")))
void keccak_f1600(std::array<std::uint64_t, 25>& state) noexcept {
    // Rounds alternate between the state and a scratch copy, so no round copies lanes back.
    static_assert(kRoundConstants.size() % 2 == 0, "rounds come in pairs");
    std::uint64_t scratch[25];
    for (std::size_t i = 0; i < kRoundConstants.size(); i += 2) {
        keccak_round(state.data(), scratch, kRoundConstants[i]);
        keccak_round(scratch, state.data(), kRoundConstants[i + 1]);
    }
}

void Keccak256::update(ByteView data) noexcept {
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    if (buffered_ > 0) {
        const std::size_t take = std::min(n, kRate - buffered_);
        std::memcpy(buffer_.data() + buffered_, p, take);
        buffered_ += take;
        p += take;
        n -= take;
        if (buffered_ < kRate) return;
        absorb_block(state_, buffer_.data());
        buffered_ = 0;
    }
    for (; n >= kRate; p += kRate, n -= kRate) absorb_block(state_, p);
    if (n > 0) {
        std::memcpy(buffer_.data(), p, n);
        buffered_ = n;
    }
}

Hash Keccak256::finish() noexcept {
    std::memset(buffer_.data() + buffered_, 0, kRate - buffered_);
    buffer_[buffered_] ^= 0x01;
    buffer_[kRate - 1] ^= 0x80;
    absorb_block(state_, buffer_.data());
    Hash out;
    std::memcpy(out.data(), state_.data(), 32);
    return out;
}

// One-shot: absorbs straight from `data` and pads in the state itself, without the
// incremental hasher's block buffer (zeroing, copying into and padding 136 bytes per call
// cost about a tenth of a short hash, and most hashes here are of 20 to 64 bytes).
Hash keccak256(ByteView data) noexcept {
    constexpr std::size_t kRateLanes = Keccak256::kRate / 8;
    std::array<std::uint64_t, 25> state{};
    const std::uint8_t* p = data.data();
    std::size_t n = data.size();
    for (; n >= Keccak256::kRate; p += Keccak256::kRate, n -= Keccak256::kRate) absorb_block(state, p);
    std::size_t lane = 0;
    for (; n >= 8; p += 8, n -= 8, ++lane) {
        std::uint64_t v;
        std::memcpy(&v, p, 8);
        state[lane] ^= v;
    }
    std::uint64_t last = 0;
    if (n != 0) std::memcpy(&last, p, n);
    // Padding: 0x01 after the message, 0x80 in the last byte of the block.
    state[lane] ^= last ^ (std::uint64_t{0x01} << (8 * n));
    state[kRateLanes - 1] ^= std::uint64_t{0x80} << 56;
    keccak_f1600(state);
    Hash out;
    std::memcpy(out.data(), state.data(), 32);
    return out;
}

}  // namespace optimist
