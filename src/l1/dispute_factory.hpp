// The dispute game factory (docs/l1.md, "Dispute games") on the block being built: its
// calls, the bonds and credits games move, the end of games whose clock ran out, and the
// finalization gate that holds a disputed proposal. The moves themselves are game_rules.hpp.
//
// Money: a challenger's bond goes to the factory's balance when its game is created; a
// proposal's bond stays in the oracle's until its game is lost, then moves to the factory.
// Winners and refunds are credited (BlockState::credit) and paid out by claimCredit(), so
// the factory's balance is always the open games' bonds plus the credits it owes.
#pragma once

#include "block_state.hpp"
#include "game_rules.hpp"
#include "output_oracle.hpp"

#include <optimist/core/bytes.hpp>
#include <optimist/core/uint256.hpp>

#include <optional>
#include <string>

namespace optimist::l1 {

// Applies one transaction to the factory. On success returns nullopt, and the caller moves
// `value` from the sender to the factory as for any successful transaction (only
// createGame is payable). Otherwise returns the receipt's failure reason and `state` is
// unchanged.
[[nodiscard]] std::optional<std::string> apply_factory_call(BlockState& state, const MoveContext& ctx,
                                                            const Address& sender, const Uint256& value,
                                                            ByteView calldata);

// Ends every game whose party to move has no time left at the block being built (that party
// loses). Runs before the block's transactions, so a move in that block finds the game over.
void expire_games(BlockState& state);

// Holds a proposal while a game over it is open (the stub's own FinalizationGate).
class OpenGamesGate final : public FinalizationGate {
public:
    explicit OpenGamesGate(const BlockState& state) : state_(state) {}
    [[nodiscard]] bool holds(const OutputProposal& proposal, std::uint64_t) const override {
        return state_.has_open_game(proposal.index);
    }

private:
    const BlockState& state_;
};

}  // namespace optimist::l1
