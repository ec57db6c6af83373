// Chess clocks, block by block: each party is charged from the block its turn began to the
// block of its move; a party that would spend more than its clock loses in that block,
// resolved by the stub itself before the block's transactions.
#include "dispute_test_util.hpp"

#include <gtest/gtest.h>

namespace optimist::l1::test {
namespace {

class DisputeClockTest : public DisputeHarness {
protected:
    void SetUp() override {
        DisputeHarness::SetUp();
        reconfigure(/*window=*/100, /*clock=*/5);
    }
};

TEST_F(DisputeClockTest, TheAsserterRunsOutOfTime) {
    const Truth& truth = referee_->truth();
    const std::uint64_t index = propose(tagged("wrong", 10), 10);  // block 1
    const std::uint64_t id = create(index, truth.block(10));       // block 2: the asserter's turn
    EXPECT_EQ(game(id).turn_started, 2u);
    EXPECT_EQ(game(id).clock, 5u);
    mine();  // block 3
    EXPECT_EQ(clock_left(game(id), GameParty::asserter, 3), 4u);
    EXPECT_EQ(clock_left(game(id), GameParty::challenger, 3), 5u);             // not its turn: not running
    ASSERT_TRUE(call(kProposer, BisectCall{id, tagged("wrong", 5)}).success);  // block 4
    mine();
    mine();
    ASSERT_TRUE(call(kChallenger, RespondCall{id, false}).success);  // block 7
    DisputeGame g = game(id);
    EXPECT_EQ(g.asserter_clock_used, 2u);
    EXPECT_EQ(g.challenger_clock_used, 3u);
    EXPECT_EQ(g.turn_started, 7u);
    EXPECT_EQ(turn(g), GameParty::asserter);

    // 3 blocks left: a move may land in blocks 8..10.
    while (stub_->head()->number < 10) mine();
    g = game(id);
    EXPECT_EQ(g.status, GameStatus::in_progress);
    EXPECT_EQ(clock_left(g, GameParty::asserter, 10), 0u);
    EXPECT_EQ(clock_left(g, GameParty::challenger, 10), 2u);

    // Block 11 is one too many: the game ends before the move, which fails.
    EXPECT_EQ(refused(kProposer, BisectCall{id, tagged("wrong", 2)}),
              "game 0 is over: challenger_won (clock)");
    g = game(id);
    EXPECT_EQ(g.status, GameStatus::challenger_won);
    EXPECT_EQ(g.end, GameEnd::clock);
    EXPECT_EQ(g.resolved_l1_block, 11u);
    EXPECT_EQ(g.asserter_clock_used, 5u);
    EXPECT_EQ(g.challenger_clock_used, 3u);
    EXPECT_EQ(g.moves.size(), 3u);
    EXPECT_EQ(output(index).status, OutputStatus::invalidated);
    EXPECT_EQ(credit(dev_address(kChallenger)), Uint256{2} * config_.min_bond);
    expect_factory_solvent();
}

TEST_F(DisputeClockTest, TheChallengerMaySpendItsWholeClockButNotMore) {
    const Truth& truth = referee_->truth();
    const std::uint64_t index = propose(truth.block(10), 10);              // block 1
    const std::uint64_t id = create(index, tagged("lie", 10));             // block 2
    ASSERT_TRUE(call(kProposer, BisectCall{id, truth.block(5)}).success);  // block 3
    // Respond in block 3 + 5: the challenger's clock ends at exactly 0.
    while (stub_->head()->number < 7) mine();
    ASSERT_TRUE(call(kChallenger, RespondCall{id, false}).success);  // block 8
    EXPECT_EQ(game(id).challenger_clock_used, 5u);
    ASSERT_TRUE(call(kProposer, BisectCall{id, truth.block(2)}).success);  // block 9
    EXPECT_EQ(game(id).asserter_clock_used, 2u);
    EXPECT_EQ(clock_left(game(id), GameParty::challenger, 9), 0u);
    // Any later block is too late for it.
    EXPECT_EQ(refused(kChallenger, RespondCall{id, false}), "game 0 is over: asserter_won (clock)");
    const DisputeGame g = game(id);
    EXPECT_EQ(g.resolved_l1_block, 10u);
    EXPECT_EQ(g.challenger_clock_used, 5u);
    EXPECT_EQ(credit(dev_address(kProposer)), config_.min_bond);
    EXPECT_EQ(output(index).status, OutputStatus::proposed);  // its window is still open
    expect_factory_solvent();
}

TEST_F(DisputeClockTest, AtAProofLeafTheChallengersClockRuns) {
    reconfigure(/*window=*/100, /*clock=*/12);
    const Truth& truth = referee_->truth();
    const std::uint64_t index = propose(truth.block(1), 1);
    const std::uint64_t id = create(index, tagged("lie", 1));  // one block: level 2 at once
    bisect_to_leaf(id, honest_asserter(),
                   [](const DisputeGame&, std::uint64_t, const Hash&) { return false; });
    DisputeGame g = game(id);
    ASSERT_TRUE(awaiting_proof(g));
    EXPECT_EQ(turn(g), GameParty::challenger);
    const std::uint64_t asserter_used = g.asserter_clock_used;
    // Nobody proves: the challenger, who disputes the step, runs out and loses.
    while (game(id).status == GameStatus::in_progress) mine();
    g = game(id);
    EXPECT_EQ(g.status, GameStatus::asserter_won);
    EXPECT_EQ(g.end, GameEnd::clock);
    EXPECT_EQ(g.challenger_clock_used, 12u);
    EXPECT_EQ(g.asserter_clock_used, asserter_used);
    EXPECT_EQ(g.resolved_l1_block, g.turn_started);
    EXPECT_EQ(credit(dev_address(kProposer)), config_.min_bond);
}

TEST_F(DisputeClockTest, AGameKeepsTheClockItWasCreatedWith) {
    const std::uint64_t index = propose(tagged("wrong", 10), 10);
    const std::uint64_t id = create(index, referee_->truth().block(10));
    reconfigure(/*window=*/100, /*clock=*/50);
    EXPECT_EQ(config_.game_clock, 50u);
    EXPECT_EQ(game(id).clock, 5u);
    for (int i = 0; i < 6; ++i) mine();
    EXPECT_EQ(game(id).status, GameStatus::challenger_won);
}

}  // namespace
}  // namespace optimist::l1::test
