#include "challenger_support.hpp"

#include <optimist/core/hex.hpp>
#include <optimist/core/uint256_ops.hpp>
#include <optimist/crypto/secp256k1.hpp>
#include <optimist/rpc/params.hpp>
#include <optimist/sequencer/dev_accounts.hpp>

#include <algorithm>
#include <charconv>
#include <cstdio>
#include <sstream>

namespace optimist::challenger {

using nlohmann::json;

Result<Hash, std::string> parse_key(std::string_view text) {
    if (text.starts_with("dev:")) {
        const std::string_view n = text.substr(4);
        unsigned index = 0;
        const auto [end, ec] = std::from_chars(n.data(), n.data() + n.size(), index);
        if (n.empty() || ec != std::errc{} || end != n.data() + n.size() ||
            index >= sequencer::kDevAccounts.size()) {
            // Appended, not chained with +: GCC 12 reports a false -Wrestrict on the chain.
            std::string message;
            message.append("\"").append(text).append("\" is not a dev account (dev:0 .. dev:9)");
            return fail(std::move(message));
        }
        return sequencer::dev_private_key(index);
    }
    auto key = fixed_from_hex<32>(text);
    if (!key) return fail(std::string("the key is not 32 bytes of hex (or dev:N for a dev account)"));
    if (!crypto::address_from_private_key(*key))
        return fail(std::string("the key is not a valid secp256k1 private key"));
    return *key;
}

Result<Address, std::string> key_address(const Hash& key) {
    auto a = crypto::address_from_private_key(key);
    if (!a) return fail(std::string("the key is not a valid secp256k1 private key"));
    return *a;
}

unsigned ceil_log2(std::uint64_t n) noexcept {
    unsigned bits = 0;
    while (bits < 64 && (std::uint64_t{1} << bits) < n) ++bits;
    return bits;
}

Remaining estimate_remaining(const l1::DisputeGame& g, const LevelsBelow& below) {
    Remaining r;
    if (g.status != l1::GameStatus::in_progress) return r;
    if (l1::awaiting_proof(g)) {
        r.moves = 1;
        return r;
    }
    r.bisections = ceil_log2(g.hi - g.lo);
    if (g.level == 1) {
        if (below.big_steps)
            r.bisections += ceil_log2(*below.big_steps);
        else
            r.upper_bound = false;
    }
    if (g.level <= 2) {
        if (below.max_step_bits)
            r.bisections += *below.max_step_bits;
        else
            r.upper_bound = false;
    }
    // A pending midpoint has its bisect already: only the answer is left of that round.
    r.moves = 2 * r.bisections + 1 - (g.mid_claim && r.bisections > 0 ? 1 : 0);
    return r;
}

std::string describe_remaining(const Remaining& r) {
    if (r.bisections == 0 && r.moves == 0) return "nothing left";
    if (r.bisections == 0) return "one proof left";
    if (!r.upper_bound)
        return "at least " + std::to_string(r.bisections) +
               (r.bisections == 1 ? " bisection" : " bisections") + " left (levels below unknown)";
    return "at most " + std::to_string(r.bisections) + (r.bisections == 1 ? " bisection" : " bisections") +
           ", about " + std::to_string(r.moves) + " moves left";
}

std::optional<l1::GameParty> winner(const l1::DisputeGame& g) noexcept {
    switch (g.status) {
        case l1::GameStatus::challenger_won:
            return l1::GameParty::challenger;
        case l1::GameStatus::asserter_won:
            return l1::GameParty::asserter;
        case l1::GameStatus::in_progress:
        case l1::GameStatus::closed:
            break;
    }
    return std::nullopt;
}

CreditSummary summarize_credits(const std::vector<l1::DisputeGame>& games, const Address& account) {
    CreditSummary s;
    for (const l1::DisputeGame& g : games) {
        for (const l1::GameParty role : {l1::GameParty::asserter, l1::GameParty::challenger}) {
            const bool plays =
                role == l1::GameParty::asserter ? g.asserter == account : g.challenger == account;
            if (!plays) continue;
            CreditRow row;
            row.game = g.id;
            row.role = role;
            row.status = g.status;
            const Uint256& mine = role == l1::GameParty::asserter ? g.proposal_bond : g.challenger_bond;
            const Uint256& theirs = role == l1::GameParty::asserter ? g.challenger_bond : g.proposal_bond;
            const auto w = winner(g);
            if (g.status == l1::GameStatus::in_progress) {
                row.at_stake = mine;
                s.at_stake = s.at_stake + mine;
                ++s.in_progress;
            } else if (g.status == l1::GameStatus::closed) {
                if (role == l1::GameParty::challenger) {
                    row.refunded = mine;
                    s.refunded = s.refunded + mine;
                }
                ++s.closed;
            } else if (w == role) {
                row.won = theirs;
                s.won = s.won + theirs;
                ++s.games_won;
            } else {
                row.lost = mine;
                s.lost = s.lost + mine;
                ++s.games_lost;
            }
            s.rows.push_back(row);
        }
    }
    return s;
}

json game_to_json(const l1::DisputeGame& g, std::uint64_t head, bool with_moves) {
    const auto turn = l1::turn(g);
    const auto w = winner(g);
    json j = {{"id", g.id},
              {"outputIndex", g.output_index},
              {"l2Block", g.l2_block},
              {"status", std::string(l1::to_string(g.status))},
              {"end", std::string(l1::to_string(g.end))},
              {"winner", w ? json(std::string(l1::to_string(*w))) : json(nullptr)},
              {"asserter", rpc::format_address(g.asserter)},
              {"challenger", rpc::format_address(g.challenger)},
              {"disputedRoot", rpc::format_hash(g.disputed_root)},
              {"claim", rpc::format_hash(g.claim)},
              {"proposalBond", to_string(g.proposal_bond)},
              {"challengerBond", to_string(g.challenger_bond)},
              {"level", g.level},
              {"anchorBlock", g.anchor_block},
              {"block", g.block},
              {"bigStep", g.big_step},
              {"stepBits", g.step_bits},
              {"lo", g.lo},
              {"hi", g.hi},
              {"loClaim", rpc::format_hash(g.lo_claim)},
              {"hiClaim", rpc::format_hash(g.hi_claim)},
              {"midClaim", g.mid_claim ? json(rpc::format_hash(*g.mid_claim)) : json(nullptr)},
              {"turn", turn ? json(std::string(l1::to_string(*turn))) : json(nullptr)},
              {"awaitingProof", l1::awaiting_proof(g)},
              {"clock", g.clock},
              {"asserterClockLeft", l1::clock_left(g, l1::GameParty::asserter, head)},
              {"challengerClockLeft", l1::clock_left(g, l1::GameParty::challenger, head)},
              {"createdL1Block", g.created_l1_block},
              {"resolvedL1Block", g.resolved_l1_block},
              {"moveCount", g.moves.size()}};
    if (with_moves) {
        json moves = json::array();
        for (std::size_t i = 0; i < g.moves.size(); ++i) {
            const l1::GameMove& m = g.moves[i];
            moves.push_back(
                {{"number", i},
                 {"l1Block", m.l1_block},
                 {"party", std::string(l1::to_string(m.party))},
                 {"kind", std::string(l1::to_string(m.kind))},
                 {"level", m.level},
                 {"position", m.position},
                 {"claim", m.kind == l1::MoveKind::respond ? json(nullptr) : json(rpc::format_hash(m.claim))},
                 {"agree", m.kind == l1::MoveKind::respond ? json(m.agree) : json(nullptr)}});
        }
        j["moves"] = std::move(moves);
    }
    return j;
}

std::string short_hex(ByteView bytes) {
    const std::string h = to_hex(bytes);
    return h.size() <= 12 ? h : h.substr(0, 12) + "…";
}

std::string describe_position(const l1::DisputeGame& g) {
    std::string s = "level " + std::to_string(g.level);
    if (g.level == 1) s += " (L2 blocks from anchor " + std::to_string(g.anchor_block) + ")";
    if (g.level == 2) s += " (big steps of block " + std::to_string(g.block) + ")";
    if (g.level == 3)
        s += " (block " + std::to_string(g.block) + ", big step " + std::to_string(g.big_step) +
             " = transaction " + std::to_string(g.big_step - 1) + ", " + std::to_string(g.step_bits) +
             " bits)";
    return s + ", range " + std::to_string(g.lo) + ".." + std::to_string(g.hi);
}

namespace {

std::string clocks(const l1::DisputeGame& g, std::uint64_t head) {
    if (g.status != l1::GameStatus::in_progress) return "-";
    return std::to_string(l1::clock_left(g, l1::GameParty::asserter, head)) + "/" +
           std::to_string(l1::clock_left(g, l1::GameParty::challenger, head));
}

}  // namespace

std::string game_table_header() {
    char line[256];
    std::snprintf(line, sizeof line, "%4s  %6s  %8s  %-14s  %-20s  %5s  %-21s  %-10s  %-11s  %s", "id",
                  "output", "L2 block", "status", "end", "level", "lo..hi", "turn", "clocks A/C",
                  "asserter -> challenger");
    return line;
}

std::string game_table_row(const l1::DisputeGame& g, std::uint64_t head) {
    const auto turn = l1::turn(g);
    const std::string range = std::to_string(g.lo) + ".." + std::to_string(g.hi);
    char line[256];
    std::snprintf(line, sizeof line, "%4llu  %6llu  %8llu  %-14s  %-20s  %5u  %-21s  %-10s  %-11s  ",
                  static_cast<unsigned long long>(g.id), static_cast<unsigned long long>(g.output_index),
                  static_cast<unsigned long long>(g.l2_block), std::string(l1::to_string(g.status)).c_str(),
                  std::string(l1::to_string(g.end)).c_str(), static_cast<unsigned>(g.level), range.c_str(),
                  (l1::awaiting_proof(g) && turn ? "proof"
                   : turn                        ? std::string(l1::to_string(*turn))
                                                 : std::string("-"))
                      .c_str(),
                  clocks(g, head).c_str());
    return std::string(line) + rpc::format_address(g.asserter) + " -> " + rpc::format_address(g.challenger);
}

std::string format_game(const l1::DisputeGame& g, std::uint64_t head) {
    std::ostringstream out;
    const auto turn = l1::turn(g);
    out << "game " << g.id << " over output proposal " << g.output_index << " (L2 block " << g.l2_block
        << ")\n"
        << "  status      " << l1::to_string(g.status);
    if (g.status != l1::GameStatus::in_progress)
        out << " (" << l1::to_string(g.end) << ", L1 block " << g.resolved_l1_block << ")";
    out << "\n"
        << "  asserter    " << rpc::format_address(g.asserter) << "  bond " << to_string(g.proposal_bond)
        << " wei\n"
        << "  challenger  " << rpc::format_address(g.challenger) << "  bond " << to_string(g.challenger_bond)
        << " wei\n"
        << "  disputed    " << rpc::format_hash(g.disputed_root) << "  (the proposal's root)\n"
        << "  claim       " << rpc::format_hash(g.claim) << "  (the challenger's root)\n"
        << "  created     L1 block " << g.created_l1_block << ", clock " << g.clock
        << " L1 blocks per party\n\n";

    char line[256];
    std::snprintf(line, sizeof line, "%4s  %8s  %-10s  %-7s  %5s  %20s  %s\n", "move", "L1 block", "party",
                  "kind", "level", "position", "claim / agree");
    out << line;
    for (std::size_t i = 0; i < g.moves.size(); ++i) {
        const l1::GameMove& m = g.moves[i];
        const std::string what =
            m.kind == l1::MoveKind::respond ? (m.agree ? "agree" : "disagree") : rpc::format_hash(m.claim);
        std::snprintf(line, sizeof line, "%4zu  %8llu  %-10s  %-7s  %5u  %20llu  %s\n", i,
                      static_cast<unsigned long long>(m.l1_block),
                      std::string(l1::to_string(m.party)).c_str(), std::string(l1::to_string(m.kind)).c_str(),
                      static_cast<unsigned>(m.level), static_cast<unsigned long long>(m.position),
                      what.c_str());
        out << line;
    }

    out << "\nbisection\n"
        << "  " << describe_position(g) << "\n"
        << "  lo claim    " << rpc::format_hash(g.lo_claim) << "  (agreed)\n"
        << "  hi claim    " << rpc::format_hash(g.hi_claim) << "  (the asserter's, disputed)\n";
    if (g.mid_claim)
        out << "  mid claim   " << rpc::format_hash(*g.mid_claim) << "  at " << (g.lo + (g.hi - g.lo) / 2)
            << " (awaiting the challenger's answer)\n";
    if (g.status == l1::GameStatus::in_progress) {
        out << "  turn        "
            << (l1::awaiting_proof(g)
                    ? "a one-step proof (the challenger must; either party may)"
                    : std::string(l1::to_string(*turn)) +
                          (*turn == l1::GameParty::asserter ? " (bisect)" : " (agree or disagree)"))
            << "\n"
            << "  clock left  asserter " << l1::clock_left(g, l1::GameParty::asserter, head)
            << ", challenger " << l1::clock_left(g, l1::GameParty::challenger, head)
            << " L1 blocks (at L1 block " << head << ")\n";
    }
    return out.str();
}

}  // namespace optimist::challenger
