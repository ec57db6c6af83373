// Mempool policies and selection order, case by case.
#include "mempool_test_util.hpp"

#include <optimist/sequencer/mempool.hpp>

#include <gtest/gtest.h>

#include <map>

namespace optimist::sequencer {
namespace {

using namespace testing;

const Address kA = sender(1);
const Address kB = sender(2);
const Address kC = sender(3);

std::function<std::uint64_t(const Address&)> nonces(std::map<Address, std::uint64_t> m) {
    return [m = std::move(m)](const Address& a) {
        const auto it = m.find(a);
        return it == m.end() ? std::uint64_t{0} : it->second;
    };
}

// (sender, nonce) of each selected transaction, in order.
std::vector<std::pair<Address, std::uint64_t>> order(const std::vector<MempoolEntry>& selected) {
    std::vector<std::pair<Address, std::uint64_t>> out;
    for (const auto& e : selected) out.emplace_back(e.tx.sender, e.tx.nonce);
    return out;
}

using Order = std::vector<std::pair<Address, std::uint64_t>>;

void must_add(Mempool& pool, MempoolEntry e, std::uint64_t account_nonce = 0) {
    const auto r = pool.add(std::move(e), account_nonce);
    ASSERT_TRUE(r) << to_string(r.error());
}

TEST(MempoolSelect, OrdersSendersByEffectiveTip) {
    Mempool pool;
    EntryMaker m;
    must_add(pool, m.dynamic(kA, 0, 100, 5));
    must_add(pool, m.dynamic(kB, 0, 100, 9));
    must_add(pool, m.dynamic(kC, 0, 100, 7));
    EXPECT_EQ(order(pool.select(10, nonces({}), 10)), (Order{{kB, 0}, {kC, 0}, {kA, 0}}));
}

TEST(MempoolSelect, TipIsCappedByTheHeadroomAboveTheBaseFee) {
    Mempool pool;
    EntryMaker m;
    must_add(pool, m.dynamic(kA, 0, 12, 10));  // min(10, 12 - 10) = 2
    must_add(pool, m.dynamic(kB, 0, 100, 3));  // 3
    must_add(pool, m.legacy(kC, 0, 14));       // 14 - 10 = 4
    EXPECT_EQ(order(pool.select(10, nonces({}), 10)), (Order{{kC, 0}, {kB, 0}, {kA, 0}}));
    // At a lower base fee A's headroom grows and it leads.
    EXPECT_EQ(order(pool.select(0, nonces({}), 10)), (Order{{kC, 0}, {kA, 0}, {kB, 0}}));
}

TEST(MempoolSelect, EqualTipsGoInArrivalOrder) {
    Mempool pool;
    EntryMaker m;
    must_add(pool, m.dynamic(kC, 0, 100, 5));
    must_add(pool, m.dynamic(kA, 0, 100, 5));
    must_add(pool, m.dynamic(kB, 0, 100, 5));
    EXPECT_EQ(order(pool.select(1, nonces({}), 10)), (Order{{kC, 0}, {kA, 0}, {kB, 0}}));
}

TEST(MempoolSelect, KeepsEachSendersNonceOrder) {
    Mempool pool;
    EntryMaker m;
    must_add(pool, m.dynamic(kA, 1, 100, 50));  // pays most, but waits for nonce 0
    must_add(pool, m.dynamic(kA, 0, 100, 1));
    must_add(pool, m.dynamic(kB, 0, 100, 10));
    must_add(pool, m.dynamic(kB, 1, 100, 2));
    EXPECT_EQ(order(pool.select(0, nonces({}), 10)), (Order{{kB, 0}, {kB, 1}, {kA, 0}, {kA, 1}}));
}

TEST(MempoolSelect, StartsAtTheAccountNonceAndStopsAtAGap) {
    Mempool pool;
    EntryMaker m;
    must_add(pool, m.dynamic(kA, 3, 100, 1), 3);
    must_add(pool, m.dynamic(kA, 4, 100, 1), 3);
    must_add(pool, m.dynamic(kA, 6, 100, 1), 3);  // 5 missing
    must_add(pool, m.dynamic(kB, 1, 100, 1), 0);  // B's nonce 0 missing
    EXPECT_EQ(order(pool.select(0, nonces({{kA, 3}}), 10)), (Order{{kA, 3}, {kA, 4}}));
    // After a block included A's nonce 3 (not yet pruned), selection starts at 4.
    EXPECT_EQ(order(pool.select(0, nonces({{kA, 4}}), 10)), (Order{{kA, 4}}));
}

TEST(MempoolSelect, MaxFeeBelowTheBaseFeeBlocksTheSender) {
    Mempool pool;
    EntryMaker m;
    must_add(pool, m.dynamic(kA, 0, 9, 1));
    must_add(pool, m.dynamic(kA, 1, 100, 50));
    must_add(pool, m.legacy(kB, 0, 10));  // exactly the base fee: ready, zero tip
    EXPECT_EQ(order(pool.select(10, nonces({}), 10)), (Order{{kB, 0}}));
    // At base fee 9, A's nonce 0 is ready with a zero tip (headroom 0) behind B's tip of 1.
    EXPECT_EQ(order(pool.select(9, nonces({}), 10)), (Order{{kB, 0}, {kA, 0}, {kA, 1}}));
}

TEST(MempoolSelect, ReturnsAtMostMaxTxs) {
    Mempool pool;
    EntryMaker m;
    for (std::uint64_t n = 0; n < 5; ++n) must_add(pool, m.dynamic(kA, n, 100, 10));
    must_add(pool, m.dynamic(kB, 0, 100, 20));
    EXPECT_EQ(order(pool.select(0, nonces({}), 2)), (Order{{kB, 0}, {kA, 0}}));
    EXPECT_TRUE(pool.select(0, nonces({}), 0).empty());
}

TEST(MempoolAdd, ReplacementNeedsTheBumpOnBothFees) {
    Mempool pool;
    EntryMaker m;
    const MempoolEntry original = m.dynamic(kA, 0, 100, 10);
    must_add(pool, original);

    auto r = pool.add(m.dynamic(kA, 0, 109, 11), 0);  // max fee up only 9%
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::replacement_underpriced);
    EXPECT_EQ(to_string(r.error()), "replacement transaction underpriced");
    r = pool.add(m.dynamic(kA, 0, 200, 10), 0);  // tip not raised
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::replacement_underpriced);

    const MempoolEntry bumped = m.dynamic(kA, 0, 110, 11);
    r = pool.add(bumped, 0);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->replaced);
    EXPECT_EQ(r->replaced_hash, original.hash);
    EXPECT_FALSE(pool.contains(original.hash));
    EXPECT_TRUE(pool.contains(bumped.hash));
    EXPECT_EQ(pool.size(), 1U);
    EXPECT_EQ(pool.size_for(kA), 1U);
}

TEST(MempoolAdd, LegacyReplacementNeedsTenPercent) {
    Mempool pool;
    EntryMaker m;
    must_add(pool, m.legacy(kA, 0, 1000));
    auto r = pool.add(m.legacy(kA, 0, 1099), 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::replacement_underpriced);
    r = pool.add(m.legacy(kA, 0, 1100), 0);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->replaced);
}

TEST(MempoolAdd, ReplacingAZeroTipStillNeedsAHigherTip) {
    Mempool pool;
    EntryMaker m;
    must_add(pool, m.dynamic(kA, 0, 100, 0));
    auto r = pool.add(m.dynamic(kA, 0, 200, 0), 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::replacement_underpriced);
    EXPECT_TRUE(pool.add(m.dynamic(kA, 0, 200, 1), 0));
}

TEST(MempoolAdd, HugeFeesDoNotWrapTheBump) {
    Mempool pool;
    EntryMaker m;
    // 110% of 2^255 - 1 does not fit in 256 bits: no fee can pay it, even 2^256 - 1, which a
    // wrapped threshold would wave through.
    MempoolEntry e = m.dynamic(kA, 0, 1, 1);
    e.tx.max_fee_per_gas = Uint256::max() >> 1;
    must_add(pool, e);
    MempoolEntry again = m.dynamic(kA, 0, 1, 2);
    again.tx.max_fee_per_gas = Uint256::max();
    const auto r = pool.add(again, 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::replacement_underpriced);
}

TEST(MempoolAdd, RejectsKnownLowAndFarNonces) {
    MempoolConfig config;
    config.max_nonce_gap = 64;
    Mempool pool(config);
    EntryMaker m;
    const MempoolEntry e = m.dynamic(kA, 5, 100, 1);
    must_add(pool, e, 5);

    auto r = pool.add(e, 5);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::already_known);
    EXPECT_EQ(to_string(r.error()), "already known");

    r = pool.add(m.dynamic(kA, 4, 100, 1), 5);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::nonce_too_low);
    EXPECT_EQ(to_string(r.error()), "nonce too low");

    EXPECT_TRUE(pool.add(m.dynamic(kA, 5 + 64, 100, 1), 5));
    r = pool.add(m.dynamic(kA, 5 + 65, 100, 1), 5);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::nonce_too_far);
}

TEST(MempoolAdd, EnforcesTheMinimumTip) {
    MempoolConfig config;
    config.min_tip = 2;
    Mempool pool(config);
    EntryMaker m;
    auto r = pool.add(m.dynamic(kA, 0, 100, 1), 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::underpriced);
    EXPECT_EQ(to_string(r.error()), "transaction underpriced");
    r = pool.add(m.legacy(kA, 0, 1), 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::underpriced);
    EXPECT_TRUE(pool.add(m.dynamic(kA, 0, 100, 2), 0));
}

TEST(MempoolAdd, LimitsTransactionsPerSender) {
    MempoolConfig config;
    config.max_per_sender = 3;
    Mempool pool(config);
    EntryMaker m;
    for (std::uint64_t n = 0; n < 3; ++n) must_add(pool, m.dynamic(kA, n, 100, 10));
    const auto r = pool.add(m.dynamic(kA, 3, 100, 10), 0);
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::sender_full);
    // A replacement takes no new slot.
    EXPECT_TRUE(pool.add(m.dynamic(kA, 1, 200, 20), 0));
    EXPECT_TRUE(pool.add(m.dynamic(kB, 0, 100, 10), 0));
    EXPECT_EQ(pool.size_for(kA), 3U);
}

TEST(MempoolAdd, FullPoolEvictsTheCheapestOnlyForAHigherFee) {
    MempoolConfig config;
    config.max_total = 3;
    Mempool pool(config);
    EntryMaker m;
    const MempoolEntry old_cheap = m.dynamic(kA, 0, 10, 1);
    const MempoolEntry rich = m.dynamic(kB, 0, 20, 1);
    const MempoolEntry new_cheap = m.dynamic(kC, 0, 10, 1);  // same fee, newer: evicted first
    must_add(pool, old_cheap);
    must_add(pool, rich);
    must_add(pool, new_cheap);

    auto r = pool.add(m.dynamic(sender(9), 0, 10, 5), 0);  // equal fee cap: not strictly more
    ASSERT_FALSE(r);
    EXPECT_EQ(r.error(), MempoolError::pool_full);
    EXPECT_EQ(to_string(r.error()), "txpool is full");

    const MempoolEntry incoming = m.dynamic(sender(9), 0, 11, 1);
    r = pool.add(incoming, 0);
    ASSERT_TRUE(r);
    EXPECT_FALSE(r->replaced);
    ASSERT_TRUE(r->evicted.has_value());
    EXPECT_EQ(*r->evicted, new_cheap.hash);
    EXPECT_EQ(pool.size(), 3U);
    EXPECT_TRUE(pool.contains(old_cheap.hash));
    EXPECT_FALSE(pool.contains(new_cheap.hash));
    EXPECT_EQ(pool.size_for(kC), 0U);

    // Replacements work in a full pool without evicting anyone.
    r = pool.add(m.dynamic(kB, 0, 30, 2), 0);
    ASSERT_TRUE(r);
    EXPECT_TRUE(r->replaced);
    EXPECT_FALSE(r->evicted.has_value());
}

TEST(Mempool, PendingNonceFollowsTheContiguousRun) {
    Mempool pool;
    EntryMaker m;
    for (std::uint64_t n : {5, 6, 8}) must_add(pool, m.dynamic(kA, n, 100, 1), 5);
    EXPECT_EQ(pool.pending_nonce(kA, 5), 7U);
    EXPECT_EQ(pool.pending_nonce(kA, 4), 4U);  // the account nonce itself is not pooled
    EXPECT_EQ(pool.pending_nonce(kA, 7), 7U);
    EXPECT_EQ(pool.pending_nonce(kA, 8), 9U);
    EXPECT_EQ(pool.pending_nonce(kB, 3), 3U);
}

TEST(Mempool, PruneDropsWhatABlockIncluded) {
    Mempool pool;
    EntryMaker m;
    for (std::uint64_t n = 0; n < 4; ++n) must_add(pool, m.dynamic(kA, n, 100, 1));
    for (std::uint64_t n = 0; n < 2; ++n) must_add(pool, m.dynamic(kB, n, 100, 1));
    must_add(pool, m.dynamic(kC, 0, 100, 1));
    pool.prune(nonces({{kA, 2}, {kB, 5}}));
    EXPECT_EQ(pool.size(), 3U);
    EXPECT_EQ(pool.size_for(kA), 2U);
    EXPECT_EQ(pool.size_for(kB), 0U);
    EXPECT_EQ(pool.size_for(kC), 1U);
    EXPECT_EQ(order(pool.select(0, nonces({{kA, 2}}), 10)), (Order{{kA, 2}, {kA, 3}, {kC, 0}}));

    pool.remove_included(kA, 3);
    EXPECT_EQ(pool.size_for(kA), 1U);
    EXPECT_EQ(pool.pending_nonce(kA, 3), 4U);
}

TEST(Mempool, RemoveGetAndIteration) {
    Mempool pool;
    EntryMaker m;
    const MempoolEntry a0 = m.dynamic(kA, 0, 100, 1);
    const MempoolEntry b0 = m.legacy(kB, 0, 50);
    const MempoolEntry a1 = m.dynamic(kA, 1, 100, 1);
    must_add(pool, a0);
    must_add(pool, b0);
    must_add(pool, a1);

    ASSERT_NE(pool.get(b0.hash), nullptr);
    EXPECT_EQ(pool.get(b0.hash)->raw, b0.raw);
    EXPECT_EQ(pool.get(b0.hash)->tx, b0.tx);

    std::vector<Hash> by_sender;
    pool.for_each([&](const MempoolEntry& e) { by_sender.push_back(e.hash); });
    EXPECT_EQ(by_sender, (std::vector<Hash>{a0.hash, a1.hash, b0.hash}));
    std::vector<Hash> by_arrival;
    for (const MempoolEntry* e : pool.entries_by_arrival()) by_arrival.push_back(e->hash);
    EXPECT_EQ(by_arrival, (std::vector<Hash>{a0.hash, b0.hash, a1.hash}));

    EXPECT_TRUE(pool.remove(a0.hash));
    EXPECT_FALSE(pool.remove(a0.hash));
    EXPECT_EQ(pool.get(a0.hash), nullptr);
    EXPECT_FALSE(pool.contains(a0.hash));
    EXPECT_EQ(pool.size(), 2U);
    // With nonce 0 gone, A's nonce 1 is not ready.
    EXPECT_EQ(order(pool.select(0, nonces({}), 10)), (Order{{kB, 0}}));
}

}  // namespace
}  // namespace optimist::sequencer
