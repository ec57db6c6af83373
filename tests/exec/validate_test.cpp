#include "test_util.hpp"

#include <optimist/exec/apply_transaction.hpp>
#include <optimist/state/state_view.hpp>

#include <gtest/gtest.h>

#include <limits>

namespace optimist::exec {
namespace {

using namespace testing;

constexpr std::uint64_t kEther = 1'000'000'000'000'000'000ULL;

// The error validate_transaction reports, or nullopt when the transaction is valid.
std::optional<TxError> check(const state::InMemoryState& pre, const tx::Transaction& t,
                             const evm::BlockContext& block = block_with_base_fee(10)) {
    state::StateView view(pre);
    auto s = validate_transaction(view, block, t);
    if (s) return std::nullopt;
    return s.error();
}

TEST(Validate, AcceptsAFundedTransfer) { EXPECT_EQ(check(funded(kEther), transfer(1, 10)), std::nullopt); }

TEST(Validate, Nonce) {
    tx::Transaction t = transfer(1, 10);
    t.nonce = 4;
    EXPECT_EQ(check(funded(kEther, 5), t), TxError::nonce_too_low);
    EXPECT_EQ(check(funded(kEther, 3), t), TxError::nonce_too_high);
    EXPECT_EQ(check(funded(kEther, 4), t), std::nullopt);
    // EIP-2681: a matching nonce of 2^64 - 1 cannot be incremented.
    t.nonce = std::numeric_limits<std::uint64_t>::max();
    EXPECT_EQ(check(funded(kEther, t.nonce), t), TxError::nonce_is_max);
}

TEST(Validate, SenderWithCodeIsNotAnEoa) {
    state::InMemoryState pre;
    state::InMemoryState::StoredAccount a;
    a.balance = kEther;
    a.code = {0x00};
    pre.put_account(kSender, a);
    EXPECT_EQ(check(pre, transfer(1, 10)), TxError::sender_not_eoa);  // EIP-3607
}

TEST(Validate, FeeCaps) {
    tx::Transaction t = transfer(1, 10);
    t.type = tx::TxType::dynamic_fee;
    t.max_fee_per_gas = 9;
    t.max_priority_fee_per_gas = 1;
    EXPECT_EQ(check(funded(kEther), t), TxError::insufficient_max_fee_per_gas);
    t.max_fee_per_gas = 20;
    t.max_priority_fee_per_gas = 21;
    EXPECT_EQ(check(funded(kEther), t), TxError::priority_greater_than_max_fee);
    t.max_priority_fee_per_gas = 20;
    EXPECT_EQ(check(funded(kEther), t), std::nullopt);
}

TEST(Validate, FundsCoverGasAtTheMaxFeePlusValue) {
    tx::Transaction t = transfer(100, 10);
    t.type = tx::TxType::dynamic_fee;
    t.max_fee_per_gas = 50;
    t.max_priority_fee_per_gas = 1;
    const Uint256 needed = Uint256{21000 * 50 + 100};
    EXPECT_EQ(check(funded(needed), t), std::nullopt);
    EXPECT_EQ(check(funded(needed - 1), t), TxError::insufficient_account_funds);
}

TEST(Validate, HugePriceOverflows) {
    tx::Transaction t = transfer(1, 10);
    t.max_fee_per_gas = Uint256::max();
    t.max_priority_fee_per_gas = Uint256::max();
    EXPECT_EQ(check(funded(Uint256::max()), t), TxError::gas_limit_price_product_overflow);
    // Gas cost fits but adding the value wraps.
    t.max_fee_per_gas = t.max_priority_fee_per_gas = 10;
    t.value = Uint256::max();
    EXPECT_EQ(check(funded(Uint256::max()), t), TxError::insufficient_account_funds);
}

TEST(Validate, GasLimitAboveTheBlock) {
    tx::Transaction t = transfer(1, 10);
    t.gas_limit = 30'000'001;
    EXPECT_EQ(check(funded(kEther), t), TxError::gas_limit_exceeds_block);
}

TEST(Validate, IntrinsicGas) {
    tx::Transaction t = transfer(1, 10);
    t.data = {0x01};
    EXPECT_EQ(check(funded(kEther), t), TxError::intrinsic_gas_too_low);
    t.gas_limit = 21016;
    EXPECT_EQ(check(funded(kEther), t), std::nullopt);
}

TEST(Validate, InitCodeSize) {
    tx::Transaction t = transfer(0, 10);
    t.to.reset();
    t.gas_limit = 10'000'000;
    t.data = Bytes(tx::kMaxInitCodeSize, 0x00);
    EXPECT_EQ(check(funded(kEther), t), std::nullopt);
    t.data.push_back(0x00);
    EXPECT_EQ(check(funded(kEther), t), TxError::initcode_size_exceeded);  // EIP-3860
}

tx::Transaction blob_tx(std::size_t blobs) {
    tx::Transaction t = transfer(0, 10);
    t.type = tx::TxType::blob;
    t.max_fee_per_blob_gas = 1;
    Hash h;
    h[0] = kBlobCommitmentVersionKzg;
    t.blob_versioned_hashes.assign(blobs, h);
    return t;
}

TEST(Validate, BlobTransactions) {
    EXPECT_EQ(check(funded(kEther), blob_tx(1)), std::nullopt);
    EXPECT_EQ(check(funded(kEther), blob_tx(6)), std::nullopt);
    EXPECT_EQ(check(funded(kEther), blob_tx(0)), TxError::blob_tx_zero_blobs);
    EXPECT_EQ(check(funded(kEther), blob_tx(7)), TxError::blob_tx_blob_count_exceeded);
    tx::Transaction t = blob_tx(2);
    t.blob_versioned_hashes[1][0] = 0x02;
    EXPECT_EQ(check(funded(kEther), t), TxError::blob_tx_invalid_versioned_hash);
    t = blob_tx(1);
    t.to.reset();
    EXPECT_EQ(check(funded(kEther), t), TxError::blob_tx_contract_creation);
    evm::BlockContext block = block_with_base_fee(10);
    block.blob_base_fee = 2;
    EXPECT_EQ(check(funded(kEther), blob_tx(1), block), TxError::insufficient_max_fee_per_blob_gas);
}

TEST(Validate, BlobFeeCountsTowardsFunds) {
    const tx::Transaction t = blob_tx(2);
    const Uint256 needed = Uint256{std::uint64_t{21000} * 10 + 2 * kGasPerBlob};
    EXPECT_EQ(check(funded(needed), t), std::nullopt);
    EXPECT_EQ(check(funded(needed - 1), t), TxError::insufficient_account_funds);
}

}  // namespace
}  // namespace optimist::exec
