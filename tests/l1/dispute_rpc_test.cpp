// optimist_l1Games, optimist_l1Game and optimist_l1Credit served over loopback and read
// through L1RpcClient: every answer equals the stub's own.
#include "dispute_test_util.hpp"
#include "served_l1.hpp"

#include <optimist/l1/rpc_api.hpp>
#include <optimist/l1/rpc_client.hpp>
#include <optimist/rpc/dispatcher.hpp>
#include <optimist/rpc/http_client.hpp>
#include <optimist/rpc/http_server.hpp>
#include <optimist/rpc/params.hpp>

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

namespace optimist::l1::test {
namespace {

using nlohmann::json;

class DisputeRpcTest : public DisputeHarness {
protected:
    void SetUp() override {
        DisputeHarness::SetUp();
        served_.start(*stub_);
    }

    ServedL1 served_;
};

TEST_F(DisputeRpcTest, ClientReadsGamesAndCreditsAsTheStub) {
    const Truth& truth = referee_->truth();
    const LyingTrace lie{&truth, 2, 1, 3};
    const std::uint64_t wrong = propose(lie.wrong(1, 4), 4);
    const std::uint64_t a = create(wrong, truth.block(4));
    const std::uint64_t b = create(wrong, truth.block(4), kChallenger2);
    ASSERT_TRUE(call(kProposer, BisectCall{b, lie.at(game(b), 2)}).success);  // a pending midpoint

    L1& remote = served_.client();
    L1& local = *stub_;
    EXPECT_EQ(*remote.config(), *local.config());
    EXPECT_EQ(remote.config()->dispute_game_factory, config_.dispute_game_factory);
    EXPECT_EQ(*remote.games(0, 10), *local.games(0, 10));
    EXPECT_EQ(remote.games(0, 10)->size(), 2u);
    EXPECT_EQ(*remote.games(1, 1), *local.games(1, 1));
    EXPECT_TRUE(remote.games(5, 10)->empty());
    EXPECT_EQ(*remote.game(b), *local.game(b));
    EXPECT_TRUE((*remote.game(b))->mid_claim);
    EXPECT_FALSE(*remote.game(9));

    bisect_to_leaf(
        a, [&](const DisputeGame& g, std::uint64_t mid) { return lie.at(g, mid); }, honest_challenger());
    ASSERT_TRUE(call(kChallenger, ProveStepCall{a, Bytes{1}}).success);
    EXPECT_EQ(*remote.games(0, 10), *local.games(0, 10));
    EXPECT_EQ((*remote.game(a))->status, GameStatus::challenger_won);
    EXPECT_EQ((*remote.game(b))->status, GameStatus::closed);
    EXPECT_EQ((*remote.game(a))->level, 3);
    for (std::size_t i = 0; i < 3; ++i)
        EXPECT_EQ(*remote.credit(dev_address(i)), *local.credit(dev_address(i)));
    EXPECT_EQ(*remote.credit(dev_address(kChallenger)), Uint256{2} * config_.min_bond);
    EXPECT_EQ(*remote.outputs(0, 10), *local.outputs(0, 10));
    EXPECT_EQ((*remote.outputs(0, 10))[0].status, OutputStatus::invalidated);
    EXPECT_EQ(remote.games(0, kMaxGamesCount + 1).error().kind, L1ErrorKind::rejected);
}

TEST_F(DisputeRpcTest, GameJsonCarriesTheTurnAndClocksAtTheHead) {
    const std::uint64_t index = propose(tagged("wrong", 6), 6);
    const std::uint64_t id = create(index, referee_->truth().block(6));
    mine();
    rpc::HttpClient raw(served_.url());
    auto g = raw.call("optimist_l1Game", json::array({rpc::format_quantity(id)}));
    ASSERT_TRUE(g) << g.error().message;
    EXPECT_EQ((*g)["status"], "in_progress");
    EXPECT_EQ((*g)["turn"], "asserter");
    EXPECT_EQ((*g)["awaitingProof"], false);
    EXPECT_EQ((*g)["asserterClockLeft"], rpc::format_quantity(config_.game_clock - 1));
    EXPECT_EQ((*g)["challengerClockLeft"], rpc::format_quantity(config_.game_clock));
    EXPECT_TRUE((*g)["midClaim"].is_null());
    EXPECT_EQ((*g)["moves"][0]["kind"], "create");
    EXPECT_EQ((*g)["moves"][0]["party"], "challenger");
    auto credit = raw.call("optimist_l1Credit", json::array({rpc::format_address(dev_address(1))}));
    ASSERT_TRUE(credit);
    EXPECT_EQ(*credit, "0x0");
    auto bad = raw.call("optimist_l1Game", json::array({"zz"}));
    ASSERT_FALSE(bad);
    EXPECT_EQ(bad.error().code, rpc::kInvalidParams);
    auto config = raw.call("optimist_l1Config");
    ASSERT_TRUE(config);
    EXPECT_EQ((*config)["disputeGameFactory"], rpc::format_address(config_.dispute_game_factory));
    EXPECT_EQ(to_hex(config_.dispute_game_factory), "0xdd00000000000000000000000000000000000901");
    EXPECT_EQ((*config)["gameClock"], rpc::format_quantity(config_.game_clock));
}

}  // namespace
}  // namespace optimist::l1::test
