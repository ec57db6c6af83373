// What the factory refuses, each with its receipt's reason, leaving the game and every
// balance as they were: createGame's checks, moves out of turn, by strangers or after the
// end, proofs at the wrong time or invalid, value sent with a move, bad calldata.
#include "dispute_test_util.hpp"

#include <gtest/gtest.h>

namespace optimist::l1::test {
namespace {

using DisputeRulesTest = DisputeHarness;
constexpr std::size_t kStranger = 2;

TEST_F(DisputeRulesTest, CreateGameChecks) {
    reconfigure(/*window=*/8, /*clock=*/40);
    const Truth& truth = referee_->truth();
    const std::uint64_t index = propose(tagged("wrong", 10), 10);
    ASSERT_EQ(output(index).l1_block, 1u);
    const Uint256 bond = config_.min_bond;

    EXPECT_EQ(refused(kChallenger, CreateGameCall{index, truth.block(10)}, bond - Uint256{1}),
              "bond below minimum: " + to_string(bond - Uint256{1}) + " < " + to_string(bond) + " wei");
    EXPECT_EQ(refused(kChallenger, CreateGameCall{5, truth.block(10)}, bond), "no output proposal 5");
    EXPECT_EQ(refused(kChallenger, CreateGameCall{index, tagged("wrong", 10)}, bond),
              "claim equals the proposed output root");
    EXPECT_EQ(refused(kProposer, CreateGameCall{index, truth.block(10)}, bond),
              "the proposer cannot dispute its own output root");
    // A failed createGame keeps the bond with the sender.
    EXPECT_TRUE(balance(config_.dispute_game_factory).is_zero());
    EXPECT_TRUE(stub_->games(0, 10)->empty());

    // Proposed in L1 block 1 with a window of 8: disputable in blocks up to 8. Block 9 is past
    // the window (and finalizes the root after its transactions).
    while (stub_->head()->number < 8) mine();
    EXPECT_EQ(
        refused(kChallenger, CreateGameCall{index, truth.block(10)}, bond),
        "the challenge window of output proposal 0 has passed (proposed in L1 block 1, window 8 blocks)");
    EXPECT_EQ(refused(kChallenger, CreateGameCall{index, truth.block(10)}, bond),
              "output proposal 0 is finalized");

    const std::uint64_t lost = propose(tagged("wrong", 12), 12);
    const std::uint64_t id = create(lost, truth.block(12));
    ASSERT_TRUE(call(kProposer, BisectCall{id, tagged("wrong", 11)}).success);
    ASSERT_TRUE(call(kChallenger, RespondCall{id, false}).success);
    // Let the asserter's clock run out: the proposal is invalidated.
    while (game(id).status == GameStatus::in_progress) mine();
    EXPECT_EQ(output(lost).status, OutputStatus::invalidated);
    EXPECT_EQ(refused(kStranger, CreateGameCall{lost, truth.block(12)}, bond),
              "output proposal 1 is already invalidated");
}

TEST_F(DisputeRulesTest, GamesNeedAReferee) {
    referee_ = nullptr;
    TempDir dir;
    L1StubConfig c = stub_config(dir);
    c.l1.l2_genesis_output = tagged("block", 0);
    auto stub = L1Stub::open(c);
    ASSERT_TRUE(stub) << stub.error();
    stub_ = std::move(*stub);
    propose(tagged("wrong", 3), 3);
    EXPECT_EQ(refused(kChallenger, CreateGameCall{0, tagged("block", 3)}, config_.min_bond),
              "dispute games disabled (no referee)");
}

TEST_F(DisputeRulesTest, GamesNeedTheGenesisOutputBeforeAnythingFinalizes) {
    TempDir dir;
    L1StubConfig c = stub_config(dir);
    c.referee = referee_;
    auto stub = L1Stub::open(c);
    ASSERT_TRUE(stub) << stub.error();
    stub_ = std::move(*stub);
    propose(tagged("wrong", 3), 3);
    EXPECT_EQ(refused(kChallenger, CreateGameCall{0, tagged("block", 3)}, config_.min_bond),
              "the L2 genesis output root is not configured (l2_genesis_output)");
}

TEST_F(DisputeRulesTest, MovesOutOfTurnByStrangersOrAfterTheEndAreRefused) {
    const Truth& truth = referee_->truth();
    const std::uint64_t index = propose(tagged("wrong", 10), 10);
    const std::uint64_t id = create(index, truth.block(10));
    const DisputeGame start = game(id);

    EXPECT_EQ(refused(kChallenger, BisectCall{id, truth.block(5)}), "only the asserter may bisect in game 0");
    EXPECT_EQ(refused(kStranger, BisectCall{id, truth.block(5)}),
              "only the asserter and the challenger may move in game 0");
    EXPECT_EQ(refused(kChallenger, RespondCall{id, true}),
              "game 0 has no midpoint to answer (level 1, range [0, 10])");
    EXPECT_EQ(refused(kProposer, RespondCall{id, true}), "only the challenger may respond in game 0");
    EXPECT_EQ(refused(kChallenger, ProveStepCall{id, Bytes{1}}),
              "no step to prove: game 0 is bisecting (level 1, range [0, 10])");
    EXPECT_EQ(refused(kStranger, ProveStepCall{id, Bytes{1}}),
              "only the asserter and the challenger may move in game 0");
    EXPECT_EQ(refused(kChallenger, BisectCall{7, truth.block(5)}), "no game 7");
    // Refusals change nothing but the clock that keeps running.
    DisputeGame now = game(id);
    EXPECT_EQ(now.moves, start.moves);
    EXPECT_EQ(now.asserter_clock_used, 0u);

    ASSERT_TRUE(call(kProposer, BisectCall{id, truth.block(5)}).success);
    EXPECT_EQ(refused(kProposer, BisectCall{id, truth.block(5)}),
              "not the asserter's turn in game 0 (level 1, range [0, 10], a midpoint awaits the challenger)");
    EXPECT_EQ(refused(kStranger, RespondCall{id, true}),
              "only the asserter and the challenger may move in game 0");
    ASSERT_TRUE(call(kChallenger, RespondCall{id, true}).success);
    now = game(id);
    EXPECT_EQ(now.lo, 5u);
    EXPECT_EQ(now.lo_claim, truth.block(5));
    EXPECT_EQ(now.moves.size(), 3u);
    EXPECT_EQ(now.moves[2], (GameMove{now.moves[2].l1_block, GameParty::challenger, MoveKind::respond, 1, 5,
                                      Hash{}, true}));

    // Value with a move is refused, as by a contract without payable functions.
    EXPECT_EQ(refused(kProposer, BisectCall{id, truth.block(7)}, Uint256{1}), "function is not payable");
    EXPECT_EQ(refused(kProposer, ClaimCreditCall{}), "no credit to claim");
}

TEST_F(DisputeRulesTest, ProofsMustBeValidAndAtALeaf) {
    const Truth& truth = referee_->truth();
    const LyingTrace lie{&truth, 2, 1, 3};
    const std::uint64_t index = propose(lie.wrong(1, 4), 4);
    const std::uint64_t id = create(index, truth.block(4));
    bisect_to_leaf(
        id, [&](const DisputeGame& g, std::uint64_t mid) { return lie.at(g, mid); }, honest_challenger());
    const DisputeGame leaf = game(id);
    ASSERT_TRUE(awaiting_proof(leaf));
    EXPECT_EQ(refused(kProposer, BisectCall{id, truth.block(1)}),
              "game 0 is at a leaf (level 3, range [3, 4]): only a one-step proof decides it");
    EXPECT_EQ(refused(kChallenger, RespondCall{id, true}),
              "game 0 has no midpoint to answer (level 3, range [3, 4])");

    // An invalid proof fails with the referee's reason and leaves the game as it was.
    EXPECT_EQ(refused(kChallenger, ProveStepCall{id, Bytes{'b', 'a', 'd'}}),
              "invalid proof: malformed proof");
    EXPECT_EQ(refused(kChallenger, ProveStepCall{id, Bytes{}}), "invalid proof: malformed proof");
    referee_->throw_on_verify = true;
    EXPECT_EQ(refused(kChallenger, ProveStepCall{id, Bytes{1}}), "referee failed: boom");
    referee_->throw_on_verify = false;
    DisputeGame after = game(id);
    EXPECT_EQ(after.moves, leaf.moves);
    EXPECT_EQ(after.status, GameStatus::in_progress);
    EXPECT_TRUE(balance(config_.dispute_game_factory) == config_.min_bond);

    ASSERT_TRUE(call(kChallenger, ProveStepCall{id, Bytes{1}}).success);
    EXPECT_EQ(game(id).status, GameStatus::challenger_won);
}

TEST_F(DisputeRulesTest, BadCalldataFailsCleanly) {
    const Address factory = config_.dispute_game_factory;
    const Hash empty = send(kChallenger, factory, {}, config_.min_bond);
    const Hash unknown = send(kChallenger, factory, {0xde, 0xad, 0xbe, 0xef});
    Bytes truncated = encode_game_call(BisectCall{0, Hash{}});
    truncated.pop_back();
    const Hash short_call = send(kChallenger, factory, truncated);
    mine();
    EXPECT_EQ(receipt(empty).failure_reason,
              "invalid calldata: calldata is 0 bytes, shorter than a selector");
    EXPECT_EQ(receipt(unknown).failure_reason, "invalid calldata: unknown function selector 0xdeadbeef");
    EXPECT_EQ(receipt(short_call).failure_reason, "invalid calldata: bisect: calldata is 67 bytes, want 68");
    EXPECT_TRUE(balance(factory).is_zero());
}

TEST_F(DisputeRulesTest, TheRefereeReadsTheCommittedInboxWhileTheStubBuilds) {
    // The referee reads through the stub's InboxReader from inside block building: no
    // deadlock, and everything up to the block it is asked about is there.
    referee_->inbox = stub_->inbox_reader();
    send(kStranger, config_.batch_inbox, {1, 2, 3});
    send(kStranger, config_.batch_inbox, {4});
    mine();
    const std::uint64_t index = propose(tagged("wrong", 1), 1);
    const std::uint64_t id = create(index, tagged("block", 1));  // a one-block range: big_steps at creation
    EXPECT_EQ(game(id).level, 2);
    EXPECT_EQ(referee_->last_l1_block.load(), game(id).created_l1_block - 1);
    EXPECT_EQ(referee_->inbox_seen.load(), 2u);
    referee_->inbox = nullptr;
}

TEST_F(DisputeRulesTest, ALateRefereeCanBeSet) {
    referee_ = nullptr;
    open();
    const std::uint64_t index = propose(tagged("wrong", 1), 1);
    EXPECT_EQ(refused(kChallenger, CreateGameCall{index, tagged("block", 1)}, config_.min_bond),
              "dispute games disabled (no referee)");
    auto referee = std::make_shared<FakeReferee>();
    referee->inbox = stub_->inbox_reader();
    stub_->set_referee(referee);
    const std::uint64_t id = create(index, tagged("block", 1));
    EXPECT_EQ(game(id).level, 2);
    // The reader outlives the stub without keeping its database open.
    auto reader = stub_->inbox_reader();
    stub_.reset();
    EXPECT_EQ(reader->batches(0, 10).error().kind, L1ErrorKind::unavailable);
    EXPECT_TRUE(L1Stub::open(make_config()));
}

}  // namespace
}  // namespace optimist::l1::test
