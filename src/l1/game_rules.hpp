// The bisection game's moves on one DisputeGame, apart from bonds and proposals (the
// factory, dispute_factory.hpp, settles those). Each function either applies a whole move
// to `game` (clock charged, move recorded, descents and resolution done) or returns why the
// move is refused and leaves `game` as it was.
#pragma once

#include <optimist/core/bytes.hpp>
#include <optimist/core/result.hpp>
#include <optimist/l1/dispute_game.hpp>
#include <optimist/l1/dispute_referee.hpp>

#include <cstdint>
#include <optional>
#include <string>

namespace optimist::l1 {

struct MoveContext {
    const DisputeReferee* referee = nullptr;  // nullptr: moves that need it fail
    std::uint64_t l1_block = 0;               // the block being built: clocks and the move record
    // What the referee is asked "as of": the newest committed block (the parent of
    // l1_block), whose inbox data the referee can read in full (inbox_reader.hpp).
    std::uint64_t referee_l1_block = 0;
};

inline constexpr std::string_view kNoReferee = "dispute games disabled (no referee)";
// The largest level-3 range is 2^kMaxStepBits: positions stay in 64 bits.
inline constexpr unsigned kMaxStepBits = 63;

// After the move that created the game: descends while the range is a leaf (a level-1 leaf
// at creation when D = A + 1). The game's range, claims and turn_started must be set.
[[nodiscard]] Result<void, std::string> start_game(DisputeGame& game, const MoveContext& ctx);

[[nodiscard]] Result<void, std::string> bisect(DisputeGame& game, const Address& sender,
                                               const Hash& mid_claim, const MoveContext& ctx);
[[nodiscard]] Result<void, std::string> respond(DisputeGame& game, const Address& sender, bool agree,
                                                const MoveContext& ctx);
// Either party, at a proof leaf. An invalid proof (the referee's error) refuses the move.
[[nodiscard]] Result<void, std::string> prove_step(DisputeGame& game, const Address& sender, ByteView proof,
                                                   const MoveContext& ctx);

// Ends a game in progress: status, end, resolved block, and the running turn charged to
// the party to move (all of its clock when it lost on time).
void finish_game(DisputeGame& game, GameStatus status, GameEnd end, std::uint64_t l1_block);

// True when the party to move would have spent more than its clock by `l1_block`: it has
// lost. A move in `l1_block` is on time as long as this is false.
[[nodiscard]] bool clock_expired(const DisputeGame& game, std::uint64_t l1_block) noexcept;

}  // namespace optimist::l1
