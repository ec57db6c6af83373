#include "game_json.hpp"

#include "json_fields.hpp"

#include <optimist/rpc/params.hpp>

namespace optimist::l1::l1json {
namespace {

using nlohmann::json;
using rpc::format_address;
using rpc::format_hash;
using rpc::format_quantity;

template <typename E, std::optional<E> (*Parse)(std::string_view) noexcept>
Result<E, std::string> parse_enum(const json& j) {
    if (!j.is_string()) return fail(std::string("expected a string"));
    const auto v = Parse(j.get<std::string>());
    if (!v) return fail("unknown value " + j.get<std::string>());
    return *v;
}

Result<bool, std::string> parse_bool(const json& j) {
    if (!j.is_boolean()) return fail(std::string("expected a boolean"));
    return j.get<bool>();
}

Result<std::uint8_t, std::string> parse_level(const json& j) {
    auto v = rpc::parse_quantity_u64(j);
    if (!v) return fail(v.error());
    if (*v < 1 || *v > 3) return fail(std::string("must be 1, 2 or 3"));
    return static_cast<std::uint8_t>(*v);
}

Result<std::optional<Hash>, std::string> parse_optional_hash(const json& j) {
    if (j.is_null()) return std::optional<Hash>{};
    auto h = rpc::parse_hash(j);
    if (!h) return fail(h.error());
    return std::optional<Hash>(*h);
}

json move_to_json(const GameMove& m) {
    return json{{"l1Block", format_quantity(m.l1_block)},
                {"party", std::string(to_string(m.party))},
                {"kind", std::string(to_string(m.kind))},
                {"level", format_quantity(std::uint64_t{m.level})},
                {"position", format_quantity(m.position)},
                {"claim", format_hash(m.claim)},
                {"agree", m.agree}};
}

Result<GameMove, std::string> move_from_json(const json& j) {
    OPTIMIST_L1_FIELD(block, std::uint64_t, j, "l1Block", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(party, GameParty, j, "party", (parse_enum<GameParty, parse_game_party>));
    OPTIMIST_L1_FIELD(kind, MoveKind, j, "kind", (parse_enum<MoveKind, parse_move_kind>));
    OPTIMIST_L1_FIELD(level, std::uint8_t, j, "level", parse_level);
    OPTIMIST_L1_FIELD(position, std::uint64_t, j, "position", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(claim, Hash, j, "claim", rpc::parse_hash);
    OPTIMIST_L1_FIELD(agree, bool, j, "agree", parse_bool);
    return GameMove{*block, *party, *kind, *level, *position, *claim, *agree};
}

}  // namespace

json to_json(const DisputeGame& g, std::uint64_t head) {
    json moves = json::array();
    for (const auto& m : g.moves) moves.push_back(move_to_json(m));
    const auto mover = turn(g);
    return json{
        {"id", format_quantity(g.id)},
        {"outputIndex", format_quantity(g.output_index)},
        {"l2Block", format_quantity(g.l2_block)},
        {"disputedRoot", format_hash(g.disputed_root)},
        {"claim", format_hash(g.claim)},
        {"asserter", format_address(g.asserter)},
        {"challenger", format_address(g.challenger)},
        {"proposalBond", format_quantity(g.proposal_bond)},
        {"challengerBond", format_quantity(g.challenger_bond)},
        {"status", std::string(to_string(g.status))},
        {"end", std::string(to_string(g.end))},
        {"level", format_quantity(std::uint64_t{g.level})},
        {"anchorBlock", format_quantity(g.anchor_block)},
        {"block", format_quantity(g.block)},
        {"bigStep", format_quantity(g.big_step)},
        {"stepBits", format_quantity(std::uint64_t{g.step_bits})},
        {"lo", format_quantity(g.lo)},
        {"hi", format_quantity(g.hi)},
        {"loClaim", format_hash(g.lo_claim)},
        {"hiClaim", format_hash(g.hi_claim)},
        {"midClaim", g.mid_claim ? json(format_hash(*g.mid_claim)) : json(nullptr)},
        {"clock", format_quantity(g.clock)},
        {"asserterClockUsed", format_quantity(g.asserter_clock_used)},
        {"challengerClockUsed", format_quantity(g.challenger_clock_used)},
        {"turnStarted", format_quantity(g.turn_started)},
        {"createdL1Block", format_quantity(g.created_l1_block)},
        {"resolvedL1Block", format_quantity(g.resolved_l1_block)},
        {"moves", std::move(moves)},
        {"turn", mover ? json(std::string(to_string(*mover))) : json(nullptr)},
        {"awaitingProof", awaiting_proof(g)},
        {"asserterClockLeft", format_quantity(clock_left(g, GameParty::asserter, head))},
        {"challengerClockLeft", format_quantity(clock_left(g, GameParty::challenger, head))},
    };
}

Result<DisputeGame, std::string> game_from_json(const json& j) {
    OPTIMIST_L1_FIELD(id, std::uint64_t, j, "id", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(output_index, std::uint64_t, j, "outputIndex", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(l2_block, std::uint64_t, j, "l2Block", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(disputed, Hash, j, "disputedRoot", rpc::parse_hash);
    OPTIMIST_L1_FIELD(claim, Hash, j, "claim", rpc::parse_hash);
    OPTIMIST_L1_FIELD(asserter, Address, j, "asserter", rpc::parse_address);
    OPTIMIST_L1_FIELD(challenger, Address, j, "challenger", rpc::parse_address);
    OPTIMIST_L1_FIELD(proposal_bond, Uint256, j, "proposalBond", rpc::parse_quantity);
    OPTIMIST_L1_FIELD(challenger_bond, Uint256, j, "challengerBond", rpc::parse_quantity);
    OPTIMIST_L1_FIELD(status, GameStatus, j, "status", (parse_enum<GameStatus, parse_game_status>));
    OPTIMIST_L1_FIELD(end, GameEnd, j, "end", (parse_enum<GameEnd, parse_game_end>));
    OPTIMIST_L1_FIELD(level, std::uint8_t, j, "level", parse_level);
    OPTIMIST_L1_FIELD(anchor, std::uint64_t, j, "anchorBlock", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(block, std::uint64_t, j, "block", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(big_step, std::uint64_t, j, "bigStep", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(step_bits, std::uint64_t, j, "stepBits", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(lo, std::uint64_t, j, "lo", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(hi, std::uint64_t, j, "hi", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(lo_claim, Hash, j, "loClaim", rpc::parse_hash);
    OPTIMIST_L1_FIELD(hi_claim, Hash, j, "hiClaim", rpc::parse_hash);
    OPTIMIST_L1_FIELD(mid_claim, std::optional<Hash>, j, "midClaim", parse_optional_hash);
    OPTIMIST_L1_FIELD(clock, std::uint64_t, j, "clock", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(asserter_used, std::uint64_t, j, "asserterClockUsed", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(challenger_used, std::uint64_t, j, "challengerClockUsed", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(turn_started, std::uint64_t, j, "turnStarted", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(created, std::uint64_t, j, "createdL1Block", rpc::parse_quantity_u64);
    OPTIMIST_L1_FIELD(resolved, std::uint64_t, j, "resolvedL1Block", rpc::parse_quantity_u64);
    if (*step_bits > 63) return fail(std::string("stepBits: above 63"));
    const auto moves = j.find("moves");
    if (moves == j.end() || !moves->is_array()) return fail(std::string("moves: expected an array"));
    DisputeGame g;
    g.id = *id;
    g.output_index = *output_index;
    g.l2_block = *l2_block;
    g.disputed_root = *disputed;
    g.claim = *claim;
    g.asserter = *asserter;
    g.challenger = *challenger;
    g.proposal_bond = *proposal_bond;
    g.challenger_bond = *challenger_bond;
    g.status = *status;
    g.end = *end;
    g.level = *level;
    g.anchor_block = *anchor;
    g.block = *block;
    g.big_step = *big_step;
    g.step_bits = static_cast<unsigned>(*step_bits);
    g.lo = *lo;
    g.hi = *hi;
    g.lo_claim = *lo_claim;
    g.hi_claim = *hi_claim;
    g.mid_claim = *mid_claim;
    g.clock = *clock;
    g.asserter_clock_used = *asserter_used;
    g.challenger_clock_used = *challenger_used;
    g.turn_started = *turn_started;
    g.created_l1_block = *created;
    g.resolved_l1_block = *resolved;
    for (const auto& m : *moves) {
        auto move = move_from_json(m);
        if (!move) return fail("moves: " + move.error());
        g.moves.push_back(*move);
    }
    return g;
}

}  // namespace optimist::l1::l1json
