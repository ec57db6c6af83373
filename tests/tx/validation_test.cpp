// Validation: each rule on its own, the order in which they report, and the boundary
// (admit_transaction) for raw bytes.
#include "test_util.hpp"

#include <optimist/crypto/secp256k1.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/intrinsic_gas.hpp>
#include <optimist/tx/signing.hpp>
#include <optimist/tx/validation.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace optimist::tx {
namespace {

using E = TxValidationError;

const Hash kKey = test::fixed<32>("45a915e4d060149eb4365960e6a7a45f334393093061116b197e3240065ff2d8");

Transaction base_tx() {
    Transaction t;
    t.type = TxType::dynamic_fee;
    t.chain_id = 1;
    t.nonce = 5;
    t.max_fee_per_gas = Uint256{100};
    t.max_priority_fee_per_gas = Uint256{2};
    t.gas_limit = 50000;
    t.to = Address::right_aligned(Bytes{0xaa});
    t.value = Uint256{1000};
    return t;
}

Transaction signed_tx(Transaction t) { return *sign_transaction(std::move(t), kKey); }

TxRules rules() {
    TxRules r;
    r.chain_id = 1;
    r.block_gas_limit = 30000000;
    r.base_fee = Uint256{50};
    return r;
}

TxValidationError stateless_error(const Transaction& t, const TxRules& r = rules()) {
    auto s = validate_stateless(t, r);
    EXPECT_FALSE(s.ok());
    return s.ok() ? E::malformed_rlp : s.error().kind;
}

TEST(TxValidation, ValidTransactionPasses) {
    const Transaction t = signed_tx(base_tx());
    EXPECT_TRUE(validate_stateless(t, rules()).ok());
    EXPECT_TRUE(validate_against_account(t, {5, Uint256{50000 * 100 + 1000}}, 0).ok());
}

TEST(TxValidation, StatelessRules) {
    Transaction t = base_tx();
    t.chain_id = 5;
    EXPECT_EQ(stateless_error(signed_tx(t)), E::invalid_chain_id);

    Transaction unprotected = base_tx();
    unprotected.type = TxType::legacy;
    unprotected.chain_id.reset();
    unprotected.max_priority_fee_per_gas = unprotected.max_fee_per_gas;
    EXPECT_TRUE(validate_stateless(signed_tx(unprotected), rules()).ok());  // pre-EIP-155 is chain-agnostic

    Transaction typed_no_chain = base_tx();
    typed_no_chain.chain_id.reset();
    EXPECT_EQ(stateless_error(signed_tx(typed_no_chain)), E::invalid_chain_id);

    Transaction high_s = signed_tx(base_tx());
    high_s.s = Uint256::from_hash(crypto::kSecp256k1Order) - high_s.s;
    EXPECT_EQ(stateless_error(high_s), E::invalid_signature);

    t = base_tx();
    t.nonce = std::numeric_limits<std::uint64_t>::max();
    EXPECT_EQ(stateless_error(signed_tx(t)), E::nonce_is_max);

    t = base_tx();
    t.to.reset();
    t.gas_limit = 10000000;
    t.data.assign(kMaxInitCodeSize + 1, 0x60);
    EXPECT_EQ(stateless_error(signed_tx(t)), E::initcode_too_large);
    t.data.resize(kMaxInitCodeSize);
    EXPECT_TRUE(validate_stateless(signed_tx(t), rules()).ok());

    t = base_tx();
    t.gas_limit = 20999;
    EXPECT_EQ(stateless_error(signed_tx(t)), E::intrinsic_gas_too_low);
    t.gas_limit = 21000;
    EXPECT_TRUE(validate_stateless(signed_tx(t), rules()).ok());

    t = base_tx();
    t.gas_limit = 30000001;
    EXPECT_EQ(stateless_error(signed_tx(t)), E::gas_limit_exceeds_block);
    TxRules no_block = rules();
    no_block.block_gas_limit.reset();
    EXPECT_TRUE(validate_stateless(signed_tx(t), no_block).ok());

    t = base_tx();
    t.max_priority_fee_per_gas = Uint256{101};
    EXPECT_EQ(stateless_error(signed_tx(t)), E::priority_fee_above_max_fee);

    t = base_tx();
    t.max_fee_per_gas = Uint256{49};
    EXPECT_EQ(stateless_error(signed_tx(t)), E::max_fee_below_base_fee);
    TxRules no_base_fee = rules();
    no_base_fee.base_fee.reset();
    EXPECT_TRUE(validate_stateless(signed_tx(t), no_base_fee).ok());

    t = base_tx();
    t.max_fee_per_gas = Uint256::max();
    t.max_priority_fee_per_gas = Uint256{};
    EXPECT_EQ(stateless_error(signed_tx(t)), E::gas_limit_price_product_overflow);
}

TEST(TxValidation, AccountRules) {
    const Transaction t = signed_tx(base_tx());  // nonce 5, cost 50000 * 100 + 1000
    const Uint256 cost{50000 * 100 + 1000};
    EXPECT_EQ(validate_against_account(t, {6, cost}, 16).error().kind, E::nonce_too_low);
    EXPECT_TRUE(validate_against_account(t, {5, cost}, 0).ok());
    EXPECT_EQ(validate_against_account(t, {4, cost}, 0).error().kind, E::nonce_too_high);
    EXPECT_TRUE(validate_against_account(t, {4, cost}, 1).ok());
    EXPECT_EQ(validate_against_account(t, {0, cost}, 4).error().kind, E::nonce_too_high);
    EXPECT_TRUE(validate_against_account(t, {0, cost}, 5).ok());
    EXPECT_EQ(validate_against_account(t, {5, cost - Uint256{1}}, 0).error().kind, E::insufficient_funds);

    Transaction huge = base_tx();
    huge.value = Uint256::max();
    EXPECT_EQ(validate_against_account(huge, {5, Uint256::max()}, 0).error().kind, E::insufficient_funds);

    Transaction blob = base_tx();
    blob.type = TxType::blob;
    blob.max_fee_per_blob_gas = Uint256{3};
    blob.blob_versioned_hashes.resize(2);
    const Uint256 blob_cost = cost + Uint256{2 * 131072 * 3};
    EXPECT_TRUE(validate_against_account(blob, {5, blob_cost}, 0).ok());
    EXPECT_EQ(validate_against_account(blob, {5, blob_cost - Uint256{1}}, 0).error().kind,
              E::insufficient_funds);
}

TEST(TxValidation, AdmitRawTransactions) {
    const Transaction t = signed_tx(base_tx());
    auto admitted = admit_transaction(encode_transaction(t), rules());
    ASSERT_TRUE(admitted.ok()) << to_string(admitted.error());
    EXPECT_EQ(admitted->sender, *crypto::address_from_private_key(kKey));

    Transaction blob = base_tx();
    blob.type = TxType::blob;
    blob.blob_versioned_hashes.resize(1);
    const Bytes blob_wire = encode_transaction(signed_tx(blob));
    EXPECT_TRUE(decode_transaction(blob_wire).ok());  // the state tests need blobs decoded
    EXPECT_EQ(admit_transaction(blob_wire, rules()).error().kind, E::type_not_supported);
    EXPECT_EQ(to_string(admit_transaction(blob_wire, rules()).error()), "transaction type not supported");
    EXPECT_EQ(admit_transaction(Bytes{0x04, 0xc0}, rules()).error().kind, E::type_not_supported);

    Transaction big = base_tx();
    big.gas_limit = 10000000;
    big.data.assign(kMaxTxSize, 1);
    EXPECT_EQ(admit_transaction(encode_transaction(signed_tx(big)), rules()).error().kind, E::oversized);

    Bytes malformed = encode_transaction(t);
    malformed.push_back(0);
    const auto rejected = admit_transaction(malformed, rules());
    EXPECT_EQ(rejected.error(), TxRejection(rlp::RlpError::trailing_bytes, TxField::envelope));

    // Cheap checks run before recovery: a wrong chain id is reported as such.
    Transaction other_chain = base_tx();
    other_chain.chain_id = 10;
    EXPECT_EQ(admit_transaction(encode_transaction(signed_tx(other_chain)), rules()).error().kind,
              E::invalid_chain_id);
}

TEST(TxValidation, IntrinsicGas) {
    Transaction t;
    t.to = Address{};
    EXPECT_EQ(intrinsic_gas(t), 21000U);
    t.data = {0, 1, 0, 2};
    EXPECT_EQ(intrinsic_gas(t), 21000U + 2 * 4 + 2 * 16);
    t.to.reset();  // creation: + 32000 + 2 per word of init code (EIP-3860)
    EXPECT_EQ(intrinsic_gas(t), 21000U + 2 * 4 + 2 * 16 + 32000 + 2);
    t.access_list = {{Address{}, {Hash{}, Hash{}}}, {Address{}, {}}};
    EXPECT_EQ(intrinsic_gas(t), 21000U + 2 * 4 + 2 * 16 + 32000 + 2 + 2 * 2400 + 2 * 1900);
}

}  // namespace
}  // namespace optimist::tx
