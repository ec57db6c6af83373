// BlockExecutor: gas pool, refused transactions, receipts, execute_block and block_context.
#include "test_util.hpp"

#include <optimist/exec/block_executor.hpp>

#include <gtest/gtest.h>

namespace optimist::exec {
namespace {

using namespace testing;

constexpr std::uint64_t kRich = 1'000'000'000'000ULL;

tx::Transaction transfer_with_nonce(std::uint64_t nonce, std::uint64_t value,
                                    std::uint64_t gas_limit = 21000) {
    tx::Transaction t = transfer(value, 10);
    t.nonce = nonce;
    t.gas_limit = gas_limit;
    return t;
}

// The state the executor exposes, by the fields a transfer changes.
struct Snapshot {
    std::optional<state::Account> sender, recipient, coinbase;
    friend bool operator==(const Snapshot&, const Snapshot&) = default;
};

Snapshot snapshot(const BlockExecutor& e) {
    return {e.state().read_account(kSender), e.state().read_account(kRecipient),
            e.state().read_account(kCoinbase)};
}

TEST(BlockExecutor, TransactionAboveTheGasLeftIsRefusedWithoutEffect) {
    const state::InMemoryState pre = funded(kRich);
    evm::BlockContext ctx = block_with_base_fee(1);
    ctx.gas_limit = 50'000;
    BlockExecutor executor(pre, ctx);

    ASSERT_TRUE(executor.try_apply(transfer_with_nonce(0, 1)));
    EXPECT_EQ(executor.gas_used(), 21000U);
    EXPECT_EQ(executor.gas_left(), 29000U);
    const Snapshot before = snapshot(executor);

    const auto refused = executor.try_apply(transfer_with_nonce(1, 1, 30'000));
    ASSERT_FALSE(refused);
    EXPECT_EQ(refused.error(), TxError::gas_limit_exceeds_block);
    EXPECT_EQ(executor.gas_used(), 21000U);
    EXPECT_EQ(executor.executed().size(), 1U);
    EXPECT_EQ(executor.write_sets().size(), 1U);
    EXPECT_EQ(snapshot(executor), before);

    // What still fits goes in, with the same nonce the refused one had.
    const auto fits = executor.try_apply(transfer_with_nonce(1, 1, 29'000));
    ASSERT_TRUE(fits);
    EXPECT_EQ((*fits)->receipt.cumulative_gas_used, 42000U);
    EXPECT_EQ(executor.gas_left(), 8000U);
}

TEST(BlockExecutor, GasPoolIsCheckedAfterFundsAsGethDoes) {
    const state::InMemoryState pre = funded(100);  // cannot pay for any gas
    evm::BlockContext ctx = block_with_base_fee(1);
    ctx.gas_limit = 20'000;
    BlockExecutor executor(pre, ctx);
    const auto r = executor.try_apply(transfer_with_nonce(0, 1));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), TxError::insufficient_account_funds);

    // A rich sender with the same transaction hits the pool before the intrinsic gas check.
    const state::InMemoryState rich = funded(kRich);
    BlockExecutor second(rich, ctx);
    const auto r2 = second.try_apply(transfer_with_nonce(0, 1, 20'001));
    ASSERT_FALSE(r2);
    EXPECT_EQ(r2.error(), TxError::gas_limit_exceeds_block);
}

TEST(BlockExecutor, InvalidTransactionsAreSkippedWithoutEffect) {
    const state::InMemoryState pre = funded(1'000'000);
    const evm::BlockContext ctx = block_with_base_fee(1);

    BlockExecutor with_invalid(pre, ctx);
    ASSERT_TRUE(with_invalid.try_apply(transfer_with_nonce(0, 5)));
    const Snapshot before = snapshot(with_invalid);
    const auto bad_nonce = with_invalid.try_apply(transfer_with_nonce(5, 5));
    ASSERT_FALSE(bad_nonce);
    EXPECT_EQ(bad_nonce.error(), TxError::nonce_too_high);
    const auto replayed = with_invalid.try_apply(transfer_with_nonce(0, 5));
    ASSERT_FALSE(replayed);
    EXPECT_EQ(replayed.error(), TxError::nonce_too_low);
    const auto too_much = with_invalid.try_apply(transfer_with_nonce(1, 2'000'000));
    ASSERT_FALSE(too_much);
    EXPECT_EQ(too_much.error(), TxError::insufficient_account_funds);
    EXPECT_EQ(snapshot(with_invalid), before);
    EXPECT_EQ(with_invalid.executed().size(), 1U);
    ASSERT_TRUE(with_invalid.try_apply(transfer_with_nonce(1, 7)));

    BlockExecutor clean(pre, ctx);
    ASSERT_TRUE(clean.try_apply(transfer_with_nonce(0, 5)));
    ASSERT_TRUE(clean.try_apply(transfer_with_nonce(1, 7)));

    EXPECT_EQ(snapshot(with_invalid), snapshot(clean));
    EXPECT_EQ(with_invalid.gas_used(), clean.gas_used());
    ASSERT_EQ(with_invalid.executed().size(), 2U);
    for (std::size_t i = 0; i < 2; ++i) {
        EXPECT_EQ(with_invalid.executed()[i].receipt, clean.executed()[i].receipt);
    }
}

TEST(BlockExecutor, BlobGasIsLimitedPerBlock) {
    const state::InMemoryState pre = funded(kRich);
    BlockExecutor executor(pre, block_with_base_fee(1));
    auto blob_tx = [](std::uint64_t nonce, std::size_t blobs) {
        tx::Transaction t = transfer_with_nonce(nonce, 0);
        t.type = tx::TxType::blob;
        t.max_fee_per_blob_gas = 10;
        Hash h;
        h[0] = kBlobCommitmentVersionKzg;
        t.blob_versioned_hashes.assign(blobs, h);
        return t;
    };
    ASSERT_TRUE(executor.try_apply(blob_tx(0, 4)));
    const auto r = executor.try_apply(blob_tx(1, 3));
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), TxError::blob_gas_exceeds_block);
    ASSERT_TRUE(executor.try_apply(blob_tx(1, 2)));
    EXPECT_EQ(executor.blob_gas_used(), kMaxBlobGasPerBlock);
}

TEST(ExecuteBlock, MatchesTheIncrementalExecutor) {
    const state::InMemoryState pre = funded(kRich);
    const evm::BlockContext ctx = block_with_base_fee(3);
    const std::vector<tx::Transaction> txs = {transfer_with_nonce(0, 1), transfer_with_nonce(1, 2),
                                              transfer_with_nonce(2, 3)};
    const auto block = execute_block(pre, ctx, txs);
    ASSERT_TRUE(block);
    BlockExecutor executor(pre, ctx);
    for (const auto& t : txs) ASSERT_TRUE(executor.try_apply(t));
    EXPECT_EQ(block->gas_used, executor.gas_used());
    ASSERT_EQ(block->txs.size(), 3U);
    ASSERT_EQ(block->write_sets.size(), 3U);
    for (std::size_t i = 0; i < 3; ++i) {
        EXPECT_EQ(block->txs[i].receipt, executor.executed()[i].receipt);
        EXPECT_EQ(block->txs[i].receipt.cumulative_gas_used, 21000 * (i + 1));
    }
}

TEST(ExecuteBlock, FailsOnTheFirstInvalidTransactionWithItsIndex) {
    const state::InMemoryState pre = funded(kRich);
    const std::vector<tx::Transaction> txs = {transfer_with_nonce(0, 1), transfer_with_nonce(1, 2),
                                              transfer_with_nonce(1, 3), transfer_with_nonce(9, 3)};
    const auto block = execute_block(pre, block_with_base_fee(3), txs);
    ASSERT_FALSE(block);
    EXPECT_EQ(block.error().first, 2U);
    EXPECT_EQ(block.error().second, TxError::nonce_too_low);
}

TEST(BlockContext, IsReadFromTheHeader) {
    tx::BlockHeader h = tx::cancun_header();
    h.coinbase = kCoinbase;
    h.number = 42;
    h.timestamp = 1'700'000'000;
    h.gas_limit = 30'000'000;
    h.mix_hash[31] = 0x07;
    h.base_fee_per_gas = Uint256{875'000'000};
    h.excess_blob_gas = 10'000'000;
    Hash parent;
    parent[0] = 0xab;
    const evm::BlockContext b = block_context(h, 901, [parent](std::uint64_t n) {
        Hash out = parent;
        out[31] = static_cast<std::uint8_t>(n);
        return out;
    });
    EXPECT_EQ(b.coinbase, kCoinbase);
    EXPECT_EQ(b.number, 42U);
    EXPECT_EQ(b.timestamp, 1'700'000'000U);
    EXPECT_EQ(b.gas_limit, 30'000'000U);
    EXPECT_EQ(b.prev_randao, Uint256{7});
    EXPECT_EQ(b.base_fee, Uint256{875'000'000});
    EXPECT_EQ(b.blob_base_fee, blob_base_fee(10'000'000));
    EXPECT_GT(b.blob_base_fee, Uint256{1});
    EXPECT_EQ(b.chain_id, Uint256{901});
    ASSERT_TRUE(b.block_hash);
    EXPECT_EQ(b.block_hash(41)[31], 41);

    tx::BlockHeader legacy;  // no base fee, no blob fields
    const evm::BlockContext l = block_context(legacy, 1, {});
    EXPECT_EQ(l.base_fee, Uint256{});
    EXPECT_EQ(l.blob_base_fee, Uint256{1});
}

}  // namespace
}  // namespace optimist::exec
