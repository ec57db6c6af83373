#include "test_util.hpp"

#include <optimist/exec/apply_transaction.hpp>
#include <optimist/state/state_view.hpp>

#include <gtest/gtest.h>

namespace optimist::exec {
namespace {

using namespace testing;

constexpr std::uint64_t kInitialBalance = 10'000'000'000ULL;

TEST(ApplyTransaction, InvalidTransactionLeavesStateUntouched) {
    const state::InMemoryState pre = funded(100);
    state::StateView view(pre);
    const auto r = apply_transaction(view, block_with_base_fee(10), transfer(1, 10));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), TxError::insufficient_account_funds);
    EXPECT_TRUE(view.write_set().accounts.empty());
}

TEST(ApplyTransaction, TransferPaysValueGasAndPriorityFee) {
    state::InMemoryState pre = funded(kInitialBalance);
    state::StateView view(pre);
    tx::Transaction t = transfer(1000, 0);
    t.type = tx::TxType::dynamic_fee;
    t.max_fee_per_gas = 30;
    t.max_priority_fee_per_gas = 2;  // effective price min(30, 10 + 2) = 12
    const auto r = apply_transaction(view, block_with_base_fee(10), t);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, evm::StatusCode::success);
    EXPECT_EQ(r->gas_used, 21000U);
    EXPECT_TRUE(r->logs.empty());
    EXPECT_EQ(view.balance(kSender), Uint256{kInitialBalance - 1000 - 21000 * 12});
    EXPECT_EQ(view.nonce(kSender), 1U);
    EXPECT_EQ(view.balance(kRecipient), Uint256{1000});
    EXPECT_EQ(view.balance(kCoinbase), Uint256{21000 * 2});  // the base fee is burned
}

TEST(ApplyTransaction, ZeroTipLeavesAnEmptyCoinbaseAbsent) {
    // geth credits the coinbase even with zero, which touches it; an empty touched account
    // does not survive the transaction (EIP-161).
    state::InMemoryState pre = funded(kInitialBalance);
    state::StateView view(pre);
    const auto r = apply_transaction(view, block_with_base_fee(10), transfer(5, 10));
    ASSERT_TRUE(r);
    pre.apply(view.write_set());
    EXPECT_FALSE(pre.read_account(kCoinbase).has_value());
}

TEST(ApplyTransaction, BlobGasIsBurnedAtTheBlobPrice) {
    state::InMemoryState pre = funded(kInitialBalance);
    state::StateView view(pre);
    tx::Transaction t = transfer(0, 10);
    t.type = tx::TxType::blob;
    t.max_fee_per_blob_gas = 100;
    Hash h;
    h[0] = kBlobCommitmentVersionKzg;
    t.blob_versioned_hashes = {h, h};
    evm::BlockContext block = block_with_base_fee(10);
    block.blob_base_fee = 3;
    const auto r = apply_transaction(view, block, t);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->blob_gas_used, 2 * kGasPerBlob);
    EXPECT_EQ(view.balance(kSender), Uint256{kInitialBalance - 21000 * 10 - 2 * kGasPerBlob * 3});
}

TEST(ApplyTransaction, CreationDeploysAndBumpsTheNonceOnce) {
    state::InMemoryState pre = funded(kInitialBalance);
    state::StateView view(pre);
    tx::Transaction t = transfer(0, 1);
    t.to.reset();
    // Init code: return one byte 0x00 (PUSH1 1 PUSH1 0 RETURN with memory zeroed).
    t.data = {0x60, 0x01, 0x60, 0x00, 0xf3};
    t.gas_limit = 100'000;
    const auto r = apply_transaction(view, block_with_base_fee(1), t);
    ASSERT_TRUE(r);
    EXPECT_EQ(r->status, evm::StatusCode::success);
    EXPECT_EQ(view.nonce(kSender), 1U);
    EXPECT_EQ(r->contract_address, evm::create_address(kSender, 0));
    EXPECT_EQ(view.code(r->contract_address).size(), 1U);
}

TEST(ApplyTransaction, RefundIsCappedAtAFifthOfGasUsed) {
    // The recipient clears a slot that was set before the transaction (EIP-3529 refund 4800).
    state::InMemoryState pre = funded(kInitialBalance);
    state::InMemoryState::StoredAccount contract;
    contract.code = {0x60, 0x00, 0x60, 0x00, 0x55, 0x00};  // SSTORE(0, 0); STOP
    contract.storage[Uint256{0}] = Uint256{1};
    pre.put_account(kRecipient, contract);
    state::StateView view(pre);
    tx::Transaction t = transfer(0, 1);
    t.gas_limit = 100'000;
    const auto r = apply_transaction(view, block_with_base_fee(1), t);
    ASSERT_TRUE(r);
    // 21000 + 2 * PUSH1 (3) + SSTORE cold reset (2900 + 2100) = 26006; refund min(4800, 26006/5).
    EXPECT_EQ(r->gas_used, 26006U - 4800U);
}

}  // namespace
}  // namespace optimist::exec
