// Games, credits and the L2 genesis output survive closing and reopening the datadir (the
// same code path as a killed process: each block is one LevelDB write batch).
#include "dispute_test_util.hpp"

#include <gtest/gtest.h>

namespace optimist::l1::test {
namespace {

using DisputeRestartTest = DisputeHarness;

TEST_F(DisputeRestartTest, AGameContinuesAfterARestart) {
    const Truth& truth = referee_->truth();
    const LyingTrace lie{&truth, 4, 3, 11};
    const std::uint64_t index = propose(lie.wrong(1, 10), 10);
    const std::uint64_t first = create(index, truth.block(10));
    const std::uint64_t second = create(index, truth.block(10), kChallenger2);
    const Claimer liar = [&](const DisputeGame& g, std::uint64_t mid) { return lie.at(g, mid); };
    // Into level 2, then stop mid-bisection with a midpoint pending.
    while (game(first).level < 2) {
        const DisputeGame g = game(first);
        const std::uint64_t mid = g.lo + (g.hi - g.lo) / 2;
        ASSERT_TRUE(call(kProposer, BisectCall{first, liar(g, mid)}).success);
        ASSERT_TRUE(call(kChallenger, RespondCall{first, honest_challenger()(game(first), mid, liar(g, mid))})
                        .success);
    }
    ASSERT_TRUE(call(kProposer, BisectCall{first, liar(game(first), 3)}).success);
    const std::vector<DisputeGame> before = *stub_->games(0, 10);
    ASSERT_TRUE(before[0].mid_claim);
    const Uint256 factory = balance(config_.dispute_game_factory);
    const L1Head head = *stub_->head();

    open();
    EXPECT_EQ(*stub_->head(), head);
    EXPECT_EQ(*stub_->games(0, 10), before);
    EXPECT_EQ(balance(config_.dispute_game_factory), factory);
    EXPECT_EQ(*stub_->games(1, 10), std::vector<DisputeGame>{before[1]});
    EXPECT_FALSE(*stub_->game(2));

    // The game goes on where it stopped, and its end closes the other one.
    bisect_to_leaf(first, liar, honest_challenger());
    ASSERT_TRUE(call(kChallenger, ProveStepCall{first, Bytes{1}}).success);
    EXPECT_EQ(game(first).status, GameStatus::challenger_won);
    EXPECT_EQ(game(second).status, GameStatus::closed);
    const std::vector<DisputeGame> after = *stub_->games(0, 10);
    const Uint256 credit1 = credit(dev_address(kChallenger));
    const Uint256 credit2 = credit(dev_address(kChallenger2));

    open();
    EXPECT_EQ(*stub_->games(0, 10), after);
    EXPECT_EQ(output(index).status, OutputStatus::invalidated);
    EXPECT_EQ(credit(dev_address(kChallenger)), credit1);
    EXPECT_EQ(credit(dev_address(kChallenger2)), credit2);
    ASSERT_TRUE(call(kChallenger2, ClaimCreditCall{}).success);
    open();
    EXPECT_TRUE(credit(dev_address(kChallenger2)).is_zero());
    EXPECT_EQ(credit(dev_address(kChallenger)), credit1);
    expect_factory_solvent();
}

TEST(DisputeRestart, TheL2GenesisOutputIsKept) {
    TempDir dir;
    L1StubConfig config = stub_config(dir);
    const Hash genesis = tagged("block", 0);
    {
        auto stub = L1Stub::open(config);  // not known yet: zero
        ASSERT_TRUE(stub) << stub.error();
        EXPECT_TRUE((*stub)->config()->l2_genesis_output.is_zero());
    }
    config.l1.l2_genesis_output = genesis;
    {
        auto stub = L1Stub::open(config);  // learned once
        ASSERT_TRUE(stub) << stub.error();
        EXPECT_EQ((*stub)->config()->l2_genesis_output, genesis);
    }
    config.l1.l2_genesis_output = Hash{};
    {
        auto stub = L1Stub::open(config);  // zero: the stored one
        ASSERT_TRUE(stub) << stub.error();
        EXPECT_EQ((*stub)->config()->l2_genesis_output, genesis);
        EXPECT_EQ((*stub)->stub_config().l1.l2_genesis_output, genesis);
    }
    config.l1.l2_genesis_output = tagged("other", 0);
    auto other = L1Stub::open(config);
    ASSERT_FALSE(other);
    EXPECT_NE(other.error().find("holds L2 genesis output root"), std::string::npos) << other.error();
    config.l1.l2_genesis_output = genesis;
    config.l1.dispute_game_factory[0] ^= 1;
    auto moved = L1Stub::open(config);
    ASSERT_FALSE(moved);
    EXPECT_NE(moved.error().find("use another --datadir"), std::string::npos) << moved.error();
}

}  // namespace
}  // namespace optimist::l1::test
