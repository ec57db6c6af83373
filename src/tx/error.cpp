// Messages as go-ethereum words them (core/txpool and core/types), which wallets show.
#include <optimist/tx/error.hpp>

namespace optimist::tx {

std::string_view to_string(TxValidationError e) noexcept {
    switch (e) {
        case TxValidationError::malformed_rlp:
            return "rlp: malformed transaction";
        case TxValidationError::type_not_supported:
            return "transaction type not supported";
        case TxValidationError::oversized:
            return "oversized data";
        case TxValidationError::invalid_signature:
            return "invalid transaction v, r, s values";
        case TxValidationError::invalid_chain_id:
            return "invalid chain id for signer";
        case TxValidationError::intrinsic_gas_too_low:
            return "intrinsic gas too low";
        case TxValidationError::gas_limit_exceeds_block:
            return "exceeds block gas limit";
        case TxValidationError::nonce_too_low:
            return "nonce too low";
        case TxValidationError::nonce_too_high:
            return "nonce too high";
        case TxValidationError::nonce_is_max:
            return "nonce has max value";
        case TxValidationError::insufficient_funds:
            return "insufficient funds for gas * price + value";
        case TxValidationError::gas_limit_price_product_overflow:
            return "gas * gasPrice exceeds 256 bits";
        case TxValidationError::max_fee_below_base_fee:
            return "max fee per gas less than block base fee";
        case TxValidationError::priority_fee_above_max_fee:
            return "max priority fee per gas higher than max fee per gas";
        case TxValidationError::initcode_too_large:
            return "max initcode size exceeded";
    }
    return "invalid transaction";
}

std::string_view to_string(TxField f) noexcept {
    switch (f) {
        case TxField::envelope:
            return "transaction";
        case TxField::chain_id:
            return "chainId";
        case TxField::nonce:
            return "nonce";
        case TxField::gas_price:
            return "gasPrice";
        case TxField::max_priority_fee_per_gas:
            return "maxPriorityFeePerGas";
        case TxField::max_fee_per_gas:
            return "maxFeePerGas";
        case TxField::gas_limit:
            return "gas";
        case TxField::to:
            return "to";
        case TxField::value:
            return "value";
        case TxField::data:
            return "data";
        case TxField::access_list:
            return "accessList";
        case TxField::max_fee_per_blob_gas:
            return "maxFeePerBlobGas";
        case TxField::blob_versioned_hashes:
            return "blobVersionedHashes";
        case TxField::v:
            return "v";
        case TxField::r:
            return "r";
        case TxField::s:
            return "s";
    }
    return "field";
}

std::string to_string(const TxRejection& r) {
    if (r.kind != TxValidationError::malformed_rlp) return std::string(to_string(r.kind));
    std::string out(rlp::to_string(r.rlp_error));
    out += " in ";
    out += to_string(r.field);
    return out;
}

}  // namespace optimist::tx
