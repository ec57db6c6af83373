#include "dispute_factory.hpp"

#include <optimist/l1/dispute_game_abi.hpp>

#include <variant>

namespace optimist::l1 {
namespace {

using Failure = std::optional<std::string>;

// Moves the bonds of a game that just ended. A lost proposal is invalidated, and every other
// game over it closes with its challenger's bond refunded: the root is settled, and the
// proposer's bond can be won only once.
void settle(BlockState& s, std::uint64_t id) {
    const L1Config& config = s.config();
    DisputeGame& g = s.mutable_game(id);
    if (g.status == GameStatus::asserter_won) {
        s.add_credit(g.asserter, g.challenger_bond);
        return;
    }
    if (g.status != GameStatus::challenger_won) return;
    OutputProposal& p = s.mutable_proposal(g.output_index);
    p.status = OutputStatus::invalidated;
    s.transfer(config.output_oracle, config.dispute_game_factory, p.bond);
    s.add_credit(g.challenger, p.bond + g.challenger_bond);
    for (const auto other : s.open_games()) {
        DisputeGame& o = s.mutable_game(other);
        if (o.output_index != g.output_index) continue;
        finish_game(o, GameStatus::closed, GameEnd::proposal_invalidated, s.number());
        s.add_credit(o.challenger, o.challenger_bond);
    }
}

// The agreed start of a dispute over `disputed`: the newest finalized proposal below it
// (every earlier root is settled), else L2 genesis. nullopt when genesis is needed but
// its root is not configured.
struct Anchor {
    std::uint64_t l2_block = 0;
    Hash root;
};
std::optional<Anchor> anchor_for(const BlockState& s, std::uint64_t disputed) {
    for (std::uint64_t i = disputed; i-- > 0;) {
        const OutputProposal& p = s.proposal(i);
        if (p.status == OutputStatus::finalized) return Anchor{p.l2_block, p.output_root};
    }
    if (s.config().l2_genesis_output.is_zero()) return std::nullopt;
    return Anchor{0, s.config().l2_genesis_output};
}

const std::string kNoGenesis = "the L2 genesis output root is not configured (l2_genesis_output)";

Failure create_game(BlockState& s, const MoveContext& ctx, const Address& sender, const Uint256& bond,
                    const CreateGameCall& call) {
    const L1Config& config = s.config();
    const std::string name = "output proposal " + std::to_string(call.output_index);
    if (!ctx.referee) return std::string(kNoReferee);
    if (bond < config.min_bond)
        return "bond below minimum: " + to_string(bond) + " < " + to_string(config.min_bond) + " wei";
    if (call.output_index >= s.proposal_count()) return "no " + name;
    const OutputProposal p = s.proposal(call.output_index);
    if (p.status == OutputStatus::finalized) return name + " is finalized";
    if (p.status == OutputStatus::invalidated) return name + " is already invalidated";
    if (window_passed(p.l1_block, s.number(), config.challenge_window))
        return "the challenge window of " + name + " has passed (proposed in L1 block " +
               std::to_string(p.l1_block) + ", window " + std::to_string(config.challenge_window) +
               " blocks)";
    if (sender == p.proposer) return "the proposer cannot dispute its own output root";
    if (call.claim == p.output_root) return "claim equals the proposed output root";
    for (const auto id : s.open_games()) {
        const DisputeGame& o = s.game(id);
        if (o.output_index == call.output_index && o.challenger == sender)
            return "game " + std::to_string(id) + " over " + name + " by this challenger is still open";
    }

    DisputeGame g;
    g.output_index = p.index;
    g.l2_block = p.l2_block;
    g.disputed_root = p.output_root;
    g.claim = call.claim;
    g.asserter = p.proposer;
    g.challenger = sender;
    g.proposal_bond = p.bond;
    g.challenger_bond = bond;
    g.clock = config.game_clock;
    g.turn_started = s.number();
    g.created_l1_block = s.number();
    g.moves.push_back(
        {s.number(), GameParty::challenger, MoveKind::create, 1, p.l2_block, call.claim, false});
    g.lo = 0;
    g.hi = p.l2_block;
    g.hi_claim = p.output_root;
    if (p.l2_block == 0) {
        // Nothing to bisect: block 0's root is configuration.
        if (config.l2_genesis_output.is_zero()) return kNoGenesis;
        g.lo_claim = config.l2_genesis_output;
        const bool asserter_right = p.output_root == config.l2_genesis_output;
        finish_game(g, asserter_right ? GameStatus::asserter_won : GameStatus::challenger_won,
                    GameEnd::genesis, s.number());
    } else {
        const auto anchor = anchor_for(s, p.index);
        if (!anchor) return kNoGenesis;
        g.anchor_block = anchor->l2_block;
        g.lo = anchor->l2_block;
        g.lo_claim = anchor->root;
        if (auto started = start_game(g, ctx); !started) return started.error();
    }
    const std::uint64_t id = s.add_game(std::move(g)).id;
    settle(s, id);
    return std::nullopt;
}

// bisect, respond, proveStep: `move` applies the call to a copy of the game, which replaces
// the stored one only when the move is accepted.
template <typename Move>
Failure play(BlockState& s, std::uint64_t id, Move&& move) {
    if (id >= s.game_count()) return "no game " + std::to_string(id);
    DisputeGame g = s.game(id);
    if (auto r = move(g); !r) return r.error();
    const bool over = g.status != GameStatus::in_progress;
    s.mutable_game(id) = std::move(g);
    if (over) settle(s, id);
    return std::nullopt;
}

Failure claim_credit(BlockState& s, const Address& sender) {
    const Uint256 owed = s.credit(sender);
    if (owed.is_zero()) return std::string("no credit to claim");
    s.set_credit(sender, Uint256{});
    s.transfer(s.config().dispute_game_factory, sender, owed);
    return std::nullopt;
}

}  // namespace

std::optional<std::string> apply_factory_call(BlockState& state, const MoveContext& ctx,
                                              const Address& sender, const Uint256& value,
                                              ByteView calldata) {
    auto call = decode_game_call(calldata);
    if (!call) return "invalid calldata: " + call.error();
    // As a Solidity contract without payable functions reverts on value: a bond sent with a
    // move would otherwise sit in the factory, owed to no one.
    if (!std::holds_alternative<CreateGameCall>(*call) && !value.is_zero())
        return std::string("function is not payable");
    struct Dispatch {
        BlockState& s;
        const MoveContext& ctx;
        const Address& sender;
        const Uint256& value;
        Failure operator()(const CreateGameCall& c) const { return create_game(s, ctx, sender, value, c); }
        Failure operator()(const BisectCall& c) const {
            return play(s, c.game_id, [&](DisputeGame& g) { return bisect(g, sender, c.mid_claim, ctx); });
        }
        Failure operator()(const RespondCall& c) const {
            return play(s, c.game_id, [&](DisputeGame& g) { return respond(g, sender, c.agree, ctx); });
        }
        Failure operator()(const ProveStepCall& c) const {
            return play(s, c.game_id, [&](DisputeGame& g) { return prove_step(g, sender, c.proof, ctx); });
        }
        Failure operator()(const ClaimCreditCall&) const { return claim_credit(s, sender); }
    };
    return std::visit(Dispatch{state, ctx, sender, value}, *call);
}

void expire_games(BlockState& state) {
    for (const auto id : state.open_games()) {
        const DisputeGame& g = state.game(id);
        // An earlier expiry in this loop may have closed it (same proposal).
        if (g.status != GameStatus::in_progress || !clock_expired(g, state.number())) continue;
        const bool asserter_late = turn(g) == GameParty::asserter;
        finish_game(state.mutable_game(id),
                    asserter_late ? GameStatus::challenger_won : GameStatus::asserter_won, GameEnd::clock,
                    state.number());
        settle(state, id);
    }
}

}  // namespace optimist::l1
