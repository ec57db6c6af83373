#include <optimist/crypto/secp256k1.hpp>
#include <optimist/l1/l1.hpp>
#include <optimist/sequencer/pipeline.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/intrinsic_gas.hpp>
#include <optimist/tx/signing.hpp>

namespace optimist::sequencer {

L1Sender::L1Sender(l1::L1& l1, const Hash& key, Uint256 max_fee, Uint256 priority_fee)
    : l1_(l1), key_(key), address_(crypto::address_from_private_key(key).value_or(Address{})),
      max_fee_(max_fee), priority_fee_(priority_fee) {}

Result<bool, std::string> L1Sender::has_unmined() {
    auto latest = l1_.nonce(address_, l1::NonceView::latest);
    if (!latest) return fail(latest.error().message);
    auto pending = l1_.nonce(address_, l1::NonceView::pending);
    if (!pending) return fail(pending.error().message);
    return *pending > *latest;
}

Result<Hash, std::string> L1Sender::send(const Address& to, ByteView data, const Uint256& value) {
    if (!chain_id_) {
        auto id = l1_.chain_id();
        if (!id) return fail("L1 chain id: " + id.error().message);
        chain_id_ = *id;
    }
    auto nonce = l1_.nonce(address_, l1::NonceView::pending);
    if (!nonce) return fail("L1 nonce: " + nonce.error().message);
    tx::Transaction t;
    t.type = tx::TxType::dynamic_fee;
    t.chain_id = *chain_id_;
    t.nonce = *nonce;
    t.max_fee_per_gas = max_fee_;
    t.max_priority_fee_per_gas = priority_fee_;
    t.to = to;
    t.value = value;
    t.data.assign(data.begin(), data.end());
    // The stub charges the intrinsic gas of the calldata; a contract would need more, which
    // the L1 backend for a real node will estimate.
    t.gas_limit = tx::intrinsic_gas(t) + 50'000;
    auto signed_tx = tx::sign_transaction(t, key_);
    if (!signed_tx) return fail(std::string("signing: ") + std::string(tx::to_string(signed_tx.error())));
    auto hash = l1_.send_raw_transaction(tx::encode_transaction(*signed_tx));
    if (!hash) return fail(hash.error().message);
    return *hash;
}

}  // namespace optimist::sequencer
