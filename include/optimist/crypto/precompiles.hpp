// The precompiled contracts of the Cancun fork (Yellow Paper, appendix E; EIPs 152, 196,
// 197, 198, 1108, 2565, 4844): addresses 0x01 to 0x0a.
//
// All ten: ecrecover (0x01), sha256 (0x02), ripemd160 (0x03), identity (0x04), modexp (0x05,
// EIP-198 priced by EIP-2565), the bn254 ECADD, ECMUL and pairing check (0x06-0x08, EIPs
// 196/197 priced by EIP-1108, on optimist/crypto/bn254.hpp), blake2f (0x09, EIP-152) and the
// KZG point evaluation (0x0a, EIP-4844, over the embedded trusted setup:
// optimist/crypto/kzg.hpp, docs/kzg.md).
//
// Thread safety: run_precompile may be called concurrently from any thread.
#pragma once

#include <optimist/core/bytes.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace optimist::crypto {

enum class PrecompileId : std::uint8_t {
    ecrecover = 0x01,
    sha256 = 0x02,
    ripemd160 = 0x03,
    identity = 0x04,
    modexp = 0x05,
    bn254_add = 0x06,
    bn254_mul = 0x07,
    bn254_pairing = 0x08,
    blake2f = 0x09,
    point_evaluation = 0x0a,
};

// The precompile at `a` in Cancun, if any.
[[nodiscard]] std::optional<PrecompileId> precompile_id(const Address& a) noexcept;

// True for 0x01..0x0a (Cancun).
[[nodiscard]] bool is_precompile(const Address& a) noexcept;

[[nodiscard]] std::string_view to_string(PrecompileId id) noexcept;

enum class PrecompileStatus : std::uint8_t {
    success,
    out_of_gas,       // the gas limit is below the precompile's cost
    invalid_input,    // input the precompile rejects (blake2f length or final flag, KZG input,
                      // bn254 points off their curve or subgroup)
    not_implemented,  // an address that is no precompile
};

[[nodiscard]] std::string_view to_string(PrecompileStatus s) noexcept;

// The outcome of one precompile call. Any status but success is an exceptional halt of
// the call: all gas given to it is consumed (gas_used == gas_limit) and output is empty.
// On success gas_used <= gas_limit. Note that ecrecover on a bad signature succeeds with
// empty output and the full 3000 gas charged: it is not a failure.
struct PrecompileResult {
    PrecompileStatus status = PrecompileStatus::success;
    std::uint64_t gas_used = 0;
    Bytes output;

    [[nodiscard]] bool ok() const noexcept { return status == PrecompileStatus::success; }
};

// Runs the precompile at `a` on `input` with `gas_limit` gas.
//
// Work and memory are bounded by the gas charged, so callers pass EVM gas, which the
// block gas limit bounds. REQUIRES: gas_limit < 2^62 (with more, modexp could be asked
// for operands of exabytes). Gas arithmetic saturates: modexp header lengths up to
// 2^256 - 1 fail cleanly with out_of_gas. An address that is no precompile yields
// not_implemented.
[[nodiscard]] PrecompileResult run_precompile(const Address& a, ByteView input, std::uint64_t gas_limit);

}  // namespace optimist::crypto
