// Signing and sender recovery: round trips over random keys and transactions, the EIP-2
// low-s rule, and parallel recovery agreeing with sequential recovery.
#include "test_util.hpp"

#include <optimist/crypto/secp256k1.hpp>
#include <optimist/tx/codec.hpp>
#include <optimist/tx/signing.hpp>

#include <gtest/gtest.h>

namespace optimist::tx {
namespace {

// n - s: the other s of the same signature (which recovers with the other parity).
Uint256 negate_mod_n(const Uint256& s) { return Uint256::from_hash(crypto::kSecp256k1Order) - s; }

TEST(TxSigning, RandomKeysAndTransactionsRoundTrip) {
    std::mt19937_64 rng(4242);
    const std::size_t n = test::fuzz_cases(100000) / 10;  // 10,000 by default
    for (std::size_t i = 0; i < n; ++i) {
        const Hash key = test::random_private_key(rng);
        const Address owner = *crypto::address_from_private_key(key);
        auto signed_tx = sign_transaction(test::random_unsigned(rng), key);
        ASSERT_TRUE(signed_tx.ok()) << to_string(signed_tx.error());
        ASSERT_EQ(signed_tx->sender, owner);
        ASSERT_TRUE(crypto::is_low_s(signed_tx->s.to_hash()));
        // Through the wire form, as a wallet's transaction arrives.
        auto decoded = decode_transaction(encode_transaction(*signed_tx));
        ASSERT_TRUE(decoded.ok()) << to_string(decoded.error());
        auto sender = recover_sender(*decoded);
        ASSERT_TRUE(sender.ok()) << to_string(sender.error()) << " at case " << i;
        ASSERT_EQ(*sender, owner) << "case " << i;
    }
}

TEST(TxSigning, SignatureRules) {
    std::mt19937_64 rng(1);
    const Hash key = test::random_private_key(rng);
    Transaction t = *sign_transaction(test::random_unsigned(rng), key);
    EXPECT_TRUE(check_signature_values(t).ok());

    Transaction high = t;  // the same signature with s' = n - s: valid ECDSA, but EIP-2 forbids it
    high.s = negate_mod_n(t.s);
    high.y_parity ^= 1;
    EXPECT_EQ(crypto::recover_address(signing_hash(high), high.y_parity, high.r.to_hash(), high.s.to_hash()),
              t.sender);
    EXPECT_EQ(recover_sender(high).error().kind, TxValidationError::invalid_signature);

    for (const Uint256& bad : {Uint256{}, Uint256::from_hash(crypto::kSecp256k1Order), Uint256::max()}) {
        Transaction r_bad = t;
        r_bad.r = bad;
        EXPECT_EQ(recover_sender(r_bad).error().kind, TxValidationError::invalid_signature);
        Transaction s_bad = t;
        s_bad.s = bad;
        EXPECT_EQ(recover_sender(s_bad).error().kind, TxValidationError::invalid_signature);
    }
    Transaction parity = t;
    parity.y_parity = 2;
    EXPECT_EQ(recover_sender(parity).error().kind, TxValidationError::invalid_signature);

    // A changed field changes the signing hash, so another (or no) address recovers.
    Transaction tampered = t;
    tampered.nonce += 1;
    auto other = recover_sender(tampered);
    EXPECT_TRUE(!other.ok() || *other != t.sender);
}

TEST(TxSigning, InvalidPrivateKeys) {
    Transaction t;
    EXPECT_EQ(sign_transaction(t, Hash{}).error(), SignError::invalid_private_key);
    EXPECT_EQ(sign_transaction(t, crypto::kSecp256k1Order).error(), SignError::invalid_private_key);
}

TEST(TxSigning, ParallelRecoveryMatchesSequential) {
    std::mt19937_64 rng(99);
    std::vector<Transaction> txs;
    for (int i = 0; i < 300; ++i) {
        Transaction t = *sign_transaction(test::random_unsigned(rng), test::random_private_key(rng));
        if (i % 7 == 0) t.s = negate_mod_n(t.s);  // some invalid ones, in place
        if (i % 11 == 0) t.r = Uint256{};
        txs.push_back(std::move(t));
    }
    std::vector<Result<Address, TxRejection>> expected;
    for (const Transaction& t : txs) expected.push_back(recover_sender(t));
    for (unsigned threads : {1U, 2U, 0U}) {
        const auto got = recover_senders(txs, threads);
        ASSERT_EQ(got.size(), txs.size());
        for (std::size_t i = 0; i < txs.size(); ++i) {
            ASSERT_EQ(got[i].ok(), expected[i].ok()) << i;
            if (got[i].ok()) {
                EXPECT_EQ(*got[i], *expected[i]) << i;
                EXPECT_EQ(*got[i], txs[i].sender) << i;
            } else {
                EXPECT_EQ(got[i].error(), expected[i].error()) << i;
            }
        }
    }
    EXPECT_TRUE(recover_senders({}, 2).empty());
}

}  // namespace
}  // namespace optimist::tx
