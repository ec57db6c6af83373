// ECADD (0x06), ECMUL (0x07) and the pairing check (0x08): EIP-196/197 semantics with
// EIP-1108 gas. Gas is charged before any work, and invalid input halts the call with all
// of its gas consumed, as every client does.
#include "precompile_impl.hpp"

#include <optimist/crypto/bn254.hpp>

namespace optimist::crypto::detail {
namespace {

constexpr std::uint64_t kEcaddGas = 150;             // EIP-1108 (500 in EIP-196)
constexpr std::uint64_t kEcmulGas = 6000;            // EIP-1108 (40000 in EIP-196)
constexpr std::uint64_t kPairingBaseGas = 45000;     // EIP-1108 (100000 in EIP-197)
constexpr std::uint64_t kPairingPerTermGas = 34000;  // EIP-1108 (80000 in EIP-197)

PrecompileResult g1_result(const std::optional<bn254::G1Bytes>& point, std::uint64_t cost,
                           std::uint64_t gas_limit) {
    if (!point) return halt(PrecompileStatus::invalid_input, gas_limit);
    return {PrecompileStatus::success, cost, Bytes(point->begin(), point->end())};
}

}  // namespace

PrecompileResult run_bn254_add(ByteView input, std::uint64_t gas_limit) {
    if (gas_limit < kEcaddGas) return halt(PrecompileStatus::out_of_gas, gas_limit);
    return g1_result(bn254::ecadd(input), kEcaddGas, gas_limit);
}

PrecompileResult run_bn254_mul(ByteView input, std::uint64_t gas_limit) {
    if (gas_limit < kEcmulGas) return halt(PrecompileStatus::out_of_gas, gas_limit);
    return g1_result(bn254::ecmul(input), kEcmulGas, gas_limit);
}

// Priced by whole terms, floor(|input| / 192), as clients do: an input of another length
// is charged first and rejected after, which ends the same way (all gas consumed).
PrecompileResult run_bn254_pairing(ByteView input, std::uint64_t gas_limit) {
    const unsigned __int128 cost =
        kPairingBaseGas +
        static_cast<unsigned __int128>(input.size() / bn254::kPairingTermSize) * kPairingPerTermGas;
    if (cost > gas_limit) return halt(PrecompileStatus::out_of_gas, gas_limit);
    const auto ok = bn254::pairing_check(input);
    if (!ok) return halt(PrecompileStatus::invalid_input, gas_limit);
    Bytes out(32, 0);
    out[31] = *ok ? 1 : 0;
    return {PrecompileStatus::success, static_cast<std::uint64_t>(cost), std::move(out)};
}

}  // namespace optimist::crypto::detail
