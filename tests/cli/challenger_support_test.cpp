// optimist-challenger's helpers: keys with the dev:N shorthand, the remaining-work estimate of
// a game, and the bonds an address won and lost.
#include <optimist/core/hex.hpp>
#include <optimist/sequencer/dev_accounts.hpp>

#include <gtest/gtest.h>

#include <challenger_support.hpp>

namespace optimist::challenger {
namespace {

TEST(ParseKey, DevShorthandAndHex) {
    auto k7 = parse_key("dev:7");
    ASSERT_TRUE(k7) << k7.error();
    EXPECT_EQ(*k7, sequencer::dev_private_key(7));
    EXPECT_EQ(*key_address(*k7), sequencer::dev_address(7));
    auto hex = parse_key(std::string(sequencer::kDevAccounts[3].private_key));
    ASSERT_TRUE(hex);
    EXPECT_EQ(*hex, sequencer::dev_private_key(3));
    for (const char* bad :
         {"dev:", "dev:10", "dev:-1", "dev:7x", "dev: 7", "0x1234", "", "dev:99999999999"}) {
        EXPECT_FALSE(parse_key(bad)) << bad;
    }
    // Zero is not a valid secp256k1 key.
    EXPECT_FALSE(parse_key("0x" + std::string(64, '0')));
}

TEST(Estimate, CeilLog2) {
    EXPECT_EQ(ceil_log2(0), 0U);
    EXPECT_EQ(ceil_log2(1), 0U);
    EXPECT_EQ(ceil_log2(2), 1U);
    EXPECT_EQ(ceil_log2(3), 2U);
    EXPECT_EQ(ceil_log2(4), 2U);
    EXPECT_EQ(ceil_log2(5), 3U);
    EXPECT_EQ(ceil_log2(std::uint64_t{1} << 40), 40U);
    EXPECT_EQ(ceil_log2((std::uint64_t{1} << 40) + 1), 41U);
}

l1::DisputeGame game(std::uint8_t level, std::uint64_t lo, std::uint64_t hi) {
    l1::DisputeGame g;
    g.level = level;
    g.lo = lo;
    g.hi = hi;
    return g;
}

TEST(Estimate, CountsTheLevelsBelow) {
    // Level 3, a range of 2^17: 17 bisections, two moves each, then the proof.
    auto r = estimate_remaining(game(3, 0, std::uint64_t{1} << 17), {});
    EXPECT_EQ(r.bisections, 17U);
    EXPECT_EQ(r.moves, 35U);
    EXPECT_TRUE(r.upper_bound);
    // A midpoint already bisected: only its answer is left of that round.
    auto g = game(3, 0, 8);
    g.mid_claim = Hash{};
    EXPECT_EQ(estimate_remaining(g, {}).moves, 6U);
    // Level 2 of a block with 3 transactions (range 5) above 17-bit transactions.
    r = estimate_remaining(game(2, 0, 5), LevelsBelow{5, 17});
    EXPECT_EQ(r.bisections, 3U + 17U);
    // Level 1 over 10 blocks, the block below having 2 transactions of up to 18 bits.
    r = estimate_remaining(game(1, 0, 10), LevelsBelow{4, 18});
    EXPECT_EQ(r.bisections, 4U + 2U + 18U);
    EXPECT_TRUE(r.upper_bound);
    // Unknown levels below: a lower bound.
    r = estimate_remaining(game(1, 0, 10), {});
    EXPECT_EQ(r.bisections, 4U);
    EXPECT_FALSE(r.upper_bound);
    EXPECT_NE(describe_remaining(r).find("at least 4"), std::string::npos);
    // A proof leaf; an ended game.
    r = estimate_remaining(game(3, 6, 7), {});
    EXPECT_EQ(r.bisections, 0U);
    EXPECT_EQ(r.moves, 1U);
    g = game(3, 6, 7);
    g.status = l1::GameStatus::challenger_won;
    EXPECT_EQ(estimate_remaining(g, {}).moves, 0U);
}

TEST(Credits, WonLostAtStakeRefunded) {
    const Address me = sequencer::dev_address(7);
    const Address proposer = sequencer::dev_address(9);
    const Address other = sequencer::dev_address(5);
    auto make = [&](std::uint64_t id, const Address& asserter, const Address& challenger,
                    l1::GameStatus status) {
        l1::DisputeGame g;
        g.id = id;
        g.asserter = asserter;
        g.challenger = challenger;
        g.status = status;
        g.proposal_bond = Uint256{100};
        g.challenger_bond = Uint256{30};
        return g;
    };
    const std::vector<l1::DisputeGame> games = {
        make(0, proposer, me, l1::GameStatus::challenger_won),     // won the proposal's bond
        make(1, proposer, me, l1::GameStatus::asserter_won),       // lost its own bond
        make(2, proposer, me, l1::GameStatus::closed),             // bond back
        make(3, proposer, me, l1::GameStatus::in_progress),        // at stake
        make(4, me, other, l1::GameStatus::asserter_won),          // defended its proposal: won their bond
        make(5, proposer, other, l1::GameStatus::challenger_won),  // not a party
    };
    const CreditSummary s = summarize_credits(games, me);
    ASSERT_EQ(s.rows.size(), 5U);
    EXPECT_EQ(s.won, Uint256{130});
    EXPECT_EQ(s.lost, Uint256{30});
    EXPECT_EQ(s.refunded, Uint256{30});
    EXPECT_EQ(s.at_stake, Uint256{30});
    EXPECT_EQ(s.games_won, 2U);
    EXPECT_EQ(s.games_lost, 1U);
    EXPECT_EQ(s.closed, 1U);
    EXPECT_EQ(s.in_progress, 1U);
    EXPECT_EQ(s.rows[4].role, l1::GameParty::asserter);
    EXPECT_EQ(s.rows[4].won, Uint256{30});
}

TEST(GameJson, CarriesTheWinnerAndMoves) {
    l1::DisputeGame g;
    g.id = 4;
    g.status = l1::GameStatus::challenger_won;
    g.end = l1::GameEnd::step_proof;
    g.moves.push_back({10, l1::GameParty::challenger, l1::MoveKind::create, 1, 5, Hash{}, false});
    g.moves.push_back({12, l1::GameParty::challenger, l1::MoveKind::respond, 3, 8, Hash{}, true});
    const auto j = game_to_json(g, 20, true);
    EXPECT_EQ(j["id"], 4);
    EXPECT_EQ(j["status"], "challenger_won");
    EXPECT_EQ(j["end"], "step_proof");
    EXPECT_EQ(j["winner"], "challenger");
    ASSERT_EQ(j["moves"].size(), 2U);
    EXPECT_EQ(j["moves"][1]["agree"], true);
    EXPECT_TRUE(j["moves"][1]["claim"].is_null());
    EXPECT_FALSE(game_to_json(g, 20, false).contains("moves"));
    EXPECT_NE(format_game(g, 20).find("agree"), std::string::npos);
}

}  // namespace
}  // namespace optimist::challenger
