// A dispute game as the L1 records it: who plays, what is at stake, where the bisection
// stands and every move so far. The rules are in docs/l1.md ("Dispute games"); the levels
// and positions are those of dispute_referee.hpp. Plain values, shared by every L1 backend.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace optimist::l1 {

enum class GameStatus : std::uint8_t {
    in_progress,
    challenger_won,  // the proposal is invalidated; the challenger's credit got both bonds
    asserter_won,    // the proposer's credit got the challenger's bond
    // Another game proved the same proposal wrong first; this challenger's bond was
    // credited back.
    closed,
};

// Why a game ended.
enum class GameEnd : std::uint8_t {
    none,                  // in progress
    step_proof,            // a one-step proof decided it
    clock,                 // the party to move ran out of time (it lost)
    underivable_block,     // the L1 data derives no block at the level-1 leaf: the asserter lost
    genesis,               // the disputed block is 0: decided against L1Config::l2_genesis_output
    proposal_invalidated,  // closed: another game invalidated the proposal
};

enum class GameParty : std::uint8_t { asserter, challenger };

enum class MoveKind : std::uint8_t {
    create,   // the challenger opened the game (position: the disputed block; claim: its root)
    bisect,   // the asserter's commitment at the midpoint (position: mid)
    respond,  // the challenger agreed or disagreed with the pending midpoint (position: mid)
    prove,    // a one-step proof (position: the leaf's lo; claim: the post commitment it gave)
};

struct GameMove {
    std::uint64_t l1_block = 0;
    GameParty party = GameParty::asserter;
    MoveKind kind = MoveKind::create;
    std::uint8_t level = 1;  // the level the move was made at
    std::uint64_t position = 0;
    Hash claim;          // zero for respond
    bool agree = false;  // respond only

    friend bool operator==(const GameMove&, const GameMove&) = default;
};

struct DisputeGame {
    std::uint64_t id = 0;            // 0, 1, 2, ... in creation order
    std::uint64_t output_index = 0;  // the disputed proposal
    std::uint64_t l2_block = 0;      // its L2 block D
    Hash disputed_root;              // the proposal's root (the asserter's claim at D)
    Hash claim;                      // the challenger's root for D
    Address asserter;                // the proposer
    Address challenger;              // the game's creator
    Uint256 proposal_bond;           // at stake for the asserter (held by the output oracle)
    Uint256 challenger_bond;         // at stake for the challenger (held by the factory)
    GameStatus status = GameStatus::in_progress;
    GameEnd end = GameEnd::none;

    // Where the bisection stands. Level 1 positions are L2 blocks from the anchor A; level 2
    // big steps of block `block`; level 3 steps of big step `big_step`.
    std::uint8_t level = 1;
    std::uint64_t anchor_block = 0;  // A: the newest finalized proposal's block below D, or 0
    std::uint64_t block = 0;         // b, set when the game reaches level 2
    std::uint64_t big_step = 0;      // j, set when the game reaches level 3
    unsigned step_bits = 0;          // level 3 range is [0, 2^step_bits]
    std::uint64_t lo = 0;            // agreed position
    std::uint64_t hi = 0;            // disputed position
    Hash lo_claim;                   // the commitment both parties agree on at lo
    Hash hi_claim;                   // the asserter's commitment at hi, which the challenger disputes
    std::optional<Hash> mid_claim;   // the asserter's bisection awaiting the challenger's answer

    // Chess clocks, in L1 blocks. The party to move is charged from `turn_started` to the
    // block of its move; clock_left() adds the time running now.
    std::uint64_t clock = 0;  // each party's budget (L1Config::game_clock at creation)
    std::uint64_t asserter_clock_used = 0;
    std::uint64_t challenger_clock_used = 0;
    std::uint64_t turn_started = 0;

    std::uint64_t created_l1_block = 0;
    std::uint64_t resolved_l1_block = 0;  // 0 while in progress
    std::vector<GameMove> moves;

    friend bool operator==(const DisputeGame&, const DisputeGame&) = default;
};

// True at a leaf that a one-step proof decides (lo and hi one apart at level 2 or 3).
[[nodiscard]] bool awaiting_proof(const DisputeGame& game) noexcept;
// The party whose clock runs: the asserter to bisect, the challenger to respond or to prove;
// nullopt once the game is over.
[[nodiscard]] std::optional<GameParty> turn(const DisputeGame& game) noexcept;
// Blocks `party` has left at L1 block `l1_block`, counting the turn running now: its move may
// land up to that many blocks later. With 0 left the party to move loses in the next block.
[[nodiscard]] std::uint64_t clock_left(const DisputeGame& game, GameParty party,
                                       std::uint64_t l1_block) noexcept;

[[nodiscard]] std::string_view to_string(GameStatus v) noexcept;
[[nodiscard]] std::string_view to_string(GameEnd v) noexcept;
[[nodiscard]] std::string_view to_string(GameParty v) noexcept;
[[nodiscard]] std::string_view to_string(MoveKind v) noexcept;
[[nodiscard]] std::optional<GameStatus> parse_game_status(std::string_view text) noexcept;
[[nodiscard]] std::optional<GameEnd> parse_game_end(std::string_view text) noexcept;
[[nodiscard]] std::optional<GameParty> parse_game_party(std::string_view text) noexcept;
[[nodiscard]] std::optional<MoveKind> parse_move_kind(std::string_view text) noexcept;

}  // namespace optimist::l1
