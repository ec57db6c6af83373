// Signing hashes, signing and sender recovery (signing.hpp).
#include "fields.hpp"

#include <optimist/core/keccak.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/tx/signing.hpp>

namespace optimist::tx {

Hash signing_hash(const Transaction& t) {
    rlp::Encoder enc;
    if (t.is_typed()) {
        const std::uint8_t type = static_cast<std::uint8_t>(t.type);
        const std::size_t mark = enc.begin_list();
        detail::append_unsigned_fields(enc, t);
        enc.end_list(mark);
        Keccak256 h;
        h.update(ByteView{&type, 1});
        h.update(enc.bytes());
        return h.finish();
    }
    const std::size_t mark = enc.begin_list();
    detail::append_unsigned_fields(enc, t);
    if (t.chain_id) {  // EIP-155: the chain id and two empty fields stand in for v, r, s
        enc.add_uint(*t.chain_id);
        enc.add_uint(std::uint64_t{0});
        enc.add_uint(std::uint64_t{0});
    }
    enc.end_list(mark);
    return keccak256(enc.bytes());
}

std::string_view to_string(SignError e) noexcept {
    switch (e) {
        case SignError::invalid_private_key:
            return "invalid private key";
        case SignError::unrepresentable:
            return "signature recovery id cannot be expressed in v";
    }
    return "signing failed";
}

Result<Transaction, SignError> sign_transaction(Transaction t, const Hash& private_key) {
    const auto sender = crypto::address_from_private_key(private_key);
    if (!sender) return fail(SignError::invalid_private_key);
    const auto sig = crypto::sign(signing_hash(t), private_key);
    if (!sig) return fail(SignError::invalid_private_key);
    if (sig->recovery_id > 1) return fail(SignError::unrepresentable);
    t.y_parity = sig->recovery_id;
    t.r = Uint256::from_hash(sig->r);
    t.s = Uint256::from_hash(sig->s);
    t.sender = *sender;
    return t;
}

Status<TxValidationError> check_signature_values(const Transaction& t) noexcept {
    if (t.y_parity > 1) return fail(TxValidationError::invalid_signature);
    const Hash r = t.r.to_hash();
    const Hash s = t.s.to_hash();
    if (!crypto::is_valid_scalar(r) || !crypto::is_valid_scalar(s))
        return fail(TxValidationError::invalid_signature);
    if (!crypto::is_low_s(s)) return fail(TxValidationError::invalid_signature);  // EIP-2
    return {};
}

Result<Address, TxRejection> recover_sender(const Transaction& t) {
    if (auto s = check_signature_values(t); !s) return fail(TxRejection(s.error()));
    const auto sender = crypto::recover_address(signing_hash(t), t.y_parity, t.r.to_hash(), t.s.to_hash());
    if (!sender) return fail(TxRejection(TxValidationError::invalid_signature));
    return *sender;
}

}  // namespace optimist::tx
