#include <optimist/exec/apply_transaction.hpp>

namespace optimist::exec {

std::string_view to_string(TxError e) noexcept {
    switch (e) {
        case TxError::intrinsic_gas_too_low:
            return "intrinsic gas too low";
        case TxError::insufficient_account_funds:
            return "insufficient funds for gas * price + value";
        case TxError::gas_limit_price_product_overflow:
            return "gas limit * gas price overflows";
        case TxError::gas_limit_exceeds_block:
            return "gas limit reached";
        case TxError::insufficient_max_fee_per_gas:
            return "max fee per gas less than block base fee";
        case TxError::priority_greater_than_max_fee:
            return "max priority fee per gas higher than max fee per gas";
        case TxError::nonce_too_low:
            return "nonce too low";
        case TxError::nonce_too_high:
            return "nonce too high";
        case TxError::nonce_is_max:
            return "nonce has max value";
        case TxError::sender_not_eoa:
            return "sender not an eoa";
        case TxError::initcode_size_exceeded:
            return "max initcode size exceeded";
        case TxError::insufficient_max_fee_per_blob_gas:
            return "max fee per blob gas less than block blob gas fee";
        case TxError::blob_tx_zero_blobs:
            return "blob transaction missing blob hashes";
        case TxError::blob_tx_blob_count_exceeded:
            return "blob transaction has too many blobs";
        case TxError::blob_tx_invalid_versioned_hash:
            return "blob versioned hash has an invalid version";
        case TxError::blob_tx_contract_creation:
            return "blob transaction of type create";
        case TxError::blob_gas_exceeds_block:
            return "blob gas limit reached";
    }
    return "unknown transaction error";
}

std::string_view fixture_name(TxError e) noexcept {
    switch (e) {
        case TxError::intrinsic_gas_too_low:
            return "TransactionException.INTRINSIC_GAS_TOO_LOW";
        case TxError::insufficient_account_funds:
            return "TransactionException.INSUFFICIENT_ACCOUNT_FUNDS";
        case TxError::gas_limit_price_product_overflow:
            return "TransactionException.GASLIMIT_PRICE_PRODUCT_OVERFLOW";
        case TxError::gas_limit_exceeds_block:
            return "TransactionException.GAS_ALLOWANCE_EXCEEDED";
        case TxError::insufficient_max_fee_per_gas:
            return "TransactionException.INSUFFICIENT_MAX_FEE_PER_GAS";
        case TxError::priority_greater_than_max_fee:
            return "TransactionException.PRIORITY_GREATER_THAN_MAX_FEE_PER_GAS";
        case TxError::nonce_too_low:
            return "TransactionException.NONCE_MISMATCH_TOO_LOW";
        case TxError::nonce_too_high:
            return "TransactionException.NONCE_MISMATCH_TOO_HIGH";
        case TxError::nonce_is_max:
            return "TransactionException.NONCE_IS_MAX";
        case TxError::sender_not_eoa:
            return "TransactionException.SENDER_NOT_EOA";
        case TxError::initcode_size_exceeded:
            return "TransactionException.INITCODE_SIZE_EXCEEDED";
        case TxError::insufficient_max_fee_per_blob_gas:
            return "TransactionException.INSUFFICIENT_MAX_FEE_PER_BLOB_GAS";
        case TxError::blob_tx_zero_blobs:
            return "TransactionException.TYPE_3_TX_ZERO_BLOBS";
        case TxError::blob_tx_blob_count_exceeded:
            return "TransactionException.TYPE_3_TX_BLOB_COUNT_EXCEEDED";
        case TxError::blob_tx_invalid_versioned_hash:
            return "TransactionException.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH";
        case TxError::blob_tx_contract_creation:
            return "TransactionException.TYPE_3_TX_CONTRACT_CREATION";
        case TxError::blob_gas_exceeds_block:
            return "TransactionException.TYPE_3_TX_MAX_BLOB_GAS_ALLOWANCE_EXCEEDED";
    }
    return "TransactionException.UNKNOWN";
}

}  // namespace optimist::exec
