// Receipts (Yellow Paper 4.3.1, EIP-658 status, EIP-2718 typed receipts), logs and the
// 2048-bit logs bloom.
//
// Wire form: rlp([status, cumulativeGasUsed, logsBloom, logs]) for legacy transactions,
// type || that RLP for typed ones; each log is rlp([address, [topics...], data]). The
// receipts root is the list trie of these encodings.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/log.hpp>
#include <optimist/core/result.hpp>
#include <optimist/core/rlp.hpp>
#include <optimist/tx/transaction.hpp>

#include <cstdint>
#include <span>
#include <vector>

namespace optimist::tx {

using optimist::Log;

// Yellow Paper 4.3.1: each of the address and the topics sets three bits, chosen by the
// low 11 bits of the first three byte pairs of its keccak256 (bit 0 is the last bit of
// the last byte).
using Bloom = FixedBytes<256>;

void add_to_bloom(Bloom& bloom, ByteView entry) noexcept;
void add_to_bloom(Bloom& bloom, const Log& log) noexcept;
// The bitwise OR: a block's bloom is that of its receipts.
void accrue_bloom(Bloom& into, const Bloom& other) noexcept;
[[nodiscard]] Bloom logs_bloom(std::span<const Log> logs) noexcept;
// True when the bloom may contain `entry` (no false negatives).
[[nodiscard]] bool bloom_may_contain(const Bloom& bloom, ByteView entry) noexcept;

struct Receipt {
    TxType type = TxType::legacy;
    bool success = false;  // EIP-658 status
    std::uint64_t cumulative_gas_used = 0;
    Bloom bloom;  // logs_bloom(logs); make_receipt fills it
    std::vector<Log> logs;
    friend bool operator==(const Receipt&, const Receipt&) = default;
};

[[nodiscard]] Receipt make_receipt(TxType type, bool success, std::uint64_t cumulative_gas_used,
                                   std::vector<Log> logs);

void encode_log(rlp::Encoder& out, const Log& log);
// The receipt's wire form (type byte first for typed receipts).
[[nodiscard]] Bytes encode_receipt(const Receipt& r);
// Strict inverse of encode_receipt. A leading byte that is neither a list header nor a
// known type (1, 2, 3) is expected_list.
[[nodiscard]] Result<Receipt, rlp::RlpError> decode_receipt(ByteView wire);

// The list trie of the receipts' wire forms (Yellow Paper 4.3: receiptsRoot).
[[nodiscard]] Hash receipts_root(std::span<const Receipt> receipts);
// The OR of the receipts' blooms (the header's logsBloom).
[[nodiscard]] Bloom block_bloom(std::span<const Receipt> receipts) noexcept;

}  // namespace optimist::tx
