#include <optimist/exec/apply_transaction.hpp>

#include <gtest/gtest.h>

namespace optimist::exec {
namespace {

TEST(BlobGas, PerBlob) {
    tx::Transaction t;
    t.blob_versioned_hashes.resize(3);
    EXPECT_EQ(blob_gas(t), 3 * kGasPerBlob);
    EXPECT_EQ(kMaxBlobsPerBlock, 6U);
}

TEST(BlobBaseFee, FakeExponential) {
    // Reference values from EIP-4844's fake_exponential(1, excess, 3338477).
    EXPECT_EQ(blob_base_fee(0), Uint256{1});
    EXPECT_EQ(blob_base_fee(393216), Uint256{1});
    EXPECT_EQ(blob_base_fee(3338477), Uint256{2});
    EXPECT_EQ(blob_base_fee(10'000'000), Uint256{19});
    EXPECT_EQ(blob_base_fee(100'000'000), Uint256{10203769476395ULL});
}

TEST(BlobBaseFee, SaturatesInsteadOfWrapping) {
    EXPECT_EQ(blob_base_fee(std::uint64_t{1} << 32), Uint256::max());
    EXPECT_EQ(blob_base_fee(~std::uint64_t{0}), Uint256::max());
}

TEST(TxError, FixtureNames) {
    EXPECT_EQ(fixture_name(TxError::intrinsic_gas_too_low), "TransactionException.INTRINSIC_GAS_TOO_LOW");
    EXPECT_EQ(fixture_name(TxError::blob_tx_invalid_versioned_hash),
              "TransactionException.TYPE_3_TX_INVALID_BLOB_VERSIONED_HASH");
    EXPECT_EQ(fixture_name(TxError::nonce_is_max), "TransactionException.NONCE_IS_MAX");
    EXPECT_EQ(to_string(TxError::nonce_too_low), "nonce too low");
}

}  // namespace
}  // namespace optimist::exec
