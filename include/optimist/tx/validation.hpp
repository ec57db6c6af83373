// Transaction validation as the sequencer's mempool applies it, split by what it needs:
//   - stateless rules: the transaction alone plus chain parameters (chain id, block gas
//     limit, base fee);
//   - account rules: the sender's nonce and balance, passed in by the caller (this module
//     does not read state);
//   - admit_transaction: the whole boundary for raw bytes from a wallet, in the order that
//     puts cheap checks before the expensive sender recovery.
// Every check returns its own kind (error.hpp), named after go-ethereum's messages.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/uint256.hpp>
#include <optimist/tx/error.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstddef>
#include <cstdint>
#include <optional>

namespace optimist::tx {

// The largest encoded transaction the mempool accepts (go-ethereum's txMaxSize: 4 slots of
// 32 KiB), which bounds what a peer can make the sequencer hold and hash.
inline constexpr std::size_t kMaxTxSize = 128 * 1024;

struct TxRules {
    std::uint64_t chain_id = 1;
    std::optional<std::uint64_t> block_gas_limit;  // nullopt: not checked
    std::optional<Uint256> base_fee;               // of the block being built; nullopt: not checked
    std::size_t max_size = kMaxTxSize;             // checked by admit_transaction only
};

// The rules that need no account state, in this order: chain id (EIP-155 / typed chainId),
// signature values (check_signature_values), nonce below 2^64 - 1 (EIP-2681), init code
// size (EIP-3860), intrinsic gas, gas limit within the block, priority fee within max fee,
// max fee above the base fee, gas limit * max fee within 256 bits. Does not recover the
// sender.
[[nodiscard]] Status<TxRejection> validate_stateless(const Transaction& t, const TxRules& rules);

// The sender's account as the mempool sees it (pending nonce and balance).
struct SenderAccount {
    std::uint64_t nonce = 0;
    Uint256 balance;
};

// nonce_too_low when t.nonce < account.nonce; nonce_too_high when t.nonce exceeds
// account.nonce + max_nonce_gap (the mempool holds at most that many queued transactions
// ahead of the next executable one; 0 requires the exact nonce); insufficient_funds when
// gas_limit * max_fee_per_gas + value (+ blob gas * max_fee_per_blob_gas) exceeds the
// balance, computed without wrapping.
[[nodiscard]] Status<TxRejection> validate_against_account(const Transaction& t, const SenderAccount& account,
                                                           std::uint64_t max_nonce_gap);

// The sequencer's boundary for a raw transaction: size limit (oversized), decoding, the
// supported types (legacy, EIP-2930, EIP-1559; blob and unknown types are
// type_not_supported), validate_stateless, then sender recovery. On success the returned
// transaction has its sender set. Account rules are the caller's next step.
[[nodiscard]] Result<Transaction, TxRejection> admit_transaction(ByteView wire, const TxRules& rules);

}  // namespace optimist::tx
