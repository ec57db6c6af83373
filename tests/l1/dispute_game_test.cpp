// Whole dispute games on the stub against the fake referee: an honest challenger beats a
// lying asserter through all three levels, a lying challenger loses, several games run at
// once, and finalization waits for games and passes over invalidated proposals. Total ETH
// is conserved and the factory always holds exactly what it owes.
#include "dispute_test_util.hpp"

#include <gtest/gtest.h>

namespace optimist::l1::test {
namespace {

using DisputeGameTest = DisputeHarness;

TEST_F(DisputeGameTest, HonestChallengerBeatsALyingAsserter) {
    reconfigure(/*window=*/3, /*clock=*/40);
    const Truth& truth = referee_->truth();
    const LyingTrace lie{&truth, 7, 2, 5};
    const Uint256 total = total_eth();

    const Uint256 proposer_before = balance(dev_address(kProposer));
    const std::uint64_t wrong = propose(lie.wrong(1, 10), 10);
    const std::uint64_t later = propose(truth.block(20), 20);
    const std::uint64_t id = create(wrong, truth.block(10));
    DisputeGame g = game(id);
    EXPECT_EQ(g.asserter, dev_address(kProposer));
    EXPECT_EQ(g.challenger, dev_address(kChallenger));
    EXPECT_EQ(g.level, 1);
    EXPECT_EQ(g.anchor_block, 0u);
    EXPECT_EQ(g.lo, 0u);
    EXPECT_EQ(g.hi, 10u);
    EXPECT_EQ(g.lo_claim, truth.block(0));
    EXPECT_EQ(g.hi_claim, lie.wrong(1, 10));
    EXPECT_EQ(turn(g), GameParty::asserter);
    EXPECT_EQ(balance(config_.dispute_game_factory), config_.min_bond);

    bisect_to_leaf(
        id, [&](const DisputeGame& at, std::uint64_t mid) { return lie.at(at, mid); }, honest_challenger());
    g = game(id);
    // Bisection found the lie: block 7, transaction big step 2, step 5 -> 6.
    ASSERT_TRUE(awaiting_proof(g));
    EXPECT_EQ(g.level, 3);
    EXPECT_EQ(g.block, 7u);
    EXPECT_EQ(g.big_step, 2u);
    EXPECT_EQ(g.step_bits, truth.bits);
    EXPECT_EQ(g.lo, 5u);
    EXPECT_EQ(g.hi, 6u);
    EXPECT_EQ(g.lo_claim, truth.step(7, 2, 5));
    EXPECT_EQ(g.hi_claim, lie.wrong(3, 6));
    EXPECT_EQ(turn(g), GameParty::challenger);
    // The later proposal's window passed long ago, but it waits behind the disputed one.
    EXPECT_EQ(output(later).status, OutputStatus::proposed);
    EXPECT_EQ(output(wrong).status, OutputStatus::proposed);

    const L1Receipt proved = call(kChallenger, ProveStepCall{id, Bytes{'o', 'k'}});
    ASSERT_TRUE(proved.success) << proved.failure_reason;
    g = game(id);
    EXPECT_EQ(g.status, GameStatus::challenger_won);
    EXPECT_EQ(g.end, GameEnd::step_proof);
    EXPECT_EQ(g.resolved_l1_block, proved.block_number);
    EXPECT_EQ(g.moves.back().kind, MoveKind::prove);
    EXPECT_EQ(g.moves.back().claim, truth.step(7, 2, 6));
    EXPECT_EQ(g.moves.front().kind, MoveKind::create);
    EXPECT_EQ(referee_->last_l1_block.load(), proved.block_number - 1);  // the committed parent

    // The lie is invalidated and the later root finalizes past it, in the same block.
    EXPECT_EQ(output(wrong).status, OutputStatus::invalidated);
    EXPECT_EQ(output(later).status, OutputStatus::finalized);
    EXPECT_EQ(credit(dev_address(kChallenger)), Uint256{2} * config_.min_bond);
    EXPECT_TRUE(credit(dev_address(kProposer)).is_zero());
    EXPECT_TRUE(balance(config_.output_oracle).is_zero());
    expect_factory_solvent();

    const Uint256 challenger_before = balance(dev_address(kChallenger));
    const Hash claim = send(kChallenger, config_.dispute_game_factory, encode_game_call(ClaimCreditCall{}));
    mine();
    ASSERT_TRUE(receipt(claim).success) << receipt(claim).failure_reason;
    EXPECT_EQ(balance(dev_address(kChallenger)), challenger_before + Uint256{2} * config_.min_bond -
                                                     fee_of(encode_game_call(ClaimCreditCall{})));
    EXPECT_TRUE(credit(dev_address(kChallenger)).is_zero());
    EXPECT_TRUE(balance(config_.dispute_game_factory).is_zero());
    // The proposer lost one bond (the lie's) and got the later one back; it paid its fees.
    EXPECT_EQ(balance(dev_address(kProposer)),
              proposer_before - config_.min_bond - fees_paid(dev_address(kProposer)));
    EXPECT_EQ(total_eth(), total);

    // The game is over for every move.
    EXPECT_NE(refused(kChallenger, ProveStepCall{id, Bytes{'o', 'k'}}).find("game 0 is over: challenger_won"),
              std::string::npos);
}

TEST_F(DisputeGameTest, LyingChallengerLosesToAnHonestAsserter) {
    const Truth& truth = referee_->truth();
    const Uint256 total = total_eth();
    const std::uint64_t index = propose(truth.block(10), 10);
    const std::uint64_t id = create(index, tagged("lie", 10));
    // The challenger disputes every midpoint: bisection ends at the first block's setup step.
    bisect_to_leaf(id, honest_asserter(),
                   [](const DisputeGame&, std::uint64_t, const Hash&) { return false; });
    DisputeGame g = game(id);
    ASSERT_TRUE(awaiting_proof(g));
    EXPECT_EQ(g.level, 2);
    EXPECT_EQ(g.block, 1u);
    EXPECT_EQ(g.lo, 0u);
    EXPECT_EQ(g.hi, 1u);
    EXPECT_EQ(g.lo_claim, truth.block(0));
    EXPECT_EQ(g.hi_claim, truth.big_step(1, 1));

    // The asserter may prove it too, though the clock running is the challenger's.
    const L1Receipt proved = call(kProposer, ProveStepCall{id, Bytes{'o', 'k'}});
    ASSERT_TRUE(proved.success) << proved.failure_reason;
    g = game(id);
    EXPECT_EQ(g.status, GameStatus::asserter_won);
    EXPECT_EQ(g.end, GameEnd::step_proof);
    EXPECT_EQ(g.moves.back().party, GameParty::asserter);
    EXPECT_EQ(credit(dev_address(kProposer)), config_.min_bond);
    EXPECT_TRUE(credit(dev_address(kChallenger)).is_zero());
    expect_factory_solvent();

    // The root finalizes on its window, with its bond back to the proposer.
    while (output(index).status == OutputStatus::proposed) mine();
    EXPECT_EQ(stub_->head()->number, output(index).l1_block + config_.challenge_window);
    EXPECT_EQ(output(index).status, OutputStatus::finalized);
    EXPECT_TRUE(balance(config_.output_oracle).is_zero());
    EXPECT_EQ(total_eth(), total);
}

TEST_F(DisputeGameTest, FinalizationWaitsForTheGameAndLaterProposalsWaitInOrder) {
    reconfigure(/*window=*/3, /*clock=*/6);
    const Truth& truth = referee_->truth();
    const std::uint64_t first = propose(truth.block(10), 10);
    const std::uint64_t second = propose(truth.block(20), 20);
    const std::uint64_t id = create(first, tagged("lie", 10));
    ASSERT_TRUE(call(kProposer, BisectCall{id, truth.block(5)}).success);
    // The challenger never answers; both windows pass while the game holds the first root.
    const std::uint64_t answer_due = game(id).turn_started + game(id).clock;  // its last chance
    while (stub_->head()->number < answer_due) {
        mine();
        EXPECT_EQ(output(first).status, OutputStatus::proposed);
        EXPECT_EQ(output(second).status, OutputStatus::proposed);
    }
    // The challenger's clock runs out in the next block, which finalizes both roots in order.
    const std::uint64_t resolved = mine();
    EXPECT_EQ(game(id).status, GameStatus::asserter_won);
    EXPECT_EQ(game(id).end, GameEnd::clock);
    EXPECT_EQ(game(id).resolved_l1_block, resolved);
    EXPECT_EQ(output(first).status, OutputStatus::finalized);
    EXPECT_EQ(output(second).status, OutputStatus::finalized);
    EXPECT_TRUE(balance(config_.output_oracle).is_zero());
    expect_factory_solvent();
}

TEST_F(DisputeGameTest, ConcurrentGamesAndTheFirstWinClosesTheOthers) {
    // Game c waits while game a is played: a clock long enough for both.
    reconfigure(/*window=*/100, /*clock=*/80);
    const Truth& truth = referee_->truth();
    const LyingTrace lie{&truth, 3, 4, 9};
    const Uint256 total = total_eth();
    const std::uint64_t wrong = propose(lie.wrong(1, 10), 10);
    const std::uint64_t right = propose(truth.block(20), 20);

    const std::uint64_t a = create(wrong, truth.block(10), kChallenger);
    const std::uint64_t b = create(wrong, truth.block(10), kChallenger2);
    const std::uint64_t c = create(right, tagged("lie", 20), kChallenger);
    EXPECT_EQ((std::vector<std::uint64_t>{a, b, c}), (std::vector<std::uint64_t>{0, 1, 2}));
    // One open game per proposal and challenger.
    EXPECT_EQ(refused(kChallenger, CreateGameCall{wrong, truth.block(10)}, config_.min_bond),
              "game 0 over output proposal 0 by this challenger is still open");
    EXPECT_EQ(balance(config_.dispute_game_factory), Uint256{3} * config_.min_bond);
    // The anchor of the game over block 20 is genesis: nothing has finalized.
    EXPECT_EQ(game(c).anchor_block, 0u);

    // Interleave: game b makes progress, then game a runs to its proof.
    ASSERT_TRUE(call(kProposer, BisectCall{b, lie.at(game(b), 5)}).success);
    ASSERT_TRUE(call(kChallenger2, RespondCall{b, false}).success);
    bisect_to_leaf(
        a, [&](const DisputeGame& at, std::uint64_t mid) { return lie.at(at, mid); }, honest_challenger());
    ASSERT_TRUE(call(kChallenger, ProveStepCall{a, Bytes{1}}).success);

    EXPECT_EQ(game(a).status, GameStatus::challenger_won);
    EXPECT_EQ(game(b).status, GameStatus::closed);
    EXPECT_EQ(game(b).end, GameEnd::proposal_invalidated);
    EXPECT_EQ(game(b).resolved_l1_block, game(a).resolved_l1_block);
    EXPECT_EQ(game(c).status, GameStatus::in_progress);
    EXPECT_EQ(output(wrong).status, OutputStatus::invalidated);
    EXPECT_EQ(credit(dev_address(kChallenger)), Uint256{2} * config_.min_bond);
    EXPECT_EQ(credit(dev_address(kChallenger2)), config_.min_bond);  // its bond back, nothing more
    expect_factory_solvent();

    // Game c: the same challenger lies about block 20 and loses on the asserter's proof.
    bisect_to_leaf(c, honest_asserter(),
                   [](const DisputeGame&, std::uint64_t, const Hash&) { return false; });
    ASSERT_TRUE(call(kProposer, ProveStepCall{c, Bytes{1}}).success);
    EXPECT_EQ(game(c).status, GameStatus::asserter_won);
    EXPECT_EQ(credit(dev_address(kProposer)), config_.min_bond);
    EXPECT_EQ(credit(dev_address(kChallenger)), Uint256{2} * config_.min_bond);
    expect_factory_solvent();
    EXPECT_EQ(total_eth(), total);
}

TEST_F(DisputeGameTest, AnchorIsTheNewestFinalizedProposal) {
    reconfigure(/*window=*/2, /*clock=*/40);
    const Truth& truth = referee_->truth();
    const std::uint64_t settled = propose(truth.block(4), 4);
    mine();
    mine();
    ASSERT_EQ(output(settled).status, OutputStatus::finalized);
    const std::uint64_t next = propose(tagged("wrong", 9), 9);
    const std::uint64_t id = create(next, truth.block(9));
    const DisputeGame g = game(id);
    EXPECT_EQ(g.anchor_block, 4u);
    EXPECT_EQ(g.lo, 4u);
    EXPECT_EQ(g.lo_claim, truth.block(4));
    EXPECT_EQ(g.hi, 9u);
}

TEST_F(DisputeGameTest, AnUnderivableBlockLosesForTheAsserter) {
    referee_ = std::make_shared<FakeReferee>(Truth{4, 4, /*derivable=*/5});
    open();
    const Truth& truth = referee_->truth();
    // The proposer claims block 8 exists; the L1 data derives blocks up to 5.
    const std::uint64_t index = propose(tagged("future", 8), 8);
    const std::uint64_t id = create(index, tagged("none", 8));
    const LyingTrace lie{&truth, 6, 0, 0};
    bisect_to_leaf(
        id, [&](const DisputeGame& g, std::uint64_t mid) { return lie.at(g, mid); }, honest_challenger());
    const DisputeGame g = game(id);
    EXPECT_EQ(g.status, GameStatus::challenger_won);
    EXPECT_EQ(g.end, GameEnd::underivable_block);
    EXPECT_EQ(g.lo, 5u);
    EXPECT_EQ(g.hi, 6u);
    EXPECT_EQ(output(index).status, OutputStatus::invalidated);
}

TEST_F(DisputeGameTest, AGenesisRootIsDecidedAtCreation) {
    const Truth& truth = referee_->truth();
    const std::uint64_t index = propose(tagged("bad genesis", 0), 0);
    const std::uint64_t id = create(index, truth.block(0));
    const DisputeGame g = game(id);
    EXPECT_EQ(g.status, GameStatus::challenger_won);
    EXPECT_EQ(g.end, GameEnd::genesis);
    EXPECT_EQ(g.resolved_l1_block, g.created_l1_block);
    EXPECT_EQ(output(index).status, OutputStatus::invalidated);
    expect_factory_solvent();
}

TEST_F(DisputeGameTest, AOneBlockRangeDescendsAtCreation) {
    const Truth& truth = referee_->truth();
    const std::uint64_t index = propose(tagged("wrong", 1), 1);
    const std::uint64_t id = create(index, truth.block(1));
    const DisputeGame g = game(id);
    EXPECT_EQ(g.status, GameStatus::in_progress);
    EXPECT_EQ(g.level, 2);
    EXPECT_EQ(g.block, 1u);
    EXPECT_EQ(g.lo, 0u);
    EXPECT_EQ(g.hi, truth.big_steps());
    EXPECT_EQ(turn(g), GameParty::asserter);
}

}  // namespace
}  // namespace optimist::l1::test
