// The encodings of the records ChainStore keeps (see chain_store.hpp for the key layout).
//
// Public so that tools can read a database directly and tests can fuzz the decoders. Every
// record is canonical RLP and every decoder is strict: a record that decodes re-encodes to
// the same bytes, and malformed input (corruption) is an error value, never a crash. All
// functions are thread-safe.
#pragma once

#include <optimist/chain/types.hpp>
#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/tx/receipt.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace optimist::chain {

// Body: rlp([[wire form, sender], ...]). The sender is stored so that reading a block does
// not recover signatures again (~57 us each).
[[nodiscard]] Bytes encode_body(std::span<const tx::Transaction> txs);
// Transactions with `sender` filled from the record.
[[nodiscard]] Result<std::vector<tx::Transaction>, std::string> decode_body(ByteView encoded);

// Receipts: rlp([wire form, ...]), each wire form as an RLP string (typed receipts are not
// RLP lists).
[[nodiscard]] Bytes encode_receipts(std::span<const tx::Receipt> receipts);
[[nodiscard]] Result<std::vector<tx::Receipt>, std::string> decode_receipts(ByteView encoded);

// Transaction location: rlp([block number, block hash, index]).
[[nodiscard]] Bytes encode_tx_location(const TxLocation& location);
[[nodiscard]] Result<TxLocation, std::string> decode_tx_location(ByteView encoded);

// Metadata integers: rlp(uint).
[[nodiscard]] Bytes encode_meta_uint(std::uint64_t v);
[[nodiscard]] Result<std::uint64_t, std::string> decode_meta_uint(ByteView encoded);

}  // namespace optimist::chain
