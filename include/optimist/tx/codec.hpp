// The wire form of transactions (EIP-2718 envelopes): what eth_sendRawTransaction carries,
// what the transactions trie stores, and what the transaction hash is taken over.
//
//   legacy        rlp([nonce, gasPrice, gas, to, value, data, v, r, s])
//   type 1        0x01 || rlp([chainId, nonce, gasPrice, gas, to, value, data, accessList,
//                              yParity, r, s])                                   (EIP-2930)
//   type 2        0x02 || rlp([chainId, nonce, maxPriorityFee, maxFee, gas, to, value, data,
//                              accessList, yParity, r, s])                       (EIP-1559)
//   type 3        0x03 || rlp([chainId, nonce, maxPriorityFee, maxFee, gas, to, value, data,
//                              accessList, maxFeePerBlobGas, blobVersionedHashes,
//                              yParity, r, s])                                   (EIP-4844)
//
// Decoding is strict: only canonical RLP is accepted, so a decoded transaction re-encodes to
// the exact input bytes and its hash is stable. All functions are thread-safe and never throw
// on malformed input.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/tx/error.hpp>
#include <optimist/tx/transaction.hpp>

namespace optimist::tx {

// Decodes one transaction in its wire form. Checks the format only: field sizes, the
// number of fields, the range of v / y_parity (a legacy v that names no representable chain
// is invalid_chain_id). Signature values, chain id and fees are checked by validation.hpp
// and signing.hpp. `sender` is left zero: recover it with recover_sender().
// Type 3 decodes here; the sequencer's boundary (admit_transaction) refuses it.
[[nodiscard]] Result<Transaction, TxRejection> decode_transaction(ByteView wire);

// The wire form. REQUIRES: for blob transactions, `to` is set (a blob transaction cannot
// create a contract, and its wire form has no way to say so).
[[nodiscard]] Bytes encode_transaction(const Transaction& t);

// keccak256 of the wire form.
[[nodiscard]] Hash transaction_hash(const Transaction& t);

// How a transaction appears inside a block body's transaction list: a legacy transaction
// as its RLP list, a typed one as an RLP string holding its wire form (EIP-2718).
void append_block_body_item(rlp::Encoder& out, const Transaction& t);

// The legacy v of a transaction: 27 + y_parity, or chain_id * 2 + 35 + y_parity (EIP-155).
[[nodiscard]] Uint256 legacy_v(const Transaction& t) noexcept;

}  // namespace optimist::tx
