#include "game_rules.hpp"

#include <algorithm>
#include <exception>

namespace optimist::l1 {
namespace {

using Status = Result<void, std::string>;

// The referee must not throw (dispute_referee.hpp); if one does anyway, the move fails
// instead of the exception unwinding through the block builder and the mining thread.
template <typename F>
auto ask(const MoveContext& ctx, F&& f) -> Result<decltype(f(*ctx.referee)), std::string> {
    if (!ctx.referee) return fail(std::string(kNoReferee));
    try {
        return f(*ctx.referee);
    } catch (const std::exception& e) {
        return fail(std::string("referee failed: ") + e.what());
    } catch (...) {
        return fail(std::string("referee failed"));
    }
}

std::string game_name(const DisputeGame& g) { return "game " + std::to_string(g.id); }

std::string range_of(const DisputeGame& g) {
    return "level " + std::to_string(g.level) + ", range [" + std::to_string(g.lo) + ", " +
           std::to_string(g.hi) + "]";
}

std::uint64_t& clock_used(DisputeGame& g, GameParty p) {
    return p == GameParty::asserter ? g.asserter_clock_used : g.challenger_clock_used;
}

const Address& address_of(const DisputeGame& g, GameParty p) {
    return p == GameParty::asserter ? g.asserter : g.challenger;
}

// Refuses a move on a game that is over or whose running clock is spent. (The builder ends
// expired games before a block's transactions, so the second check is a backstop.)
Status check_open(const DisputeGame& g, std::uint64_t l1_block) {
    if (g.status != GameStatus::in_progress)
        return fail(game_name(g) + " is over: " + std::string(to_string(g.status)) + " (" +
                    std::string(to_string(g.end)) + ")");
    if (clock_expired(g, l1_block))
        return fail(game_name(g) + ": the " + std::string(to_string(*turn(g))) + "'s clock ran out");
    return {};
}

Status check_mover(const DisputeGame& g, const Address& sender, GameParty party, std::string_view what) {
    if (sender != g.asserter && sender != g.challenger)
        return fail("only the asserter and the challenger may move in " + game_name(g));
    if (sender != address_of(g, party))
        return fail("only the " + std::string(to_string(party)) + " may " + std::string(what) + " in " +
                    game_name(g));
    if (turn(g) != party)
        return fail("not the " + std::string(to_string(party)) + "'s turn in " + game_name(g) + " (" +
                    range_of(g) + (g.mid_claim ? ", a midpoint awaits the challenger" : "") + ")");
    return {};
}

// Ends the running turn at the move's block.
void charge_turn(DisputeGame& g, std::uint64_t l1_block) {
    if (const auto mover = turn(g); mover && l1_block > g.turn_started)
        clock_used(g, *mover) += l1_block - g.turn_started;
    g.turn_started = std::max(g.turn_started, l1_block);
}

// Descends from leaves that are not proof leaves (docs/l1.md, "Levels"): a level-1 leaf into
// the block's big steps, a level-2 transaction leaf into its steps. Stops at a range that
// needs bisecting, at a proof leaf, or when the block is underivable (the asserter loses).
Status settle_leaves(DisputeGame& g, const MoveContext& ctx) {
    while (g.status == GameStatus::in_progress && g.hi - g.lo == 1 && g.level < 3) {
        if (g.level == 1) {
            const std::uint64_t b = g.hi;
            auto steps =
                ask(ctx, [&](const DisputeReferee& r) { return r.big_steps(b, ctx.referee_l1_block); });
            if (!steps) return fail(steps.error());
            if (!*steps) {
                finish_game(g, GameStatus::challenger_won, GameEnd::underivable_block, ctx.l1_block);
                return {};
            }
            // The commitments at b - 1 and b carry over as big steps 0 and n + 2. A count
            // below 2 (setup and finalization) is a referee bug; read it as an empty block.
            g.level = 2;
            g.block = b;
            g.lo = 0;
            g.hi = std::max<std::uint64_t>(**steps, 2);
            continue;
        }
        const std::uint64_t j = g.lo;
        auto is_tx = ask(ctx, [&](const DisputeReferee& r) { return r.is_transaction_step(g.block, j); });
        if (!is_tx) return fail(is_tx.error());
        if (!*is_tx) return {};  // block setup or finalization: a proof leaf
        auto bits =
            ask(ctx, [&](const DisputeReferee& r) { return r.step_bits(g.block, j, ctx.referee_l1_block); });
        if (!bits) return fail(bits.error());
        g.level = 3;
        g.big_step = j;
        g.step_bits = std::min(*bits, kMaxStepBits);
        g.lo = 0;
        g.hi = std::uint64_t{1} << g.step_bits;
    }
    return {};
}

}  // namespace

bool clock_expired(const DisputeGame& game, std::uint64_t l1_block) noexcept {
    const auto mover = turn(game);
    if (!mover) return false;
    const std::uint64_t used =
        *mover == GameParty::asserter ? game.asserter_clock_used : game.challenger_clock_used;
    const std::uint64_t running = l1_block > game.turn_started ? l1_block - game.turn_started : 0;
    // A move may spend the clock down to exactly zero; one block more is too late.
    return used > game.clock || running > game.clock - used;
}

void finish_game(DisputeGame& game, GameStatus status, GameEnd end, std::uint64_t l1_block) {
    if (end == GameEnd::clock) {
        if (const auto mover = turn(game)) clock_used(game, *mover) = game.clock;
        game.turn_started = std::max(game.turn_started, l1_block);
    } else {
        charge_turn(game, l1_block);
    }
    game.status = status;
    game.end = end;
    game.resolved_l1_block = l1_block;
}

Status start_game(DisputeGame& game, const MoveContext& ctx) {
    DisputeGame g = game;
    if (auto s = settle_leaves(g, ctx); !s) return s;
    game = std::move(g);
    return {};
}

Status bisect(DisputeGame& game, const Address& sender, const Hash& mid_claim, const MoveContext& ctx) {
    if (auto s = check_open(game, ctx.l1_block); !s) return s;
    if (sender == game.asserter && awaiting_proof(game))
        return fail(game_name(game) + " is at a leaf (" + range_of(game) +
                    "): only a one-step proof decides it");
    if (auto s = check_mover(game, sender, GameParty::asserter, "bisect"); !s) return s;
    const std::uint64_t mid = game.lo + (game.hi - game.lo) / 2;
    charge_turn(game, ctx.l1_block);
    game.mid_claim = mid_claim;
    game.moves.push_back(
        {ctx.l1_block, GameParty::asserter, MoveKind::bisect, game.level, mid, mid_claim, false});
    return {};
}

Status respond(DisputeGame& game, const Address& sender, bool agree, const MoveContext& ctx) {
    if (auto s = check_open(game, ctx.l1_block); !s) return s;
    if (sender == game.challenger && !game.mid_claim && game.status == GameStatus::in_progress)
        return fail(game_name(game) + " has no midpoint to answer (" + range_of(game) + ")");
    if (auto s = check_mover(game, sender, GameParty::challenger, "respond"); !s) return s;
    // Work on a copy: a referee failure while descending must leave the game as it was.
    DisputeGame g = game;
    const std::uint64_t mid = g.lo + (g.hi - g.lo) / 2;
    charge_turn(g, ctx.l1_block);
    if (agree) {
        g.lo = mid;
        g.lo_claim = *g.mid_claim;
    } else {
        g.hi = mid;
        g.hi_claim = *g.mid_claim;
    }
    g.mid_claim.reset();
    g.moves.push_back({ctx.l1_block, GameParty::challenger, MoveKind::respond, g.level, mid, Hash{}, agree});
    if (auto s = settle_leaves(g, ctx); !s) return s;
    game = std::move(g);
    return {};
}

Status prove_step(DisputeGame& game, const Address& sender, ByteView proof, const MoveContext& ctx) {
    if (auto s = check_open(game, ctx.l1_block); !s) return s;
    if (sender != game.asserter && sender != game.challenger)
        return fail("only the asserter and the challenger may move in " + game_name(game));
    if (!awaiting_proof(game))
        return fail("no step to prove: " + game_name(game) + " is bisecting (" + range_of(game) + ")");
    StepPosition at;
    at.l2_block = game.block;
    at.big_step = game.level == 2 ? game.lo : game.big_step;
    if (game.level == 3) at.step = game.lo;
    auto post = ask(ctx, [&](const DisputeReferee& r) {
        return r.verify_step(at, game.lo_claim, proof, ctx.referee_l1_block);
    });
    if (!post) return fail(post.error());
    if (!*post) return fail("invalid proof: " + post->error());
    const Hash result = post->value();
    const GameParty party = sender == game.asserter ? GameParty::asserter : GameParty::challenger;
    game.moves.push_back({ctx.l1_block, party, MoveKind::prove, game.level, game.lo, result, false});
    // The step from the agreed commitment lands on the asserter's claim: the asserter was
    // right about the step the challenger disputed.
    const bool asserter_right = result == game.hi_claim;
    finish_game(game, asserter_right ? GameStatus::asserter_won : GameStatus::challenger_won,
                GameEnd::step_proof, ctx.l1_block);
    return {};
}

}  // namespace optimist::l1
