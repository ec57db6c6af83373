// Intrinsic gas: what a transaction pays before its first instruction (Yellow Paper g0,
// EIP-2028 calldata, EIP-2930 access lists, EIP-3860 init code words), under Cancun rules.
// It lives in the tx module because both the mempool's validation and the executor need it.
#pragma once

#include <optimist/tx/transaction.hpp>

#include <cstddef>
#include <cstdint>

namespace optimist::tx {

inline constexpr std::uint64_t kTxGas = 21000;                   // G_transaction
inline constexpr std::uint64_t kTxCreateGas = 32000;             // G_txcreate (Homestead)
inline constexpr std::uint64_t kTxDataZeroGas = 4;               // G_txdatazero
inline constexpr std::uint64_t kTxDataNonZeroGas = 16;           // G_txdatanonzero (EIP-2028)
inline constexpr std::uint64_t kAccessListAddressGas = 2400;     // EIP-2930
inline constexpr std::uint64_t kAccessListStorageKeyGas = 1900;  // EIP-2930
inline constexpr std::uint64_t kInitCodeWordGas = 2;             // EIP-3860
// EIP-3860: the largest init code a creation may carry (2 * EIP-170's 24576).
inline constexpr std::size_t kMaxInitCodeSize = 49152;

// Saturates at 2^64 - 1 instead of overflowing (no gas limit can reach it anyway).
[[nodiscard]] std::uint64_t intrinsic_gas(const Transaction& t) noexcept;

}  // namespace optimist::tx
