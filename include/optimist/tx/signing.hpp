// Signing transactions and recovering their senders (Yellow Paper appendix F, EIP-2,
// EIP-155, EIP-2718).
//
// The signing hash is what the sender's key signs:
//   legacy, unprotected   keccak(rlp([nonce, gasPrice, gas, to, value, data]))
//   legacy, EIP-155       keccak(rlp([nonce, gasPrice, gas, to, value, data, chainId, 0, 0]))
//   typed                 keccak(type || rlp([the payload's fields without yParity, r, s]))
//
// Thread safety: every function may run concurrently; they share crypto's one libsecp256k1
// context. Recovery costs about 57 us, which is why recover_senders() runs in parallel.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/tx/error.hpp>
#include <optimist/tx/transaction.hpp>

#include <span>
#include <string_view>
#include <vector>

namespace optimist::tx {

[[nodiscard]] Hash signing_hash(const Transaction& t);

enum class SignError : std::uint8_t {
    invalid_private_key,  // zero, or not below the group order
    unrepresentable,      // R's x overflowed n (probability ~2^-127): v cannot express it
};
[[nodiscard]] std::string_view to_string(SignError e) noexcept;

// Signs `t` (its type, chain_id and fields as given) with an RFC 6979 deterministic nonce,
// so the same transaction and key always give the same signature, and sets y_parity, r, s
// and sender. The signature is low-s.
[[nodiscard]] Result<Transaction, SignError> sign_transaction(Transaction t, const Hash& private_key);

// The signature's own rules, without recovery: r and s in [1, n - 1] and s <= n / 2 (EIP-2,
// in force for every transaction since Homestead), y_parity 0 or 1.
[[nodiscard]] Status<TxValidationError> check_signature_values(const Transaction& t) noexcept;

// The address whose key signed `t`: check_signature_values, then public-key recovery over
// signing_hash(t). Fails with invalid_signature. Does not check the chain id (see
// validate_stateless) and does not modify `t`.
[[nodiscard]] Result<Address, TxRejection> recover_sender(const Transaction& t);

// recover_sender for every transaction, in parallel on `threads` workers (0: as many as the
// machine has) in a TBB task arena of that concurrency. result[i] belongs to txs[i].
// Blocks until done; safe to call from several threads at once.
[[nodiscard]] std::vector<Result<Address, TxRejection>> recover_senders(std::span<const Transaction> txs,
                                                                        unsigned threads = 0);

}  // namespace optimist::tx
