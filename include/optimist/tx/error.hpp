// Why a transaction is refused: one kind per rule, with the message go-ethereum gives for it
// (wallets and libraries show these strings to users, and match some of them).
//
// A malformed encoding also says which RLP rule was broken and in which field, so a caller
// can tell "nonce has a leading zero" from "to is 19 bytes long".
#pragma once

#include <optimist/core/rlp.hpp>

#include <cstdint>
#include <string>
#include <string_view>

namespace optimist::tx {

enum class TxValidationError : std::uint8_t {
    malformed_rlp,                     // the encoding breaks an RLP or field-format rule
    type_not_supported,                // an unknown envelope type, or blobs at the sequencer
    oversized,                         // the encoding exceeds the mempool's size limit
    invalid_signature,                 // v, r, s out of range, high s (EIP-2), or no key recovers
    invalid_chain_id,                  // signed for another chain (EIP-155, EIP-2930)
    intrinsic_gas_too_low,             // gas limit below the intrinsic gas
    gas_limit_exceeds_block,           // gas limit above the block gas limit
    nonce_too_low,                     // below the sender's account nonce
    nonce_too_high,                    // beyond the account nonce plus the mempool's gap limit
    nonce_is_max,                      // 2^64 - 1 (EIP-2681)
    insufficient_funds,                // balance < gas limit * max fee + value (+ blob fee)
    gas_limit_price_product_overflow,  // gas limit * max fee does not fit in 256 bits
    max_fee_below_base_fee,            // max fee per gas below the block's base fee (EIP-1559)
    priority_fee_above_max_fee,        // max priority fee above max fee (EIP-1559)
    initcode_too_large,                // creation data above 49152 bytes (EIP-3860)
};

[[nodiscard]] std::string_view to_string(TxValidationError e) noexcept;

// Where in the encoding a malformed_rlp rejection was found.
enum class TxField : std::uint8_t {
    envelope,  // the type byte, the list header, the item count, trailing bytes
    chain_id,
    nonce,
    gas_price,  // legacy and EIP-2930
    max_priority_fee_per_gas,
    max_fee_per_gas,
    gas_limit,
    to,
    value,
    data,
    access_list,
    max_fee_per_blob_gas,
    blob_versioned_hashes,
    v,  // y_parity for typed transactions
    r,
    s,
};

[[nodiscard]] std::string_view to_string(TxField f) noexcept;

// A rejection: its kind, and for malformed_rlp the RLP rule and the field.
struct TxRejection {
    TxValidationError kind = TxValidationError::malformed_rlp;
    rlp::RlpError rlp_error = rlp::RlpError::input_too_short;  // meaningful for malformed_rlp only
    TxField field = TxField::envelope;                         // meaningful for malformed_rlp only

    constexpr TxRejection() noexcept = default;
    constexpr TxRejection(TxValidationError k) noexcept : kind(k) {}  // NOLINT(google-explicit-constructor)
    constexpr TxRejection(rlp::RlpError e, TxField f) noexcept
        : kind(TxValidationError::malformed_rlp), rlp_error(e), field(f) {}

    friend constexpr bool operator==(const TxRejection& a, const TxRejection& b) noexcept {
        if (a.kind != b.kind) return false;
        return a.kind != TxValidationError::malformed_rlp ||
               (a.rlp_error == b.rlp_error && a.field == b.field);
    }
};

// The kind's message, with the RLP rule and field for malformed encodings, e.g.
// "rlp: non-canonical integer (leading zero bytes) in nonce".
[[nodiscard]] std::string to_string(const TxRejection& r);

}  // namespace optimist::tx
