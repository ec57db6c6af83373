#include "precompile_impl.hpp"

#include <optimist/crypto/blake2.hpp>
#include <optimist/crypto/hashes.hpp>
#include <optimist/crypto/precompiles.hpp>
#include <optimist/crypto/secp256k1.hpp>

#include <algorithm>
#include <array>
#include <cstring>
#include <utility>

namespace optimist::crypto {
namespace {

using detail::halt;

constexpr std::uint64_t kEcrecoverGas = 3000;
constexpr std::uint64_t kSha256BaseGas = 60;
constexpr std::uint64_t kSha256WordGas = 12;
constexpr std::uint64_t kRipemd160BaseGas = 600;
constexpr std::uint64_t kRipemd160WordGas = 120;
constexpr std::uint64_t kIdentityBaseGas = 15;
constexpr std::uint64_t kIdentityWordGas = 3;
constexpr std::uint64_t kBlake2fRoundGas = 1;  // EIP-152: GFROUND
constexpr std::size_t kBlake2fInputSize = 213;

// base + per_word * ceil(size / 32) (Yellow Paper, appendix E), compared against the
// limit in 128 bits so that no input size can wrap the cost below it.
bool charge_per_word(std::size_t size, std::uint64_t base, std::uint64_t per_word, std::uint64_t gas_limit,
                     std::uint64_t& cost) noexcept {
    const unsigned __int128 words = size / 32 + (size % 32 != 0 ? 1 : 0);
    const unsigned __int128 total = base + words * per_word;
    if (total > gas_limit) return false;
    cost = static_cast<std::uint64_t>(total);
    return true;
}

// Input is right-padded with zeros to 128 bytes: hash ‖ v ‖ r ‖ s, each a 32-byte word.
// A malformed v or an unrecoverable signature is not an error: the call succeeds with
// empty output and its 3000 gas is spent (Yellow Paper, appendix E).
PrecompileResult run_ecrecover(ByteView input, std::uint64_t gas_limit) {
    if (gas_limit < kEcrecoverGas) return halt(PrecompileStatus::out_of_gas, gas_limit);
    PrecompileResult result{PrecompileStatus::success, kEcrecoverGas, {}};

    std::array<std::uint8_t, 128> in{};
    std::copy_n(input.begin(), std::min(input.size(), in.size()), in.begin());
    // v is the whole 32-byte word: 27 or 28 with the upper 31 bytes zero.
    const bool v_ok = std::all_of(in.begin() + 32, in.begin() + 63, [](std::uint8_t b) { return b == 0; }) &&
                      (in[63] == 27 || in[63] == 28);
    if (!v_ok) return result;

    Hash hash;
    Hash r;
    Hash s;
    std::memcpy(hash.data(), in.data(), 32);
    std::memcpy(r.data(), in.data() + 64, 32);
    std::memcpy(s.data(), in.data() + 96, 32);
    // No low-s rule here: EIP-2 restricts transaction signatures only.
    const auto address = recover_address(hash, static_cast<std::uint8_t>(in[63] - 27), r, s);
    if (!address) return result;

    result.output.assign(32, 0);
    std::copy(address->begin(), address->end(), result.output.begin() + 12);
    return result;
}

PrecompileResult run_sha256(ByteView input, std::uint64_t gas_limit) {
    std::uint64_t cost = 0;
    if (!charge_per_word(input.size(), kSha256BaseGas, kSha256WordGas, gas_limit, cost)) {
        return halt(PrecompileStatus::out_of_gas, gas_limit);
    }
    const Hash digest = sha256(input);
    return {PrecompileStatus::success, cost, Bytes(digest.begin(), digest.end())};
}

PrecompileResult run_ripemd160(ByteView input, std::uint64_t gas_limit) {
    std::uint64_t cost = 0;
    if (!charge_per_word(input.size(), kRipemd160BaseGas, kRipemd160WordGas, gas_limit, cost)) {
        return halt(PrecompileStatus::out_of_gas, gas_limit);
    }
    // The 20-byte digest is returned left-padded to a 32-byte word.
    const FixedBytes<20> digest = ripemd160(input);
    Bytes out(32, 0);
    std::copy(digest.begin(), digest.end(), out.begin() + 12);
    return {PrecompileStatus::success, cost, std::move(out)};
}

PrecompileResult run_identity(ByteView input, std::uint64_t gas_limit) {
    std::uint64_t cost = 0;
    if (!charge_per_word(input.size(), kIdentityBaseGas, kIdentityWordGas, gas_limit, cost)) {
        return halt(PrecompileStatus::out_of_gas, gas_limit);
    }
    return {PrecompileStatus::success, cost, to_bytes(input)};
}

std::uint64_t load_le64(const std::uint8_t* p) noexcept {
    std::uint64_t v = 0;
    for (int i = 7; i >= 0; --i) v = (v << 8) | p[i];
    return v;
}

void store_le64(std::uint8_t* p, std::uint64_t v) noexcept {
    for (int i = 0; i < 8; ++i) p[i] = static_cast<std::uint8_t>(v >> (8 * i));
}

// EIP-152: exactly 213 bytes, rounds (4, big-endian) ‖ h (8 x 8, little-endian) ‖
// m (16 x 8) ‖ t (2 x 8) ‖ f (1 byte, 0 or 1). Output: the new h, little-endian.
// The length is checked before gas and the flag after it, the order clients use;
// either way a failure consumes all gas.
PrecompileResult run_blake2f(ByteView input, std::uint64_t gas_limit) {
    if (input.size() != kBlake2fInputSize) return halt(PrecompileStatus::invalid_input, gas_limit);
    const std::uint32_t rounds = (std::uint32_t{input[0]} << 24) | (std::uint32_t{input[1]} << 16) |
                                 (std::uint32_t{input[2]} << 8) | std::uint32_t{input[3]};
    const std::uint64_t cost = kBlake2fRoundGas * rounds;
    if (cost > gas_limit) return halt(PrecompileStatus::out_of_gas, gas_limit);
    const std::uint8_t flag = input[212];
    if (flag > 1) return halt(PrecompileStatus::invalid_input, gas_limit);

    Blake2bState state;
    const std::uint8_t* p = input.data() + 4;
    for (auto& w : state.h) w = load_le64(std::exchange(p, p + 8));
    for (auto& w : state.m) w = load_le64(std::exchange(p, p + 8));
    for (auto& w : state.t) w = load_le64(std::exchange(p, p + 8));
    state.final_block = flag == 1;
    blake2b_compress(rounds, state);

    Bytes out(64);
    for (std::size_t i = 0; i < 8; ++i) store_le64(out.data() + 8 * i, state.h[i]);
    return {PrecompileStatus::success, cost, std::move(out)};
}

}  // namespace

std::optional<PrecompileId> precompile_id(const Address& a) noexcept {
    if (!std::all_of(a.begin(), a.end() - 1, [](std::uint8_t b) { return b == 0; })) return std::nullopt;
    const std::uint8_t last = a[19];
    if (last < 0x01 || last > 0x0a) return std::nullopt;
    return static_cast<PrecompileId>(last);
}

bool is_precompile(const Address& a) noexcept { return precompile_id(a).has_value(); }

std::string_view to_string(PrecompileId id) noexcept {
    switch (id) {
        case PrecompileId::ecrecover:
            return "ecrecover";
        case PrecompileId::sha256:
            return "sha256";
        case PrecompileId::ripemd160:
            return "ripemd160";
        case PrecompileId::identity:
            return "identity";
        case PrecompileId::modexp:
            return "modexp";
        case PrecompileId::bn254_add:
            return "bn254_add";
        case PrecompileId::bn254_mul:
            return "bn254_mul";
        case PrecompileId::bn254_pairing:
            return "bn254_pairing";
        case PrecompileId::blake2f:
            return "blake2f";
        case PrecompileId::point_evaluation:
            return "point_evaluation";
    }
    return "unknown";
}

std::string_view to_string(PrecompileStatus s) noexcept {
    switch (s) {
        case PrecompileStatus::success:
            return "success";
        case PrecompileStatus::out_of_gas:
            return "out_of_gas";
        case PrecompileStatus::invalid_input:
            return "invalid_input";
        case PrecompileStatus::not_implemented:
            return "not_implemented";
    }
    return "unknown";
}

PrecompileResult run_precompile(const Address& a, ByteView input, std::uint64_t gas_limit) {
    const auto id = precompile_id(a);
    if (!id) return halt(PrecompileStatus::not_implemented, gas_limit);
    switch (*id) {
        case PrecompileId::ecrecover:
            return run_ecrecover(input, gas_limit);
        case PrecompileId::sha256:
            return run_sha256(input, gas_limit);
        case PrecompileId::ripemd160:
            return run_ripemd160(input, gas_limit);
        case PrecompileId::identity:
            return run_identity(input, gas_limit);
        case PrecompileId::modexp:
            return detail::run_modexp(input, gas_limit);
        case PrecompileId::blake2f:
            return run_blake2f(input, gas_limit);
        case PrecompileId::bn254_add:
            return detail::run_bn254_add(input, gas_limit);
        case PrecompileId::bn254_mul:
            return detail::run_bn254_mul(input, gas_limit);
        case PrecompileId::bn254_pairing:
            return detail::run_bn254_pairing(input, gas_limit);
        case PrecompileId::point_evaluation:
            return detail::run_point_evaluation(input, gas_limit);
    }
    return halt(PrecompileStatus::not_implemented, gas_limit);
}

}  // namespace optimist::crypto
