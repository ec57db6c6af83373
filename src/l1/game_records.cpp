#include "game_records.hpp"

#include "record_fields.hpp"
#include "records.hpp"

#include <optimist/core/rlp.hpp>
#include <optimist/db/keys.hpp>

namespace optimist::l1::records {
namespace {

using fields::bytes;
using fields::fixed;
using fields::list_of;
using fields::u256;
using fields::u64;

constexpr std::size_t kGameFields = 27;
constexpr std::size_t kMoveFields = 7;

// An enum stored as a number, accepted only up to its last value.
template <typename E>
std::optional<E> enum_of(const rlp::Item& i, E last) {
    auto v = u64(i);
    if (!v || *v > static_cast<std::uint64_t>(last)) return std::nullopt;
    return static_cast<E>(*v);
}

void encode_move(rlp::Encoder& e, const GameMove& m) {
    const auto l = e.begin_list();
    e.add_uint(m.l1_block);
    e.add_uint(static_cast<std::uint64_t>(m.party));
    e.add_uint(static_cast<std::uint64_t>(m.kind));
    e.add_uint(m.level);
    e.add_uint(m.position);
    e.add_bytes(m.claim);
    e.add_uint(m.agree ? 1 : 0);
    e.end_list(l);
}

std::optional<GameMove> decode_move(const rlp::Item& item) {
    if (!item.is_list) return std::nullopt;
    auto items = rlp::decode_list(item);
    if (!items || items->size() != kMoveFields) return std::nullopt;
    const auto& it = *items;
    auto block = u64(it[0]);
    auto party = enum_of(it[1], GameParty::challenger);
    auto kind = enum_of(it[2], MoveKind::prove);
    auto level = u64(it[3]);
    auto position = u64(it[4]);
    auto claim = fixed<32>(it[5]);
    auto agree = u64(it[6]);
    if (!block || !party || !kind || !level || *level < 1 || *level > 3 || !position || !claim || !agree ||
        *agree > 1)
        return std::nullopt;
    return GameMove{*block, *party, *kind, static_cast<std::uint8_t>(*level), *position, *claim, *agree == 1};
}

}  // namespace

Bytes game_key(std::uint64_t id) { return db::prefixed_key(kGame, db::be64(id)); }
Bytes credit_key(const Address& a) { return db::prefixed_key(kCredit, a); }

Bytes encode_game(const DisputeGame& g) {
    rlp::Encoder e;
    const auto m = e.begin_list();
    e.add_uint(g.output_index);
    e.add_uint(g.l2_block);
    e.add_bytes(g.disputed_root);
    e.add_bytes(g.claim);
    e.add_bytes(g.asserter);
    e.add_bytes(g.challenger);
    e.add_uint(g.proposal_bond);
    e.add_uint(g.challenger_bond);
    e.add_uint(static_cast<std::uint64_t>(g.status));
    e.add_uint(static_cast<std::uint64_t>(g.end));
    e.add_uint(g.level);
    e.add_uint(g.anchor_block);
    e.add_uint(g.block);
    e.add_uint(g.big_step);
    e.add_uint(g.step_bits);
    e.add_uint(g.lo);
    e.add_uint(g.hi);
    e.add_bytes(g.lo_claim);
    e.add_bytes(g.hi_claim);
    if (g.mid_claim) {
        e.add_bytes(*g.mid_claim);
    } else {
        e.add_bytes({});
    }
    e.add_uint(g.clock);
    e.add_uint(g.asserter_clock_used);
    e.add_uint(g.challenger_clock_used);
    e.add_uint(g.turn_started);
    e.add_uint(g.created_l1_block);
    e.add_uint(g.resolved_l1_block);
    const auto l = e.begin_list();
    for (const auto& move : g.moves) encode_move(e, move);
    e.end_list(l);
    e.end_list(m);
    return std::move(e).take();
}

std::optional<DisputeGame> decode_game(std::uint64_t id, ByteView b) {
    auto items = list_of(b, kGameFields);
    if (!items) return std::nullopt;
    const auto& it = *items;
    DisputeGame g;
    g.id = id;
    auto output_index = u64(it[0]);
    auto l2_block = u64(it[1]);
    auto disputed = fixed<32>(it[2]);
    auto claim = fixed<32>(it[3]);
    auto asserter = fixed<20>(it[4]);
    auto challenger = fixed<20>(it[5]);
    auto proposal_bond = u256(it[6]);
    auto challenger_bond = u256(it[7]);
    auto status = enum_of(it[8], GameStatus::closed);
    auto end = enum_of(it[9], GameEnd::proposal_invalidated);
    auto level = u64(it[10]);
    auto anchor = u64(it[11]);
    auto block = u64(it[12]);
    auto big_step = u64(it[13]);
    auto step_bits = u64(it[14]);
    auto lo = u64(it[15]);
    auto hi = u64(it[16]);
    auto lo_claim = fixed<32>(it[17]);
    auto hi_claim = fixed<32>(it[18]);
    auto mid = bytes(it[19]);
    auto clock = u64(it[20]);
    auto asserter_used = u64(it[21]);
    auto challenger_used = u64(it[22]);
    auto turn_started = u64(it[23]);
    auto created = u64(it[24]);
    auto resolved = u64(it[25]);
    if (!output_index || !l2_block || !disputed || !claim || !asserter || !challenger || !proposal_bond ||
        !challenger_bond || !status || !end || !level || *level < 1 || *level > 3 || !anchor || !block ||
        !big_step || !step_bits || *step_bits > 63 || !lo || !hi || *lo >= *hi || !lo_claim || !hi_claim ||
        !mid || (!mid->empty() && mid->size() != 32) || !clock || !asserter_used || !challenger_used ||
        !turn_started || !created || !resolved || !it[26].is_list)
        return std::nullopt;
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
    g.level = static_cast<std::uint8_t>(*level);
    g.anchor_block = *anchor;
    g.block = *block;
    g.big_step = *big_step;
    g.step_bits = static_cast<unsigned>(*step_bits);
    g.lo = *lo;
    g.hi = *hi;
    g.lo_claim = *lo_claim;
    g.hi_claim = *hi_claim;
    if (!mid->empty()) g.mid_claim = Hash::right_aligned(*mid);
    g.clock = *clock;
    g.asserter_clock_used = *asserter_used;
    g.challenger_clock_used = *challenger_used;
    g.turn_started = *turn_started;
    g.created_l1_block = *created;
    g.resolved_l1_block = *resolved;
    auto moves = rlp::decode_list(it[26]);
    if (!moves) return std::nullopt;
    for (const auto& item : *moves) {
        auto move = decode_move(item);
        if (!move) return std::nullopt;
        g.moves.push_back(*move);
    }
    return g;
}

Bytes encode_credit(const Uint256& amount) {
    rlp::Encoder e;
    e.add_uint(amount);
    return std::move(e).take();
}

std::optional<Uint256> decode_credit(ByteView b) {
    auto item = rlp::decode(b);
    if (!item || item->is_list) return std::nullopt;
    return u256(*item);
}

}  // namespace optimist::l1::records
